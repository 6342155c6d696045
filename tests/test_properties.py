"""Properties that must hold for any input: no crash on any text, and sums that behave like sums.

CLI-level properties run 50 examples each; the arithmetic ones go through mgcheck.pipeline.run
directly, so they compare unrounded figures. Both kinds are whole runs per example, so they are marked
slow; CI runs them with the ci Hypothesis profile, which gives the counts written here (a tenth otherwise).
"""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import examples, long_property
from hypothesis import HealthCheck, Phase, assume, example, given, settings
from hypothesis import strategies as st

from mgcheck.pipeline import Request, run
from mgcheck.reference import make_profile
from mgcheck.resources import bundled_measures
from mgcheck.units import UnitError, canonical_unit, convert_unit, measures_by_food, parse_amount
from mgcheck.vector import group_sums, per_distinct

# No shrinking for CLI- and pipeline-level properties: each example is a whole run, and shrinking
# a failure can take minutes (Hypothesis allows itself five). Known failures are pinned as @example.
CLI = settings(
    max_examples=examples(50),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
PIPELINE = settings(max_examples=examples(40), deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])

# (food as written, unit, SR28 food_id, grams in one unit): each checked by test_known_good_pairs.
PAIRS = [
    ("banana", "medium", "09040", 118.0),
    ("milk", "cup", "01077", 244.0),
    ("brown rice", "cup", "20037", 202.0),
    ("almonds", "oz", "12061", 28.349523125),
    ("09040", "g", "09040", 1.0),
    ("spinach cooked", "cup", "11458", 180.0),
    ("peanut butter", "tbsp", "16098", 16.0),
    ("whole wheat bread", "slice", "18075", 32.0),
    ("black beans", "cup", "16015", 172.0),
    ("orange juice", "cup", "09209", 249.0),
    ("pumpkin seeds", "oz", "12016", 28.349523125),
    ("apple", "medium", "09003", 182.0),
    ("broccoli", "cup", "11090", 91.0),  # its "1 cup chopped", not "0.5 cup, chopped or diced" doubled
    ("egg", "large", "01123", 50.0),
    ("cashews", "oz", "12085", 28.349523125),
]
DATES = ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05"]
# At most one row per (day, pair) and at most 20 units (10 where amounts are doubled): every
# food stays under the 5 kg-per-day plausibility limit (20 x 249 g; banana twice: 20 x 118 g + 20 g).
FOOD_ROW = st.tuples(st.sampled_from(DATES), st.integers(0, len(PAIRS) - 1), st.floats(0.1, 20))
HALF_ROW = st.tuples(st.sampled_from(DATES), st.integers(0, len(PAIRS) - 1), st.floats(0.1, 10))
SUPPLEMENT_ROW = st.tuples(st.sampled_from(DATES), st.floats(10, 300))


@st.composite
def logs(draw: Any, food_row: Any = FOOD_ROW) -> list[tuple[str, str, float, str, str]]:
    """Rows (date, food, amount, unit, kind) of a valid log: foods from PAIRS, optional supplements."""
    foods = draw(st.lists(food_row, min_size=1, max_size=25, unique_by=lambda row: (row[0], row[1])))
    supplements = draw(st.lists(SUPPLEMENT_ROW, max_size=6))
    rows = [(day, PAIRS[i][0], amount, PAIRS[i][1], "food") for day, i, amount in foods]
    rows += [(day, "magnesium citrate", mg, "mg", "supplement") for day, mg in supplements]
    return draw(st.permutations(rows))


def log_text(rows: list[tuple[str, str, float, str, str]], scale: float = 1.0) -> str:
    lines = ["date,food,amount,unit,kind"]
    lines += [f"{day},{food},{amount * scale!r},{unit},{kind}" for day, food, amount, unit, kind in rows]
    return "\n".join(lines) + "\n"


@contextmanager
def log_files(*texts: str) -> Iterator[list[str]]:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, text in enumerate(texts):
            path = Path(folder) / f"log{number}.csv"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        yield paths


