from __future__ import annotations

import json

import pytest
from django.urls import reverse

from closeknit.appreciate import services as appreciate
from closeknit.progress import services as progress
from closeknit.share import services as share
from closeknit.testing.personas import Personas, client_for

pytestmark = pytest.mark.django_db

MINE = "alicewrote5e1"
THEIRS = "bobwrote77aa"


def test_export_holds_your_words_and_never_your_partners(people: Personas):
    daily = share.today_for(people.space)
    share.submit_answer(daily, people.alice, text=f"My answer {MINE}")
    share.submit_answer(daily, people.bob, text=f"His answer {THEIRS}")
    share.create_post(people.space, people.bob, kind="today", text=f"Post {THEIRS}")
    appreciate.write(people.space, people.alice, text=f"Thank you {MINE} for the tea")
    appreciate.write(people.space, people.bob, text=f"Thank you {THEIRS} for the walk")
    client = people.client("alice")
    assert client.get(reverse("accounts:export")).status_code == 200
    response = client.post(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert MINE in body
    assert THEIRS not in body
    document = json.loads(body)
    space = document["spaces"][0]
    assert document["person"]["email"] == "alice@example.org"
    assert space["practices"]["share"]["answers"][0]["text"] == f"My answer {MINE}"
    assert space["practices"]["appreciate"]["written"][0]["text"].startswith("Thank you")
    assert {"share", "appreciate", "explore", "listen"} <= set(space["practices"])
    assert "daily" in space["check_ins"]


def test_export_includes_check_ins(people: Personas):
    progress.save_daily(people.space, people.alice, closeness=5, understood=6)
    document = json.loads(people.client("alice").post(reverse("accounts:export")).content)
    assert document["spaces"][0]["check_ins"]["daily"][0]["closeness"] == 5


def test_export_needs_you_to_be_logged_in_and_a_post_to_download(db):
    response = client_for(None).post(reverse("accounts:export"))
    assert response.status_code == 302
