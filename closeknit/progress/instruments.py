"""Questionnaires as data: load an instrument from YAML, validate it, score answers.

Framework-free (no Django). A therapist who holds the rights to a questionnaire can add it as a
YAML file (items, reverse keys, subscales, cut-offs, reliability) without any code change; our own
weekly check-in, ``content/instruments/closeknit-weekly.yaml``, is defined the same way.

Schema (unknown fields are rejected; errors name the file and the field)::

    key: closeknit-weekly        # stable slug: lowercase letters, digits, hyphens
    version: 1                   # whole number >= 1; bump when items or scoring change
    name: "Our week"
    description: "..."           # optional
    cadence: weekly              # daily | weekly | once
    scale: {min: 1, max: 7, labels: {1: "Not at all", 7: "Completely"}}   # labels optional
    items:
      - key: closeness           # unique within the instrument
        text: "This week I felt close to my partner."
        reverse: false           # optional; reverse-keyed items score min + max - answer
        subscale: connection     # optional; must be declared under `subscales`
    reverse: [alone]             # optional: another way to list reverse-keyed items
    scoring: {method: mean}      # mean | sum, over items after reverse-keying;
                                 # optional min_answered (default 0.8) for prorating
    subscales: {connection: {name: "Connection", description: "..."}}     # optional
    cutoffs:                     # optional bands over the total score, in rising order;
      - {max: 3.0, label: "..."} # a total belongs to the first band whose max it does not
      - {max: 7.0, label: "..."} # exceed; the last max must reach the highest possible total
    reliability: 0.85            # optional, in [0, 1): for the reliable change index
    reliability_note: "..."      # optional: where reliability and sd come from
    sd: 1.1                      # optional population SD of the total score, for the RCI
    attribution: "..."           # provenance / licence note

Scoring. Answers are whole numbers on the scale; reverse-keyed items are turned around
(``min + max - answer``). The total (and each subscale) is scored only when at least
``min_answered`` (80%) of its items are answered; missing answers are prorated: the mean of the
answered items, times the number of items for ``sum`` scoring.
"""

from __future__ import annotations

import math
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

__all__ = [
    "INSTRUMENTS_DIR",
    "Cutoff",
    "Instrument",
    "InstrumentError",
    "Item",
    "Scale",
    "Score",
    "Scoring",
    "ScoringError",
    "Subscale",
    "builtin_instruments",
    "load_all",
    "load_instrument",
    "parse_instrument",
]

INSTRUMENTS_DIR = Path(__file__).resolve().parent / "content" / "instruments"

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ITEM_KEY = r"^[a-z][a-z0-9_]*$"


class InstrumentError(ValueError):
    """An instrument file that cannot be used; the message names the file and the field."""


class ScoringError(ValueError):
    """Answers that cannot be scored: an unknown item key or a value off the scale."""


_CONFIG = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=False)


