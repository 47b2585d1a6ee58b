"""Listen's pages. Thin: parse, authorise (``access.space_member``), call a service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from closeknit.core.http import SpaceRequest
from closeknit.core.support import pause_if_crisis
from closeknit.couples import access
from closeknit.listen import coach as coaching
from closeknit.listen import history as past
from closeknit.listen import services
from closeknit.listen.forms import (
    TEXT_FORMS,
    ActionForm,
    CoachForm,
    RateForm,
    ReflectForm,
    SettingsForm,
    StartForm,
)
from closeknit.listen.models import Level, ListenSession

State = ListenSession.State
MAX_OFFSET = 1000
# In writing, the step with words that each state waits for.
TEXT_STEPS: dict[str, str] = {
    State.WRITING: services.SEND,
    State.REFLECTING: services.REFLECT,
    State.CONFIRMING: services.PARTLY,
    State.RESPONDING: services.REPLY,
}


def _session_url(request: SpaceRequest, session: ListenSession) -> str:
    return reverse("listen:session", args=[request.space.public_id, session.pk])


def _partner_name(request: SpaceRequest) -> str:
    return request.partner.name if request.partner else _("Your partner")


# Starting


def _offset(request: SpaceRequest) -> int:
    try:
        return max(0, min(MAX_OFFSET, int(request.GET.get("more", 0))))
    except (TypeError, ValueError):
        return 0


def _render_home(
    request: SpaceRequest, form: StartForm | None = None, status: int = 200, error: str = ""
) -> HttpResponse:
    if request.partner is None:
        return render(request, "listen/no_partner.html", {"space": request.space}, status=status)
    live = services.live_session(request.space)
    levels = services.open_levels(request.space)
    offset = _offset(request)
    offered = services.suggestions(request.space, levels, offset=offset)
    topics = [(Level(level).label, offered[level]) for level in levels if level in offered]
    deepest = offered.get(levels[-1]) or (topics[0][1] if topics else None)
    form = form or StartForm()
    chosen = form.data.get("topic") if form.is_bound else (deepest.key if deepest else "")
    return render(
        request,
        "listen/home.html",
        {
            "space": request.space,
            "partner": request.partner,
            "live": live,
            "form": form,
            "topics": topics,
            "chosen": chosen,
            "open_levels": [Level(level).label for level in levels],
            "next_offset": offset + 1,
            "error": error,
        },
        status=status,
    )


@access.space_member
@require_safe
def home(request: SpaceRequest) -> HttpResponse:
    return _render_home(request)


@access.space_member
@require_POST
def start(request: SpaceRequest) -> HttpResponse:
    form = StartForm(request.POST)
    if not form.is_valid():
        return _render_home(request, form, status=400)
    data = form.cleaned_data
    try:
        session = services.start(
            request.space,
            request.user,
            mode=data["mode"],
            topic_key=data["topic"],
            own_topic=data["own_topic"],
            partner_first=data["first"] == "partner",
            turn_minutes=data["turn_minutes"],
        )
    except services.ListenError as error:
        return _render_home(request, form, status=error.status, error=str(error.message))
    url = _session_url(request, session)
    if session.own_topic:
        pause = pause_if_crisis(request, session.own_topic, url)
        if pause is not None:
            return pause
    return redirect(url)


# The floor


def _floor_context(request: SpaceRequest, session: ListenSession, **extra: Any) -> dict[str, Any]:
    view = services.session_view(session, request.user)
    current = view.session
    forms: dict[str, Any] = extra.pop("forms", {})
    text_form = None
    if view.my_step and current.mode == ListenSession.Mode.IN_WRITING:
        action = TEXT_STEPS.get(current.state)
        if action:
            text_form = forms.get(action) or TEXT_FORMS[action](initial={"action": action})
            if isinstance(text_form, ReflectForm):
                _live_coach(request, current, text_form)
    draft = ""
    if text_form is not None and text_form.is_bound:
        draft = str(text_form.data.get("text", ""))
    return {
        "space": request.space,
        "partner": request.partner,
        "partner_name": _partner_name(request),
        "session": current,
        "view": view,
        "poll_url": f"{_session_url(request, current)}?v={current.version}",
        "text_form": text_form,
        # Without JS the coach speaks after sending (on the reflection); with a bound draft
        # that bounced (too long, say) it speaks on the draft too.
        "coach": coaching.preview(view.speaker_text, draft) if draft else None,
        "rate_form": extra.pop("rate_form", None) or RateForm(),
        "settings_form": extra.pop("settings_form", None)
        or SettingsForm(initial={"turn_minutes": current.turn_minutes}),
        **extra,
    }


def _live_coach(request: SpaceRequest, session: ListenSession, form: ReflectForm) -> None:
    # htmx posts the draft as the listener types, debounced; without JS the coach's notes
    # appear on the reflection once it is sent. Nothing here ever blocks sending.
    form.fields["text"].widget.attrs.update(
        {
            "hx-post": reverse("listen:coach", args=[request.space.public_id, session.pk]),
            "hx-trigger": "input changed delay:400ms",
            "hx-target": "#listen-coach-body",
            "hx-swap": "outerHTML",
            "hx-sync": "this:replace",
        }
    )


def _render_session(
    request: SpaceRequest, session: ListenSession, status: int = 200, **extra: Any
) -> HttpResponse:
    context = _floor_context(request, session, **extra)
    template = "listen/session.html#floor" if request.htmx else "listen/session.html"
    return render(request, template, context, status=status)


def _after(request: SpaceRequest, session: ListenSession) -> HttpResponse:
    if request.htmx:
        return _render_session(request, session)
    return redirect(_session_url(request, session))


@access.space_member
@require_safe
@vary_on_headers("HX-Request")
def session(request: SpaceRequest, listen_id: int) -> HttpResponse:
    found = services.get_session(request.space, listen_id)
    if request.htmx and request.GET.get("v") == str(found.version):
        return HttpResponse(status=204)  # nothing new: htmx leaves the card as it is
    return _render_session(request, found)


@access.space_member
@require_POST
def step(request: SpaceRequest, listen_id: int) -> HttpResponse:
    found = services.get_session(request.space, listen_id)
    action = str(request.POST.get("action", ""))
    text = ""
    form_class = TEXT_FORMS.get(action)
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            return _render_session(request, found, status=400, forms={action: form})
        text = form.cleaned_data["text"]
    elif not ActionForm(request.POST).is_valid():
        return _render_session(
            request, found, status=400, error=_("That isn't a step of this practice.")
        )
    try:
        services.act(found, request.user, action, text)
    except services.ListenError as error:
        forms = {action: form_class(request.POST)} if form_class else {}
        return _render_session(
            request, found, status=error.status, error=error.message, forms=forms, unsent=text
        )
    if text:
        # The words are saved and the floor moved on; only the writer sees the pause.
        pause = pause_if_crisis(request, text, _session_url(request, found))
        if pause is not None:
            return pause
    return _after(request, found)


@access.space_member
@require_POST
def coach(request: SpaceRequest, listen_id: int) -> HttpResponse:
    """The live coach: a small fragment, requested by htmx as the listener types."""
    found = services.get_session(request.space, listen_id)
    form = CoachForm(request.POST)
    status, notes, error = 200, None, ""
    if not form.is_valid():
        status, error = 400, _("Please keep it under 1,500 characters.")
    else:
        try:
            notes = services.coach_preview(found, request.user, form.cleaned_data["text"])
        except services.ListenError as failure:
            status, error = failure.status, str(failure.message)
    return render(
        request,
        "listen/session.html#coach",
        {"coach": notes, "coach_error": error, "space": request.space},
        status=status,
    )


@access.space_member
@require_POST
def turn_settings(request: SpaceRequest, listen_id: int) -> HttpResponse:
    found = services.get_session(request.space, listen_id)
    form = SettingsForm(request.POST)
    if not form.is_valid():
        return _render_session(request, found, status=400, settings_form=form)
    try:
        services.set_turn_minutes(found, request.user, form.cleaned_data["turn_minutes"])
    except services.ListenError as error:
        return _render_session(request, found, status=error.status, error=error.message)
    return _after(request, found)


@access.space_member
@require_POST
def end(request: SpaceRequest, listen_id: int) -> HttpResponse:
    found = services.get_session(request.space, listen_id)
    try:
        services.end(found, request.user)
    except services.ListenError as error:
        return _render_session(request, found, status=error.status, error=error.message)
    return _after(request, found)


@access.space_member
@require_POST
def rate(request: SpaceRequest, listen_id: int) -> HttpResponse:
    found = services.get_session(request.space, listen_id)
    form = RateForm(request.POST)
    if not form.is_valid():
        return _render_session(request, found, status=400, rate_form=form)
    try:
        rated = services.rate(found, request.user, form.cleaned_data["understood"])
    except services.ListenError as error:
        return _render_session(request, found, status=error.status, error=error.message)
    if rated.level_opened:
        opened = _("You've both felt understood lately: %(level)s topics are open now.") % {
            "level": Level(rated.level_opened).label
        }
        if request.htmx:
            return _render_session(request, found, opened=opened)
        messages.success(request, opened)
    return _after(request, found)


# Looking back


@access.space_member
@require_safe
def history(request: SpaceRequest) -> HttpResponse:
    page, rows = past.sessions(request.space, request.user, page=request.GET.get("page", 1))
    return render(
        request,
        "listen/history.html",
        {
            "space": request.space,
            "partner": request.partner,
            "page": page,
            "rows": rows,
            "summary": past.listening_summary(request.space, request.user),
            "min_for_trends": past.MIN_FOR_TRENDS,
        },
    )
