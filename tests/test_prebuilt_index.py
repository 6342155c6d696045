"""The food index kept in the cache by a first run: current, identical to a fresh build, and refused when stale.

The cache folder is the test run's own (tests/conftest.py sets MGCHECK_CACHE_DIR).
"""

from __future__ import annotations

import pickle
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from conftest import fresh_index_copies

from mgcheck import prebuilt
from mgcheck.matching import FoodIndex, _index_for, build_bundled_index
from mgcheck.tables import combined_foods

TEXTS = ["banana", "cooked brown rice", "pb", "wholemeal bread", "chicken burrito", "spinach, boiled", "09040", "xyzzy"]


@pytest.fixture(scope="module", autouse=True)
def fresh_copies() -> Iterator[None]:
    """Every index built here as built, before any match (the tests' shared indexes hold filled caches)."""
    with fresh_index_copies():
        yield


@pytest.fixture(scope="module")
def fresh() -> FoodIndex:
    return build_bundled_index()


@pytest.fixture(autouse=True)
def kept() -> None:
    """The cache as a first run leaves it."""
    if not prebuilt.index_path().is_file():
        prebuilt.write(build_bundled_index())


def _load_quietly(path: Path | None = None) -> FoodIndex | None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", prebuilt.StaleIndexWarning)
        return prebuilt.load(combined_foods(), path)


def test_the_kept_index_is_current() -> None:
    assert prebuilt.index_path().is_file()
    assert _load_quietly() is not None


@pytest.mark.slow
def test_the_kept_index_equals_a_fresh_build(fresh: FoodIndex) -> None:
    shipped = _load_quietly()
    assert shipped is not None
    for name, value in vars(fresh).items():
        if name in ("foods", "_mg", "scorer"):
            continue
        if isinstance(value, np.ndarray):
            assert np.array_equal(getattr(shipped, name), value), name
            continue
        assert getattr(shipped, name) == value, name
    assert shipped.scorer is not None and fresh.scorer is not None
    for name, value in vars(fresh.scorer).items():
        loaded = getattr(shipped.scorer, name)
        if isinstance(value, np.ndarray):
            assert loaded.dtype == value.dtype and np.array_equal(loaded, value), name
        elif isinstance(value, tuple) and value and isinstance(value[0], np.ndarray):  # vocabulary_rows
            assert len(loaded) == len(value) and all(
                a.dtype == b.dtype and np.array_equal(a, b) for a, b in zip(loaded, value, strict=True)
            ), name
        else:
            assert loaded == value, name
    assert shipped.match_many(TEXTS) == fresh.match_many(TEXTS)


def test_the_bundled_index_is_the_kept_one() -> None:
    _index_for.cache_clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error", prebuilt.StaleIndexWarning)
        index = _index_for(0)
    assert index.foods is combined_foods()


def _copy_inputs(tmp_path: Path) -> list[Path]:
    copies = []
    for number, path in enumerate(prebuilt.input_paths()):
        folder = tmp_path / str(number)
        folder.mkdir()
        copies.append(Path(shutil.copy(path, folder / path.name)))
    return copies


def test_a_changed_input_makes_the_index_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copies = _copy_inputs(tmp_path)
    assert prebuilt.inputs_digest(copies) == prebuilt.inputs_digest()
    aliases = next(path for path in copies if path.name == "aliases.csv")
    aliases.write_text(aliases.read_text(encoding="utf-8") + "brekkie oats,08120\n", encoding="utf-8")
    monkeypatch.setattr(prebuilt, "input_paths", lambda: copies)
    with pytest.warns(prebuilt.StaleIndexWarning, match="older than its inputs"):
        assert prebuilt.load(combined_foods()) is None


def test_a_changed_matching_code_makes_the_index_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copies = _copy_inputs(tmp_path)
    matching = next(path for path in copies if path.name == "matching.py")
    matching.write_text(
        matching.read_text(encoding="utf-8").replace("MATCH_THRESHOLD = 75.0", "MATCH_THRESHOLD = 70.0")
    )
    monkeypatch.setattr(prebuilt, "input_paths", lambda: copies)
    with pytest.warns(prebuilt.StaleIndexWarning):
        assert prebuilt.load(combined_foods()) is None


@pytest.mark.slow
def test_a_stale_index_is_rebuilt_in_memory_with_the_right_answers(
    fresh: FoodIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = tmp_path / prebuilt.INDEX_FILE
    payload = pickle.loads(prebuilt.index_path().read_bytes())
    payload["digest"] = "0" * 64
    stale.write_bytes(pickle.dumps(payload))
    monkeypatch.setattr(prebuilt, "index_path", lambda: stale)
    _index_for.cache_clear()
    try:
        with pytest.warns(prebuilt.StaleIndexWarning):
            rebuilt = _index_for(0)
        assert rebuilt.match_many(TEXTS) == fresh.match_many(TEXTS)
    finally:
        _index_for.cache_clear()


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps(["a list"])])
def test_a_missing_or_damaged_index_is_not_used(tmp_path: Path, content: bytes) -> None:
    damaged = tmp_path / prebuilt.INDEX_FILE
    damaged.write_bytes(content)
    with pytest.warns(prebuilt.StaleIndexWarning):
        assert prebuilt.load(combined_foods(), damaged) is None
    with pytest.warns(prebuilt.StaleIndexWarning, match="cannot be read"):
        assert prebuilt.load(combined_foods(), tmp_path / "absent.pickle") is None


@pytest.mark.slow  # builds the bundled food index (1.8 s here, on a quiet machine)
def test_a_first_run_builds_the_index_and_keeps_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    _index_for.cache_clear()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", prebuilt.StaleIndexWarning)  # a missing cache is no warning
            _index_for(0)
        assert prebuilt.index_path() == tmp_path / "cache" / prebuilt.INDEX_FILE
        assert _load_quietly() is not None
    finally:
        _index_for.cache_clear()


@pytest.mark.slow  # builds a food index of its own (2-5 s); run by CI
def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("MGCHECK_CACHE_DIR", str(blocker / "cache"))  # under a file: mkdir fails
    _index_for.cache_clear()
    try:
        assert _index_for(0).match_many(["banana"])["banana"].food_id is not None
    finally:
        _index_for.cache_clear()


@pytest.mark.slow  # rebuilds the food index once (a few seconds)
def test_the_cli_says_a_stale_index_in_its_own_words(tmp_path: Path) -> None:
    """A stale index was shown as Python shows a warning: a library path, a line of mgcheck's source."""
    import os
    import subprocess
    import sys

    (tmp_path / prebuilt.INDEX_FILE).write_bytes(b"not a pickle")
    env = {**os.environ, "MGCHECK_CACHE_DIR": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-m", "mgcheck", "report", "--example", "-f", "csv"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    lines = run.stderr.splitlines()
    stale = [line for line in lines if "prebuilt food index" in line]
    assert stale == [f"mgcheck: warning: the prebuilt food index {tmp_path / prebuilt.INDEX_FILE} cannot be read "
                     "(UnpicklingError); building it again (slower this once)"]  # fmt: skip
    assert not any(".py:" in line or line.startswith("  ") for line in lines)
