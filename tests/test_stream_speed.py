"""Issue 10 part 8: the streamed path's fast reading and resolving give exactly what the plain ones give."""

from __future__ import annotations

import csv
import io
import random

import pandas as pd
import pytest

from mgcheck.assess import item_counts
from mgcheck.book import catalogue
from mgcheck.importers import reading
from mgcheck.logs import read_logs
from mgcheck.resolve import ConversionMemo, resolve


def _text_log(rows: int, seed: int) -> str:
    """A log whose `code` column is text in its first rows and only digits (leading zeros) after."""
    rng = random.Random(seed)
    lines = ["subject,date,food,amount,unit,code"]
    for number in range(rows):
        code = "none" if number < 5 else f"{rng.randrange(100):05d}"
        amount = rng.choice(["1", "1.50", "0.5", "1e999", " 2", "1/2", "09040"])
        food = rng.choice(["banana", '"oats, rolled"', "milk", "  spinach", "12345"])
        lines.append(
            f"s{rng.randrange(7)},2024-01-0{rng.randint(1, 9)},{food},{amount},{rng.choice(['g', 'cup', ''])},{code}"
        )
        if rng.random() < 0.05:
            lines.append("")  # a blank line keeps the rows' numbers
    return "\n".join(lines) + "\n"


def test_chunks_hold_every_cell_as_written_even_when_a_column_turns_numeric_later(write_log, monkeypatch):
    text = _text_log(400, seed=11)
    path = str(write_log(text))
    monkeypatch.setattr(reading, "SAMPLE_ROWS", 5)  # the sample sees only the text codes
    chunks = list(reading.read_table_chunks(path, 37))
    table = pd.concat(chunks)
    expected = list(csv.reader(io.StringIO(text)))
    header, body = expected[0], expected[1:]
    kept = [(number, row) for number, row in enumerate(body, start=1) if any(cell.strip() for cell in row)]
    assert list(table.columns) == header
    assert list(table.index) == [number for number, _ in kept]
    for position, column in enumerate(header):
        assert all(isinstance(chunk[column].dtype, pd.CategoricalDtype) for chunk in chunks)
        # skipinitialspace: a cell's leading blanks are not part of it (as in a whole-file read)
        assert [str(value) for value in table[column]] == [row[position].lstrip(" ") for _, row in kept], column
    assert {"none", "00007"} <= set(table["code"].astype(str))  # leading zeros kept after the text rows


def test_chunks_equal_the_whole_file_read_as_text(write_log):
    text = _text_log(300, seed=12)
    path = str(write_log(text))
    whole = pd.read_csv(
        io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True, skip_blank_lines=False
    )
    whole.index = pd.RangeIndex(1, len(whole) + 1)
    whole = whole[(whole != "").any(axis=1)]
    table = pd.concat(reading.read_table_chunks(path, 50))
    pd.testing.assert_frame_equal(table.astype(str), whole.astype(str))


def _log_files(write_log):
    rows = [("banana", ""), ("apple", ""), ("banana", ""), ("banana", "medium"), ("banana", "")] + [("banana", "")] * 3
    first = write_log(
        "subject,date,food,amount,unit\n"
        + "".join(f"s1,2024-01-01,{food},2,{unit}\n" for food, unit in rows)
        + "s1,2024-01-02,apple,1,\n",
        "a.csv",
    )
    second = write_log("subject,date,food,amount,unit\ns2,2024-01-01,banana,1,\n", "b.csv")
    return str(first), str(second)


def test_a_noted_conversion_warns_once_per_pair_and_file_with_its_first_rows(write_log):
    first, second = _log_files(write_log)
    found = catalogue(None, None, None, [])
    resolved = resolve(read_logs([first, second]).log, found.index, found.measures)
    banana = 'Bananas, raw: a blank unit taken as 1 medium (7" to 7-7/8" long) = 118 g; write the measure to be exact'
    apple = 'Apples, raw, with skin: a blank unit taken as 1 medium (3" dia) = 182 g; write the measure to be exact'
    assert resolved.warnings == [
        f"{first}, row 1, 3, 5, 6, 7, ...: {banana}",
        f"{second}, row 1: {banana}",
        f"{first}, row 2, 9: {apple}",
    ]


