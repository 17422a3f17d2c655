"""Everything a user owns, out: the spreadsheet layout people keep (CSV and XLSX,
the seven columns first, then ours) and a full JSON account export."""

import csv
import io
from collections.abc import Iterator

from openpyxl import Workbook

from nomentum.accounts.models import User
from nomentum.asks.access import asks_for_user, contacts_for_user, followups_for_user
from nomentum.asks.models import Ask, Outcome

SEVEN = ("Date", "Request", "Person/Company", "Method", "Response", "Lessons", "Follow-up")
EXTRA = (
    "Tier",
    "Category",
    "Fear before",
    "Sting after",
    "Game-changer",
    "Notes",
    "Self-rejection",
    "Objections",
    "Missing skill",
    "Who else",
    "Invited after",
    "Answered on",
    "Code",
)
HEADER = SEVEN + EXTRA
RESPONSE = {
    Outcome.PENDING: "Pending",
    Outcome.YES: "Yes",
    Outcome.NO: "No",
    Outcome.NO_RESPONSE: "No response",
    Outcome.PARTIAL: "Partial",
}
# A cell starting with one of these is a formula to a spreadsheet program.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula is kept as plain text by a leading
    quote; so is text that already starts with quotes before such a sign, so that
    ``restore`` gives back exactly what was written."""
    if isinstance(value, str) and value.lstrip("'").startswith(_FORMULA_START):
        return "'" + value
    return value


def restore(text: str) -> str:
    """Undo ``neutralise`` on a cell read back from one of our exports."""
    if text[:1] == "'" and text.lstrip("'").startswith(_FORMULA_START):
        return text[1:]
    return text


def _who(ask: Ask) -> str:
    """The "to" text, written so that reading it back finds the same person and company:
    a company alone that would read as a person ("Globex", "Acme, Inc.") goes after a
    comma, a person alone that would read as a company before one."""
    from nomentum.asks.services import parse_to

    person = ask.person.name if ask.person else ""
    company = ask.company.name if ask.company else ""
    if parse_to(ask.to) == (person, company):
        return ask.to
    if person and not company:
        return f"{person},"
    if company and not person:
        return f", {company}"
    return ask.to


def row_for(ask: Ask) -> list:
    return [
        ask.date.isoformat(),
        ask.request,
        _who(ask),
        ask.get_method_display() if ask.method else "",
        RESPONSE[Outcome(ask.outcome)],
        ask.lessons,
        ask.follow_up,
        ask.tier,
        ask.category,
        "" if ask.fear_before is None else ask.fear_before,
        "" if ask.sting_after is None else ask.sting_after,
        "yes" if ask.game_changer else "",
        ask.notes,
        "yes" if ask.self_rejection else "",
        ", ".join(ask.objections),
        ask.missing_skill,
        ask.referral.name if ask.referral else "",
        ask.invited_after.isoformat() if ask.invited_after else "",
        ask.answered_on.isoformat() if ask.answered_on else "",
        str(ask.code),
    ]


def rows(user: User) -> Iterator[list]:
    asks = (
        asks_for_user(user).select_related("referral", "person", "company").order_by("date", "id")
    )
    for ask in asks.iterator(chunk_size=2000):
        yield [neutralise(value) for value in row_for(ask)]


def asks_csv(user: User) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows(user))
    return out.getvalue().encode("utf-8-sig")  # the BOM makes spreadsheet programs read UTF-8


def asks_xlsx(user: User) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Asks")
    sheet.append(list(HEADER))
    for row in rows(user):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def account_json(user: User) -> dict:
    """Everything the user owns, and nothing of anyone else's."""
    from nomentum.asks.serialize import ask_as_dict
    from nomentum.challenges.access import challenges_for_user
    from nomentum.coach.access import plans_for_user
    from nomentum.coach.models import Idea, IdeaMark

    return {
        "account": {
            "username": user.username,
            "email": user.email,
            "display_name": user.display_name,
            "timezone": user.timezone,
            "no_response_days": user.no_response_days,
            "max_nudges": user.max_nudges,
            "joined": user.date_joined.isoformat(),
        },
        "asks": [
            {
                **ask_as_dict(a),
                "objections": a.objections,
                "missing_skill": a.missing_skill,
                "who_else": a.referral.name if a.referral else None,
                "invited_after": a.invited_after.isoformat() if a.invited_after else None,
                "guard_override": a.guard_override,
            }
            for a in asks_for_user(user).select_related("referral").order_by("date", "id")
        ],
        "contacts": [
            {
                "code": str(c.code),
                "kind": c.kind,
                "name": c.name,
                "email": c.email,
                "handle": c.handle,
                "notes": c.notes,
                "do_not_contact": c.do_not_contact,
                "company": c.company.name if c.company else None,
                "referred_by": c.referred_by.name if c.referred_by else None,
            }
            for c in contacts_for_user(user).select_related("company", "referred_by")
        ],
        "followups": [
            {
                "code": str(f.code),
                "kind": f.kind,
                "text": f.text,
                "due": f.due.isoformat(),
                "status": f.status,
                "ask": str(f.ask.code) if f.ask else None,
            }
            for f in followups_for_user(user)
        ],
        "challenges": [
            {
                "code": str(c.code),
                "name": c.name,
                "template": c.template,
                "target": c.target,
                "start": c.start.isoformat(),
                "end": c.end.isoformat(),
                "counts": c.counts,
                "categories": c.categories,
                "weekly_goal": c.weekly_goal,
                "goals": [
                    {
                        "count": g.count,
                        "metric": g.metric,
                        "period": g.period,
                        "category": g.category,
                        "keyword": g.keyword,
                    }
                    for g in c.goals.all()
                ],
            }
            for c in challenges_for_user(user).prefetch_related("goals")
        ],
        "plans": [
            {
                "code": str(p.code),
                "start": p.start.isoformat(),
                "areas": p.areas,
                "fears": p.fears,
                "fear_text": p.fear_text,
                "comfort": p.comfort,
                "weeks": p.weeks,
                "target": p.target,
                "weekly_targets": p.weekly_targets,
                "items": [
                    {"week": i.week, "text": i.text, "tier": i.tier, "area": i.area, "done": i.done}
                    for i in p.items.all()
                ],
            }
            for p in plans_for_user(user).prefetch_related("items")
        ],
        "own_ideas": [
            {"text": i.text, "area": i.area, "tier": i.tier, "setting": i.setting}
            for i in Idea.objects.filter(owner=user)
        ],
        "idea_marks": [
            {
                "idea": m.idea.text,
                "hidden": m.hidden,
                "done_on": m.done_on.isoformat() if m.done_on else None,
            }
            for m in IdeaMark.objects.filter(user=user).select_related("idea")
        ],
    }
