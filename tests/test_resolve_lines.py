"""resolve works once per distinct line and gives every row what resolving each row would."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mgcheck.resolve as resolve_module
from mgcheck.errors import RowWarning
from mgcheck.logs import read_logs
from mgcheck.matching import bundled_index
from mgcheck.resolve import SUM_COLUMNS, Resolved, resolve
from mgcheck.resources import bundled_measures

# Lines (food, amount, unit, kind) that give each kind of message resolve can make about rows.
LINES = [
    ("almonds", "28", "g", "food"),  # matched, no message
    ("almonds", "28", "g", ""),  # the same food with a blank kind: another line
    ("oatmeal", "1", "cup", "food"),
    ("2 slices of toast", "1", "", "food"),  # a blank unit takes the portion its text states
    ("cherry tomatoes", "5", "", "food"),  # a blank unit takes the measure its text names
    ("walkers crisps", "1", "oz", "food"),  # a brand the tables do not have
    ("almonds", "1", "slice", "food"),  # a unit the food cannot take: unresolved
    ("grandmas special stew", "1", "bowl", "food"),  # unmatched
    ("almonds", "3000", "g", "food"),  # two of these on one day: not plausible
    ("magnesium glycinate", "100", "mg", "supplement"),
    ("magnesium oxide", "2", "tablet", "supplement"),  # a unit a supplement cannot take: a problem
    ("milk of magnesia", "15", "ml", "medicine"),
    ("magnesium citrate", "200", "mg", ""),  # no kind: taken as a supplement, with a warning
    ("spinach", "1", "cup", "food"),
]


def _log(tmp_path: Path, picks: list[tuple[int, int, int]], files: int) -> pd.DataFrame:
    """A log of the chosen (line, subject, day) rows, spread over `files` files."""
    paths = []
    for number in range(files):
        rows = [
            f"S{subject},2026-11-0{day + 1},{food},{amount},{unit},{kind}"
            for position, (line, subject, day) in enumerate(picks)
            if position % files == number
            for food, amount, unit, kind in [LINES[line]]
        ]
        path = tmp_path / f"log{number}.csv"
        path.write_text("subject,date,food,amount,unit,kind\n" + "\n".join(rows) + "\n", encoding="utf-8")
        paths.append(str(path))
    read = read_logs(paths)
    assert not read.problems
    return read.log


def _row_by_row(log: pd.DataFrame, monkeypatch: pytest.MonkeyPatch, **options: object) -> Resolved:
    """resolve as it was before lines: every row resolved as itself."""
    with monkeypatch.context() as patched:
        patched.setattr(resolve_module, "_lines", lambda log: None)
        return resolve(log, bundled_index(), bundled_measures(), **options)  # type: ignore[arg-type]


def _count_lines(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of rows each call of `_resolve_lines` is given, as the calls come."""
    sizes: list[int] = []
    real = resolve_module._resolve_lines

    def counting(lines: pd.DataFrame, *args: object) -> Resolved:
        sizes.append(len(lines))
        return real(lines, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(resolve_module, "_resolve_lines", counting)
    return sizes


def _assert_same(by_line: Resolved, by_row: Resolved, columns: list[str]) -> None:
    pd.testing.assert_frame_equal(by_line.items[columns], by_row.items[columns], check_exact=True)
    assert by_line.warnings == by_row.warnings
    for line_warning, row_warning in zip(by_line.warnings, by_row.warnings, strict=True):
        if isinstance(row_warning, RowWarning):
            assert isinstance(line_warning, RowWarning)
            assert line_warning.rows == row_warning.rows
    assert by_line.problems == by_row.problems
    assert by_line.unresolved == by_row.unresolved


def test_every_row_of_a_line_gets_its_results_warnings_and_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chooser = random.Random(7)
    picks = [(chooser.randrange(len(LINES)), chooser.randrange(3), chooser.randrange(2)) for _ in range(120)]
    picks += [(8, 0, 0), (8, 0, 0)]  # 6 kg of almonds on one day
    log = _log(tmp_path, picks, files=2)
    resolved = _count_lines(monkeypatch)
    by_line = resolve(log, bundled_index(), bundled_measures())
    # Each distinct line of each file once (the kind column as read: a blank kind is its own line).
    assert resolved == [len(log[["file", "food", "amount", "unit", "kind"]].drop_duplicates())]
    assert resolved[0] < 2 * len(LINES)
    by_row = _row_by_row(log, monkeypatch)
    _assert_same(by_line, by_row, list(by_row.items.columns))
    # Every kind of message is there, naming rows of both files.
    text = "\n".join(by_row.warnings + [str(p) for p in by_row.problems + by_row.unresolved])
    for expected in (
        "brand",
        "took",
        "not plausible",
        "cannot be used",
        "not a unit this food",
        "log0.csv",
        "log1.csv",
    ):
        assert expected in text
    assert list(by_line.items.columns) == list(by_row.items.columns)


def test_a_streamed_part_keeps_only_the_columns_it_sums(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    picks = [(line % len(LINES), line % 3, line % 2) for line in range(60)]
    log = _log(tmp_path, picks, files=1)
    by_line = resolve(log, bundled_index(), bundled_measures(), columns=SUM_COLUMNS)
    by_row = _row_by_row(log, monkeypatch, columns=SUM_COLUMNS)
    kept = [column for column in by_row.items.columns if column in log or column in SUM_COLUMNS]
    assert list(by_line.items.columns) == kept
    _assert_same(by_line, by_row, kept)


def test_a_repeated_row_number_in_one_file_is_resolved_row_by_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Frames given through the API may repeat a row number: a warning naming that row could not
    say which line it means, so such a log is resolved row by row."""
    log = _log(tmp_path, [(6, 0, 0), (6, 0, 1), (0, 1, 0), (0, 1, 1)], files=1)
    log["row"] = [1, 1, 1, 1]
    resolved = _count_lines(monkeypatch)
    result = resolve(log, bundled_index(), bundled_measures())
    assert resolved == [4]
    assert [problem.row for problem in result.unresolved] == [1, 1]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    picks=st.lists(
        st.tuples(st.integers(0, len(LINES) - 1), st.integers(0, 2), st.integers(0, 1)), min_size=2, max_size=40
    ),
    files=st.integers(1, 3),
)
def test_resolving_by_line_is_resolving_by_row(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    picks: list[tuple[int, int, int]],
    files: int,
) -> None:
    log = _log(tmp_path_factory.mktemp("lines"), picks, files=min(files, len(picks)))
    by_line = resolve(log, bundled_index(), bundled_measures())
    by_row = _row_by_row(log, monkeypatch)
    _assert_same(by_line, by_row, list(by_row.items.columns))
