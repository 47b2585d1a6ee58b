"""Docs stay honest: every environment variable the settings read is documented."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def settings_variables() -> set[str]:
    """Variables read through closeknit.env anywhere (settings.py, desires/crypto.py, ...)."""
    source = "".join(p.read_text() for p in (ROOT / "closeknit").rglob("*.py"))
    return set(re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', source))


def test_settings_read_environment_variables():
    assert {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"} <= settings_variables()


def test_every_setting_is_documented_in_deploy_md():
    deploy = (ROOT / "docs" / "deploy.md").read_text()
    missing = sorted(v for v in settings_variables() if f"`{v}`" not in deploy)
    assert not missing, f"docs/deploy.md does not document: {missing}"


def test_every_check_id_is_documented():
    checks = "".join(p.read_text() for p in (ROOT / "closeknit").rglob("*.py"))
    deploy = (ROOT / "docs" / "deploy.md").read_text()
    ids = set(re.findall(r'id="(closeknit\.(?:[a-z]+\.)?[EW]\d{3})"', checks))
    assert ids
    assert not [i for i in ids if i not in deploy]


def test_readme_quickstart_is_exactly_two_commands():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("## Quickstart", 1)[1].split("```", 2)[1]
    commands = [line for line in block.splitlines()[1:] if line.strip()]
    assert commands == ["make run", "make test"]
