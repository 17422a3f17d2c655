"""Everything a user owns, out: the spreadsheet layout people keep (CSV and XLSX,
the seven columns first, then ours), a full JSON account export, and the open
follow-ups as iCalendar. ``FORMATS`` lists them all."""

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from nomentum.accounts.models import User
from nomentum.asks.access import asks_for_user, contacts_for_user, followups_for_user
from nomentum.asks.calendar import followups_ics
from nomentum.asks.models import Ask, FollowUp, Outcome
from nomentum.asks.names import parse_to
from nomentum.errors import Invalid
from nomentum.portability.cells import neutralise
from nomentum.schemas import dump

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
    "Worst case",
    "Best case",
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


def _who(ask: Ask) -> str:
    """The "to" text, written so that reading it back finds the same person and company:
    a company alone that would read as a person ("Globex", "Acme, Inc.") goes after a
    comma, a person alone that would read as a company before one."""
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
        ask.worst_case,
        ask.best_case,
        str(ask.code),
    ]


# Characters XML 1.0 cannot hold (control characters such as a bell or an escape, which
# pasted text sometimes carries), which openpyxl refuses to write. The XLSX leaves them
# out (a vertical tab or form feed, Word's line and page breaks, becomes a line break);
# the CSV keeps every character.
_NOT_IN_XML = re.compile(ILLEGAL_CHARACTERS_RE.pattern + "|[\ufffe\uffff]")
_BREAKS = str.maketrans("\x0b\x0c", "\n\n")


def xml_safe(value: object) -> object:
    if isinstance(value, str):
        return _NOT_IN_XML.sub("", value.translate(_BREAKS))
    return value


