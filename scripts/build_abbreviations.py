#!/usr/bin/env python3
"""Build mgcheck/data/usda_abbreviations.csv: the word abbreviations USDA itself uses, from SR28.

Usage: python scripts/build_abbreviations.py [--sr28 DIR] [--out FILE]

SR28's FOOD_DES gives every food a long description and a short one of at most 60 characters, in
which USDA abbreviates words ("Chicken, broilers or fryers, breast, meat only, cooked, roasted" ->
"CHICKEN,BROILERS OR FRYERS,BRST,MEAT ONLY,CKD,RSTD"). Aligning the two, segment by segment and word
by word, gives the abbreviations with how often USDA uses each. Food diaries written by dietitians
use many of the same ("ckd", "w/o", "choc", "whl", "pnut"). The matcher reads a text's abbreviations
as the words they stand for, after the curated word_equivalents.csv.

An abbreviation is kept when all of these hold, so that no ordinary word is rewritten:
- USDA writes it for the same word in at least MIN_COUNT foods, and for that word in at least
  MIN_SHARE of the foods where it stands for a word;
- it is the word's first letter followed by some of its other letters in order, and shorter;
- it has at least three letters, or ends with "/" ("w/", "wo/"); and when it only cuts the word short
  ("choc", "evap"), at least four ("den" of Denver, "str" of strained, "imp" of imported are left out);
- no bundled food name (SR28 or FNDDS, foods.csv) uses it as a word of its own ("red", "sub", "rst").

The raw file's SHA-256 sum is checked first; rows are sorted, so two runs give identical files.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_foods import DEFAULT_SR28, REPO_ROOT, read_sr28
from usda_files import verify_checksums

from mgcheck.text import normalise

OUT = REPO_ROOT / "mgcheck" / "data" / "usda_abbreviations.csv"
MIN_COUNT = 3
MIN_SHARE = 0.9
SOURCE = "USDA SR28 FOOD_DES: Shrt_Desc against Long_Desc ({count} foods)"
_WORDS = re.compile(r"[a-z0-9/%&'-]+")


def _words(segment: str) -> list[str]:
    return _WORDS.findall(segment.lower())


def _abbreviates(short: str, word: str) -> bool:
    """'ckd' of 'cooked': the word's first letter, then some of its letters in order; shorter."""
    letters = short.rstrip("/").replace("/", "")
    if not letters or len(letters) >= len(word) or letters[0] != word[0]:
        return False
    rest = iter(word[1:])
    return all(letter in rest for letter in letters[1:])


def pairs(records: list[list[str]]) -> Counter[tuple[str, str]]:
    """(abbreviation, word) -> the number of foods whose short description writes it so."""
    found: Counter[tuple[str, str]] = Counter()
    for record in records:
        long_segments, short_segments = record[2].split(","), record[3].split(",")
        if len(long_segments) != len(short_segments):
            continue
        for long_segment, short_segment in zip(long_segments, short_segments, strict=True):
            long_words, short_words = _words(long_segment), _words(short_segment)
            if len(long_words) != len(short_words):
                continue
            found.update((short, word) for word, short in zip(long_words, short_words, strict=True) if short != word)
    return found


def abbreviations(found: Counter[tuple[str, str]], name_words: set[str]) -> list[tuple[str, str, int]]:
    """The kept (abbreviation, word, count) rows, by abbreviation."""
    by_short: dict[str, Counter[str]] = defaultdict(Counter)
    for (short, word), count in found.items():
        by_short[short][word] += count
    kept = []
    for short, words in by_short.items():
        word, count = words.most_common(1)[0]
        letters = short.replace("/", "")
        if (
            count >= MIN_COUNT
            and count >= MIN_SHARE * sum(words.values())
            and _abbreviates(short, word)
            and (len(letters) >= 3 or short.endswith("/"))
            and not (word.startswith(letters) and len(letters) <= 3)
            and normalise(short) not in name_words
            and normalise(short) != normalise(word)
        ):
            kept.append((short, word, count))
    return sorted(kept)


def bundled_name_words() -> set[str]:
    """Every word of the bundled foods' names and other names (foods.csv), normalised."""
    with (REPO_ROOT / "foods.csv").open(encoding="utf-8", newline="") as handle:
        return {
            word
            for row in csv.DictReader(handle)
            for text in (row["name"], row.get("other_names") or "")
            for word in normalise(text).split()
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sr28", type=Path, default=DEFAULT_SR28)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    verify_checksums(args.sr28, ("FOOD_DES.txt",), "SR28")
    rows = abbreviations(pairs(list(read_sr28(args.sr28 / "FOOD_DES.txt"))), bundled_name_words())
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["word", "means", "source"])
        writer.writerows((short, word, SOURCE.format(count=count)) for short, word, count in rows)
    print(f"{args.out}: {len(rows)} abbreviations")


if __name__ == "__main__":
    main()
