"""Every change to asks and contacts goes through these functions, whichever
door it comes in by: web form, admin, CLI or import."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.asks.celebrations import Celebration, celebrate
from nomentum.asks.models import ASK_FIELDS, Ask, Contact, Outcome

# Words that mark a name as an organisation when no person is given.
_COMPANY_WORDS = {
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "ltd",
    "ltd.",
    "llc",
    "gmbh",
    "ag",
    "plc",
    "co",
    "co.",
    "company",
    "group",
    "agency",
    "studio",
    "studios",
    "university",
    "college",
    "school",
    "magazine",
    "journal",
    "podcast",
    "foundation",
    "bank",
    "labs",
    "media",
    "press",
    "records",
    "gallery",
    "hotel",
    "restaurant",
    "cafe",
    "café",
    "shop",
    "store",
    "library",
    "museum",
    "council",
    "club",
    "theatre",
    "theater",
    "festival",
    "network",
    "partners",
    "ventures",
    "capital",
    "institute",
    "society",
    "association",
    "hospital",
    "clinic",
    "bakery",
    "books",
    "bookshop",
    "radio",
    "tv",
    "news",
    "times",
    "review",
}


@dataclass(frozen=True)
class Saved:
    ask: Ask
    celebration: Celebration | None = None


def parse_to(text: str) -> tuple[str, str]:
    """Split "Dana Lee, Acme" into (person, company).

    One name alone is a company when it reads like one ("Acme Corp"), else a person.
    """
    text = " ".join((text or "").split())
    if not text:
        return "", ""
    if "," in text:
        person, _, company = text.partition(",")
        return person.strip(), company.strip()
    words = {w.casefold() for w in text.split()}
    if words & _COMPANY_WORDS:
        return "", text
    return text, ""


def resolve_contacts(user: User, to: str) -> tuple[Contact | None, Contact | None]:
    """The person and company named in a "to" field, created if new (one lookup)."""
    person_name, company_name = parse_to(to)
    wanted = {
        kind: name
        for kind, name in ((Contact.Kind.PERSON, person_name), (Contact.Kind.COMPANY, company_name))
        if name
    }
    if not wanted:
        return None, None
    keys = {Contact.key_for(name) for name in wanted.values()}
    found = {
        (c.kind, c.key): c
        for c in Contact.objects.filter(owner=user, kind__in=list(wanted), key__in=keys)
    }
    contacts: dict[str, Contact] = {}
    for kind, name in wanted.items():
        contact = found.get((kind, Contact.key_for(name)))
        if contact is None:
            contact, _ = Contact.objects.get_or_create(  # get_: a racing writer may win
                owner=user, kind=kind, key=Contact.key_for(name), defaults={"name": name}
            )
        contacts[kind] = contact
    person, company = contacts.get(Contact.Kind.PERSON), contacts.get(Contact.Kind.COMPANY)
    if person is not None and company is not None and person.company_id is None:
        person.company = company
        person.save(update_fields=["company"])
    return person, company


def _nos(user: User) -> int:
    return Ask.objects.filter(owner=user, outcome=Outcome.NO, self_rejection=False).count()


def _celebration(ask: Ask, previous: str | None) -> Celebration | None:
    if ask.self_rejection:
        return None
    nos = _nos(ask.owner) if ask.outcome == Outcome.NO else 0
    return celebrate(ask.outcome, previous, nos, seed=ask.code.int)


def _apply(ask: Ask, data: dict[str, Any]) -> None:
    for field in ASK_FIELDS:
        # An edit that leaves the date empty keeps the day the ask already had.
        if field in data and not (field == "date" and data[field] is None):
            setattr(ask, field, data[field])
    if "to" in data:
        ask.person, ask.company = resolve_contacts(ask.owner, data["to"])


def _stamp_answer(ask: Ask, previous: str | None, on: date | None = None) -> None:
    if ask.outcome == Outcome.PENDING:
        ask.answered_on = None
    elif ask.outcome != previous or ask.answered_on is None:
        ask.answered_on = on or timezone.localdate()


@transaction.atomic
def log_ask(user: User, data: dict[str, Any]) -> Saved:
    """Log a new ask from cleaned data (see ``AskForm``)."""
    ask = Ask(owner=user)
    _apply(ask, {**data, "date": data.get("date") or timezone.localdate()})
    _stamp_answer(ask, None)
    ask.save()
    return Saved(ask, _celebration(ask, Outcome.PENDING))


@transaction.atomic
def update_ask(ask: Ask, data: dict[str, Any]) -> Saved:
    previous = ask.outcome
    _apply(ask, data)
    _stamp_answer(ask, previous)
    ask.save()
    return Saved(ask, _celebration(ask, previous))


@transaction.atomic
def record_outcome(
    ask: Ask,
    outcome: str,
    *,
    sting: int | None = None,
    lesson: str | None = None,
    on: date | None = None,
) -> Saved:
    previous = ask.outcome
    ask.outcome = outcome
    if sting is not None:
        ask.sting_after = sting
    if lesson:
        ask.lessons = f"{ask.lessons}\n{lesson}".strip()
    _stamp_answer(ask, previous, on)
    ask.save()
    return Saved(ask, _celebration(ask, previous))


@transaction.atomic
def delete_ask(ask: Ask) -> None:
    ask.delete()


@transaction.atomic
def ask_after_all(ask: Ask) -> Saved:
    """The user went and made an ask they had talked themselves out of."""
    ask.self_rejection = False
    ask.date = timezone.localdate()
    ask.outcome = Outcome.PENDING
    ask.answered_on = None
    ask.save()
    return Saved(ask)


def stale_pending(user: User, today: date | None = None):
    cutoff = (today or timezone.localdate()) - timedelta(days=user.no_response_days)
    return Ask.objects.filter(
        owner=user, outcome=Outcome.PENDING, self_rejection=False, date__lte=cutoff
    )


@transaction.atomic
def mark_stale_as_no_response(user: User, today: date | None = None) -> int:
    """Pending asks older than the user's wait become "no response"."""
    today = today or timezone.localdate()
    return stale_pending(user, today).update(
        outcome=Outcome.NO_RESPONSE, answered_on=today, updated_at=timezone.now()
    )