def assess(*texts: str) -> Any:
    with log_files(*texts) as paths:
        # One person's log, whole or split into files: --subject says the files are one person's.
        return run(Request(sources=paths, profile=make_profile("F", "40"), subject="ann"))


def by_day(assessment: Any) -> dict[str, tuple[float, float, float]]:
    days = assessment.days
    return {
        str(d): (float(f), float(s), float(t))
        for d, f, s, t in zip(days["date"], days["food_mg"], days["supplement_mg"], days["total_mg"], strict=True)
    }


def close(a: float, b: float) -> bool:
    both_missing = math.isnan(a) and math.isnan(b)  # e.g. z when the judgement is withheld
    return both_missing or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


# ---------------------------------------------------------------------------------------------
# the parser never crashes

CSVISH_CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["2026-11-02", "banana", "1", "1/2", "0,5", "medium", "g", "mg", "supplement", "", "-1", "nan"]),
)
CSVISH_HEADER = st.lists(
    st.sampled_from(["date", "food", "amount", "unit", "kind", "subject", "sex", "age", "notes", " Food ", "x"]),
    min_size=1,
    max_size=7,
)


@st.composite
def csvish(draw: Any) -> str:
    """Text shaped like a log: a plausible header, ragged rows of odd cells, any separator and line end."""
    separator = draw(st.sampled_from([",", ";", "\t"]))
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    header = draw(CSVISH_HEADER)
    rows = draw(st.lists(st.lists(CSVISH_CELL, max_size=len(header) + 1), max_size=6))
    return end.join(separator.join(cells) for cells in [header, *rows]) + draw(st.sampled_from(["", end]))


def exits_cleanly(result: Any) -> None:
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@CLI
@given(st.one_of(st.text(), csvish()))
@example("date,food,amount,unit\r2026-11-02,banana,1,medium\r")  # CR-only line ends (old Excel for Mac)
@example("\rß")
def test_validate_never_crashes_on_any_text(invoke, content):
    with log_files(content) as (path,):
        exits_cleanly(invoke("validate", path))


@pytest.mark.slow
@CLI
@given(st.binary())
@example(b"\xef\xbb\xbf")
@example(b"date,food,amount,unit\n2026-11-02,\xff\xfe,1,g\n")
def test_validate_never_crashes_on_any_bytes(invoke, content):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.csv"
        path.write_bytes(content)
        exits_cleanly(invoke("validate", path))


# ---------------------------------------------------------------------------------------------
# amounts and units never raise anything but UnitError

AMOUNTISH = st.one_of(st.text(), st.from_regex(r"[0-9 ½¾⅓⁄/.,eE+\-]{0,24}", fullmatch=True))
MEASURES = measures_by_food(bundled_measures(), ["09040", "01077", "16098", "11458", "18075"])


@long_property
@settings(max_examples=examples(500), deadline=None)
@given(AMOUNTISH)
@example("1" * 400 + "/" + "1" * 400)
@example("1e999")
def test_parse_amount_never_raises(text):
    try:
        value = parse_amount(text)
    except UnitError:
        return
    assert value is None or (isinstance(value, float) and math.isfinite(value))


@settings(max_examples=examples(500), deadline=None)
@given(st.text())
def test_canonical_unit_never_raises(text):
    try:
        unit = canonical_unit(text)
    except UnitError:
        return
    assert isinstance(unit, str) and unit == unit.strip(" ,")


@settings(max_examples=examples(300), deadline=None)
@given(st.text())
def test_convert_unit_of_a_canonical_unit_only_raises_unit_error(text):
    unit = canonical_unit(text)
    for food_measures in [*MEASURES.values(), []]:
        try:
            conversion = convert_unit(unit, food_measures)
        except UnitError:
            continue
        assert conversion.grams_per_unit > 0


@settings(max_examples=examples(300), deadline=None)
@given(st.text())
@example(",")
@example(" ")
def test_convert_unit_of_any_text_only_raises_unit_error(text):
    for food_measures in [*MEASURES.values(), []]:
        try:
            conversion = convert_unit(text, food_measures)
        except UnitError:
            continue
        assert conversion.grams_per_unit > 0


