"""Fit plain text to a width: the output width rule, wrapping that never loses text, fixed-width tables."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Sequence

DEFAULT_WIDTH = 100  # files and pipes without COLUMNS (documented in the README)
MIN_WIDTH = 40


def output_width(default: int = DEFAULT_WIDTH) -> int:
    """The width of text written to a file or a pipe: COLUMNS when it is a sane number, else `default`."""
    text = os.environ.get("COLUMNS", "").strip()
    if text.isdigit() and int(text) >= MIN_WIDTH:
        return int(text)
    return default


def wrap(text: str, width: int, indent: str = "", first_indent: str | None = None) -> list[str]:
    """Word-wrap `text` to `width`; words longer than a line are split, so nothing is ever cut off."""
    first = indent if first_indent is None else first_indent
    if len(first) + len(text) <= width and "\n" not in text:
        return [first + text]
    lines = textwrap.wrap(
        text, width=width, initial_indent=first, subsequent_indent=indent,
        break_long_words=True, break_on_hyphens=False, drop_whitespace=True,
    )  # fmt: skip
    return lines or [first.rstrip()]


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int,
    right: Sequence[int] = (),
    wrap_column: int | None = None,
    gap: int = 2,
) -> list[str]:
    """A plain table no wider than `width`: every column as wide as its widest cell, except
    `wrap_column`, which gets the room left and wraps (never crops) its cells onto more lines."""
    cells = [list(headers)] + [list(row) for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    if wrap_column is not None:
        others = sum(w for i, w in enumerate(widths) if i != wrap_column) + gap * (len(widths) - 1)
        widths[wrap_column] = max(min(widths[wrap_column], width - others), len(headers[wrap_column]), 8)
    lines = []
    for position, row in enumerate(cells):
        pieces = [
            wrap(cell, widths[i]) if i == wrap_column else [cell] for i, cell in enumerate(row)
        ]  # fmt: skip
        for depth in range(max(len(piece) for piece in pieces)):
            parts = []
            for i, piece in enumerate(pieces):
                cell = piece[depth] if depth < len(piece) else ""
                parts.append(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]))
            lines.append((" " * gap).join(parts).rstrip())
        if position == 0:
            lines.append((" " * gap).join("-" * w for w in widths))
    return lines
