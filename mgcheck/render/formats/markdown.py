"""The Markdown report."""

from __future__ import annotations

from mgcheck.render.interface import ReportInput, TextRenderer


class MarkdownRenderer(TextRenderer):
    name = "markdown"
    help = "Markdown, one section per subject."

    def render(self, report: ReportInput) -> str:
        from mgcheck.render import markdown

        return markdown.render(report.report)


RENDERER = MarkdownRenderer()
