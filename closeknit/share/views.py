"""Share's pages. Thin: parse, authorise (``access.space_member``), call a service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from closeknit.core.http import SpaceRequest
from closeknit.core.support import pause_if_crisis
from closeknit.core.timeutil import local_today
from closeknit.couples import access
from closeknit.share import reactions, services
from closeknit.share.forms import (
    AnswerForm,
    DepthForm,
    PostForm,
    ResponseForm,
    SearchForm,
    UnderstoodForm,
)
from closeknit.share.models import DailyPrompt, Post


def _today(request: SpaceRequest) -> Any:
    return local_today(request.space.time_zone)


def _daily_url(request: SpaceRequest, daily: DailyPrompt) -> str:
    if daily.date == _today(request):
        return reverse("share:today", args=[request.space.public_id])
    return reverse("share:daily", args=[request.space.public_id, daily.pk])


def _daily_context(request: SpaceRequest, daily: DailyPrompt, **forms: Any) -> dict[str, Any]:
    view = services.daily_view(daily, request.user, request.partner)
    today = _today(request)
    return {
        "space": request.space,
        "partner": request.partner,
        "view": view,
        "is_today": daily.date == today,
        "open": (today - daily.date).days <= services.WAITING_DAYS,
        "answer_form": forms.get("answer_form")
        or AnswerForm(
            initial={"text": view.mine.text, "in_person": view.mine.in_person}
            if view.mine
            else None
        ),
        "depth_form": forms.get("depth_form") or DepthForm(),
        "response_form": forms.get("response_form") or ResponseForm(reactions=reactions.DISCLOSURE),
        "understood_form": forms.get("understood_form") or UnderstoodForm(),
        "error": forms.get("error"),
    }


def _render_daily(
    request: SpaceRequest, daily: DailyPrompt, status: int = 200, **forms: Any
) -> HttpResponse:
    context = _daily_context(request, daily, **forms)
    if request.htmx:
        return render(request, "share/daily.html#card", context, status=status)
    if context["is_today"]:
        context.update(_today_extras(request))
        return render(request, "share/today.html", context, status=status)
    return render(request, "share/daily.html", context, status=status)


def _today_extras(request: SpaceRequest) -> dict[str, Any]:
    return {
        "pace": services.pace_for(request.space),
        "earlier": services.earlier_waiting_for(
            request.space, request.user, request.partner, _today(request)
        ),
        "posts_waiting": services.posts_waiting_for(request.space, request.user, request.partner),
    }


def _after(request: SpaceRequest, daily: DailyPrompt) -> HttpResponse:
    if request.htmx:
        return _render_daily(request, daily)
    return redirect(_daily_url(request, daily))


@access.space_member
@require_safe
@vary_on_headers("HX-Request")
def today(request: SpaceRequest) -> HttpResponse:
    if request.partner is None:
        return render(request, "share/no_partner.html", {"space": request.space}, status=200)
    try:
        daily = services.today_for(request.space)
    except services.ShareError as error:
        return _not_ready(request, error)
    return _render_daily(request, daily)


def _not_ready(request: SpaceRequest, error: services.ShareError) -> HttpResponse:
    return render(
        request,
        "core/error.html",
        {"title": _("Share isn't ready yet"), "message": error.message},
        status=error.status,
    )


@access.space_member
@require_safe
@vary_on_headers("HX-Request")
def daily(request: SpaceRequest, daily_id: int) -> HttpResponse:
    return _render_daily(request, services.get_daily(request.space, daily_id))


@access.space_member
@require_POST
def answer(request: SpaceRequest, daily_id: int) -> HttpResponse:
    daily = services.get_daily(request.space, daily_id)
    if (_today(request) - daily.date).days > services.WAITING_DAYS:
        return _render_daily(
            request, daily, status=409, error=_("This question has closed. Tonight's is waiting.")
        )
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _render_daily(request, daily, status=400, answer_form=form)
    try:
        services.submit_answer(
            daily,
            request.user,
            text=form.cleaned_data["text"],
            in_person=form.cleaned_data["in_person"],
        )
    except services.ShareError as error:
        form.add_error(None, str(error.message))
        return _render_daily(request, daily, status=error.status, answer_form=form)
    pause = pause_if_crisis(request, form.cleaned_data["text"], _daily_url(request, daily))
    return pause or _after(request, daily)


@access.space_member
@require_POST
def swap(request: SpaceRequest) -> HttpResponse:
    try:
        daily = services.swap_today(request.space, request.user)
    except services.ShareError as error:
        if error.code == "no_prompts":
            return _not_ready(request, error)
        return _render_daily(
            request, services.today_for(request.space), status=error.status, error=error.message
        )
    return _after(request, daily)


@access.space_member
@require_POST
def depth(request: SpaceRequest, daily_id: int) -> HttpResponse:
    daily = services.get_daily(request.space, daily_id)
    form = DepthForm(request.POST)
    if not form.is_valid():
        return _render_daily(request, daily, status=400, depth_form=form)
    try:
        rose = services.rate_depth(daily, request.user, form.cleaned_data["rating"])
    except services.ShareError as error:
        return _render_daily(request, daily, status=error.status, error=error.message)
    if rose:
        messages.success(request, _("You're both ready: tomorrow's question goes a little deeper."))
    return _after(request, daily)


@access.space_member
@require_POST
def respond(request: SpaceRequest, daily_id: int) -> HttpResponse:
    daily = services.get_daily(request.space, daily_id)
    form = ResponseForm(request.POST, reactions=reactions.DISCLOSURE)
    if not form.is_valid():
        return _render_daily(request, daily, status=400, response_form=form)
    try:
        services.respond_to_answer(
            daily,
            request.user,
            reaction=form.cleaned_data["reaction"],
            text=form.cleaned_data["text"],
        )
    except services.ShareError as error:
        return _render_daily(request, daily, status=error.status, error=error.message)
    return _after(request, daily)


@access.space_member
@require_POST
def understood(request: SpaceRequest, daily_id: int) -> HttpResponse:
    daily = services.get_daily(request.space, daily_id)
    form = UnderstoodForm(request.POST)
    if not form.is_valid():
        return _render_daily(request, daily, status=400, understood_form=form)
    try:
        services.rate_answer_understood(daily, request.user, form.cleaned_data["understood"])
    except services.ShareError as error:
        return _render_daily(request, daily, status=error.status, error=error.message)
    return _after(request, daily)


@access.space_member
@require_http_methods(["GET", "HEAD", "POST"])
def pace(request: SpaceRequest) -> HttpResponse:
    current = services.pace_for(request.space)
    if request.method == "POST":
        try:
            services.step_back(request.space)
        except services.ShareError as error:
            return render(
                request,
                "share/pace.html",
                {"space": request.space, "pace": current, "error": error.message},
                status=error.status,
            )
        messages.success(request, _("The pace is a little lighter now."))
        return redirect("share:today", space_id=request.space.public_id)
    return render(request, "share/pace.html", {"space": request.space, "pace": current})


# Share first


@access.space_member
@require_http_methods(["GET", "HEAD", "POST"])
def post_new(request: SpaceRequest) -> HttpResponse:
    form = PostForm(
        request.POST or None, initial={"kind": request.GET.get("kind", Post.Kind.TODAY)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            post = services.create_post(
                request.space,
                request.user,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
            )
        except services.ShareError as error:
            form.add_error(None, str(error.message))
        else:
            url = reverse("share:post", args=[request.space.public_id, post.pk])
            return pause_if_crisis(request, post.text, url) or redirect(url)
    status = 400 if form.errors else 200
    return render(
        request, "share/post_new.html", {"space": request.space, "form": form}, status=status
    )


def _render_post(
    request: SpaceRequest, post: Post, status: int = 200, **forms: Any
) -> HttpResponse:
    view = services.post_view(post, request.user)
    context = {
        "space": request.space,
        "partner": request.partner,
        "pv": view,
        "response_form": forms.get("response_form") or ResponseForm(reactions=view.reactions),
        "understood_form": forms.get("understood_form") or UnderstoodForm(),
        "error": forms.get("error"),
    }
    template = "share/post.html#card" if request.htmx else "share/post.html"
    return render(request, template, context, status=status)


@access.space_member
@require_safe
@vary_on_headers("HX-Request")
def post(request: SpaceRequest, post_id: int) -> HttpResponse:
    return _render_post(request, services.get_post(request.space, request.user, post_id))


@access.space_member
@require_POST
def post_respond(request: SpaceRequest, post_id: int) -> HttpResponse:
    item = services.get_post(request.space, request.user, post_id)
    form = ResponseForm(request.POST, reactions=services.post_reactions(item))
    if not form.is_valid():
        return _render_post(request, item, status=400, response_form=form)
    try:
        services.respond_to_post(
            item,
            request.user,
            reaction=form.cleaned_data["reaction"],
            text=form.cleaned_data["text"],
        )
    except services.ShareError as error:
        return _render_post(request, item, status=error.status, error=error.message)
    if request.htmx:
        return _render_post(request, item)
    return redirect("share:post", space_id=request.space.public_id, post_id=item.pk)


@access.space_member
@require_POST
def post_understood(request: SpaceRequest, post_id: int) -> HttpResponse:
    item = services.get_post(request.space, request.user, post_id)
    form = UnderstoodForm(request.POST)
    if not form.is_valid():
        return _render_post(request, item, status=400, understood_form=form)
    try:
        services.rate_post_understood(item, request.user, form.cleaned_data["understood"])
    except services.ShareError as error:
        return _render_post(request, item, status=error.status, error=error.message)
    if request.htmx:
        return _render_post(request, item)
    return redirect("share:post", space_id=request.space.public_id, post_id=item.pk)


@access.space_member
@require_safe
def history(request: SpaceRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page, entries = services.timeline(
        request.space, request.user, request.partner, query=query, page=request.GET.get("page", 1)
    )
    return render(
        request,
        "share/history.html",
        {
            "space": request.space,
            "partner": request.partner,
            "form": form,
            "page": page,
            "entries": entries,
            "query": query,
        },
        status=200 if not form.errors else 400,
    )
