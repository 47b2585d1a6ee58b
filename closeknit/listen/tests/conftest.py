from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def topics(db: None) -> Any:
    """The shipped topic catalog, loaded through its own loader."""
    from closeknit.listen import catalog

    catalog.load(catalog.CATALOG.read())
    from closeknit.listen.models import Topic

    return Topic.objects.all()
