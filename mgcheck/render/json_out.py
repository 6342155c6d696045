"""The JSON report: the `mgcheck.report/1` contract, exact values, UTF-8.

`chunks(report)` writes the typed report straight to JSON text, one subject at a time, byte for
byte what `json.dumps(report.to_dict(), ensure_ascii=False, allow_nan=False)` writes, without
building the dict first; parts that many subjects share (the same evidence, profile or reference
objects, which the report builder makes once per situation or life stage) are encoded once.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from json.encoder import encode_basestring
from typing import Any

from mgcheck.results import Report, _layout, _plain

# Compact: the indenting encoder is pure Python and took most of the time of a large report.
# Pipe through `python -m json.tool` (or jq) to read it.

_MEMO_LIMIT = 4096
# Fields whose values the report builder shares between subjects (mgcheck.report.Shared).
_SHARED = frozenset({"profile", "reference", "evidence", "conditions", "notes"})


def _float(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
    return float.__repr__(value)


class _Encoder:
    """Dataclasses, enums, tuples and scalars to compact JSON text, as the json module writes them."""

    def __init__(self) -> None:
        self.memo: dict[int, tuple[object, str]] = {}

    def shared(self, value: Any) -> str:
        """The text of a value many subjects may hold (the same object): encoded once."""
        found = self.memo.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
        text = "".join(self.encode(value, []))
        if len(self.memo) >= _MEMO_LIMIT:
            self.memo.clear()
        self.memo[id(value)] = (value, text)  # holding the value keeps its id from being reused
        return text

    def sequence(self, values: tuple[Any, ...] | list[Any], out: list[str]) -> None:
        """A tuple or list: each entry through its class's writer (no generic dispatch per entry)."""
        if not values:
            out.append("[]")
            return
        append = out.append
        writers = _WRITERS
        opening = "["
        for entry in values:
            append(opening)
            opening = ", "
            writer = writers.get(type(entry))
            if writer is not None:
                writer(entry, out, self)
            else:
                self.encode(entry, out)
        append("]")

    def encode(self, value: Any, out: list[str]) -> list[str]:
        kind = type(value)
        writer = _WRITERS.get(kind)
        if writer is not None:
            writer(value, out, self)
        elif kind is str:
            out.append(encode_basestring(value))
        elif value is None:
            out.append("null")
        elif kind is bool:
            out.append("true" if value else "false")
        elif kind is float:
            out.append(_float(value))
        elif kind is int:
            out.append(int.__repr__(value))
        elif kind is tuple or kind is list:
            self.sequence(value, out)
        elif isinstance(value, Enum):  # before the dataclass test: attribute look-ups on an enum class are slow
            _WRITERS[kind] = _enum
            _enum(value, out, self)
        elif hasattr(kind, "__dataclass_fields__"):
            writer = _compile(kind)
            if writer is not None:
                _WRITERS[kind] = writer
                writer(value, out, self)
                return out
            first = True
            for name, omit_if_none in _layout(kind):
                entry = getattr(value, name)
                if entry is None and omit_if_none:
                    continue
                out.append('{"' if first else ', "')
                out.append(name)  # field names are plain identifiers: nothing to escape
                out.append('": ')
                first = False
                if name in _SHARED and entry is not None:
                    out.append(self.shared(entry))
                else:
                    self.encode(entry, out)
            out.append("{}" if first else "}")
        elif isinstance(value, (Mapping, int, float, str)):
            # A recipe's breakdown, or a numpy or other subclass scalar: as the json module writes it.
            out.append(_dumps(_plain(value)))
        else:
            out.append(_dumps(value))  # raises TypeError as json.dumps would
        return out


# A writer per result class, made from its fields on first use: the scalar cases inline, with no
# call per field (a large report has millions of fields).
_WRITERS: dict[type, Callable[[Any, list[str], _Encoder], None]] = {}

