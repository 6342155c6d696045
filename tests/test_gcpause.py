"""Garbage collection paused for the command line's start-up only (mgcheck.gcpause)."""

import gc
import subprocess
import sys

import pytest

from mgcheck.gcpause import paused


def test_paused_restores_the_state_it_found():
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def _generation_of(made: object) -> int | None:
    return next((g for g in range(3) if any(o is made for o in gc.get_objects(generation=g))), None)


def test_what_a_kept_pause_made_joins_the_oldest_generation_unless_objects_are_frozen():
    # Matching's caches outlive the batch: no young pass should walk them. With start-up's objects
    # frozen (the command line), nothing is promoted: promoting would unfreeze those. The test
    # process's own frozen objects (conftest) are set aside for the test and frozen again after it.
    frozen_before = gc.get_freeze_count()
    gc.unfreeze()
    try:
        assert gc.isenabled() and gc.get_freeze_count() == 0
        with paused(kept=True):
            kept = [[n] for n in range(100)]
        assert _generation_of(kept) == 2 and gc.get_freeze_count() == 0
        with paused():
            young = [[n] for n in range(100)]
        assert _generation_of(young) in (0, 1)
        gc.freeze()
        frozen = gc.get_freeze_count()
        with paused(kept=True):
            beside_frozen = [[n] for n in range(100)]
        assert gc.get_freeze_count() == frozen and _generation_of(beside_frozen) in (0, 1)
    finally:
        gc.unfreeze()
        if frozen_before:
            gc.freeze()


@pytest.mark.slow
def test_the_command_line_pauses_collection_for_start_up_and_collects_from_the_first_log_on(tmp_path):
    """Off while the options are read (imports only so far); on, with start-up's objects frozen, when
    foods are matched; the report is the same."""
    out = tmp_path / "r.json"
    code = (
        "import gc, sys\n"
        "import mgcheck.cli.options as options, mgcheck.resolve as resolve\n"
        "seen = {}\n"
        "def spy(original, name):\n"
        "    def called(*args, **kwargs):\n"
        "        seen[name] = (gc.isenabled(), gc.get_freeze_count() > 0)\n"
        "        return original(*args, **kwargs)\n"
        "    return called\n"
        "options.request_for = spy(options.request_for, 'options')\n"
        "resolve.resolve = spy(resolve.resolve, 'resolve')\n"
        "from mgcheck.__main__ import run\n"
        f"sys.argv = ['mgcheck', 'report', '--example', '-q', '-f', 'json', '-o', {str(out)!r}]\n"
        "try:\n"
        "    run()\n"
        "except SystemExit as done:\n"
        "    print(done.code, seen['options'], seen['resolve'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split(maxsplit=1) == ["0", "(False, False) (True, True)\n"]
    assert '"subject": "example_week"' in out.read_text(encoding="utf-8")


def test_importing_the_entry_point_leaves_collection_alone():
    code = "import gc, mgcheck.__main__, mgcheck.cli; print(gc.isenabled())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


def test_matching_a_batch_pauses_collection_and_restores_it(monkeypatch):
    from mgcheck.matching import FoodIndex, bundled_index

    index = bundled_index()
    seen = []
    original = FoodIndex._match_many

    def spy(self, texts):
        seen.append(gc.isenabled())
        return original(self, texts)

    monkeypatch.setattr(FoodIndex, "_match_many", spy)
    assert gc.isenabled()
    assert index.match_many(["oatmeal", "spinach"])["oatmeal"].food_id == "08121"
    assert seen == [False] and gc.isenabled()


def test_a_small_batch_of_texts_never_asks_whether_objects_are_frozen(monkeypatch):
    """gc.get_freeze_count walks every frozen object: under the test process's frozen index each
    one-text match_many took 5 ms instead of 0.7 (the quick suite's CPU rose by a third). Only a batch
    large enough for its kept objects to matter asks."""
    from mgcheck import matching

    index = matching.bundled_index()
    asked: list[int] = []
    monkeypatch.setattr(gc, "get_freeze_count", lambda: asked.append(1) or 0)
    monkeypatch.setattr(gc, "freeze", lambda: None)  # the test's own process state stays as it was
    monkeypatch.setattr(gc, "unfreeze", lambda: None)
    assert index.match_many(["lolly"])["lolly"].food_id == index.match_many(["candy"])["candy"].food_id
    assert asked == []
    index.match_many([f"banana {n}" for n in range(matching.KEPT_BATCH)])
    assert asked == [1]
