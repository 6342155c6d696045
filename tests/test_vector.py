"""per_distinct: one call per distinct value, and reuse across calls inside `remembered`."""

from __future__ import annotations

import pandas as pd

from mgcheck import vector
from mgcheck.vector import per_distinct, remembered

CALLS: list[object] = []


def _counted(value: object) -> str:
    CALLS.append(value)
    return f"{type(value).__name__}:{value}"


def test_a_plain_function_is_called_once_per_value_across_calls_inside_remembered():
    CALLS.clear()
    part = pd.Series(["oats", "milk", "oats", None], dtype=object)
    with remembered():
        first = per_distinct(part, _counted).tolist()
        second = per_distinct(pd.Series(["milk", "tea"], dtype=object), _counted).tolist()
    assert first == ["str:oats", "str:milk", "str:oats", None]
    assert second == ["str:milk", "str:tea"]
    assert CALLS == ["oats", "milk", "tea"]
    # Outside it nothing is kept: each call reads its values again.
    per_distinct(pd.Series(["milk"], dtype=object), _counted)
    assert CALLS == ["oats", "milk", "tea", "milk"] and vector._REMEMBERED.get() is None


def test_values_equal_across_types_are_kept_apart():
    CALLS.clear()
    with remembered():
        assert per_distinct(pd.Series([1], dtype=object), _counted).tolist() == ["int:1"]
        assert per_distinct(pd.Series([1.0], dtype=object), _counted).tolist() == ["float:1.0"]
        assert per_distinct(pd.Series([True], dtype=object), _counted).tolist() == ["bool:True"]
    assert CALLS == [1, 1.0, True]


def test_a_function_closing_over_a_variable_is_called_again():
    calls: list[str] = []

    def suffixed(suffix: str) -> object:
        def add(text: str) -> str:
            calls.append(text)
            return text + suffix

        return add

    with remembered():
        assert per_distinct(pd.Series(["a"], dtype=object), suffixed("1")).tolist() == ["a1"]
        assert per_distinct(pd.Series(["a"], dtype=object), suffixed("2")).tolist() == ["a2"]
        assert per_distinct(pd.Series(["a"], dtype=object), lambda text, end="3": text + end).tolist() == ["a3"]
    assert calls == ["a", "a"]


def test_values_past_the_limit_are_computed_again(monkeypatch):
    CALLS.clear()
    monkeypatch.setattr(vector, "_REMEMBERED_MOST", 2)
    with remembered():
        per_distinct(pd.Series(["a", "b", "c"], dtype=object), _counted)
        assert per_distinct(pd.Series(["a", "b", "c"], dtype=object), _counted).tolist() == ["str:a", "str:b", "str:c"]
    assert CALLS == ["a", "b", "c", "c"]
