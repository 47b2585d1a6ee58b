"""The recommender: only mutual choices, within constraints, learning from ratings.

Most tests use the pure ``rank`` over plain data; the last ones check the Django layer.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from closeknit.explore import recommend, services
from closeknit.explore.recommend import (
    ActivityData,
    Constraints,
    MarkData,
    Outing,
    RatingData,
    rank,
)

ALICE, BOB, CAROL = 1, 2, 3
MEMBERS = (ALICE, BOB)
WHEN = dt.datetime(2026, 3, 1, 19, tzinfo=dt.UTC)


def act(aid: int, **values: object) -> ActivityData:
    fields: dict[str, object] = {
        "title": f"Activity {aid}",
        "excitement": 3,
        "novelty": 3,
        "cost": "free",
        "minutes": 60,
        "setting": "home",
        "energy": "calm",
        "tags": ("play",),
    }
    fields.update(values)
    return ActivityData(id=aid, **fields)  # type: ignore[arg-type]


def marks(aid: int, alice: str = "want", bob: str = "want", *, new: str = "") -> list[MarkData]:
    """Both people's marks on one activity; ``new`` is "" / "both" / "alice" / "bob"."""
    return [
        MarkData(aid, ALICE, alice, "new" if new in ("both", "alice") else ""),
        MarkData(aid, BOB, bob, "new" if new in ("both", "bob") else ""),
    ]


def outing(aid: int, tags: tuple[str, ...], *scores: tuple[int, int], title: str = "") -> Outing:
    """A plan that happened; ``scores`` are (closeness, excitement) for Alice then Bob."""
    ratings = tuple(
        RatingData(user, closeness, excitement)
        for user, (closeness, excitement) in zip(MEMBERS, scores, strict=False)
    )
    return Outing(aid, title or f"Outing {aid}", tags, WHEN + dt.timedelta(days=aid), ratings)


def ids(suggestions: list[recommend.Suggestion]) -> list[int]:
    return [s.activity.id for s in suggestions]


def suggest(activities, mark_list, outings=(), seed=1, members=MEMBERS, **constraints):
    return rank(
        activities,
        mark_list,
        list(outings),
        members,
        Constraints(**{"limit": 200, **constraints}),
        rng=random.Random(seed),
    )


# Only what both chose


def test_only_activities_both_want_are_suggested():
    combos = {
        1: ("want", "want"),
        2: ("want", "maybe"),
        3: ("maybe", "want"),
        4: ("maybe", "maybe"),
        5: ("want", "no"),
        6: ("no", "want"),
        7: ("want", ""),
        8: ("", "want"),
    }
    activities = [act(aid) for aid in combos]
    mark_list = [m for aid, (a, b) in combos.items() for m in marks(aid, a, b)]
    assert ids(suggest(activities, mark_list)) == [1]


def test_including_maybes_adds_want_plus_maybe_but_never_maybe_plus_maybe_or_a_no():
    combos = {1: ("want", "want"), 2: ("want", "maybe"), 3: ("maybe", "want")}
    combos |= {4: ("maybe", "maybe"), 5: ("want", "no"), 6: ("no", "maybe")}
    activities = [act(aid) for aid in combos]
    mark_list = [m for aid, (a, b) in combos.items() for m in marks(aid, a, b)]
    assert sorted(ids(suggest(activities, mark_list, include_maybes=True))) == [1, 2, 3]


def test_an_activity_only_one_person_marked_is_never_suggested():
    activities = [act(1), act(2)]
    mark_list = [MarkData(1, ALICE, "want"), MarkData(2, BOB, "want")]
    assert suggest(activities, mark_list, include_maybes=True) == []


def test_marks_from_someone_outside_the_pair_count_for_nothing():
    activities = [act(1)]
    mark_list = [MarkData(1, ALICE, "want"), MarkData(1, CAROL, "want")]
    assert suggest(activities, mark_list) == []


