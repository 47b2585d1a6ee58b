"""A person's own desire answers and own items, decrypted for their data export only."""

from __future__ import annotations

from typing import Any

from closeknit.accounts.models import User
from closeknit.couples.models import Space
from closeknit.desires import services
from closeknit.desires.models import Item


def export(space: Space, user: User) -> dict[str, Any]:
    answers = services._my_answers(space, user)  # this person's own answers, never the partner's
    items = {
        item.pk: item for item in services.open_texts(Item.objects.filter(pk__in=list(answers)))
    }
    own = services.open_texts(Item.objects.filter(space=space, proposed_by=user))
    return {
        "answers": [
            {"item": items[item_id].text, "tier": items[item_id].tier, "answer": value}
            for item_id, value in sorted(answers.items(), key=lambda kv: (items[kv[0]].tier, kv[0]))
            if item_id in items
        ],
        "items_you_added": [item.text for item in own],
    }
