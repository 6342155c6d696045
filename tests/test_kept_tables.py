"""Bundled CSV tables kept parsed in the cache: the same frame as pandas reads, and never stale.

Each test points MGCHECK_CACHE_DIR at a folder of its own.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from mgcheck import kept_tables
from mgcheck.resources import data_path, read_data_csv

OPTIONS = {"keep_default_na": False, "na_values": [""]}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MGCHECK_CACHE_DIR", str(folder))
    return folder / kept_tables.FOLDER


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again instead of reading the kept table")

    monkeypatch.setattr(pd, "read_csv", refuse)


@pytest.mark.parametrize(("name", "dtype"), [("foods.csv", {"food_id": str, "name": str}), ("sd_within.csv", None)])
def test_a_kept_table_is_the_frame_pandas_reads(cache: Path, monkeypatch: pytest.MonkeyPatch, name, dtype) -> None:
    options = {**OPTIONS, **({"dtype": dtype} if dtype else {})}
    expected = pd.read_csv(data_path(name), **options)
    first = kept_tables.read_csv_kept(data_path(name), **options)
    assert [path.name.split(".")[0] for path in cache.iterdir()] == [name.split(".")[0]]
    _no_parsing(monkeypatch)
    second = kept_tables.read_csv_kept(data_path(name), **options)
    for frame in (first, second):
        pd.testing.assert_frame_equal(frame, expected)  # values and dtypes
    assert second is not first  # each call gets its own frame to change


def test_changed_bytes_or_options_are_parsed_again(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "table.csv"
    source.write_text("food_id,mg\n01001,2\n", encoding="utf-8")
    assert kept_tables.read_csv_kept(source, dtype=str)["food_id"].tolist() == ["01001"]
    assert kept_tables.read_csv_kept(source)["food_id"].tolist() == [1001]  # other options: another table
    source.write_text("food_id,mg\n01002,3\n", encoding="utf-8")
    assert kept_tables.read_csv_kept(source, dtype=str)["food_id"].tolist() == ["01002"]
    # The kept table of the old bytes is gone; one per file is left.
    assert len(list(cache.glob("table.csv.*.pickle"))) == 1


def test_an_unreadable_kept_table_is_parsed_again(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "table.csv"
    source.write_text("a,b\n1,2\n", encoding="utf-8")
    kept_tables.read_csv_kept(source)
    (kept,) = cache.glob("table.csv.*.pickle")
    kept.write_bytes(kept.read_bytes()[:10])  # truncated
    assert kept_tables.read_csv_kept(source).to_dict("records") == [{"a": 1, "b": 2}]
    kept.write_bytes(b"\x80\x05K\x01.")  # a pickle, but not a frame
    assert kept_tables.read_csv_kept(source).to_dict("records") == [{"a": 1, "b": 2}]


def test_a_cache_folder_that_cannot_be_written_only_means_parsing(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("MGCHECK_CACHE_DIR", str(blocker))
    source = tmp_path / "table.csv"
    source.write_text("a\n1\n", encoding="utf-8")
    for _ in range(2):
        assert kept_tables.read_csv_kept(source)["a"].tolist() == [1]


def test_bundled_tables_are_read_through_the_kept_copy(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = pd.read_csv(data_path("measures.csv"), dtype={"food_id": str, "measure": str}, **OPTIONS)
    pd.testing.assert_frame_equal(read_data_csv("measures.csv", dtype={"food_id": str, "measure": str}), expected)
    _no_parsing(monkeypatch)
    pd.testing.assert_frame_equal(read_data_csv("measures.csv", dtype={"food_id": str, "measure": str}), expected)
