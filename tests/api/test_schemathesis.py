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
        excluded_checks=[
            # The token is real, so "accepts made-up credentials" cannot apply here; the
            # anonymous and wrong-token cases are in test_access.py.
            schemathesis.checks.ignored_auth,
            # Input can be well-formed and still be refused with a 422 and a reason (a
            # date in the future, an empty request, asking someone who said no).
            schemathesis.checks.positive_data_acceptance,
        ],
    )
