"""Garbage collection paused while the command line starts up, while kept tables are unpickled, while texts are matched and while a report is built.

Start-up (Typer, Rich, pandas, numpy, the kept food index) allocates some 150,000 container
objects and nearly all of them live until the process ends, so the collector's passes over them
free next to nothing: in a one-patient report it ran about 180 times, freed about 700 objects
and cost 50-90 ms of CPU (gc.callbacks, Python 3.11). The command-line entry point pauses it;
reading the first log turns it back on, after freezing what start-up made (never scanned again),
so per-row work is collected as usual. Library callers are never affected: only `paused` is
used outside the entry point, and it restores the state it found.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_paused_at_start = [False]


def pause_for_startup() -> None:
    """No collection until `start_work` (called first by the command-line entry point)."""
    if gc.isenabled():
        gc.disable()
        _paused_at_start[0] = True


def start_work() -> None:
    """Collection on again, start-up's objects frozen; nothing unless `pause_for_startup` paused it."""
    if _paused_at_start[0]:
        _paused_at_start[0] = False
        gc.freeze()
        gc.enable()


@contextmanager
def paused(kept: bool = False) -> Iterator[None]:
    """No collection inside (unpickling a kept table: every object made is kept; building and writing a
    report: a large graph without cycles, which each full pass walked whole; matching a batch of texts:
    its caches and matches are kept: in the 2,000-text benchmark 117 passes freed nothing and took 68 ms);
    the state is restored.

    `kept`: what was made inside lives on (matching's caches and matches), so it joins the oldest
    generation at once (`gc.freeze` then `gc.unfreeze`) instead of being walked by the young pass the
    first allocation after would start (75,000 objects, 20-40 ms after the 2,000-text benchmark) and by a
    middle one later; a full collection still walks it, and frees any cycle in it. Not while objects are
    frozen (the command line froze start-up's): unfreezing would release those too.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if kept and not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()
