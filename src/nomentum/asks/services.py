"""The use cases of asks, contacts and follow-ups: every change, and every read that
has rules, whichever door it comes in by (web page, htmx, admin, API, CLI, import).
The doors parse their input with the app's forms, call one of these, and render the
result with the app's schemas."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from nomentum import ai
from nomentum.accounts.models import IDEMPOTENCY_KEY_MAX, IdempotencyKey, User
from nomentum.asks import followups, guard
from nomentum.asks.access import asks_for_user, followups_for_user, pitches_for_user
from nomentum.asks.celebrations import Celebration, celebrate
from nomentum.asks.guard_rules import FORMER_IDS
from nomentum.asks.models import ASK_FIELDS, Ask, Contact, FollowUp, Outcome, Pitch
from nomentum.asks.names import parse_to
from nomentum.errors import Invalid, Refused
from nomentum.groups import counters
from nomentum.insights import tallies


class AskRefused(Refused):
    """The ethics guard said no; ``verdict`` explains why and what to do instead."""

    def __init__(self, verdict: guard.Verdict):
        self.verdict = verdict
        super().__init__(verdict.message(), verdict.hard, verdict.rules, verdict.alternative)


@dataclass(frozen=True)
class Saved:
    ask: Ask
    celebration: Celebration | None = None
    replayed: bool = False  # an idempotent retry: the ask logged the first time


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
    return guard.verdict_for(text_verdict(text), findings)


def text_verdict(text: str) -> guard.Verdict:
    """The text rules' verdict, and the AI endpoint's second opinion when one is set up
    (it can add a flag, never remove one)."""
    verdict = guard.check_text(text)
    if text and ai.configured():
        verdict = guard.with_flags(verdict, ai.guard_opinion(text, guard.categories()))
    return verdict


def guard_ask(user: User, text: str, to: str = "", day: date | None = None) -> guard.Verdict:
    """What the guard says of a prospective ask to whoever ``to`` names (nothing saved)."""
    named = lookup_contacts(user, to)
    return check_ask(user, text, named.person, named.company, day or timezone.localdate())


def may_ask(contact: Contact, day: date | None = None) -> guard.Verdict:
    """Whether the guard lets the owner ask this contact again today."""
    is_person = contact.kind == Contact.Kind.PERSON
    return check_ask(
        contact.owner,
        "",
        contact if is_person else None,
        None if is_person else contact,
        day or timezone.localdate(),
    )


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
    if "pitch" in data:
        ask.pitch = resolve_pitch(ask.owner, data["pitch"])
    if data.get("who_else"):
        ask.referral = _referral(ask, data["who_else"])


def resolve_pitch(user: User, name: str | None) -> Pitch | None:
    """The user's pitch with this name (any case), made now if there is none yet."""
    name = " ".join((name or "").split())
    if not name:
        return None
    found = pitches_for_user(user).filter(name__iexact=name).first()
    return found or Pitch.objects.create(owner=user, name=name)


def save_pitch(user: User, data: dict[str, Any], pitch: Pitch | None = None) -> Pitch:
    """Create a pitch, or change one's name and message (see ``PitchForm``)."""
    pitch = pitch or Pitch(owner=user)
    pitch.name, pitch.text = data["name"], data.get("text", "")
    pitch.save()
    return pitch


def pitches_with_counts(user: User):
    """The user's pitches, each with ``n`` asks made with it, ``settled`` (answered or
    silent), ``replied`` and ``yes``."""
    made = Q(asks__self_rejection=False)
    return (
        pitches_for_user(user)
        .annotate(
            n=Count("asks", filter=made),
            settled=Count("asks", filter=made & Q(asks__outcome__in=tallies.SETTLED)),
            replied=Count("asks", filter=made & Q(asks__outcome__in=tallies.REPLIED)),
            yes=Count("asks", filter=made & Q(asks__outcome="yes")),
        )
        .order_by("retired", "name")
    )  # a grouped query drops the model's own order


def retire_pitch(pitch: Pitch, retired: bool = True) -> Pitch:
    """Retire a pitch (its asks keep it; it leaves the log form's suggestions), or bring
    it back."""
    pitch.retired = retired
    pitch.save(update_fields=["retired"])
    return pitch


def _stamp_answer(ask: Ask, previous: str | None, on: date | None = None) -> None:
    if ask.outcome == Outcome.PENDING:
        ask.answered_on = None
    elif ask.outcome != previous or ask.answered_on is None:
        ask.answered_on = on or timezone.localdate()


