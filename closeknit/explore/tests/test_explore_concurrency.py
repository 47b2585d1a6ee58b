"""Two phones at the same instant: nothing is lost, nothing is doubled.

Runs on whichever database the suite uses: .ci/run runs it on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import functools

import pytest
from django.db import connection

from closeknit.explore import services
from closeknit.explore.models import Mark, Plan, Rating
from closeknit.explore.testing import make_activity
from closeknit.testing.concurrency import at_once
from closeknit.testing.personas import make_personas

ROUNDS = 60


@pytest.mark.django_db(transaction=True)
def test_both_partners_rating_at_once_keeps_both_ratings_and_marks_it_done_once():
    assert "memory" not in str(connection.settings_dict["NAME"]), "needs a file or server DB"
    people = make_personas()
    activity = make_activity("at-once")
    yesterday = services.local_now(people.space.time_zone).date() - dt.timedelta(days=1)
    for round_number in range(ROUNDS):
        plan = services.plan_activity(
            people.space, people.alice, activity, date=yesterday, time=dt.time(19)
        )
        errors = at_once(
            functools.partial(
                services.rate_plan, plan, people.alice, closeness=6, excitement=5, note="a"
            ),
            functools.partial(
                services.rate_plan, plan, people.bob, closeness=4, excitement=7, note="b"
            ),
        )
        assert not errors, f"round {round_number}: {errors!r}"
        assert Rating.objects.filter(plan=plan).count() == 2, f"round {round_number}"
        assert Plan.objects.get(pk=plan.pk).done_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_double_tap_on_a_mark_saves_one_mark():
    people = make_personas()
    for round_number in range(ROUNDS):
        activity = make_activity(f"double-tap-{round_number}")
        errors = at_once(
            functools.partial(
                services.set_mark, people.space, people.alice, activity, interest="want"
            ),
            functools.partial(
                services.set_mark, people.space, people.alice, activity, newness="new"
            ),
        )
        assert not errors, f"round {round_number}: {errors!r}"
        mark = Mark.objects.get(activity=activity, user=people.alice)
        assert (mark.interest, mark.newness) == ("want", "new"), f"round {round_number}"
