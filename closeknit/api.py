"""The JSON API, version 1: small, session-authenticated, one error envelope.

It calls the same services and access rules as the pages.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import SessionAuth

from closeknit.couples import access


class CsrfSessionAuth(SessionAuth):
    """Session cookie auth with CSRF checks on unsafe methods (django-ninja's default)."""


api = NinjaAPI(
    title="closeknit API",
    version="1",
    urls_namespace="api",
    auth=CsrfSessionAuth(),
    docs_url="/docs",
)


def error(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    return api.create_response(
        request, {"error": {"code": code, "message": message}}, status=status
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error(request, 401, "unauthenticated", "Log in first.")


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error(request, 404, "not_found", "Not found.")


@api.exception_handler(ValidationError)
def on_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    where = ".".join(str(p) for p in first.get("loc", []) if p not in ("body", "payload"))
    message = f"{where}: {first.get('msg', 'invalid')}" if where else "The request is not valid."
    return error(request, 422, "invalid", message)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error(request, exc.status_code, "error", str(exc))


class Me(Schema):
    name: str
    pronouns: str
    time_zone: str


class SpaceOut(Schema):
    id: str
    name: str
    time_zone: str
    romantic: bool
    paired: bool
    has_partner: bool


def space_out(space: Any, has_partner: bool) -> SpaceOut:
    return SpaceOut(
        id=space.public_id,
        name=space.name,
        time_zone=space.time_zone,
        romantic=space.romantic,
        paired=space.paired_at is not None,
        has_partner=has_partner,
    )


@api.get("/me", response=Me, tags=["people"])
def me(request: HttpRequest) -> Me:
    user: Any = request.user
    return Me(name=user.name, pronouns=user.pronouns, time_zone=user.time_zone)


@api.get("/spaces", response=list[SpaceOut], tags=["spaces"])
def spaces(request: HttpRequest) -> list[SpaceOut]:
    user: Any = request.user
    return [
        space_out(space, access.partner_of(space, user) is not None)
        for space in access.spaces_of(user)
    ]


@api.get("/spaces/{space_id}", response=SpaceOut, tags=["spaces"])
def space_detail(request: HttpRequest, space_id: str) -> SpaceOut:
    user: Any = request.user
    membership = access.membership_for(user, space_id)
    return space_out(membership.space, access.partner_of(membership.space, user) is not None)


def _add_practice_routers() -> None:
    from closeknit.appreciate.api import router as appreciate_router
    from closeknit.desires.api import router as desires_router
    from closeknit.explore.api import router as explore_router
    from closeknit.listen.api import router as listen_router
    from closeknit.progress.api import router as progress_router
    from closeknit.share.api import router as share_router

    api.add_router("/share", share_router)
    api.add_router("/appreciate", appreciate_router)
    api.add_router("/desires", desires_router)
    api.add_router("/explore", explore_router)
    api.add_router("/listen", listen_router)
    api.add_router("/progress", progress_router)


_add_practice_routers()