def asks_changed(owner_id: int, asks: Iterable[Ask] = (), gone: Iterable[Ask] = ()) -> None:
    """Every change to a user's asks ends here, inside its transaction (``asks`` saved,
    ``gone`` deleted): the insights' tallies and the group counters follow it."""
    asks, gone = list(asks), list(gone)
    days = {a.date for a in asks + gone} | {a.tallied[0] for a in asks if a.tallied}
    tallies.asks_changed(owner_id, asks, gone)
    counters.asks_changed(owner_id, days, asks)


def log_ask(user: User, data: dict[str, Any], history: bool = False, batch: bool = False) -> Saved:
    """Log a new ask from cleaned data (see ``AskForm``).

    The ethics guard reads before the write transaction starts, so SQLite's write
    lock is held only for the inserts (a refused ask writes nothing at all).
    ``history``: the ask was made already (an import): the rules about whom you may ask
    next don't apply to it — only the text rules do — and it counts for them from now on;
    ``batch``: the caller calls ``asks_changed`` once for all the asks it logs.
    """
    day = data.get("date") or timezone.localdate()
    named = lookup_contacts(user, data.get("to") or "")
    text = data.get("request", "")
    if history:
        verdict = guard.check_text(text)
    else:
        verdict = check_ask(user, text, named.person, named.company, day)
    with transaction.atomic():
        ask = Ask(owner=user)
        _enforce(ask, verdict, bool(data.get("override")))
        _apply(ask, {k: v for k, v in data.items() if k != "to"} | {"date": day})
        ask.person, ask.company = resolve_contacts(user, "", named)
        _stamp_answer(ask, None)
        ask.save()
        if ask.outcome != Outcome.PENDING:  # a new pending ask has nothing to follow up yet
            followups.refresh_for(ask)
        if not batch:
            asks_changed(user.pk, [ask])
    return Saved(ask, _celebration(ask, Outcome.PENDING))


@transaction.atomic
def update_ask(ask: Ask, data: dict[str, Any]) -> Saved:
    tallies.lock(ask)
    previous = ask.outcome
    before = (ask.request, ask.person_id, ask.company_id, ask.invited_after)
    _apply(ask, data)
    if (ask.request, ask.person_id, ask.company_id) != before[:3]:
        verdict = check_ask(
            ask.owner, ask.request, ask.person, ask.company, ask.date, exclude=ask.pk
        )
        overridden = {FORMER_IDS.get(r, r) for r in ask.guard_override}
        if not verdict.allowed and set(verdict.rules) <= overridden:
            verdict = guard.check_text("")  # the same rules were already overridden
        _enforce(ask, verdict, bool(data.get("override")))
    _stamp_answer(ask, previous)
    ask.save()
    if ask.outcome != previous or ask.invited_after != before[3]:
        followups.refresh_for(ask)
    asks_changed(ask.owner_id, [ask])
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
    tallies.lock(ask)
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
    asks_changed(ask.owner_id, [ask])
    return Saved(ask, _celebration(ask, previous))


KEY_TOO_LONG = f"An idempotency key has at most {IDEMPOTENCY_KEY_MAX} characters."


