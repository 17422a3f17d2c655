"""Export, then import into a fresh account: every field comes back (hypothesis over
random asks with unicode, newlines, commas, quotes and formula-like text)."""

from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from nomentum.accounts.models import User
from nomentum.asks import services
from nomentum.asks.forms import AskForm
from nomentum.asks.models import Ask, Category, Method, Outcome, Tier
from nomentum.portability import export, importer

TRICKY = st.sampled_from(["=SUM(A1)", "+1", "-2", "@me", ",", '"', "'", "\n", ";", "\t", "é", "ß"])
TEXT = st.lists(
    st.one_of(
        TRICKY,
        st.text(
            alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Co")),
            min_size=1,
            max_size=12,
        ),
    ),
    max_size=5,
).map("".join)
NAME = st.text(
    alphabet=st.characters(
        whitelist_categories=("Lu", "Ll", "Nd"), blacklist_characters=",", max_codepoint=0x2FF
    ),
    min_size=1,
    max_size=10,
)
WHO = st.one_of(
    st.just(""),
    NAME,
    st.tuples(NAME, NAME).map(", ".join),
    NAME.map(lambda n: f"{n} Corp"),
)
ASK = st.fixed_dictionaries(
    {
        "request": TEXT.filter(lambda t: t.strip() != ""),
        "to": WHO,
        "date": st.dates(date(2000, 1, 1), date(2026, 11, 1)),
        "outcome": st.sampled_from(Outcome.values),
        "method": st.sampled_from(["", *Method.values]),
        "tier": st.sampled_from(["", *Tier.values]),
        "category": st.sampled_from(["", *Category.values]),
        "fear_before": st.one_of(st.none(), st.integers(0, 10)),
        "sting_after": st.one_of(st.none(), st.integers(0, 10)),
        "lessons": TEXT,
        "follow_up": TEXT,
        "notes": TEXT,
        "game_changer": st.booleans(),
    }
)
FIELDS = (
    "date",
    "request",
    "outcome",
    "method",
    "tier",
    "category",
    "fear_before",
    "sting_after",
    "lessons",
    "follow_up",
    "notes",
    "game_changer",
    "to",
)


def _snapshot(user: User) -> list[tuple]:
    asks = Ask.objects.filter(owner=user).select_related("person", "company")
    return sorted(
        (
            *(getattr(a, f) for f in FIELDS),
            a.person.name if a.person else None,
            a.company.name if a.company else None,
        )
        for a in asks
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(asks=st.lists(ASK, min_size=1, max_size=4, unique_by=lambda a: a["request"].strip()))
def test_export_then_import_loses_nothing(db, kind, asks):
    owner, _ = User.objects.get_or_create(username="writer")
    fresh, _ = User.objects.get_or_create(username="reader")
    Ask.objects.filter(owner__in=[owner, fresh]).delete()
    for data in asks:
        form = AskForm({k: v for k, v in data.items() if v not in (None, False)})
        assume(form.is_valid())
        services.log_ask(owner, {**form.cleaned_data, "override": True}, history=True)
    content = export.asks_csv(owner) if kind == "csv" else export.asks_xlsx(owner)
    result = importer.run(fresh, content, f"log.{kind}", override=True)
    assert result.problems == []
    assert _snapshot(fresh) == _snapshot(owner)
