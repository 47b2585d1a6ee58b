"""The ``closeknit`` command: a friendly front for manage.py.

``closeknit serve`` prepares the database and content, then runs gunicorn; ``closeknit demo``
creates a demo space; any other command goes to Django's manage.py unchanged.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

COMMANDS = {
    "serve": "Migrate, load content, collect static files and serve with gunicorn.",
    "demo": (
        "Create (or refresh) a demo space with two partners and 60 days of history, "
        "and print both logins."
    ),
    "check": "Run Django's system checks, closeknit's own included (add --deploy for production).",
    "content": "Load content catalogs (`content load`) or count them (`content stats --json`).",
}


def _django(argv: Sequence[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "closeknit.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["closeknit", *argv])


def _serve(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="closeknit serve", description=COMMANDS["serve"])
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
    parser.add_argument("--demo", action="store_true", help="Also create the demo space.")
    parser.add_argument(
        "--no-setup", action="store_true", help="Skip migrate, content load and collectstatic."
    )
    args = parser.parse_args(argv)
    if not args.no_setup:
        _django(["migrate", "--noinput", "-v", "0"])
        _django(["content", "load"])
        _django(["collectstatic", "--noinput", "-v", "0"])
    if args.demo:
        _django(["demo"])
    url = f"http://{args.host}:{args.port}/"
    print(f"\n  closeknit is running at {url}\n  Press Ctrl+C to stop.\n", flush=True)
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "closeknit.wsgi:application",
        "--bind",
        f"{args.host}:{args.port}",
        "--workers",
        str(args.workers),
        "--threads",
        "4",
        "--worker-class",
        "gthread",
        "--access-logfile",
        "-",
        "--graceful-timeout",
        "10",
    ]
    os.execv(sys.executable, gunicorn)  # replaces this process, so Ctrl+C reaches gunicorn


def _help() -> None:
    print("usage: closeknit COMMAND [options]\n\ncommands:")
    for name, text in COMMANDS.items():
        print(f"  {name:<9} {text}")
    print("  ...       Any other manage.py command (migrate, createsuperuser, shell, ...).")
    print("\nRun `closeknit COMMAND --help` for a command's options.")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        _help()
        return 0
    command, rest = args[0], args[1:]
    if command == "serve":
        return _serve(rest)
    _django([command, *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