def test_a_memo_shared_by_parts_gives_what_each_part_gives_alone(write_log):
    found = catalogue(None, None, None, [])
    rng = random.Random(5)
    foods = ["banana", "apple", "milk", "oatmeal", "sunflower seeds", "tofu, firm", "zzqx stew", "almonds"]
    units = ["", "g", "cup", "oz", "medium", "slice", "tbsp"]
    memo = ConversionMemo()
    for part in range(3):
        text = "subject,date,food,amount,unit\n" + "".join(
            f's{rng.randrange(4)},2024-01-0{rng.randint(1, 3)},"{rng.choice(foods)}",{rng.choice(["1", "2", "0.5"])},'
            f"{rng.choice(units)}\n"
            for _ in range(60)
        )
        log = read_logs([str(write_log(text, f"part{part}.csv"))]).log
        alone = resolve(log, found.index, found.measures)
        shared = resolve(log, found.index, found.measures, memo=memo)
        pd.testing.assert_frame_equal(shared.items, alone.items)
        assert (shared.problems, shared.warnings, shared.unresolved) == (
            alone.problems,
            alone.warnings,
            alone.unresolved,
        )
    assert len(memo.conversions) > 10 and any(isinstance(value, str) for value in memo.conversions.values())


def test_item_counts_on_subject_codes_equal_the_group_by_on_their_names():
    subjects = pd.Categorical(["b", "a", "b", "c", "a", "b"], categories=["c", "b", "a", "unused"])
    items = pd.DataFrame(
        {
            "subject": subjects,
            "kind": ["food", "food", "supplement", "food", "food", "food"],
            "status": ["matched", "unmatched", "label", "unmatched", "matched", "unmatched"],
            # An export food code FNDDS lacks, with no figure (resolve._codes_not_in_table).
            "code_unmatched": [False, False, False, True, False, False],
        }
    )
    counts = item_counts(items)
    assert list(counts.index) == ["a", "b", "c"] and counts.index.name == "subject"
    assert counts.to_dict("index") == {
        "a": {"food": 2, "unmatched": 1, "unmatched_codes": 0},
        "b": {"food": 2, "unmatched": 1, "unmatched_codes": 0},
        "c": {"food": 1, "unmatched": 1, "unmatched_codes": 1},
    }
    as_text = items.assign(subject=items["subject"].astype(str))  # the plain group-by
    pd.testing.assert_frame_equal(counts, item_counts(as_text))


def test_food_group_of_reads_each_table_once_and_gives_the_first_rows_group():
    from mgcheck.units import food_group_of, food_groups

    foods = pd.DataFrame(
        {
            "food_id": ["sr28:1", "sr28:2", "sr28:1", "sr28:3"],
            "food_group": ["Vegetables and Vegetable Products", None, "Beverages", "Beverages"],
        }
    )
    assert food_group_of(foods, "sr28:1") == "Vegetables and Vegetable Products"  # the first of two rows
    assert food_group_of(foods, "sr28:2") == ""  # a missing group
    assert food_group_of(foods, "sr28:9") == ""  # not in the table
    assert food_groups(foods) is food_groups(foods)  # read once, not per call
    other = foods.assign(food_group="Beverages")  # another table is read anew
    assert food_group_of(other, "sr28:1") == "Beverages"
    assert food_group_of(foods.drop(columns="food_group"), "sr28:1") == ""


def _repeated_lines_study() -> str:
    """Few distinct lines over many rows: a unit note (a blank unit), a unit milk cannot take, an
    amount no one eats in a day (listed, not counted), a supplement, and an unmatched text."""
    lines = [
        ("banana", "2", ""),
        ("milk", "1", "slice"),
        ("brown rice", "1", "cup"),
        ("zzqx grandma's stew", "1", "cup"),
    ]
    rows = []
    for number in range(12):
        for day in (1, 2):
            for food, amount, unit in lines:
                rows.append(f"s{number},2024-01-0{day},{food},{amount},{unit},food,F,40")
            rows.append(f"s{number},2024-01-0{day},magnesium citrate,200,mg,supplement,F,40")
    rows.append("s3,2024-01-01,brown rice,30,cup,food,F,40")  # 30 cups in a day: not plausible
    return "subject,date,food,amount,unit,kind,sex,age\n" + "\n".join(rows) + "\n"


