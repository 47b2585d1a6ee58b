"""Headers and templates keep a strict CSP and private pages out of caches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from closeknit.testing.personas import Personas

ROOT = Path(__file__).resolve().parents[1]


def templates() -> list[Path]:
    return sorted((ROOT / "closeknit").rglob("templates/**/*.html"))


def test_templates_have_no_inline_scripts_styles_or_handlers():
    offenders = []
    for path in templates():
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{path}: inline <script>")
        if re.search(r"<style\b|\sstyle=", text):
            offenders.append(f"{path}: inline style")
        if re.search(r"\son[a-z]+=", text):
            offenders.append(f"{path}: inline event handler")
    assert not offenders


def test_templates_mark_their_words_for_translation():
    # Visible text sits inside {% translate %}/{% blocktranslate %}; a crude but useful check:
    # no template has a heading or button with bare words.
    bare = re.compile(r"<(h1|h2|button|label|legend)[^>]*>\s*[A-Za-z][^<{]*<")
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in templates()
        for match in bare.finditer(path.read_text())
    ]
    assert not offenders


@pytest.mark.django_db
def test_pages_send_a_strict_csp_and_security_headers(people: Personas):
    response = people.client("alice").get(reverse("tonight:home", args=[people.space.public_id]))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_every_signed_in_page_has_a_quick_exit(people: Personas):
    client = people.client("alice")
    for url in (
        reverse("tonight:home", args=[people.space.public_id]),
        reverse("couples:list"),
        reverse("accounts:profile"),
    ):
        assert b"data-quick-exit" in client.get(url).content, url


@pytest.mark.django_db
def test_no_page_loads_anything_from_another_site(people: Personas):
    page = people.client("alice").get(reverse("tonight:home", args=[people.space.public_id]))
    sources = re.findall(rb'(?:src|href)="(https?:)?//', page.content)
    # The quick-exit link is the one place that points away, by design.
    assert len(sources) <= 1
