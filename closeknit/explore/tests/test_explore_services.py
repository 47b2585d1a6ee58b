from __future__ import annotations

import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.http import Http404

from closeknit.explore import services
from closeknit.explore.models import Activity, Mark, Plan, Rating
from closeknit.explore.testing import make_activity
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db

UTC = dt.UTC
NOW = dt.datetime(2026, 3, 11, 12, tzinfo=UTC)  # a Wednesday


def plan_done(people: Personas, activity: Activity, when: dt.datetime) -> Plan:
    plan = services.plan_activity(
        people.space, people.alice, activity, date=when.date(), time=when.time(), now=when
    )
    services.rate_plan(plan, people.alice, closeness=6, excitement=6, now=when)
    return plan


# Marks


def test_marks_are_saved_changed_and_cleared_one_dimension_at_a_time(people: Personas):
    activity = make_activity("stargazing")
    services.set_mark(people.space, people.alice, activity, interest="want")
    services.set_mark(people.space, people.alice, activity, newness="new")
    mark = Mark.objects.get()
    assert (mark.interest, mark.newness) == ("want", "new")
    services.set_mark(people.space, people.alice, activity, interest="")
    mark.refresh_from_db()
    assert (mark.interest, mark.newness) == ("", "new")


@pytest.mark.parametrize(("interest", "newness"), [("yes", None), (None, "old"), ("WANT", None)])
def test_unknown_marks_are_refused(people: Personas, interest, newness):
    with pytest.raises(services.ExploreError):
        services.set_mark(
            people.space, people.alice, make_activity("x-1"), interest=interest, newness=newness
        )
    assert not Mark.objects.exists()


def test_marks_belong_to_one_space(people: Personas):
    activity = make_activity("kayak-lesson")
    services.set_mark(people.space, people.alice, activity, interest="want")
    assert services.marks_of(people.space, people.alice) != {}
    assert services.marks_of(people.other_space, people.carol) == {}
    assert services.marks_of(people.space, people.bob) == {}


def test_what_is_left_to_mark_skips_only_your_own_marks(people: Personas):
    first = make_activity("a-first", excitement=5)
    second = make_activity("a-second", excitement=4)
    services.set_mark(people.space, people.bob, first, interest="no")
    assert list(services.to_mark(people.space, people.alice)) == [first, second]
    services.set_mark(people.space, people.alice, first, newness="done")  # not yet a choice
    assert list(services.to_mark(people.space, people.alice)) == [first, second]
    services.set_mark(people.space, people.alice, first, interest="maybe")
    assert list(services.to_mark(people.space, people.alice)) == [second]
    assert services.marked_count(people.space, people.alice) == 1


# The shortlist


def test_the_shortlist_holds_only_what_both_want(people: Personas):
    both = make_activity("both-want")
    one_maybe = make_activity("one-maybe")
    one_no = make_activity("one-no")
    only_alice = make_activity("only-alice")
    for activity, bobs in ((both, "want"), (one_maybe, "maybe"), (one_no, "no")):
        services.set_mark(people.space, people.alice, activity, interest="want")
        services.set_mark(people.space, people.bob, activity, interest=bobs)
    services.set_mark(people.space, people.alice, only_alice, interest="want")
    assert [i.activity for i in services.shortlist(people.space, include_maybes=False)] == [both]
    with_maybes = services.shortlist(people.space, include_maybes=True)
    assert {i.activity for i in with_maybes} == {both, one_maybe}


def test_the_shortlist_notes_what_is_planned_or_done(people: Personas):
    planned, done = make_activity("will-do"), make_activity("did-it")
    for activity in (planned, done):
        for person in (people.alice, people.bob):
            services.set_mark(people.space, person, activity, interest="want")
    today = services.local_now(people.space.time_zone).date()
    services.plan_activity(
        people.space, people.bob, planned, date=today + dt.timedelta(days=3), time=dt.time(19)
    )
    plan = services.plan_activity(
        people.space, people.bob, done, date=today - dt.timedelta(days=2), time=dt.time(19)
    )
    services.rate_plan(plan, people.bob, closeness=5, excitement=5)
    items = {i.activity.key: i for i in services.shortlist(people.space, include_maybes=False)}
    assert items["will-do"].planned and not items["will-do"].done_together
    assert items["did-it"].done_together and not items["did-it"].planned


