#!/usr/bin/env python3
"""Read the FNDDS 2017-2018 "At A Glance" files into foods.csv and measures.csv rows.

Called by scripts/build_foods.py, which writes both tables (SR28 rows first, then FNDDS).
Every value is copied as the text FNDDS stores it (no float round trip); rows are sorted
by food code, so two runs give byte-identical files. SHA256SUMS is checked first.

Choices made here (documented in the README):
- ids are `fndds:<8-digit food code>`; `table` is `fndds`; `other_names` is the
  "Additional food description" as given (names separated by "; ").
- name = main description, food_group = WWEIA category description, mg/kcal/calcium per
  100 g from the nutrient values file, mg_source = "FNDDS 2017-2018".
- portions: "1 can (12 fl oz)" -> amount 1, measure "can (12 fl oz)"; "1/2 bagel" -> amount 0.5,
  measure "bagel"; "19 oz can" stays one measure "19 oz can" (the number sizes the can); a description that
  does not start with a number ("Quantity not specified", "Guideline amount per ...") is
  kept whole with amount 1. Weight 0 means absent and is dropped. Subcode rows (brand
  variants) are kept only when their description is not already a portion of the food
  (the first row of a description wins, main rows first);
  `seq` is renumbered 1..n in FNDDS order (main rows by Seq num, then subcode rows by
  subcode and Seq num) because FNDDS repeats Seq nums across subcodes.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from usda_files import verify_checksums

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FNDDS = REPO_ROOT.parent / "shared" / "data" / "fndds-2017-2018"

FOODS_FILE = "fndds_foods_and_beverages.csv"
NUTRIENTS_FILE = "fndds_nutrient_values.csv"
PORTIONS_FILE = "fndds_portions_and_weights.csv"
USED_FILES = (FOODS_FILE, NUTRIENTS_FILE, PORTIONS_FILE)
ID_PREFIX = "fndds:"
MG_SOURCE = "FNDDS 2017-2018"
_SIZE_UNIT = re.compile(r"^(?:fl oz|oz|lb|g|ml)\b")
_LEADING_AMOUNT = re.compile(r"^(\d+/\d+|\d+(?:\.\d+)?) +(\S.*)$")


def read_fndds(path: Path) -> Iterator[dict[str, str]]:
    """Rows of an At A Glance file as dicts keyed by header (title record skipped, BOM and CRLF handled)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)  # the title record ("Food and Beverages\n2017-2018 ... At A Glance")
        header = [" ".join(name.split()) for name in next(reader)]  # "Sugars, total\n(g)" -> one line
        for record in reader:
            if any(field.strip() for field in record):
                yield dict(zip(header, record, strict=True))


def split_portion(description: str) -> tuple[str, str]:
    """'1 can (12 fl oz)' -> ('1', 'can (12 fl oz)'); 'Quantity not specified' -> ('1', itself)."""
    match = _LEADING_AMOUNT.match(description.strip())
    if match is None:
        return "1", description.strip()
    amount, measure = match.group(1), match.group(2)
    if amount != "1" and _SIZE_UNIT.match(measure):
        return "1", description.strip()  # "19 oz can": one can of 19 oz, not 19 of an "oz can"
    if "/" in amount:  # "1/2 bagel": amount 0.5 of a bagel (measures.csv amounts are decimal numbers)
        numerator, denominator = amount.split("/")
        amount = format(int(numerator) / int(denominator), ".10g")
    return amount, measure


def fndds_rows(folder: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(food rows, measure rows) in the foods.csv / measures.csv schemas, sorted by food code."""
    verify_checksums(folder, USED_FILES, "FNDDS")
    nutrients = {row["Food code"]: row for row in read_fndds(folder / NUTRIENTS_FILE)}
    foods = []
    for row in read_fndds(folder / FOODS_FILE):
        code = row["Food code"].strip()
        values = nutrients.get(code)
        if values is None or values["Magnesium (mg)"].strip() == "":
            continue
        foods.append(
            {
                "food_id": ID_PREFIX + code,
                "name": row["Main food description"].strip(),
                "food_group": row["WWEIA Category description"].strip(),
                "mg_per_100g": values["Magnesium (mg)"].strip(),
                "kcal_per_100g": values["Energy (kcal)"].strip(),
                "calcium_mg_per_100g": values["Calcium (mg)"].strip(),
                "mg_source_code": "",
                "mg_source": MG_SOURCE,
                "common_name": "",
                "manufacturer": "",
                "table": "fndds",
                "other_names": row["Additional food description"].strip(),
            }
        )
    foods.sort(key=lambda food: food["food_id"])
    kept = {food["food_id"] for food in foods}

    portions: dict[str, list[tuple[tuple[int, str, int], str, str]]] = {}
    for row in read_fndds(folder / PORTIONS_FILE):
        food_id = ID_PREFIX + row["Food code"].strip()
        grams = row["Portion weight (g)"].strip()
        if food_id not in kept or float(grams) <= 0:  # weight 0 = absent
            continue
        subcode = row["Subcode"].strip()
        order = (1 if subcode else 0, subcode.zfill(10), int(row["Seq num"]))
        portions.setdefault(food_id, []).append((order, row["Portion description"].strip(), grams))
    measures = []
    for food_id in sorted(portions):
        seen: set[str] = set()
        for _, description, grams in sorted(portions[food_id]):
            if description in seen:
                continue  # the first row of a description wins: main rows come before subcode variants
            seen.add(description)
            amount, measure = split_portion(description)
            measures.append(
                {"food_id": food_id, "seq": str(len(seen)), "amount": amount, "measure": measure, "grams": grams}
            )
    return foods, measures
