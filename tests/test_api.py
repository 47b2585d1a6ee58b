from __future__ import annotations

import pytest

from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db


def test_anonymous_gets_401_in_the_error_envelope(anon_client):
    response = anon_client.get("/api/v1/spaces")
    assert response.status_code == 401
    assert response.json() == {"error": {"code": "unauthenticated", "message": "Log in first."}}


def test_member_lists_their_spaces(people: Personas):
    body = people.client("alice").get("/api/v1/spaces").json()
    assert [s["id"] for s in body] == [people.space.public_id]
    assert body[0]["has_partner"] is True


def test_stranger_gets_404_for_someone_elses_space(people: Personas):
    response = people.client("carol").get(f"/api/v1/spaces/{people.space.public_id}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_openapi_schema_is_served(anon_client):
    schema = anon_client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "closeknit API"
