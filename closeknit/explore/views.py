"""Explore's pages for choosing: the hub, marking, the shortlist and suggestions.

Thin: parse, authorise (``access.space_member``), call a service, render. Plans, ratings and
calendars are in ``plan_views.py``.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from closeknit.core.http import SpaceRequest
from closeknit.core.timeutil import local_today
from closeknit.couples import access
from closeknit.explore import recommend, services
from closeknit.explore.forms import ActivityForm, MarkForm, PlanForm, SuggestForm
from closeknit.explore.models import Activity, Mark, Setting

BROWSE_PAGE = 20


def _int(value: Any, default: int = 0) -> int:
    try:
        return max(0, min(int(value), 100_000))
    except (TypeError, ValueError):
        return default


@access.space_member
@require_safe
def home(request: SpaceRequest) -> HttpResponse:
    space, user = request.space, request.user
    has_partner = request.partner is not None
    return render(
        request,
        "explore/home.html",
        {
            "space": space,
            "partner": request.partner,
            "rhythm": services.weekly_rhythm(space),
            "upcoming": services.upcoming_plans(space) if has_partner else [],
            "to_rate": services.plans_to_rate(space, user) if has_partner else [],
            "marked": services.marked_count(space, user),
            "total": services.activities_for(space).count(),
            "shortlisted": len(services.mutual_ids(space, include_maybes=False)),
            "few_marks": services.FEW_MARKS,
        },
    )


# Marking, privately


def _card_context(
    request: SpaceRequest, activity: Activity, mark: Mark | None, next_url: str
) -> dict[str, Any]:
    return {
        "space": request.space,
        "activity": activity,
        "mark": mark,
        "next_url": next_url,
        "labels": services.tag_labels(),
    }


@access.space_member
@require_safe
def choose(request: SpaceRequest) -> HttpResponse:
    """One activity at a time: want to, maybe, or not for me."""
    offset = _int(request.GET.get("n"))
    remaining = services.to_mark(request.space, request.user)
    left = remaining.count()
    offset = min(offset, max(left - 1, 0))
    activity = next(iter(remaining[offset : offset + 1]), None) if left else None
    mark = (
        services.marks_of(request.space, request.user, [activity.pk]).get(activity.pk)
        if activity
        else None
    )
    here = reverse("explore:choose", args=[request.space.public_id])
    return render(
        request,
        "explore/choose.html",
        {
            **(
                _card_context(request, activity, mark, f"{here}?n={offset}")
                if activity
                else {"space": request.space}
            ),
            "left": left,
            "offset": offset,
            "advance": True,  # a choice moves on to the next activity: a full page, not htmx
            "skip_url": f"{here}?n={offset + 1}" if offset + 1 < left else None,
            "marked": services.marked_count(request.space, request.user),
        },
    )


@access.space_member
@require_safe
def browse(request: SpaceRequest) -> HttpResponse:
    """Every activity with this person's own marks, a page at a time."""
    setting = request.GET.get("setting", "")
    tag = request.GET.get("tag", "")
    labels = services.tag_labels()
    rows = services.listed(request.space)
    if setting in Setting.values:
        rows = rows.filter(setting=setting)
    else:
        setting = ""
    ids = [
        pk
        for pk, tags in rows.values_list("pk", "tags")
        if tag not in labels or tag in (tags or ())
    ]
    if tag not in labels:
        tag = ""
    page = Paginator(ids, BROWSE_PAGE).get_page(request.GET.get("page", 1))
    page_ids = list(page.object_list)
    by_id = Activity.objects.in_bulk(page_ids)
    activities = [by_id[pk] for pk in page_ids if pk in by_id]
    marks = services.marks_of(request.space, request.user, page_ids)
    query = "&".join(f"{k}={v}" for k, v in (("setting", setting), ("tag", tag)) if v)
    return render(
        request,
        "explore/browse.html",
        {
            "space": request.space,
            "cards": [(a, marks.get(a.pk)) for a in activities],
            "page": page,
            "labels": labels,
            "settings": Setting.choices,
            "setting": setting,
            "tag": tag,
            "query": query,
            "next_url": request.get_full_path(),
        },
    )


