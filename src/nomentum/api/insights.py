"""Insights: every figure of the Insights page as numbers, with interval bounds."""

from django.utils import timezone
from ninja import Router
from ninja.responses import Status

from nomentum.api.core import ERRORS
from nomentum.http import AuthedRequest
from nomentum.insights import services
from nomentum.insights.schemas import InsightsOut

router = Router(tags=["insights"])


@router.get("/insights", response={200: InsightsOut, **ERRORS})
def insights(request: AuthedRequest):
    """Your fear curve, ladder calibration, rates by method, category and weekday,
    objections, time to answer, follow-up conversion, forecasts, streak and badges."""
    found, mix = services.insights_and_mix(request.user, timezone.localdate())
    return Status(200, InsightsOut.of(found, mix))
