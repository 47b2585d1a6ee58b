"""What the authorisation matrix (tests/test_authz_matrix.py) needs to know about URLs.

Every URL pattern of the project must be classified here or carry ``space_id``; a new view
that is neither makes the matrix fail, so no page ships unchecked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from closeknit.testing.personas import Personas

# Anyone may open these.
PUBLIC = {
    "home",
    "accounts:signup",
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "couples:join_link",
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",
}

# Signed-in people only, about themselves (no space in the URL).
PERSONAL = {
    "accounts:logout",
    "accounts:profile",
    "accounts:delete",
    "accounts:onboarding",
    "accounts:password_change",
    "accounts:password_change_done",
    "couples:list",
    "couples:create",
    "couples:join_code",
    "api:me",
    "api:spaces",
}

# Values for URL arguments other than space_id, by argument name or by URL name.
ARGUMENT_SAMPLES: dict[str, Callable[[Personas], Any]] = {
    "token": lambda people: "a-token-that-matches-nothing-at-all-0123456789abc",
    "uidb64": lambda people: "MQ",
}


def _daily_id(people: Personas) -> int:
    from closeknit.share import services
    from closeknit.testing.content import ensure_prompts

    ensure_prompts()
    return services.today_for(people.space).pk


def _post_id(people: Personas) -> int:
    from closeknit.share import services

    return services.create_post(people.space, people.bob, kind="today", text="A small thing").pk


ARGUMENT_SAMPLES.update({"daily_id": _daily_id, "post_id": _post_id})
URL_SAMPLES: dict[str, Callable[[Personas], dict[str, Any]]] = {}
