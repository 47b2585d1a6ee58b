"""The listening coach as Listen shows it: translated labels and hints around ``assess``.

``closeknit.coaching.listening`` is framework-free English; gettext here lets a translation
file cover it. Coach notes are private to the listener who wrote the reflection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from closeknit.coaching import crisis, listening

FLAG_LABELS: dict[str, Promise] = {
    "advice": _("Advice"),
    "judgment": _("Judgment"),
    "minimizing": _("Making it smaller"),
    "self_focus": _("Turning to yourself"),
    "rebuttal": _("Defending your side"),
    "interrogation": _("A string of questions"),
}
STRENGTH_LABELS: dict[str, Promise] = {
    "paraphrase": _("Said it back"),
    "feeling": _("Named the feeling"),
    "validation": _("Made sense of it"),
    "open_question": _("Asked an open question"),
}


@dataclass(frozen=True)
class Notes:
    """What the coach noticed in one reflection, ready to show its author."""

    flags: list[str] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    heavy: bool = False  # the draft sounds like a crisis: offer support, gently

    @property
    def empty(self) -> bool:
        return not (self.flags or self.strengths or self.hints)

    @property
    def flag_labels(self) -> list[str]:
        return [str(FLAG_LABELS[f]) for f in self.flags if f in FLAG_LABELS]

    @property
    def strength_labels(self) -> list[str]:
        return [str(STRENGTH_LABELS[s]) for s in self.strengths if s in STRENGTH_LABELS]

    def stored(self) -> dict[str, Any]:
        """The assessment as saved on the reflection (hints stay in English, like the coach)."""
        return {"flags": self.flags, "strengths": self.strengths, "hints": self.hints}


def assess(speaker_text: str, reflection: str) -> Notes:
    result = listening.assess(speaker_text, reflection)
    return Notes(flags=result.flags, strengths=result.strengths, hints=result.hints)


def notes_from(stored: dict[str, Any] | None) -> Notes:
    stored = stored or {}
    return Notes(
        flags=[f for f in stored.get("flags", []) if f in FLAG_LABELS],
        strengths=[s for s in stored.get("strengths", []) if s in STRENGTH_LABELS],
        hints=[str(h) for h in stored.get("hints", [])],
    )


def translated(notes: Notes) -> Notes:
    return Notes(
        flags=notes.flags,
        strengths=notes.strengths,
        hints=[gettext(hint) for hint in notes.hints],
        heavy=notes.heavy,
    )


def preview(speaker_text: str, draft: str) -> Notes:
    """Live feedback on a draft reflection. Nothing is stored: a draft is never shared."""
    notes = assess(speaker_text, draft)
    return translated(Notes(notes.flags, notes.strengths, notes.hints, heavy=crisis.detect(draft)))
