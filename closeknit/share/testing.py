"""How the authorisation matrix fills Share's URL arguments."""

from __future__ import annotations

from closeknit.testing.personas import Personas


def _daily_id(people: Personas) -> int:
    from closeknit.share import services

    return services.today_for(people.space).pk


def _post_id(people: Personas) -> int:
    from closeknit.share import services

    return services.create_post(people.space, people.bob, kind="today", text="A small thing").pk


ARGUMENT_SAMPLES = {"daily_id": _daily_id, "post_id": _post_id}
