"""The reference-intake table as plain text that fits 100 columns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mgcheck.render.fit import table, wrap

if TYPE_CHECKING:
    import pandas as pd

MAX_WIDTH = 100
OPEN_AGE = 120  # the table closes its last band at 150 y: shown as 18+


def _number(value: Any) -> str:
    import pandas as pd

    return "-" if value is None or pd.isna(value) else f"{float(value):g}"


def _age(value: Any) -> str:
    """A band's bound in years; an infant's in months as twelfths (the table's 0.5833 is 7/12: 7 months)."""
    years = float(value)
    return f"{round(years * 12)}/12" if 0 < years < 1 else _number(value)


def _ages(low: Any, high: Any) -> str:
    return f"{_age(low)}+" if float(high) >= OPEN_AGE else f"{_age(low)}-{_age(high)}"


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in ("true", "1", "yes")


def _sources(frame: pd.DataFrame, width: int) -> list[str]:
    sources = list(dict.fromkeys(str(s) for s in frame["source"] if str(s) not in ("", "nan")))
    lines = ["", "Source:"]
    for source in sources:
        lines += wrap(source, width, indent="    ", first_indent="  - " if len(sources) > 1 else "  ")
    return lines


def _ul_scope(key: str) -> str:
    """What the standard's upper limit covers, in its own terms: the IOM's supplements and medicines
    only; the EU/SCF limit readily dissociable salts in supplements, water and fortified foods."""
    from mgcheck import standards

    found = standards.all_standards().get(key)
    return found.ul_scope if found is not None else "see the source"


def reference_table(frame: pd.DataFrame, width: int = MAX_WIDTH) -> str:
    """One row per life stage: sex, ages, state, EAR, RDA, AI and the supplement UL, in mg/day."""
    width = min(width, MAX_WIDTH)
    rows = []
    for row in frame.itertuples(index=False):
        state = "pregnant" if _flag(row.pregnant) else "lactating" if _flag(row.lactating) else ""
        rows.append([
            str(row.life_stage), str(row.sex), _ages(row.age_min_years, row.age_max_years), state,
            _number(row.ear_mg), _number(row.rda_mg), _number(row.ai_mg), _number(row.ul_supplement_mg),
        ])  # fmt: skip
    lines = []
    for key in dict.fromkeys(str(s) for s in frame["standard"]):
        lines += wrap(f"Reference intakes ({key}), mg/day; UL: {_ul_scope(key)}", width, indent="  ", first_indent="")
    lines += ["", *table(
        ["Life stage", "Sex", "Age (y)", "State", "EAR", "RDA", "AI", "UL"], rows, width,
        right=(4, 5, 6, 7), wrap_column=0,
    )]  # fmt: skip
    return "\n".join(lines + _sources(frame, width)) + "\n"


# Short headers so that the salts and products tables fit 100 columns; a column not listed is shown
# under its own name. `bare_name_means_it` is told in the notes below the table.
_SHORT = {
    "salt": "Salt", "formula": "Formula", "form": "Form", "molar_mass_g_mol": "g/mol",
    "elemental_fraction": "Mg share", "product": "Product", "salt_mg": "Salt mg", "per_amount": "Per",
    "per_unit": "Unit", "elemental_mg_per_unit": "Mg/unit", "kind": "Kind", "status": "Status",
}  # fmt: skip
_IN_NOTES = ("source", "bare_name_means_it")


def salts_table(frame: pd.DataFrame, width: int = MAX_WIDTH) -> str:
    """The salts (or named products) table: the first column wrapping, the bare-name rule and the
    source of each row as notes below, so that no line is wider than `width` (at most 100)."""
    width = min(width, MAX_WIDTH)
    columns = [c for c in frame.columns if c not in _IN_NOTES]
    rows = [["-" if _missing(value) else f"{value:g}" if isinstance(value, float) else str(value) for value in row]
            for row in frame[columns].itertuples(index=False)]  # fmt: skip
    headers = [_SHORT.get(c, c) for c in columns]
    numeric = tuple(i for i, c in enumerate(columns) if frame[c].dtype.kind in "if")
    lines = table(headers, rows, width, right=numeric, wrap_column=0)
    lines += ["", "Notes and sources:"]
    for record in frame.to_dict("records"):
        bare = record.get("bare_name_means_it")
        note = f"a bare '{bare}' means this form; " if isinstance(bare, str) and bare else ""
        lines += wrap(f"{record[frame.columns[0]]}: {note}{record['source']}", width, indent="    ", first_indent="  ")
    return "\n".join(lines) + "\n"


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))
