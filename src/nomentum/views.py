from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nomentum.accounts.models import User
from nomentum.asks.access import asks_for_user
from nomentum.asks.forms import AskForm
from nomentum.asks.models import Outcome
from nomentum.insights.queries import user_summary


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not isinstance(user, User):
        return render(request, "landing.html")
    asks = asks_for_user(user)
    context = {
        "form": AskForm(),
        "summary": user_summary(user),
        "recent": asks.filter(self_rejection=False).exclude(outcome=Outcome.PENDING)[:5],
        "waiting": asks.filter(outcome=Outcome.PENDING, self_rejection=False).order_by(
            "date", "id"
        )[:5],
        "self_rejections": asks.filter(self_rejection=True)[:3],
    }
    return render(request, "dashboard.html", context)


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and benchmarks: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "help.html")


def manifest(request: HttpRequest) -> HttpResponse:
    return render(request, "manifest.webmanifest", content_type="application/manifest+json")
