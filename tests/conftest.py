"""Shared fixtures: an isolated environment, a CLI runner, and a writer of small food logs."""

from __future__ import annotations

import os
import sys
import tempfile

# Compiled code is kept between runs even where PYTHONDONTWRITEBYTECODE is set (as on the machine the
# session runs on): then every run, in each xdist worker, compiled the package again and pytest rewrote
# the asserts of every test module, ~3 s a worker (collection 4.4 -> 1.5 s). Kept under the temporary
# folder (sys.pycache_prefix), never next to the sources, so the setting's wish of a clean tree holds.
if sys.dont_write_bytecode and sys.pycache_prefix is None:
    sys.pycache_prefix = os.path.join(tempfile.gettempdir(), f"mgcheck-tests-pycache-{os.getuid()}")
    sys.dont_write_bytecode = False

import gc
import hashlib
import itertools
import json
import pickle
import re
import shutil
import socket
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import typer
import typer.testing
from hypothesis import settings
from typer.testing import CliRunner

from mgcheck.cli import app
from mgcheck.matching import FoodIndex
from mgcheck.tables import all_tables

# pytest's temporary directories (two or three per test) on the RAM disk when there is one: removing a
# directory from this machine's ext4 disk costs about 3 ms, seconds per run. PYTEST_DEBUG_TEMPROOT is
# pytest's documented setting for their root; it is read when the first one is made, after this import.
if "PYTEST_DEBUG_TEMPROOT" not in os.environ and os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
    os.environ["PYTEST_DEBUG_TEMPROOT"] = "/dev/shm"


def _run_cache() -> str:
    """The test runs' cache folder (MGCHECK_CACHE_DIR), never the user's: one per digest of everything the
    bundled index is built from (mgcheck.prebuilt), shared by the runs and xdist workers of one code and
    data. A run after a change to any input starts from an empty folder, as a first run does; the runs
    since keep the index and the parsed tables (building the index cost each worker 2-4 s at every run).
    Folders unused for a day are removed by the next run's main process."""
    from mgcheck import prebuilt

    root = Path(tempfile.gettempdir()) / f"mgcheck-tests-cache-{os.getuid()}"
    folder = root / prebuilt.inputs_digest()[:24]
    folder.mkdir(parents=True, exist_ok=True)
    os.utime(folder)  # in use: the pruning below leaves it alone
    if "PYTEST_XDIST_WORKER" not in os.environ:
        for old in root.iterdir():
            with suppress(OSError):
                if old != folder and time.time() - old.stat().st_mtime > 86400:
                    shutil.rmtree(old)
    return str(folder)


# Subprocesses inherit it.
RUN_CACHE = _run_cache()
os.environ["MGCHECK_CACHE_DIR"] = RUN_CACHE

# Hypothesis: few examples in the quick default run; `HYPOTHESIS_PROFILE=ci` (set by .ci/run) for the full
# counts. No deadline in either: a loaded machine must not turn a slow example into a failure.
settings.register_profile("dev", max_examples=10, deadline=None)
settings.register_profile("ci", max_examples=100, deadline=None)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
settings.load_profile(HYPOTHESIS_PROFILE)


def long_property(test: Any) -> Any:
    """Mark a property whose full example count (the ci profile) takes seconds: under the ci profile it is
    marked slow, so CI's quick run leaves it out and CI's slow run gives it the full count; under the
    quick dev profile (a tenth of the examples, under a second) it stays in the default run. Each run
    of .ci/run or of a developer's two commands checks it once."""
    return pytest.mark.slow(test) if HYPOTHESIS_PROFILE == "ci" else test


