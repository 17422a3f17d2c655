"""Train the guard's classifier and write src/nomentum/asks/guard_model.json.

    pip install -e '.[guard-training]'
    python scripts/train_guard_model.py

Reads only the development part of tests/data/guard_*.tsv (the held-out part stays
unseen) and, as benign asks, the idea library (which must pass the guard). Two logistic
regressions over ``guard_model.features``: harmful or not, and, for harmful asks, which
category. The threshold is chosen from out-of-fold scores on
the development part: the lowest that keeps benign asks flagged at or under
FALSE_ALARMS. Deterministic: the same data gives the same file.
"""

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.data import guard_sets  # noqa: E402

from nomentum.asks import guard_model  # noqa: E402
from nomentum.asks.guard_rules import CATEGORIES  # noqa: E402
from nomentum.coach.library import library  # noqa: E402

FALSE_ALARMS = 0.02  # benign development asks the classifier alone may flag (out of fold)
HARM_C = 10.0  # inverse regularisation strength, chosen on fresh batches before appending
CATEGORY_C = 10.0
DECIMALS = 4


def vectoriser() -> TfidfVectorizer:
    # Binary features scaled to unit length: what guard_model.read computes.
    return TfidfVectorizer(analyzer=guard_model.features, use_idf=False, binary=True)


def harm_model(texts: list[str], labels: np.ndarray) -> tuple[dict, float]:
    vec = vectoriser()
    x = vec.fit_transform(texts)
    regression = LogisticRegression(C=HARM_C, max_iter=10_000, class_weight="balanced")
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    scores = cross_val_predict(regression, x, labels, cv=folds, method="predict_proba")[:, 1]
    benign = np.sort(scores[labels == 0])
    threshold = float(benign[int(np.ceil(len(benign) * (1 - FALSE_ALARMS))) - 1]) + 1e-4
    caught = float((scores[labels == 1] >= threshold).mean())
    print(f"threshold {threshold:.3f}: out of fold, {caught:.1%} of harmful asks flagged")
    regression.fit(x, labels)
    names = vec.get_feature_names_out()
    weights = {
        str(n): round(float(w), DECIMALS)
        for n, w in zip(names, regression.coef_[0], strict=True)
        if round(float(w), DECIMALS)
    }
    return {"weights": weights, "bias": float(regression.intercept_[0])}, threshold


def category_model(texts: list[str], categories: list[str]) -> dict:
    vec = vectoriser()
    x = vec.fit_transform(texts)
    regression = LogisticRegression(C=CATEGORY_C, max_iter=10_000)
    regression.fit(x, categories)
    ids = [str(c) for c in regression.classes_]
    weights = {}
    for j, name in enumerate(vec.get_feature_names_out()):
        row = [round(float(w), DECIMALS) for w in regression.coef_[:, j]]
        if any(row):
            weights[str(name)] = row
    return {"ids": ids, "weights": weights, "bias": [float(b) for b in regression.intercept_]}


def main() -> None:
    harmful = guard_sets.harmful("development")
    benign = guard_sets.benign("development") + [idea.text for idea in library()]
    known = {c.id for c in CATEGORIES}
    unknown = {c for c, _ in harmful} - known
    if unknown:
        raise SystemExit(f"unknown categories in the evaluation set: {sorted(unknown)}")
    texts = [t for _, t in harmful] + benign
    labels = np.array([1] * len(harmful) + [0] * len(benign))
    harm, threshold = harm_model(texts, labels)
    harm["threshold"] = round(threshold, DECIMALS)
    category = category_model([t for _, t in harmful], [c for c, _ in harmful])
    data = {
        "trained_on": {"harmful": len(harmful), "benign": len(benign)},
        "features": "guard_model.features",
        "harm": harm,
        "category": category,
    }
    guard_model.MODEL.write_text(
        json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8"
    )
    size = guard_model.MODEL.stat().st_size
    print(f"wrote {guard_model.MODEL.relative_to(ROOT)} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
