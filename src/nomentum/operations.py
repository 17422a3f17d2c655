"""What a user can do from a script, as functions from a user and plain data to plain
data. The JSON API and the local CLI both call these, so both validate with the same
forms, give the same messages and return the same objects; the remote CLI reaches
them through the API.

Bad input raises ``Invalid`` with the form's errors per field; an ask the ethics guard
refuses raises ``AskRefused``; another user's or a missing object raises ``Http404``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.http import Http404
from django.utils import timezone

if TYPE_CHECKING:
    from nomentum.accounts.models import User


class Invalid(Exception):
    """The form's errors, field by field ("__all__" for the form as a whole)."""

    def __init__(self, errors: dict, extra: dict | None = None):
        self.errors = {field: [str(m) for m in messages] for field, messages in errors.items()}
        self.extra = extra or {}
        field, messages = next(iter(self.errors.items()))
        super().__init__(f"{field}: {messages[0]}" if field != "__all__" else messages[0])


def form_data(payload: dict) -> dict:
    """Typed values as the forms expect them: dates as ISO text, True as a ticked box,
    False and None left out."""
    data: dict = {}
    for key, value in payload.items():
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, date):
            data[key] = value.isoformat()
        elif value is not None:
            data[key] = value
    return data


def _valid(form):
    if not form.is_valid():
        raise Invalid(form.errors)
    return form.cleaned_data


# Asks ------------------------------------------------------------------------


def ask_out(saved) -> dict:
    from nomentum.asks.serialize import ask_as_dict

    return {
        **ask_as_dict(saved.ask),
        "celebration": saved.celebration.message if saved.celebration else None,
    }


def log_ask(user: User, data: dict[str, Any]) -> dict:
    """Log an ask from form data (strings, as a form or the command line has them)."""
    from nomentum.asks import services
    from nomentum.asks.forms import AskForm

    return ask_out(services.log_ask(user, _valid(AskForm(data))))


def record_outcome(user: User, code: str, data: dict[str, Any]) -> dict:
    """Record an answer on the ask with this code (or its first 4+ characters)."""
    from nomentum.asks.access import find_ask_for_user
    from nomentum.asks.forms import OutcomeForm

    form = OutcomeForm(data)
    _valid(form)
    return ask_out(form.record(find_ask_for_user(user, code)))


