from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from closeknit.core.support import resources


@require_safe
def support(request: HttpRequest) -> HttpResponse:
    """Where to find help. Public, so it can be reached from anywhere, signed in or not."""
    return render(request, "core/support.html", {"resources": resources()})


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """django-ratelimit's blocked view: a calm 429 instead of a bare 403."""
    return render(
        request,
        "core/error.html",
        {
            "title": _("Let's slow down a little"),
            "message": _("That was tried too many times. Please wait a few minutes and try again."),
        },
        status=429,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"title": _("That didn't work"), "message": _("The request could not be understood.")},
        status=400,
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"title": _("Not allowed"), "message": _("You can't do that here.")},
        status=403,
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {
            "title": _("Nothing here"),
            "message": _("This page doesn't exist, or isn't yours to see."),
        },
        status=404,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {
            "title": _("Something went wrong on our side"),
            "message": _("Nothing you saved is lost. Please try again in a moment."),
        },
        status=500,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {
            "title": _("This form expired"),
            "message": _("Please go back, reload the page and send it again."),
        },
        status=403,
    )