def examples(ci_count: int) -> int:
    """A property's number of examples: `ci_count` under the ci profile, a tenth of it (at least 5) by default."""
    return ci_count if HYPOTHESIS_PROFILE == "ci" else max(5, ci_count // 10)


def _shape(typer_app: typer.Typer) -> tuple[object, ...]:
    """What Typer builds the click command from: the app and every command and sub-app registered on it."""
    groups = tuple(_shape(group.typer_instance) for group in typer_app.registered_groups if group.typer_instance)
    return (id(typer_app), tuple(id(command) for command in typer_app.registered_commands), groups)


_COMMANDS: dict[tuple[object, ...], Any] = {}
_build_command = typer.testing._get_command


def _cached_command(typer_app: typer.Typer) -> Any:
    """Typer's CliRunner rebuilds the click command on every invoke (tens of ms, run hundreds of times):
    build it once per shape of the app, so a test that registers a command still gets a fresh build."""
    key = _shape(typer_app)
    if key not in _COMMANDS:
        _COMMANDS[key] = _build_command(typer_app)
    return _COMMANDS[key]


typer.testing._get_command = _cached_command  # type: ignore[attr-defined]


def _frame_key(frame: pd.DataFrame) -> tuple[object, ...]:
    """A DataFrame's content as a key: columns, dtypes and an order-sensitive digest of its rows."""
    rows = pd.util.hash_pandas_object(frame, index=True).to_numpy()
    return (tuple(frame.columns), tuple(map(str, frame.dtypes)), hashlib.sha256(rows.tobytes()).hexdigest())


_INDEXES: OrderedDict[tuple[object, ...], FoodIndex] = OrderedDict()
_build_index = FoodIndex.build.__func__  # type: ignore[attr-defined]
# While set (fresh_index_copies): each build a fresh copy of the index as built, before any match.
_PRISTINE: dict[tuple[object, ...], bytes] | None = None


def _cached_index(
    cls: type[FoodIndex], foods: pd.DataFrame, aliases: pd.DataFrame, id_only: frozenset[str] = frozenset()
) -> FoodIndex:
    """FoodIndex.build for the same foods and aliases again (every run with --foods, --recipes or a book
    rebuilds it: tenths of a second, in hundreds of tests): the index built the first time, shared as
    the bundled index is in every process. A match only fills the index's caches and nothing else
    changes a built index (recipes.add_dishes makes a new one; its test says so), so no test sees
    another's run in it; an unpickled copy for each run cost 0.05-0.1 s (and cold caches)."""
    try:
        ranks = tuple((table.name, table.rank) for table in all_tables())
        key = (cls, _frame_key(foods), _frame_key(aliases), id_only, ranks)
    except TypeError:  # a cell pandas cannot hash: build as usual
        return _build_index(cls, foods, aliases, id_only)  # type: ignore[no-any-return]
    if _PRISTINE is not None:
        if key not in _PRISTINE:
            _PRISTINE[key] = pickle.dumps(_build_index(cls, foods, aliases, id_only), protocol=pickle.HIGHEST_PROTOCOL)
        return pickle.loads(_PRISTINE[key])  # type: ignore[no-any-return]
    if key not in _INDEXES:
        _INDEXES[key] = _kept_index(key, lambda: _build_index(cls, foods, aliases, id_only), len(foods))
        if len(_INDEXES) > 8:
            _INDEXES.popitem(last=False)
        if len(foods) >= _KEEP_FROM_FOODS:
            gc.freeze()  # a large index, kept for later tests: never walked by a full collection
    _INDEXES.move_to_end(key)
    return _INDEXES[key]


# An index over at least this many foods (the bundled tables plus a clinic's --foods table: 15,134
# foods) is kept on disk; toy tables of a few foods build in milliseconds and are not.
_KEEP_FROM_FOODS = 1000


def _kept_index(key: tuple[object, ...], build: Callable[[], FoodIndex], count: int) -> FoodIndex:
    """The index for `key` as built by an earlier run or xdist worker, else `build()` kept for the next.

    Every worker built the clinic tables' index over the bundled foods itself (1.2 s quiet, 3-4 s under
    load, on the first test with --foods), and again at every run. It is pickled fresh, before any match,
    into the run cache (MGCHECK_CACHE_DIR: one folder per digest of the code and data the index is built
    from), under the digest of `key` (the foods' and aliases' content, the id-only tables, the ranks);
    a file that cannot be read or written only means building as before.
    """
    if count < _KEEP_FROM_FOODS:
        return build()
    from mgcheck.gcpause import paused

    _cls, foods, aliases, id_only, ranks = key
    content = repr((foods, aliases, sorted(id_only), ranks))  # type: ignore[call-overload]
    path = Path(RUN_CACHE) / f"test-index-{hashlib.sha256(content.encode()).hexdigest()[:32]}.pickle"
    with suppress(Exception):
        with paused():
            kept = pickle.loads(path.read_bytes())
        if isinstance(kept, FoodIndex):
            return kept
    index = build()
    # Kept from its second build on: a table only one test uses (eight in the slow run) costs a
    # 15 MB file and a quarter of a second to write it, once, for nothing; the first build leaves a mark.
    seen = path.with_suffix(".seen")
    with suppress(OSError):
        if not seen.exists():
            seen.touch()
        else:
            temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # workers never share one
            temporary.write_bytes(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
            temporary.replace(path)
    return index


def _never_scanned() -> None:
    """Move every object alive now out of the collector's reach (gc.freeze), garbage collected first.

    A test process keeps what it loads for its whole run: the bundled index and tables, the kept
    indexes above, the test modules and Hypothesis. Each full collection walked all of it again and
    freed next to nothing (a worker's 9-13 full passes cost it 1.0-1.5 s of CPU in a quick run, measured
    with gc.callbacks); what is frozen is never walked. Objects made later are collected as usual.
    """
    gc.collect()
    gc.freeze()


@pytest.fixture(scope="session", autouse=True)
def startup_frozen() -> FoodIndex:
    """The bundled index loaded, then everything the process holds so far frozen (`_never_scanned`);
    gives the index frozen (a test that registers a table makes the bundled index anew)."""
    from mgcheck.matching import bundled_index

    index = bundled_index()
    _never_scanned()
    return index


@contextmanager
def fresh_index_copies() -> Iterator[None]:
    """Within: FoodIndex.build gives a fresh copy of the index as built, its caches empty (for the tests of
    the kept index, which compare an index's whole state and pickle one), built once per foods and aliases."""
    global _PRISTINE
    _PRISTINE = {}
    try:
        yield
    finally:
        _PRISTINE = None


FoodIndex.build = classmethod(_cached_index)  # type: ignore[method-assign, assignment]


_NUMBERS = itertools.count()


def fresh_folder(factory: pytest.TempPathFactory, prefix: str) -> Path:
    """A new empty folder `prefix` + a number in the run's base temporary folder, as
    `tmp_path_factory.mktemp(prefix)` makes one but without its scan: mktemp finds its number by
    listing the whole base folder, which holds every earlier test's folders (2,400 by the end of a
    worker's run), and links `prefix`current to it; three of those per test cost a worker 2 s.
    The number counts this process's folders, and one taken by mktemp is skipped."""
    base = factory.getbasetemp()
    while True:
        path = base / f"{prefix}{next(_NUMBERS)}"
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            continue
        return path


@pytest.fixture
def tmp_path(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pytest's tmp_path (a new empty folder named after the test, kept after the run as pytest keeps
    it by default), made by `fresh_folder`."""
    return fresh_folder(tmp_path_factory, re.sub(r"[\W]", "_", request.node.name)[:30])


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads a real user's files, gets colour codes, or opens a network connection."""
    home = fresh_folder(tmp_path_factory, "home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("mgcheck opened a network socket")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(autouse=True)
def no_clinic_book(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test finds a real clinic book: MGCHECK_BOOK unset, and an empty working directory (no mgcheck.toml)."""
    monkeypatch.delenv("MGCHECK_BOOK", raising=False)
    monkeypatch.chdir(fresh_folder(tmp_path_factory, "cwd"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write_log(tmp_path: Path) -> Callable[..., Path]:
    """Write a log file from CSV text (or bytes) and return its path."""
    counter = {"n": 0}

    def write(content: str | bytes, name: str | None = None) -> Path:
        counter["n"] += 1
        path = tmp_path / (name or f"log{counter['n']}.csv")
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture
def invoke(runner: CliRunner) -> Callable[..., Any]:
    def run(*args: object, input: str | bytes | None = None) -> Any:
        return runner.invoke(app, [str(a) for a in args], input=input)

    return run


def report_json(result: Any) -> dict[str, Any]:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


REPORT_FIGURES = ("food_id", "grams", "mg", "mg_low", "mg_high")


def report_csv_figures(result: Any) -> dict[str, tuple[str, ...]]:
    """Each item's food id, grams, mg and range (REPORT_FIGURES) by its food text, from a `report --format csv`."""
    import csv
    import io

    assert result.exit_code == 0, result.stderr
    return {row["food"]: tuple(row[c] for c in REPORT_FIGURES) for row in csv.DictReader(io.StringIO(result.stdout))}


def report_figures_of_rows(write_log: Any, invoke: Any, rows: list[tuple[str, str, str]]) -> dict[str, tuple[str, ...]]:
    """`report_csv_figures` of a one-day log of (food, amount, unit) rows, for a woman of 40."""
    log = write_log(
        "date,food,amount,unit\n" + "".join(f"2024-01-01,{food},{amount},{unit}\n" for food, amount, unit in rows)
    )
    return report_csv_figures(invoke("report", log, "--sex", "F", "--age", "40", "--format", "csv"))
