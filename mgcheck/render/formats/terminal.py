"""The terminal report: Rich on a terminal, plain text of the same layout in files and pipes."""

from __future__ import annotations

from mgcheck.render.interface import ReportInput, TextRenderer


class TerminalRenderer(TextRenderer):
    name = "terminal"
    help = "Rich text on a terminal; plain text of the same layout in a file or pipe."

    def render(self, report: ReportInput) -> str:
        from mgcheck.render import terminal

        return terminal.render_to_text(report.report)

    def write(self, report: ReportInput, output: str | None) -> None:
        if output:
            super().write(report, output)
            return
        from mgcheck.render import terminal

        terminal.render(report.report, terminal.stdout_console())


RENDERER = TerminalRenderer()
