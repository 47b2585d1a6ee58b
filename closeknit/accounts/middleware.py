from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

# Paths a signed-in person may reach before finishing onboarding.
_OPEN_PREFIXES = ("/accounts/", "/welcome/", "/static/", "/api/", "/admin/", "/join/")


class OnboardingMiddleware:
    """Send a signed-in person who has not finished onboarding to it (pages only)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.onboarded_at is None
            and request.method == "GET"
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            return redirect(f"{reverse('accounts:onboarding')}?next={request.path}")
        return self.get_response(request)
