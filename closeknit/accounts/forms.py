from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from closeknit.accounts.models import (
    DISPLAY_NAME_MAX,
    PRONOUNS_MAX,
    Safety,
    User,
    normalize_email,
)
from closeknit.core.timeutil import is_valid_time_zone, time_zone_names
from closeknit.tonight import registry


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(time_zone_names())]


class TimeZoneField(forms.ChoiceField):
    """A time zone select that a small script pre-fills from the browser."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Time zone"))
        kwargs.setdefault("help_text", _("So “today” and “tonight” mean the same to you as to us."))
        super().__init__(choices=time_zone_choices, **kwargs)
        self.widget.attrs["data-detect-time-zone"] = ""

    def validate(self, value: Any) -> None:
        if not is_valid_time_zone(value):
            raise forms.ValidationError(_("Please choose a time zone from the list."))


class SignUpForm(forms.ModelForm):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not a common password."),
    )
    time_zone = TimeZoneField(initial="UTC")

    class Meta:
        model = User
        fields = ("display_name", "email")
        labels = {"display_name": _("Your name"), "email": _("Email")}
        help_texts = {"display_name": _("What your partner calls you.")}
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "display_name": forms.TextInput(attrs={"autocomplete": "nickname"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True

    def clean_email(self) -> str:
        email = normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("That email already has an account. Try logging in instead.")
            )
        return email

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        password = self.cleaned_data.get("password1")
        if password:
            try:
                password_validation.validate_password(password, self.instance)
            except forms.ValidationError as error:
                self.add_error("password1", error)

    def save(self, commit: bool = True) -> User:
        user: User = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        user.time_zone = self.cleaned_data["time_zone"]
        if commit:
            user.save()
        return user


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def clean_username(self) -> str:
        return normalize_email(self.cleaned_data["username"])


class ProfileForm(forms.ModelForm):
    time_zone = TimeZoneField()

    class Meta:
        model = User
        fields = ("display_name", "pronouns", "time_zone")
        labels = {"display_name": _("Your name"), "pronouns": _("Pronouns (optional)")}
        help_texts = {"pronouns": _("For example: she/her, he/him, they/them.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True
        self.fields["display_name"].max_length = DISPLAY_NAME_MAX  # type: ignore[attr-defined]
        self.fields["pronouns"].max_length = PRONOUNS_MAX  # type: ignore[attr-defined]


class OnboardingForm(ProfileForm):
    practices = forms.MultipleChoiceField(
        label=_("Which practices would you like?"),
        help_text=_("You can change this any time, and your partner won't see your choice."),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    safety = forms.ChoiceField(
        label=_(
            "Do you feel safe doing relationship exercises with the person you share your "
            "space with?"
        ),
        help_text=_(
            "Only you see this answer. Unless you feel safe, we'll quietly keep the joint "
            "exercises off for you; your partner won't be told why."
        ),
        choices=Safety.choices,
        # Asked, never assumed: no answer is pre-selected.
        widget=forms.RadioSelect,
    )
    reminder_time = forms.TimeField(
        label=_("When in the evening suits you for a gentle reminder?"),
        help_text=_("Optional. Reminders never say what's inside the app."),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    class Meta(ProfileForm.Meta):
        fields = ("display_name", "pronouns", "time_zone", "reminder_time", "safety")  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        practices = registry.all_practices()
        choices = [(p.slug, p.name) for p in practices]
        self.fields["practices"].choices = choices  # type: ignore[attr-defined]
        self.practice_descriptions = {p.slug: p.description for p in practices}
        if self.instance.pk:
            self.initial["practices"] = [p.slug for p in practices if self.instance.wants(p.slug)]
        if not practices:
            del self.fields["practices"]

    def save(self, commit: bool = True) -> User:
        user: User = super().save(commit=False)
        chosen = set(self.cleaned_data.get("practices") or [])
        if user.safety != Safety.SAFE:
            chosen = set()  # every practice is done with the partner: all of them pause
        if "practices" in self.fields:
            user.practices_off = sorted(
                p.slug for p in registry.all_practices() if p.slug not in chosen
            )
        if commit:
            user.save()
        return user
