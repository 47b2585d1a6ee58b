from __future__ import annotations

import datetime as dt
import random
import secrets
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from closeknit.accounts.models import User
from closeknit.core.timeutil import local_today, zone
from closeknit.couples import services
from closeknit.couples.models import Membership, Space

DEMO_PEOPLE = (
    ("robin@demo.closeknit.test", "Robin", "they/them"),
    ("sam@demo.closeknit.test", "Sam", ""),
)
DEMO_SPACE_NAME = "Robin & Sam"
HISTORY_DAYS = 60
# Short, ordinary answers for the demo's past Share prompts (written for the demo).
DEMO_ANSWERS = (
    "Honestly, the walk home tonight: no phones, just us and the cold air.",
    "I felt a bit left out at dinner with your friends, and I didn't say so.",
    "Something small: you made my tea without asking. It felt like being seen.",
    "Work has been heavier than I've let on. I'd like to talk about it this weekend.",
    "I keep thinking about that trip to the coast. I want more days like that.",
    "I was proud of how we handled the argument on Sunday.",
    "I'm nervous about my sister's visit and I could use your help with it.",
    "The way you laughed at the film tonight: I'd forgotten how much I love that.",
)


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
        self._history(space, people)
        self.stdout.write(
            self.style.SUCCESS(f"Demo space “{space.name}” is ready. Log in as either partner:")
        )
        for person in people:
            self.stdout.write(f"  {person.email}  password: {password}")

    def _history(self, space: Space, people: list[User]) -> None:
        """Sixty days of check-ins for both and a little Share history, through the services.

        Deterministic, so running the command again leaves the same history in place.
        """
        from closeknit.progress import seed
        from closeknit.progress import services as progress

        for index, person in enumerate(people):
            seed.seed_history(
                space,
                person,
                days=HISTORY_DAYS,
                seed=index + 1,
                start_level=3.4 + 0.4 * index,
                rise=1.7,
                noise=0.8,
                missing=0.12,
            )
            progress.set_sharing(space, person, True)
        self._share_history(space, people)

    def _share_history(self, space: Space, people: list[User]) -> None:
        from closeknit.share import services as share

        today = local_today(space.time_zone)
        rng = random.Random(f"demo-share:{space.public_id}")
        for offset in range(HISTORY_DAYS - 1, 0, -1):
            day = today - dt.timedelta(days=offset)
            if rng.random() > 0.7:
                continue
            evening = dt.datetime.combine(day, dt.time(20), tzinfo=zone(space.time_zone))
            try:
                daily = share.today_for(space, now=evening)
            except share.ShareError:
                self.stdout.write("  (No Share prompts loaded: run `closeknit content load`.)")
                return
            for person in people:
                text = DEMO_ANSWERS[(offset + len(person.email)) % len(DEMO_ANSWERS)]
                share.submit_answer(daily, person, text=text)

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
