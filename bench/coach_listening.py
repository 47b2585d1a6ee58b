"""Time the listening coach and the crisis detector against their 2 ms budget.

Runs `listening.assess` over every labelled pair and `crisis.detect` over every labelled message
(and every reflection), N times each, with time.perf_counter, and prints the mean microseconds
per call, the slowest single call, and the share of the budget. Exits 1 if a mean is over budget.

    .venv/bin/python bench/coach_listening.py [--reps N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from closeknit.coaching.crisis import detect
from closeknit.coaching.listening import assess

DATA = Path(__file__).resolve().parent.parent / "closeknit" / "coaching" / "tests" / "data"
BUDGET_US = 2000.0


def load(name: str) -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        rows: list[dict[str, Any]] = yaml.safe_load(handle)
    return rows


def time_calls(
    call: Callable[..., object], inputs: Sequence[tuple[str, ...]], reps: int
) -> tuple[float, float]:
    """Mean and worst microseconds per call, after one warm-up pass."""
    for args in inputs:
        call(*args)
    start = time.perf_counter()
    for _ in range(reps):
        for args in inputs:
            call(*args)
    mean = (time.perf_counter() - start) / (reps * len(inputs)) * 1e6
    worst = 0.0
    for args in inputs:
        begin = time.perf_counter()
        call(*args)
        worst = max(worst, (time.perf_counter() - begin) * 1e6)
    return mean, worst


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=20, help="passes over the data (default 20)")
    options = parser.parse_args(argv)
    reps = max(1, options.reps)

    pairs = load("listening_pairs.yaml")
    messages = load("crisis.yaml")
    assess_inputs = [(pair["speaker"], pair["reflection"]) for pair in pairs]
    detect_inputs = [(row["text"],) for row in messages] + [(p["reflection"],) for p in pairs]

    over = False
    print(f"Budget {BUDGET_US:.0f} µs per call; {reps} passes.")
    for name, call, inputs in (
        ("listening.assess", assess, assess_inputs),
        ("crisis.detect", detect, detect_inputs),
    ):
        mean, worst = time_calls(call, inputs, reps)
        ratio = mean / BUDGET_US
        over = over or ratio > 1
        print(
            f"{name:<17} {len(inputs):4d} inputs  mean {mean:7.1f} µs  slowest {worst:7.1f} µs"
            f"  {ratio:6.3f} of budget{'  OVER BUDGET' if ratio > 1 else ''}"
        )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
