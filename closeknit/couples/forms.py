from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from closeknit.accounts.forms import TimeZoneField
from closeknit.couples.models import SPACE_NAME_MAX


class NewSpaceForm(forms.Form):
    name = forms.CharField(
        label=_("A name for your space (optional)"),
        help_text=_("Only the two of you see it. For example: “Us”, or both your names."),
        max_length=SPACE_NAME_MAX,
        required=False,
    )
    romantic = forms.TypedChoiceField(
        label=_("Who is this space for?"),
        choices=[
            ("yes", _("My partner and me")),
            ("no", _("A friend or family member and me (not romantic)")),
        ],
        coerce=lambda value: value == "yes",
        initial="yes",
        widget=forms.RadioSelect,
    )


class SpaceSettingsForm(NewSpaceForm):
    time_zone = TimeZoneField(
        help_text=_(
            "The space's day starts at midnight here: it decides when tonight's step changes."
        )
    )


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Invite code"),
        help_text=_("10 letters and numbers, like K7QM4-XPA2R. Dashes and spaces are fine."),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
