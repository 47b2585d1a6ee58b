"""An appreciation reaches exactly two people: its author and the partner it was written for."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from closeknit.appreciate import services
from closeknit.couples import access
from closeknit.couples import services as couples
from closeknit.testing.personas import Personas

pytestmark = pytest.mark.django_db

MARK = "alicemark3c9e"
ALICE_TEXT = f"Last night you waited for me so patiently at the station {MARK}."
REPLY_MARK = "bobreply51d2"


def page_urls(space_id: str, item_id: int | None = None) -> list[str]:
    urls = [
        reverse("tonight:home", args=[space_id]),
        reverse("appreciate:write", args=[space_id]),
        reverse("appreciate:jar", args=[space_id]),
        reverse("appreciate:jar", args=[space_id]) + "?quality=patience",
        reverse("appreciate:jar", args=[space_id]) + "?favourites=on",
        reverse("appreciate:hard_day", args=[space_id]),
        reverse("appreciate:sent", args=[space_id]),
        f"/api/v1/appreciate/{space_id}/jar",
    ]
    if item_id:
        urls += [
            reverse("appreciate:write", args=[space_id]) + f"?sent={item_id}",
            reverse("appreciate:hard_day", args=[space_id]) + f"?show={item_id}",
        ]
    return urls


def bodies(client, urls: list[str]) -> dict[str, str]:
    out = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        out[url] = html.unescape(response.content.decode())
    return out


def test_the_partner_finds_it_in_their_jar_and_the_author_in_what_they_sent(people: Personas):
    item = services.write(people.space, people.alice, text=ALICE_TEXT)
    sid = people.space.public_id
    bob = bodies(people.client("bob"), page_urls(sid))
    for url in (
        reverse("appreciate:jar", args=[sid]),
        reverse("appreciate:jar", args=[sid]) + "?quality=patience",
        reverse("appreciate:hard_day", args=[sid]),
        f"/api/v1/appreciate/{sid}/jar",
    ):
        assert ALICE_TEXT in bob[url], url
    # Bob's own pages about his writing never carry Alice's words.
    for url in (reverse("appreciate:sent", args=[sid]), reverse("appreciate:write", args=[sid])):
        assert MARK not in bob[url], url
    alice = bodies(people.client("alice"), page_urls(sid, item.pk))
    assert ALICE_TEXT in alice[reverse("appreciate:sent", args=[sid])]
    # Her own words never land in her own jar.
    assert MARK not in alice[reverse("appreciate:jar", args=[sid])]
    assert MARK not in alice[f"/api/v1/appreciate/{sid}/jar"]


def test_everyone_else_gets_404_and_never_the_words(people: Personas):
    item = services.write(people.space, people.alice, text=ALICE_TEXT)
    services.react(people.space, people.bob, item.pk, words=f"Always {REPLY_MARK}")
    sid = people.space.public_id
    post_urls = [
        reverse("appreciate:coach", args=[sid]),
        reverse("appreciate:favourite", args=[sid, item.pk]),
        reverse("appreciate:react", args=[sid, item.pk]),
    ]
    for who in ("carol", "dave"):
        client = people.client(who)
        for url in page_urls(sid, item.pk):
            response = client.get(url)
            assert response.status_code == 404, (who, url)
            assert MARK not in response.content.decode()
        for url in post_urls:
            assert client.post(url, {"text": "x", "favourite": "1"}).status_code == 404
        api = client.post(
            f"/api/v1/appreciate/{sid}/appreciations",
            {"text": "hi"},
            content_type="application/json",
        )
        assert api.status_code == 404
        # Their own space, with the same id in the URL, shows nothing of it either.
        other = people.other_space.public_id
        for url in page_urls(other, item.pk):
            body = client.get(url).content.decode()
            assert MARK not in body and REPLY_MARK not in body, (who, url)
        assert (
            client.post(
                reverse("appreciate:favourite", args=[other, item.pk]), {"favourite": "1"}
            ).status_code
            == 404
        )
        assert client.post(reverse("appreciate:react", args=[other, item.pk])).status_code == 404
    item.refresh_from_db()
    assert not item.favourite


def test_a_partner_who_leaves_takes_their_words_with_them(people: Personas):
    item = services.write(people.space, people.alice, text=ALICE_TEXT)
    services.react(people.space, people.bob, item.pk, words=f"Always {REPLY_MARK}")
    bob_text = "You were so brave at the interview on Monday."
    services.write(people.space, people.bob, text=bob_text)
    sid = people.space.public_id
    assert (
        bob_text
        in people.client("alice").get(reverse("appreciate:jar", args=[sid])).content.decode()
    )

    couples.leave_space(access.membership_for(people.bob, sid))
    alice = people.client("alice")
    for url in (
        reverse("appreciate:jar", args=[sid]),
        reverse("appreciate:hard_day", args=[sid]),
        reverse("appreciate:sent", args=[sid]),
        f"/api/v1/appreciate/{sid}/jar",
    ):
        body = html.unescape(alice.get(url).content.decode())
        assert bob_text not in body and REPLY_MARK not in body, url
    # Her own words stay hers.
    assert ALICE_TEXT in html.unescape(
        alice.get(reverse("appreciate:sent", args=[sid])).content.decode()
    )
    assert people.client("bob").get(reverse("appreciate:sent", args=[sid])).status_code == 404


def test_a_favourite_is_private_to_the_one_who_saved_it(people: Personas):
    item = services.write(people.space, people.alice, text=ALICE_TEXT)
    services.set_favourite(people.space, people.bob, item.pk, True)
    sid = people.space.public_id
    bob_jar = people.client("bob").get(reverse("appreciate:jar", args=[sid])).content.decode()
    assert "Saved as a favourite" in bob_jar
    for url in page_urls(sid, item.pk):
        body = people.client("alice").get(url).content.decode().lower()
        assert "saved as a favourite" not in body and "a favourite</span>" not in body, url


def test_the_score_is_never_shown_to_the_partner(people: Personas):
    services.write(people.space, people.alice, text=ALICE_TEXT)
    sid = people.space.public_id
    item = people.client("bob").get(f"/api/v1/appreciate/{sid}/jar").json()["items"][0]
    assert "score" not in item and "coach" not in item
    jar = people.client("bob").get(reverse("appreciate:jar", args=[sid])).content.decode()
    assert "<meter" not in jar


def test_rediscover_is_shown_only_to_the_one_who_wrote_it(people: Personas):
    old = timezone.now() - dt.timedelta(days=75)
    services.write(people.space, people.alice, text=ALICE_TEXT, now=old)
    sid = people.space.public_id
    alice_write = html.unescape(
        people.client("alice").get(reverse("appreciate:write", args=[sid])).content.decode()
    )
    assert "You once loved how patient Bob is." in alice_write and ALICE_TEXT in alice_write
    for url in page_urls(sid):
        body = html.unescape(people.client("bob").get(url).content.decode())
        assert "You once loved" not in body, url
    bob_write = people.client("bob").get(reverse("appreciate:write", args=[sid])).content.decode()
    assert MARK not in bob_write


def visible_text(body: str) -> str:
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_each_person_sees_only_their_own_count(people: Personas):
    when = dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)
    for _n in range(3):
        services.write(people.space, people.alice, text="You were kind to me today.", now=when)
    for _n in range(9):
        services.write(people.space, people.bob, text="You were brave at work today.", now=when)
    sid = people.space.public_id
    alice = people.client("alice")
    sent = visible_text(alice.get(reverse("appreciate:sent", args=[sid])).content.decode())
    assert "You've written 3 appreciations so far." in sent
    assert "You've written 9" in visible_text(
        people.client("bob").get(reverse("appreciate:sent", args=[sid])).content.decode()
    )
    # Bob's count, and any comparison, never reaches Alice's pages.
    for url in page_urls(sid):
        if "/appreciate/" not in url or url.startswith("/api/"):
            continue
        text = visible_text(alice.get(url).content.decode())
        assert not re.search(r"\b9\b", text), url
        assert "%" not in text and " of 12" not in text, url
