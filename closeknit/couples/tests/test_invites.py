from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from closeknit.couples import access, services
from closeknit.couples.models import Invite, Membership
from closeknit.testing.personas import Personas, client_for, make_person

pytestmark = pytest.mark.django_db


def _fresh_space():
    alice = make_person("a@example.org", "Ana")
    space = services.create_space(alice, name="Ours")
    return alice, space


def test_invite_has_a_long_token_and_a_ten_character_code():
    alice, space = _fresh_space()
    issued = services.create_invite(space, alice)
    assert len(issued.token) >= 40
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}", issued.display_code)
    # Only hashes are stored: a database dump gives nobody a way in.
    invite = Invite.objects.get()
    assert issued.token not in invite.token_hash
    assert issued.code not in invite.code_hash


def test_partner_joins_with_the_link_and_the_space_is_complete():
    alice, space = _fresh_space()
    sam = make_person("s@example.org", "Sam")
    issued = services.create_invite(space, alice)
    joined = services.redeem_invite(services.find_invite(token=issued.token), sam)
    assert joined == space
    assert access.partner_of(space, alice) == sam
    assert access.partner_of(space, sam) == alice
    space.refresh_from_db()
    assert space.paired_at is not None


def test_code_is_forgiving_about_case_dashes_and_look_alike_letters():
    alice, space = _fresh_space()
    issued = services.create_invite(space, alice)
    sloppy = issued.display_code.lower().replace("0", "o").replace("1", "l")
    assert services.find_invite(code=f"  {sloppy} ").pk == issued.invite.pk


def test_a_new_invite_retires_the_old_one():
    alice, space = _fresh_space()
    old = services.create_invite(space, alice)
    services.create_invite(space, alice)
    with pytest.raises(services.InviteError) as error:
        services.find_invite(token=old.token)
    assert error.value.status == 404


@pytest.mark.parametrize(
    ("code", "status"),
    [("", 400), ("short", 400), ("!!!!!-?????", 400), ("ABCDE-FGHJK", 404), ("x" * 500, 400)],
)
def test_malformed_and_unknown_codes_get_a_clear_4xx(code, status):
    _fresh_space()
    with pytest.raises(services.InviteError) as error:
        services.find_invite(code=code)
    assert error.value.status == status
    assert str(error.value.message)


def test_expired_invite_is_refused():
    alice, space = _fresh_space()
    issued = services.create_invite(space, alice)
    Invite.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    sam = make_person("s@example.org", "Sam")
    with pytest.raises(services.InviteError) as error:
        services.redeem_invite(issued.invite, sam)
    assert (error.value.code, error.value.status) == ("invite_expired", 410)
    assert not Membership.objects.filter(user=sam).exists()


def test_used_invite_cannot_be_used_again():
    alice, space = _fresh_space()
    issued = services.create_invite(space, alice)
    services.redeem_invite(issued.invite, make_person("s@example.org", "Sam"))
    third = make_person("t@example.org", "Teo")
    with pytest.raises(services.InviteError) as error:
        services.redeem_invite(issued.invite, third)
    assert error.value.status in (409, 410)
    assert not Membership.objects.filter(user=third).exists()


def test_nobody_can_join_their_own_space():
    alice, space = _fresh_space()
    issued = services.create_invite(space, alice)
    with pytest.raises(services.InviteError) as error:
        services.redeem_invite(issued.invite, alice)
    assert (error.value.code, error.value.status) == ("already_member", 409)


def test_a_full_space_makes_no_new_invites(people: Personas):
    with pytest.raises(services.InviteError) as error:
        services.create_invite(people.space, people.alice)
    assert error.value.status == 409


def test_leaving_is_silent_and_closes_the_space_to_newcomers(people: Personas):
    membership = access.membership_for(people.bob, people.space.public_id)
    services.leave_space(membership)
    assert access.partner_of(people.space, people.alice) is None
    assert access.spaces_of(people.bob) == []
    assert not services.can_invite(people.space)


# Views


def test_invite_page_shows_the_secrets_once_then_only_that_one_is_waiting():
    alice, space = _fresh_space()
    client = client_for(alice)
    response = client.post(reverse("couples:invite", args=[space.public_id]))
    assert response.status_code == 302
    page = client.get(reverse("couples:invite", args=[space.public_id])).content.decode()
    assert "/join/" in page
    # A new session (another device) sees that an invite waits, but not its secrets.
    other = client_for(alice).get(reverse("couples:invite", args=[space.public_id]))
    assert "/join/" not in other.content.decode()
    assert "waiting to be used" in other.content.decode()


def test_partner_joins_through_the_link_after_logging_in():
    alice, space = _fresh_space()
    issued = services.create_invite(space, alice)
    sam = make_person("s@example.org", "Sam")
    url = reverse("couples:join_link", args=[issued.token])
    anon = client_for(None).get(url)
    assert anon.status_code == 200
    assert "Ana invited you" in anon.content.decode()
    client = client_for(sam)
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("tonight:home", args=[space.public_id])
    assert access.partner_of(space, sam) == alice


def test_a_third_person_cannot_join_a_complete_space(people: Personas):
    # Bob kept the code Alice sent him; Carol finds it and tries.
    space = services.create_space(people.alice, name="Second")
    issued = services.create_invite(space, people.alice)
    services.redeem_invite(issued.invite, people.bob)
    response = client_for(people.carol).post(
        reverse("couples:join_code"), {"code": issued.display_code}
    )
    assert response.status_code in (409, 410)
    assert "already" in response.content.decode()
    assert access.partner_of(space, people.alice) == people.bob
    assert Membership.objects.filter(space=space).count() == 2


def test_joining_with_a_foreign_or_garbage_link_is_a_404_not_a_500():
    sam = make_person("s@example.org", "Sam")
    client = client_for(sam)
    for token in ["nope", "a" * 43, "%00", "x" * 300]:
        response = client.get(f"/join/{token}/")
        assert response.status_code == 404, token


def test_guessing_codes_is_rate_limited():
    sam = make_person("s@example.org", "Sam")
    client = client_for(sam)
    statuses = [
        client.post(reverse("couples:join_code"), {"code": f"ABCDE-FGH{i:02d}"[:11]}).status_code
        for i in range(12)
    ]
    assert statuses[0] in (400, 404)
    assert statuses[-1] == 429


def test_space_name_that_is_too_long_is_refused_with_a_message():
    alice = make_person("a@example.org", "Ana")
    response = client_for(alice).post(
        reverse("couples:create"), {"name": "n" * 500, "romantic": "yes"}
    )
    assert response.status_code == 400
    assert "at most 60 characters" in response.content.decode()
    assert not Membership.objects.filter(user=alice).exists()


def test_post_without_csrf_token_is_refused(people: Personas):
    client = client_for(people.alice)
    response = client.post(reverse("couples:create"), {"name": "x", "romantic": "yes"}, csrf=False)
    assert response.status_code == 403
    assert Membership.objects.filter(user=people.alice).count() == 1
