from __future__ import annotations

from django.db import transaction

from closeknit.accounts.models import User


@transaction.atomic
def delete_person(user: User) -> None:
    """Delete a person and everything they wrote.

    Their memberships go with them, so each partner is left alone in the space and sees
    nothing of theirs (the same as leaving, see ``couples.services.leave_space``).
    """
    user.delete()
