"""Every change to asks and contacts goes through these functions, whichever
door it comes in by: web form, admin, CLI or import."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from nomentum.accounts.models import User
from nomentum.asks import followups, guard
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


class AskRefused(Exception):
    """The ethics guard said no; ``verdict`` explains why and what to do instead."""

    def __init__(self, verdict: guard.Verdict):
        self.verdict = verdict
        super().__init__(verdict.message())


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


@dataclass(frozen=True)
class Named:
    """Who a "to" text names, and which of them already exist."""

    person_name: str
    company_name: str
    person: Contact | None
    company: Contact | None


def lookup_contacts(user: User, to: str) -> Named:
    """Read-only: split a "to" text and find the existing contacts (one query)."""
    person_name, company_name = parse_to(to)
    wanted = [(Contact.Kind.PERSON, person_name), (Contact.Kind.COMPANY, company_name)]
    wanted = [(kind, Contact.key_for(name)) for kind, name in wanted if name]
    found: dict[tuple[str, str], Contact] = {}
    if wanted:
        rows = Contact.objects.filter(
            owner=user, kind__in=[k for k, _ in wanted], key__in=[key for _, key in wanted]
        )
        found = {(c.kind, c.key): c for c in rows}
    return Named(
        person_name,
        company_name,
        found.get((Contact.Kind.PERSON, Contact.key_for(person_name))) if person_name else None,
        found.get((Contact.Kind.COMPANY, Contact.key_for(company_name))) if company_name else None,
    )


def _create_contact(user: User, kind: str, name: str, company: Contact | None = None) -> Contact:
    try:
        with transaction.atomic():  # a savepoint: another writer may have just made it
            contact = Contact.objects.create(owner=user, kind=kind, name=name, company=company)
    except IntegrityError:
        return Contact.objects.get(owner=user, kind=kind, key=Contact.key_for(name))
    contact.is_new = True
    return contact


def resolve_contacts(
    user: User, to: str, named: Named | None = None
) -> tuple[Contact | None, Contact | None]:
    """The person and company named in a "to" field, created if new."""
    named = named or lookup_contacts(user, to)
    company = named.company
    if company is None and named.company_name:
        company = _create_contact(user, Contact.Kind.COMPANY, named.company_name)
    person = named.person
    if person is None and named.person_name:
        # The company first, so a new person is created already linked to it.
        person = _create_contact(user, Contact.Kind.PERSON, named.person_name, company)
    if person is not None and company is not None and person.company_id is None:
        person.company = company
        person.save(update_fields=["company"])
    return person, company


def _referral(ask: Ask, who_else: str) -> Contact | None:
    """A who-else referral becomes a prospective contact, linked to the one who said no."""
    person, company = resolve_contacts(ask.owner, who_else)
    contact = person or company
    referrer = ask.person or ask.company
    if contact is not None and referrer is not None and contact.referred_by_id is None:
        contact.referred_by = referrer
        contact.save(update_fields=["referred_by"])
    return contact


def check_ask(
    user: User,
    text: str,
    person: Contact | None,
    company: Contact | None,
    day: date,
    exclude: int | None = None,
    nudges: bool = True,
) -> guard.Verdict:
    """The ethics guard for a prospective ask: its text, and the history of whoever it
    goes to (one query)."""
    targets = [c for c in (person, company) if c is not None]
    known = [c for c in targets if not c.is_new]  # a contact made just now has no history
    findings: list = []
    if targets:
        history: dict[int, list[guard.PastAsk]] = {c.pk: [] for c in targets}
        asks = Ask.objects.filter(owner=user, self_rejection=False).filter(
            Q(person__in=known) | Q(company__in=known)
        )
        if exclude is not None:
            asks = asks.exclude(pk=exclude)
        fields = ("person_id", "company_id", "date", "outcome", "invited_after")
        rows = list(asks.values_list(*fields)) if known else []
        for person_id, company_id, when, outcome, invited in rows:
            past = guard.PastAsk(when, outcome, invited, person_id is not None)
            for contact_id in {person_id, company_id} & history.keys():
                history[contact_id].append(past)
        if person is not None:
            findings += guard.contact_findings(
                person.name,
                person.do_not_contact,
                history[person.pk],
                day,
                user.max_nudges,
                nudges=nudges,
            )
        if company is not None:
            if person is None:
                findings += guard.contact_findings(
                    company.name,
                    company.do_not_contact,
                    history[company.pk],
                    day,
                    user.max_nudges,
                    company_level=True,
                    nudges=nudges,
                )
            elif company.do_not_contact:
                findings.append(("do-not-contact", {"name": company.name}))
    return guard.verdict_for(guard.check_text(text), findings)


def _enforce(ask: Ask, verdict: guard.Verdict, override: bool) -> None:
    if verdict.allowed:
        return
    if verdict.hard or not override:
        raise AskRefused(verdict)
    ask.guard_override = verdict.rules  # "this is fine, log it anyway", kept on the ask


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
    if data.get("who_else"):
        ask.referral = _referral(ask, data["who_else"])


def _stamp_answer(ask: Ask, previous: str | None, on: date | None = None) -> None:
    if ask.outcome == Outcome.PENDING:
        ask.answered_on = None
    elif ask.outcome != previous or ask.answered_on is None:
        ask.answered_on = on or timezone.localdate()


def log_ask(user: User, data: dict[str, Any], history: bool = False) -> Saved:
    """Log a new ask from cleaned data (see ``AskForm``).

    The ethics guard reads before the write transaction starts, so SQLite's write
    lock is held only for the inserts (a refused ask writes nothing at all).
    """
    day = data.get("date") or timezone.localdate()
    named = lookup_contacts(user, data.get("to") or "")
    # ``history``: the ask was made before (an import), so nudge spacing doesn't apply.
    verdict = check_ask(
        user, data.get("request", ""), named.person, named.company, day, nudges=not history
    )
    with transaction.atomic():
        ask = Ask(owner=user)
        _enforce(ask, verdict, bool(data.get("override")))
        _apply(ask, {k: v for k, v in data.items() if k != "to"} | {"date": day})
        ask.person, ask.company = resolve_contacts(user, "", named)
        _stamp_answer(ask, None)
        ask.save()
        if ask.outcome != Outcome.PENDING:  # a new pending ask has nothing to follow up yet
            followups.refresh_for(ask)
    return Saved(ask, _celebration(ask, Outcome.PENDING))


@transaction.atomic
def update_ask(ask: Ask, data: dict[str, Any]) -> Saved:
    previous = ask.outcome
    before = (ask.request, ask.person_id, ask.company_id, ask.invited_after)
    _apply(ask, data)
    if (ask.request, ask.person_id, ask.company_id) != before[:3]:
        verdict = check_ask(
            ask.owner, ask.request, ask.person, ask.company, ask.date, exclude=ask.pk
        )
        if not verdict.allowed and verdict.rules == ask.guard_override:
            verdict = guard.check_text("")  # the same rules were already overridden
        _enforce(ask, verdict, bool(data.get("override")))
    _stamp_answer(ask, previous)
    ask.save()
    if ask.outcome != previous or ask.invited_after != before[3]:
        followups.refresh_for(ask)
    return Saved(ask, _celebration(ask, previous))


@transaction.atomic
def record_outcome(
    ask: Ask,
    outcome: str,
    *,
    sting: int | None = None,
    lesson: str | None = None,
    on: date | None = None,
    miner: dict[str, Any] | None = None,
) -> Saved:
    """Record what happened; ``miner`` holds what a no taught (objections, missing skill,
    who else to ask, a later date they invited)."""
    previous = ask.outcome
    ask.outcome = outcome
    if sting is not None:
        ask.sting_after = sting
    if lesson:
        ask.lessons = f"{ask.lessons}\n{lesson}".strip()
    if miner:
        _apply(ask, miner)
    _stamp_answer(ask, previous, on)
    ask.save()
    if ask.outcome != previous or miner:
        followups.refresh_for(ask)
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
    stale = list(stale_pending(user, today).select_related("person", "company", "owner"))
    for ask in stale:
        ask.outcome, ask.answered_on = Outcome.NO_RESPONSE, today
        ask.save(update_fields=["outcome", "answered_on", "updated_at"])
        followups.refresh_for(ask, today)
    return len(stale)


@transaction.atomic
def update_contact(contact: Contact, data: dict[str, Any]) -> Contact:
    for field in ("name", "email", "handle", "notes", "do_not_contact"):
        if field in data:
            setattr(contact, field, data[field])
    contact.save()
    return contact


@transaction.atomic
def merge_contacts(keep: Contact, other: Contact) -> Contact:
    """Fold ``other`` into ``keep`` (same owner, same kind): every ask, follow-up and
    link moves over; details ``keep`` lacks are taken; "do not contact" wins."""
    if keep.pk == other.pk or keep.owner_id != other.owner_id or keep.kind != other.kind:
        raise ValueError("Only two different contacts of the same kind can be merged.")
    from nomentum.asks.models import FollowUp

    Ask.objects.filter(person=other).update(person=keep)
    Ask.objects.filter(company=other).update(company=keep)
    Ask.objects.filter(referral=other).update(referral=keep)
    FollowUp.objects.filter(contact=other).update(contact=keep)
    Contact.objects.filter(company=other).update(company=keep)
    Contact.objects.filter(referred_by=other).exclude(pk=keep.pk).update(referred_by=keep)
    for field in ("email", "handle", "notes"):
        if not getattr(keep, field):
            setattr(keep, field, getattr(other, field))
    keep.do_not_contact = keep.do_not_contact or other.do_not_contact
    keep.company = keep.company or (other.company if other.company_id != keep.pk else None)
    other.delete()
    keep.save()
    return keep