_SCALAR = """\
{pad}kind = type(entry)
{pad}if kind is str:
{pad}    append(string(entry))
{pad}elif kind is float:
{pad}    append(float_repr(entry) if entry - entry == 0.0 else out_of_range(entry))
{pad}elif entry is None:
{pad}    append("null")
{pad}elif kind is int:
{pad}    append(int_repr(entry))
{pad}elif kind is bool:
{pad}    append("true" if entry else "false")
{pad}elif kind is tuple:
{pad}    encoder.sequence(entry, out)
{pad}else:
{pad}    writer = writers.get(kind)
{pad}    if writer is not None:
{pad}        writer(entry, out, encoder)
{pad}    else:
{pad}        encoder.encode(entry, out)
"""


def _enum(value: Enum, out: list[str], encoder: _Encoder) -> None:
    """An enum member as its code (the result enums' codes are strings)."""
    code = value._value_
    if type(code) is str:
        out.append(encode_basestring(code))
    else:
        encoder.encode(code, out)


def _compile(cls: type) -> Callable[[Any, list[str], _Encoder], None] | None:
    """The writer of one dataclass; None when its first field may be left out (the generic path)."""
    layout = _layout(cls)
    if layout and layout[0][1]:
        return None
    # Every field read in one call (the result classes have slots, no __dict__).
    lines = ["def write(value, out, encoder):", "    append = out.append"]
    if len(layout) > 1:
        lines.append(f"    ({', '.join(f'field_{position}' for position in range(len(layout)))},) = read_fields(value)")
    elif layout:
        lines.append("    field_0 = read_fields(value)")
    for position, (name, omit_if_none) in enumerate(layout):
        pad = "        " if omit_if_none else "    "
        lines.append(f"    entry = field_{position}")
        if omit_if_none:
            lines.append("    if entry is not None:")
        key = ("{" if position == 0 else ", ") + json.dumps(name) + ": "
        lines.append(f"{pad}append({key!r})")
        if name in _SHARED:
            lines.append(f"{pad}append('null' if entry is None else encoder.shared(entry))")
        else:
            lines.append(_SCALAR.format(pad=pad).rstrip("\n"))
    lines.append("    append('}')" if layout else "    append('{}')")
    namespace: dict[str, Any] = {
        "string": encode_basestring,
        "float_repr": float.__repr__,
        "int_repr": int.__repr__,
        "out_of_range": _float,
        "writers": _WRITERS,
        "read_fields": operator.attrgetter(*(name for name, _ in layout)) if layout else None,
    }
    exec("\n".join(lines), namespace)  # code made here from field names; nothing from input
    writer: Callable[[Any, list[str], _Encoder], None] = namespace["write"]
    return writer


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _visible(text: str) -> str:
    """`json_visible` of JSON text: the json module escapes C0 controls, so ASCII text without DEL has nothing to escape."""
    from mgcheck.text import json_visible

    return text if text.isascii() and "\x7f" not in text else json_visible(text)


def chunks(report: Report) -> Iterator[str]:
    """The document in pieces (one per subject), each with controls escaped (`json_visible`)."""
    encoder = _Encoder()
    opening = "{"
    for name, _ in _layout(type(report)):
        value = getattr(report, name)
        if name != "subjects":
            yield _visible(f'{opening}"{name}": ' + "".join(encoder.encode(value, [])))
        else:
            yield f'{opening}"{name}": ['
            for position, subject in enumerate(value):
                yield _visible(("" if not position else ", ") + "".join(encoder.encode(subject, [])))
            yield "]"
        opening = ", "
    yield "}\n"


def render_report(report: Report) -> str:
    """The whole document as one string (`chunks` joined)."""
    return "".join(chunks(report))


def render(report: dict[str, Any]) -> str:
    """A report already in its plain form (`Report.to_dict()`) as the same document."""
    from mgcheck.text import json_visible

    return json_visible(_dumps(report)) + "\n"
