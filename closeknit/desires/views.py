"""Desires's pages. Thin: parse, authorise (``access.space_member``), call a service, render.

Every page 404s in a space marked "not romantic": there is no Desires practice there.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from closeknit.core.http import SpaceRequest
from closeknit.couples import access
from closeknit.desires import crypto, services
from closeknit.desires.forms import (
    AnswerForm,
    ConfirmForm,
    OffForm,
    OptInForm,
    ProposeForm,
    ReadyForm,
)

View = Callable[..., HttpResponse]
log = logging.getLogger(__name__)


def practice_page(view: View) -> View:
    """404 where the practice does not exist; a clear page when answers can't be read."""

    @functools.wraps(view)
    def wrapper(request: SpaceRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not services.available(request.space):
            raise Http404
        try:
            return view(request, *args, **kwargs)
        except (crypto.UnreadableAnswer, ImproperlyConfigured) as error:
            # Say what is wrong to whoever runs the server, never to the couple.
            log.error("Desires answers cannot be read or written: %s", error)
            return render(
                request,
                "core/error.html",
                {
                    "title": _("Desires can't be opened right now"),
                    "message": _(
                        "Answers here are encrypted, and the key to read them isn't available "
                        "on the server. Please let whoever runs closeknit know."
                    ),
                },
                status=503,
            )

    return wrapper


def _home_url(request: SpaceRequest) -> str:
    return reverse("desires:home", args=[request.space.public_id])


def _tier_url(request: SpaceRequest, tier: int, anchor: str = "") -> str:
    url = reverse("desires:tier", args=[request.space.public_id, tier])
    return f"{url}#{anchor}" if anchor else url


def _refused(request: SpaceRequest, error: services.DesiresError) -> HttpResponse:
    """A rule said no. Pages send someone who isn't in back to the start."""
    if error.code == "not_on" and request.method in ("GET", "HEAD"):
        return redirect(_home_url(request))
    template = "desires/refused.html#message" if request.htmx else "desires/refused.html"
    return render(
        request,
        template,
        {"space": request.space, "message": error.message, "not_on": error.code == "not_on"},
        status=error.status,
    )


# Turning it on and off


@access.space_member
@practice_page
@require_safe
def home(request: SpaceRequest) -> HttpResponse:
    context: dict[str, Any] = {"space": request.space}
    if request.partner is None:
        return render(request, "desires/no_partner.html", context)
    current = services.status(request.space, request.user, request.partner)
    if not current.mine:
        # The same page whatever the partner chose: it never hints at their choice.
        context["form"] = OptInForm()
        return render(request, "desires/optin.html", context)
    if not current.both:
        return render(request, "desires/waiting.html", context)
    context["overview"] = services.overview(request.space, request.user, request.partner)
    return render(request, "desires/home.html", context)


@access.space_member
@practice_page
@require_POST
def opt_in(request: SpaceRequest) -> HttpResponse:
    form = OptInForm(request.POST)
    if request.partner is None:
        return render(request, "desires/no_partner.html", {"space": request.space}, status=409)
    if not form.is_valid():
        return render(
            request, "desires/optin.html", {"space": request.space, "form": form}, status=400
        )
    services.opt_in(
        request.space,
        request.user,
        adult=form.cleaned_data["adult"],
        want=form.cleaned_data["want"],
    )
    messages.success(request, _("You've turned Desires on."))
    return redirect(_home_url(request))


@access.space_member
@practice_page
@require_http_methods(["GET", "HEAD", "POST"])
def off(request: SpaceRequest) -> HttpResponse:
    form = OffForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not form.is_valid():
            return render(
                request, "desires/off.html", {"space": request.space, "form": form}, status=400
            )
        services.opt_out(request.space, request.user, delete=form.cleaned_data["delete"])
        if form.cleaned_data["delete"]:
            messages.success(request, _("Desires is off, and your answers are deleted."))
        else:
            messages.success(
                request, _("Desires is off. Nothing of yours is visible to your partner.")
            )
        return redirect(_home_url(request))
    return render(request, "desires/off.html", {"space": request.space, "form": form})


# Answering


def _render_tier(request: SpaceRequest, tier: Any, status: int = 200) -> HttpResponse:
    view = services.tier_view(request.space, request.user, request.partner, tier)
    return render(
        request,
        "desires/tier.html",
        {"space": request.space, "tv": view, "ready_form": ReadyForm()},
        status=status,
    )


@access.space_member
@practice_page
@require_safe
def tier(request: SpaceRequest, tier: int) -> HttpResponse:
    try:
        return _render_tier(request, tier)
    except services.DesiresError as error:
        return _refused(request, error)


@access.space_member
@practice_page
@require_POST
def answer(request: SpaceRequest, item_id: int) -> HttpResponse:
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _refused(
            request, services.DesiresError("bad_answer", _("Choose yes, curious or no."))
        )
    try:
        item = services.answer(
            request.space, request.user, request.partner, item_id, form.cleaned_data["answer"]
        )
    except services.DesiresError as error:
        return _refused(request, error)
    if request.htmx:
        view = services.tier_view(request.space, request.user, request.partner, item.tier)
        return render(
            request,
            "desires/answered.html",
            {
                "space": request.space,
                "tv": view,
                "view": next(v for v in view.items if v.item.pk == item.pk),
                "ready_form": ReadyForm(),
            },
        )
    return redirect(_tier_url(request, item.tier, f"item-{item.pk}"))


@access.space_member
@practice_page
@require_POST
def ready(request: SpaceRequest) -> HttpResponse:
    form = ReadyForm(request.POST)
    if not form.is_valid():
        return _refused(
            request,
            services.DesiresError("bad_ready", _("Say whether you're ready for more.")),
        )
    try:
        opened = services.set_ready(
            request.space, request.user, request.partner, ready=form.cleaned_data["ready"]
        )
    except services.DesiresError as error:
        return _refused(request, error)
    if opened:
        messages.success(request, _("You're both ready: the next tier is open."))
    elif form.cleaned_data["ready"]:
        messages.success(request, _("Noted. The next tier opens once you're both ready."))
    else:
        messages.success(request, _("No rush. Say so again whenever you like."))
    return redirect(_home_url(request))


@access.space_member
@practice_page
@require_http_methods(["GET", "HEAD", "POST"])
def propose(request: SpaceRequest) -> HttpResponse:
    current = services.status(request.space, request.user, request.partner)
    if not current.both:
        return _refused(request, services.not_on())
    form = ProposeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.propose(
                request.space,
                request.user,
                request.partner,
                text=form.cleaned_data["text"],
                value=form.cleaned_data["answer"],
            )
        except services.DesiresError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(
                request, _("Added. Your partner can answer it now, without seeing your answer.")
            )
            return redirect(_tier_url(request, item.tier, f"item-{item.pk}"))
    return render(
        request,
        "desires/propose.html",
        {"space": request.space, "form": form, "open_tier": current.open_tier},
        status=400 if form.errors else 200,
    )


@access.space_member
@practice_page
@require_POST
def remove(request: SpaceRequest, item_id: int) -> HttpResponse:
    try:
        services.remove_item(request.space, request.user, request.partner, item_id)
    except services.DesiresError as error:
        return _refused(request, error)
    messages.success(request, _("Your item is removed, with both answers to it."))
    return redirect(_home_url(request))


# Matches


@access.space_member
@practice_page
@require_safe
def matches(request: SpaceRequest) -> HttpResponse:
    try:
        tiers = services.matches(request.space, request.user, request.partner)
    except services.DesiresError as error:
        return _refused(request, error)
    return render(request, "desires/matches.html", {"space": request.space, "tiers": tiers})


@access.space_member
@practice_page
@require_POST
def confirm(request: SpaceRequest, tier: int) -> HttpResponse:
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return _refused(
            request,
            services.DesiresError("bad_confirm", _("Confirm from the matches page.")),
        )
    try:
        services.confirm(
            request.space, request.user, request.partner, tier, seen=form.cleaned_data["seen"]
        )
    except services.DesiresError as error:
        return _refused(request, error)
    url = reverse("desires:matches", args=[request.space.public_id])
    return redirect(f"{url}#tier-{tier}")