def fingerprint(request: dict[str, Any]) -> str:
    """What identifies a request for an idempotency key: its fields, in any order."""
    canonical = json.dumps(request, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def log_ask_once(user: User, data: dict[str, Any], key: str, fingerprint: str) -> Saved:
    """``log_ask``, once per idempotency key: a retry with the same key and request gets
    the first ask back (``Saved.replayed``), whenever it comes — even while the first is
    still being written, since the key is claimed in the same transaction and a second
    writer waits for it. The same key with another request is ``Invalid``."""
    if len(key) > IDEMPOTENCY_KEY_MAX:
        raise Invalid({"key": [KEY_TOO_LONG]})
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: the key may be taken already
                claim = IdempotencyKey.objects.create(user=user, key=key, fingerprint=fingerprint)
        except IntegrityError:
            first = IdempotencyKey.objects.select_related("ask").get(user=user, key=key)
            if first.fingerprint != fingerprint:
                raise Invalid(
                    {"key": ["This idempotency key was used for a different ask; use a new key."]}
                ) from None
            if first.ask is None:  # the first request failed and left its claim
                first.delete()
                return log_ask_once(user, data, key, fingerprint)
            return Saved(first.ask, replayed=True)
        saved = log_ask(user, data)
        claim.ask = saved.ask
        claim.save(update_fields=["ask"])
    return saved


def record_answer(ask: Ask, data: dict[str, Any]) -> Saved:
    """``record_outcome`` from cleaned ``OutcomeForm`` data, as the doors have it."""
    miner = {
        k: data[k]
        for k in ("objections", "missing_skill", "who_else", "invited_after")
        if data.get(k)
    }
    return record_outcome(
        ask, data["outcome"], sting=data.get("sting_after"), lesson=data.get("lesson"), miner=miner
    )


@transaction.atomic
def delete_ask(ask: Ask) -> None:
    owner_id = ask.owner_id
    tallies.lock(ask)
    ask.delete()
    asks_changed(owner_id, gone=[ask])


@transaction.atomic
def ask_after_all(ask: Ask) -> Saved:
    """The user went and made an ask they had talked themselves out of."""
    tallies.lock(ask)
    ask.self_rejection = False
    ask.date = timezone.localdate()
    ask.outcome = Outcome.PENDING
    ask.answered_on = None
    ask.save()
    asks_changed(ask.owner_id, [ask])
    return Saved(ask)


def list_asks(user: User, outcome: str = "", since: date | None = None, oldest_first=False):
    """The asks made (not the self-rejections), newest first unless asked otherwise."""
    asks = asks_for_user(user).filter(self_rejection=False)
    if oldest_first:
        asks = asks.order_by("date", "id")
    if outcome:
        if outcome not in Outcome.values:
            raise Invalid({"outcome": ["Outcome is one of: " + ", ".join(Outcome.values) + "."]})
        asks = asks.filter(outcome=outcome)
    if since:
        asks = asks.filter(date__gte=since)
    return asks


def asks_to(contact: Contact):
    """The owner's asks to this person or company."""
    return asks_for_user(contact.owner).filter(Q(person=contact) | Q(company=contact))


def open_followups(user: User, due_only: bool = True, today: date | None = None):
    """Open follow-ups, oldest due first: those due today or earlier, or all of them."""
    found = followups_for_user(user).filter(status=FollowUp.Status.OPEN)
    if due_only:
        found = found.filter(due__lte=today or timezone.localdate())
    return found


def stale_pending(user: User, today: date | None = None):
    cutoff = (today or timezone.localdate()) - timedelta(days=user.no_response_days)
    return Ask.objects.filter(
        owner=user, outcome=Outcome.PENDING, self_rejection=False, date__lte=cutoff
    )


@transaction.atomic
def mark_stale_as_no_response(user: User, today: date | None = None) -> int:
    """Pending asks older than the user's wait become "no response"."""
    today = today or timezone.localdate()
    stale = list(
        stale_pending(user, today)
        .select_for_update(of=("self",))
        .select_related("person", "company", "owner")
    )
    for ask in stale:
        ask.outcome, ask.answered_on = Outcome.NO_RESPONSE, today
        ask.save(update_fields=["outcome", "answered_on", "updated_at"])
        followups.refresh_for(ask, today)
    asks_changed(user.pk, stale)
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
    link moves over; details ``keep`` lacks are taken; "do not contact" wins.
    Group counts don't change: they count asks, not whom they went to."""
    if keep.pk == other.pk or keep.owner_id != other.owner_id or keep.kind != other.kind:
        raise Invalid({"other": ["Only two different contacts of the same kind can be merged."]})
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


SNOOZE_DAYS = 3  # a snooze from the web page's button


def settle_followup(
    followup: FollowUp, action: str, until: date | None = None, today: date | None = None
) -> FollowUp:
    """Mark a follow-up done, snooze it (until a day after today; the button: 3 days),
    or dismiss it."""
    today = today or timezone.localdate()
    if followup.status != FollowUp.Status.OPEN:
        raise Invalid({"__all__": ["This follow-up is already settled."]})
    if action == "done":
        return followups.complete(followup, today)
    if action == "dismiss":
        return followups.dismiss(followup)
    if action != "snooze":
        raise Invalid({"action": ["A follow-up is done, snoozed or dismissed."]})
    until = until or today + timedelta(days=SNOOZE_DAYS)
    if until <= today:
        raise Invalid({"until": ["Snooze until a day after today."]})
    return followups.snooze(followup, until)
