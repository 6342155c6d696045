"""The CSV summary: one row per subject, formula-safe."""

from __future__ import annotations

from mgcheck.render.interface import SummaryInput, TextSummaryRenderer


class CsvSummary(TextSummaryRenderer):
    name = "csv"
    help = "CSV, one row per subject (the default in a file or pipe)."

    def render(self, summary: SummaryInput) -> str:
        from mgcheck.render import summary as summary_out

        return summary_out.to_csv(summary.frame)


RENDERER = CsvSummary()
