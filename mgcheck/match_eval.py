"""Measure the food matcher on labelled queries: top-1 accuracy and how often confident matches are right."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import pandas as pd

    from mgcheck.matching import FoodIndex, Match

UNMATCHED = "UNMATCHED"
AMBIGUOUS = "AMBIGUOUS"
# Alternatives whose magnesium per 100 g differs by more than this share make a range.
RANGE_SHARE = 0.25


@dataclass(frozen=True)
class Case:
    """One labelled query: the food ids any of which is right, or UNMATCHED / AMBIGUOUS."""

    query: str
    expected: tuple[str, ...]
    category: str = ""
    split: str = ""


@dataclass(frozen=True)
class Outcome:
    """What the matcher did with one case."""

    case: Case
    kind: str  # "matched", "ambiguous" or "unmatched"
    best: str | None  # the matched food, or the first suggestion when unmatched
    top1: bool
    confident_right: bool | None  # None when the match was not confident


@dataclass
class Scores:
    """Accuracy over a set of cases (all of them, including those whose food the index lacks)."""

    outcomes: list[Outcome] = field(default_factory=list)
    not_evaluable: list[Case] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.outcomes)

    @property
    def top1(self) -> float:
        return sum(o.top1 for o in self.outcomes) / self.n if self.n else 0.0

    @property
    def confident(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.confident_right is not None]

    @property
    def confident_right(self) -> float:
        confident = self.confident
        return sum(bool(o.confident_right) for o in confident) / len(confident) if confident else 1.0

    @property
    def coverage(self) -> float:
        """Share of cases answered with a confident match."""
        return len(self.confident) / self.n if self.n else 0.0

    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.top1 or o.confident_right is False]

    def summary(self) -> str:
        return (
            f"{self.n} cases: top-1 {self.top1:.1%}, confident matches right {self.confident_right:.1%} "
            f"({len(self.confident)} confident, {self.coverage:.1%})"
            + (
                f", {len(self.not_evaluable)} not evaluable (expected food not in the index)"
                if self.not_evaluable
                else ""
            )
        )


def read_cases(path: Path) -> list[Case]:
    """Cases from a CSV with columns query, expected_food_id (ids joined by '|'), category, split."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Case(
                row["query"],
                tuple(row["expected_food_id"].split("|")),
                row.get("category") or "",
                row.get("split") or "",
            )
            for row in csv.DictReader(handle)
        ]


def is_range(index: FoodIndex, match: Match) -> bool:
    """True when a match carries alternatives whose Mg per 100 g differs by more than RANGE_SHARE."""
    if match.food_id is None or not match.alternatives:
        return False
    mg = index.mg_per_100g
    values = [mg[f] for f in (match.food_id, *match.alternatives) if f in mg]
    return bool(values) and max(values) > (1 + RANGE_SHARE) * min(values)


def evaluate(index: FoodIndex, cases: Iterable[Case]) -> Scores:
    """Match every case's query once and score the outcomes."""
    cases = list(cases)
    matches = index.match_many([case.query for case in cases])
    scores = Scores()
    for case in cases:
        labels = set(case.expected)
        if not labels <= {UNMATCHED, AMBIGUOUS} | (set(index.names) - index.id_only_ids):
            # Still scored (the matcher cannot be right), and counted apart in the summary.
            scores.not_evaluable.append(case)
        match = matches[case.query]
        if match.food_id is None:
            kind = "unmatched"
            best = match.suggestions[0].rsplit("(", 1)[1].rstrip(")") if match.suggestions else None
        else:
            kind = "ambiguous" if is_range(index, match) else "matched"
            best = match.food_id
        if UNMATCHED in labels:
            top1 = kind == "unmatched"
        elif AMBIGUOUS in labels:
            top1 = kind == "ambiguous"
        else:
            top1 = best in labels
        confident_right = (best in labels) if kind == "matched" else None
        scores.outcomes.append(Outcome(case, kind, best, top1, confident_right))
    return scores


# Additional-description fragments that qualify a food rather than name it.
_QUALIFIERS = ("ns ", "nfs", "with ", "without ", "from ", "made ", "all ", "other ", "includes ", "any ", "no ", "or ")


def heldout_other_name_cases(foods: pd.DataFrame, limit: int | None = None) -> list[Case]:
    """FNDDS additional descriptions as queries, each expecting its own food.

    Only fragments of two words or more that name something (not "NS as to ...", "with turkey")
    are used. Score them with an index built by `without_other_names`, so no query is in it.
    """
    from mgcheck.text import normalise

    cases: list[Case] = []
    fndds = foods[foods["table"] == "fndds"] if "table" in foods else foods.iloc[0:0]
    for food_id, other in zip(fndds["food_id"], fndds["other_names"].fillna(""), strict=True):
        for fragment in str(other).split(";"):
            key = normalise(fragment)
            if len(key.split()) >= 2 and not key.startswith(_QUALIFIERS) and not any(c.isdigit() for c in key):
                cases.append(Case(fragment.strip(), (str(food_id),), "fndds_other_name", "heldout"))
    cases.sort(key=lambda case: (case.query.lower(), case.expected))
    unique = list({case.query.lower(): case for case in cases}.values())
    return unique[:limit] if limit else unique


def without_other_names(foods: pd.DataFrame) -> pd.DataFrame:
    """The food table with every FNDDS additional description removed (the held-out index)."""
    held = foods.copy()
    if "other_names" in held:
        held["other_names"] = ""
    return cast("pd.DataFrame", held)


def without_own_aliases(index: FoodIndex, aliases: pd.DataFrame, cases: Iterable[Case]) -> pd.DataFrame:
    """The alias rows less those naming one of `cases`' queries (as written or as `index.query_key` reads it, any word order).

    Matching the tune half through an index built with these shows what the fuzzy ranker does with
    text no alias covers, as with text nobody on the team wrote: the curated aliases answer their
    own queries exactly.
    """
    from mgcheck.text import normalise, sorted_key

    named = {sorted_key(key) for case in cases for key in (normalise(case.query), index.query_key(case.query))}
    kept = [sorted_key(normalise(alias)) not in named for alias in aliases["alias"]]
    return cast("pd.DataFrame", aliases[kept])


def mg_equivalent_share(
    index: FoodIndex, scores: Scores, share: float = 0.10, *, confident_only: bool = False
) -> float:
    """Share of answers (the match, or the first suggestion) whose Mg per 100 g is within `share` of the expected food's.

    The figure that matters: the same food is often in both tables under two ids.
    """
    mg = index.mg_per_100g
    outcomes = [o for o in scores.outcomes if o.kind == "matched"] if confident_only else scores.outcomes
    good = 0
    for outcome in outcomes:
        expected = [mg[f] for f in outcome.case.expected if f in mg]
        if outcome.best in mg and expected:
            good += any(abs(mg[outcome.best] - value) <= share * max(value, 1.0) for value in expected)
    return good / len(outcomes) if outcomes else 0.0
