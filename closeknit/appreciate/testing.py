"""How the authorisation matrix fills Appreciate's URL arguments."""

from __future__ import annotations

from closeknit.testing.personas import Personas


def _appreciation_id(people: Personas) -> int:
    from closeknit.appreciate import services

    # Bob writes to Alice, so the member visiting (Alice) is the one it was written for.
    return services.write(
        people.space, people.bob, text="You stayed so calm at the station today."
    ).pk


ARGUMENT_SAMPLES = {"appreciation_id": _appreciation_id}
