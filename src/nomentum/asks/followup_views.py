from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from nomentum.accounts.models import User
from nomentum.asks import services
from nomentum.asks.access import followups_for_user, get_followup_for_user
from nomentum.asks.calendar import followups_ics
from nomentum.asks.models import FollowUp
from nomentum.errors import Invalid
from nomentum.http import AuthedRequest, next_url


@login_required
def inbox(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    open_ones = followups_for_user(request.user).filter(status=FollowUp.Status.OPEN)
    context = {
        "due": [f for f in open_ones if f.due <= today],
        "later": [f for f in open_ones if f.due > today],
        "today": today,
    }
    return render(request, "asks/followups.html", context)


@login_required
@require_POST
def act(request: AuthedRequest, code, action: str) -> HttpResponse:
    followup = get_followup_for_user(request.user, code)
    if action not in DONE_MESSAGES:
        raise Http404("No such action.")
    try:
        services.settle_followup(followup, action)
    except Invalid as exc:
        messages.info(request, str(exc))
    else:
        messages.success(request, DONE_MESSAGES[action])
    return redirect(next_url(request, reverse("followups:inbox")))


DONE_MESSAGES = {
    "done": "Done. Following up kindly is part of asking well.",
    "snooze": f"Snoozed for {services.SNOOZE_DAYS} days.",
    "dismiss": "Dismissed.",
}


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private calendar feed: the secret token in the URL is the only key."""
    if len(token) < 32:
        raise Http404("No such feed.")
    user = User.objects.filter(ics_token=token, is_active=True).first()
    if user is None:
        raise Http404("No such feed.")
    open_ones = list(followups_for_user(user).filter(status=FollowUp.Status.OPEN))
    response = HttpResponse(followups_ics(open_ones), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