def test_a_streamed_file_resolves_each_distinct_line_once_and_says_what_row_by_row_says(write_log, monkeypatch):
    """A file's rows are resolved once per distinct line (food, amount, unit, kind), in the first part
    that holds it, and the summary, warnings and problems name the same rows as resolving every row."""
    import mgcheck.resolve as resolve_module
    import mgcheck.stream as stream
    from mgcheck.pipeline import Request
    from mgcheck.render.summary import summary_frame

    path = str(write_log(_repeated_lines_study(), "rl.csv"))
    real, sizes = resolve_module.resolve, []
    monkeypatch.setattr(
        resolve_module, "resolve", lambda log, *args, **kw: sizes.append(len(log)) or real(log, *args, **kw)
    )
    by_line = stream.run_streamed(Request([path]), chunk_rows=40)  # 121 rows: 4 parts
    assert sizes == [5, 1]  # the first part's 5 lines; parts 2 and 3 repeat them; the last holds the 30 cups
    monkeypatch.setattr(
        stream,
        "_resolve_lines",
        lambda log, index, measures, recompute, memo, columns, seen: resolve_module.resolve(
            log, index, measures, recompute=recompute, memo=memo, columns=columns
        ),
    )  # every row, as before lines
    sizes.clear()
    by_row = stream.run_streamed(Request([path]), chunk_rows=40)
    assert sizes == [40, 40, 40, 1]
    assert summary_frame(by_line).to_csv(index=False) == summary_frame(by_row).to_csv(index=False)
    assert by_line.warnings == by_row.warnings
    shown = "\n".join(by_line.warnings)
    assert "row 1, 6, 11, 16, 21, ...: Bananas, raw: a blank unit taken as 1 medium" in shown
    assert "(in 3 parts of the file)" in shown  # the blank unit's note, merged over the parts
    assert "rl.csv, row 42: Milk, whole" in shown  # by the slice: unresolved on each of its rows
    assert "row 121: 6,060 g of Rice, brown, long-grain, cooked that day (over 5 kg)" in shown  # checked by row


@pytest.mark.parametrize(
    "late_row",
    [
        's1,2024-01-02, "oats, rolled",40,g',  # a blank before a quote: the comma is inside the cell
        's1,2024-01-02, "oats,\nrolled",40,g',  # ... and so is the line end (a parser error without the blank skipped)
        "s1,2024-01-02,  spinach,40, g",
    ],
)
def test_chunks_are_read_as_written_until_a_cell_begins_with_a_blank(write_log, monkeypatch, late_row):
    rows = [f"s{n % 3},2024-01-01,banana,{n},g" for n in range(90)]
    text = "subject,date,food,amount,unit\n" + "\n".join([*rows, late_row, *rows]) + "\n"
    path = str(write_log(text))
    skips = _skipinitialspace_of_chunked_reads(monkeypatch)
    table = pd.concat(reading.read_table_chunks(path, 37))
    whole = _READ_CSV(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
    whole.index = pd.RangeIndex(1, len(whole) + 1)
    pd.testing.assert_frame_equal(table.astype(str), whole.astype(str))
    assert skips == [False, True]  # the parts before the blank were read without skipinitialspace


def test_chunks_of_a_file_with_no_leading_blank_are_read_without_skipinitialspace(write_log, monkeypatch):
    text = "subject,date,food,amount,unit\n" + "".join(f"s1,2024-01-01,oats,{n},g\n" for n in range(100))
    path = str(write_log(text))
    skips = _skipinitialspace_of_chunked_reads(monkeypatch)
    chunks = list(reading.read_table_chunks(path, 30))
    assert [len(chunk) for chunk in chunks] == [30, 30, 30, 10]
    table = pd.concat(chunks)
    assert list(table.index) == list(range(1, 101))  # row numbers kept across parts
    assert table["amount"].astype(str).tolist() == [str(n) for n in range(100)]
    assert set(table["food"].astype(str)) == {"oats"}
    assert skips == [False]


_READ_CSV = pd.read_csv


def _skipinitialspace_of_chunked_reads(monkeypatch) -> list[bool]:
    """The skipinitialspace option of each chunked pd.read_csv from now on (False when not given), in order."""
    skips: list[bool] = []

    def spying(*args, **kwargs):
        if "chunksize" in kwargs:
            skips.append(kwargs.get("skipinitialspace", False))
        return _READ_CSV(*args, **kwargs)

    monkeypatch.setattr(pd, "read_csv", spying)
    return skips
