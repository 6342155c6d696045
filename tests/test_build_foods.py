"""The bundled table against the original SR28 files: sampled values, counts and a deterministic build."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SR28 = ROOT.parent / "shared" / "data" / "usda-sr28"
needs_sr28 = pytest.mark.skipif(not (SR28 / "NUT_DATA.txt").exists(), reason="../shared SR28 files not present")


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_foods", ROOT / "scripts" / "build_foods.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _foods() -> dict[str, dict[str, str]]:
    with (ROOT / "foods.csv").open(encoding="utf-8", newline="") as handle:
        return {row["food_id"]: row for row in csv.DictReader(handle)}


def test_bundled_table_shape():
    foods = _foods()
    assert len(foods) == 8050
    assert all(len(food_id) == 5 and food_id.isdigit() for food_id in foods)
    first = next(iter(foods.values()))
    for column in (
        "food_id",
        "name",
        "food_group",
        "mg_per_100g",
        "kcal_per_100g",
        "calcium_mg_per_100g",
        "mg_source_code",
    ):
        assert column in first
    assert foods["09040"]["mg_per_100g"] == "27" and foods["09040"]["name"] == "Bananas, raw"
    assert foods["12014"]["mg_per_100g"] == "592" and foods["11458"]["mg_per_100g"] == "87"


@needs_sr28
def test_sample_rows_equal_the_raw_files():
    builder = _load_builder()
    raw: dict[tuple[str, str], str] = {}
    for record in builder.read_sr28(SR28 / "NUT_DATA.txt"):
        if record[1] in ("304", "208", "301"):
            raw[(record[0], record[1])] = record[2]
    names = {record[0]: record[2] for record in builder.read_sr28(SR28 / "FOOD_DES.txt")}
    foods = _foods()
    assert len(foods) == sum(1 for (_, nutr) in raw if nutr == "304")
    for food_id in list(foods)[::97]:  # every 97th food: about 83 rows across all groups
        food = foods[food_id]
        assert food["mg_per_100g"] == raw[(food_id, "304")]
        assert food["kcal_per_100g"] == raw.get((food_id, "208"), "")
        assert food["calcium_mg_per_100g"] == raw.get((food_id, "301"), "")
        assert food["name"] == names[food_id]


@needs_sr28
def test_measures_equal_weight_txt():
    builder = _load_builder()
    weights = {(r[0], r[1]): (r[2], r[3], r[4]) for r in builder.read_sr28(SR28 / "WEIGHT.txt")}
    with (ROOT / "mgcheck" / "data" / "measures.csv").open(encoding="utf-8", newline="") as handle:
        measures = list(csv.DictReader(handle))
    assert len({m["food_id"] for m in measures}) == 7823
    for measure in measures[::151]:
        assert weights[(measure["food_id"], measure["seq"])] == (
            measure["amount"],
            measure["measure"],
            measure["grams"],
        )


@needs_sr28
def test_build_is_deterministic_and_matches_the_committed_files(tmp_path):
    builder = _load_builder()
    digests = []
    for run in ("a", "b"):
        out = tmp_path / run
        builder.build(SR28, out)
        digests.append(
            [hashlib.sha256((out / p).read_bytes()).hexdigest() for p in ("foods.csv", "mgcheck/data/measures.csv")]
        )
    assert digests[0] == digests[1]
    committed = [
        hashlib.sha256((ROOT / p).read_bytes()).hexdigest() for p in ("foods.csv", "mgcheck/data/measures.csv")
    ]
    assert digests[0] == committed
