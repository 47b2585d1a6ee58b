"""What a person wrote in Share, for their data export: their own words only."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from closeknit.accounts.models import User
from closeknit.couples.models import Space
from closeknit.share.models import Answer, Post, Response


def _when(value: Any) -> str | None:
    return value.isoformat() if value else None


def export(space: Space, user: User) -> dict[str, Any]:
    answers = (
        Answer.objects.filter(daily__space=space, author=user)
        .select_related("daily__prompt")
        .order_by("daily__date")
    )
    posts = Post.objects.filter(space=space, author=user).order_by("created_at")
    responses = Response.objects.filter(author=user).filter(
        Q(answer__daily__space=space) | Q(post__space=space)
    )
    return {
        "answers": [
            {
                "date": a.daily.date.isoformat(),
                "prompt": a.daily.prompt.text,
                "text": a.text,
                "in_person": a.in_person,
                "depth_felt": a.depth_rating,
                "felt_understood": a.understood,
                "written_at": _when(a.created_at),
                "edited_at": _when(a.edited_at),
            }
            for a in answers
        ],
        "shared_first": [
            {
                "kind": p.kind,
                "text": p.text,
                "felt_understood": p.understood,
                "written_at": _when(p.created_at),
            }
            for p in posts
        ],
        "responses": [
            {"reaction": r.reaction, "text": r.text, "written_at": _when(r.created_at)}
            for r in responses.order_by("created_at")
        ],
    }
