"""The population result (one row per group) as JSON, CSV, Markdown or a table."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.table import Table

    from mgcheck.population import PopulationResult

CSV_COLUMNS = [
    "group", "kind", "n_subjects", "n_repeaters", "n_days", "weighted_n", "ear_mg", "ai_mg", "ul_mg",
    "mean_mg", "mean_ci_low", "mean_ci_high", "sd_mg", "p5", "p10", "p25", "p50", "p75", "p90", "p95",
    "prevalence_below_ear", "prevalence_ci_low", "prevalence_ci_high", "naive_prevalence_below_ear",
    "share_above_ul", "share_above_ul_ci_low", "share_above_ul_ci_high", "mean_food_mg", "mean_supplement_mg",
    "mean_medicine_mg", "box_cox_lambda", "within_share", "ratio_pooled", "ai_statement", "flags",
]  # fmt: skip


def to_json(result: PopulationResult, warnings: list[str]) -> str:
    document = {**result.to_dict(), "warnings": warnings}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def rows(result: PopulationResult) -> list[dict[str, Any]]:
    """One flat record per group (the CSV and Markdown rows)."""
    out = []
    for group in result.groups:
        record = group.to_dict()
        for name in ("mean_ci", "prevalence_ci", "share_above_ul_ci"):
            interval = record.pop(name)
            record[f"{name}_low"], record[f"{name}_high"] = interval if interval else (None, None)
        record.update(record.pop("percentiles"))
        record["flags"] = "; ".join(record["flags"])
        out.append({column: record.get(column) for column in CSV_COLUMNS})
    return out


def to_csv(result: PopulationResult) -> str:
    import csv
    import io

    from mgcheck.output import neutralise

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in rows(result):
        writer.writerow({k: "" if v is None else neutralise(v) for k, v in record.items()})
    return buffer.getvalue()


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _interval(low: float | None, high: float | None, percent: bool) -> str:
    if low is None or high is None:
        return ""
    return f" ({low:.1%}-{high:.1%})" if percent else f" ({low:.0f}-{high:.0f})"


def _lines(result: PopulationResult) -> list[list[str]]:
    shown = []
    for record in rows(result):
        ref = "-"
        if record["ear_mg"] is not None:
            ref = f"EAR {record['ear_mg']:g}"
        elif record["ai_mg"] is not None:
            ref = f"AI {record['ai_mg']:g}"
        mean = "-" if record["mean_mg"] is None else f"{record['mean_mg']:.0f}"
        shown.append(
            [
                str(record["group"]),
                f"{record['n_subjects']} ({record['n_repeaters']})",
                ref,
                mean + _interval(record["mean_ci_low"], record["mean_ci_high"], False),
                "-" if record["sd_mg"] is None else f"{record['sd_mg']:.0f}",
                " / ".join("-" if record[p] is None else f"{record[p]:.0f}" for p in ("p5", "p50", "p95")),
                _percent(record["prevalence_below_ear"])
                + _interval(record["prevalence_ci_low"], record["prevalence_ci_high"], True),
                _percent(record["naive_prevalence_below_ear"]),
                _percent(record["share_above_ul"]),
            ]
        )
    return shown


HEADERS = ["Group", "People (2+ days)", "Ref.", "Mean mg (95% CI)", "SD", "P5 / P50 / P95", "Below EAR (95% CI)",
           "Few-day means below EAR", "Above UL"]  # fmt: skip


def notes(result: PopulationResult) -> list[str]:
    notes = [f"Method: {result.method}.", f"Assumptions: {result.assumptions}."]
    if result.bootstrap:
        notes.append(
            f"95% CIs: percentile bootstrap over subjects within groups, {result.bootstrap} replicates, seed {result.seed}."
        )
    if result.weights:
        notes.append(f"Survey weights: column {result.weights}.")
    for group in result.groups:
        notes += [f"{group.group}: {statement}" for statement in ((group.ai_statement,) if group.ai_statement else ())]
        notes += [f"{group.group}: {flag}" for flag in group.flags]
    notes += list(result.checks)
    notes.append(
        "The few-day-means column is shown only to compare: it is not a prevalence (day-to-day variation widens it)."
    )
    return notes


def to_markdown(result: PopulationResult) -> str:
    from mgcheck.render.markdown import table

    lines = ["# mgcheck population: usual magnesium intake (food + supplements, mg/day)", ""]
    lines += table(HEADERS, _lines(result))
    lines += [f"- {note}" for note in notes(result)]
    return "\n".join(lines) + "\n"


def rich_table(result: PopulationResult) -> Table:
    from rich.table import Table

    shown = Table(title="Usual magnesium intake (food + supplements, mg/day)", title_justify="left")
    for header in HEADERS:
        shown.add_column(header, justify="left" if header == "Group" else "right")
    for line in _lines(result):
        shown.add_row(*line)
    return shown


def to_text(result: PopulationResult) -> str:
    from io import StringIO

    from mgcheck.render.terminal import safe_console

    buffer = StringIO()
    console = safe_console(file=buffer, width=160, color_system=None, no_color=True)
    console.print(rich_table(result))
    for note in notes(result):
        console.print(f"- {note}")
    return buffer.getvalue()
