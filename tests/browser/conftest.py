"""Browser journeys: Playwright driving Debian's Chromium against the live test server.

Screenshots land in artifacts/screenshots/ (phone 390×844 and laptop 1280×800, light and
dark), and every snapshot runs axe-core: no serious or critical violation may pass.
Without Chromium these tests skip locally; with CI=true they fail instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CLOSEKNIT_CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in the test
# body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield instance
        instance.close()


class Visitor:
    """One person with their own browser context (their own phone)."""

    def __init__(self, browser: Any, base_url: str, name: str) -> None:
        self.name = name
        self.base_url = base_url
        self.context = browser.new_context(
            base_url=base_url,
            viewport=VIEWPORTS["phone"],
            locale="en-GB",
            timezone_id="Europe/London",
        )
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _on_console(self, message: Any) -> None:
        # A 4xx answer to a form is expected (it carries the message to show), not a JS error.
        if message.type == "error" and "responded with a status of 4" not in message.text:
            self.console_errors.append(message.text)

    def goto(self, path: str) -> Any:
        return self.page.goto(path)

    def snap(self, name: str) -> None:
        """Screenshot the current page in every viewport and colour scheme, and scan it."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        page = self.page
        for viewport_name, size in VIEWPORTS.items():
            page.set_viewport_size(size)
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
                # Let a poll or swap in flight settle so the scan sees one stable page.
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(150)
                page.screenshot(
                    path=SHOTS / f"{name}-{viewport_name}-{scheme}.png",
                    full_page=True,
                    caret="initial",  # hiding the caret injects a style the CSP would block
                )
                assert_accessible(page, f"{name} ({viewport_name}, {scheme})")
        page.set_viewport_size(VIEWPORTS["phone"])
        page.emulate_media(color_scheme="light")
        blocked = [e for e in self.console_errors if "Content Security Policy" in e]
        assert not blocked, f"CSP blocked something on {name}: {blocked}"

    def close(self) -> None:
        self.context.close()


def assert_accessible(page: Any, where: str) -> None:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluate() is not subject to the page's CSP, so axe needs no inline script.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert not serious, f"axe found serious problems on {where}: {serious}"


@pytest.fixture
def visitors(browser: Any, live_server: Any) -> Iterator[Any]:
    opened: list[Visitor] = []

    def open_visitor(name: str) -> Visitor:
        visitor = Visitor(browser, live_server.url, name)
        opened.append(visitor)
        return visitor

    yield open_visitor
    for visitor in opened:
        visitor.close()
