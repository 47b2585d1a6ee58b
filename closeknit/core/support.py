"""Support resources, and the calm pause shown to someone whose words sound like a crisis."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from closeknit.coaching import crisis


def resources() -> list[tuple[str, str]]:
    # crisis.RESOURCES is framework-free English; gettext here lets a translation file cover it.
    return [(_(name), _(description)) for name, description in crisis.RESOURCES]


def pause_if_crisis(request: HttpRequest, text: str, continue_url: str) -> HttpResponse | None:
    """The pause screen for the writer when ``text`` sounds like a crisis, else None.

    Only the writer sees it; nothing is stored or sent to anyone (DESIGN.md, principle 2).
    """
    if not crisis.detect(text):
        return None
    template = "core/pause.html#card" if getattr(request, "htmx", False) else "core/pause.html"
    return render(request, template, {"resources": resources(), "continue_url": continue_url})