def test_a_partner_who_left_empties_the_shortlist(people: Personas):
    from closeknit.couples import access
    from closeknit.couples import services as couples

    activity = make_activity("both-want")
    for person in (people.alice, people.bob):
        services.set_mark(people.space, person, activity, interest="want")
    couples.leave_space(access.membership_for(people.bob, people.space.public_id))
    assert services.shortlist(people.space, include_maybes=True) == []


# A space's own activities


def test_a_spaces_own_activity_is_seen_only_in_that_space(people: Personas):
    make_activity("catalog-one")
    ours = services.add_activity(
        people.space,
        people.bob,
        title="Learn our town's history walk",
        description="Follow the old map from the library and find five places it marks.",
        tags=["learn", "move"],
        minutes=120,
        cost="free",
        setting="outdoors",
        energy="active",
        excitement=3,
        novelty=4,
        best_time="weekend",
        season="any",
        accessibility="",
    )
    assert ours in services.activities_for(people.space)
    assert ours not in services.activities_for(people.other_space)
    assert services.get_activity(people.space, ours.pk) == ours
    with pytest.raises(Http404):
        services.get_activity(people.other_space, ours.pk)
    with pytest.raises(Http404):
        services.set_mark(people.other_space, people.carol, ours, interest="want")


def test_a_spaces_own_activity_needs_known_tags_and_valid_fields(people: Personas):
    base = {
        "title": "Something",
        "description": "Something to do together somewhere nice.",
        "minutes": 60,
        "cost": "free",
        "setting": "home",
        "energy": "calm",
        "excitement": 3,
        "novelty": 3,
        "best_time": "any",
        "season": "any",
        "accessibility": "",
    }
    make_activity("seed-tags")
    with pytest.raises(services.ExploreError):
        services.add_activity(people.space, people.alice, tags=["nonsense"], **base)
    with pytest.raises(services.ExploreError):
        services.add_activity(people.space, people.alice, tags=[], **base)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.add_activity(people.space, people.alice, tags=["play"], **{**base, "cost": "££"})
    assert not Activity.objects.filter(space=people.space).exists()


# Plans


def test_a_plan_is_set_on_the_spaces_clock(people: Personas):
    people.space.time_zone = "Pacific/Auckland"
    people.space.save()
    plan = services.plan_activity(
        people.space,
        people.alice,
        make_activity("dinner", minutes=90),
        date=dt.date(2026, 3, 14),
        time=dt.time(19, 30),
        now=NOW,
    )
    local = plan.starts_at.astimezone(ZoneInfo("Pacific/Auckland"))
    assert (local.date(), local.time()) == (dt.date(2026, 3, 14), dt.time(19, 30))
    assert plan.starts_at == dt.datetime(2026, 3, 14, 6, 30, tzinfo=UTC)
    assert plan.minutes == 90


def test_a_time_the_clocks_skip_is_refused_clearly(people: Personas):
    people.space.time_zone = "Europe/London"
    people.space.save()
    with pytest.raises(services.ExploreError) as error:
        services.plan_activity(
            people.space,
            people.alice,
            make_activity("late"),
            date=dt.date(2026, 3, 29),
            time=dt.time(1, 30),
            now=NOW,
        )
    assert error.value.code == "no_such_time"


def test_plans_may_be_logged_up_to_thirty_days_back_and_a_year_ahead(people: Personas):
    activity = make_activity("walk")
    today = NOW.date()

    def plan_on(day: dt.date) -> Plan:
        return services.plan_activity(
            people.space, people.alice, activity, date=day, time=dt.time(10), now=NOW
        )

    assert plan_on(today - dt.timedelta(days=30))
    assert plan_on(today + dt.timedelta(days=366))
    for day, code in (
        (today - dt.timedelta(days=31), "too_far_back"),
        (today + dt.timedelta(days=367), "too_far_ahead"),
    ):
        with pytest.raises(services.ExploreError) as error:
            plan_on(day)
        assert error.value.code == code
    assert Plan.objects.count() == 2


