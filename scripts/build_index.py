#!/usr/bin/env python3
"""Build the food index and keep it in the cache (mgcheck.prebuilt: MGCHECK_CACHE_DIR or ~/.cache/mgcheck).

mgcheck does this itself on its first run, and again whenever foods.csv, the aliases or word
lists in mgcheck/data/, or the matching code change (a digest of them is checked at every start).
Running it ahead saves that first run's second or two, e.g. when building a container image.

Usage: python scripts/build_index.py
"""

from __future__ import annotations

import os
import sys
import time

from mgcheck import prebuilt
from mgcheck.matching import build_bundled_index


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":
        # Sets are pickled in hash order: a fixed seed makes the same inputs give the same bytes.
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    start = time.perf_counter()
    index = build_bundled_index()
    built = time.perf_counter() - start
    path = prebuilt.write(index)
    print(f"wrote {path} ({path.stat().st_size / 2**20:.1f} MiB; index built in {built:.2f} s)")


if __name__ == "__main__":
    main()
