"""Both partners say "ready for more" at the same instant: the next tier opens exactly once.

Runs on whichever database the suite uses: .ci/run runs it on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import pytest
from django.db import connection

from closeknit.desires import services
from closeknit.desires.testing import answer_all, ensure_items, tier_items
from closeknit.testing.concurrency import at_once
from closeknit.testing.personas import make_person, pair

ROUNDS = 40


@pytest.mark.django_db(transaction=True)
def test_simultaneous_ready_and_last_answer_open_the_next_tier_exactly_once():
    assert "memory" not in str(connection.settings_dict["NAME"]), "needs a file or server DB"
    ensure_items()
    for round_number in range(ROUNDS):
        alice = make_person(f"alice{round_number}@example.org", "Alice")
        bob = make_person(f"bob{round_number}@example.org", "Bob")
        space = pair(alice, bob)
        services.opt_in(space, alice, adult=True, want=True)
        services.opt_in(space, bob, adult=True, want=True)
        answer_all(space, alice, bob, 1, "yes")
        calls: list[Callable[[], object]]
        if round_number % 2:
            # Both ready at once.
            answer_all(space, bob, alice, 1, "no")
            calls = [
                functools.partial(services.set_ready, space, alice, bob, ready=True),
                functools.partial(services.set_ready, space, bob, alice, ready=True),
            ]
        else:
            # Alice ready at the instant Bob gives his last answer, already ready himself
            # once he had answered the rest.
            items = tier_items(space, 1)
            for item in items[:-1]:
                services.answer(space, bob, alice, item.pk, "curious")
            services.answer(space, bob, alice, items[-1].pk, "no")
            services.set_ready(space, bob, alice, ready=True)
            services.answer(space, bob, alice, items[-1].pk, "yes")
            calls = [
                functools.partial(services.set_ready, space, alice, bob, ready=True),
                functools.partial(services.answer, space, bob, alice, items[-1].pk, "curious"),
            ]
        errors = at_once(*calls)
        assert not errors, f"round {round_number}: {errors!r}"
        assert services.pace_for(space).open_tier == 2, f"round {round_number}"
