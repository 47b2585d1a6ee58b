"""Desires through its pages: the flow, bad input, htmx fragments and fixed query counts."""

from __future__ import annotations

import html

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from closeknit.desires import services
from closeknit.desires.models import Answer, Item, Participation, TierChoice
from closeknit.desires.testing import answer_all, confirm_both, open_up_to, tier_items, turn_on
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def url(people: Personas, name: str, *args: object) -> str:
    return reverse(f"desires:{name}", args=[people.space.public_id, *args])


@pytest.fixture
def on(people: Personas, items: None) -> Personas:
    turn_on(people)
    return people


def test_opting_in_through_the_pages(people: Personas, items: None):
    alice, bob = people.client("alice"), people.client("bob")
    page = text(alice.get(url(people, "home")))
    assert "I'm 18 or older" in page and "Turn Desires on" in page
    response = alice.post(url(people, "opt_in"), {"adult": "on", "want": "on"})
    assert response.status_code == 302
    waiting = text(alice.get(url(people, "home")))
    assert "Not turned on yet" in waiting
    assert "Test item" not in waiting
    # Bob's invitation looks the same as it would if Alice had not opted in.
    assert "Turn Desires on" in text(bob.get(url(people, "home")))
    assert bob.post(url(people, "opt_in"), {"adult": "on", "want": "on"}).status_code == 302
    home = text(alice.get(url(people, "home")))
    assert "Tier 1 of 4" in home and "You've answered 0 of 4" in home


@pytest.mark.parametrize("data", [{}, {"adult": "on"}, {"want": "on"}])
def test_opting_in_without_both_boxes_is_a_400(people: Personas, items: None, data):
    response = people.client("alice").post(url(people, "opt_in"), data)
    assert response.status_code == 400
    assert 'role="alert"' in text(response)
    assert not Participation.objects.exists()


def test_answering_a_tier_through_the_pages(on: Personas):
    alice = on.client("alice")
    page = text(alice.get(url(on, "tier", 1)))
    items = tier_items(on.space, 1)
    assert all(item.text in page for item in items)
    for item in items:
        response = alice.post(url(on, "answer", item.pk), {"answer": "curious"})
        assert response.status_code == 302
        assert response["Location"].endswith(f"#item-{item.pk}")
    page = text(alice.get(url(on, "tier", 1)))
    assert page.count('aria-pressed="true"') == len(items)
    assert "I'm ready for more" in page
    assert alice.post(url(on, "ready"), {"ready": "yes"}).status_code == 302
    assert TierChoice.objects.get(user=on.alice, tier=1).ready_at is not None


def test_htmx_answers_get_the_item_and_the_progress_only(on: Personas):
    item = tier_items(on.space, 1)[0]
    response = on.client("alice").post(
        url(on, "answer", item.pk), {"answer": "yes"}, HTTP_HX_REQUEST="true"
    )
    body = text(response)
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<li class="card desire-item" id="item-{item.pk}"')
    assert 'hx-swap-oob="true"' in body and "You've answered 1 of 4" in body
    assert "<html" not in body


@pytest.mark.parametrize("data", [{}, {"answer": "maybe"}, {"answer": ""}, {"answer": "YES"}])
def test_bad_answers_get_a_400_and_change_nothing(on: Personas, data):
    item = tier_items(on.space, 1)[0]
    services.answer(on.space, on.alice, on.bob, item.pk, "no")
    before = Answer.objects.get(user=on.alice).token
    response = on.client("alice").post(url(on, "answer", item.pk), data)
    assert response.status_code == 400
    assert "Choose yes, curious or no." in text(response)
    assert Answer.objects.get(user=on.alice).token == before


def test_unknown_or_closed_things_are_4xx(on: Personas):
    alice = on.client("alice")
    later = tier_items(on.space, 2)[0]
    assert alice.post(url(on, "answer", 999999), {"answer": "yes"}).status_code == 404
    assert alice.post(url(on, "answer", later.pk), {"answer": "yes"}).status_code == 409
    assert alice.get(url(on, "tier", 2)).status_code == 409
    assert alice.get(url(on, "tier", 9)).status_code == 404
    assert alice.get(f"/s/{on.space.public_id}/desires/tier/one/").status_code == 404
    assert alice.post(url(on, "ready"), {"ready": "yes"}).status_code == 409
    assert alice.post(url(on, "ready"), {"ready": "sideways"}).status_code == 400
    assert alice.post(url(on, "confirm", 1), {"seen": "0"}).status_code == 409
    assert alice.post(url(on, "confirm", 1), {"seen": "lots"}).status_code == 400
    assert alice.post(url(on, "confirm", 7), {"seen": "0"}).status_code == 404
    assert alice.post(url(on, "remove", later.pk)).status_code == 409
    assert alice.get(url(on, "tier", 1), HTTP_HX_REQUEST="true").status_code == 200


def test_wrong_methods_are_405(on: Personas):
    alice = on.client("alice")
    assert alice.get(url(on, "opt_in")).status_code == 405
    assert alice.get(url(on, "answer", tier_items(on.space, 1)[0].pk)).status_code == 405
    assert alice.post(url(on, "matches")).status_code == 405
    assert alice.put(url(on, "propose")).status_code == 405