def list_asks(
    user: User,
    outcome: str = "",
    since: date | None = None,
    oldest_first: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> dict:
    from nomentum.asks.access import asks_for_user
    from nomentum.asks.models import Outcome
    from nomentum.asks.serialize import ask_as_dict

    asks = asks_for_user(user).filter(self_rejection=False)
    if oldest_first:
        asks = asks.order_by("date", "id")
    if outcome:
        if outcome not in Outcome.values:
            raise Invalid({"outcome": ["Outcome is one of: " + ", ".join(Outcome.values) + "."]})
        asks = asks.filter(outcome=outcome)
    if since:
        asks = asks.filter(date__gte=since)
    page = asks[offset : offset + limit] if limit is not None else asks[offset:]
    items = [ask_as_dict(a) for a in page.iterator(chunk_size=2000)]
    count = asks.count() if limit is not None else offset + len(items)
    return {"count": count, "asks": items}


def stats(user: User) -> dict:
    from nomentum.challenges.progress import stats_with_challenges

    return stats_with_challenges(user, timezone.localdate())[0]


def guard(user: User, text: str, to: str = "") -> dict:
    from nomentum.asks.access import find_contacts
    from nomentum.asks.services import check_ask

    person, company = find_contacts(user, to)
    return check_ask(user, text, person, company, timezone.localdate()).as_dict()


# Contacts ------------------------------------------------------------------


def contact_dict(contact) -> dict:
    return {
        "code": str(contact.code),
        "name": contact.name,
        "kind": contact.kind,
        "company": contact.company.name if contact.company_id else None,
        "email": contact.email,
        "handle": contact.handle,
        "notes": contact.notes,
        "do_not_contact": contact.do_not_contact,
        "referred_by": contact.referred_by.name if contact.referred_by_id else None,
    }


def contacts(user: User, q: str = "", limit: int = 50, offset: int = 0) -> dict:
    from nomentum.asks.access import contacts_for_user

    found = contacts_for_user(user).select_related("company", "referred_by").order_by("name", "id")
    if q.strip():
        found = found.filter(name__icontains=q.strip())
    items = [contact_dict(c) for c in found[offset : offset + limit]]
    return {"count": found.count(), "items": items}


def contact(user: User, code: str) -> dict:
    """A contact with their asks and what the guard says about asking them today."""
    from django.db.models import Q

    from nomentum.asks.access import asks_for_user, get_contact_for_user
    from nomentum.asks.models import Contact
    from nomentum.asks.serialize import ask_as_dict
    from nomentum.asks.services import check_ask

    found = get_contact_for_user(user, code)
    is_person = found.kind == Contact.Kind.PERSON
    verdict = check_ask(
        user,
        "",
        found if is_person else None,
        None if is_person else found,
        timezone.localdate(),
    )
    asks = asks_for_user(user).filter(Q(person=found) | Q(company=found))
    return {
        **contact_dict(found),
        "asks": [ask_as_dict(a) for a in asks],
        "may_ask_today": verdict.as_dict(),
    }


def update_contact(user: User, code: str, changes: dict[str, Any]) -> dict:
    from nomentum.asks import services
    from nomentum.asks.access import get_contact_for_user
    from nomentum.asks.forms import ContactForm

    found = get_contact_for_user(user, code)
    current = {f: getattr(found, f) for f in ("name", "email", "handle", "notes")}
    data = current | {k: v for k, v in changes.items() if k in current and v is not None}
    keep_out = changes.get("do_not_contact")
    if (keep_out is None and found.do_not_contact) or keep_out:
        data["do_not_contact"] = "on"
    services.update_contact(found, _valid(ContactForm(data, instance=found)))
    return contact_dict(found)


def merge_contacts(user: User, code: str, other_code: str) -> dict:
    from nomentum.asks import services
    from nomentum.asks.access import get_contact_for_user

    keep = get_contact_for_user(user, code)
    other = get_contact_for_user(user, other_code)
    try:
        services.merge_contacts(keep, other)
    except ValueError as exc:
        raise Invalid({"other": [str(exc)]}) from None
    keep.refresh_from_db()
    return contact_dict(keep)


# Follow-ups ----------------------------------------------------------------


def followup_dict(f) -> dict:
    return {
        "code": str(f.code),
        "due": f.due.isoformat(),
        "kind": f.kind,
        "status": f.status,
        "text": f.text,
        "to": f.ask.to if f.ask else (f.contact.name if f.contact else ""),
        "ask": str(f.ask.code) if f.ask else None,
    }


def followups(user: User, everything: bool = False) -> dict:
    """Open follow-ups: those due today or earlier, or all of them."""
    from nomentum.asks.access import followups_for_user

    open_ones = followups_for_user(user).filter(status="open").select_related("ask", "contact")
    if not everything:
        open_ones = open_ones.filter(due__lte=timezone.localdate())
    rows = [followup_dict(f) for f in open_ones]
    return {"count": len(rows), "followups": rows}


def settle_followup(user: User, code: str, action: str, until: date | None = None) -> dict:
    """Mark a follow-up done, snooze it until a date, or dismiss it."""
    from nomentum.asks import followups as rules
    from nomentum.asks.access import get_followup_for_user

    found = get_followup_for_user(user, code)
    if found.status != "open":
        raise Invalid({"__all__": ["This follow-up is already settled."]})
    if action == "done":
        rules.complete(found, timezone.localdate())
    elif action == "dismiss":
        rules.dismiss(found)
    elif until is None or until <= timezone.localdate():
        raise Invalid({"until": ["Snooze until a day after today."]})
    else:
        rules.snooze(found, until)
    found.refresh_from_db()
    return followup_dict(found)


# Import and export ---------------------------------------------------------


def import_file(
    user: User, content: bytes, name: str, dry_run: bool = False, override: bool = False
) -> dict:
    """Check (dry run) or import a spreadsheet: every new row, or none."""
    from nomentum.asks import importer

    try:
        if dry_run:
            result = importer.preview(user, content, name)
        else:
            result = importer.run(user, content, name, override=override)
    except importer.ImportFileError as exc:
        raise Invalid({"file": [str(exc)]}) from None
    data = {
        "mapping": result.mapping,
        "ignored": result.ignored,
        "source": result.source or None,
        "new": len(result.new),
        "duplicates": result.duplicates,
        "imported": 0 if (dry_run or result.problems) else len(result.new),
        "problems": [{"row": r.number, "problems": r.problems} for r in result.problems],
    }
    if result.problems:
        raise Invalid({"file": [importer.summary(result)]}, extra=data)
    return data


EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "ics": "text/calendar; charset=utf-8",
}


def export(user: User, fmt: str) -> bytes:
    import json

    from nomentum.accounts import export as exports
    from nomentum.asks.access import followups_for_user
    from nomentum.asks.calendar import followups_ics

    if fmt == "csv":
        return exports.asks_csv(user)
    if fmt == "xlsx":
        return exports.asks_xlsx(user)
    if fmt == "json":
        return json.dumps(exports.account_json(user), ensure_ascii=False, indent=1).encode()
    if fmt == "ics":
        return followups_ics(list(followups_for_user(user).filter(status="open")))
    raise Invalid({"format": ["Format is one of: " + ", ".join(EXPORT_FORMATS) + "."]})


