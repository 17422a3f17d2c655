"""Reminders for due follow-ups. Channels are a list; email is the one there is today,
and another (a push service, a chat bot) plugs in as one more class with ``send``."""

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.asks.models import FollowUp


class EmailChannel:
    name = "email"

    def can_reach(self, user: User) -> bool:
        return bool(user.email)

    def send(self, user: User, followups: list[FollowUp]) -> None:
        lines = [f"- {f.text} (due {f.due:%-d %b})" for f in followups]
        body = (
            f"Hi {user.shown_name},\n\n"
            f"{len(followups)} follow-up{'s are' if len(followups) != 1 else ' is'} due:\n\n"
            + "\n".join(lines)
            + "\n\nA short, kind follow-up is part of the practice. Mark them done in "
            "Nomentum when you have sent them.\n"
        )
        send_mail("Nomentum: follow-ups due", body, settings.DEFAULT_FROM_EMAIL, [user.email])


CHANNELS = [EmailChannel()]


def send_due_reminders(today: date | None = None) -> int:
    """One message per user with open follow-ups due and not yet reminded. Returns the
    number of messages sent."""
    today = today or timezone.localdate()
    due = (
        FollowUp.objects.filter(status=FollowUp.Status.OPEN, due__lte=today, reminded_on=None)
        .select_related("owner")
        .order_by("owner_id", "due", "id")
    )
    by_user: dict[int, list[FollowUp]] = defaultdict(list)
    for followup in due:
        by_user[followup.owner_id].append(followup)
    sent = 0
    for followups in by_user.values():
        user = followups[0].owner
        channels = [c for c in CHANNELS if c.can_reach(user)]
        if not channels:
            continue
        for channel in channels:
            channel.send(user, followups)
        with transaction.atomic():
            FollowUp.objects.filter(pk__in=[f.pk for f in followups]).update(reminded_on=today)
        sent += 1
    return sent