def rows(user: User, clean: Callable[[object], object] = lambda value: value) -> Iterator[list]:
    asks = asks_for_user(user).order_by("date", "id")
    for ask in asks.iterator(chunk_size=2000):
        # Cleaned before neutralised: what is left must not start a formula either.
        yield [neutralise(clean(value)) for value in row_for(ask)]


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
    for row in rows(user, xml_safe):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def account_json(user: User) -> dict:
    """Everything the user owns, in each object's one shape, and nothing of anyone
    else's (of a group: their own membership, weeks, shares and cheers)."""
    from nomentum.accounts.access import tokens_for_user
    from nomentum.accounts.schemas import TokenInfo
    from nomentum.asks.access import pitches_for_user
    from nomentum.asks.schemas import AskOut, ContactOut, FollowUpOut
    from nomentum.challenges import services as challenges
    from nomentum.challenges.schemas import ChallengeOut
    from nomentum.coach.access import plans_for_user
    from nomentum.coach.models import Idea, IdeaMark
    from nomentum.coach.schemas import PlanOut
    from nomentum.groups.services import membership_records
    from nomentum.journal.access import reflections_for_user, shared_lessons_for_user
    from nomentum.journal.schemas import SharedLessonOut, reflection_record

    asks = asks_for_user(user).order_by("date", "id")
    contacts = contacts_for_user(user).select_related("company", "referred_by")
    return {
        "account": {
            "username": user.username,
            "email": user.email,
            "display_name": user.display_name,
            "timezone": user.timezone,
            "no_response_days": user.no_response_days,
            "max_nudges": user.max_nudges,
            "week_start": "sunday" if user.week_start == 6 else "monday",
            "joined": user.date_joined.isoformat(),
        },
        "asks": [dump(AskOut.from_orm(a)) for a in asks.iterator(chunk_size=2000)],
        "contacts": [dump(ContactOut.from_orm(c)) for c in contacts],
        "followups": [dump(FollowUpOut.from_orm(f)) for f in followups_for_user(user)],
        "challenges": [dump(ChallengeOut.of(p)) for p in challenges.progress(user)],
        "plans": [
            dump(PlanOut.from_orm(p)) for p in plans_for_user(user).prefetch_related("items")
        ],
        "pitches": [
            {"name": p.name, "text": p.text, "retired": p.retired} for p in pitches_for_user(user)
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
        "groups": [dump(record) for record in membership_records(user)],
        "reflections": [reflection_record(r) for r in reflections_for_user(user).order_by("week")],
        "shared_lessons": [
            dump(SharedLessonOut.from_orm(s)) for s in shared_lessons_for_user(user)
        ],
        "tokens": [dump(TokenInfo.from_orm(t)) for t in tokens_for_user(user)],
    }


@dataclass(frozen=True)
class Format:
    content_type: str
    name: str  # the file name, with {day} for the user's date
    write: Callable[[User], bytes]


def _json(user: User) -> bytes:
    return json.dumps(account_json(user), ensure_ascii=False, indent=1).encode()


def _journal_entries(user: User) -> Iterator[tuple]:
    """(week, first day, prompt, answer) of every answered prompt, oldest week first."""
    from nomentum.journal.access import reflections_for_user
    from nomentum.journal.prompts import PROMPTS

    for found in reflections_for_user(user).order_by("week"):
        for prompt in PROMPTS:
            answer = found.answers.get(prompt.id, "")
            if answer.strip():
                yield found.week, found.starts_on, prompt, answer


def journal_csv(user: User) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("Week", "Starts on", "Prompt id", "Prompt", "Answer"))
    for week, start, prompt, answer in _journal_entries(user):
        row = (week, start.isoformat(), prompt.id, prompt.text, answer)
        writer.writerow([neutralise(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def journal_markdown(user: User) -> bytes:
    lines = ["# My Nomentum journal", ""]
    current = None
    for week, start, prompt, answer in _journal_entries(user):
        if week != current:
            lines += [f"## Week of {start:%-d %B %Y} ({week})", ""]
            current = week
        lines += [f"### {prompt.text}", "", _as_markdown_text(answer), ""]
    return "\n".join(lines).encode()


_MARKDOWN_START = re.compile(r"^(\s*)([#>*+=|`~-]|\d+[.)])")


def _as_markdown_text(answer: str) -> str:
    """What someone wrote, shown as they wrote it: no line of it turns into a heading, a
    quote or a list, and no HTML in it is read as HTML."""
    lines = answer.strip().replace("&", "&amp;").replace("<", "&lt;").splitlines()
    return "\n".join(_MARKDOWN_START.sub(r"\1\\\2", line) for line in lines)


def _ics(user: User) -> bytes:
    return followups_ics(list(followups_for_user(user).filter(status=FollowUp.Status.OPEN)))


# Every way out, in one place: the settings page, the API and `nomentum export` read it.
FORMATS = {
    "csv": Format("text/csv; charset=utf-8", "nomentum-asks-{day}.csv", asks_csv),
    "xlsx": Format(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "nomentum-asks-{day}.xlsx",
        asks_xlsx,
    ),
    "json": Format("application/json", "nomentum-account-{day}.json", _json),
    "ics": Format("text/calendar; charset=utf-8", "nomentum-followups-{day}.ics", _ics),
    "journal-csv": Format("text/csv; charset=utf-8", "nomentum-journal-{day}.csv", journal_csv),
    "journal-md": Format(
        "text/markdown; charset=utf-8", "nomentum-journal-{day}.md", journal_markdown
    ),
}


# Formats that carry private writing in bulk: a browser session confirms it's you first.
CONFIRMED = ("json", "journal-csv", "journal-md")


def export(user: User, fmt: str) -> tuple[bytes, Format]:
    """The user's data in this format, and how to deliver it."""
    if fmt not in FORMATS:
        raise Invalid({"format": ["Format is one of: " + ", ".join(FORMATS) + "."]})
    found = FORMATS[fmt]
    return found.write(user), found


def attachment(user: User, fmt: str) -> HttpResponse:
    """The export as a download named with the user's own date, never cached."""
    content, found = export(user, fmt)
    response = HttpResponse(content, content_type=found.content_type)
    name = found.name.format(day=timezone.localdate().isoformat())
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
