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
    "support",
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
    "accounts:export",
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


URL_SAMPLES: dict[str, Callable[[Personas], dict[str, Any]]] = {}


def _collect_app_samples() -> None:
    """Each app may add samples for its own URL arguments in ``<app>/testing.py``."""
    import importlib

    from django.apps import apps

    for config in apps.get_app_configs():
        if not config.name.startswith("closeknit."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.testing")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.testing":
                raise
            continue
        ARGUMENT_SAMPLES.update(getattr(module, "ARGUMENT_SAMPLES", {}))
        URL_SAMPLES.update(getattr(module, "URL_SAMPLES", {}))
        PUBLIC.update(getattr(module, "PUBLIC_URLS", set()))


_collect_app_samples()
