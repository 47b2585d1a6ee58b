"""The responses a partner can choose: engaged and curious, never evaluative."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# Responses to a disclosure: they show understanding, validation and care (Reis & Shaver).
DISCLOSURE = {
    "tell_me_more": _("Tell me more"),
    "moved": _("That moved me"),
    "glad_you_told": _("I'm glad you told me"),
    "understand": _("I understand you better now"),
    "with_you": _("I'm with you"),
}

# Responses to good news: enthusiastic and engaged ("active-constructive", Gable et al.).
WIN = {
    "so_happy": _("I'm so happy for you"),
    "tell_everything": _("Tell me everything"),
    "proud": _("I'm proud of you"),
    "celebrate": _("Let's celebrate this"),
    "how_felt": _("How did it feel?"),
}

ALL = {**DISCLOSURE, **WIN}


def label(slug: str) -> str:
    return str(ALL.get(slug, ""))
