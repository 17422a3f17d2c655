"""What a group shows its members, read from the counters (never from the asks table
for counts): the board, the feed, the weekly digest and the end-of-period summary.
Only members who chose to show their counts are counted or ranked anywhere."""

import csv
import io

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Q, Sum

from nomentum.groups.models import Cheer, Event, Group, GroupWeek, Membership
from nomentum.groups.schemas import BoardOut, BoardRow

BOARD_MINIMUM = 3  # fewer opted-in members than this: no board (it would single people out)
BOARD_PAGE = 50
BOARD_REASON = f"The board appears once {BOARD_MINIMUM} members show their counts."
COUNTS_REASON = f"The group's numbers appear once {BOARD_MINIMUM} members show their counts."
ORDERS = {"nos": ("-nos", "joined_at", "id"), "progress": ("-progress", "joined_at", "id")}


def on_board(group: Group):
    return Membership.objects.filter(group=group, on_board=True, left_at=None)


def board(group: Group, viewer: Membership, by: str = "nos", page: int = 1) -> Page | None:
    """A page of the board, or None while fewer than three members show their counts."""
    members = on_board(group)
    count = members.count()
    if count < BOARD_MINIMUM:
        return None
    ordered = members.select_related("user").order_by(*ORDERS.get(by, ORDERS["nos"]))
    paginator = Paginator(ordered, BOARD_PAGE)
    paginator.__dict__["count"] = count  # known already: spare the paginator its own count
    found = paginator.get_page(page)
    start = found.start_index()
    found.object_list = [
        BoardRow(
            rank=start + i,
            name=m.user.shown_name,
            nos=m.nos,
            attempts=m.attempts,
            yeses=m.yeses,
            progress=m.progress // 10,
            you=m.pk == viewer.pk,
        )
        for i, m in enumerate(found.object_list)
    ]
    return found


def board_out(group: Group, viewer: Membership, by: str = "nos", page: int = 1):
    """The board as the API and ``group board --json`` give it (``BoardOut``)."""
    found = board(group, viewer, by, page)
    rows = list(found.object_list) if found else []
    return BoardOut(
        group=group.name,
        code=str(group.code),
        members=Membership.objects.filter(group=group, left_at=None).count(),
        by=by,
        shown=found is not None,
        reason="" if found else BOARD_REASON,
        count=found.paginator.count if found else 0,
        page=found.number if found else 1,
        pages=found.paginator.num_pages if found else 0,
        board=rows if found else None,
        rows=rows,
    )


def feed(group: Group, viewer: Membership, limit: int = 50) -> list[dict]:
    """Newest first: milestones of members who show their counts, shared asks, joins.
    A shared ask shows its request and, unless its owner chose otherwise, only the
    initials of whom they asked; never lessons, notes or anything else."""
    return _feed(group, viewer, Q(), limit)


def counts_shown(group: Group) -> bool:
    """Whether the group sees anyone's numbers at all: the board, totals, milestones and
    summaries appear together once three members show their counts, never before (with
    one or two, a total or a milestone would single people out)."""
    return on_board(group).count() >= BOARD_MINIMUM


def _feed(group: Group, viewer: Membership, only: Q, limit: int) -> list[dict]:
    visible = Q(kind=Event.Kind.SHARED) | Q(kind=Event.Kind.JOINED)
    if counts_shown(group):
        visible |= Q(kind=Event.Kind.MILESTONE, membership__on_board=True)
    events = list(
        Event.objects.filter(group=group, membership__left_at=None)
        .filter(visible)
        .filter(only)
        .select_related("membership__user", "shared__ask__person", "shared__ask__company")
        .order_by("-created_at", "-id")[:limit]
    )
    # Cheers of just these items (counting them for the whole feed would read them all).
    counts = dict(
        Cheer.objects.filter(event__in=events)
        .values("event")
        .annotate(n=Count("id"))
        .values_list("event", "n")
    )
    mine = set(
        Cheer.objects.filter(event__in=events, membership=viewer).values_list("event", flat=True)
    )
    return [_item(e, viewer, counts.get(e.pk, 0), e.pk in mine) for e in events]


def _item(event: Event, viewer: Membership, cheers: int, cheered: bool) -> dict:
    member = event.membership
    item = {
        "id": event.pk,
        "kind": event.kind,
        "who": member.user.shown_name,
        "when": event.created_at,
        "cheers": cheers,
        "cheered": cheered,
        "mine": member.pk == viewer.pk,
    }
    if event.kind == Event.Kind.MILESTONE:
        item["text"] = "their first no!" if event.value == 1 else f"{event.value} no's"
        item["value"] = event.value
    elif event.kind == Event.Kind.SHARED and event.shared is not None:
        ask = event.shared.ask
        item["text"] = ask.request
        item["to"] = ask.to if member.show_names else initials(ask)
        item["outcome"] = ask.get_outcome_display()
        item["date"] = ask.date
    else:
        item["text"] = "joined"
    return item