def test_moving_a_plan_keeps_its_length_and_bumps_its_sequence(people: Personas):
    plan = services.plan_activity(
        people.space,
        people.alice,
        make_activity("long", minutes=150),
        date=dt.date(2026, 3, 20),
        time=dt.time(18),
        now=NOW,
    )
    moved = services.move_plan(plan, date=dt.date(2026, 3, 21), time=dt.time(10), now=NOW)
    assert moved.minutes == 150 and moved.sequence == 1
    services.cancel_plan(moved)
    with pytest.raises(services.ExploreError):
        services.move_plan(moved, date=dt.date(2026, 3, 22), time=dt.time(10), now=NOW)


# Afterwards


def test_rating_needs_the_plan_to_have_happened_and_marks_it_done(people: Personas):
    plan = services.plan_activity(
        people.space,
        people.alice,
        make_activity("concert"),
        date=dt.date(2026, 3, 12),
        time=dt.time(20),
        now=NOW,
    )
    with pytest.raises(services.ExploreError) as error:
        services.rate_plan(plan, people.bob, closeness=6, excitement=6, now=NOW)
    assert error.value.code == "not_yet"
    after = dt.datetime(2026, 3, 13, 9, tzinfo=UTC)
    services.rate_plan(plan, people.bob, closeness=6, excitement=7, note="Loud!", now=after)
    plan.refresh_from_db()
    assert plan.done_at == after
    services.rate_plan(plan, people.bob, closeness=5, excitement=7, now=after)  # a change
    rating = Rating.objects.get()
    assert (rating.closeness, rating.note) == (5, "")
    with pytest.raises(services.ExploreError):
        services.cancel_plan(plan)


@pytest.mark.parametrize(
    ("closeness", "excitement", "note"),
    [(0, 5, ""), (8, 5, ""), (5, "seven", ""), (None, 5, ""), (5, 5, "x" * 1001)],
)
def test_out_of_range_ratings_and_long_notes_are_refused(people, closeness, excitement, note):
    plan = services.plan_activity(
        people.space,
        people.alice,
        make_activity("museum"),
        date=NOW.date() - dt.timedelta(days=1),
        time=dt.time(15),
        now=NOW,
    )
    with pytest.raises(services.ExploreError):
        services.rate_plan(
            plan, people.alice, closeness=closeness, excitement=excitement, note=note, now=NOW
        )
    assert not Rating.objects.exists()
    plan.refresh_from_db()
    assert plan.done_at is None


def test_a_called_off_plan_cannot_be_rated(people: Personas):
    plan = services.plan_activity(
        people.space,
        people.alice,
        make_activity("gallery"),
        date=NOW.date() - dt.timedelta(days=1),
        time=dt.time(15),
        now=NOW,
    )
    services.cancel_plan(plan)
    with pytest.raises(services.ExploreError):
        services.rate_plan(plan, people.alice, closeness=5, excitement=5, now=NOW)


def test_memory_notes_are_shared_but_numbers_stay_with_their_author(people: Personas):
    plan = services.plan_activity(
        people.space,
        people.alice,
        make_activity("picnic"),
        date=NOW.date() - dt.timedelta(days=1),
        time=dt.time(13),
        now=NOW,
    )
    services.rate_plan(plan, people.alice, closeness=7, excitement=3, note="The ducks!", now=NOW)
    services.rate_plan(plan, people.bob, closeness=4, excitement=2, now=NOW)
    bobs = services.plan_view(plan, people.bob, now=NOW)
    assert [(m.mine, m.note) for m in bobs.memories] == [(False, "The ducks!")]
    assert bobs.my_rating is not None and bobs.my_rating.closeness == 4
    alices = services.plan_view(plan, people.alice, now=NOW)
    assert alices.my_rating is not None and alices.my_rating.closeness == 7


# The weekly rhythm


