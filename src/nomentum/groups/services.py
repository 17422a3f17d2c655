"""The use cases of groups, one function each, used by the web pages, the API and the
CLI. Bad requests raise ``GroupError`` (an ``Invalid``) with a message for the person."""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.asks.access import asks_for_user
from nomentum.asks.models import Ask
from nomentum.challenges import services as challenge_services
from nomentum.challenges.catalog import TEMPLATES
from nomentum.challenges.forms import ChallengeForm
from nomentum.errors import Invalid
from nomentum.groups import counters
from nomentum.groups.models import (
    DEFAULT_WEEKLY_GOAL,
    WEEKLY_GOAL_MAX,
    Cheer,
    Event,
    Group,
    GroupWeek,
    Membership,
    SharedAsk,
    new_invite_code,
)


class GroupError(Invalid):
    """A request the group's rules refuse; the message says why."""

    def __init__(self, message: str, field: str = "__all__"):
        super().__init__({field: [message]})


@transaction.atomic
def create_group(user: User, data: dict[str, Any]) -> Membership:
    """A new group with its creator as organiser (and first member)."""
    group = Group.objects.create(
        name=data["name"],
        description=data.get("description", ""),
        template=data.get("template") or "monthly-group",
        start=data["start"],
        end=data["end"],
        member_cap=data.get("member_cap"),
        invite_expires=data.get("invite_expires"),
    )
    for _ in range(5):  # an invite code already taken: draw again
        try:
            with transaction.atomic():
                group.invite_code = new_invite_code()
                group.save(update_fields=["invite_code"])
            break
        except IntegrityError:
            continue
    return _join(
        user,
        group,
        data.get("weekly_goal") or DEFAULT_WEEKLY_GOAL,
        data.get("on_board", False),
        organiser=True,
    )


def join_group(
    user: User, group: Group, weekly_goal: int, on_board: bool = False, today: date | None = None
) -> Membership:
    today = today or timezone.localdate()
    existing = Membership.objects.filter(group=group, user=user).first()
    if existing is not None and existing.active:
        raise GroupError("You are already in this group.")
    if group.closed:
        raise GroupError("This group is closed: it keeps its history but takes no new members.")
    if not group.invites_open:
        raise GroupError("This invite no longer works. Ask the organiser for a new one.")
    if group.invite_expires and today > group.invite_expires:
        raise GroupError("This invite has expired. Ask the organiser for a new one.")
    if group.member_cap and _member_count(group) >= group.member_cap:
        raise GroupError(f"This group is full ({group.member_cap} members).")
    return _join(user, group, weekly_goal, on_board)


def _member_count(group: Group) -> int:
    return Membership.objects.filter(group=group, left_at=None).count()


@transaction.atomic
def _join(
    user: User, group: Group, weekly_goal: int, on_board: bool, organiser: bool = False
) -> Membership:
    if not 1 <= weekly_goal <= WEEKLY_GOAL_MAX:
        raise GroupError(f"A weekly goal is a number from 1 to {WEEKLY_GOAL_MAX:,}.")
    challenge = _personal_challenge(user, group, weekly_goal)
    membership, _ = Membership.objects.update_or_create(
        group=group,
        user=user,
        defaults={
            "role": Membership.Role.ORGANISER if organiser else Membership.Role.MEMBER,
            "left_at": None,
            "joined_at": timezone.now(),
            "weekly_goal": weekly_goal,
            "target": challenge.target if challenge else weekly_goal * group.weeks,
            "challenge": challenge,
            "on_board": on_board,
            "share_all": False,
            "show_names": False,
        },
    )
    Event.objects.create(group=group, membership=membership, kind=Event.Kind.JOINED)
    counters.recount_all(membership)
    return membership


