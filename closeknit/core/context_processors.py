from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from closeknit.tonight import registry


def closeknit(request: HttpRequest) -> dict[str, Any]:
    """The quick-exit target, and the navigation for pages inside a space."""
    context: dict[str, Any] = {"QUICK_EXIT_URL": settings.CLOSEKNIT_QUICK_EXIT_URL}
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    context["nav_active"] = {"couples": "space", "accounts": "you"}.get(namespace, namespace)
    if match and match.url_name == "list":
        context["nav_active"] = "spaces"
    space = getattr(request, "space", None)
    if space is not None:
        context["nav_space"] = space
        context["nav_practices"] = registry.active_for(space, request.user)  # type: ignore[arg-type]
    return context
