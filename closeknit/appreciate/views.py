"""Appreciate's pages. Thin: parse, authorise (``access.space_member``), call a service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from closeknit.appreciate import feedback, qualities, services
from closeknit.appreciate.forms import (
    AppreciationForm,
    CoachForm,
    FavouriteForm,
    JarFilterForm,
    ReactForm,
)
from closeknit.appreciate.models import TEXT_MAX, Appreciation
from closeknit.core.http import SpaceRequest
from closeknit.couples import access

# Write


def _just_sent(request: SpaceRequest) -> Appreciation | None:
    """The appreciation named by ``?sent=``, if the viewer wrote it (the no-JS coach)."""
    sent_id = request.GET.get("sent")
    if not sent_id:
        return None
    try:
        item = services.get_visible(request.space, request.user, sent_id)
    except Http404:  # a stale or foreign id just shows no feedback
        return None
    return item if item.author_id == request.user.pk else None


def _render_write(
    request: SpaceRequest, form: AppreciationForm, status: int = 200, error: str = ""
) -> HttpResponse:
    just_sent = _just_sent(request) if request.method != "POST" else None
    if just_sent is not None:
        coach = feedback.for_text(just_sent.text)
    else:
        coach = feedback.for_text(
            form.data.get("text", "") if form.is_bound else "", limit=TEXT_MAX
        )
    # The live coach: htmx posts the form as the person types, debounced; without JS the
    # same feedback appears after saving.
    form.fields["text"].widget.attrs.update(
        {
            "hx-post": reverse("appreciate:coach", args=[request.space.public_id]),
            "hx-trigger": "input changed delay:400ms",
            "hx-target": "#appreciate-coach-body",
            "hx-swap": "outerHTML",
            "hx-sync": "this:replace",
        }
    )
    context = {
        "space": request.space,
        "partner": request.partner,
        "form": form,
        "coach": coach,
        "coach_started": form.is_bound or just_sent is not None,
        "just_sent": just_sent,
        "rediscoveries": services.rediscover(request.space, request.user),
        "counts": services.own_counts(request.space, request.user),
        "error": error,
    }
    return render(request, "appreciate/write.html", context, status=status)


@access.space_member
@require_http_methods(["GET", "HEAD", "POST"])
def write(request: SpaceRequest) -> HttpResponse:
    if request.partner is None:
        status = 409 if request.method == "POST" else 200
        return render(
            request, "appreciate/no_partner.html", {"space": request.space}, status=status
        )
    if request.method != "POST":
        return _render_write(request, AppreciationForm())
    form = AppreciationForm(request.POST)
    if not form.is_valid():
        return _render_write(request, form, status=400)
    try:
        item = services.write(request.space, request.user, text=form.cleaned_data["text"])
    except services.AppreciateError as error:
        return _render_write(request, form, status=error.status, error=str(error.message))
    messages.success(
        request,
        _("Sent. It's waiting in %(name)s's jar.") % {"name": request.partner.name},
    )
    url = reverse("appreciate:write", args=[request.space.public_id])
    return redirect(f"{url}?sent={item.pk}#appreciate-coach")


@access.space_member
@require_POST
def coach(request: SpaceRequest) -> HttpResponse:
    """The live coach: a small fragment, requested by htmx as the person types."""
    form = CoachForm(request.POST)
    if not form.is_valid():
        result = feedback.for_text(str(request.POST.get("text", "")), limit=TEXT_MAX)
        status = 400
    else:
        result = feedback.for_text(form.cleaned_data["text"], limit=TEXT_MAX)
        status = 200
    return render(
        request,
        "appreciate/write.html#coach",
        {"coach": result, "coach_started": True},
        status=status,
    )


# The jar


def _safe_next(request: SpaceRequest, fallback: str) -> str:
    target = str(request.POST.get("next") or "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _jar_url(request: SpaceRequest) -> str:
    return reverse("appreciate:jar", args=[request.space.public_id])


def _jar_context(request: SpaceRequest, jar: services.Jar, **extra: Any) -> dict[str, Any]:
    return {
        "space": request.space,
        "partner": request.partner,
        "jar": jar,
        "items": jar.items,
        "chips": [(slug, qualities.label(slug)) for slug in jar.present],
        "jar_url": _jar_url(request),
        "next": request.get_full_path(),
        **extra,
    }


@access.space_member
@require_safe
@vary_on_headers("HX-Request")
def jar(request: SpaceRequest) -> HttpResponse:
    form = JarFilterForm(request.GET or None)
    error = ""
    quality, favourites, status = "", False, 200
    if form.is_bound and not form.is_valid():
        error = _("There is no such quality to filter by. Here is everything instead.")
        status = 400
    elif form.is_bound:
        quality = form.cleaned_data["quality"]
        favourites = form.cleaned_data["favourites"]
    result = services.jar(
        request.space,
        request.user,
        quality=quality,
        favourites=favourites,
        page=request.GET.get("page", 1),
    )
    context = _jar_context(request, result, error=error)
    template = "appreciate/jar.html#list" if request.htmx and not error else "appreciate/jar.html"
    return render(request, template, context, status=status)


def _after_card_action(
    request: SpaceRequest, item: Appreciation | None, status: int = 200, error: str = ""
) -> HttpResponse:
    """htmx gets the card back; a plain form goes back where it came from (or shows the error)."""
    next_url = _safe_next(request, _jar_url(request))
    if request.htmx and item is not None and item.author_id != request.user.pk:
        context = {
            "space": request.space,
            "partner": request.partner,
            "item": item,
            "next": next_url,
            "error": error,
            "error_for": item.pk,
        }
        return render(request, "appreciate/jar.html#card", context, status=status)
    if error:
        result = services.jar(request.space, request.user)
        context = _jar_context(
            request, result, error=error, error_for=item.pk if item else None, next=next_url
        )
        return render(request, "appreciate/jar.html", context, status=status)
    return redirect(next_url)


@access.space_member
@require_POST
def favourite(request: SpaceRequest, appreciation_id: int) -> HttpResponse:
    item = services.get_visible(request.space, request.user, appreciation_id)
    form = FavouriteForm(request.POST)
    if not form.is_valid():
        return _after_card_action(request, item, 400, _("Choose whether to save it or not."))
    try:
        item = services.set_favourite(
            request.space, request.user, item.pk, form.cleaned_data["favourite"]
        )
    except services.AppreciateError as error:
        return _after_card_action(request, item, error.status, str(error.message))
    return _after_card_action(request, item)


@access.space_member
@require_POST
def react(request: SpaceRequest, appreciation_id: int) -> HttpResponse:
    item = services.get_visible(request.space, request.user, appreciation_id)
    form = ReactForm(request.POST)
    if not form.is_valid():
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return _after_card_action(request, item, 400, message)
    try:
        item = services.react(
            request.space, request.user, item.pk, words=form.cleaned_data["words"]
        )
    except services.AppreciateError as error:
        return _after_card_action(request, item, error.status, str(error.message))
    return _after_card_action(request, item)


@access.space_member
@require_safe
def hard_day(request: SpaceRequest) -> HttpResponse:
    """One kind word at random; ``?show=`` keeps one in place (after saving it without JS)."""
    result = None
    if request.GET.get("show"):
        try:
            shown = services.get_received(request.space, request.user, request.GET["show"])
        except (Http404, services.AppreciateError):
            shown = None
        if shown is not None:
            result = services.HardDay(item=shown, from_favourites=shown.favourite)
    if result is None:
        result = services.hard_day(request.space, request.user, avoid=request.GET.get("after"))
    return render(
        request,
        "appreciate/hard_day.html",
        {
            "space": request.space,
            "partner": request.partner,
            "hard_day": result,
            "item": result.item,
            # Without JS, saving or reacting comes back to this same one, not a new draw.
            "next": f"{request.path}?show={result.item.pk}" if result.item else request.path,
        },
    )


# What you sent


@access.space_member
@require_safe
def sent(request: SpaceRequest) -> HttpResponse:
    page, items = services.sent(request.space, request.user, page=request.GET.get("page", 1))
    return render(
        request,
        "appreciate/sent.html",
        {
            "space": request.space,
            "partner": request.partner,
            "page": page,
            "items": items,
            "counts": services.own_counts(request.space, request.user),
        },
    )