def _personal_challenge(user: User, group: Group, weekly_goal: int):
    """The member's own challenge for the group period, with their weekly goal."""
    template = group.template if group.template in TEMPLATES else "monthly-group"
    blueprint = TEMPLATES[template]
    data = ChallengeForm.initial_for(template, timezone.localdate()) | {
        "start": group.start,
        "end": group.end,
        "weekly_goal": weekly_goal,
        "counts": "no",
    }
    if not blueprint.weekly_goal:  # the form derives a monthly target from the weekly goal
        data["target"] = weekly_goal * group.weeks if template == "custom" else blueprint.target
    for suffix in ("", " (group)", " (group 2)", " (group 3)"):
        form = ChallengeForm(data | {"name": f"{group.name}{suffix}"[:80]}, owner=user)
        if form.is_valid():
            return challenge_services.start_challenge(user, form.cleaned_data)
        if "name" not in form.errors:
            raise GroupError(str(next(iter(form.errors.values()))[0]))
    return None  # four challenges by that name: the group still counts from the log


@transaction.atomic
def leave(membership: Membership) -> None:
    """Leave the group: your shared asks and lessons leave with you; the group keeps no
    new news of you."""
    if membership.is_organiser:
        others = Membership.objects.filter(group=membership.group, left_at=None).exclude(
            pk=membership.pk
        )
        if others.exists() and not others.filter(role=Membership.Role.ORGANISER).exists():
            raise GroupError(
                "You organise this group: make another member organiser, or close the group."
            )
    SharedAsk.objects.filter(membership=membership).delete()
    membership.shared_lessons.all().delete()  # so are the lessons shared from the journal
    membership.left_at = timezone.now()
    membership.on_board = membership.share_all = False
    membership.save(update_fields=["left_at", "on_board", "share_all"])


def remove_member(organiser: Membership, member: Membership) -> None:
    if member.pk == organiser.pk:
        raise GroupError("To leave your own group, use Leave.")
    _writable(organiser.group)
    leave(member)


def make_organiser(organiser: Membership, member: Membership) -> Membership:
    _writable(organiser.group)
    member.role = Membership.Role.ORGANISER
    member.save(update_fields=["role"])
    return member


def rotate_code(organiser: Membership) -> Group:
    """A new invite code; the old code and link stop working."""
    group = organiser.group
    _writable(group)
    group.invite_code = new_invite_code()
    group.invites_open = True
    group.save(update_fields=["invite_code", "invites_open"])
    return group


def set_invites(organiser: Membership, data: dict[str, Any]) -> Group:
    group = organiser.group
    _writable(group)
    group.invites_open = data["invites_open"]
    group.invite_expires = data.get("invite_expires")
    group.member_cap = data.get("member_cap")
    group.save(update_fields=["invites_open", "invite_expires", "member_cap"])
    return group


def close_group(organiser: Membership) -> Group:
    """The group becomes read-only history: no joins, check-ins, shares or cheers."""
    group = organiser.group
    if group.closed_at is None:
        group.closed_at = timezone.now()
        group.invites_open = False
        group.save(update_fields=["closed_at", "invites_open"])
    return group


def _writable(group: Group) -> None:
    if group.closed:
        raise GroupError("This group is closed: its history can be read but not changed.")


@transaction.atomic
def set_sharing(membership: Membership, on_board: bool, share_all: bool, show_names: bool):
    """What the member shows the group: counts (board and milestones), every ask of the
    period or only chosen ones, and whether whom they asked is named or only initialled."""
    _writable(membership.group)
    was_sharing_all = membership.share_all
    membership.on_board, membership.share_all = on_board, share_all
    membership.show_names = show_names
    membership.save(update_fields=["on_board", "share_all", "show_names"])
    if share_all and not was_sharing_all:
        for ask in asks_in_period(membership):
            counters.share(membership, ask)
    elif was_sharing_all and not share_all:
        SharedAsk.objects.filter(membership=membership).delete()
    return membership


def asks_in_period(membership: Membership):
    group = membership.group
    return (
        asks_for_user(membership.user)
        .filter(
            self_rejection=False,
            date__gte=group.start,
            date__lte=group.end,
        )
        .order_by("date", "id")
    )


