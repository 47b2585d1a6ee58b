"""Which instruments this installation offers: the shipped ones plus any loaded as data.

A therapist (or anyone who holds the rights to a questionnaire) adds one by dropping its YAML
file into a folder listed in the ``CLOSEKNIT_INSTRUMENT_DIRS`` setting; no code changes.
The schema is in ``instruments.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from closeknit.progress.instruments import INSTRUMENTS_DIR, Instrument, InstrumentError, load_all

WEEKLY = "closeknit-weekly"
"""Our own weekly check-in: the one Tonight offers."""

ONCE = dt.date(1970, 1, 1)
"""The period of an instrument answered once."""


def instrument_dirs() -> tuple[Path, ...]:
    extra = getattr(settings, "CLOSEKNIT_INSTRUMENT_DIRS", ()) or ()
    return (INSTRUMENTS_DIR, *(Path(d) for d in extra))


@lru_cache(maxsize=8)
def _load(dirs: tuple[Path, ...]) -> dict[str, Instrument]:
    found: dict[str, Instrument] = {}
    origin: dict[str, Path] = {}
    for directory in dirs:
        for key, instrument in load_all(directory).items():
            if key in found:
                raise InstrumentError(
                    f"{directory}: key: {key!r} is already used by an instrument in {origin[key]}"
                )
            found[key] = instrument
            origin[key] = directory
    return found


def instruments() -> dict[str, Instrument]:
    """Every instrument on offer, by key (cached per set of folders)."""
    return _load(instrument_dirs())


def get(key: str) -> Instrument | None:
    return instruments().get(key)


def period_start(instrument: Instrument, day: dt.date) -> dt.date:
    """The period a check-in on ``day`` belongs to: its ISO week, the day, or once ever."""
    if instrument.cadence == "weekly":
        return day - dt.timedelta(days=day.weekday())
    if instrument.cadence == "daily":
        return day
    return ONCE


@register()
def check_instruments(app_configs: Sequence[Any] | None, **kwargs: Any) -> list[CheckMessage]:
    """Every instrument file must load, and our own weekly check-in must be among them."""
    try:
        found = _load(instrument_dirs())
    except InstrumentError as error:
        return [
            Error(
                str(error),
                hint="Fix the file, or remove it from CLOSEKNIT_INSTRUMENT_DIRS.",
                id="closeknit.progress.E001",
            )
        ]
    if WEEKLY not in found:
        return [
            Error(
                f"The weekly check-in instrument {WEEKLY!r} is missing.",
                hint=f"It ships in {INSTRUMENTS_DIR}.",
                id="closeknit.progress.E002",
            )
        ]
    return []
