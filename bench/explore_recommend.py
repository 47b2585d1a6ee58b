"""Time Explore's recommender against its 20 ms-per-call budget.

Run from the project root: `.venv/bin/python bench/explore_recommend.py [calls] [--no-db]`.

Builds 1,000 activities that both partners marked (most "want to", some "maybe" or "no")
and a year of history (two outings a week, both rated), then times:

* ``rank``: the pure scoring over plain data, as the Django layer hands it over;
* ``recommend``: the whole call, gathering the same data from a throwaway test database
  (four queries, whatever the history) and ranking it. Skipped with --no-db.

Prints milliseconds per call and the ratio to the budget; exits 1 if either is over.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from closeknit.explore.recommend import (  # noqa: E402  (path set up just above)
    ActivityData,
    Constraints,
    MarkData,
    Outing,
    RatingData,
    rank,
)

BUDGET_MS = 20.0
DEFAULT_CALLS = 300
ACTIVITIES = 1000
WEEKS = 52
OUTINGS_PER_WEEK = 2
TAGS = (
    *("learn", "create", "nature", "move", "food", "culture", "play"),
    *("give", "adventure", "relax", "music", "talk", "words", "apart"),
)
COSTS = ("free", "$", "$$", "$$$")
SETTINGS = ("home", "outdoors", "out", "travel")
ALICE, BOB = 1, 2
START = dt.datetime(2025, 1, 6, 19, tzinfo=dt.UTC)
CONSTRAINTS = {
    "anything goes": Constraints(),
    "an evening, $$ at most, maybes in": Constraints(budget="$$", minutes=180, include_maybes=True),
    "outdoors, active, repeats allowed": Constraints(
        settings=frozenset({"outdoors", "out"}), energy="active", include_done=True
    ),
}


def build(seed: int = 7) -> tuple[list[ActivityData], list[MarkData], list[Outing]]:
    rng = random.Random(seed)
    activities = [
        ActivityData(
            id=n,
            title=f"Activity {n}",
            excitement=rng.randint(1, 5),
            novelty=rng.randint(1, 5),
            cost=rng.choice(COSTS),
            minutes=rng.choice((15, 30, 60, 90, 120, 180, 240, 480, 1440, 2880)),
            setting=rng.choice(SETTINGS),
            energy=rng.choice(("calm", "active")),
            tags=tuple(rng.sample(TAGS, rng.randint(1, 3))),
        )
        for n in range(1, ACTIVITIES + 1)
    ]
    marks = [
        MarkData(
            a.id,
            person,
            rng.choices(("want", "maybe", "no"), weights=(6, 2, 2))[0],
            rng.choice(("new", "done", "")),
        )
        for a in activities
        for person in (ALICE, BOB)
    ]
    outings = [
        Outing(
            activity_id=activity.id,
            title=activity.title,
            tags=activity.tags,
            when=START + dt.timedelta(days=3.5 * n),
            ratings=tuple(
                RatingData(person, rng.randint(1, 7), rng.randint(1, 7)) for person in (ALICE, BOB)
            ),
        )
        for n, activity in enumerate(rng.sample(activities, WEEKS * OUTINGS_PER_WEEK))
    ]
    return activities, marks, outings


def measure(label: str, call: Callable[[random.Random], object], calls: int) -> float:
    for seed in range(5):  # warm up: first-call costs are not billed to the run
        call(random.Random(seed))
    started = time.perf_counter()
    for seed in range(calls):
        call(random.Random(seed))
    per_call_ms = (time.perf_counter() - started) / calls * 1000
    print(f"  {label:<38} {per_call_ms:7.3f} ms per call; {per_call_ms / BUDGET_MS:.3f} of budget")
    return per_call_ms


def bench_pure(calls: int) -> float:
    activities, marks, outings = build()
    print(
        f"rank (pure): {len(activities)} activities, {len(marks)} marks, "
        f"{len(outings)} outings with {sum(len(o.ratings) for o in outings)} ratings, "
        f"{calls} calls each"
    )
    worst = 0.0
    for label, constraints in CONSTRAINTS.items():
        worst = max(
            worst,
            measure(
                label,
                lambda rng, c=constraints: rank(  # type: ignore[misc]
                    activities, marks, outings, (ALICE, BOB), c, rng=rng
                ),
                calls,
            ),
        )
    return worst


def bench_db(calls: int) -> float:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "closeknit.settings")
    os.environ.setdefault("CLOSEKNIT_ENV", "test")
    import django

    django.setup()
    from django.db import connection

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        return _bench_db(calls)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def _bench_db(calls: int) -> float:
    from closeknit.explore import recommend
    from closeknit.explore.models import Activity, Mark, Plan, Rating
    from closeknit.testing.personas import make_person, pair

    activities, marks, outings = build()
    alice = make_person("alice@example.org", "Alice")
    bob = make_person("bob@example.org", "Bob")
    space = pair(alice, bob)
    people = {ALICE: alice.pk, BOB: bob.pk}
    Activity.objects.bulk_create(
        Activity(
            key=f"bench-{a.id}",
            title=a.title,
            description="A benchmark activity, to try together one evening.",
            excitement=a.excitement,
            novelty=a.novelty,
            cost=a.cost,
            minutes=a.minutes,
            setting=a.setting,
            energy=a.energy,
            tags=list(a.tags),
        )
        for a in activities
    )
    pk = dict(Activity.objects.values_list("key", "pk"))
    Mark.objects.bulk_create(
        Mark(
            space=space,
            user_id=people[m.user_id],
            activity_id=pk[f"bench-{m.activity_id}"],
            interest=m.interest,
            newness=m.newness,
        )
        for m in marks
    )
    plans = Plan.objects.bulk_create(
        Plan(
            space=space,
            activity_id=pk[f"bench-{o.activity_id}"],
            starts_at=o.when,
            ends_at=o.when + dt.timedelta(hours=2),
            done_at=o.when + dt.timedelta(hours=3),
        )
        for o in outings
    )
    Rating.objects.bulk_create(
        Rating(
            plan_id=plan.pk,
            author_id=people[r.user_id],
            closeness=r.closeness,
            excitement=r.excitement,
        )
        for plan, outing in zip(plans, outings, strict=True)
        for r in outing.ratings
    )
    print(
        f"recommend (SQLite test database): {Activity.objects.count()} activities, "
        f"{Mark.objects.count()} marks, {Plan.objects.count()} plans, "
        f"{Rating.objects.count()} ratings, {calls} calls each"
    )
    worst = 0.0
    for label, constraints in CONSTRAINTS.items():
        worst = max(
            worst,
            measure(
                label,
                lambda rng, c=constraints: recommend.recommend(space, c, rng=rng),  # type: ignore[misc]
                calls,
            ),
        )
    return worst


def main(argv: list[str]) -> int:
    numbers = [a for a in argv[1:] if a.isdigit()]
    calls = int(numbers[0]) if numbers else DEFAULT_CALLS
    results = {"rank": bench_pure(calls)}
    if "--no-db" not in argv:
        results["recommend"] = bench_db(max(calls // 3, 20))
    over = {name: ms for name, ms in results.items() if ms > BUDGET_MS}
    print(
        "worst: "
        + ", ".join(
            f"{name} {ms:.3f} ms ({ms / BUDGET_MS:.3f} of {BUDGET_MS:.0f} ms)"
            for name, ms in results.items()
        )
    )
    if over:
        print(f"over budget: {over}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
