"""Property-based calls to every operation of the OpenAPI schema (schemathesis): no 5xx,
every answer as the schema documents it. Bounded to a few examples per operation."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from nomentum.accounts.services import create_token
from nomentum.asks import services
from nomentum.wsgi import application
from tests.factories import make_plan, start_challenge

# The schema is read through the app itself (no database needed for it).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calls go through the WSGI app, whose request signals would close the database
    connection that holds the test's transaction (Django's test client unhooks them too)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def secret(owner):
    """An account with something in every table, and a token for it."""
    services.log_ask(owner, {"request": "Ask Dana for a referral", "to": "Dana, Acme"})
    services.log_ask(owner, {"request": "Pitch a podcast", "outcome": "no"})
    start_challenge(owner, "100-in-30")
    make_plan(owner, areas=["career"], seed=1)
    return create_token(owner)[1]


# What a well-formed request may still be refused for, as each operation documents it:
# rules a JSON schema cannot state (a date not in the future, a name not taken, dates
# in order, a file that reads as a spreadsheet). Every other operation must accept
# whatever its schema allows. A NUL character is refused everywhere (400), as documented.
DOCUMENTED_422 = {
    "POST /api/asks": "a date in the future",
    "PATCH /api/asks/{code}": "a date in the future",
    "POST /api/asks/{code}/outcome": "a who-else naming no one",
    "PATCH /api/contacts/{code}": "a name another contact has",
    "POST /api/pitches": "a name another pitch has",
    "POST /api/rest": "a day more than a week ago or more than a year ahead",
    "POST /api/challenges/{code}/catch-up": "a challenge within a doable week of its line",
    "PATCH /api/pitches/{code}": "a name another pitch has",
    "POST /api/contacts/{code}/merge": "merging a contact into itself",
    "POST /api/followups/{code}/snooze": "a day that is not after today",
    "POST /api/followups/{code}/done": "a follow-up already settled",
    "POST /api/followups/{code}/dismiss": "a follow-up already settled",
    "POST /api/challenges": "a name taken, an end before the start",
    "POST /api/challenges/{code}/goals": "a goal far above your best week, or too long",
    "POST /api/import": "a file that is not a spreadsheet we can read",
    "POST /api/groups": "an end before the start, a period over a year",
    "GET /api/journal/weeks/{week}": "a week number its year does not have (2025-W53)",
    "PATCH /api/journal/weeks/{week}": "a week number its year does not have",
    "GET /api/journal/weeks/{week}/review": "a week number its year does not have",
    "POST /api/journal/weeks/{week}/feedback": "a week number its year does not have",
    "POST /api/journal/weeks/{week}/share": "a week number its year does not have",
    "POST /api/groups/join": "already in the group, a closed group or full",
    "GET /api/asks": "an outcome that is not one",
}


@schemathesis.check
def refused_only_as_documented(ctx, response, case):
    """Schema-valid input gets a 2xx, a 404 (no such object: codes are just text to a
    schema) or a 409 (the guard), or a refusal the operation documents above."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    status = response.status_code
    if status < 300 or status in (404, 409):
        return None
    if status == 400 and "NUL" in response.text:
        return None
    if status == 422 and case.operation.label in DOCUMENTED_422:
        return None
    raise AssertionError(f"well-formed input refused with {status}: {response.text[:300]}")


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_schema(case, secret):
    response = case.call(headers={"Authorization": f"Bearer {secret}"})
    case.validate_response(
        response,
        additional_checks=[refused_only_as_documented],
        excluded_checks=[
            # The token is real, so "accepts made-up credentials" cannot apply here; the
            # anonymous and wrong-token cases are in test_access.py.
            schemathesis.checks.ignored_auth,
            # Replaced by refused_only_as_documented, which knows the documented refusals.
            schemathesis.checks.positive_data_acceptance,
        ],
    )
