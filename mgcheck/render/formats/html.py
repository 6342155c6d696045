"""The HTML report: a patient handout or the clinician's record (--audience)."""

from __future__ import annotations

from mgcheck.render.interface import ReportInput, TextRenderer


class HtmlRenderer(TextRenderer):
    name = "html"
    help = "One self-contained HTML page: a patient handout or the clinician's record (--audience)."

    def render(self, report: ReportInput) -> str:
        from mgcheck.render import html

        return html.render(report.report, report.audience)  # type: ignore[arg-type]


RENDERER = HtmlRenderer()