def test_a_space_without_two_people_gets_no_suggestions():
    assert suggest([act(1)], marks(1), members=(ALICE,)) == []
    assert suggest([act(1)], marks(1), members=(ALICE, ALICE)) == []


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 30),
            st.sampled_from((*MEMBERS, CAROL)),
            st.sampled_from(["want", "maybe", "no", ""]),
        ),
        max_size=120,
    ),
    st.booleans(),
)
def test_every_suggestion_is_a_mutual_choice_whatever_the_marks(raw, include_maybes):
    mark_list = [MarkData(aid, user, interest) for aid, user, interest in raw]
    latest = {(m.activity_id, m.user_id): m.interest for m in mark_list}
    found = suggest([act(aid) for aid in range(1, 31)], mark_list, include_maybes=include_maybes)
    allowed = [{"want"}, {"want", "maybe"}] if include_maybes else [{"want"}]
    for suggestion in found:
        pair = {latest.get((suggestion.activity.id, who), "") for who in MEMBERS}
        assert pair in allowed, (suggestion.activity.id, pair)


# Constraints


VARIED = [
    act(
        n,
        cost=["free", "$", "$$", "$$$"][n % 4],
        minutes=[20, 60, 90, 180, 600][n % 5],
        setting=["home", "outdoors", "out", "travel"][n % 4 if n % 3 else (n + 1) % 4],
        energy=["calm", "active"][n % 2 if n % 5 else (n + 1) % 2],
        tags=(["create"], ["nature"], ["play", "learn"], ["move"], ["food"])[n % 5],
        excitement=1 + n % 5,
    )
    for n in range(1, 81)
]
VARIED_MARKS = [m for a in VARIED for m in marks(a.id)]


@pytest.mark.parametrize(
    "constraints",
    [
        {"budget": "free"},
        {"budget": "$$"},
        {"minutes": 60},
        {"minutes": 90, "budget": "$"},
        {"settings": frozenset({"outdoors"})},
        {"settings": frozenset({"home", "out"}), "energy": "active"},
        {"energy": "calm", "minutes": 180, "budget": "$$"},
    ],
)
def test_every_suggestion_fits_the_plans_constraints(constraints):
    found = suggest(VARIED, VARIED_MARKS, **constraints)
    assert found, "some activities fit"
    assert len(found) < len(VARIED), "and some do not"
    order = recommend.COST_ORDER
    for s in found:
        activity = s.activity
        if "budget" in constraints:
            assert order[activity.cost] <= order[constraints["budget"]]
        if "minutes" in constraints:
            assert activity.minutes <= constraints["minutes"]
        if "settings" in constraints:
            assert activity.setting in constraints["settings"]
        if "energy" in constraints:
            assert activity.energy == constraints["energy"]
    everything_that_fits = {
        a.id for a in VARIED if Constraints(**constraints).admits(a)
    }  # nothing that fits is lost either
    assert set(ids(found)) == everything_that_fits


def test_the_limit_is_respected():
    assert len(suggest(VARIED, VARIED_MARKS, limit=3)) == 3


# Done, planned, and asked-for repeats


def test_activities_done_together_are_not_repeated_unless_asked():
    activities = [act(1, excitement=5), act(2)]
    history = [outing(1, ("play",), (7, 7), (7, 7))]
    assert ids(suggest(activities, marks(1) + marks(2), history)) == [2]
    again = suggest(activities, marks(1) + marks(2), history, include_done=True)
    assert sorted(ids(again)) == [1, 2]
    reasons = {s.activity.id: {r.kind for r in s.reasons} for s in again}
    assert "loved_before" in reasons[1]


def test_an_activity_already_planned_is_not_suggested_again():
    found = rank(
        [act(1), act(2)],
        marks(1) + marks(2),
        [],
        MEMBERS,
        Constraints(),
        rng=random.Random(3),
        planned={1},
    )
    assert ids(found) == [2]


# Favouring the new and the exciting


def _first_place_share(activities, mark_list, outings=(), draws=400, **constraints) -> Counter:
    firsts: Counter = Counter()
    for seed in range(draws):
        found = suggest(activities, mark_list, outings, seed=seed, **constraints)
        firsts[found[0].activity.id] += 1
    return firsts


