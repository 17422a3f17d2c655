from nomentum.insights.stats import outcome_summary


def test_yes_rate_counts_only_answered_asks():
    summary = outcome_summary({"yes": 3, "no": 12, "no_response": 4, "pending": 5, "partial": 1})
    assert summary["asks"] == 25
    assert summary["answered"] == 20
    assert summary["yes_rate"] == 0.15


def test_yes_rate_is_none_before_any_answer():
    summary = outcome_summary({"pending": 2})
    assert summary["asks"] == 2
    assert summary["yes_rate"] is None


def test_missing_outcomes_are_zero_and_rate_is_rounded():
    summary = outcome_summary({"yes": 1, "no": 2}, self_rejections=4)
    assert summary["outcomes"] == {"yes": 1, "no": 2, "no_response": 0, "pending": 0, "partial": 0}
    assert summary["yes_rate"] == 0.3333
    assert summary["self_rejections"] == 4
