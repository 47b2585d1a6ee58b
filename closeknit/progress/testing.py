"""How the authorisation matrix fills Progress's URL arguments."""

from __future__ import annotations

ARGUMENT_SAMPLES = {"instrument": lambda people: "closeknit-weekly"}
