"""Both partners answer at the same instant: both answers saved, exactly one reveal.

Runs on whichever database the suite uses: .ci/run runs it on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading

import pytest
from django.db import connection

from closeknit.share import services, signals
from closeknit.share.models import Answer, DailyPrompt
from closeknit.testing.concurrency import at_once
from closeknit.testing.personas import make_personas

ROUNDS = 200


@pytest.mark.django_db(transaction=True)
def test_simultaneous_answers_reveal_exactly_once():
    assert "memory" not in str(connection.settings_dict["NAME"]), "needs a file or server DB"
    people = make_personas()
    reveals: list[int] = []
    lock = threading.Lock()

    def count(sender: object, daily: DailyPrompt, **kwargs: object) -> None:
        with lock:
            reveals.append(daily.pk)

    signals.answers_revealed.connect(count)
    for round_number in range(ROUNDS):
        day = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC) + dt.timedelta(days=round_number)
        daily = services.today_for(people.space, now=day)
        errors = at_once(
            functools.partial(services.submit_answer, daily, people.alice, text="alice"),
            functools.partial(services.submit_answer, daily, people.bob, text="bob"),
        )
        assert not errors, f"round {round_number}: {errors!r}"
        daily.refresh_from_db()
        assert Answer.objects.filter(daily=daily).count() == 2, f"round {round_number}"
        assert daily.revealed_at is not None, f"round {round_number}"
        assert reveals.count(daily.pk) == 1, (
            f"round {round_number}: {reveals.count(daily.pk)} reveals"
        )
    signals.answers_revealed.disconnect(count)
    assert len(reveals) == ROUNDS
