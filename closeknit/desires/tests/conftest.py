from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _fresh_keys() -> Iterator[None]:
    # Each test reads DESIRES_KEYS afresh, so one test's keys never leak into the next.
    from closeknit.desires import crypto

    crypto.reset()
    yield
    crypto.reset()


@pytest.fixture
def items(db: None) -> None:
    from closeknit.desires.testing import ensure_items

    ensure_items()
