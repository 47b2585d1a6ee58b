"""Explore's pages for doing: plans, afterwards-ratings, memories and calendars."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from closeknit.core.http import SpaceRequest
from closeknit.core.timeutil import local_today, zone
from closeknit.couples import access
from closeknit.explore import feeds, ics, services
from closeknit.explore.forms import PlanForm, RatingForm
from closeknit.explore.models import Plan

# Plans


@access.space_member
@require_http_methods(["GET", "HEAD", "POST"])
def plan_new(request: SpaceRequest, activity_id: int) -> HttpResponse:
    activity = services.get_activity(request.space, activity_id)
    tz_name = request.space.time_zone
    form = PlanForm(
        request.POST or None,
        initial={"date": local_today(tz_name), "time": "19:00"},
        time_zone=tz_name,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                plan = services.plan_activity(
                    request.space,
                    request.user,
                    activity,
                    date=form.cleaned_data["date"],
                    time=form.cleaned_data["time"],
                )
            except services.ExploreError as error:
                form.add_error(None, str(error.message))
                status = error.status
            else:
                messages.success(request, _("It's in the plan. Your partner can see it too."))
                return redirect("explore:plan", space_id=request.space.public_id, plan_id=plan.pk)
        else:
            status = 400
    return render(
        request,
        "explore/plan_new.html",
        {"space": request.space, "activity": activity, "form": form},
        status=status,
    )


def _move_form(plan: Plan, data: Any = None) -> PlanForm:
    local = plan.starts_at.astimezone(zone(plan.space.time_zone))
    return PlanForm(
        data,
        initial={"date": local.date(), "time": local.strftime("%H:%M")},
        time_zone=plan.space.time_zone,
    )


def _rating_form(view: services.PlanView) -> RatingForm:
    mine = view.my_rating
    initial = (
        {"closeness": mine.closeness, "excitement": mine.excitement, "note": mine.note}
        if mine
        else None
    )
    return RatingForm(initial=initial)


def _render_plan(
    request: SpaceRequest, plan: Plan, status: int = 200, **forms: Any
) -> HttpResponse:
    view = services.plan_view(plan, request.user)
    context = {
        "space": request.space,
        "partner": request.partner,
        "view": view,
        "plan": view.plan,
        "rating_form": forms.get("rating_form") or _rating_form(view),
        "move_form": forms.get("move_form") or _move_form(view.plan),
        "error": forms.get("error"),
    }
    template = "explore/plan.html#card" if request.htmx else "explore/plan.html"
    return render(request, template, context, status=status)


@access.space_member
@require_safe
@vary_on_headers("HX-Request")
def plan(request: SpaceRequest, plan_id: int) -> HttpResponse:
    return _render_plan(request, services.get_plan(request.space, plan_id))


@access.space_member
@require_POST
def plan_rate(request: SpaceRequest, plan_id: int) -> HttpResponse:
    item = services.get_plan(request.space, plan_id)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _render_plan(request, item, status=400, rating_form=form)
    try:
        services.rate_plan(
            item,
            request.user,
            closeness=form.cleaned_data["closeness"],
            excitement=form.cleaned_data["excitement"],
            note=form.cleaned_data["note"],
        )
    except services.ExploreError as error:
        return _render_plan(
            request, item, status=error.status, rating_form=form, error=error.message
        )
    if request.htmx:
        return _render_plan(request, item)
    messages.success(request, _("Thank you. It's in your memories now."))
    return redirect("explore:plan", space_id=request.space.public_id, plan_id=item.pk)


@access.space_member
@require_POST
def plan_move(request: SpaceRequest, plan_id: int) -> HttpResponse:
    item = services.get_plan(request.space, plan_id)
    form = _move_form(item, request.POST)
    if not form.is_valid():
        return _render_plan(request, item, status=400, move_form=form)
    try:
        services.move_plan(item, date=form.cleaned_data["date"], time=form.cleaned_data["time"])
    except services.ExploreError as error:
        return _render_plan(request, item, status=error.status, move_form=form, error=error.message)
    messages.success(request, _("Moved. Subscribed calendars update on their next refresh."))
    return redirect("explore:plan", space_id=request.space.public_id, plan_id=item.pk)


@access.space_member
@require_POST
def plan_cancel(request: SpaceRequest, plan_id: int) -> HttpResponse:
    item = services.get_plan(request.space, plan_id)
    try:
        services.cancel_plan(item)
    except services.ExploreError as error:
        return _render_plan(request, item, status=error.status, error=error.message)
    messages.success(request, _("Called off. There's always another time."))
    return redirect("explore:home", space_id=request.space.public_id)


def _plan_url(request: HttpRequest, space_id: str, plan: Plan) -> str:
    return request.build_absolute_uri(reverse("explore:plan", args=[space_id, plan.pk]))


@access.space_member
@require_safe
def plan_ics(request: SpaceRequest, plan_id: int) -> HttpResponse:
    item = services.get_plan(request.space, plan_id)
    body = ics.calendar(
        [item], request.space, url_for=lambda p: _plan_url(request, request.space.public_id, p)
    )
    response = HttpResponse(body, content_type=ics.CONTENT_TYPE)
    day = item.starts_at.astimezone(zone(request.space.time_zone)).date().isoformat()
    response["Content-Disposition"] = f'attachment; filename="closeknit-{day}.ics"'
    return response


# Memories


@access.space_member
@require_safe
def timeline(request: SpaceRequest) -> HttpResponse:
    page, views = services.timeline(request.space, request.user, page=request.GET.get("page", 1))
    return render(
        request,
        "explore/timeline.html",
        {"space": request.space, "partner": request.partner, "page": page, "views": views},
    )


# Calendars


@access.space_member
@require_http_methods(["GET", "HEAD", "POST"])
def calendar(request: SpaceRequest) -> HttpResponse:
    """Your private calendar feed: create it (shown once), replace it, or turn it off."""
    space, user = request.space, request.user
    context: dict[str, Any] = {"space": space}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            _feed, token = feeds.create_feed(space, user)
            url = request.build_absolute_uri(reverse("explore:feed", args=[token]))
            context["feed_url"] = url
            context["webcal_url"] = "webcal://" + url.split("://", 1)[1]
        elif action == "revoke":
            feeds.revoke_feed(space, user)
            messages.success(
                request, _("Your calendar link is off. Calendars using it stop updating.")
            )
            return redirect("explore:calendar", space_id=space.public_id)
        else:
            context["error"] = _("Choose to create a link or turn it off.")
            status = 400
    context["feed"] = feeds.active_feed(space, user)
    return render(request, "explore/calendar.html", context, status=status)


@require_safe
def feed(request: HttpRequest, feed_token: str) -> HttpResponse:
    """The subscription itself: no session, just the secret. Unknown or revoked → 404."""
    subscription = feeds.feed_for_token(feed_token)
    space = subscription.space
    body = ics.calendar(
        feeds.feed_plans(space),
        space,
        name="closeknit",
        refresh_hours=1,
        url_for=lambda p: _plan_url(request, space.public_id, p),
    )
    response = HttpResponse(body, content_type=ics.CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="closeknit.ics"'
    # The URL is the secret: keep it out of shared caches, search engines and referrers.
    response["Cache-Control"] = "private, no-cache, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
