from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from closeknit.accounts.models import User
from closeknit.couples import services
from closeknit.couples.models import Membership, Space

DEMO_PEOPLE = (
    ("robin@demo.closeknit.test", "Robin", "they/them"),
    ("sam@demo.closeknit.test", "Sam", ""),
)
DEMO_SPACE_NAME = "Robin & Sam"


class Command(BaseCommand):
    help = "Create (or refresh) a demo space with two partners and print both logins."

    def handle(self, *args: Any, **options: Any) -> None:
        password = f"demo-{secrets.token_urlsafe(6)}"
        with transaction.atomic():
            people = [
                self._person(email, name, pronouns, password)
                for email, name, pronouns in DEMO_PEOPLE
            ]
            space = self._space(people)
        self.stdout.write(
            self.style.SUCCESS(f"Demo space “{space.name}” is ready. Log in as either partner:")
        )
        for person in people:
            self.stdout.write(f"  {person.email}  password: {password}")

    def _person(self, email: str, name: str, pronouns: str, password: str) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, password, display_name=name, pronouns=pronouns)
        user.set_password(password)
        user.onboarded_at = user.onboarded_at or timezone.now()
        user.save()
        return user

    def _space(self, people: list[User]) -> Space:
        first, second = people
        membership = (
            Membership.objects.filter(user=first, left_at__isnull=True, space__name=DEMO_SPACE_NAME)
            .select_related("space")
            .first()
        )
        if membership is not None:
            return membership.space
        space = services.create_space(first, name=DEMO_SPACE_NAME)
        issued = services.create_invite(space, first)
        services.redeem_invite(issued.invite, second)
        return space
