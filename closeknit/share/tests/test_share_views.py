from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from closeknit.share import services
from closeknit.share.models import Answer, DailyPrompt, Post, Prompt
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db


def sid(people: Personas) -> str:
    return people.space.public_id


def test_the_loop_through_the_pages(people: Personas):
    alice, bob = people.client("alice"), people.client("bob")
    page = alice.get(reverse("share:today", args=[sid(people)]))
    assert page.status_code == 200
    daily = DailyPrompt.objects.get()
    assert daily.prompt.text in page.content.decode()
    answer_url = reverse("share:answer", args=[sid(people), daily.pk])
    assert alice.post(answer_url, {"text": "I felt seen."}).status_code == 302
    assert bob.post(answer_url, {"in_person": "on"}).status_code == 302
    respond = reverse("share:respond", args=[sid(people), daily.pk])
    assert bob.post(respond, {"reaction": "moved", "text": "Thank you"}).status_code == 302
    understood = reverse("share:understood", args=[sid(people), daily.pk])
    assert alice.post(understood, {"understood": "6"}).status_code == 302
    assert Answer.objects.get(author=people.alice).understood == 6
    depth = reverse("share:depth", args=[sid(people), daily.pk])
    assert alice.post(depth, {"rating": "just_right"}).status_code == 302


def test_htmx_answers_get_the_card_fragment_only(people: Personas):
    client = people.client("alice")
    client.get(reverse("share:today", args=[sid(people)]))
    daily = DailyPrompt.objects.get()
    response = client.post(
        reverse("share:answer", args=[sid(people), daily.pk]),
        {"text": "Through htmx"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith("<article")
    assert "Waiting for your partner" in body and "<html" not in body


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({}, 400, "Write an answer"),
        ({"text": "x" * 2001}, 400, "at most 2000 characters"),
        ({"text": "   "}, 400, "Write an answer"),
    ],
)
def test_bad_answers_get_a_400_and_keep_nothing_broken(people: Personas, data, status, message):
    client = people.client("alice")
    client.get(reverse("share:today", args=[sid(people)]))
    daily = DailyPrompt.objects.get()
    response = client.post(reverse("share:answer", args=[sid(people), daily.pk]), data)
    assert response.status_code == status
    assert message in response.content.decode()
    assert not Answer.objects.exists()


def test_a_closed_old_prompt_cannot_be_answered(people: Personas):
    old = services.today_for(people.space, now=dt.datetime(2020, 1, 1, 12, tzinfo=dt.UTC))
    response = people.client("alice").post(
        reverse("share:answer", args=[sid(people), old.pk]), {"text": "late"}
    )
    assert response.status_code == 409
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("share:respond", {"reaction": "moved"}),
        ("share:understood", {"understood": "5"}),
        ("share:depth", {"rating": "sideways"}),
        ("share:understood", {"understood": "99"}),
    ],
)
def test_out_of_order_or_bad_steps_get_a_4xx(people: Personas, url_name, data):
    client = people.client("alice")
    client.get(reverse("share:today", args=[sid(people)]))
    daily = DailyPrompt.objects.get()
    response = client.post(reverse(url_name, args=[sid(people), daily.pk]), data)
    assert 400 <= response.status_code < 500


def test_unknown_ids_are_404(people: Personas):
    client = people.client("alice")
    assert client.get(reverse("share:daily", args=[sid(people), 999999])).status_code == 404
    assert client.get(reverse("share:post", args=[sid(people), 999999])).status_code == 404
    assert client.get(f"/s/{sid(people)}/share/d/notanumber/").status_code == 404


def test_a_share_first_post_through_the_pages(people: Personas):
    alice, bob = people.client("alice"), people.client("bob")
    response = alice.post(
        reverse("share:post_new", args=[sid(people)]), {"kind": "win", "text": "I got the job"}
    )
    assert response.status_code == 302
    post = Post.objects.get()
    page = bob.get(reverse("share:post", args=[sid(people), post.pk])).content.decode()
    assert "I got the job" in page and "celebrate it, and ask about it" in page
    assert (
        bob.post(
            reverse("share:post_respond", args=[sid(people), post.pk]), {"reaction": "moved"}
        ).status_code
        == 400
    )
    assert (
        bob.post(
            reverse("share:post_respond", args=[sid(people), post.pk]),
            {"reaction": "tell_everything", "text": "When did you hear?"},
        ).status_code
        == 302
    )
    assert (
        alice.post(
            reverse("share:post_understood", args=[sid(people), post.pk]), {"understood": "7"}
        ).status_code
        == 302
    )
    bad = alice.post(reverse("share:post_new", args=[sid(people)]), {"kind": "rant", "text": ""})
    assert bad.status_code == 400


