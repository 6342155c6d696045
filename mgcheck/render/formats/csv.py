"""The CSV report: one row per logged item."""

from __future__ import annotations

from mgcheck.render.interface import ReportInput, TextRenderer


class CsvRenderer(TextRenderer):
    name = "csv"
    help = "CSV, one row per logged item with its food, grams and magnesium."

    def render(self, report: ReportInput) -> str:
        from mgcheck.render import csv_out

        return csv_out.render_items(report.items)


RENDERER = CsvRenderer()
