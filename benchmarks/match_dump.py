#!/usr/bin/env python3
"""Dump every match the matcher gives on fixed text sets, so a speed change can be shown to change no result.

One JSON line per (set, text): the matched food, method, score, reason, suggestions and
alternatives of `match_many`, and the ranking behind it (the best RANKED candidates with their
scores to 6 decimals). The sets: both halves of the labelled cases, the public FNDDS sets
(additional descriptions held out, ASA24/NHANES descriptions, as `scripts/evaluate_matching.py
--public` scores them), the benchmark's free texts and its 3,000 SR28 names, and the distinct
texts of the benchmark's project study. Compare two dumps with `diff` (or `--compare A B`).

Usage: python benchmarks/match_dump.py OUT.jsonl [--sets labelled,public,free,sr28,study]
       python benchmarks/match_dump.py --compare BEFORE.jsonl AFTER.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = 20261121
RANKED = 8
SETS = ("labelled", "public", "free", "sr28", "study")


def _texts(sets: list[str]) -> list[tuple[str, str, list[str]]]:
    """(set name, index kind, texts) for the chosen sets; index kind "held" is the index without FNDDS other names."""
    sys.path.insert(0, str(HERE))
    from generate import HOME_DISHES, vocabulary
    from run import free_texts

    from mgcheck.match_eval import heldout_other_name_cases, read_cases
    from mgcheck.resources import bundled_foods

    chosen: list[tuple[str, str, list[str]]] = []
    if "labelled" in sets:
        cases = read_cases(ROOT / "tests" / "data" / "matching_cases.csv")
        for half in ("tune", "test"):
            chosen.append((f"labelled_{half}", "bundled", [c.query for c in cases if c.split == half]))
    foods = bundled_foods()
    if "public" in sets:
        chosen.append(("public_heldout", "held", [c.query for c in heldout_other_name_cases(foods)]))
        fndds = foods[foods["table"] == "fndds"] if "table" in foods else foods.iloc[0:0]
        chosen.append(("public_asa24", "bundled", list(fndds["name"])))
    if "free" in sets:
        chosen.append(("free", "bundled", free_texts(2000, SEED)))
    if "sr28" in sets:
        rng = random.Random(SEED)
        names = sorted(foods.loc[foods["table"] == "sr28", "name"])
        chosen.append(("sr28", "bundled", rng.sample(names, 3000)))
    if "study" in sets:
        texts = [text for text, _ in vocabulary(random.Random(SEED))]
        chosen.append(("study", "bundled", [*dict.fromkeys(texts), *HOME_DISHES, "magnesium citrate"]))
    return chosen


def dump(out: Path, sets: list[str]) -> None:
    from mgcheck.match_eval import without_other_names
    from mgcheck.matching import FoodIndex, bundled_index
    from mgcheck.resources import aliases, bundled_foods

    indexes = {"bundled": bundled_index()}
    with out.open("w", encoding="utf-8") as handle:
        for name, kind, texts in _texts(sets):
            if kind not in indexes:
                indexes[kind] = FoodIndex.build(without_other_names(bundled_foods()), aliases())
            index = indexes[kind]
            matches = index.match_many(texts)
            for text in dict.fromkeys(texts):
                match = matches[text]
                ranked = index.ranked(text)[:RANKED] if match.method in ("fuzzy", "none") else []
                record = {
                    "set": name,
                    "text": text,
                    "food_id": match.food_id,
                    "method": match.method,
                    "score": f"{match.score:.6f}",
                    "reason": match.reason,
                    "suggestions": list(match.suggestions),
                    "alternatives": list(match.alternatives),
                    "ranked": [[food_id, f"{score:.6f}"] for food_id, score in ranked],
                }
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def compare(before: Path, after: Path) -> int:
    """Print each text whose record differs; the number of differences."""

    def read(path: Path) -> dict[tuple[str, str], dict[str, object]]:
        records = (json.loads(line) for line in path.open(encoding="utf-8"))
        return {(r["set"], r["text"]): r for r in records}

    first, second = read(before), read(after)
    differences = 0
    for key in sorted(first.keys() | second.keys()):
        if first.get(key) != second.get(key):
            differences += 1
            print(f"{key}:\n  before {first.get(key)}\n  after  {second.get(key)}")
    print(f"{len(first)} and {len(second)} records, {differences} differ")
    return differences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        sys.exit(1 if compare(*args.compare) else 0)
    if args.out is None:
        parser.error("give OUT.jsonl or --compare BEFORE AFTER")
    dump(args.out, [name for name in args.sets.split(",") if name])


if __name__ == "__main__":
    main()
