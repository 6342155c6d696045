"""Print how accept rules beyond the matcher's own would trade right answers for refusals.

For every fuzzy match that is confident (tune half of the labelled set, FNDDS additional
descriptions held out of the index, ASA24-style FNDDS descriptions without their code), its
`MatchSignals`, and for each candidate rule the right and wrong matches it would turn into
unmatched items. Right = the labelled food on the tune half, Mg per 100 g within 10% of the
expected food's on the public sets. The test half is never read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mgcheck.match_eval import Case, heldout_other_name_cases, read_cases, without_other_names
from mgcheck.matching import FoodIndex, MatchSignals, bundled_index
from mgcheck.resources import aliases, bundled_foods

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "matching_cases.csv"
# (label, minimum score, minimum lead over the next defensible food of other Mg)
RULES = [
    ("score >= 80 (not 75)", 80.0, float("-inf")),
    ("score >= 85", 85.0, float("-inf")),
    ("no food of other Mg within 2 points or above", 0.0, 2.0),
    ("... within 4 points", 0.0, 4.0),
    ("... within 6 points", 0.0, 6.0),
]


@dataclass(frozen=True)
class Confident:
    """One confident fuzzy match and whether it is right."""

    evaluation: str
    query: str
    right: bool
    signals: MatchSignals


def confident_matches(name: str, index: FoodIndex, cases: list[Case], by_mg: bool) -> list[Confident]:
    mg = index.mg_per_100g
    found = []
    for case in cases:
        if index.exact_match(case.query) is not None:
            continue
        match, signals = index.decide(case.query)
        if match.food_id is None or signals is None:
            continue
        if by_mg:
            right = any(abs(mg[match.food_id] - mg[e]) <= 0.1 * max(mg[e], 1.0) for e in case.expected if e in mg)
        else:
            right = match.food_id in case.expected
        found.append(Confident(name, case.query, right, signals))
    return found


def main() -> None:
    foods = bundled_foods()
    index = bundled_index()
    held = FoodIndex.build(without_other_names(foods), aliases())
    fndds = foods[foods["table"] == "fndds"]
    export = [Case(n, (f,), "asa24", "public") for f, n in zip(fndds["food_id"], fndds["name"], strict=True)]
    tune = [case for case in read_cases(CASES) if case.split == "tune"]
    matches = (
        confident_matches("tune half", index, tune, by_mg=False)
        + confident_matches("held-out descriptions", held, heldout_other_name_cases(foods), by_mg=True)
        + confident_matches("ASA24-style", index, export, by_mg=True)
    )
    evaluations = list(dict.fromkeys(m.evaluation for m in matches))
    print(
        "confident fuzzy matches: " + ", ".join(f"{e} {sum(m.evaluation == e for m in matches)}" for e in evaluations)
    )
    for label, score, margin in RULES:
        dropped = [m for m in matches if m.signals.score < score or m.signals.margin < margin]
        parts = []
        for evaluation in evaluations:
            mine = [m for m in dropped if m.evaluation == evaluation]
            right = sum(m.right for m in mine)
            parts.append(f"{evaluation}: {right} right, {len(mine) - right} wrong")
        print(f"{label}: " + "; ".join(parts))
    print("wrong confident fuzzy matches on the tune half: " + ", ".join(
        repr(m.query) for m in matches if m.evaluation == "tune half" and not m.right
    ))  # fmt: skip


if __name__ == "__main__":
    main()
