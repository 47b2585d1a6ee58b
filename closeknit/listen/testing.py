"""How the authorisation matrix fills Listen's URL arguments."""

from __future__ import annotations

from typing import Any

from closeknit.testing.personas import Personas


def _listen_id(people: Personas) -> int:
    from closeknit.listen import services

    live = services.live_session(people.space)
    if live is not None:
        return live.pk
    return services.start(
        people.space, people.bob, mode="in_writing", own_topic="A small thing from today"
    ).pk


ARGUMENT_SAMPLES = {"listen_id": _listen_id}


# Helpers for Listen's own tests.


def roles(session: Any) -> tuple[Any, Any]:
    """The current turn's (speaker, listener)."""
    from closeknit.listen import services

    turn = services.current_turn(session)
    assert turn.speaker is not None and turn.listener is not None
    return turn.speaker, turn.listener


def next_topic(space: Any, level: int | None = None) -> Any:
    """The suggested topic, which a loaded catalog always has."""
    from closeknit.listen import services

    topic = services.suggest(space, level)
    assert topic is not None
    return topic
