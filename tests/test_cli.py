from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from closeknit import cli

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "closeknit.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_help_lists_every_command(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in cli.COMMANDS:
        assert command in out


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout


def test_manage_commands_pass_through():
    result = run("showmigrations", "--help")
    assert result.returncode == 0
    assert "showmigrations" in result.stdout


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for command in cli.COMMANDS:
        assert f"closeknit {command}" in readme, f"README.md does not mention `closeknit {command}`"


@pytest.mark.django_db
def test_demo_creates_a_paired_space_and_prints_both_logins():
    from django.core.management import call_command

    from closeknit.accounts.models import User
    from closeknit.couples import access

    call_command("demo")
    call_command("demo")  # idempotent
    robin = User.objects.get(email="robin@demo.closeknit.test")
    sam = User.objects.get(email="sam@demo.closeknit.test")
    spaces = access.spaces_of(robin)
    assert len(spaces) == 1
    assert access.partner_of(spaces[0], robin) == sam