# ---------------------------------------------------------------------------------------------
# sums


def test_known_good_pairs():
    """Every pair the generated logs use matches its food and converts with the stated grams."""
    rows = [("2026-11-02", food, 1.0, unit, "food") for food, unit, _, _ in PAIRS]
    items = assess(log_text(rows)).items
    assert list(items["status"]) == ["matched"] * len(PAIRS)
    assert list(items["food_id"]) == [food_id for _, _, food_id, _ in PAIRS]
    assert list(items["grams"]) == pytest.approx([grams for *_, grams in PAIRS])


@pytest.mark.slow
@CLI
@given(logs())
def test_grams_and_mg_are_never_negative(invoke, rows):
    with log_files(log_text(rows)) as (path,):
        result = invoke("report", path, "--sex", "F", "--age", "40", "--format", "json", "--quiet")
    assert result.exit_code == 0, result.stderr
    subject = json.loads(result.stdout)["subjects"][0]
    assert len(subject["items"]) == len(rows) and subject["unmatched"] == []
    for item in subject["items"]:
        assert item["mg"] >= 0
        assert item["grams"] is None or item["grams"] >= 0
        assert item["grams"] is None or item["kind"] == "food"
    for day in subject["days"]:
        assert min(day["food_mg"], day["supplement_mg"]) >= 0
        assert day["total_mg"] == pytest.approx(day["food_mg"] + day["supplement_mg"], abs=0.1 + 1e-9)
    assert subject["mean_daily_mg"] >= 0


@pytest.mark.slow
@PIPELINE
@given(logs(HALF_ROW))
def test_doubling_every_amount_doubles_every_mg_figure(rows):
    single, double = assess(log_text(rows)), assess(log_text(rows, scale=2.0))
    for once, twice in zip(single.items["mg"], double.items["mg"], strict=True):
        assert close(twice, 2 * once)
    for once, twice in zip(single.items["grams"], double.items["grams"], strict=True):
        assert (math.isnan(once) and math.isnan(twice)) or close(twice, 2 * once)
    single_days, double_days = by_day(single), by_day(double)
    assert set(single_days) == set(double_days)
    for day, figures in single_days.items():
        assert all(close(b, 2 * a) for a, b in zip(figures, double_days[day], strict=True))
    for column in ("mean_food_mg", "mean_supplement_mg", "mean_total_mg"):
        assert close(float(double.subjects[column].iloc[0]), 2 * float(single.subjects[column].iloc[0]))


@pytest.mark.slow
@PIPELINE
@given(logs(), st.randoms(use_true_random=False))
def test_row_order_never_changes_a_total(rows, random):
    shuffled = list(rows)
    random.shuffle(shuffled)
    first, second = assess(log_text(rows)), assess(log_text(shuffled))
    first_days, second_days = by_day(first), by_day(second)
    assert set(first_days) == set(second_days)
    for day, figures in first_days.items():
        assert all(close(a, b) for a, b in zip(figures, second_days[day], strict=True))
    for column in ("n_days", "mean_food_mg", "mean_supplement_mg", "mean_total_mg", "z"):
        assert close(float(first.subjects[column].iloc[0]), float(second.subjects[column].iloc[0]))


@pytest.mark.slow
@PIPELINE
@given(logs())
@example([("2026-11-03", "banana", 1.0, "medium", "food"), ("2026-11-02", "milk", 1.0, "cup", "food")])
def test_days_are_listed_in_date_order_whatever_the_row_order(rows):
    days = assess(log_text(rows)).days
    dates = [str(d) for d in days["date"]]
    assert dates == sorted(set(dates)), dates