def test_pages_send_someone_who_is_not_in_back_to_the_start(people: Personas, items: None):
    services.opt_in(people.space, people.alice, adult=True, want=True)
    alice = people.client("alice")
    for name, args in (("tier", (1,)), ("matches", ())):
        response = alice.get(url(people, name, *args))
        assert response.status_code == 302 and response["Location"] == url(people, "home")
    item = tier_items(people.space, 1)[0]
    refused = alice.post(url(people, "answer", item.pk), {"answer": "yes"})
    assert refused.status_code == 409
    assert "isn't turned on for both of you yet" in text(refused)
    assert alice.get(url(people, "propose")).status_code == 302
    assert (
        alice.post(url(people, "propose"), {"text": "An idea", "answer": "yes"}).status_code == 409
    )
    assert not Answer.objects.exists()


def test_adding_an_item_through_the_pages(on: Personas):
    alice = on.client("alice")
    page = alice.get(url(on, "propose"))
    assert page.status_code == 200 and "It joins tier 1" in text(page)
    bad = alice.post(url(on, "propose"), {"text": "", "answer": "yes"})
    assert bad.status_code == 400
    bad = alice.post(url(on, "propose"), {"text": "A fine idea", "answer": "perhaps"})
    assert bad.status_code == 400
    assert alice.post(url(on, "propose"), {"text": "x" * 121, "answer": "yes"}).status_code == 400
    assert not Item.objects.filter(space=on.space).exists()
    response = alice.post(url(on, "propose"), {"text": "Stargazing on the roof", "answer": "yes"})
    assert response.status_code == 302
    item = Item.objects.get(space=on.space)
    bobs = text(on.client("bob").get(url(on, "tier", 1)))
    assert "Stargazing on the roof" in bobs and "Added by your partner" in bobs
    assert alice.post(url(on, "remove", item.pk)).status_code == 302
    assert not Item.objects.filter(space=on.space).exists()


def test_count_confirm_and_matches_through_the_pages(on: Personas):
    answer_all(on.space, on.alice, on.bob, 1, "yes")
    answer_all(on.space, on.bob, on.alice, 1, "curious")
    alice, bob = on.client("alice"), on.client("bob")
    page = text(alice.get(url(on, "matches")))
    assert "Your partner marked 4 of the 4 items on the list in this tier yes or curious." in page
    assert "Show our matches" in page
    assert "Test item 0 of tier 1" not in page
    assert alice.post(url(on, "confirm", 1), {"seen": "4"}).status_code == 302
    page = text(alice.get(url(on, "matches")))
    assert "Your matches show once your partner confirms too." in page
    assert bob.post(url(on, "confirm", 1), {"seen": "3"}).status_code == 409
    assert bob.post(url(on, "confirm", 1), {"seen": "4"}).status_code == 302
    page = text(alice.get(url(on, "matches")))
    assert "A yes is not a promise" in page
    assert "At least one of you is curious" in page and "You both said yes" not in page
    assert "Test item 0 of tier 1" in page and "Starter one for 1-0?" in page
    assert "You'd give, and your partner would like to receive." in page


def test_turning_off_through_the_pages(on: Personas):
    answer_all(on.space, on.alice, on.bob, 1, "yes")
    bob = on.client("bob")
    assert bob.get(url(on, "off")).status_code == 200
    assert bob.post(url(on, "off"), {"delete": "on"}).status_code == 302
    assert not Participation.objects.get(user=on.bob).on
    assert "Not turned on yet" in text(on.client("alice").get(url(on, "home")))
    assert "Turn Desires on" in text(bob.get(url(on, "home")))


def test_without_a_partner_desires_waits_for_two(people: Personas, items: None):
    from closeknit.couples import services as couples
    from closeknit.testing.personas import client_for, make_person

    erin = make_person("erin@example.org", "Erin")
    space = couples.create_space(erin, name="Just me")
    page = client_for(erin).get(reverse("desires:home", args=[space.public_id]))
    assert page.status_code == 200 and "Desires is for two" in text(page)


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize(("name", "args"), [("home", ()), ("tier", (1,)), ("matches", ())])
def test_pages_use_a_fixed_number_of_queries(on: Personas, name, args):
    client = on.client("alice")
    path = url(on, name, *args)
    answer_all(on.space, on.alice, on.bob, 1, "yes")
    answer_all(on.space, on.bob, on.alice, 1, "yes")
    confirm_both(on, 1)
    client.get(path)  # warm up: the space's pace row is made once
    few = _queries(client, path)
    for n in range(12):
        item = services.propose(on.space, on.alice, on.bob, text=f"Our idea {n}", value="yes")
        services.answer(on.space, on.bob, on.alice, item.pk, "curious")
    open_up_to(on, 3)
    assert _queries(client, path) == few


def test_the_admin_edits_the_catalog_but_never_shows_a_couples_own_items(on: Personas):
    from closeknit.accounts.models import User

    services.propose(on.space, on.alice, on.bob, text="Our private words", value="yes")
    admin = User.objects.create_superuser("admin@example.org", "a long admin password 99")
    client = Client()
    client.force_login(admin)
    listing = client.get("/admin/desires/item/")
    assert listing.status_code == 200
    assert "test-1-0" in text(listing) and "Our private words" not in text(listing)
    custom = Item.objects.get(space=on.space)
    assert client.get(f"/admin/desires/item/{custom.pk}/change/").status_code == 302
    catalog_item = Item.objects.get(key="test-1-0")
    assert client.get(f"/admin/desires/item/{catalog_item.pk}/change/").status_code == 200
    assert client.get("/admin/desires/answer/").status_code == 404
