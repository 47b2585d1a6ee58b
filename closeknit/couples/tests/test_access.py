from __future__ import annotations

import re

import pytest
from django.urls import reverse

from closeknit.couples import access, services
from closeknit.testing.personas import Personas, page_text

pytestmark = pytest.mark.django_db


def test_member_sees_their_space_and_stranger_gets_404(people: Personas):
    url = reverse("tonight:home", args=[people.space.public_id])
    assert people.client("alice").get(url).status_code == 200
    assert people.client("carol").get(url).status_code == 404


def test_stranger_404_looks_the_same_as_a_space_that_does_not_exist(people: Personas):
    carol = people.client("carol")
    real = carol.get(reverse("tonight:home", args=[people.space.public_id]))
    fake = carol.get(reverse("tonight:home", args=["does-not-exist"]))
    assert real.status_code == fake.status_code == 404
    # Identical but for the per-response CSRF mask.
    unmask = re.compile(rb'(X-CSRFToken": "|csrfmiddlewaretoken" value=")[^"]+')
    assert unmask.sub(b"", real.content) == unmask.sub(b"", fake.content)


def test_anonymous_is_sent_to_log_in(people: Personas):
    url = reverse("tonight:home", args=[people.space.public_id])
    response = people.client(None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_after_leaving_the_leaver_gets_404_everywhere_in_the_space(people: Personas):
    services.leave_space(access.membership_for(people.bob, people.space.public_id))
    bob = people.client("bob")
    for name in ("tonight:home", "couples:settings", "couples:invite", "couples:leave"):
        assert bob.get(reverse(name, args=[people.space.public_id])).status_code == 404


def test_leaving_hides_the_leavers_words_from_authored_by_members(people: Personas):
    from closeknit.couples.models import Membership

    rows = Membership.objects.filter(space=people.space)
    # Memberships stand in for any authored row: they have a space and a user.
    visible = access.authored_by_members(rows, people.space, people.alice, author_field="user")
    assert {m.user for m in visible} == {people.alice, people.bob}
    services.leave_space(access.membership_for(people.bob, people.space.public_id))
    visible = access.authored_by_members(rows, people.space, people.alice, author_field="user")
    assert {m.user for m in visible} == {people.alice}


def test_leave_page_leaves_quietly(people: Personas):
    response = people.client("bob").post(reverse("couples:leave", args=[people.space.public_id]))
    assert response.status_code == 302
    alice_page = people.client("alice").get(reverse("tonight:home", args=[people.space.public_id]))
    text = page_text(alice_page)
    assert "Bob" not in text
    assert "just you here" in text


def test_a_person_switches_between_spaces(people: Personas):
    second = services.create_space(people.alice, name="Book club of two")
    alice = people.client("alice")
    assert alice.get(reverse("tonight:home", args=[second.public_id])).status_code == 200
    assert alice.get("/")["Location"] == reverse("tonight:home", args=[second.public_id])
    alice.get(reverse("tonight:home", args=[people.space.public_id]))
    assert alice.get("/")["Location"] == reverse("tonight:home", args=[people.space.public_id])
    listing = alice.get(reverse("couples:list")).content.decode()
    assert "Book club of two" in listing and "Our little room" in listing
