"""Small display helpers for Explore's templates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def tag_names(tags: Iterable[str] | None, labels: Mapping[str, str]) -> list[str]:
    """The labels of an activity's tags, leaving out the ones the catalog no longer has."""
    return [labels[t] for t in tags or () if t in labels]


@register.filter
def duration(minutes: int | None) -> str:
    """30 min, 1½ hours, 3 hours, 2 days: roughly, as a person would say it."""
    if not minutes:
        return ""
    if minutes < 60:
        return _("%(n)s min") % {"n": minutes}
    if minutes < 24 * 60:
        hours = minutes / 60
        if hours == int(hours):
            count = int(hours)
            return ngettext("%(n)s hour", "%(n)s hours", count) % {"n": count}
        return _("%(n)s hours") % {"n": f"{hours:.1f}".rstrip("0").rstrip(".")}
    days = round(minutes / (24 * 60))
    return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}
