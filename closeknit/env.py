"""Strict parsers for settings that come from the environment.

Every parser fails fast with :class:`ImproperlyConfigured` and a message that names the
variable and what it accepts, so a typo in a deployment never silently becomes a default.
A secret may come from ``NAME`` or from a file named by ``NAME_FILE`` (for container secrets).
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class Env:
    """Typed access to one environment mapping (``os.environ`` unless given another)."""

    def __init__(self, environ: Mapping[builtins.str, builtins.str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def raw(self, name: builtins.str) -> builtins.str | None:
        return self.environ.get(name)

    def str(self, name: builtins.str, default: builtins.str = "") -> builtins.str:
        value = self.environ.get(name)
        return default if value is None else value.strip()

    def bool(self, name: builtins.str, default: builtins.bool = False) -> builtins.bool:
        value = self.environ.get(name)
        if value is None:
            return default
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off."
        )

    def int(
        self, name: builtins.str, default: builtins.int, *, minimum: builtins.int | None = None
    ) -> builtins.int:
        value = self.environ.get(name)
        if value is None or not value.strip():
            return default
        try:
            number = builtins.int(value.strip())
        except ValueError:
            raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
        if minimum is not None and number < minimum:
            raise ImproperlyConfigured(f"{name}={number} is below the minimum of {minimum}.")
        return number

    def list(
        self, name: builtins.str, default: builtins.list[builtins.str] | None = None
    ) -> builtins.list[builtins.str]:
        value = self.environ.get(name)
        if value is None:
            return builtins.list(default or [])
        return [item.strip() for item in value.split(",") if item.strip()]

    def choice(
        self, name: builtins.str, choices: tuple[builtins.str, ...], default: builtins.str
    ) -> builtins.str:
        value = self.str(name, default).lower()
        if value not in choices:
            raise ImproperlyConfigured(f"{name}={value!r} is not one of: {', '.join(choices)}.")
        return value

    def secret(self, name: builtins.str) -> builtins.str | None:
        """Read ``NAME``, or the contents of the file named by ``NAME_FILE``; never both."""
        direct = self.environ.get(name)
        file_name = self.environ.get(f"{name}_FILE")
        if direct and file_name:
            raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both.")
        if file_name:
            path = Path(file_name)
            try:
                content = path.read_text(encoding="utf-8").strip()
            except OSError as error:
                raise ImproperlyConfigured(
                    f"{name}_FILE={file_name!r} cannot be read: {error.strerror}."
                ) from None
            if not content:
                raise ImproperlyConfigured(f"{name}_FILE={file_name!r} is empty.")
            return content
        return direct.strip() if direct else None
