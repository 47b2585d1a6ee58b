"""Re-encrypt every desire answer (and each couple's own items) with the newest key.

Rotation: put a new key first (``DESIRES_KEYS=new,old``), restart, run this, then drop the
old key. Each batch is re-read under a row lock, so an answer saved meanwhile is never
overwritten with an older value.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from closeknit.desires import crypto
from closeknit.desires.models import Answer, Item

BATCH = 500


def rotate_all(batch: int = BATCH) -> int:
    """Re-encrypt all answers and a couple's own items with the newest key; returns the count."""
    crypto.reset()  # read the keys as they are now, not as this process first saw them
    crypto.keys()  # fail before touching any row if the keys are missing or malformed
    return _rotate_answers(batch) + _rotate_items(batch)


def _rotate_items(batch: int) -> int:
    done = 0
    last_pk = 0
    while True:
        with transaction.atomic():
            rows = list(
                Item.objects.select_for_update()
                .filter(pk__gt=last_pk, space__isnull=False)
                .order_by("pk")
                .only("pk", "space_id", "sealed_text")[:batch]
            )
            if not rows:
                return done
            for row in rows:
                assert row.space_id is not None
                crypto.unseal_text(row.sealed_text, space_id=row.space_id)
                row.sealed_text = crypto.rotate(row.sealed_text)
            Item.objects.bulk_update(rows, ["sealed_text"])
        done += len(rows)
        last_pk = rows[-1].pk


def _rotate_answers(batch: int) -> int:
    done = 0
    last_pk = 0
    while True:
        with transaction.atomic():
            rows = list(
                Answer.objects.select_for_update()
                .filter(pk__gt=last_pk)
                .order_by("pk")
                .only("pk", "space_id", "user_id", "item_id", "token")[:batch]
            )
            if not rows:
                return done
            for row in rows:
                # Check the row's binding first: a token moved onto another row stays unreadable.
                crypto.unseal(
                    row.token, space_id=row.space_id, user_id=row.user_id, item_id=row.item_id
                )
                row.token = crypto.rotate(row.token)
            Answer.objects.bulk_update(rows, ["token"])
        done += len(rows)
        last_pk = rows[-1].pk


class Command(BaseCommand):
    help = "Re-encrypt every desire answer and couple's own item with the newest key."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--batch", type=int, default=BATCH, help="Rows per transaction (default 500)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch"] < 1:
            raise CommandError("--batch must be at least 1.")
        try:
            count = rotate_all(options["batch"])
        except crypto.UnreadableAnswer as error:
            raise CommandError(
                f"Stopped: {error}. Keep every key that was in use in DESIRES_KEYS "
                "(newest first) until rotation has finished."
            ) from None
        self.stdout.write(f"Re-encrypted {count} desire answers and items with the newest key.")
