"""The Insights page and its fear chart: every figure with a table beside it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from nomentum.http import AuthedRequest
from nomentum.insights import charts, services
from nomentum.insights.figures import TYPICAL_MINIMUM


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    found, mix = services.insights_and_mix(request.user, timezone.localdate())
    context = {
        "i": found,
        "mix": mix,
        "typical_minimum": TYPICAL_MINIMUM,
        "max_day": max((n for _, n in found.days), default=0),
    }
    return render(request, "insights/index.html", context)


@login_required
def fear_chart(request: AuthedRequest) -> HttpResponse:
    curve = services.fear_curve(request.user)
    svg = charts.fear_svg(
        [f"{w.start:%-d %b}" for w in curve],
        [w.scores.fear for w in curve],
        [w.scores.sting for w in curve],
        dark=request.GET.get("theme") == "dark",
    )
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=60"
    return response