def test_new_to_both_is_favoured_over_done_before():
    new = act(1, tags=("play",))
    known = act(2, tags=("play",))
    mark_list = [
        *marks(1, new="both"),
        MarkData(2, ALICE, "want", "done"),
        MarkData(2, BOB, "want", "done"),
    ]
    firsts = _first_place_share([new, known], mark_list)
    assert firsts[1] == 400  # same tags, so the same draw: newness decides every time


def test_more_exciting_activities_usually_come_first():
    thrilling = act(1, excitement=5, tags=("adventure",))
    gentle = act(2, excitement=1, tags=("relax",))
    firsts = _first_place_share([thrilling, gentle], marks(1) + marks(2))
    assert firsts[1] > 0.75 * 400


# Learning from ratings (Thompson sampling over tags)


def test_tag_posteriors_start_at_one_one_and_count_both_questions():
    history = [
        outing(10, ("create", "learn"), (6, 5), (7, 2)),
        outing(11, ("create",), (2, 1), (1, 1)),
    ]
    posteriors = recommend.tag_posteriors(history, MEMBERS)
    # create: 1 + (2 + 1 + 0 + 0) successes, 1 + (0 + 1 + 2 + 2) failures
    assert posteriors["create"] == (4, 6)
    assert posteriors["learn"] == (4, 2)
    assert "play" not in posteriors  # untried: Beta(1, 1) when drawn


def test_ratings_shift_the_ranking_in_the_expected_direction():
    """Two activities alike in every way but their tag: how past ones felt decides."""
    pottery = act(1, title="Pottery evening", tags=("create",))
    hike = act(2, title="Night hike", tags=("nature",))
    mark_list = marks(1) + marks(2)
    before = _first_place_share([pottery, hike], mark_list)
    assert 0.35 * 400 < before[1] < 0.65 * 400  # no evidence: a fair coin

    loved = [outing(10 + n, ("create",), (7, 6), (6, 7)) for n in range(3)]
    after_loving = _first_place_share([pottery, hike], mark_list, loved)
    assert after_loving[1] > 0.9 * 400

    flat = [outing(10 + n, ("create",), (2, 1), (3, 2)) for n in range(3)]
    after_flat = _first_place_share([pottery, hike], mark_list, flat)
    assert after_flat[1] < 0.1 * 400


def test_more_evidence_moves_the_ranking_further():
    pottery = act(1, tags=("create",))
    hike = act(2, tags=("nature",), excitement=4)  # the catalog slightly prefers the hike
    mark_list = marks(1) + marks(2)
    shares = [
        _first_place_share(
            [pottery, hike],
            mark_list,
            [outing(10 + n, ("create",), (6, 6), (6, 6)) for n in range(count)],
        )[1]
        for count in (0, 1, 4)
    ]
    assert shares[0] < shares[1] < shares[2]


def test_a_leavers_ratings_do_not_teach_the_recommender():
    pottery = act(1, tags=("create",))
    hike = act(2, tags=("nature",))
    carols = Outing(10, "x", ("create",), WHEN, (RatingData(CAROL, 7, 7),) * 5)
    firsts = _first_place_share([pottery, hike], marks(1) + marks(2), [carols])
    assert 0.35 * 400 < firsts[1] < 0.65 * 400


# Determinism


def test_the_same_seed_gives_the_same_suggestions_and_scores():
    history = [outing(100, ("play",), (6, 6), (5, 4))]
    first = suggest(VARIED, VARIED_MARKS, history, seed=42, limit=10)
    second = suggest(VARIED, VARIED_MARKS, history, seed=42, limit=10)
    assert first == second
    others = [ids(suggest(VARIED, VARIED_MARKS, history, seed=s, limit=10)) for s in range(20)]
    assert len({tuple(o) for o in others}) > 1  # and the seed does matter


def test_ties_break_on_the_activity_id_so_order_never_depends_on_input_order():
    activities = [act(n, tags=()) for n in range(1, 6)]
    mark_list = [m for a in activities for m in marks(a.id)]
    forwards = suggest(activities, mark_list)
    backwards = suggest(list(reversed(activities)), list(reversed(mark_list)))
    assert ids(forwards) == ids(backwards) == [1, 2, 3, 4, 5]


