"""Settings come from the environment only, and unsafe values fail fast."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from closeknit.env import Env

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("TRUE", True), ("off", False), ("", False)]
)
def test_booleans_parse_strictly(raw, expected):
    assert Env({"DEBUG": raw}).bool("DEBUG") is expected


@pytest.mark.parametrize("raw", ["maybe", "2", "yes please"])
def test_a_bad_boolean_names_the_variable(raw):
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        Env({"DEBUG": raw}).bool("DEBUG")


def test_numbers_and_minimums():
    assert Env({"N": " 12 "}).int("N", 3) == 12
    assert Env({}).int("N", 3) == 3
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        Env({"N": "twelve"}).int("N", 3)
    with pytest.raises(ImproperlyConfigured, match="minimum"):
        Env({"N": "0"}).int("N", 3, minimum=1)


def test_secret_from_file(tmp_path):
    secret = tmp_path / "key"
    secret.write_text("  s3cret-value \n")
    assert Env({"SECRET_KEY_FILE": str(secret)}).secret("SECRET_KEY") == "s3cret-value"
    with pytest.raises(ImproperlyConfigured, match="not both"):
        Env({"SECRET_KEY": "a", "SECRET_KEY_FILE": str(secret)}).secret("SECRET_KEY")
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        Env({"SECRET_KEY_FILE": str(tmp_path / "missing")}).secret("SECRET_KEY")


def test_choice_lists_what_is_allowed():
    with pytest.raises(ImproperlyConfigured, match="development, production"):
        Env({"CLOSEKNIT_ENV": "staging"}).choice(
            "CLOSEKNIT_ENV", ("development", "production"), "development"
        )


def _run_check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CLOSEKNIT_", "DJANGO_"))}
    for name in (
        "SECRET_KEY",
        "DEBUG",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "EMAIL_HOST",
        "DESIRES_KEYS",
        "DESIRES_KEYS_FILE",
    ):
        clean.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "closeknit.cli", "check", *args],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "CLOSEKNIT_ENV": "production",
    "SECRET_KEY": "k2Jx9vQ7pL4mZ8nR3tY6wB1cF5hD0gS2aE7uI9oP4lK6jH3zW8q",
    "ALLOWED_HOSTS": "closeknit.example",
    "SITE_URL": "https://closeknit.example",
    "DATABASE_URL": "postgres://closeknit@127.0.0.1:5432/closeknit",
    "EMAIL_HOST": "smtp.example",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DESIRES_KEYS": "x6GEKmmR5Q3e6Jd3IVE3C8jE9R4nT1e4mH0b3v5N6xY=",
}


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**PRODUCTION, "CLOSEKNIT_VAR_DIR": str(tmp_path)}
    del env["SECRET_KEY"]
    result = _run_check(env)
    assert result.returncode != 0
    assert "SECRET_KEY (or SECRET_KEY_FILE) must be set" in result.stderr


def test_production_refuses_a_weak_secret_key(tmp_path):
    result = _run_check(
        {**PRODUCTION, "SECRET_KEY": "django-insecure-short", "CLOSEKNIT_VAR_DIR": str(tmp_path)}
    )
    assert result.returncode != 0
    assert "too weak" in result.stderr


def test_production_settings_pass_the_deploy_checks(tmp_path):
    result = _run_check(
        {**PRODUCTION, "CLOSEKNIT_VAR_DIR": str(tmp_path)}, "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_our_own_checks_speak_up_with_stable_ids(tmp_path):
    env = {**PRODUCTION, "CLOSEKNIT_VAR_DIR": str(tmp_path), "DEBUG": "1", "SITE_URL": "http://x"}
    del env["DATABASE_URL"], env["EMAIL_HOST"], env["REDIS_URL"]
    result = _run_check(env, "--deploy")
    output = result.stderr + result.stdout
    for check_id in (
        "closeknit.E001",
        "closeknit.E003",
        "closeknit.W001",
        "closeknit.W002",
        "closeknit.W003",
    ):
        assert check_id in output
    assert result.returncode != 0


def test_development_generates_a_secret_key_once(tmp_path):
    env = {"CLOSEKNIT_VAR_DIR": str(tmp_path), "CLOSEKNIT_ENV": "development"}
    assert _run_check(env).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    assert _run_check(env).returncode == 0
    assert (tmp_path / "secret_key").read_text() == key
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
