from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from closeknit.desires.models import ITEM_TEXT_MAX

ANSWER_CHOICES = [("yes", _("Yes")), ("curious", _("Curious")), ("no", _("No"))]


class _Form(forms.Form):
    """Each form on a Desires page gets its own id prefix: several share one page."""

    id_prefix = "desires"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class OptInForm(_Form):
    id_prefix = "optin"
    adult = forms.BooleanField(
        label=_("I'm 18 or older"),
        error_messages={"required": _("Desires is for adults: confirm you're 18 or older.")},
    )
    want = forms.BooleanField(
        label=_("I'd like to do this practice with my partner"),
        error_messages={"required": _("Tick that you'd like to do this practice.")},
    )


class AnswerForm(_Form):
    id_prefix = "answer"
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=ANSWER_CHOICES,
        error_messages={
            "required": _("Choose yes, curious or no."),
            "invalid_choice": _("Choose yes, curious or no."),
        },
    )


class ReadyForm(_Form):
    id_prefix = "ready"
    ready = forms.TypedChoiceField(
        choices=[("yes", _("Ready for more")), ("no", _("Not yet"))],
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Say whether you're ready for more.")},
    )


class ProposeForm(_Form):
    id_prefix = "propose"
    text = forms.CharField(
        label=_("Your item, in your own words"),
        min_length=3,
        max_length=ITEM_TEXT_MAX,
        help_text=_("Up to 120 characters, kind and non-graphic."),
    )
    answer = forms.ChoiceField(
        label=_("Your own answer (private)"),
        choices=ANSWER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your own answer: yes, curious or no.")},
    )


class ConfirmForm(_Form):
    id_prefix = "confirm"
    seen = forms.IntegerField(min_value=0, max_value=10_000, widget=forms.HiddenInput)


class OffForm(_Form):
    id_prefix = "off"
    delete = forms.BooleanField(
        label=_("Also delete my answers and the items I added"),
        help_text=_("This can't be undone. Without it, your answers wait here, unseen."),
        required=False,
    )
