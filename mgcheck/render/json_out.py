"""The JSON report: the `mgcheck.report/1` contract, exact values, UTF-8.

`chunks(report)` writes the typed report straight to JSON text, one subject at a time, byte for
byte what `json.dumps(report.to_dict(), ensure_ascii=False, allow_nan=False)` writes, without
building the dict first; parts that many subjects share (the same evidence, profile or reference
objects, which the report builder makes once per situation or life stage) are encoded once.
"""

from __future__ import annotations

import dataclasses
import json
import math
import operator
from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from json.encoder import encode_basestring
from typing import Any, cast

from mgcheck.results import Report, _layout, _plain
from mgcheck.vector import kept

# Compact: the indenting encoder is pure Python and took most of the time of a large report.
# Pipe through `python -m json.tool` (or jq) to read it.

_MEMO_LIMIT = 4096
# Fields whose values the report builder shares between subjects (mgcheck.report.Shared).
_SHARED = frozenset(
    {"profile", "reference", "evidence", "conditions", "notes", "upper_limit", "cautions", "situations"}
)
# Tuple fields whose entries it may share (the curated portions suggested to many subjects).
_SHARED_ENTRIES = frozenset({"suggestions"})


def _float(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
    return float.__repr__(value)


# The texts of the floats and strings written, kept: a report repeats the same figures, dates,
# units and food names many times, and a look-up costs a fraction of `repr` or of escaping.
_FLOATS: dict[float, str] = {}
_STRINGS: dict[str, str] = {}


def _float_text(value: float) -> str:
    """A float's JSON text, kept in _FLOATS (never a zero: 0.0 and -0.0 are one key, but not one text)."""
    if value == 0.0:
        return "0.0" if math.copysign(1.0, value) > 0 else "-0.0"
    return cast(str, kept(_FLOATS, value, _float(value)))  # _float raises for NaN and infinities, as json does


def _string_text(value: str) -> str:
    """A string's JSON text, kept in _STRINGS."""
    return cast(str, kept(_STRINGS, value, encode_basestring(value)))


class _Encoder:
    """Dataclasses, enums, tuples and scalars to compact JSON text, as the json module writes them."""

    def __init__(self) -> None:
        self.memo: dict[int, tuple[object, str]] = {}

    def shared(self, value: Any) -> str:
        """The text of a value many subjects may hold (the same object): encoded once."""
        found = self.memo.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
        text = self.text(value)
        if len(self.memo) >= _MEMO_LIMIT:
            self.memo.clear()
        self.memo[id(value)] = (value, text)  # holding the value keeps its id from being reused
        return text

    def text(self, value: Any) -> str:
        """The JSON text of one value."""
        kind = type(value)
        writer = _WRITERS.get(kind)
        if writer is not None:
            return writer(value, self)
        if kind is str:
            return _STRINGS.get(value) or _string_text(value)
        if value is None:
            return "null"
        if kind is bool:
            return "true" if value else "false"
        if kind is float:
            return _FLOATS.get(value) or _float_text(value)
        if kind is int:
            return int.__repr__(value)
        if kind is tuple or kind is list:
            return "[" + ", ".join([self.text(entry) for entry in value]) + "]" if value else "[]"
        if isinstance(value, Enum):  # before the dataclass test: attribute look-ups on an enum class are slow
            _WRITERS[kind] = _enum
            return _enum(value, self)
        if hasattr(kind, "__dataclass_fields__"):
            writer = _compile(kind)
            if writer is not None:
                _WRITERS[kind] = writer
                return writer(value, self)
            pieces = []
            for name, omit_if_none in _layout(kind):
                entry = getattr(value, name)
                if entry is None and omit_if_none:
                    continue
                # Field names are plain identifiers: nothing to escape.
                shown = self.shared(entry) if name in _SHARED and entry is not None else self.text(entry)
                pieces.append(f'"{name}": {shown}')
            return "{" + ", ".join(pieces) + "}"
        if isinstance(value, (Mapping, int, float, str)):
            # A recipe's breakdown, or a numpy or other subclass scalar: as the json module writes it.
            return _dumps(_plain(value))
        return _dumps(value)  # raises TypeError as json.dumps would


def _enum(value: Enum, encoder: _Encoder) -> str:
    """An enum member as its code (the result enums' codes are strings)."""
    code = value._value_
    return encode_basestring(code) if type(code) is str else encoder.text(code)


# A writer per result class, made from its fields on first use: one expression a field, the
# common scalars inline, and the object's text made in one join (a large report has millions
# of fields).
_WRITERS: dict[type, Callable[[Any, _Encoder], str]] = {}


def _sequence(value: tuple[Any, ...] | list[Any], encoder: _Encoder) -> str:
    """A tuple or list as a JSON array (a result's writer called here, not through `_Encoder.text`)."""
    if not value:
        return "[]"
    writers = _WRITERS
    return (
        "["
        + ", ".join(
            [
                writer(entry, encoder) if (writer := writers.get(type(entry))) is not None else encoder.text(entry)
                for entry in value
            ]
        )
        + "]"
    )


_WRITERS[tuple] = _WRITERS[list] = _sequence

# The text of one field's value `entry`: the scalars inline, anything else (a nested result, a
# tuple, an enum, a non-finite float that must raise) through the encoder.
_FIELD = (
    "((strings.get({entry}) or string_text({entry})) if (kind := type({entry})) is str"
    " else (floats.get({entry}) or float_text({entry})) if kind is float"
    ' else "null" if {entry} is None'
    ' else ("true" if {entry} else "false") if kind is bool'
    " else int_repr({entry}) if kind is int"
    " else writer({entry}, encoder) if (writer := writers.get(kind)) is not None"
    " else encoder.text({entry}))"
)
# A field whose annotation is a str Enum: its members' texts by a look-up, anything else as any field.
_ENUM_FIELD = "(enum_{position}[{entry}] if type({entry}) is enum_class_{position} else {field})"
# A shared value's text: the encoder's memo read here (a hit, most subjects), else `_Encoder.shared`.
_SHARED_TEXT = (
    "(found[1] if (found := memo.get(id({entry}))) is not None and found[0] is {entry} else encoder.shared({entry}))"
)
_SHARED_FIELD = '("null" if {entry} is None else ' + _SHARED_TEXT + ")"
_SHARED_ENTRIES_FIELD = (
    '("[" + ", ".join([' + _SHARED_TEXT.format(entry="shared") + ' for shared in {entry}]) + "]"'
    " if {entry} else encoder.text({entry}))"
)


def _compile(cls: type) -> Callable[[Any, _Encoder], str] | None:
    """The writer of one dataclass; None when its first field may be left out (the generic path)."""
    layout = _layout(cls)
    if not layout:
        return lambda value, encoder: "{}"
    if layout[0][1]:
        return None
    names = [f"field_{position}" for position in range(len(layout))]
    lines = ["def write(value, encoder):", "    memo = encoder.memo"]
    lines.append(
        f"    ({', '.join(names)},) = read_fields(value)" if len(layout) > 1 else "    field_0 = read_fields(value)"
    )
    parts = []
    namespace: dict[str, Any] = {}
    enums = _enum_fields(cls)
    for position, ((name, omit_if_none), entry) in enumerate(zip(layout, names, strict=True)):
        key = ("{" if position == 0 else ", ") + json.dumps(name) + ": "
        shown = (
            _SHARED_FIELD if name in _SHARED else _SHARED_ENTRIES_FIELD if name in _SHARED_ENTRIES else _FIELD
        ).format(entry=entry)
        if name in enums and name not in _SHARED and name not in _SHARED_ENTRIES:
            namespace[f"enum_class_{position}"] = enums[name]
            namespace[f"enum_{position}"] = {member: encode_basestring(member.value) for member in enums[name]}
            shown = _ENUM_FIELD.format(position=position, entry=entry, field=shown)
        if omit_if_none:
            parts.append(f'("" if {entry} is None else {key!r} + {shown})')
        else:
            parts.append(repr(key))
            parts.append(shown)
    parts.append(repr("}"))
    lines.append(f"    return ''.join(({', '.join(parts)}))")
    namespace |= {
        "writers": _WRITERS,
        "strings": _STRINGS,
        "string_text": _string_text,
        "floats": _FLOATS,
        "float_text": _float_text,
        "int_repr": int.__repr__,
        "read_fields": operator.attrgetter(*(name for name, _ in layout)),
    }
    exec(compile("\n".join(lines), f"<json writer of {cls.__name__}>", "exec"), namespace)  # from field names only
    writer: Callable[[Any, _Encoder], str] = namespace["write"]
    return writer


def _enum_fields(cls: type) -> dict[str, type[Enum]]:
    """The fields of a result class annotated with one str Enum class (`kind: ItemKind`), by name."""
    import sys

    found: dict[str, type[Enum]] = {}
    module = vars(sys.modules[cls.__module__])
    for field in dataclasses.fields(cls):
        annotation = module.get(field.type) if isinstance(field.type, str) else field.type
        if (
            isinstance(annotation, type)
            and issubclass(annotation, Enum)
            and all(type(member.value) is str for member in annotation)
        ):
            found[field.name] = annotation
    return found


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
            yield _visible(f'{opening}"{name}": ' + encoder.text(value))
        else:
            yield f'{opening}"{name}": ['
            for position, subject in enumerate(value):
                yield _visible(("" if not position else ", ") + encoder.text(subject))
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
