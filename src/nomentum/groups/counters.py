"""The group counters, kept in step with each member's log.

The ask use cases (``asks.services``) call ``asks_changed`` after every change, inside
their transaction, with the days the change touched (an ask's old and new date); a
batch such as an import calls it once at the end. Those weeks are counted again for
each running group of the owner — one small indexed query per week. The board and the
digests read these counters only. The member's membership rows are locked first, so two
writers of the same member count one after the other and neither overwrites the other.
"""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Count, Q, Sum

from nomentum.asks.models import Ask, Outcome
from nomentum.groups.models import MILESTONES, Event, GroupWeek, Membership, SharedAsk


def running_memberships(user_id: int):
    return Membership.objects.filter(
        user_id=user_id, left_at=None, group__closed_at=None
    ).select_related("group")


def asks_changed(user_id: int, days: Iterable[date], asks: Iterable[Ask] = ()) -> None:
    """A member's asks changed on these days: count those weeks again in every running
    group, and share the ``asks`` where the member shares everything. One query for
    someone in no group."""
    if not running_memberships(user_id).exists():
        return
    recount(user_id, days)
    for ask in asks:
        share_if_sharing_all(ask)


def recount(user_id: int, days: Iterable[date | None]) -> None:
    """Count again the weeks these days fall in, for each running group of the user."""
    days = {d for d in days if d is not None}
    if not days:
        return
    with transaction.atomic():
        locked = list(running_memberships(user_id).select_for_update(of=("self",)).order_by("id"))
        for membership in locked:
            weeks = {membership.group.week_of(d) for d in days} - {None}
            if weeks:
                _count_weeks(membership, weeks)
                refresh_totals(membership)


def recount_all(membership: Membership) -> None:
    """Count every week of the period again (on joining, or after a manual check-in is
    taken back)."""
    with transaction.atomic():
        _count_weeks(membership, set(range(1, membership.group.weeks + 1)))
        refresh_totals(membership)


def _count_weeks(membership: Membership, weeks: set[int]) -> None:
    group = membership.group
    manual = set(
        GroupWeek.objects.filter(membership=membership, week__in=weeks, manual=True).values_list(
            "week", flat=True
        )
    )
    for week in sorted(weeks - manual):
        first, last = group.week_span(week)
        counts = Ask.objects.filter(
            owner_id=membership.user_id, self_rejection=False, date__gte=first, date__lte=last
        ).aggregate(
            attempts=Count("id"),
            nos=Count("id", filter=Q(outcome=Outcome.NO)),
            yeses=Count("id", filter=Q(outcome=Outcome.YES)),
        )
        GroupWeek.objects.update_or_create(membership=membership, week=week, defaults=counts)


def refresh_totals(membership: Membership) -> None:
    """The period totals from the weeks, the progress to the personal goal, and any
    milestone just reached."""
    sums = GroupWeek.objects.filter(membership=membership).aggregate(
        attempts=Sum("attempts"), nos=Sum("nos"), yeses=Sum("yeses")
    )
    membership.attempts = sums["attempts"] or 0
    membership.nos = sums["nos"] or 0
    membership.yeses = sums["yeses"] or 0
    membership.progress = min(1000, membership.nos * 1000 // max(1, membership.target))
    membership.save(update_fields=["attempts", "nos", "yeses", "progress"])
    reached = [m for m in MILESTONES if m <= membership.nos]
    if reached:
        known = set(
            Event.objects.filter(membership=membership, kind=Event.Kind.MILESTONE).values_list(
                "value", flat=True
            )
        )
        Event.objects.bulk_create(
            [
                Event(
                    group=membership.group,
                    membership=membership,
                    kind=Event.Kind.MILESTONE,
                    value=m,
                )
                for m in reached
                if m not in known
            ],
            ignore_conflicts=True,
        )


def share_if_sharing_all(ask: Ask) -> None:
    """A member who shares every ask of the period shares this one too."""
    if ask.self_rejection:
        return
    for membership in running_memberships(ask.owner_id).filter(share_all=True):
        if membership.group.week_of(ask.date) is not None:
            share(membership, ask)


def share(membership: Membership, ask: Ask) -> SharedAsk:
    shared, created = SharedAsk.objects.get_or_create(membership=membership, ask=ask)
    if created:
        Event.objects.create(
            group=membership.group, membership=membership, kind=Event.Kind.SHARED, shared=shared
        )
    return shared
