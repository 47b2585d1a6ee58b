from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from closeknit.accounts.models import User
from closeknit.couples import access
from closeknit.testing.personas import PASSWORD, Personas, client_for, page_text

pytestmark = pytest.mark.django_db

GOOD = {
    "display_name": "Rowan",
    "email": "Rowan@Example.org ",
    "password1": "quiet lanterns at dusk",
    "time_zone": "Europe/Berlin",
}


def test_signup_creates_a_person_logs_them_in_and_asks_the_onboarding_questions():
    client = client_for(None)
    response = client.post(
        reverse("accounts:signup") + "?next=/join/abc/", {**GOOD, "next": "/join/abc/"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:onboarding") + "?next=/join/abc/"
    user = User.objects.get()
    assert user.email == "rowan@example.org"
    assert user.time_zone == "Europe/Berlin"
    assert user.password.startswith("md5$") or user.password.startswith("argon2")
    assert client.get(reverse("accounts:onboarding")).status_code == 200


def test_signup_never_redirects_to_another_site():
    client = client_for(None)
    response = client.post(reverse("accounts:signup"), {**GOOD, "next": "https://evil.example/"})
    assert "evil.example" not in response["Location"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": "not-an-email"}, "valid email"),
        ({"password1": "password"}, "too common"),
        ({"password1": "12345678901"}, "entirely numeric"),
        ({"display_name": "x" * 500}, "at most 40 characters"),
        ({"time_zone": "Mars/Olympus_Mons"}, "choose a time zone"),
        ({"display_name": ""}, "required"),
    ],
)
def test_signup_with_bad_input_gets_a_400_and_says_why(change, message):
    response = client_for(None).post(reverse("accounts:signup"), {**GOOD, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_signup_with_a_taken_email_suggests_logging_in(people: Personas):
    response = client_for(None).post(
        reverse("accounts:signup"), {**GOOD, "email": "ALICE@example.org"}
    )
    assert response.status_code == 400
    assert "already has an account" in response.content.decode()


def test_login_is_by_email_in_any_case_and_rotates_the_session(people: Personas):
    client = client_for(None)
    client.get(reverse("accounts:login"))
    before = client.session.session_key
    response = client.post(
        reverse("accounts:login"), {"username": "ALICE@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(people.alice.pk)
    assert client.session.session_key != before


def test_repeated_failed_logins_are_locked_out(people: Personas):
    client = client_for(None)
    statuses = [
        client.post(
            reverse("accounts:login"), {"username": "alice@example.org", "password": "wrong"}
        ).status_code
        for _ in range(6)
    ]
    assert statuses[0] == 200
    assert statuses[-1] == 429
    locked = client.post(
        reverse("accounts:login"), {"username": "alice@example.org", "password": PASSWORD}
    )
    assert locked.status_code == 429
    assert "too many" in locked.content.decode().lower()


def test_onboarding_saves_time_zone_practices_and_reminder(people: Personas):
    client = people.client("alice")
    response = client.post(
        reverse("accounts:onboarding"),
        {
            "display_name": "Alice",
            "pronouns": "she/her",
            "time_zone": "Asia/Tokyo",
            "reminder_time": "21:30",
            "safety": "safe",
            "next": "/",
        },
    )
    assert response.status_code == 302
    people.alice.refresh_from_db()
    assert people.alice.time_zone == "Asia/Tokyo"
    assert people.alice.reminder_time is not None
    assert people.alice.reminder_time.strftime("%H:%M") == "21:30"
    assert people.alice.pronouns == "she/her"


def test_onboarding_with_a_nonsense_time_is_a_400(people: Personas):
    response = people.client("alice").post(
        reverse("accounts:onboarding"),
        {"display_name": "Alice", "time_zone": "UTC", "reminder_time": "25:99", "safety": "safe"},
    )
    assert response.status_code == 400
    assert "valid time" in response.content.decode()


def test_a_new_person_is_sent_to_onboarding_before_anything_else(db):
    user = User.objects.create_user("new@example.org", PASSWORD, display_name="New")
    response = client_for(user).get(reverse("couples:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:onboarding"))


def test_password_reset_mails_a_link_that_says_nothing_private(people: Personas):
    response = client_for(None).post(
        reverse("accounts:password_reset"), {"email": "alice@example.org"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "/accounts/reset/" in body
    assert "Our little room" not in body and "Bob" not in body


def test_password_reset_for_an_unknown_address_looks_the_same(db):
    response = client_for(None).post(
        reverse("accounts:password_reset"), {"email": "nobody@example.org"}
    )
    assert response.status_code == 302
    assert mail.outbox == []


def test_logout_needs_post(people: Personas):
    client = people.client("alice")
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_deleting_an_account_needs_the_password_and_leaves_the_partner_alone(people: Personas):
    client = people.client("bob")
    wrong = client.post(reverse("accounts:delete"), {"password": "nope"})
    assert wrong.status_code == 400
    assert User.objects.filter(pk=people.bob.pk).exists()
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=people.bob.pk).exists()
    assert access.partner_of(people.space, people.alice) is None


def test_profile_edits_are_saved_and_limits_enforced(people: Personas):
    client = people.client("alice")
    ok = client.post(
        reverse("accounts:profile"),
        {"display_name": "Ali", "pronouns": "they/them", "time_zone": "Europe/Paris"},
    )
    assert ok.status_code == 302
    too_long = client.post(
        reverse("accounts:profile"),
        {"display_name": "Ali", "pronouns": "p" * 200, "time_zone": "Europe/Paris"},
    )
    assert too_long.status_code == 400
    people.alice.refresh_from_db()
    assert (people.alice.display_name, people.alice.pronouns) == ("Ali", "they/them")


@pytest.mark.parametrize("answer", ["unsure", "unsafe"])
def test_the_private_safety_check_quietly_pauses_joint_practices(people: Personas, answer):
    client = people.client("bob")
    response = client.post(
        reverse("accounts:onboarding"),
        {"display_name": "Bob", "time_zone": "UTC", "safety": answer, "practices": ["share"]},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("support")
    people.bob.refresh_from_db()
    assert not people.bob.wants("share")
    support = client.get(reverse("support")).content.decode()
    assert "Your joint exercises are paused" in support
    # Alice's pages say nothing about it.
    alice_pages = [
        people.client("alice").get(reverse("tonight:home", args=[people.space.public_id])),
        people.client("alice").get(reverse("share:today", args=[people.space.public_id])),
    ]
    for page in alice_pages:
        text = page_text(page).lower()
        assert "safe" not in text and "paused" not in text


def test_feeling_safe_keeps_the_chosen_practices(people: Personas):
    people.client("bob").post(
        reverse("accounts:onboarding"),
        {"display_name": "Bob", "time_zone": "UTC", "safety": "safe", "practices": ["share"]},
    )
    people.bob.refresh_from_db()
    assert people.bob.wants("share")


def test_the_support_page_is_open_to_everyone(db):
    response = client_for(None).get(reverse("support"))
    assert response.status_code == 200
    assert "findahelpline.com" in response.content.decode()
