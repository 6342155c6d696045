"""The per-subject summary (one row per subject) as CSV, JSON, Markdown or a table."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

from mgcheck.text import json_visible, visible, whole_percent

if TYPE_CHECKING:
    import pandas as pd

    from mgcheck.assess import Assessment

SCHEMA = "mgcheck.summary/1"
COLUMNS = [
    "subject", "n_days", "mean_food_mg", "mean_supplement_mg", "mean_total_mg", "ear_mg", "rda_mg",
    "percent_rda", "z", "probability_adequate", "conclusion", "ul_exceeded", "unmatched_items", "unmatched_share",
    "mean_medicine_mg", "mean_intake_mg", "conclusion_code", "ai_mg", "probability_above_ai", "check_reason",
]  # fmt: skip
_DIGITS = {
    "mean_food_mg": 1, "mean_supplement_mg": 1, "mean_total_mg": 1, "ear_mg": 0, "rda_mg": 0, "ai_mg": 0,
    "mean_medicine_mg": 1, "mean_intake_mg": 1,
    "percent_rda": 1, "z": 2, "probability_adequate": 3, "probability_above_ai": 3, "unmatched_share": 3,
}  # fmt: skip


def summary_frame(assessment: Assessment) -> pd.DataFrame:
    """The summary columns, rounded for people and scripts alike (vectorised over subjects).

    Rounded as the report rounds (`mgcheck.vector.rounded`: Python's round of the stored value, half
    to even), not as numpy's round, which scales first and can land a value just below a half on it:
    a mean stored as 87.549999... was 87.6 here and 87.5 in the report (session 19 tester).
    """
    import numpy as np

    from mgcheck.check import check_reasons
    from mgcheck.vector import rounded

    frame = assessment.subjects[COLUMNS[:-1]].copy()
    # Why `--check` fails the subject (mgcheck.check.CheckReason), blank where it passes.
    frame["check_reason"] = [None if reason is None else reason.value for reason in check_reasons(assessment.subjects)]
    for column, digits in _DIGITS.items():
        frame[column] = rounded(frame[column].to_numpy(dtype=np.float64, na_value=np.nan), digits)
    for column in ("ear_mg", "rda_mg", "ai_mg"):
        frame[column] = frame[column].astype("Int64")
    frame["subject"] = frame["subject"].astype(str)
    return cast("pd.DataFrame", frame)


def to_csv(frame: pd.DataFrame) -> str:
    """CSV with the text columns made formula-safe (output.neutralise, once per distinct value).

    The text pandas' `to_csv` writes (a missing cell empty, a float as its shortest repr, True/False),
    written by the csv module from one list of cells per column: pandas turns every float into text
    with numpy first, which takes longer than the csv module's repr (67 -> 50 ms for 10,000 subjects).
    A column of another type goes through pandas.
    """
    import csv
    import io

    from mgcheck.output import neutralise
    from mgcheck.vector import per_distinct

    safe = frame.copy()
    for column in ("subject", "conclusion"):
        safe[column] = per_distinct(safe[column].astype(str), neutralise)
    cells = [_csv_cells(safe[column]) for column in safe.columns]
    if any(column is None for column in cells):
        return visible(str(safe.to_csv(index=False, lineterminator="\n")), layout=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([str(column) for column in safe.columns])
    writer.writerows(zip(*cast("list[list[Any]]", cells), strict=True))
    return visible(buffer.getvalue(), layout=True)


def _csv_cells(column: pd.Series) -> list[Any] | None:
    """A column's cells as the csv module writes them as pandas' to_csv does (None: a type not handled here)."""
    import numpy as np
    import pandas as pd

    kind = column.dtype.kind
    if isinstance(column.dtype, np.dtype) and kind == "f":
        values = column.to_numpy()
        cells = values.astype(object)  # Python floats: the csv module writes their repr, the text pandas writes
        cells[np.isnan(values)] = ""
        return cast("list[Any]", cells.tolist())
    if isinstance(column.dtype, np.dtype) and kind in "iub":
        return column.tolist()
    if isinstance(column.dtype, pd.Int64Dtype) or kind == "O" or isinstance(column.dtype, pd.StringDtype):
        return cast("list[Any]", column.to_numpy(dtype=object, na_value="").tolist())
    return None


def to_json(frame: pd.DataFrame, warnings: list[str]) -> str:
    records: list[dict[str, Any]] = json.loads(frame.to_json(orient="records"))
    return (
        json_visible(
            json.dumps({"schema": SCHEMA, "subjects": records, "warnings": warnings}, indent=2, ensure_ascii=False)
        )
        + "\n"
    )


def to_markdown(frame: pd.DataFrame) -> str:
    from mgcheck.render.markdown import table

    rows = frame.astype(object).where(frame.notna(), None).values.tolist()
    return visible("\n".join(["# mgcheck summary", "", *table(COLUMNS, rows)]), layout=True)


FULL_TABLE_WIDTH = 150  # narrower than this, the summary shows its essential columns and the rest below


def rich_table(frame: pd.DataFrame, width: int | None = None) -> Any:
    """The summary as a table; on a narrow screen (or `width`) the essential columns first
    (subject, days, intake, % of the RDA, conclusion, UL) and the other figures in a second table below."""
    from rich.console import Group
    from rich.table import Table

    if width is not None and width < FULL_TABLE_WIDTH:
        essential = Table(title=f"Magnesium intake: {len(frame)} subject(s)", title_justify="left")
        details = Table(title="More figures", title_justify="left")
        for header in ("Subject", "Days", "Intake", "% RDA", "Conclusion", "UL"):
            essential.add_column(
                header, justify="left" if header in ("Subject", "Conclusion") else "right",
                overflow="fold", no_wrap=header in ("Days", "Intake", "% RDA", "UL"),
            )  # fmt: skip
        for header in ("Subject", "Food", "Suppl.", "Medic.", "EAR", "RDA", "z", "P(adeq.)", "Unmatched"):
            subject = header == "Subject"
            details.add_column(header, justify="left" if subject else "right", overflow="fold", no_wrap=not subject)
        for row in frame.itertuples(index=False):
            essential.add_row(
                visible(str(row.subject)), str(row.n_days), f"{row.mean_total_mg:.0f}", _percent(row.percent_rda),
                str(row.conclusion), _ul(row),
            )  # fmt: skip
            details.add_row(
                visible(str(row.subject)), f"{row.mean_food_mg:.0f}", f"{row.mean_supplement_mg:.0f}",
                f"{row.mean_medicine_mg:.0f}", _text(row.ear_mg), _text(row.rda_mg), _text(row.z, ".2f"),
                _probability(row.probability_adequate), f"{row.unmatched_items} ({row.unmatched_share:.0%})",
            )  # fmt: skip
        return Group(essential, details)

    shown = Table(title=f"Magnesium intake: {len(frame)} subject(s)", title_justify="left")
    headers = [
        "Subject",
        "Days",
        "Food",
        "Suppl.",
        "Medic.",
        "Total",
        "EAR",
        "RDA",
        "% RDA",
        "z",
        "P(adeq.)",
        "Conclusion",
        "UL",
        "Unmatched",
    ]
    for header in headers:
        shown.add_column(header, justify="left" if header in ("Subject", "Conclusion") else "right")
    for row in frame.itertuples(index=False):
        shown.add_row(
            visible(str(row.subject)), str(row.n_days), f"{row.mean_food_mg:.0f}", f"{row.mean_supplement_mg:.0f}",
            f"{row.mean_medicine_mg:.0f}", f"{row.mean_total_mg:.0f}", _text(row.ear_mg), _text(row.rda_mg), _percent(row.percent_rda),
            _text(row.z, ".2f"), _text(row.probability_adequate, ".0%"), str(row.conclusion),
            _ul(row), f"{row.unmatched_items} ({row.unmatched_share:.0%})",
        )  # fmt: skip
    return shown


def _ul(row: Any) -> str:
    """The UL cell: above it on some day, or a dose where no UL is set (infants; EFSA under 4), or ok."""
    if row.ul_exceeded:
        return "above"
    return "no UL" if row.check_reason == "dose_without_ul" else "ok"


def to_text(frame: pd.DataFrame) -> str:
    from io import StringIO

    from mgcheck.render.fit import output_width
    from mgcheck.render.terminal import safe_console

    buffer = StringIO()
    width = output_width()
    safe_console(file=buffer, width=width, color_system=None, no_color=True).print(rich_table(frame, width))
    return buffer.getvalue()


def _percent(value: Any) -> str:
    import pandas as pd

    return "-" if value is None or pd.isna(value) else whole_percent(float(value))


def _probability(value: Any) -> str:
    """A probability as the table shows it: '<1%' and '>99%' at the bounds (`mgcheck.adequacy.percent`),
    never '0%' or '100%', which the method cannot give."""
    import pandas as pd

    if value is None or pd.isna(value):
        return "-"
    from mgcheck.adequacy import percent_bound

    return "".join(percent_bound(float(value)))


def _text(value: Any, spec: str = "") -> str:
    import pandas as pd

    return "-" if value is None or pd.isna(value) else format(value, spec)
