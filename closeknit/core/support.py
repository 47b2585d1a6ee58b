"""Support resources, shown on the support page and wherever crisis language is noticed."""

from __future__ import annotations

from django.utils.translation import gettext as _

from closeknit.coaching import crisis


def resources() -> list[tuple[str, str]]:
    # crisis.RESOURCES is framework-free English; gettext here lets a translation file cover it.
    return [(_(name), _(description)) for name, description in crisis.RESOURCES]
