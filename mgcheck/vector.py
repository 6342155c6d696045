"""Vectorised helpers: work once per distinct value of a column, not once per row."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

TEXT_COLUMNS = ("subject", "file", "date", "food", "unit", "kind")


def per_distinct(series: pd.Series, func: Callable[[Any], Any]) -> pd.Series:
    """func applied to each distinct value once, spread back over the rows (NaN stays NaN)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    results = np.empty(len(uniques) + 1, dtype=object)
    results[:-1] = [func(value) for value in uniques]
    results[-1] = None
    return pd.Series(results[codes], index=series.index)


def spread(series: pd.Series, columns: dict[str, Callable[[Any], Any]]) -> pd.DataFrame:
    """Several functions of each distinct value, computed once per value and spread over the rows."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    spread_columns = {}
    for name, func in columns.items():
        values = np.empty(len(uniques) + 1, dtype=object)
        values[:-1] = [func(value) for value in uniques]
        values[-1] = None
        spread_columns[name] = values[codes]
    return pd.DataFrame(spread_columns, index=series.index)


def as_categories(frame: pd.DataFrame, columns: Iterable[str] = TEXT_COLUMNS) -> pd.DataFrame:
    """Repeated text columns as categoricals: comparisons and group-bys then run on integer codes."""
    for column in columns:
        if column in frame and frame[column].dtype.name != "category":
            frame[column] = frame[column].astype("category")
    return frame
