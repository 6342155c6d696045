"""Vectorised helpers: work once per distinct value of a column, not once per row."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import FunctionType
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

# Largest product of key sizes for which group totals are indexed directly by the combined key.
_DIRECT_SPAN = 1 << 22
# Above this the combined key is renumbered before another key is folded in (int64 stays exact).
_COMPACT_SPAN = 1 << 40
TEXT_COLUMNS = ("subject", "file", "date", "food", "unit", "kind")
# Inside `remembered`: per function code, its result for each (type, value) it was given.
_REMEMBERED: ContextVar[dict[Any, dict[tuple[type, Any], Any]] | None] = ContextVar("remembered", default=None)
_UNSEEN = object()
# Values kept per function: a study's distinct foods and units fit; a column of a million distinct
# values (subjects) is not kept whole, the values past this are computed again in each part.
_REMEMBERED_MOST = 20_000
# Up to this many distinct results of a categorical per_distinct are numbered by a dict (`_factorized_results`).
_FEW_RESULTS = 1000


_Built = TypeVar("_Built")


def per_table(build: Callable[[pd.DataFrame], _Built]) -> Callable[[pd.DataFrame], _Built]:
    """`build(table)`, made once per table object and kept while the table lives.

    For what a run derives from a reference table that does not depend on the log (a lookup by food
    id, per-gram arrays): the bundled tables are the same objects in every run of a process (the tests'
    hundreds of runs, a script's loop over patients), so it is made once, not per run (some 1-4 ms each
    over 15,000 foods and 46,000 measures). A table a run builds anew (--foods, a book) is a new object
    and gets its own. Tables are never changed in place once built; a changed table would be a new one.
    """
    kept: dict[int, tuple[weakref.ref[pd.DataFrame], _Built]] = {}

    def made(table: pd.DataFrame) -> _Built:
        key = id(table)
        found = kept.get(key)
        if found is not None and found[0]() is table:
            return found[1]
        value = build(table)

        def forget(reference: weakref.ref[pd.DataFrame]) -> None:
            # Only this table's entry: its id may already name a newer table's.
            if key in kept and kept[key][0] is reference:
                del kept[key]

        kept[key] = (weakref.ref(table, forget), value)
        return value

    return made


KEPT_MOST = 65536  # entries of a memo `kept` stores into before it empties it


def kept(memo: dict[Any, Any], key: Any, value: Any) -> Any:
    """`value`, stored in `memo` under `key`; a memo holding KEPT_MOST entries is emptied first, so a
    writer's memo of texts it has made (a report's figures and names) stays bounded on any study."""
    if len(memo) >= KEPT_MOST:
        memo.clear()
    memo[key] = value
    return value


@contextmanager
def remembered() -> Iterator[None]:
    """While open, `per_distinct` keeps what a plain function (no closure, no defaults) gave for each
    value and reuses it: the parts of a streamed study repeat their texts (3,000 SR28 names in each
    of 5 parts), and such a function depends only on its value and the run's settings, which a run
    does not change. A function closing over a variable (a run's matches, a date format) is called as before.
    """
    token = _REMEMBERED.set({})
    try:
        yield
    finally:
        _REMEMBERED.reset(token)


def _results(func: Callable[[Any], Any], uniques: Iterable[Any]) -> list[Any]:
    """func of each value, reused from earlier calls inside `remembered` where it may be."""
    memo = _REMEMBERED.get()
    if (
        memo is None
        or type(func) is not FunctionType
        or func.__closure__ is not None
        or func.__defaults__ is not None
        or func.__kwdefaults__ is not None
    ):
        return [func(value) for value in uniques]
    known = memo.setdefault(func.__code__, {})
    results = []
    for value in uniques:
        key = (type(value), value)  # 1, 1.0 and True are one dict key, not one cell
        found = known.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = func(value)
            if len(known) < _REMEMBERED_MOST:
                known[key] = found
        results.append(found)
    return results


def per_distinct(series: pd.Series, func: Callable[[Any], Any], dtype: str = "object") -> pd.Series:
    """func applied to each distinct value once, spread back over the rows.

    Missing values give None (NaN for numeric dtypes). With dtype "category" the result is
    a categorical built from the codes, so a chain of such steps never touches the rows'
    strings again. `func` must give the same result for the same value (see `remembered`).
    """
    import numpy as np
    import pandas as pd

    codes, uniques = _factorized(series)
    results = _results(func, uniques)
    if dtype == "category":
        result_codes, categories = _factorized_results(results)
        # Each distinct value's code, -1 last for a missing row, in the type pandas gives codes of this
        # many categories: the rows' codes are then made once, not made and converted.
        lookup = np.append(result_codes, -1).astype(_code_type(len(categories)))
        # They lie between -1 and len(categories) - 1 by construction: no pass over the rows to check them.
        categorical = pd.Categorical.from_codes(lookup[codes], categories=categories, validate=False)
        return cast("pd.Series", pd.Series(categorical, index=series.index))
    if dtype in ("float64", "bool"):
        # A typed array of the distinct results, indexed by the row codes (missing: NaN / False).
        missing = np.nan if dtype == "float64" else False
        typed = np.array([missing if value is None else value for value in results] + [missing], dtype=dtype)
        return cast("pd.Series", pd.Series(typed[codes], index=series.index))
    spread_values = np.empty(len(uniques) + 1, dtype=object)
    spread_values[:-1] = results
    spread_values[-1] = None
    if dtype != "object":
        return cast("pd.Series", pd.Series(spread_values[codes], index=series.index).astype(cast(Any, dtype)))
    return cast("pd.Series", pd.Series(spread_values[codes], index=series.index, dtype=object))


def _factorized(series: pd.Series) -> tuple[np.ndarray, Any]:
    """`pd.factorize(series)`: each row's code (-1 missing) and the distinct values in order of first
    appearance. A categorical is factorized by its integer codes, not through its categories (a
    third of a small run's `per_distinct`)."""
    import numpy as np
    import pandas as pd

    values = series.array
    if not isinstance(values, pd.Categorical):
        return pd.factorize(series, use_na_sentinel=True)
    codes, used = pd.factorize(values.codes)
    missing = np.flatnonzero(used < 0)
    if missing.size:  # code -1 (a missing row) is no value: its rows are -1, the later values move down
        lookup = np.arange(len(used), dtype=np.intp)
        lookup[missing[0]] = -1
        lookup[missing[0] + 1 :] -= 1
        codes = lookup[codes]
        used = np.delete(used, missing[0])
    return codes, values.categories.take(used).tolist()


def _factorized_results(results: list[Any]) -> tuple[np.ndarray, pd.Index]:
    """`pd.factorize` of distinct values' results (None missing), by a dict when they are all text or
    None (what a categorical per_distinct gives): a Series and its factorization cost more than the
    few values they hold. Past _FEW_RESULTS values pandas' hash table is the faster."""
    import numpy as np
    import pandas as pd

    if len(results) > _FEW_RESULTS or not all(type(result) is str or result is None for result in results):
        return pd.factorize(pd.Series(results, dtype=object), use_na_sentinel=True)
    seen: dict[str, int] = {}
    codes = [-1 if result is None else seen.setdefault(result, len(seen)) for result in results]
    return np.array(codes, dtype=np.intp), pd.Index(list(seen), dtype=object)


def _code_type(categories: int) -> type[np.signedinteger[Any]]:
    """The integer type pandas gives the codes of a categorical with this many categories (int8 up to 126)."""
    import numpy as np

    for kind in (np.int8, np.int16, np.int32):
        if categories < np.iinfo(kind).max:
            return kind
    return np.int64


def strip(value: Any) -> str:
    """A cell as trimmed text ('' for a missing cell)."""
    return value.strip() if isinstance(value, str) else ""


def group_sums(frame: pd.DataFrame, keys: list[str], value: str, rows: np.ndarray | None = None) -> pd.Series:
    """Each row's group total of `value` (a groupby-transform-sum), with one integer key per group.

    With `rows` (a boolean mask), the same for `frame[rows]` without copying its columns.
    """
    import numpy as np
    import pandas as pd

    combined, span = combined_key([frame[key] for key in keys])
    weights = frame[value].to_numpy(dtype=np.float64)
    index = frame.index
    if rows is not None:
        combined, weights, index = combined[rows], weights[rows], index[rows]
    if span > _DIRECT_SPAN:  # too many possible groups for a direct table: number the ones present
        combined, _ = pd.factorize(combined)
    totals = np.bincount(combined, weights=weights)
    return cast("pd.Series", pd.Series(totals[combined], index=index))


def combined_key(columns: list[pd.Series]) -> tuple[np.ndarray, int]:
    """One non-negative integer per row that is equal for two rows exactly when every column is
    (a missing value is a value of its own), and the number of values it may take."""
    import numpy as np
    import pandas as pd

    combined = np.zeros(len(columns[0]) if columns else 0, dtype=np.int64)
    span = 1
    for column in columns:
        if isinstance(column.dtype, pd.CategoricalDtype):
            codes, size = column.cat.codes.to_numpy(dtype=np.int64), len(column.cat.categories)
        else:
            codes, uniques = pd.factorize(column, use_na_sentinel=True)
            size = len(uniques)
        if span * (size + 1) > _COMPACT_SPAN:  # renumber the groups so far before the key could overflow
            combined, present = pd.factorize(combined)
            span = len(present)
        combined = combined * (size + 1) + (codes + 1)
        span *= size + 1
    return combined, span


def as_categories(frame: pd.DataFrame, columns: Iterable[str] = TEXT_COLUMNS) -> pd.DataFrame:
    """Repeated text columns as categoricals: comparisons and group-bys then run on integer codes."""
    for column in columns:
        if column in frame and frame[column].dtype.name != "category":
            frame[column] = frame[column].astype("category")
    return frame


def rounded(values: Any, digits: int) -> Any:
    """`round(x, digits)` of each number of a float array, exactly the float Python's round gives (NaN stays NaN).

    Python rounds the exact binary value half to even; scaling by 10**digits first (as
    numpy.round does) can move a value just off a half onto it or across it, so the few values
    that come that close to a half after scaling, and any too large to scale exactly, are
    rounded by Python itself. Every other value has the same nearest integer k either way, and
    k / 10**digits, one correctly rounded division, is the float nearest the decimal result,
    which is what Python's round returns.
    """
    import numpy as np

    numbers = np.asarray(values, dtype=np.float64)
    scale = 10.0**digits
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = numbers * scale
        result = np.rint(scaled) / scale
        # How far the scaled value is from the nearest half, against the scaling's worst error.
        distance = np.abs(scaled - np.floor(scaled) - 0.5)
        doubtful = ~(distance > np.abs(scaled) * 1e-12 + 1e-12) | ~(np.abs(scaled) < 2.0**50)
    doubtful &= ~np.isnan(numbers)
    for position in np.flatnonzero(doubtful):
        result[position] = round(float(numbers[position]), digits)
    return result