def test_the_same_question_on_the_same_day_gets_the_same_draws_in_any_process():
    """Partners on different server processes see the same ideas: no hash-order seeds."""
    code = (
        "import datetime as dt; from closeknit.explore.recommend import Constraints, seeded_rng;"
        "c = Constraints(settings=frozenset({'home', 'out', 'outdoors', 'travel'}));"
        "print(seeded_rng('abc', dt.date(2026, 3, 1), c, 0).random())"
    )
    draws = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(draws) == 1


# Reasons


def test_every_suggestion_carries_its_reasons():
    activities = [
        act(1, excitement=5, tags=("create",)),
        act(2, tags=("nature",)),
        act(3, tags=("relax",)),
    ]
    mark_list = marks(1, new="both") + marks(2, new="alice") + marks(3)
    history = [outing(50, ("create",), (6, 6), (7, 5), title="A pottery wheel taster")]
    found = {s.activity.id: s for s in suggest(activities, mark_list, history)}
    assert [r.kind for r in found[1].reasons] == ["both_loved", "new_to_both", "exciting"]
    assert found[1].reasons[0].subject == "A pottery wheel taster"
    assert str(found[1].reasons[0]) == "You both loved “A pottery wheel taster”"
    assert str(found[1].reasons[1]) == "New to both of you"
    assert found[1].new_to_both
    assert [str(r) for r in found[2].reasons] == ["You both chose it"]
    assert not found[2].new_to_both  # new only to Alice: nothing is said about Bob


def test_both_loved_needs_both_people_to_have_loved_it():
    activities = [act(1, tags=("create",))]
    one_loved = [outing(50, ("create",), (7, 7), (4, 3))]
    only_one_rated = [outing(51, ("create",), (7, 7))]
    for history in (one_loved, only_one_rated):
        found = suggest(activities, marks(1), history)
        assert "both_loved" not in {r.kind for r in found[0].reasons}


# The Django layer


def _db_setup(people, activities: int, history: int) -> None:
    from closeknit.explore.models import Plan, Rating
    from closeknit.explore.testing import make_activity

    made = [
        make_activity(f"act-{n}", tags=[["create"], ["nature"], ["play", "learn"]][n % 3])
        for n in range(activities)
    ]
    for activity in made:
        for person in (people.alice, people.bob):
            services.set_mark(people.space, person, activity, interest="want", newness="new")
    start = dt.datetime(2026, 1, 1, 19, tzinfo=dt.UTC)
    for n in range(history):
        plan = Plan.objects.create(
            space=people.space,
            activity=made[n % len(made)],
            starts_at=start + dt.timedelta(days=n),
            ends_at=start + dt.timedelta(days=n, hours=1),
            done_at=start + dt.timedelta(days=n, hours=2),
        )
        for person in (people.alice, people.bob):
            Rating.objects.create(plan=plan, author=person, closeness=6, excitement=5)


@pytest.mark.django_db
def test_recommend_reads_each_table_once_whatever_the_history(people):
    _db_setup(people, activities=12, history=3)
    with CaptureQueriesContext(connection) as few:
        found = recommend.recommend(
            people.space, Constraints(include_done=True), rng=random.Random(1)
        )
    assert found
    _db_setup(people, activities=30, history=40)
    with CaptureQueriesContext(connection) as many:
        recommend.recommend(people.space, Constraints(include_done=True), rng=random.Random(1))
    # members; the activities both chose, with both marks; plans; ratings
    assert len(few) == len(many) == 4


@pytest.mark.django_db
def test_recommend_only_sees_this_spaces_marks_and_activities(people):
    from closeknit.explore.testing import make_activity

    shared = make_activity("shared-idea")
    for person in (people.carol, people.dave):
        services.set_mark(people.other_space, person, shared, interest="want")
    assert recommend.recommend(people.space, Constraints(), rng=random.Random(1)) == []
    services.set_mark(people.space, people.alice, shared, interest="want")
    assert recommend.recommend(people.space, Constraints(), rng=random.Random(1)) == []
    services.set_mark(people.space, people.bob, shared, interest="want")
    found = recommend.recommend(people.space, Constraints(), rng=random.Random(1))
    assert [s.activity.id for s in found] == [shared.pk]