def share_ask(membership: Membership, ask: Ask) -> SharedAsk:
    _writable(membership.group)
    if ask.owner_id != membership.user_id or ask.self_rejection:
        raise GroupError("You can share only your own asks.")
    if membership.group.week_of(ask.date) is None:
        raise GroupError("Only asks made during the group's period can be shared.")
    return counters.share(membership, ask)


def unshare_ask(membership: Membership, ask: Ask) -> None:
    _writable(membership.group)
    SharedAsk.objects.filter(membership=membership, ask=ask).delete()


@transaction.atomic
def check_in(membership: Membership, week: int, attempts: int, nos: int, yeses: int):
    """Weekly totals entered by hand; they replace what the log says for that week."""
    _writable(membership.group)
    if not 1 <= week <= membership.group.weeks:
        raise GroupError(f"Pick a week from 1 to {membership.group.weeks}.")
    if min(attempts, nos, yeses) < 0 or attempts > 1000:
        raise GroupError("Counts are whole numbers from 0 to 1,000.")
    if nos + yeses > attempts:
        raise GroupError("No's and yeses together can't be more than the asks you made.")
    GroupWeek.objects.update_or_create(
        membership=membership,
        week=week,
        defaults={"attempts": attempts, "nos": nos, "yeses": yeses, "manual": True},
    )
    counters.refresh_totals(membership)
    return membership


@transaction.atomic
def undo_check_in(membership: Membership, week: int) -> Membership:
    """Count that week from the log again."""
    _writable(membership.group)
    GroupWeek.objects.filter(membership=membership, week=week).update(manual=False)
    counters.recount_all(membership)
    return membership


def toggle_cheer(membership: Membership, event: Event) -> bool:
    """Cheer an item of the feed, or take the cheer back. True when cheered now."""
    _writable(membership.group)
    deleted, _ = Cheer.objects.filter(event=event, membership=membership).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Cheer.objects.create(event=event, membership=membership)
    except IntegrityError:  # a double tap: the first one counted
        pass
    return True


def membership_records(user: User) -> list:
    """Every group the user has been in, with their weeks, shares and cheers: their part
    of each group, for the account export (``MembershipRecord``)."""
    from nomentum.groups.schemas import GroupOut, MembershipRecord, WeekOut
    from nomentum.schemas import extended

    memberships = (
        Membership.objects.filter(user=user)
        .select_related("group")
        .prefetch_related("weeks", "shared__ask")
    )
    cheered: dict[int, list[int]] = {}
    for membership_id, event_id in Cheer.objects.filter(membership__user=user).values_list(
        "membership_id", "event_id"
    ):
        cheered.setdefault(membership_id, []).append(event_id)
    return [
        extended(
            MembershipRecord,
            GroupOut.of(m),
            weekly_counts=[WeekOut.from_orm(w) for w in m.weeks.all()],
            shared_asks=[str(s.ask.code) for s in m.shared.all()],
            cheered=cheered.get(m.pk, []),
        )
        for m in memberships
    ]


def hand_over(user: User) -> list[int]:
    """Before an account goes: each group it alone organised passes to its
    longest-standing member. The ids of all its groups, for ``drop_empty`` after."""
    mine = Membership.objects.filter(user=user)
    group_ids = list(mine.values_list("group_id", flat=True))
    # Two organisers leaving at once must not each count on the other to stay.
    list(Group.objects.select_for_update().filter(pk__in=group_ids).order_by("pk"))
    for membership in mine.filter(left_at=None, role=Membership.Role.ORGANISER):
        others = Membership.objects.filter(group_id=membership.group_id, left_at=None)
        others = others.exclude(user=user)
        heir = others.order_by("joined_at", "id").first()
        if heir is not None and not others.filter(role=Membership.Role.ORGANISER).exists():
            Membership.objects.filter(pk=heir.pk).update(role=Membership.Role.ORGANISER)
    return group_ids


def drop_empty(group_ids: list[int]) -> None:
    """Groups with nobody left in them go."""
    still_in = Membership.objects.filter(group_id__in=group_ids, left_at=None)
    Group.objects.filter(pk__in=group_ids).exclude(pk__in=still_in.values("group_id")).delete()
