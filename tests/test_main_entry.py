"""The command's entry point: OpenBLAS on one thread unless the environment already says."""

from __future__ import annotations

import os

import pytest

import mgcheck.__main__ as entry
import mgcheck.cli


@pytest.mark.parametrize(("given", "kept"), [(None, "1"), ("4", "4")])
def test_the_entry_point_asks_openblas_for_one_thread_unless_told(monkeypatch, given, kept):
    environment = {} if given is None else {"OPENBLAS_NUM_THREADS": given}
    monkeypatch.setattr(os, "environ", environment)
    monkeypatch.setattr(mgcheck.cli, "main", lambda: None)
    monkeypatch.setattr("mgcheck.gcpause.pause_for_startup", lambda: None)
    entry.run()
    assert environment == {"OPENBLAS_NUM_THREADS": kept}
