from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from closeknit.content.registry import CatalogError, catalogs


class Command(BaseCommand):
    help = "Load every content catalog into the database, or print their statistics."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="Create or update every catalog's items by their stable keys.")
        stats = sub.add_parser("stats", help="Count each catalog's items per level and category.")
        stats.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            self._load()
        else:
            self._stats(as_json=options["json"])

    def _load(self) -> None:
        for catalog in catalogs():
            try:
                document = catalog.read()
                with transaction.atomic():
                    result = catalog.load(document)
            except CatalogError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(
                f"{catalog.name}: {result.total} items "
                f"({result.created} new, {result.updated} updated, {result.retired} retired)"
            )

    def _stats(self, *, as_json: bool) -> None:
        report: dict[str, Any] = {}
        for catalog in catalogs():
            try:
                report[catalog.name] = catalog.stats(catalog.read())
            except CatalogError as error:
                raise CommandError(str(error)) from None
        if as_json:
            self.stdout.write(json.dumps(report, indent=2, sort_keys=True))
            return
        for name, stats in report.items():
            self.stdout.write(f"{name}: {stats['items']} items")
            for group, counts in stats.items():
                if isinstance(counts, dict):
                    pairs = ", ".join(f"{k}: {v}" for k, v in counts.items())
                    self.stdout.write(f"  {group}: {pairs}")
