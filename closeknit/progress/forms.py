from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from closeknit.progress import charts
from closeknit.progress.instruments import Instrument
from closeknit.progress.models import LEVELS

# What each of the seven pictures shows, for people who cannot see them (and for everyone).
CLOSENESS_NAMES = {
    1: _("apart"),
    2: _("just touching"),
    3: _("a little overlap"),
    4: _("some overlap"),
    5: _("a lot of overlap"),
    6: _("mostly together"),
    7: _("almost one"),
}

UNDERSTOOD_WORDS = {1: _("Not at all"), 4: _("Somewhat"), 7: _("Completely")}
UNDERSTOOD_CHOICES = [(value, str(value)) for value in range(1, LEVELS + 1)]


def closeness_label(value: int) -> str:
    return str(
        _("%(value)s of %(levels)s: %(name)s")
        % {"value": value, "levels": LEVELS, "name": CLOSENESS_NAMES[value]}
    )


class _Form(forms.Form):
    """Each form gets its own id prefix, so several can share one page."""

    id_prefix = "progress"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)

    def scale(self, name: str, labels: dict[int, Any]) -> dict[str, Any]:
        """A 1..n radio group drawn as one row of numbers; the words stay in each label.

        Points with a word show it under the row too; for screen readers the word is part
        of that radio's own label.
        """
        field = self[name]
        chosen = str(field.value() or "")
        values = [value for value, _label in self.fields[name].choices]  # type: ignore[attr-defined]
        return {
            "field": field,
            "name": field.html_name,
            "legend_id": f"{field.auto_id}-legend",
            "options": [
                {
                    "value": value,
                    "id": f"{field.auto_id}-{value}",
                    "word": labels.get(value, ""),
                    "checked": chosen == str(value),
                }
                for value in values
            ],
            "ends": [(value, labels[value]) for value in values if value in labels],
        }


class DailyForm(_Form):
    id_prefix = "daily"
    closeness = forms.TypedChoiceField(
        label=_("Which picture fits the two of you today?"),
        choices=[(value, CLOSENESS_NAMES[value]) for value in range(1, LEVELS + 1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the seven pictures.")},
    )
    understood = forms.TypedChoiceField(
        label=_("How understood did you feel today?"),
        help_text=_("Optional."),
        choices=UNDERSTOOD_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
    )

    def understood_scale(self) -> dict[str, Any]:
        return self.scale("understood", UNDERSTOOD_WORDS)

    def pictures(self) -> list[dict[str, Any]]:
        """The seven choices with their drawing, for the template's radio group."""
        chosen = str(self["closeness"].value() or "")
        return [
            {
                "value": level.value,
                "id": f"{self.id_prefix}-closeness-{level.value}",
                "label": closeness_label(level.value),
                # Strings, so that number localisation never reaches the SVG attributes.
                "left": f"{level.left:.2f}",
                "right": f"{level.right:.2f}",
                "radius": f"{level.radius:.2f}",
                "checked": chosen == str(level.value),
            }
            for level in charts.closeness_levels(LEVELS)
        ]


class CheckInForm(_Form):
    """A questionnaire's items as radio groups, built from its YAML definition."""

    id_prefix = "check"

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        scale = instrument.scale
        choices = [(value, str(value)) for value in range(scale.minimum, scale.maximum + 1)]
        for item in instrument.items:
            self.fields[item.key] = forms.TypedChoiceField(
                label=item.text,
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
            )

    def groups(self) -> list[dict[str, Any]]:
        labels = dict(self.instrument.scale.labels)
        return [self.scale(item.key, labels) for item in self.instrument.items]

    def answers(self) -> dict[str, int | None]:
        return {item.key: self.cleaned_data.get(item.key) for item in self.instrument.items}


class SharingForm(_Form):
    id_prefix = "sharing"
    share = forms.BooleanField(
        label=_("Let my partner see my check-ins"),
        help_text=_(
            "Your daily closeness, how understood you felt, and your weekly score. "
            "You can stop sharing at any time."
        ),
        required=False,
    )
