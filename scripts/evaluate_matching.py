"""Print the matcher's accuracy on each half of the labelled set (tune, test), and its errors on request."""

from __future__ import annotations

import argparse
from pathlib import Path

from mgcheck.match_eval import evaluate, read_cases
from mgcheck.matching import bundled_index

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "matching_cases.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", choices=["tune", "test"], help="list the errors of one half")
    parser.add_argument("--cases", type=Path, default=CASES)
    args = parser.parse_args()
    cases = read_cases(args.cases)
    index = bundled_index()
    for half in ("tune", "test"):
        scores = evaluate(index, [c for c in cases if c.split == half])
        print(f"{half}: {scores.summary()}")
        if args.errors == half:
            for outcome in scores.errors():
                case = outcome.case
                print(f"  {case.query!r} expected {'|'.join(case.expected)} got {outcome.kind} {outcome.best}")


if __name__ == "__main__":
    main()
