"""Bundled CSV tables parsed once per user and kept, pickled, in the cache folder while their bytes are unchanged.

Parsing foods.csv and measures.csv with pandas costs 60-100 ms of every run (a small table still
costs about 5 ms of parser set-up); unpickling the parsed frame costs a tenth of that. A kept table
is named after a SHA-256 digest of the file's bytes, the read options and the pandas and numpy
versions, so a changed file, option or library is parsed again, never read stale. A missing or
unreadable kept file is parsed again; a cache folder that cannot be written only means the table
is parsed at every run. The folder is mgcheck.prebuilt's (MGCHECK_CACHE_DIR, ...).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

FORMAT = 1
FOLDER = "tables"


def read_csv_kept(path: Path, **options: Any) -> pd.DataFrame:
    """`pandas.read_csv(path, **options)`, or the frame an earlier run kept for the same bytes and options."""
    import numpy as np
    import pandas as pd

    data = path.read_bytes()
    digest = hashlib.sha256(
        f"format {FORMAT}; pandas {pd.__version__}; numpy {np.__version__}; {sorted(options.items())!r}\n".encode()
        + data
    ).hexdigest()[:32]
    from mgcheck.gcpause import paused
    from mgcheck.prebuilt import cache_folder

    kept = cache_folder() / FOLDER / f"{path.name}.{digest}.pickle"
    with contextlib.suppress(Exception), paused():  # missing, truncated, or written by another library version
        loaded: object = pickle.loads(kept.read_bytes())
        if isinstance(loaded, pd.DataFrame):
            return loaded
    frame: pd.DataFrame = pd.read_csv(io.BytesIO(data), **options)
    with contextlib.suppress(OSError):
        _keep(frame, kept)
    return frame


def _keep(frame: pd.DataFrame, kept: Path) -> None:
    """Write the pickle (atomically: concurrent runs never share a temporary file) and drop older ones of the file."""
    kept.parent.mkdir(parents=True, exist_ok=True)
    temporary = kept.with_name(f".{kept.name}.{os.getpid()}.tmp")
    temporary.write_bytes(pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL))
    temporary.replace(kept)
    source_name = kept.name.rsplit(".", 2)[0]
    for older in kept.parent.glob(f"{source_name}.*.pickle"):
        if older != kept and older.name.rsplit(".", 2)[0] == source_name:
            older.unlink(missing_ok=True)
