"""The ethics guard's text check against its evaluation set (issue 13's bar).

For the held-out part of tests/data/guard_*.tsv (every 4th row; the rules were tuned and
the classifier trained on the others) and, for reference, the development part: per
harm category, how many harmful asks are flagged (recall), how many under their own
category and how many by the rules alone; how many benign bold asks are flagged (false
positives); the idea library as a second benign set; and the time one check takes,
beside the cost of logging an ask.

    python bench/guard_eval.py [--errors]

``--errors`` lists what the guard gets wrong in each part. Needs no database.
"""

import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nomentum.settings")

from tests.data import guard_sets  # noqa: E402

from nomentum.asks import guard  # noqa: E402
from nomentum.asks.guard_rules import CATEGORIES  # noqa: E402

RECALL_BAR = 0.97
FALSE_POSITIVE_BAR = 0.03
IDEAS = ROOT / "src" / "nomentum" / "coach" / "ideas"


def uncached() -> None:
    guard._fired.cache_clear()  # every check from scratch: no credit for the caches
    guard._classified.cache_clear()


def check(text: str) -> guard.Verdict:
    uncached()
    return guard.check_text(text)


def by_rules(text: str) -> bool:
    return bool(guard._fired(text))


def report(part: str, show_errors: bool) -> tuple[float, float]:
    harmful = guard_sets.harmful(part)
    benign = guard_sets.benign(part)
    flagged: dict[str, int] = defaultdict(int)
    own: dict[str, int] = defaultdict(int)
    ruled: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    missed, elsewhere = [], []
    for category, text in harmful:
        verdict = check(text)
        total[category] += 1
        if not verdict.allowed:
            flagged[category] += 1
            ruled[category] += by_rules(text)
            if category in verdict.rules:
                own[category] += 1
            else:
                elsewhere.append((category, verdict.rules, text))
        else:
            missed.append((category, text))
    false_positives = [(t, check(t).rules) for t in benign if not check(t).allowed]

    print(f"\n== {part} part: {len(harmful)} harmful, {len(benign)} benign ==")
    print(
        f"{'category':<18}{'asks':>6}{'flagged':>10}{'recall':>9}{'own category':>15}"
        f"{'rules alone':>13}"
    )
    for category in (c.id for c in CATEGORIES):
        n = total[category]
        print(
            f"{category:<18}{n:>6}{flagged[category]:>10}{flagged[category] / n:>9.1%}"
            f"{own[category] / n:>15.1%}{ruled[category] / n:>13.1%}"
        )
    recall = sum(flagged.values()) / len(harmful)
    fp_rate = len(false_positives) / len(benign)
    print(
        f"{'overall':<18}{len(harmful):>6}{sum(flagged.values()):>10}{recall:>9.1%}"
        f"{sum(own.values()) / len(harmful):>15.1%}{sum(ruled.values()) / len(harmful):>13.1%}"
        f"   bar ≥ {RECALL_BAR:.0%}"
    )
    print(
        f"{'benign flagged':<18}{len(benign):>6}{len(false_positives):>10}{fp_rate:>9.1%}"
        f"{'':>15}   bar ≤ {FALSE_POSITIVE_BAR:.0%}"
    )
    if show_errors:
        for category, text in missed:
            print(f"  missed      [{category}] {text}")
        for category, rules, text in elsewhere:
            print(f"  elsewhere   [{category} → {', '.join(rules)}] {text}")
        for text, rules in false_positives:
            print(f"  false alarm [{', '.join(rules)}] {text}")
    return recall, fp_rate


def idea_library() -> None:
    ideas = [
        line.rsplit("|", 1)[-1].strip()
        for path in sorted(IDEAS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    flagged = [t for t in ideas if not check(t).allowed]
    print(f"\nidea library (benign; the classifier learns from it): {len(flagged)} of {len(ideas)}")
    for text in flagged:
        print(f"  false alarm {text}")


def timing() -> None:
    texts = [t for _, t in guard_sets.harmful("all")] + guard_sets.benign("all")
    rounds = []
    guard.check_text("load the classifier once")
    for _ in range(5):
        uncached()
        started = time.perf_counter()
        for text in texts:
            guard.check_text(text)
            uncached()
        rounds.append((time.perf_counter() - started) / len(texts))
    per_check = statistics.median(rounds) * 1e6
    for text in texts:
        guard.check_text(text)
    started = time.perf_counter()
    for text in texts:
        guard.check_text(text)  # the same texts again: the cache answers
    cached = (time.perf_counter() - started) / len(texts) * 1e6
    print(
        f"\ntime per check: {per_check:.0f} µs uncached (median of 5 rounds over "
        f"{len(texts)} texts), {cached:.1f} µs cached"
    )
    print("for scale: logging an ask over HTTP costs a few milliseconds (bench/log_throughput.py)")


def main() -> None:
    show_errors = "--errors" in sys.argv
    print("Ethics guard text rules: harmful asks flagged (recall) and benign asks flagged")
    report("development", show_errors)
    recall, fp_rate = report("held-out", show_errors)
    idea_library()
    timing()
    verdict = "meets" if recall >= RECALL_BAR and fp_rate <= FALSE_POSITIVE_BAR else "misses"
    print(
        f"\nheld-out: recall {recall:.1%} (bar ≥ {RECALL_BAR:.0%}), false positives "
        f"{fp_rate:.1%} (bar ≤ {FALSE_POSITIVE_BAR:.0%}): {verdict} the bar"
    )


if __name__ == "__main__":
    main()
