"""Write nhanes_dr2iff.xpt, a tiny synthetic NHANES day-2 individual foods file (SAS XPORT v5).

Not run by the tests: it documents how the committed .xpt fixture was made. mgcheck does not
depend on pyreadstat; run this with any Python that has pandas and pyreadstat installed:

    python tests/data/exports/make_xpt.py

The respondents (SEQN 99000x) are made up; the layout follows NHANES DR2IFF.
"""

from pathlib import Path

import pandas as pd
import pyreadstat

ROWS = [
    # SEQN, DR2ILINE, DR2DRSTZ, DR2_030Z, DR2IFDCD, DR2IGRMS, DR2IKCAL, DR2IMAGN
    (990001, 1, 1, 1, 56205000, 234, 166, 63.2),
    (990001, 2, 1, 1, 63107010, 118, 105, 31.9),
    (990001, 3, 1, 3, 51300110, 64, 162, 49.3),
    (990001, 4, 1, 4, 26137110, 85, 175, 25.5),
    (990002, 1, 1, 1, 92101000, 480, 5, 14.4),
    (990002, 2, 1, 6, 42100100, 28, 164, 75.6),
    (990002, 3, 1, 4, 24122120, 100, 165, 29.0),
    (990004, 1, 5, 1, 11112110, 244, 122, 26.8),
]
COLUMNS = ["SEQN", "DR2ILINE", "DR2DRSTZ", "DR2_030Z", "DR2IFDCD", "DR2IGRMS", "DR2IKCAL", "DR2IMAGN"]


def main() -> None:
    frame = pd.DataFrame(ROWS, columns=COLUMNS).astype("float64")
    target = Path(__file__).with_name("nhanes_dr2iff.xpt")
    pyreadstat.write_xport(frame, str(target), file_format_version=5, table_name="DR2IFF")
    print(f"wrote {target} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
