from datetime import date

import pytest

from nomentum.challenges.catalog import TEMPLATES


def test_every_template_has_what_the_start_form_needs():
    assert set(TEMPLATES) == {"100-in-30", "1000-in-365", "monthly-group", "custom"}
    for template in TEMPLATES.values():
        assert template.title and template.summary and template.target >= 1


def test_100_in_30_has_four_stages_with_themes_and_examples():
    stages = TEMPLATES["100-in-30"].stages
    assert [s.name for s in stages] == [
        "Warming up",
        "Raising the stakes",
        "Going big",
        "Maximum boldness",
    ]
    assert all(s.theme and len(s.examples) >= 3 for s in stages)


def test_template_dates_include_leap_days():
    assert TEMPLATES["1000-in-365"].end_for(date(2028, 2, 28)) == date(2029, 2, 26)
    assert TEMPLATES["monthly-group"].end_for(date(2028, 2, 1)) == date(2028, 2, 29)
    assert TEMPLATES["monthly-group"].default_start(date(2026, 11, 22)) == date(2026, 11, 1)
    assert TEMPLATES["monthly-group"].default_name(date(2026, 11, 1)) == "November of NO 2026"
    assert TEMPLATES["100-in-30"].end_for(date(2026, 11, 22)) == date(2026, 12, 21)
    assert TEMPLATES["custom"].end_for(date(2026, 11, 22), days=14) == date(2026, 12, 5)


@pytest.mark.parametrize(
    ("today", "first", "last"),
    [
        (date(2026, 11, 1), date(2026, 11, 1), date(2026, 11, 30)),
        (date(2026, 11, 24), date(2026, 11, 1), date(2026, 11, 30)),
        (date(2026, 11, 25), date(2026, 12, 1), date(2026, 12, 31)),  # too little left
        (date(2026, 12, 28), date(2027, 1, 1), date(2027, 1, 31)),
    ],
)
def test_this_month_means_the_same_for_a_group_and_a_monthly_challenge(today, first, last, db):
    from nomentum.accounts.models import User
    from nomentum.challenges.forms import ChallengeForm
    from nomentum.groups.forms import GroupForm

    user = User.objects.create_user("mo")
    challenge = ChallengeForm.for_template(user, "monthly-group", {}, today)
    group = GroupForm.for_input({"name": "A month of NO"}, today)
    assert challenge.is_valid() and group.is_valid()
    assert (challenge.cleaned_data["start"], challenge.cleaned_data["end"]) == (first, last)
    assert (group.cleaned_data["start"], group.cleaned_data["end"]) == (first, last)
