from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from closeknit.explore.models import (
    DESCRIPTION_MAX,
    NOTE_MAX,
    TITLE_MAX,
    BestTime,
    Cost,
    Energy,
    Mark,
    Season,
    Setting,
)

# Numbers only, in one row of seven; the field's help text names the two ends.
SCALE_CHOICES = [(n, str(n)) for n in range(1, 8)]
LEVEL_CHOICES = [
    (1, _("1 · Gentle")),
    (2, "2"),
    (3, _("3 · Lively")),
    (4, "4"),
    (5, _("5 · Thrilling")),
]
BUDGET_CHOICES = [("", _("Any budget")), *Cost.choices]
ENERGY_CHOICES = [("", _("Either")), *Energy.choices]
TIME_CHOICES = [
    ("", _("Any length")),
    ("30", _("Half an hour")),
    ("60", _("An hour")),
    ("90", _("90 minutes")),
    ("180", _("A few hours")),
    ("480", _("A day")),
]


class _Form(forms.Form):
    """Each form on an Explore page gets its own id prefix: several share one page."""

    id_prefix = "explore"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class MarkForm(_Form):
    """Either mark may be sent alone; an absent one stays as it was, an empty one is cleared."""

    interest = forms.ChoiceField(
        label=_("Would you like to?"),
        choices=Mark.Interest.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    newness = forms.ChoiceField(
        label=_("Have you done it before?"),
        choices=Mark.Newness.choices,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args: Any, activity_id: int = 0, **kwargs: Any) -> None:
        self.id_prefix = f"mark-{activity_id}"
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "interest" not in self.data and "newness" not in self.data:
            raise forms.ValidationError(_("Choose want to, maybe or not for me."))
        return data

    def marks(self) -> dict[str, str | None]:
        """Only what was sent: a mark not in the request is left alone."""
        return {
            name: (self.cleaned_data.get(name) or "") if name in self.data else None
            for name in ("interest", "newness")
        }


class SuggestForm(_Form):
    """The plan's constraints. Every field is optional: an empty form means anything goes."""

    id_prefix = "suggest"
    budget = forms.ChoiceField(label=_("Budget"), choices=BUDGET_CHOICES, required=False)
    minutes = forms.TypedChoiceField(
        label=_("Time you have"),
        choices=TIME_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    setting = forms.MultipleChoiceField(
        label=_("Where"),
        choices=Setting.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    energy = forms.ChoiceField(label=_("Energy"), choices=ENERGY_CHOICES, required=False)
    maybes = forms.BooleanField(label=_("Include maybes"), required=False)
    again = forms.BooleanField(label=_("Include things you've done together"), required=False)
    shuffle = forms.IntegerField(
        min_value=0, max_value=1000, required=False, widget=forms.HiddenInput
    )


class PlanForm(_Form):
    id_prefix = "plan"
    date = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(
        label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    def __init__(self, *args: Any, time_zone: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if time_zone:
            self.fields["time"].help_text = _("On your space's clock (%(zone)s).") % {
                "zone": time_zone
            }


class RatingForm(_Form):
    id_prefix = "rate"
    closeness = forms.TypedChoiceField(
        label=_("How close did you feel?"),
        help_text=_("1 is not close at all, 7 is very close."),
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
    )
    excitement = forms.TypedChoiceField(
        label=_("How new or exciting was it?"),
        help_text=_("1 is same as ever, 7 is thrilling."),
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
    )
    note = forms.CharField(
        label=_("A memory to keep (optional)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Your partner will see this note: it's a shared memory. "
            "Your two numbers stay private to you."
        ),
    )


class ActivityForm(_Form):
    """A space's own activity: the catalog's fields, with gentle defaults for the rest."""

    id_prefix = "activity"
    title = forms.CharField(label=_("What is it?"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("A line about it"),
        max_length=DESCRIPTION_MAX,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    tags = forms.MultipleChoiceField(
        label=_("What kind of thing? (up to three)"),
        widget=forms.CheckboxSelectMultiple,
    )
    minutes = forms.IntegerField(label=_("About how many minutes?"), min_value=5, max_value=20160)
    cost = forms.ChoiceField(label=_("Cost"), choices=Cost.choices, initial=Cost.FREE)
    setting = forms.ChoiceField(label=_("Where"), choices=Setting.choices, initial=Setting.HOME)
    energy = forms.ChoiceField(label=_("Energy"), choices=Energy.choices, initial=Energy.CALM)
    excitement = forms.TypedChoiceField(
        label=_("How exciting?"), choices=LEVEL_CHOICES, coerce=int, initial=3
    )
    novelty = forms.TypedChoiceField(
        label=_("How unusual?"), choices=LEVEL_CHOICES, coerce=int, initial=3
    )
    best_time = forms.ChoiceField(label=_("Best time"), choices=BestTime.choices, initial="any")
    season = forms.ChoiceField(label=_("Season"), choices=Season.choices, initial="any")
    accessibility = forms.CharField(
        label=_("Anything to know to make it work for both of you? (optional)"),
        max_length=240,
        required=False,
    )
    interest = forms.ChoiceField(
        label=_("Your own mark"),
        choices=Mark.Interest.choices[:2],
        widget=forms.RadioSelect,
        initial=Mark.Interest.WANT,
        help_text=_("Private, like every mark. Your partner sees the activity, not who added it."),
    )

    def __init__(self, *args: Any, tags: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tags"].choices = list(tags.items())  # type: ignore[attr-defined]

    def clean_tags(self) -> list[str]:
        tags: list[str] = self.cleaned_data["tags"]
        if len(tags) > 3:
            raise forms.ValidationError(_("Choose up to three."))
        return tags

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())
