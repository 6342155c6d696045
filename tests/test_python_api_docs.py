"""Every Python block of docs/python-api.md runs, and prints exactly the output block below it."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

DOC = Path(__file__).parent.parent / "docs" / "python-api.md"
BLOCK = re.compile(r"```python\n(.*?)```\n\n```output\n(.*?)```", re.DOTALL)


def test_the_doc_has_examples_each_with_its_output() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert len(BLOCK.findall(text)) == text.count("```python") >= 5


def test_every_example_prints_what_the_doc_shows() -> None:
    namespace: dict[str, object] = {"__name__": "docs"}
    for number, (code, expected) in enumerate(BLOCK.findall(DOC.read_text(encoding="utf-8")), start=1):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, f"{DOC.name} block {number}", "exec"), namespace)
        assert printed.getvalue() == expected, f"block {number}"
