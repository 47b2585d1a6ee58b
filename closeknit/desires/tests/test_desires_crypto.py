"""Answers are encrypted at rest: a database dump shows no answer, and keys can rotate."""

from __future__ import annotations

import base64
import io
import stat

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from closeknit.desires import crypto, services
from closeknit.desires.models import Answer, Item
from closeknit.desires.testing import tier_items, turn_on
from closeknit.testing.personas import Personas

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()
VALUES = ("yes", "curious", "no")


def use_keys(monkeypatch: pytest.MonkeyPatch, *keys: str) -> None:
    monkeypatch.setenv("DESIRES_KEYS", ",".join(keys))
    monkeypatch.delenv("DESIRES_KEYS_FILE", raising=False)
    crypto.reset()


def raw_rows() -> list[tuple[object, ...]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM desires_answer")
        return list(cursor.fetchall())


@pytest.fixture
def answered(people: Personas, items: None, monkeypatch: pytest.MonkeyPatch) -> Personas:
    """Alice and Bob each answered tier 1 with every value at least once, under key A."""
    use_keys(monkeypatch, KEY_A)
    turn_on(people)
    for n, item in enumerate(tier_items(people.space, 1)):
        services.answer(people.space, people.alice, people.bob, item.pk, VALUES[n % 3])
        services.answer(people.space, people.bob, people.alice, item.pk, VALUES[(n + 1) % 3])
    return people


def my_answers(people: Personas) -> list[str | None]:
    view = services.tier_view(people.space, people.alice, people.bob, 1)
    return [v.answer for v in view.items]


@pytest.mark.django_db
def test_the_raw_database_holds_no_plaintext_answer(answered: Personas):
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, "desires_answer")
    columns = {column.name for column in description}
    assert columns == {"id", "space_id", "user_id", "item_id", "token", "answered_at"}
    rows = raw_rows()
    assert len(rows) == 8
    for row in rows:
        assert not {str(cell) for cell in row} & {*VALUES, "y", "c", "n"}
        token = next(str(c) for c in row if str(c).startswith("gAAAAA"))
        # The token's bytes are ciphertext: the sealed plaintext is nowhere in them. (Only
        # long words are checked: a three-byte word turns up in random bytes now and then.)
        raw = base64.urlsafe_b64decode(token)
        assert b"curious" not in raw


@pytest.mark.django_db
def test_a_couples_own_item_is_sealed_too_and_its_length_hidden(answered: Personas):
    # Words with a space and a comma: they can never turn up inside a base64 token by chance.
    short_text = "Hum, softly"
    short = services.propose(
        answered.space, answered.alice, answered.bob, text=short_text, value="no"
    )
    long = services.propose(
        answered.space, answered.alice, answered.bob, text="A secret wish " * 8, value="yes"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM desires_item WHERE space_id IS NOT NULL")
        dump = " ".join(str(cell) for row in cursor.fetchall() for cell in row)
    assert short_text not in dump and "secret wish" not in dump
    sealed = {i.pk: i.sealed_text for i in Item.objects.filter(space=answered.space)}
    assert len(sealed[short.pk]) == len(sealed[long.pk])
    view = services.tier_view(answered.space, answered.bob, answered.alice, 1)
    assert {short_text, ("A secret wish " * 8).strip()} <= {v.item.text for v in view.items}


@pytest.mark.django_db
def test_no_index_or_constraint_covers_the_token(answered: Personas):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "desires_answer")
    assert not [name for name, c in constraints.items() if "token" in (c["columns"] or [])]


@pytest.mark.django_db
def test_a_tokens_length_never_depends_on_the_answer(answered: Personas):
    lengths = {len(crypto.seal(value, space_id=12, user_id=345, item_id=6789)) for value in VALUES}
    assert len(lengths) == 1


@pytest.mark.django_db
def test_every_save_writes_a_fresh_token_even_for_the_same_answer(answered: Personas):
    item = tier_items(answered.space, 1)[0]
    before = Answer.objects.get(user=answered.alice, item=item).token
    services.answer(answered.space, answered.alice, answered.bob, item.pk, "yes")
    services.answer(answered.space, answered.alice, answered.bob, item.pk, "yes")
    after = Answer.objects.get(user=answered.alice, item=item).token
    assert before != after


@pytest.mark.django_db
def test_a_token_copied_onto_another_row_does_not_read(answered: Personas):
    bobs = Answer.objects.filter(user=answered.bob).order_by("item_id").first()
    alices = Answer.objects.filter(user=answered.alice).order_by("item_id").first()
    assert bobs is not None and alices is not None
    Answer.objects.filter(pk=alices.pk).update(token=bobs.token)
    with pytest.raises(crypto.UnreadableAnswer):
        my_answers(answered)