def test_the_weekly_rhythm_counts_new_things_done_this_week(people: Personas):
    people.space.time_zone = "Europe/London"
    people.space.save()
    walk = make_activity("walk", minutes=60)
    dance = make_activity("dance", minutes=45)
    plan_done(people, walk, dt.datetime(2026, 3, 2, 9, tzinfo=UTC))  # last week
    plan_done(people, walk, dt.datetime(2026, 3, 9, 9, tzinfo=UTC))  # a repeat: not new
    plan_done(people, dance, dt.datetime(2026, 3, 10, 19, tzinfo=UTC))
    services.plan_activity(  # planned but not done yet
        people.space,
        people.alice,
        make_activity("later", minutes=30),
        date=dt.date(2026, 3, 10),
        time=dt.time(8),
        now=NOW,
    )
    rhythm = services.weekly_rhythm(people.space, now=NOW)
    assert rhythm.week_start == dt.date(2026, 3, 9)
    assert (rhythm.minutes, rhythm.goal, rhythm.percent) == (45, 90, 50)
    assert rhythm.dots == [True, True, True, False, False, False]
    assert not rhythm.reached


def test_days_since_something_new_count_from_pairing_until_the_first(people: Personas):
    people.space.paired_at = NOW - dt.timedelta(days=25)
    people.space.save()
    assert services.days_since_something_new(people.space, now=NOW) == 25
    plan_done(people, make_activity("climb"), NOW - dt.timedelta(days=4))
    assert services.days_since_something_new(people.space, now=NOW) == 4


def test_adherence_lists_the_days_a_person_rated_something_done(people: Personas):
    plan_done(people, make_activity("pottery"), dt.datetime(2026, 3, 5, 19, tzinfo=UTC))
    days = services.dates_practised(
        people.space, people.alice, dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    )
    assert days == [dt.date(2026, 3, 5)]
    assert (
        services.dates_practised(
            people.space, people.bob, dt.date(2026, 3, 1), dt.date(2026, 3, 31)
        )
        == []
    )


# The catalog


def test_content_load_is_idempotent_and_retires_removed_activities(db):
    from closeknit.explore import catalog

    document = catalog.CATALOG.read()
    first = catalog.load(document)
    assert first.created >= 200
    second = catalog.load(document)
    assert (second.created, second.updated, second.retired) == (0, 0, 0)
    trimmed = document.model_copy(update={"activities": document.activities[1:]})
    assert catalog.load(trimmed).retired == 1
    gone = Activity.objects.get(key=document.activities[0].key)
    assert not gone.active
    reworded = document.model_copy(deep=True)
    reworded.activities[0].title = "A reworded title keeps its key"
    assert catalog.load(reworded).updated == 1
    gone.refresh_from_db()
    assert gone.active and gone.title == "A reworded title keeps its key"


def test_content_stats_report_at_least_two_hundred_activities(db):
    out = io.StringIO()
    call_command("content", "stats", "--json", stdout=out)
    stats = json.loads(out.getvalue())["explore.activities"]
    assert stats["items"] >= 200
    assert set(stats["per_level"]) == {"1", "2", "3", "4", "5"}
    assert set(stats["per_category"]) == {"home", "outdoors", "out", "travel"}
    assert sum(stats["per_tag"].values()) >= stats["items"]


def test_a_spaces_own_activities_survive_a_catalog_load(people: Personas):
    from closeknit.explore import catalog

    make_activity("seed-tags")
    ours = services.add_activity(
        people.space,
        people.alice,
        title="Our own",
        description="Something only we would think of doing.",
        tags=["play"],
        minutes=30,
        cost="free",
        setting="home",
        energy="calm",
        excitement=3,
        novelty=3,
        best_time="any",
        season="any",
        accessibility="",
    )
    catalog.load(catalog.CATALOG.read())
    ours.refresh_from_db()
    assert ours.active


def test_a_spaces_own_activities_come_first_to_pick_and_to_browse(people: Personas):
    make_activity("thrilling", excitement=5, title="Zzz thrilling")
    ours = services.add_activity(
        people.space,
        people.bob,
        title="Zzz our own quiet idea",
        description="Something gentle only we would think of.",
        tags=["play"],
        minutes=30,
        cost="free",
        setting="home",
        energy="calm",
        excitement=1,
        novelty=1,
        best_time="any",
        season="any",
        accessibility="",
    )
    assert services.to_mark(people.space, people.alice).first() == ours
    assert services.listed(people.space).first() == ours
