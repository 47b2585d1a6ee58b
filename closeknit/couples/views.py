from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from closeknit.core.http import AuthedRequest, SpaceRequest
from closeknit.couples import access, services
from closeknit.couples.forms import JoinCodeForm, NewSpaceForm, SpaceSettingsForm
from closeknit.couples.models import Invite

_INVITE_SESSION_KEY = "fresh-invite:{}"


@login_required
@require_safe
def space_list(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "couples/space_list.html",
        {
            "memberships": access.memberships_of(request.user),
            "new_form": NewSpaceForm(),
            "join_form": JoinCodeForm(),
        },
    )


@login_required
@require_POST
def space_create(request: AuthedRequest) -> HttpResponse:
    form = NewSpaceForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "couples/space_list.html",
            {
                "memberships": access.memberships_of(request.user),
                "new_form": form,
                "join_form": JoinCodeForm(),
            },
            status=400,
        )
    space = services.create_space(
        request.user, name=form.cleaned_data["name"], romantic=form.cleaned_data["romantic"]
    )
    return redirect("couples:invite", space_id=space.public_id)


@access.space_member
@require_http_methods(["GET", "POST"])
def invite(request: SpaceRequest) -> HttpResponse:
    space = request.space
    session_key = _INVITE_SESSION_KEY.format(space.public_id)
    if request.method == "POST":
        if not services.can_invite(space):
            return render(
                request,
                "core/error.html",
                {"title": _("This space is complete"), "message": _("It already has two people.")},
                status=409,
            )
        issued = services.create_invite(space, request.user)
        # The secrets exist in the clear only now: keep them for this person's session so
        # the page can show them after the redirect, never in the database.
        request.session[session_key] = {
            "invite": issued.invite.pk,
            "token": issued.token,
            "code": issued.display_code,
        }
        return redirect("couples:invite", space_id=space.public_id)

    live = services.live_invite(space) if services.can_invite(space) else None
    fresh = request.session.get(session_key)
    link = code = None
    if live is not None and fresh and fresh.get("invite") == live.pk:
        link = request.build_absolute_uri(reverse("couples:join_link", args=[fresh["token"]]))
        code = fresh["code"]
    return render(
        request,
        "couples/invite.html",
        {
            "space": space,
            "partner": request.partner,
            "can_invite": services.can_invite(space),
            "live": live,
            "link": link,
            "code": code,
            "invite_days": settings.CLOSEKNIT_INVITE_DAYS,
        },
    )


def _join_error(request: HttpRequest, error: services.InviteError) -> HttpResponse:
    return render(
        request,
        "couples/join_error.html",
        {"error": error},
        status=error.status,
    )


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate="60/h", block=True)
def join_link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invite = services.find_invite(token=token)
    except services.InviteError as error:
        return _join_error(request, error)
    return _join(request, invite, next_url=request.path)


@require_http_methods(["GET", "POST"])
@ratelimit(key="user_or_ip", rate="10/h", method="POST", block=True)
def join_code(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    form = JoinCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invite = services.find_invite(code=form.cleaned_data["code"])
            services.check_invite(invite, request.user)
            space = services.redeem_invite(invite, request.user)
        except services.InviteError as error:
            form.add_error("code", str(error.message))
            return render(request, "couples/join_code.html", {"form": form}, status=error.status)
        messages.success(request, _("You're in. Welcome to your space."))
        return redirect("tonight:home", space_id=space.public_id)
    return render(
        request, "couples/join_code.html", {"form": form}, status=400 if form.errors else 200
    )


def _join(request: HttpRequest, invite: Invite, *, next_url: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(
            request,
            "couples/join_welcome.html",
            {"inviter": invite.created_by, "next": next_url},
        )
    try:
        services.check_invite(invite, request.user)
        if request.method == "POST":
            space = services.redeem_invite(invite, request.user)
            messages.success(request, _("You're in. Welcome to your space."))
            return redirect("tonight:home", space_id=space.public_id)
    except services.InviteError as error:
        return _join_error(request, error)
    return render(request, "couples/join_confirm.html", {"inviter": invite.created_by})


@access.space_member
@require_http_methods(["GET", "POST"])
def space_settings(request: SpaceRequest) -> HttpResponse:
    space = request.space
    initial = {
        "name": space.name,
        "romantic": "yes" if space.romantic else "no",
        "time_zone": space.time_zone,
    }
    form = SpaceSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_space(
            space,
            name=form.cleaned_data["name"],
            time_zone=form.cleaned_data["time_zone"],
            romantic=form.cleaned_data["romantic"],
        )
        messages.success(request, _("Saved."))
        return redirect("couples:settings", space_id=space.public_id)
    return render(
        request,
        "couples/settings.html",
        {"form": form, "space": space},
        status=400 if form.errors else 200,
    )


@access.space_member
@require_http_methods(["GET", "POST"])
def leave(request: SpaceRequest) -> HttpResponse:
    if request.method == "POST":
        services.leave_space(request.membership)
        request.session.pop("space", None)
        messages.success(request, _("You left the space."))
        return redirect("couples:list")
    return render(request, "couples/leave.html", {"space": request.space})
