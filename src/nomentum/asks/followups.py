"""Follow-ups after an answer, as data (``SUGGESTIONS``) read by one small engine.

After a no: thank them, ask for advice or a referral, and later a progress update.
After silence: one polite nudge, a week after the ask (a second one only if the user
allows two). After a yes: a thank-you. If they invited a later ask: a reminder on
that day.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from nomentum.asks.models import Ask, FollowUp, Outcome

K = FollowUp.Kind

# outcome -> (kind, days after the answer, text)
SUGGESTIONS = {
    Outcome.NO: (
        (K.THANK_YOU, 0, "Thank {who} for the clear answer"),
        (K.ADVICE, 2, "Ask {who} for one piece of advice, or who else might say yes"),
        (K.PROGRESS, 90, "Send {who} a short update on how things went"),
    ),
    Outcome.YES: ((K.THANK_YES, 0, "Thank {who} for saying yes"),),
    Outcome.PARTIAL: ((K.THANK_YOU, 0, "Thank {who} and answer the counter-offer"),),
    Outcome.NO_RESPONSE: (),  # nudges are handled below: they count from the ask
}
NUDGE_TEXT = "One polite nudge to {who} about: {request}"
NUDGE_AFTER_DAYS = 7
TRY_AGAIN_TEXT = "{who} invited you to ask again from today: {request}"


def _who(ask: Ask) -> str:
    return ask.to or "them"


def _contact(ask: Ask):
    return ask.person or ask.company


@transaction.atomic
def refresh_for(ask: Ask, today: date | None = None) -> list[FollowUp]:
    """Replace the open suggestions of ``ask`` with the ones its outcome calls for."""
    today = today or timezone.localdate()
    ask.followups.filter(status=FollowUp.Status.OPEN).exclude(kind=K.OWN).delete()
    if ask.self_rejection or ask.outcome == Outcome.PENDING:
        return []
    answered = ask.answered_on or today
    made = [
        FollowUp(
            owner=ask.owner,
            ask=ask,
            contact=_contact(ask),
            kind=kind,
            text=text.format(who=_who(ask))[:300],
            due=answered + timedelta(days=days),
        )
        for kind, days, text in SUGGESTIONS.get(Outcome(ask.outcome), ())
    ]
    if ask.outcome == Outcome.NO_RESPONSE and _nudges_done(ask) < ask.owner.max_nudges:
        made.append(_nudge(ask, max(today, ask.date + timedelta(days=NUDGE_AFTER_DAYS))))
    if ask.outcome == Outcome.NO and ask.invited_after:
        made.append(
            FollowUp(
                owner=ask.owner,
                ask=ask,
                contact=_contact(ask),
                kind=K.TRY_AGAIN,
                text=TRY_AGAIN_TEXT.format(who=_who(ask), request=ask.request)[:300],
                due=ask.invited_after + timedelta(days=1),
            )
        )
    return FollowUp.objects.bulk_create(made)


def _nudges_done(ask: Ask) -> int:
    return ask.followups.filter(kind=K.NUDGE, status=FollowUp.Status.DONE).count()


def _nudge(ask: Ask, due: date) -> FollowUp:
    text = NUDGE_TEXT.format(who=_who(ask), request=ask.request)[:300]
    return FollowUp(
        owner=ask.owner, ask=ask, contact=_contact(ask), kind=K.NUDGE, text=text, due=due
    )


@transaction.atomic
def complete(followup: FollowUp, today: date | None = None) -> FollowUp:
    today = today or timezone.localdate()
    followup.status, followup.done_on = FollowUp.Status.DONE, today
    followup.save(update_fields=["status", "done_on"])
    ask = followup.ask
    if (
        followup.kind == K.NUDGE
        and ask is not None
        and ask.outcome in (Outcome.NO_RESPONSE, Outcome.PENDING)
        and _nudges_done(ask) < ask.owner.max_nudges
    ):
        _nudge(ask, today + timedelta(days=NUDGE_AFTER_DAYS)).save()
    return followup


@transaction.atomic
def snooze(followup: FollowUp, until: date) -> FollowUp:
    followup.due = until
    followup.save(update_fields=["due"])
    return followup


@transaction.atomic
def dismiss(followup: FollowUp) -> FollowUp:
    followup.status = FollowUp.Status.DISMISSED
    followup.save(update_fields=["status"])
    return followup
