"""The matcher's fast paths give exactly what the plain computation gives."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from mgcheck.matching import _top


@given(
    st.lists(st.integers(min_value=-5, max_value=5), min_size=1, max_size=200),
    st.integers(min_value=1, max_value=80),
)
def test_top_is_a_stable_argsort_cut(values: list[int], count: int) -> None:
    # Few distinct values: many ties, at the cut too.
    scores = np.asarray(values, dtype=np.float64) / 3.0
    assert np.array_equal(_top(scores, count), np.argsort(-scores, kind="stable")[:count])
