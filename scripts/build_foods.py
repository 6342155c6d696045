#!/usr/bin/env python3
"""Build foods.csv and mgcheck/data/measures.csv from the original USDA SR28 and FNDDS files.

Usage: python scripts/build_foods.py [--sr28 DIR] [--fndds DIR] [--out-dir REPO_ROOT]

SR28 rows come first (ids `09040`, table `sr28`), then FNDDS 2017-2018 rows (ids
`fndds:42302010`, table `fndds`; see scripts/build_fndds.py for how FNDDS is read).

Every value is copied as the text SR28 stores it (no float round trip), rows are
sorted by NDB_No and measure sequence, so two runs give byte-identical files.
The raw files' SHA-256 sums are checked against SR28's SHA256SUMS before anything
is read; a mismatch stops the build.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_fndds import DEFAULT_FNDDS, fndds_rows
from usda_files import verify_checksums

from mgcheck.tables.interface import FOOD_COLUMNS, MEASURE_COLUMNS

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SR28 = REPO_ROOT.parent / "shared" / "data" / "usda-sr28"

NUTR_MAGNESIUM = "304"
NUTR_ENERGY_KCAL = "208"
NUTR_CALCIUM = "301"
USED_FILES = ("FOOD_DES.txt", "FD_GROUP.txt", "NUT_DATA.txt", "WEIGHT.txt", "SRC_CD.txt")


def read_sr28(path: Path) -> Iterator[list[str]]:
    """Yield the fields of each record of an SR28 file (`^`-separated, `~`-quoted, cp1252)."""
    with path.open(encoding="cp1252", newline="") as handle:
        for line in handle:
            line = line.rstrip("\r\n")
            if not line:
                continue
            yield [field.strip("~") for field in line.split("^")]


def build(sr28: Path, out_dir: Path, fndds: Path = DEFAULT_FNDDS) -> tuple[int, int]:
    """Write foods.csv and mgcheck/data/measures.csv (SR28 rows, then FNDDS rows); return row counts."""
    verify_checksums(sr28, USED_FILES, "SR28")
    groups = {code: name for code, name in read_sr28(sr28 / "FD_GROUP.txt")}
    sources = {code: text for code, text in read_sr28(sr28 / "SRC_CD.txt")}

    wanted = {NUTR_MAGNESIUM, NUTR_ENERGY_KCAL, NUTR_CALCIUM}
    nutrients: dict[str, dict[str, tuple[str, str]]] = {}
    for record in read_sr28(sr28 / "NUT_DATA.txt"):
        ndb_no, nutr_no, value, src_cd = record[0], record[1], record[2], record[5]
        if nutr_no in wanted:
            nutrients.setdefault(ndb_no, {})[nutr_no] = (value, src_cd)

    foods = []
    for record in read_sr28(sr28 / "FOOD_DES.txt"):
        ndb_no, group_code, long_desc, common_name, manufacturer = (
            record[0],
            record[1],
            record[2],
            record[4],
            record[5],
        )
        values = nutrients.get(ndb_no, {})
        if NUTR_MAGNESIUM not in values:
            continue
        mg_value, mg_source_code = values[NUTR_MAGNESIUM]
        foods.append(
            {
                "food_id": ndb_no,
                "name": long_desc,
                "food_group": groups[group_code],
                "mg_per_100g": mg_value,
                "kcal_per_100g": values.get(NUTR_ENERGY_KCAL, ("", ""))[0],
                "calcium_mg_per_100g": values.get(NUTR_CALCIUM, ("", ""))[0],
                "mg_source_code": mg_source_code,
                "mg_source": sources.get(mg_source_code, ""),
                "common_name": common_name,
                "manufacturer": manufacturer,
                "table": "sr28",
                "other_names": "",
            }
        )
    foods.sort(key=lambda food: food["food_id"])
    kept = {food["food_id"] for food in foods}

    measures = []
    for record in read_sr28(sr28 / "WEIGHT.txt"):
        ndb_no, seq, amount, measure, grams = record[:5]
        if ndb_no in kept:
            measures.append({"food_id": ndb_no, "seq": seq, "amount": amount, "measure": measure, "grams": grams})
    measures.sort(key=lambda row: (row["food_id"], int(row["seq"])))

    fndds_foods, fndds_measures = fndds_rows(fndds)
    foods += fndds_foods
    measures += fndds_measures

    write_csv(out_dir / "foods.csv", FOOD_COLUMNS, foods)
    write_csv(out_dir / "mgcheck" / "data" / "measures.csv", MEASURE_COLUMNS, measures)
    return len(foods), len(measures)


def write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sr28", type=Path, default=DEFAULT_SR28, help="folder of SR28 ASCII files")
    parser.add_argument("--fndds", type=Path, default=DEFAULT_FNDDS, help="folder of FNDDS At A Glance CSV files")
    parser.add_argument("--out-dir", type=Path, default=REPO_ROOT, help="project root to write into")
    args = parser.parse_args()
    n_foods, n_measures = build(args.sr28, args.out_dir, args.fndds)
    print(f"wrote {n_foods} foods and {n_measures} household measures", file=sys.stderr)


if __name__ == "__main__":
    main()
