"""Print the matcher's accuracy on each half of the labelled set (tune, test) and on public FNDDS text.

The public evaluations: FNDDS additional descriptions held out from the index (query = an
additional description, expected = its food), and ASA24/NHANES-style item descriptions (the
FNDDS main description an export writes, matched as text without its food code).
`--without-own-aliases` also scores the tune half through an index without the aliases that name
its queries: what the fuzzy ranker does with text no alias covers.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from mgcheck.match_eval import (
    Case,
    Scores,
    evaluate,
    heldout_other_name_cases,
    mg_equivalent_share,
    read_cases,
    without_other_names,
    without_own_aliases,
)
from mgcheck.matching import FoodIndex, bundled_index

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "matching_cases.csv"


def print_errors(scores: Scores) -> None:
    """One line per error: the query, the food ids expected, what the matcher answered."""
    for outcome in scores.errors():
        case = outcome.case
        print(f"  {case.query!r} expected {'|'.join(case.expected)} got {outcome.kind} {outcome.best}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--errors",
        choices=["tune", "test", "bare"],
        help="list the errors of one half ('bare': the tune half's without the aliases naming its queries)",
    )
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--public", action="store_true", help="also run the evaluations on FNDDS text")
    parser.add_argument(
        "--tune-only", action="store_true", help="leave the test half unscored (while choosing rules or parameters)"
    )
    parser.add_argument(
        "--without-own-aliases",
        action="store_true",
        help="also score the tune half with the aliases that name its queries left out of the index",
    )
    args = parser.parse_args()
    if args.tune_only and args.errors == "test":
        parser.error("--errors test needs the test half")
    if args.errors == "bare" and not args.without_own_aliases:
        parser.error("--errors bare needs --without-own-aliases")
    cases = read_cases(args.cases)
    index = bundled_index()
    for half in ("tune",) if args.tune_only else ("tune", "test"):
        scores = evaluate(index, [c for c in cases if c.split == half])
        print(f"{half}: {scores.summary()}")
        if args.errors == half:
            print_errors(scores)
    if args.without_own_aliases:
        from mgcheck.tables import combined_aliases, combined_foods, id_only_tables

        tune = [c for c in cases if c.split == "tune"]
        kept = without_own_aliases(index, combined_aliases(matching_only=True), tune)
        bare = FoodIndex.build(combined_foods(), kept, id_only_tables())
        scores = evaluate(bare, tune)
        print(
            f"tune half without the aliases naming its queries: {scores.summary()}; "
            f"Mg within 10% of the expected food: confident answers {mg_equivalent_share(bare, scores, confident_only=True):.1%}"
        )
        if args.errors == "bare":
            print_errors(scores)
    if args.public:
        from mgcheck.resources import aliases, bundled_foods

        foods = bundled_foods()
        held = FoodIndex.build(without_other_names(foods), aliases())
        heldout = evaluate(held, heldout_other_name_cases(foods))
        print(
            f"FNDDS additional descriptions held out: {heldout.summary()}; "
            f"Mg within 10% of the expected food: answers {mg_equivalent_share(held, heldout):.1%}, "
            f"confident answers {mg_equivalent_share(held, heldout, confident_only=True):.1%}"
        )
        fndds = foods[foods["table"] == "fndds"] if "table" in foods else foods.iloc[0:0]
        export = [Case(name, (food_id,), "asa24_description", "public") for food_id, name in
                  zip(fndds["food_id"], fndds["name"], strict=True)]  # fmt: skip
        described = evaluate(index, export)
        print(
            f"ASA24/NHANES descriptions without their code: {described.summary()}; "
            f"Mg within 10% of the coded food: answers {mg_equivalent_share(index, described):.1%}, "
            f"confident answers {mg_equivalent_share(index, described, confident_only=True):.1%}"
        )


if __name__ == "__main__":
    main()
