"""``closeknit desires rotate``: the same as ``closeknit desires_rotate``."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Desires maintenance: `desires rotate` re-encrypts every answer with the newest key."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        rotate = sub.add_parser("rotate", help="Re-encrypt every answer with the newest key.")
        rotate.add_argument("--batch", type=int, default=500, help="Rows per transaction.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("desires_rotate", batch=options["batch"], stdout=self.stdout)
