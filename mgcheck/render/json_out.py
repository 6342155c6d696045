"""The JSON report: the `mgcheck.report/1` contract, exact values, UTF-8."""

from __future__ import annotations

import json
from typing import Any


def render(report: dict[str, Any]) -> str:
    # Compact: the indenting encoder is pure Python and took most of the time of a large report.
    # Pipe through `python -m json.tool` (or jq) to read it.
    from mgcheck.text import json_visible

    return json_visible(json.dumps(report, ensure_ascii=False, allow_nan=False)) + "\n"
