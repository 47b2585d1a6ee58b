"""The coach's view of a text, in translatable words for the page and the API.

``closeknit.coaching.appreciation`` is framework-free and speaks English; this module maps its
hints onto translatable strings and its score onto a calm description, never a grade.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from closeknit.appreciate import qualities
from closeknit.coaching import appreciation as coach

HINTS: dict[str, Promise] = {
    coach.HINT_TURN: _("Try turning it toward them: what did it say about who they are?"),
    coach.HINT_MOMENT: _("Name the moment: when did you notice it?"),
    coach.HINT_SHOWS: _("Say what it shows about them."),
    coach.HINT_ADDRESS: _("Speak to them directly: “You …”."),
    coach.HINT_START: _("Think of one thing they did lately that you loved, and start there."),
}
_BIG_WORD_BEFORE, _BIG_WORD_AFTER = coach.HINT_SUPERLATIVE.split("{word}")

# (lowest score, words): the meter's description, read from the top down.
BANDS: tuple[tuple[int, Promise], ...] = (
    (80, _("Vivid, and all about them")),
    (60, _("Specific and about them")),
    (35, _("Getting specific")),
    (1, _("A warm start")),
    (0, _("Waiting for your words")),
)


def translate_hint(hint: str) -> str:
    if hint in HINTS:
        return str(HINTS[hint])
    if hint.startswith(_BIG_WORD_BEFORE) and hint.endswith(_BIG_WORD_AFTER):
        word = hint[len(_BIG_WORD_BEFORE) : len(hint) - len(_BIG_WORD_AFTER)]
        return gettext("Swap a big word like “%(word)s” for the detail that made it so.") % {
            "word": word
        }
    return hint


def describe(score: int) -> str:
    for lowest, words in BANDS:
        if score >= lowest:
            return str(words)
    return str(BANDS[-1][1])


@dataclass(frozen=True)
class Feedback:
    score: int
    words: str
    hints: list[str]
    qualities: list[str]  # slugs
    empty: bool = False
    too_long: bool = False

    @property
    def quality_labels(self) -> list[str]:
        return [qualities.label(slug) for slug in self.qualities]


def for_text(text: str, *, limit: int | None = None) -> Feedback:
    """The coach's feedback on ``text``. Never raises; empty text gets a gentle start."""
    text = text or ""
    stripped = text.strip()
    if not stripped:
        return Feedback(
            score=0,
            words=describe(0),
            hints=[str(HINTS[coach.HINT_START])],
            qualities=[],
            empty=True,
        )
    result = coach.assess(stripped)
    return Feedback(
        score=result.score,
        words=describe(result.score),
        hints=[translate_hint(h) for h in result.hints],
        qualities=[q for q in result.qualities if qualities.is_known(q)],
        too_long=limit is not None and len(stripped) > limit,
    )