class Scale(BaseModel):
    model_config = _CONFIG

    minimum: int = Field(alias="min")
    maximum: int = Field(alias="max")
    labels: dict[int, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> Scale:
        if self.minimum >= self.maximum:
            raise ValueError(f"scale: min ({self.minimum}) must be below max ({self.maximum})")
        for point, label in self.labels.items():
            if not self.minimum <= point <= self.maximum:
                raise ValueError(
                    f"scale.labels: {point} is outside the scale {self.minimum}..{self.maximum}"
                )
            if not label.strip():
                raise ValueError(f"scale.labels.{point}: the label is empty")
        return self

    def reverse(self, value: int) -> int:
        """The reverse-keyed value: min + max - value."""
        return self.minimum + self.maximum - value


class Item(BaseModel):
    model_config = _CONFIG

    key: str = Field(pattern=ITEM_KEY)
    text: str = Field(min_length=1)
    reverse: bool = False
    subscale: str | None = None


class Scoring(BaseModel):
    model_config = _CONFIG

    method: Literal["mean", "sum"]
    min_answered: float = Field(default=0.8, gt=0, le=1)


class Subscale(BaseModel):
    model_config = _CONFIG

    name: str = Field(min_length=1)
    description: str = ""


class Cutoff(BaseModel):
    model_config = _CONFIG

    maximum: float = Field(alias="max")
    label: str = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class Score:
    """A scored questionnaire. ``total`` is None when too few items were answered."""

    instrument: str
    version: int
    method: str
    total: float | None
    subscales: dict[str, float | None]
    band: str | None
    answered: int
    n_items: int
    prorated: bool  # scored although some answers were missing
    keyed: dict[str, int]  # answers after reverse-keying

    @property
    def scored(self) -> bool:
        return self.total is not None


class Instrument(BaseModel):
    """A questionnaire loaded from YAML (see the module docstring for the schema)."""

    model_config = _CONFIG

    key: str = Field(pattern=SLUG)
    version: int = Field(ge=1)
    name: str = Field(min_length=1)
    description: str = ""
    cadence: Literal["daily", "weekly", "once"]
    scale: Scale
    items: list[Item] = Field(min_length=1)
    reverse: list[str] = Field(default_factory=list)
    scoring: Scoring
    subscales: dict[str, Subscale] = Field(default_factory=dict)
    cutoffs: list[Cutoff] = Field(default_factory=list)
    reliability: float | None = Field(default=None, ge=0, lt=1)
    reliability_note: str = ""
    sd: float | None = Field(default=None, gt=0)
    attribution: str = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> Instrument:
        keys = [item.key for item in self.items]
        seen: dict[str, int] = {}
        for index, key in enumerate(keys):
            if key in seen:
                raise ValueError(
                    f"items[{index}].key: duplicate item key {key!r} (also items[{seen[key]}])"
                )
            seen[key] = index
        for key in self.reverse:
            if key not in seen:
                raise ValueError(f"reverse: {key!r} is not an item key (items: {', '.join(keys)})")
        for index, item in enumerate(self.items):
            if item.subscale is not None and item.subscale not in self.subscales:
                declared = ", ".join(self.subscales) or "none"
                raise ValueError(
                    f"items[{index}].subscale: {item.subscale!r} is not declared under "
                    f"subscales (declared: {declared})"
                )
        for name in self.subscales:
            if not any(item.subscale == name for item in self.items):
                raise ValueError(f"subscales.{name}: no item belongs to this subscale")
        low, high = self.total_range
        previous: float | None = None
        for index, cutoff in enumerate(self.cutoffs):
            if previous is not None and cutoff.maximum <= previous:
                raise ValueError(
                    f"cutoffs[{index}].max: {cutoff.maximum:g} must be above the previous "
                    f"band's max ({previous:g}); list bands in rising order"
                )
            if cutoff.maximum < low:
                raise ValueError(
                    f"cutoffs[{index}].max: {cutoff.maximum:g} is below the lowest possible "
                    f"total ({low:g}), so no score can fall in this band"
                )
            previous = cutoff.maximum
        if self.cutoffs and self.cutoffs[-1].maximum < high:
            raise ValueError(
                f"cutoffs[{len(self.cutoffs) - 1}].max: {self.cutoffs[-1].maximum:g} must "
                f"reach the highest possible total ({high:g}) so that every score has a band"
            )
        return self

    # -----------------------------------------------------------------------------------------

    @property
    def item_keys(self) -> list[str]:
        return [item.key for item in self.items]

    @property
    def reverse_keys(self) -> frozenset[str]:
        """Reverse-keyed items, whether marked on the item or listed under ``reverse``."""
        return frozenset(self.reverse) | {item.key for item in self.items if item.reverse}

    @property
    def total_range(self) -> tuple[float, float]:
        """Lowest and highest possible total score."""
        count = len(self.items) if self.scoring.method == "sum" else 1
        return float(self.scale.minimum * count), float(self.scale.maximum * count)

    def subscale_items(self, name: str) -> list[str]:
        return [item.key for item in self.items if item.subscale == name]

    def keyed(self, item_key: str, value: int) -> int:
        """The answer to ``item_key`` after reverse-keying (validated against the scale)."""
        if item_key not in self.item_keys:
            raise ScoringError(f"{self.key}: unknown item key {item_key!r}")
        if isinstance(value, bool) or not isinstance(value, int):
            raise ScoringError(
                f"{self.key}: answer to {item_key!r} must be a whole number, got {value!r}"
            )
        if not self.scale.minimum <= value <= self.scale.maximum:
            raise ScoringError(
                f"{self.key}: answer to {item_key!r} is {value}, outside the scale "
                f"{self.scale.minimum}..{self.scale.maximum}"
            )
        return self.scale.reverse(value) if item_key in self.reverse_keys else value

    def _combine(self, values: list[int], n_items: int) -> float | None:
        needed = math.ceil(self.scoring.min_answered * n_items - 1e-9)
        if n_items == 0 or len(values) < max(needed, 1):
            return None
        mean = fmean(values)
        return mean * n_items if self.scoring.method == "sum" else mean

    def band(self, total: float | None) -> str | None:
        """The label of the first cut-off band whose max the total does not exceed."""
        if total is None:
            return None
        for cutoff in self.cutoffs:
            if total <= cutoff.maximum + 1e-9:
                return cutoff.label
        return None

    def score(self, answers: Mapping[str, int | None]) -> Score:
        """Score answers keyed by item key; a missing key or None is an unanswered item.

        Raises ScoringError for unknown item keys and for answers that are not whole numbers
        on the scale.
        """
        unknown = sorted(set(answers) - set(self.item_keys))
        if unknown:
            raise ScoringError(
                f"{self.key}: unknown item key(s) {', '.join(map(repr, unknown))} "
                f"(items: {', '.join(self.item_keys)})"
            )
        keyed = {
            key: self.keyed(key, value)
            for key in self.item_keys
            if (value := answers.get(key)) is not None
        }
        total = self._combine(list(keyed.values()), len(self.items))
        subscales = {
            name: self._combine(
                [keyed[key] for key in self.subscale_items(name) if key in keyed],
                len(self.subscale_items(name)),
            )
            for name in self.subscales
        }
        return Score(
            instrument=self.key,
            version=self.version,
            method=self.scoring.method,
            total=total,
            subscales=subscales,
            band=self.band(total),
            answered=len(keyed),
            n_items=len(self.items),
            prorated=total is not None and len(keyed) < len(self.items),
            keyed=keyed,
        )


# ---------------------------------------------------------------------------------------------
# Loading


def _unwrap(annotation: Any) -> Any:
    """``X | None`` -> X."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(options) == 1:
            return options[0]
    return annotation


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The schema model found by following an error location from the instrument."""
    current: Any = Instrument
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = current.model_fields
            match = next(
                (f for name, f in fields.items() if (f.alias or name) == part),
                None,
            )
            if match is None:
                return None
            current = match.annotation
        elif typing.get_origin(current) in (list, tuple):
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _where(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _problems(error: ValidationError) -> Iterator[str]:
    for problem in error.errors():
        loc = tuple(problem["loc"])
        message = problem["msg"].removeprefix("Value error, ")
        if problem["type"] == "extra_forbidden":
            model = _model_at(loc[:-1])
            allowed = (
                ", ".join(f.alias or name for name, f in model.model_fields.items())
                if model is not None
                else ""
            )
            message = f"unknown field {loc[-1]!r}" + (f" (allowed: {allowed})" if allowed else "")
            yield f"{_where(loc)}: {message}"
        elif not loc:
            yield message  # model-level checks name their field themselves
        elif problem["type"] == "missing":
            yield f"{_where(loc)}: required field is missing"
        else:
            value = problem.get("input")
            shown = "" if isinstance(value, dict | list) else f" (got {value!r})"
            yield f"{_where(loc)}: {message}{shown}"


def parse_instrument(data: object, *, source: str) -> Instrument:
    """Validate already-parsed YAML; ``source`` names the file in error messages."""
    if not isinstance(data, dict):
        raise InstrumentError(f"{source}: expected a mapping of fields at the top level")
    try:
        return Instrument.model_validate(data)
    except ValidationError as error:
        problems = list(_problems(error))
        raise InstrumentError(f"{source}: " + "; ".join(problems[:10])) from None


def load_instrument(path: str | Path) -> Instrument:
    """Load and validate one instrument file; raises InstrumentError naming file and field."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InstrumentError(f"{path}: cannot read the file: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise InstrumentError(f"{path}: not valid YAML: {error}") from None
    return parse_instrument(data, source=str(path))


def load_all(directory: str | Path) -> dict[str, Instrument]:
    """Every ``*.yaml`` / ``*.yml`` instrument in ``directory`` (not its subfolders), by key."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InstrumentError(f"{directory}: not a directory")
    found: dict[str, Instrument] = {}
    origin: dict[str, Path] = {}
    paths = sorted(p for p in directory.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())
    for path in paths:
        instrument = load_instrument(path)
        if instrument.key in found:
            raise InstrumentError(
                f"{path}: key: {instrument.key!r} is already used by {origin[instrument.key]}"
            )
        found[instrument.key] = instrument
        origin[instrument.key] = path
    return found


def builtin_instruments() -> dict[str, Instrument]:
    """The instruments shipped with closeknit."""
    return load_all(INSTRUMENTS_DIR)