def test_step_back_from_the_pace_page(people: Personas):
    services.pace_for(people.space)
    client = people.client("bob")
    assert client.post(reverse("share:pace", args=[sid(people)])).status_code == 409
    type(services.pace_for(people.space)).objects.filter(space=people.space).update(depth=3)
    assert client.post(reverse("share:pace", args=[sid(people)])).status_code == 302
    assert services.pace_for(people.space).depth == 2
    alice_page = (
        people.client("alice").get(reverse("share:today", args=[sid(people)])).content.decode()
    )
    assert (
        "Your pace changed" in alice_page
        and "Bob" not in alice_page.split("Your pace changed")[1][:80]
    )


def _history(people: Personas, days: int) -> None:
    prompts = list(Prompt.objects.all())
    offset = DailyPrompt.objects.filter(space=people.space).count() + 10
    for n in range(offset, offset + days):
        daily = DailyPrompt.objects.create(
            space=people.space,
            date=dt.date(2024, 1, 1) + dt.timedelta(days=n),
            prompt=prompts[n % len(prompts)],
            depth=1,
            revealed_at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC) + dt.timedelta(days=n),
        )
        Answer.objects.create(daily=daily, author=people.alice, text=f"alice {n}")
        Answer.objects.create(daily=daily, author=people.bob, text=f"bob {n}")
        post = Post.objects.create(
            space=people.space, author=people.bob, kind="today", text=f"post {n}"
        )
        # Interleave posts with exchanges, as real history would be.
        revealed = daily.revealed_at or daily.created_at
        Post.objects.filter(pk=post.pk).update(created_at=revealed + dt.timedelta(hours=1))


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", ["share:history", "share:today"])
def test_list_pages_use_a_fixed_number_of_queries(people: Personas, url_name):
    client = people.client("alice")
    url = reverse(url_name, args=[sid(people)])
    _history(people, 3)
    client.get(url)  # warm up: today's prompt is created once
    few = _queries(client, url)
    _history(people, 40)
    assert _queries(client, url) == few


def test_history_search_and_pagination(people: Personas):
    _history(people, 30)
    client = people.client("alice")
    url = reverse("share:history", args=[sid(people)])
    first = client.get(url).content.decode()
    assert "Page 1 of 3" in first
    assert "Older" in first
    found = client.get(url, {"q": "alice 27"}).content.decode()
    assert "alice 27" in found and "alice 28" not in found
    assert client.get(url, {"page": "999"}).status_code == 200
    assert client.get(url, {"page": "nonsense"}).status_code == 200
    assert client.get(url, {"q": "x" * 500}).status_code == 400


def test_crisis_language_pauses_the_writer_only_and_keeps_the_answer(people: Personas):
    alice = people.client("alice")
    alice.get(reverse("share:today", args=[sid(people)]))
    daily = DailyPrompt.objects.get()
    text = "Some nights I don't want to be here anymore."
    response = alice.post(reverse("share:answer", args=[sid(people), daily.pk]), {"text": text})
    assert response.status_code == 200
    body = response.content.decode()
    assert "pause for a moment" in body and "findahelpline.com" in body
    assert Answer.objects.get(author=people.alice).text == text
    bob_page = people.client("bob").get(reverse("share:today", args=[sid(people)])).content.decode()
    assert "pause" not in bob_page.lower() and "helpline" not in bob_page


def test_crisis_language_in_a_post_pauses_too(people: Personas):
    response = people.client("bob").post(
        reverse("share:post_new", args=[sid(people)]),
        {"kind": "held_back", "text": "I've been hurting myself again."},
    )
    assert response.status_code == 200
    assert "pause for a moment" in response.content.decode()
    assert Post.objects.count() == 1