@pytest.mark.slow
@PIPELINE
@given(logs(), st.data())
def test_splitting_a_log_into_two_files_changes_nothing(rows, data):
    assume(len(rows) >= 2)
    cut = data.draw(st.integers(1, len(rows) - 1), label="cut")
    # A day whose items in the second file are exactly its items in the first is refused as a
    # copy of a log (README "The log format"; tests/test_hardening.py): not a split this test covers.
    first, second = ({}, {})
    for part, chosen in ((first, rows[:cut]), (second, rows[cut:])):
        for row in chosen:
            part.setdefault(row[0], []).append(row)
    assume(all(sorted(map(str, items)) != sorted(map(str, first.get(day, []))) for day, items in second.items()))
    whole = assess(log_text(rows))
    split = assess(log_text(rows[:cut]), log_text(rows[cut:]))
    whole_days, split_days = by_day(whole), by_day(split)
    assert set(whole_days) == set(split_days)
    for day, figures in whole_days.items():
        assert all(close(a, b) for a, b in zip(figures, split_days[day], strict=True))
    for column in ("n_days", "mean_food_mg", "mean_supplement_mg", "mean_total_mg", "z", "probability_adequate"):
        assert close(float(whole.subjects[column].iloc[0]), float(split.subjects[column].iloc[0]))
    assert sorted(split.items["mg"]) == pytest.approx(sorted(whole.items["mg"]), rel=1e-12)


# ---------------------------------------------------------------------------------------------
# group_sums equals pandas


@st.composite
def key_frames(draw: Any) -> tuple[pd.DataFrame, list[str]]:
    """A frame of 0-60 rows with 1-3 key columns (text, integers or categoricals, with NaN) and a value."""
    n = draw(st.integers(0, 60))
    frame = pd.DataFrame(index=pd.RangeIndex(n))
    keys = []
    for number in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["text", "int", "category", "category-unused"]))
        pool = draw(st.lists(st.text(max_size=3), min_size=1, max_size=6, unique=True))
        cells = draw(st.lists(st.one_of(st.sampled_from(pool), st.none()), min_size=n, max_size=n))
        name = f"k{number}"
        if kind == "int":
            frame[name] = pd.Series([None if c is None else len(c) * 7 - 3 for c in cells], dtype="Int64")
        elif kind == "text":
            frame[name] = pd.Series(cells, dtype=object)
        else:
            extra = ["unused-1", "unused-2"] if kind == "category-unused" else []
            frame[name] = pd.Categorical(cells, categories=[*pool, *extra])
        keys.append(name)
    frame["value"] = draw(st.lists(st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False), min_size=n, max_size=n))
    # A shuffled, non-default index, as group_sums gets a filtered items frame.
    frame.index = pd.Index(draw(st.permutations(range(100, 100 + n))), dtype="int64")
    return frame, keys


