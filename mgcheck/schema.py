"""The normalised food log's columns, defined once for the importers, log reading, profiles and tests."""

from __future__ import annotations

REQUIRED_COLUMNS = ("date", "food", "amount", "unit")
"""What every log gives for each item: the day, the food as written, its amount and its unit."""

ITEM_COLUMNS = ("subject", *REQUIRED_COLUMNS, "kind", "meal", "time", "notes")
"""What an importer hands over for each item (blank where the source has none)."""

LOG_COLUMNS = ("subject", "file", "row", *REQUIRED_COLUMNS, "kind", "meal", "time", "notes")
"""A read log's columns: each item with the file and the 1-based data row it came from."""

SOURCE_COLUMNS = ("source_mg", "source_grams")
"""An export's own magnesium and grams per item, where it states them (floats; NaN when blank)."""

PROFILE_COLUMNS = ("sex", "age", "pregnant", "lactating", "conditions")
"""Profile columns a log or a --profiles file may carry per subject."""

# The subject mgcheck.stream gives the parts of a file while it reads them, renamed once every part is
# read: no --subject of the user's (mgcheck.logs.read_logs says nothing of it).
NO_SUBJECT = "\x00mgcheck: no subject"
