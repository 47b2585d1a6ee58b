from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from closeknit.core.http import SpaceRequest
from closeknit.couples import access, services
from closeknit.tonight import registry


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The front door: the landing page, or the space a signed-in person used last."""
    if not request.user.is_authenticated:
        return render(request, "tonight/landing.html")
    spaces = access.spaces_of(request.user)
    if not spaces:
        return redirect("couples:list")
    last = request.session.get("space")
    chosen = next((s for s in spaces if s.public_id == last), spaces[0])
    return redirect("tonight:home", space_id=chosen.public_id)


@access.space_member
@require_safe
def tonight(request: SpaceRequest) -> HttpResponse:
    space, user = request.space, request.user
    steps = []
    for practice in registry.active_for(space, user):
        step = practice.step(space, user) if practice.step and request.partner else None
        if step is not None:
            steps.append((practice, step))
    return render(
        request,
        "tonight/tonight.html",
        {
            "space": space,
            "partner": request.partner,
            "can_invite": services.can_invite(space),
            "steps": [s for s in steps if not s[1].done],
            "done_steps": [s for s in steps if s[1].done],
            "minutes": sum(s.minutes for _, s in steps if not s.done),
        },
    )