def pandas_sums(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    return frame.groupby(keys, dropna=False, observed=True, sort=False)["value"].transform("sum")


@contextmanager
def direct_span(value: int | None) -> Iterator[None]:
    """Temporarily lower group_sums' direct-table limit, to exercise its numbering path."""
    import mgcheck.vector

    original = mgcheck.vector._DIRECT_SPAN
    mgcheck.vector._DIRECT_SPAN = original if value is None else value
    try:
        yield
    finally:
        mgcheck.vector._DIRECT_SPAN = original


@long_property
@settings(max_examples=examples(300), deadline=None)
@given(key_frames(), st.booleans())
def test_group_sums_equals_pandas_groupby_transform(case, numbered):
    frame, keys = case
    with direct_span(1 if numbered else None):  # also the path for spans too wide for a direct table
        ours = group_sums(frame, keys, "value")
    theirs = pandas_sums(frame, keys)
    assert list(ours.index) == list(frame.index)
    np.testing.assert_allclose(ours.to_numpy(), theirs.to_numpy(dtype=float), rtol=1e-9, atol=1e-6)


@long_property
@settings(max_examples=examples(200), deadline=None)
@given(key_frames(), st.booleans(), st.data())
def test_group_sums_of_chosen_rows_equals_group_sums_of_those_rows(case, numbered, data):
    """`rows=` (no copy of the columns) gives exactly the sums of the filtered frame."""
    frame, keys = case
    chosen = np.array(data.draw(st.lists(st.booleans(), min_size=len(frame), max_size=len(frame))), dtype=bool)
    with direct_span(1 if numbered else None):
        ours = group_sums(frame, keys, "value", rows=chosen)
        filtered = group_sums(frame[chosen], keys, "value")
    assert list(ours.index) == list(filtered.index)
    assert ours.to_numpy().tolist() == filtered.to_numpy().tolist()


def test_group_sums_with_many_wide_keys_does_not_merge_groups():
    # Five categorical keys of 65,535 categories: the product of key sizes is 2**80, beyond int64.
    categories = [f"c{i}" for i in range(65_535)]
    frame = pd.DataFrame(
        {f"k{i}": pd.Categorical(["c1" if i == 0 else "c0", "c0"], categories=categories) for i in range(5)}
    )
    frame["value"] = [1.0, 2.0]
    keys = [f"k{i}" for i in range(5)]
    assert list(group_sums(frame, keys, "value")) == list(pandas_sums(frame, keys)) == [1.0, 2.0]


def _shortened(text: str) -> str | None:
    """Merges values (two letters, no case) and gives None for some (a missing result)."""
    kept = text.strip().lower()[:2]
    return None if kept == "x" else kept


def _category_rows(cells: list[str | None], func: Any) -> pd.Categorical:
    """What per_distinct's "category" result must be: func of every row, categories in the order first seen."""
    codes, categories = pd.factorize(
        pd.Series([None if cell is None else func(cell) for cell in cells], dtype=object), use_na_sentinel=True
    )
    return pd.Categorical.from_codes(codes, categories=categories)


@long_property
@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(st.one_of(st.text(max_size=3), st.none()), max_size=60),
    st.sampled_from(["text", "category", "category-unused"]),
)
def test_per_distinct_category_is_func_of_every_row(cells, kind):
    """The categorical per_distinct builds from its codes (no check of every row) is the one of func per row:
    the same values, categories in the order first seen, codes of pandas' own type."""
    index = pd.Index(range(100, 100 + len(cells)), dtype="int64")
    if kind == "text":
        series = pd.Series(cells, index=index, dtype=object)
    else:
        extra = ["unused-1", "Unused-2"] if kind == "category-unused" else []
        present = list(dict.fromkeys(cell for cell in cells if cell is not None))
        series = pd.Series(pd.Categorical(cells, categories=[*present, *extra]), index=index)
    ours = per_distinct(series, _shortened, "category")
    expected = _category_rows(cells, _shortened)
    assert list(ours.index) == list(index)
    assert list(ours.cat.categories) == list(expected.categories)
    assert ours.cat.codes.dtype == expected.codes.dtype
    assert ours.cat.codes.tolist() == expected.codes.tolist()


@pytest.mark.parametrize("distinct", [126, 127, 40_000])
def test_per_distinct_category_codes_take_pandas_type_at_each_size(distinct):
    # pandas stores codes as int8 below 127 categories, int16 below 32,767, then int32.
    cells = [f"food {number}" for number in range(distinct)] + [None, "food 0"]
    ours = per_distinct(pd.Series(cells, dtype=object), lambda text: text.upper(), "category")
    expected = _category_rows(cells, lambda text: text.upper())
    assert ours.cat.codes.dtype == expected.codes.dtype == {126: np.int8, 127: np.int16, 40_000: np.int32}[distinct]
    assert ours.cat.codes.tolist() == expected.codes.tolist()
    assert list(ours.cat.categories) == list(expected.categories)


_PLAUSIBILITY_ROW = st.tuples(
    st.sampled_from(["a", "b"]),  # subject
    st.sampled_from(["2026-11-02", "2026-11-03"]),  # date
    st.sampled_from(["matched", "source", "label", "unmatched"]),  # status
    st.sampled_from(["09040", "11457"]),  # food
    st.one_of(st.none(), st.integers(0, 6000)),  # grams
    st.integers(0, 6000),  # mg
)


