from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from closeknit.listen import services
from closeknit.listen.models import (
    OWN_TOPIC_MAX,
    TEXT_MAX,
    TURN_MINUTES_DEFAULT,
    TURN_MINUTES_MAX,
    TURN_MINUTES_MIN,
    ListenSession,
)

UNDERSTOOD_CHOICES = [
    (1, _("1 · Not at all")),
    (2, "2"),
    (3, "3"),
    (4, _("4 · Somewhat")),
    (5, "5"),
    (6, "6"),
    (7, _("7 · Completely")),
]
MINUTE_CHOICES = [
    (n, ngettext_lazy("%(n)s minute", "%(n)s minutes", "n") % {"n": n})
    for n in range(TURN_MINUTES_MIN, TURN_MINUTES_MAX + 1)
]


class _Form(forms.Form):
    """Each form on a Listen page gets its own id prefix: several share one page."""

    id_prefix = "listen"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class StartForm(_Form):
    id_prefix = "start"
    mode = forms.ChoiceField(
        label=_("How will you talk?"),
        choices=[
            (
                ListenSession.Mode.IN_PERSON,
                _("In person: one phone each, the screen keeps the floor"),
            ),
            (ListenSession.Mode.IN_WRITING, _("In writing: for when you're apart")),
        ],
        widget=forms.RadioSelect,
        initial=ListenSession.Mode.IN_PERSON,
    )
    # A catalog key; the service checks it exists and its level is open.
    topic = forms.CharField(max_length=60, required=False)
    own_topic = forms.CharField(
        label=_("Or your own topic"),
        max_length=OWN_TOPIC_MAX,
        required=False,
        help_text=_("If you write one, it's used instead."),
    )
    first = forms.ChoiceField(
        label=_("Who speaks first?"),
        choices=[("me", _("I'll speak first")), ("partner", _("My partner speaks first"))],
        widget=forms.RadioSelect,
        initial="me",
    )
    turn_minutes = forms.TypedChoiceField(
        label=_("Turn length (in person)"),
        choices=MINUTE_CHOICES,
        coerce=int,
        initial=TURN_MINUTES_DEFAULT,
        help_text=_("You can change it during the session."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("own_topic") or "").strip() and not data.get("topic"):
            raise forms.ValidationError(_("Choose a topic, or write your own."))
        return data


class _TextStep(_Form):
    """A step that sends words; ``action`` says which step."""

    action = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(
        max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5, "maxlength": TEXT_MAX})
    )


class SpeakForm(_TextStep):
    id_prefix = "speak"
    text = forms.CharField(
        label=_("What's on your mind?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Up to 1,500 characters. Your partner reads it once you send it."),
    )


class ReflectForm(_TextStep):
    id_prefix = "reflect"
    text = forms.CharField(
        label=_("What did you hear?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say it back in your own words, and the feeling you hear. No advice yet."),
    )


class CorrectForm(_TextStep):
    id_prefix = "correct"
    text = forms.CharField(
        label=_("What did they miss?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A sentence or two is enough. They'll reflect again."),
    )


class ReplyForm(_TextStep):
    id_prefix = "reply"
    text = forms.CharField(
        label=_("Your reply"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Then the floor is yours."),
    )


TEXT_FORMS: dict[str, type[_TextStep]] = {
    services.SEND: SpeakForm,
    services.REFLECT: ReflectForm,
    services.PARTLY: CorrectForm,
    services.REPLY: ReplyForm,
}


class ActionForm(_Form):
    """A step without words: a button's name and value."""

    id_prefix = "action"
    action = forms.ChoiceField(choices=[(a, a) for a in services.ACTIONS])


class CoachForm(forms.Form):
    text = forms.CharField(max_length=TEXT_MAX * 2, required=False, strip=False)


class SettingsForm(_Form):
    id_prefix = "settings"
    turn_minutes = forms.TypedChoiceField(
        label=_("Turn length"), choices=MINUTE_CHOICES, coerce=int
    )


class RateForm(_Form):
    id_prefix = "rate"
    understood = forms.TypedChoiceField(
        label=_("How understood did you feel?"),
        help_text=_("Only you see this. It's how closeknit learns whether listening helps."),
        choices=UNDERSTOOD_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
    )
