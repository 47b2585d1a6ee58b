"""Time the appreciation coach against its 1 ms-per-text budget.

Run from the project root: `.venv/bin/python bench/coach_appreciation.py [repetitions]`.
Times assess() over every text in the labelled set, repeated, and exits 1 if the mean time
per text is over budget. The coach runs live as someone types, so it must stay cheap.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from closeknit.coaching.appreciation import assess  # noqa: E402  (path set up just above)

DATA = ROOT / "closeknit" / "coaching" / "tests" / "data" / "appreciations.yaml"
BUDGET_US = 1000.0
DEFAULT_REPETITIONS = 50


def main(argv: list[str]) -> int:
    repetitions = int(argv[1]) if len(argv) > 1 else DEFAULT_REPETITIONS
    with DATA.open(encoding="utf-8") as handle:
        texts = [row["text"] for row in yaml.safe_load(handle)]

    # Warm up once so first-call costs (regex caches, allocations) are not billed to the run.
    for text in texts:
        assess(text)

    started = time.perf_counter()
    for _ in range(repetitions):
        for text in texts:
            assess(text)
    elapsed = time.perf_counter() - started

    calls = repetitions * len(texts)
    mean_us = elapsed / calls * 1e6
    ratio = mean_us / BUDGET_US
    print(
        f"assess: {len(texts)} texts x {repetitions} repetitions = {calls} calls in {elapsed:.3f} s"
    )
    print(f"mean {mean_us:.1f} µs per text; {ratio:.3f} of the 1 ms budget")
    if mean_us > BUDGET_US:
        print("over budget", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