def initials(ask) -> str:
    names = [n.name for n in (ask.person, ask.company) if n is not None]
    return ", ".join("".join(w[0].upper() + "." for w in n.split() if w) for n in names)


def week_totals(group: Group) -> list[dict]:
    """Per week, the sums of the members who show their counts."""
    sums = (
        GroupWeek.objects.filter(
            membership__group=group, membership__on_board=True, membership__left_at=None
        )
        .values("week")
        .annotate(attempts=Sum("attempts"), nos=Sum("nos"), yeses=Sum("yeses"))
        .order_by("week")
    )
    by_week = {row["week"]: row for row in sums}
    rows = []
    for week in range(1, group.weeks + 1):
        first, last = group.week_span(week)
        row = by_week.get(week, {})
        rows.append(
            {
                "week": week,
                "first": first,
                "last": last,
                "attempts": row.get("attempts") or 0,
                "nos": row.get("nos") or 0,
                "yeses": row.get("yeses") or 0,
            }
        )
    return rows


def digest(group: Group, viewer: Membership, week: int) -> dict:
    """One week of the group: its totals and top three (once counts are shown), and the
    milestones reached and asks shared that week."""
    first, last = group.week_span(week)
    shown = counts_shown(group)
    totals = next(r for r in week_totals(group) if r["week"] == week) if shown else None
    top = (
        GroupWeek.objects.filter(
            week=week,
            membership__group=group,
            membership__on_board=True,
            membership__left_at=None,
        )
        .select_related("membership__user")
        .order_by("-nos", "membership__joined_at")
    )
    milestones = Q(
        kind=Event.Kind.MILESTONE,
        created_at__date__gte=first,
        created_at__date__lte=last,
    )
    shared = Q(kind=Event.Kind.SHARED, shared__ask__date__gte=first, shared__ask__date__lte=last)
    items = _feed(group, viewer, milestones | shared, limit=200)
    return {
        "week": week,
        "first": first,
        "last": last,
        "shown": shown,
        "reason": "" if shown else COUNTS_REASON,
        "totals": totals,
        "top": [
            {"name": w.membership.user.shown_name, "nos": w.nos, "attempts": w.attempts}
            for w in top[:3]
        ]
        if shown
        else [],
        "items": items,
    }


def summary(group: Group) -> dict:
    """The whole period in numbers, once three members show their counts."""
    base = {
        "members": Membership.objects.filter(group=group, left_at=None).count(),
        "counted": on_board(group).count(),
    }
    if base["counted"] < BOARD_MINIMUM:
        return base | {
            "shown": False,
            "reason": COUNTS_REASON,
            "attempts": None,
            "nos": None,
            "yeses": None,
            "weeks": [],
            "milestones": [],
        }
    members = on_board(group)
    totals = members.aggregate(attempts=Sum("attempts"), nos=Sum("nos"), yeses=Sum("yeses"))
    biggest = (
        Event.objects.filter(
            group=group,
            kind=Event.Kind.MILESTONE,
            membership__on_board=True,
            membership__left_at=None,
        )
        .values("membership__user__display_name", "membership__user__username")
        .annotate(best=Max("value"))
        .order_by("-best")[:5]
    )
    return base | {
        "shown": True,
        "reason": "",
        "attempts": totals["attempts"] or 0,
        "nos": totals["nos"] or 0,
        "yeses": totals["yeses"] or 0,
        "weeks": week_totals(group),
        "milestones": [
            {
                "name": b["membership__user__display_name"] or b["membership__user__username"],
                "value": b["best"],
            }
            for b in biggest
        ],
    }


def summary_csv(group: Group) -> bytes:
    data = summary(group)
    out = io.StringIO()
    writer = csv.writer(out)
    if not data["shown"]:
        writer.writerow([data["reason"]])
        return out.getvalue().encode("utf-8-sig")
    writer.writerow(["Week", "From", "To", "Asks", "No's", "Yeses"])
    for row in data["weeks"]:
        writer.writerow(
            [row["week"], row["first"], row["last"], row["attempts"], row["nos"], row["yeses"]]
        )
    writer.writerow(["Total", group.start, group.end, data["attempts"], data["nos"], data["yeses"]])
    writer.writerow([])
    writer.writerow(["Member", "Asks", "No's", "Yeses", "Progress %"])
    for m in on_board(group).select_related("user").order_by(*ORDERS["nos"]):
        writer.writerow([_safe(m.user.shown_name), m.attempts, m.nos, m.yeses, m.progress // 10])
    return out.getvalue().encode("utf-8-sig")


def _safe(text: str) -> str:
    from nomentum.portability.cells import neutralise

    return str(neutralise(text))
