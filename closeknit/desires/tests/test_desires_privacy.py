"""Nothing of Desires shows until both opt in; it vanishes when either opts out or leaves.

The stranger gets 404 from every Desires URL, and a space that is not romantic has none.
A unique marker in Bob's own item shows how far his words reach.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from closeknit.couples import access
from closeknit.couples import services as couples
from closeknit.desires import services
from closeknit.desires.models import Item, Participation
from closeknit.desires.testing import answer_all, confirm_both, normalized, tier_items, turn_on
from closeknit.testing.personas import Personas, client_for, make_person, pair

pytestmark = pytest.mark.django_db

BOB_MARK = "bobsidea4e1c"
BOB_ITEM = f"Something only Bob wrote: {BOB_MARK}"
LIST_TEXT = "Test item 0 of tier 1"


def get_urls(people: Personas, space_id: str | None = None) -> list[str]:
    sid = space_id or people.space.public_id
    pages = [reverse(f"desires:{n}", args=[sid]) for n in ("home", "matches", "propose", "off")]
    pages += [reverse("desires:tier", args=[sid, tier]) for tier in (1, 2)]
    api = [f"/api/v1/desires/{sid}/{tail}" for tail in ("status", "matches", "tiers/1")]
    return [*pages, *api, reverse("tonight:home", args=[sid])]


def post_urls(people: Personas, item_id: int, space_id: str | None = None) -> list[str]:
    sid = space_id or people.space.public_id
    return [
        reverse("desires:opt_in", args=[sid]),
        reverse("desires:answer", args=[sid, item_id]),
        reverse("desires:remove", args=[sid, item_id]),
        reverse("desires:ready", args=[sid]),
        reverse("desires:confirm", args=[sid, 1]),
        f"/api/v1/desires/{sid}/items/{item_id}/answer",
        f"/api/v1/desires/{sid}/items",
        f"/api/v1/desires/{sid}/ready",
        f"/api/v1/desires/{sid}/matches/1/confirm",
    ]


def everything(client, people: Personas) -> str:
    out = []
    for url in get_urls(people):
        response = client.get(url)
        assert response.status_code < 500, url
        out.append(response.content.decode())
    return "\n".join(out)


def post(client: Any, url: str, data: dict[str, Any]) -> Any:
    if url.startswith("/api/"):
        return client.post(url, json.dumps(data), content_type="application/json")
    return client.post(url, data)


def test_before_both_opt_in_neither_sees_anything_of_the_practice(people: Personas, items: None):
    services.opt_in(people.space, people.alice, adult=True, want=True)
    for who in ("alice", "bob"):
        seen = everything(people.client(who), people)
        assert LIST_TEXT not in seen
        assert "Your matches" not in seen
    assert people.client("alice").get(
        f"/api/v1/desires/{people.space.public_id}/status"
    ).json() == {
        "you_opted_in": True,
        "on": False,
        "open_tier": None,
    }


def test_the_one_not_opted_in_cannot_tell_whether_their_partner_did(people: Personas, items: None):
    bob = people.client("bob")
    before = {url: normalized(bob.get(url).content.decode()) for url in get_urls(people)}
    services.opt_in(people.space, people.alice, adult=True, want=True)
    after = {url: normalized(bob.get(url).content.decode()) for url in get_urls(people)}
    assert before == after


def test_refusals_do_not_say_who_has_not_opted_in(people: Personas, items: None):
    item = tier_items(people.space, 1)[0].pk
    answers = []
    for alice_on in (False, True):
        Participation.objects.all().delete()
        if alice_on:
            services.opt_in(people.space, people.alice, adult=True, want=True)
        for who in ("alice", "bob"):
            client = people.client(who)
            answers.append(
                [
                    (r.status_code, normalized(r.content.decode()))
                    for r in (
                        post(
                            client,
                            reverse("desires:answer", args=[people.space.public_id, item]),
                            {"answer": "yes"},
                        ),
                        post(
                            client,
                            f"/api/v1/desires/{people.space.public_id}/matches/1/confirm",
                            {"seen": 0},
                        ),
                    )
                ]
            )
    assert all(a == answers[0] for a in answers)


def test_bobs_item_reaches_alice_only_while_both_have_it_on(people: Personas, items: None):
    turn_on(people)
    services.propose(people.space, people.bob, people.alice, text=BOB_ITEM, value="yes")
    alice = people.client("alice")
    assert BOB_MARK in everything(alice, people)  # an item to answer: that is its purpose
    services.opt_out(people.space, people.bob)
    assert BOB_MARK not in everything(alice, people)
    services.opt_in(people.space, people.bob, adult=True, want=True)
    services.opt_out(people.space, people.alice)
    assert BOB_MARK not in everything(alice, people)


def test_matches_vanish_for_both_when_either_turns_it_off(people: Personas, items: None):
    turn_on(people)
    answer_all(people.space, people.alice, people.bob, 1, "yes")
    answer_all(people.space, people.bob, people.alice, 1, "yes")
    confirm_both(people, 1)
    for who in ("alice", "bob"):
        assert LIST_TEXT in everything(people.client(who), people)
    people.client("alice").post(reverse("desires:off", args=[people.space.public_id]))
    for who in ("alice", "bob"):
        seen = everything(people.client(who), people)
        assert LIST_TEXT not in seen and "You both said yes" not in seen


def test_a_partner_who_leaves_takes_everything_with_them(people: Personas, items: None):
    turn_on(people)
    services.propose(people.space, people.bob, people.alice, text=BOB_ITEM, value="yes")
    answer_all(people.space, people.alice, people.bob, 1, "yes")
    answer_all(people.space, people.bob, people.alice, 1, "yes")
    confirm_both(people, 1)
    couples.leave_space(access.membership_for(people.bob, people.space.public_id))
    seen = everything(people.client("alice"), people)
    assert BOB_MARK not in seen and LIST_TEXT not in seen


def test_the_stranger_gets_404_from_every_desires_url(people: Personas, items: None):
    turn_on(people)
    services.propose(people.space, people.bob, people.alice, text=BOB_ITEM, value="yes")
    item = Item.objects.get(space=people.space).pk
    carol = people.client("carol")
    for url in get_urls(people):
        response = carol.get(url)
        assert response.status_code == 404, url
        assert BOB_MARK not in response.content.decode()
    for url in post_urls(people, item):
        assert post(carol, url, {"answer": "yes", "seen": "0"}).status_code == 404, url
    # Nor does Carol's own space open Alice and Bob's item.
    services.opt_in(people.other_space, people.carol, adult=True, want=True)
    services.opt_in(people.other_space, people.dave, adult=True, want=True)
    own = people.other_space.public_id
    response = carol.post(reverse("desires:answer", args=[own, item]), {"answer": "yes"})
    assert response.status_code == 404
    assert (
        carol.post(
            f"/api/v1/desires/{own}/items/{item}/answer",
            json.dumps({"answer": "no"}),
            content_type="application/json",
        ).status_code
        == 404
    )


def test_a_space_that_is_not_romantic_has_no_desires_pages(db: None):
    sam, kim = make_person("sam@example.org", "Sam"), make_person("kim@example.org", "Kim")
    space = pair(sam, kim, romantic=False)
    client = client_for(sam)
    for url in get_urls(Personas(sam, kim, sam, kim, space, space), space.public_id)[:-1]:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("desires:opt_in", args=[space.public_id]), {"adult": "on", "want": "on"}
        ).status_code
        == 404
    )
    nav = client.get(reverse("tonight:home", args=[space.public_id])).content.decode()
    assert "/desires/" not in nav
