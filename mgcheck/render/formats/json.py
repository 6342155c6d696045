"""The JSON report: the `mgcheck.report/1` contract."""

from __future__ import annotations

from mgcheck.render.interface import ReportInput, TextRenderer


class JsonRenderer(TextRenderer):
    name = "json"
    help = "The mgcheck.report/1 JSON document."

    def render(self, report: ReportInput) -> str:
        from mgcheck.render import json_out

        return json_out.render_report(report.report)

    def write(self, report: ReportInput, output: str | None) -> None:
        from mgcheck.output import write_text
        from mgcheck.render import json_out

        # One subject at a time, each made as it is written: never the whole document, nor every subject's results.
        write_text(json_out.chunks(report.subject_by_subject()), output)


RENDERER = JsonRenderer()
