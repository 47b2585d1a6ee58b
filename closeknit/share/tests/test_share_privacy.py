"""The partner's words are absent from every response until both have answered."""

from __future__ import annotations

import pytest
from django.urls import reverse

from closeknit.couples import access
from closeknit.couples import services as couples
from closeknit.share import services
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db

BOB_MARK = "bobsecret7f3a"
POST_MARK = "postsecret91c"
# Search pages echo the query, so the check is for the answer's sentence, not the bare marker.
BOB_TEXT = f"My answer is {BOB_MARK}"


def urls_for(people: Personas, daily_id: int, post_id: int | None = None) -> list[str]:
    sid = people.space.public_id
    urls = [
        reverse("tonight:home", args=[sid]),
        reverse("share:today", args=[sid]),
        reverse("share:daily", args=[sid, daily_id]),
        reverse("share:history", args=[sid]),
        reverse("share:history", args=[sid]) + f"?q={BOB_MARK}",
        reverse("share:history", args=[sid]) + "?q=secret",
        f"/api/v1/share/{sid}/today",
        f"/api/v1/share/{sid}/history",
        f"/api/v1/share/{sid}/history?q={BOB_MARK}",
    ]
    if post_id:
        urls.append(reverse("share:post", args=[sid, post_id]))
    return urls


def bodies(client, urls: list[str]) -> dict[str, str]:
    out = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        out[url] = response.content.decode()
    return out


def test_partners_answer_is_absent_everywhere_until_you_answer(people: Personas):
    daily = services.today_for(people.space)
    services.submit_answer(daily, people.bob, text=BOB_TEXT)
    alice = people.client("alice")
    for url, body in bodies(alice, urls_for(people, daily.pk)).items():
        assert BOB_TEXT not in body, url
    # Alice is told only that Bob answered.
    assert (
        "Answer to see theirs"
        in alice.get(reverse("share:today", args=[people.space.public_id])).content.decode()
    )

    response = alice.post(
        reverse("share:answer", args=[people.space.public_id, daily.pk]), {"text": "Mine, at last"}
    )
    assert response.status_code == 302
    revealed = bodies(alice, urls_for(people, daily.pk)[1:4])
    assert all(BOB_TEXT in body for body in revealed.values())
    assert BOB_TEXT in alice.get(f"/api/v1/share/{people.space.public_id}/today").content.decode()


def test_the_stranger_gets_404_from_every_share_url(people: Personas):
    daily = services.today_for(people.space)
    services.submit_answer(daily, people.bob, text=BOB_MARK)
    post = services.create_post(people.space, people.bob, kind="today", text=POST_MARK)
    carol = people.client("carol")
    for url in urls_for(people, daily.pk, post.pk):
        response = carol.get(url)
        assert response.status_code == 404, url
        assert BOB_MARK not in response.content.decode()
    # Carol's own space does not open Alice's rows either.
    other = people.other_space.public_id
    assert carol.get(reverse("share:daily", args=[other, daily.pk])).status_code == 404
    assert carol.get(reverse("share:post", args=[other, post.pk])).status_code == 404
    assert (
        carol.post(reverse("share:answer", args=[other, daily.pk]), {"text": "x"}).status_code
        == 404
    )


def test_a_partner_who_leaves_takes_their_words_with_them(people: Personas):
    daily = services.today_for(people.space)
    services.submit_answer(daily, people.bob, text=BOB_TEXT)
    services.submit_answer(daily, people.alice, text="mine")
    post_text = f"Held back: {POST_MARK}"
    post = services.create_post(people.space, people.bob, kind="held_back", text=post_text)
    alice = people.client("alice")
    before = alice.get(reverse("share:history", args=[people.space.public_id])).content.decode()
    assert BOB_TEXT in before and post_text in before

    couples.leave_space(access.membership_for(people.bob, people.space.public_id))
    for url in urls_for(people, daily.pk)[2:5]:
        body = alice.get(url).content.decode()
        assert BOB_TEXT not in body and post_text not in body, url
    assert (
        alice.get(reverse("share:post", args=[people.space.public_id, post.pk])).status_code == 404
    )


def test_the_understood_rating_is_seen_only_by_its_author(people: Personas):
    daily = services.today_for(people.space)
    services.submit_answer(daily, people.alice, text="a")
    services.submit_answer(daily, people.bob, text="b")
    daily.refresh_from_db()
    services.respond_to_answer(daily, people.bob, reaction="moved")
    services.rate_answer_understood(daily, people.alice, 6)
    alice_page = people.client("alice").get(reverse("share:today", args=[people.space.public_id]))
    assert "You felt understood: 6 of 7" in alice_page.content.decode()
    bob_page = people.client("bob").get(reverse("share:today", args=[people.space.public_id]))
    assert "felt understood" not in bob_page.content.decode().lower()
    assert "6 of 7" not in bob_page.content.decode()


def test_search_never_matches_a_partners_unrevealed_answer(people: Personas):
    daily = services.today_for(people.space)
    services.submit_answer(daily, people.bob, text=BOB_MARK)
    services.submit_answer(
        services.today_for(people.space), people.bob, text=BOB_MARK
    )  # same day: an edit
    api = people.client("alice").get(f"/api/v1/share/{people.space.public_id}/history?q={BOB_MARK}")
    assert api.json()["items"] == []
    page = people.client("alice").get(
        reverse("share:history", args=[people.space.public_id]), {"q": BOB_MARK}
    )
    assert "Nothing matches" in page.content.decode()