@long_property
@settings(max_examples=examples(200), deadline=None)
@given(st.lists(_PLAUSIBILITY_ROW, max_size=12))
@example([("a", "2026-11-02", "matched", "09040", 5001, 0)])
@example([("a", "2026-11-02", "source", "09040", 3000, 0), ("a", "2026-11-02", "matched", "09040", 3000, 0)])
@example([("a", "2026-11-02", "label", "09040", None, 5001), ("b", "2026-11-02", "matched", "09040", 4000, 0)])
@example([("a", "2026-11-02", "matched", "09040", 3000, 0), ("a", "2026-11-03", "matched", "09040", 3000, 0)])
@example([("a", "2026-11-02", "matched", "09040", 5001, 0), ("a", "2026-11-02", "matched", "09040", 10, 0)])
@example([("a", "2026-11-02", "matched", "09040", 5001, 0), ("a", "2026-11-02", "matched", "09040", 2600, 0)] * 2)
def test_plausibility_checks_are_those_of_a_plain_group_by(rows: list[tuple[Any, ...]]) -> None:
    """_check_plausible clears most logs by one sum of all their amounts: it refuses exactly the rows a
    plain per-day group-by refuses (a row over 5 kg of a food by itself, the food-day's other rows when they
    still pass 5 kg without it, labels over 5 g of Mg a day)."""
    from mgcheck.resolve import MAX_FOOD_GRAMS_PER_DAY, MAX_SUPPLEMENT_MG_PER_DAY, _check_plausible

    items = pd.DataFrame(rows, columns=["subject", "date", "status", "food_id", "grams", "mg"], dtype=object).astype(
        {"grams": float, "mg": float}
    )
    items["file"], items["row"], items["food_name"] = "log.csv", range(1, len(items) + 1), items["food_id"]
    items["status"] = items["status"].astype(str)
    problems: list[Any] = []
    _check_plausible(items, problems)
    foods = items[items["status"].isin(["matched", "source"]) & items["grams"].notna()]
    day = foods.groupby(["subject", "date"])["grams"].transform("sum")
    # A row over the limit by itself is refused alone; the food-day's other rows only if they still pass it.
    alone = foods["grams"] > MAX_FOOD_GRAMS_PER_DAY
    rest = foods["grams"].where(~alone, 0.0).groupby([foods["subject"], foods["date"], foods["food_id"]])
    refused = alone | (rest.transform("sum") > MAX_FOOD_GRAMS_PER_DAY)
    food_rows = foods.loc[(day > MAX_FOOD_GRAMS_PER_DAY) & refused, "row"].tolist()
    labels = items[items["status"] == "label"]
    label_rows = labels.loc[
        labels.groupby(["subject", "date"])["mg"].transform("sum") > MAX_SUPPLEMENT_MG_PER_DAY, "row"
    ]
    assert [
        problem.row for problem in problems if "not plausible" in problem.message
    ] == food_rows + label_rows.tolist()


_CELL = st.sampled_from(["banana", "09040", "1.5", "2", "", "1e999", "nan", "a b", "Ω", "-3"])


@long_property
@settings(max_examples=examples(100), deadline=None)
@given(st.lists(st.tuples(_CELL, _CELL, _CELL), min_size=1, max_size=25))
def test_a_small_table_read_once_is_the_table_read_in_full(rows: list[tuple[str, str, str]]) -> None:
    """A file within the reader's sample is parsed once, its sample kept as the table: the same frame
    (values, categories and their order, dtypes) as the full second parse gives."""
    import mgcheck.importers.reading as reading
    from mgcheck.importers.reading import SAMPLE_ROWS, _read_as_categories

    text = "food,amount,code\n" + "".join(f"{food},{amount},{code}\n" for food, amount, code in rows)
    options = {"encoding": "utf-8", "sep": ",", "keep_default_na": False, "skip_blank_lines": False,
               "skipinitialspace": True, "index_col": False}  # fmt: skip
    got = _read_as_categories(text.encode(), options)
    # A sample of exactly the file's rows: the same column types are chosen, but the reader cannot
    # know the file ended, so it parses it again in full.
    reading.SAMPLE_ROWS = len(rows)
    try:
        full = _read_as_categories(text.encode(), options)
    finally:
        reading.SAMPLE_ROWS = SAMPLE_ROWS
    pd.testing.assert_frame_equal(got, full)
    assert len(got) == len(rows) and list(got.columns) == ["food", "amount", "code"]
