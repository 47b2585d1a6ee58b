from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

# Django imports stay inside the fixtures so framework-free tests (coaches, statistics,
# catalogs) can also run with `-p no:django`.
if TYPE_CHECKING:
    from closeknit.testing.personas import CsrfClient, Personas


@pytest.fixture(autouse=True)
def _fresh_cache(request: pytest.FixtureRequest) -> Iterator[None]:
    # Rate-limit counters live in the cache: no test may inherit another's.
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def people(db: None) -> Personas:
    from closeknit.testing.personas import make_personas

    return make_personas()


def _client(user: object | None) -> CsrfClient:
    from closeknit.testing.personas import client_for

    return client_for(user)  # type: ignore[arg-type]


@pytest.fixture
def alice_client(people: Personas) -> CsrfClient:
    return _client(people.alice)


@pytest.fixture
def bob_client(people: Personas) -> CsrfClient:
    return _client(people.bob)


@pytest.fixture
def carol_client(people: Personas) -> CsrfClient:
    return _client(people.carol)


@pytest.fixture
def anon_client() -> CsrfClient:
    return _client(None)
