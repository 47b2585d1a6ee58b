"""Desires through the JSON API: the same services, one error envelope."""

from __future__ import annotations

import json
from typing import Any

import pytest

from closeknit.desires.testing import answer_all, tier_items, turn_on
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db


def api(client: Any, people: Personas, path: str, data: Any = None) -> Any:
    url = f"/api/v1/desires/{people.space.public_id}/{path}"
    if data is None:
        return client.get(url)
    return client.post(url, json.dumps(data), content_type="application/json")


def test_the_loop_through_the_api(people: Personas, items: None):
    alice, bob = people.client("alice"), people.client("bob")
    assert api(alice, people, "status").json() == {
        "you_opted_in": False,
        "on": False,
        "open_tier": None,
    }
    turn_on(people)
    tier = api(alice, people, "tiers/1").json()
    assert (tier["number"], tier["open_now"], tier["answered"], tier["total"]) == (1, True, 0, 4)
    for item in tier["items"]:
        response = api(alice, people, f"items/{item['id']}/answer", {"answer": "yes"})
        assert response.status_code == 200 and response.json()["your_answer"] == "yes"
    added = api(bob, people, "items", {"text": "Breakfast in bed, slowly", "answer": "yes"})
    assert added.status_code == 201 and added.json()["added_by"] == "you"
    assert added.json()["your_answer"] == "yes"
    seen_by_alice = next(
        i for i in api(alice, people, "tiers/1").json()["items"] if i["id"] == added.json()["id"]
    )
    assert seen_by_alice["added_by"] == "partner" and seen_by_alice["your_answer"] is None
    api(alice, people, f"items/{added.json()['id']}/answer", {"answer": "curious"})
    answer_all(people.space, people.bob, people.alice, 1, "curious")
    matches = api(alice, people, "matches").json()
    assert "A yes is not a promise" in matches["note"]
    assert matches["tiers"][0]["state"] == "confirm" and matches["tiers"][0]["partner_count"] == 4
    assert api(alice, people, "matches/1/confirm", {"seen": 4}).status_code == 200
    after = api(bob, people, "matches/1/confirm", {"seen": 4}).json()
    shown = after["tiers"][0]
    assert shown["state"] == "shown" and shown["partner_count"] is None
    assert len(shown["curious"]) == 5 and all(len(m["starters"]) >= 2 for m in shown["curious"])
    assert api(alice, people, "ready", {"ready": True}).json()["open_tier"] == 1
    assert api(bob, people, "ready", {"ready": True}).json()["open_tier"] == 2


@pytest.mark.parametrize(
    ("path", "data", "status"),
    [
        ("items/{item}/answer", {"answer": "maybe"}, 422),
        ("items/{item}/answer", {}, 400),
        ("items/999999/answer", {"answer": "yes"}, 404),
        ("items/{later}/answer", {"answer": "yes"}, 409),
        ("items", {"text": "", "answer": "yes"}, 400),
        ("items", {"text": "A fine idea"}, 400),
        ("items", {"text": "x" * 500, "answer": "no"}, 400),
        ("matches/1/confirm", {"seen": 3}, 409),
        ("matches/1/confirm", {}, 400),
        ("matches/9/confirm", {"seen": 0}, 404),
        ("tiers/2", None, 409),
        ("tiers/0", None, 404),
        ("ready", {"ready": True}, 409),
        ("ready", {"ready": "sideways"}, 422),
    ],
)
def test_bad_input_gets_a_4xx_in_the_error_envelope(
    people: Personas, items: None, path, data, status
):
    turn_on(people)
    path = path.format(
        item=tier_items(people.space, 1)[0].pk, later=tier_items(people.space, 2)[0].pk
    )
    response = api(people.client("alice"), people, path, data)
    assert response.status_code == status
    assert set(response.json()) == {"error"} and response.json()["error"]["message"]


def test_until_both_opt_in_the_api_says_only_not_on_yet(people: Personas, items: None):
    from closeknit.desires import services

    services.opt_in(people.space, people.bob, adult=True, want=True)
    for who in ("alice", "bob"):
        response = api(people.client(who), people, "matches")
        assert response.status_code == 409
        assert "isn't turned on for both of you yet" in response.json()["error"]["message"]
