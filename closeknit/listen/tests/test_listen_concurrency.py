"""Both phones act at the same instant: one session, and one consistent floor.

Runs on whichever database the suite uses: .ci/run runs it on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import functools

import pytest
from django.db import connection

from closeknit.listen import services
from closeknit.listen.models import ListenSession
from closeknit.testing.concurrency import at_once
from closeknit.testing.personas import make_personas

ROUNDS = 40


@pytest.mark.django_db(transaction=True)
def test_partners_starting_at_once_get_exactly_one_live_session():
    assert "memory" not in str(connection.settings_dict["NAME"]), "needs a file or server DB"
    people = make_personas()
    for round_number in range(ROUNDS):
        errors = at_once(
            functools.partial(
                services.start, people.space, people.alice, mode="in_person", own_topic="a"
            ),
            functools.partial(
                services.start, people.space, people.bob, mode="in_writing", own_topic="b"
            ),
        )
        live = ListenSession.objects.filter(space=people.space, ended_at__isnull=True)
        assert live.count() == 1, f"round {round_number}"
        assert all(
            isinstance(e, services.ListenError) and e.code == "already_live" for e in errors
        ), f"round {round_number}: {errors!r}"
        services.end(live.get(), people.alice)


@pytest.mark.django_db(transaction=True)
def test_yes_and_end_at_once_leave_a_consistent_session():
    people = make_personas()
    for round_number in range(ROUNDS):
        session = services.start(people.space, people.alice, mode="in_person", own_topic="a")
        services.act(session, people.alice, services.TAKE_FLOOR)
        services.act(session, people.alice, services.DONE_SPEAKING)
        services.act(session, people.bob, services.SUMMARISED)
        errors = at_once(
            functools.partial(services.act, session, people.alice, services.YES),
            functools.partial(services.end, session, people.bob),
        )
        session.refresh_from_db()
        assert session.state == ListenSession.State.ENDED, f"round {round_number}"
        confirmed = session.turns.filter(confirmed_at__isnull=False).exists()
        if errors:
            # The end came first: the "yes" met an ended session and changed nothing.
            assert [getattr(e, "code", e) for e in errors] == ["ended"], errors
            assert not confirmed and session.completed_on is None
        else:
            assert confirmed and session.completed_on is not None
            assert session.turns.count() == 2