# Challenges ----------------------------------------------------------------


def challenges(user: User) -> dict:
    from nomentum.challenges.access import challenges_for_user
    from nomentum.challenges.progress import progress_for

    found = list(challenges_for_user(user).prefetch_related("goals"))
    return {"challenges": [p.as_dict() for p in progress_for(user, found, timezone.localdate())]}


def challenge(user: User, code: str) -> dict:
    from nomentum.challenges.access import get_challenge_for_user
    from nomentum.challenges.progress import progress_for

    found = get_challenge_for_user(user, code)
    [progress] = progress_for(user, [found], timezone.localdate())
    return progress.as_dict()


def start_challenge(user: User, template: str, data: dict[str, Any]) -> dict:
    """Start a challenge from a template; what ``data`` leaves out takes the template's
    defaults (start today, or the 1st for a monthly challenge)."""
    from nomentum.challenges import services
    from nomentum.challenges.catalog import TEMPLATES
    from nomentum.challenges.forms import ChallengeForm
    from nomentum.challenges.progress import progress_for

    if template not in TEMPLATES:
        raise Invalid({"template": ["Template is one of: " + ", ".join(TEMPLATES) + "."]})
    blueprint = TEMPLATES[template]
    today = timezone.localdate()
    given = {k: v for k, v in data.items() if v not in (None, "", [])}
    start = given.get("start") or blueprint.default_start(today)
    if isinstance(start, str):
        try:
            start = date.fromisoformat(start)
        except ValueError:
            raise Invalid({"start": ["Use a date like 2026-11-22."]}) from None
    days = given.pop("days", None)
    if days is not None and not 1 <= days <= 3650:
        raise Invalid({"end": ["A challenge lasts 1 to 3,650 days."]})
    fields = ChallengeForm.initial_for(template, today) | {
        "start": start,
        "end": blueprint.end_for(start, days),
        "name": blueprint.default_name(start),
    }
    fields |= given | {"template": template, "start": start}
    form = ChallengeForm({k: v for k, v in fields.items() if v is not None}, owner=user)
    created = services.start_challenge(user, _valid(form))
    [progress] = progress_for(user, [created], today)
    return progress.as_dict()


def add_goal(user: User, code: str, data: dict[str, Any]) -> dict:
    from nomentum.challenges import services
    from nomentum.challenges.access import get_challenge_for_user
    from nomentum.challenges.forms import GoalForm

    found = get_challenge_for_user(user, code)
    form = GoalForm.for_user(user, found, {"metric": "no", "period": "week"} | data)
    if not form.is_valid():
        raise Invalid(form.errors)
    goal = services.add_goal(found, form.cleaned_data)
    return {"code": str(goal.code), "goal": goal.describe(), "challenge": str(found.code)}


def remove_goal(user: User, code: str) -> None:
    from nomentum.challenges import services
    from nomentum.challenges.access import get_goal_for_user

    services.remove_goal(get_goal_for_user(user, code))


# The coach -----------------------------------------------------------------


def plan_dict(plan) -> dict:
    items = list(plan.items.all())
    weeks = [
        {
            "week": n,
            "target": target,
            "ideas": [
                {
                    "code": str(i.code),
                    "text": i.text,
                    "tier": i.tier,
                    "area": i.area,
                    "done": i.done,
                }
                for i in items
                if i.week == n
            ],
        }
        for n, target in enumerate(plan.weekly_targets, 1)
    ]
    return {
        "code": str(plan.code),
        "start": plan.start.isoformat(),
        "source": plan.source,
        "note": plan.note,
        "weeks": weeks,
    }


SEED_MAX = 2**31 - 1
PLAN_DEFAULTS = {
    "areas": ["everyday", "career"],
    "fear_text": "",
    "fears": [],
    "comfort": 2,
    "weeks": 4,
    "target": 30,
}


def current_plan(user: User) -> dict:
    from nomentum.coach.access import current_plan as newest

    plan = newest(user)
    if plan is None:
        raise Http404("No plan yet: answer the questions to make one.")
    return plan_dict(plan)


def make_plan(user: User, answers: dict[str, Any], seed: int | None = None) -> dict:
    """A new plan from these answers; what they leave out comes from the current plan's
    answers, or the defaults."""
    from nomentum.coach import services
    from nomentum.coach.access import current_plan as newest
    from nomentum.coach.forms import QuestionnaireForm

    if seed is not None and not 0 <= seed <= SEED_MAX:
        raise Invalid({"seed": [f"A seed is a whole number from 0 to {SEED_MAX:,}."]})
    plan = newest(user)
    previous = dict(PLAN_DEFAULTS)
    if plan is not None:
        previous.update({k: getattr(plan, k) for k in PLAN_DEFAULTS})
    data = previous | {k: v for k, v in answers.items() if v is not None}
    cleaned = _valid(QuestionnaireForm(data))
    return plan_dict(services.create_plan(user, cleaned, timezone.localdate(), seed))


