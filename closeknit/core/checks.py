"""System checks for closeknit's own configuration mistakes, with stable IDs.

IDs never change meaning; docs/deploy.md lists them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def check_production_settings(
    app_configs: Sequence[Any] | None, **kwargs: Any
) -> list[CheckMessage]:
    if not settings.PRODUCTION:
        return []
    messages: list[CheckMessage] = []
    if settings.DEBUG:
        messages.append(
            Error(
                "DEBUG is on with CLOSEKNIT_ENV=production.",
                hint="Unset DEBUG: debug pages show private data.",
                id="closeknit.E001",
            )
        )
    if "*" in settings.ALLOWED_HOSTS:
        messages.append(
            Error(
                "ALLOWED_HOSTS contains '*' in production.",
                hint="List the host names this site answers to.",
                id="closeknit.E002",
            )
        )
    if not settings.SITE_URL.startswith("https://"):
        messages.append(
            Error(
                "SITE_URL does not start with https:// in production.",
                hint="Invite links and password-reset emails carry secrets; serve them over TLS.",
                id="closeknit.E003",
            )
        )
    if not (os.environ.get("DESIRES_KEYS") or os.environ.get("DESIRES_KEYS_FILE")):
        messages.append(
            Error(
                "Desire answers have no encryption key in production.",
                hint="Set DESIRES_KEYS (or DESIRES_KEYS_FILE) to one or more Fernet keys; "
                "see docs/deploy.md.",
                id="closeknit.E004",
            )
        )
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        messages.append(
            Warning(
                "Production runs on SQLite.",
                hint="Fine for one machine; use DATABASE_URL=postgres://... to run several "
                "app processes or machines.",
                id="closeknit.W001",
            )
        )
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        messages.append(
            Warning(
                "Email goes to the console in production.",
                hint="Set EMAIL_HOST (and EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) so password "
                "resets reach people.",
                id="closeknit.W002",
            )
        )
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        messages.append(
            Warning(
                "The cache is per process in production.",
                hint="Rate limits count per process; set REDIS_URL when running several processes.",
                id="closeknit.W003",
            )
        )
    return messages
