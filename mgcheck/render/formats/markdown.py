"""The Markdown report."""

from __future__ import annotations

from mgcheck.render.interface import ReportInput, TextRenderer


class MarkdownRenderer(TextRenderer):
    name = "markdown"
    help = "Markdown, one section per subject."

    def render(self, report: ReportInput) -> str:
        from mgcheck.render import markdown

        return markdown.render(report.report)

    def write(self, report: ReportInput, output: str | None) -> None:
        from mgcheck.output import write_text
        from mgcheck.render import markdown

        # One subject at a time, each made as it is written: never the whole document, nor every subject's results.
        write_text(markdown.chunks(report.subject_by_subject()), output)


RENDERER = MarkdownRenderer()