def _safe_next(request: SpaceRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    prefix = f"/s/{request.space.public_id}/explore/"
    if (
        target.startswith(prefix)
        and url_has_allowed_host_and_scheme(target, allowed_hosts=None)
        and "\\" not in target
    ):
        return target
    return fallback


@access.space_member
@require_POST
@vary_on_headers("HX-Request")
def mark(request: SpaceRequest, activity_id: int) -> HttpResponse:
    activity = services.get_activity(request.space, activity_id)
    next_url = _safe_next(request, reverse("explore:browse", args=[request.space.public_id]))
    form = MarkForm(request.POST, activity_id=activity.pk)
    status, error = 200, None
    if form.is_valid():
        try:
            services.set_mark(request.space, request.user, activity, **form.marks())
        except services.ExploreError as problem:
            status, error = problem.status, problem.message
    else:
        status, error = 400, " ".join(str(e) for errors in form.errors.values() for e in errors)
    if error is None and not request.htmx:
        return redirect(next_url)
    own = services.marks_of(request.space, request.user, [activity.pk]).get(activity.pk)
    context = {**_card_context(request, activity, own, next_url), "error": error}
    template = "explore/activity.html#card" if request.htmx else "explore/activity.html"
    if not request.htmx:
        context.update(_activity_extras(request, activity))
    else:
        context["detail"] = request.POST.get("detail") == "1"
    return render(request, template, context, status=status)


def _activity_extras(request: SpaceRequest, activity: Activity, **forms: Any) -> dict[str, Any]:
    today = local_today(request.space.time_zone)
    return {
        "partner": request.partner,
        "plan_form": forms.get("plan_form")
        or PlanForm(initial={"date": today, "time": "19:00"}, time_zone=request.space.time_zone),
        "detail": True,
    }


@access.space_member
@require_safe
def activity(request: SpaceRequest, activity_id: int) -> HttpResponse:
    item = services.get_activity(request.space, activity_id)
    own = services.marks_of(request.space, request.user, [item.pk]).get(item.pk)
    context = {
        **_card_context(request, item, own, request.get_full_path()),
        **_activity_extras(request, item),
    }
    return render(request, "explore/activity.html", context)


@access.space_member
@require_http_methods(["GET", "HEAD", "POST"])
def add(request: SpaceRequest) -> HttpResponse:
    """Add an activity of your own: only this space sees it."""
    labels = services.tag_labels()
    form = ActivityForm(request.POST or None, tags=labels)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        interest = data.pop("interest")
        try:
            item = services.add_activity(request.space, request.user, **data)
        except services.ExploreError as error:
            form.add_error(None, str(error.message))
        else:
            services.set_mark(request.space, request.user, item, interest=interest)
            return redirect(
                "explore:activity", space_id=request.space.public_id, activity_id=item.pk
            )
    status = 400 if form.errors else 200
    return render(
        request, "explore/add.html", {"space": request.space, "form": form}, status=status
    )


# What both want


@access.space_member
@require_safe
def shortlist(request: SpaceRequest) -> HttpResponse:
    include_maybes = request.GET.get("maybes") == "1"
    return render(
        request,
        "explore/shortlist.html",
        {
            "space": request.space,
            "partner": request.partner,
            "items": services.shortlist(request.space, include_maybes=include_maybes),
            "maybes": include_maybes,
            "labels": services.tag_labels(),
        },
    )


def constraints_from(data: dict[str, Any]) -> recommend.Constraints:
    return recommend.Constraints(
        budget=data.get("budget") or None,
        minutes=data.get("minutes") or None,
        settings=frozenset(data.get("setting") or ()),
        energy=data.get("energy") or None,
        include_maybes=bool(data.get("maybes")),
        include_done=bool(data.get("again")),
    )


@access.space_member
@require_safe
def suggest(request: SpaceRequest) -> HttpResponse:
    form = SuggestForm(request.GET or None)
    status = 200
    suggestions: list[tuple[Activity, recommend.Suggestion]] = []
    shuffle = 0
    asked = bool(request.GET)
    if asked and not form.is_valid():
        status = 400
    elif request.partner is not None:
        data = form.cleaned_data if asked else {}
        shuffle = data.get("shuffle") or 0
        constraints = constraints_from(data)
        rng = recommend.seeded_rng(
            request.space.public_id, local_today(request.space.time_zone), constraints, shuffle
        )
        found = recommend.recommend(request.space, constraints, rng=rng)
        by_id = Activity.objects.in_bulk([s.activity.id for s in found])
        suggestions = [(by_id[s.activity.id], s) for s in found if s.activity.id in by_id]
    params = request.GET.copy()
    params["shuffle"] = str(shuffle + 1)
    return render(
        request,
        "explore/suggest.html",
        {
            "space": request.space,
            "partner": request.partner,
            "form": form,
            "suggestions": suggestions,
            "asked": asked,
            "labels": services.tag_labels(),
            "others_query": params.urlencode(),
        },
        status=status,
    )