def mark_plan_item(user: User, code: str, done: bool) -> dict:
    from nomentum.coach import services
    from nomentum.coach.access import get_item_for_user

    item = services.set_item_done(get_item_for_user(user, code), done, timezone.localdate())
    return {"code": str(item.code), "text": item.text, "done": item.done}


def today(user: User) -> dict:
    from nomentum.coach.services import idea_for_today

    idea = idea_for_today(user, timezone.localdate())
    if idea is None:
        raise Http404("No ideas left: add your own in the idea library.")
    return {"text": idea.text, "tier": idea.tier, "area": idea.area}


# Tokens --------------------------------------------------------------------


def create_token(user: User, read_only: bool = False, name: str = "") -> dict:
    from nomentum.accounts.services import create_token as make

    token, secret = make(user, read_only=read_only, name=name)
    return {"id": str(token.code), "token": secret, "read_only": token.read_only}


def revoke_token(user: User, token_id: str) -> dict:
    from nomentum.accounts.models import ApiToken
    from nomentum.accounts.services import revoke_token as revoke
    from nomentum.asks.access import find_by_code

    active = ApiToken.objects.filter(user=user, revoked_at=None)
    found = find_by_code(active, token_id, "active token")
    revoke(found)
    return {"id": str(found.code), "revoked": True}


# Groups --------------------------------------------------------------------


def group_dict(membership) -> dict:
    group = membership.group
    return {
        "code": str(group.code),
        "name": group.name,
        "template": group.template,
        "start": group.start.isoformat(),
        "end": group.end.isoformat(),
        "weeks": group.weeks,
        "closed": group.closed,
        "role": membership.role,
        "invite_code": group.invite_code if group.invites_open else None,
        "weekly_goal": membership.weekly_goal,
        "target": membership.target,
        "on_board": membership.on_board,
        "you": {"attempts": membership.attempts, "nos": membership.nos, "yeses": membership.yeses},
    }


def groups(user: User) -> dict:
    from nomentum.groups.access import memberships_for_user

    return {"groups": [group_dict(m) for m in memberships_for_user(user)]}


def create_group(user: User, data: dict[str, Any]) -> dict:
    """A new group, its creator the organiser; the period defaults to this month."""
    from nomentum.groups import services
    from nomentum.groups.forms import GroupForm, month_of

    start, end = month_of(timezone.localdate())
    given = {k: v for k, v in data.items() if v not in (None, "")}
    fields = {"template": "monthly-group", "start": start, "end": end, "weekly_goal": 3}
    form = GroupForm(form_data(fields | given))
    try:
        return group_dict(services.create_group(user, _valid(form)))
    except services.GroupError as exc:
        raise Invalid({"__all__": [str(exc)]}) from None


def join_group(user: User, invite_code: str, weekly_goal: int | None, on_board: bool) -> dict:
    from nomentum.groups import services
    from nomentum.groups.access import get_group_by_invite
    from nomentum.groups.forms import JoinForm

    group = get_group_by_invite(invite_code)
    form = JoinForm(form_data({"weekly_goal": 3 if weekly_goal is None else weekly_goal}))
    cleaned = _valid(form)
    try:
        return group_dict(services.join_group(user, group, cleaned["weekly_goal"], on_board))
    except services.GroupError as exc:
        raise Invalid({"code": [str(exc)]}) from None


def _membership(user: User, name_or_code: str):
    from nomentum.groups.access import find_group_by_name, get_membership

    try:
        return get_membership(user, name_or_code)
    except Http404:
        return find_group_by_name(user, name_or_code)


def group_board(user: User, group: str, by: str = "nos", page: int = 1) -> dict:
    """The board of one of the user's groups (by name or code)."""
    from nomentum.groups.board import ORDERS, board_dict

    if by not in ORDERS:
        raise Invalid({"by": ["Rank by nos or progress."]})
    membership = _membership(user, group)
    return board_dict(membership.group, membership, by, page)


def group_feed(user: User, group: str) -> dict:
    from nomentum.groups.board import feed

    membership = _membership(user, group)
    items = feed(membership.group, membership)
    for item in items:
        item["when"] = item["when"].isoformat()
        if "date" in item:
            item["date"] = item["date"].isoformat()
    return {"group": membership.group.name, "items": items}


def group_summary(user: User, group: str) -> dict:
    from nomentum.groups.board import summary

    membership = _membership(user, group)
    found = summary(membership.group)
    for week in found["weeks"]:
        week["from"], week["to"] = week["from"].isoformat(), week["to"].isoformat()
    return {"group": membership.group.name, **found}
