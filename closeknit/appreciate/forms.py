from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from closeknit.appreciate import qualities
from closeknit.appreciate.models import REPLY_MAX, TEXT_MAX


class _Form(forms.Form):
    """Each form gets its own id prefix: several can share one page."""

    id_prefix = "appreciate"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class _TextField(forms.CharField):
    """Browsers send line breaks as CRLF but count them as one character: so do we."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).replace("\r\n", "\n")


class AppreciationForm(_Form):
    id_prefix = "appreciate"
    text = _TextField(
        label=_("Your appreciation"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One thing they did, and what it shows about them. Up to 1,000 characters. "
            "Your partner finds it in their jar."
        ),
        error_messages={"required": _("Write a few words for your partner first.")},
    )


class CoachForm(_Form):
    """What the live coach reads: the same field as the form it sits in."""

    text = _TextField(max_length=TEXT_MAX, required=False)


class FavouriteForm(_Form):
    id_prefix = "favourite"
    favourite = forms.TypedChoiceField(
        choices=[("1", _("Save")), ("0", _("Remove"))],
        coerce=lambda value: value == "1",
        error_messages={"required": _("Choose whether to save it or not.")},
    )


class ReactForm(_Form):
    id_prefix = "react"
    words = _TextField(
        label=_("Add a few words (optional)"),
        max_length=REPLY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class JarFilterForm(forms.Form):
    quality = forms.ChoiceField(
        required=False,
        choices=[("", "")] + [(slug, qualities.LABELS[slug]) for slug in qualities.ORDER],
        error_messages={"invalid_choice": _("There is no such quality to filter by.")},
    )
    favourites = forms.BooleanField(required=False)