@pytest.mark.django_db
def test_rotation_rereads_old_rows_and_rewrites_them_with_the_newest_key(
    answered: Personas, monkeypatch: pytest.MonkeyPatch
):
    services.propose(answered.space, answered.bob, answered.alice, text="Rotated too", value="yes")
    before = my_answers(answered)
    old_tokens = {a.pk: a.token for a in Answer.objects.all()}

    use_keys(monkeypatch, KEY_B, KEY_A)  # a new key in front; the old one still reads
    assert my_answers(answered) == before

    call_command("desires_rotate", stdout=io.StringIO())
    new_tokens = {a.pk: a.token for a in Answer.objects.all()}
    assert all(new_tokens[pk] != old for pk, old in old_tokens.items())

    use_keys(monkeypatch, KEY_B)  # the old key is gone: everything still reads
    assert my_answers(answered) == before
    texts = {
        v.item.text
        for v in services.tier_view(answered.space, answered.alice, answered.bob, 1).items
    }
    assert "Rotated too" in texts

    use_keys(monkeypatch, KEY_A)  # and the old key alone no longer can
    with pytest.raises(crypto.UnreadableAnswer):
        my_answers(answered)


@pytest.mark.django_db
def test_closeknit_desires_rotate_does_the_same(
    answered: Personas, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    use_keys(monkeypatch, KEY_B, KEY_A)
    call_command("desires", "rotate")
    assert "Re-encrypted 8 desire answers" in capsys.readouterr().out
    use_keys(monkeypatch, KEY_B)
    assert my_answers(answered)[0] == "yes"


@pytest.mark.django_db
def test_rotation_without_the_old_key_stops_and_says_why(
    answered: Personas, monkeypatch: pytest.MonkeyPatch
):
    use_keys(monkeypatch, KEY_B)
    with pytest.raises(CommandError, match="Keep every key"):
        call_command("desires_rotate")
    use_keys(monkeypatch, KEY_A)
    assert my_answers(answered)[0] == "yes"  # nothing was half-rewritten


@pytest.mark.django_db
def test_a_lost_key_shows_a_clear_page_not_a_crash(
    answered: Personas, monkeypatch: pytest.MonkeyPatch
):
    use_keys(monkeypatch, KEY_B)
    page = answered.client("alice").get(reverse("desires:tier", args=[answered.space.public_id, 1]))
    assert page.status_code == 503
    assert "key to read them" in page.content.decode()
    api = answered.client("alice").get(f"/api/v1/desires/{answered.space.public_id}/matches")
    assert api.status_code == 503 and "error" in api.json()


def test_keys_may_come_from_a_file(tmp_path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "keys"
    path.write_text(f"{KEY_B}\n{KEY_A}\n")
    monkeypatch.delenv("DESIRES_KEYS", raising=False)
    monkeypatch.setenv("DESIRES_KEYS_FILE", str(path))
    crypto.reset()
    token = Fernet(KEY_A.encode()).encrypt(b"d1:1:2:3:c").decode()
    assert crypto.unseal(token, space_id=1, user_id=2, item_id=3) == "curious"
    monkeypatch.setenv("DESIRES_KEYS", KEY_A)
    crypto.reset()
    with pytest.raises(ImproperlyConfigured, match="not both"):
        crypto.keys()


def test_a_malformed_key_is_refused_without_echoing_it(monkeypatch: pytest.MonkeyPatch):
    use_keys(monkeypatch, KEY_A, "not-a-real-key-at-all")
    with pytest.raises(ImproperlyConfigured) as refused:
        crypto.keys()
    assert "key 2" in str(refused.value) and "not-a-real-key" not in str(refused.value)


def test_production_refuses_to_work_without_keys(settings, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("DESIRES_KEYS", raising=False)
    monkeypatch.delenv("DESIRES_KEYS_FILE", raising=False)
    settings.PRODUCTION = True
    crypto.reset()
    with pytest.raises(ImproperlyConfigured, match="DESIRES_KEYS"):
        crypto.keys()


def test_outside_production_a_key_is_generated_once_into_var(
    settings, tmp_path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("DESIRES_KEYS", raising=False)
    monkeypatch.delenv("DESIRES_KEYS_FILE", raising=False)
    settings.VAR_DIR = tmp_path
    crypto.reset()
    token = crypto.seal("no", space_id=1, user_id=2, item_id=3)
    path = tmp_path / "desires_keys"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = path.read_text()
    crypto.reset()
    assert crypto.unseal(token, space_id=1, user_id=2, item_id=3) == "no"
    assert path.read_text() == first


@pytest.mark.django_db
def test_production_without_keys_shows_a_clear_page_not_a_crash(
    answered: Personas, settings, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("DESIRES_KEYS", raising=False)
    settings.PRODUCTION = True
    crypto.reset()
    page = answered.client("bob").get(reverse("desires:matches", args=[answered.space.public_id]))
    assert page.status_code == 503
    assert "DESIRES_KEYS" not in page.content.decode()
