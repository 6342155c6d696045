"""The bundled food index, built once per user and kept in a cache: used only while its inputs are unchanged.

`FoodIndex.build` over SR28 and FNDDS costs a second or more at every start. The first run
builds it and pickles it to `food_index.pickle` in the cache folder (`MGCHECK_CACHE_DIR`, else
`$XDG_CACHE_HOME/mgcheck`, else `~/.cache/mgcheck`), with a SHA-256 digest of everything the index
is built from: the data files (foods, aliases, word lists) and the source of the code that builds
it. The file is derived data, so it is not in the repository or the wheel. At load, the digest is
recomputed; an unreadable or stale file gives a `StaleIndexWarning` and None, and the caller
builds the index in memory and writes it again, so the answer is never wrong, only slower once.
A folder that cannot be written only means the index is built at every run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from mgcheck.matching import FoodIndex

INDEX_FILE = "food_index.pickle"
# Bump when the pickled layout changes in a way the digest cannot see.
FORMAT = 1
DATA_INPUTS = (
    "foods.csv",
    "aliases.csv",
    "absent_foods.csv",
    "form_words.csv",
    "word_equivalents.csv",
    "usda_abbreviations.csv",
    "marked_words.csv",
    "as_eaten_categories.csv",
    "ies_plurals.csv",
    "dish_bowls.csv",
)
# Modules whose code decides what the index holds (relative to the package). units.py is matching's
# (portion words taken off a name, counts) and two_foods.py its joined-food rule: a change to either
# must not leave a kept index (the user's, or the tests' kept between runs) built by the code before it.
CODE_INPUTS = ("matching.py", "text.py", "resources.py", "prebuilt.py", "units.py", "two_foods.py")
CODE_FOLDERS = ("tables",)
# The state of a FoodIndex that is rebuilt at load, not pickled.
_NOT_PICKLED = ("foods", "_mg")


class StaleIndexWarning(UserWarning):
    """The kept food index is unreadable or older than its inputs: it is built again."""


def cache_folder() -> Path:
    """Where the index is kept: MGCHECK_CACHE_DIR, else $XDG_CACHE_HOME/mgcheck, else ~/.cache/mgcheck."""
    chosen = os.environ.get("MGCHECK_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "mgcheck"


def index_path() -> Path:
    return cache_folder() / INDEX_FILE


def input_paths() -> list[Path]:
    """Every file the bundled index is built from, in a fixed order."""
    from mgcheck.resources import data_path

    package = Path(__file__).resolve().parent
    code = [package / name for name in CODE_INPUTS]
    for folder in CODE_FOLDERS:
        code += sorted((package / folder).glob("*.py"))
    return [data_path(name) for name in DATA_INPUTS] + code


def inputs_digest(paths: list[Path] | None = None) -> str:
    """SHA-256 over the names and bytes of the inputs, and the numpy major version (pickled arrays)."""
    import numpy as np

    digest = hashlib.sha256(f"format {FORMAT}; numpy {np.__version__.split('.')[0]}\n".encode())
    for path in paths if paths is not None else input_paths():
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def write(index: FoodIndex, path: Path | None = None) -> Path:
    """Pickle `index` (the bundled one) with the digest of its inputs; returns the file written."""
    target = path or index_path()
    state = {key: value for key, value in vars(index).items() if key not in _NOT_PICKLED}
    assert index.scorer is not None and not index.scorer._word_rows, "pickle a fresh index, before any match"
    payload = {"digest": inputs_digest(), "state": state}
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")  # concurrent runs never share one
    temporary.write_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    temporary.replace(target)
    return target


def remember(index: FoodIndex) -> None:
    """Keep a freshly built bundled index for the next run; a folder that cannot be written is no error."""
    with contextlib.suppress(OSError):
        write(index)


def load(foods: pd.DataFrame, path: Path | None = None) -> FoodIndex | None:
    """The kept index over `foods` (the bundled foods frame), or None with a warning when it cannot be used."""
    from mgcheck.gcpause import paused
    from mgcheck.matching import FoodIndex

    source = path or index_path()
    try:
        with paused():  # every object of the index is kept: a collection would free nothing
            payload: dict[str, Any] = pickle.loads(source.read_bytes())
        current = inputs_digest()
    except Exception as error:  # missing, truncated, or pickled by an incompatible library version
        _warn(f"the prebuilt food index {source} cannot be read ({type(error).__name__})")
        return None
    if not isinstance(payload, dict) or payload.get("digest") != current:
        _warn(f"the prebuilt food index {source} is older than its inputs")
        return None
    index = FoodIndex.__new__(FoodIndex)
    vars(index).update(payload["state"])
    index.foods = foods
    index._mg = None
    return index


def _warn(message: str) -> None:
    warnings.warn(
        f"{message}; building it again (slower this once)",
        StaleIndexWarning,
        stacklevel=3,
    )
