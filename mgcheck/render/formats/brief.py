"""The one-screen report (`--brief`, or `--format brief`): a handful of lines per subject."""

from __future__ import annotations

from mgcheck.render.interface import ReportInput, TextRenderer


class BriefRenderer(TextRenderer):
    name = "brief"
    help = "One screen per subject: profile, mean against the EAR/RDA, conclusion, top sources, what to add."

    def render(self, report: ReportInput) -> str:
        from mgcheck.render import brief
        from mgcheck.render.fit import output_width

        return brief.render(report.report, output_width())

    def write(self, report: ReportInput, output: str | None) -> None:
        import sys

        from mgcheck.output import write_text
        from mgcheck.render import brief

        if output is None and sys.stdout.isatty():
            from mgcheck.render.terminal import stdout_console

            write_text(brief.render(report.report, stdout_console().width), output)  # the window's width
        else:
            super().write(report, output)


RENDERER = BriefRenderer()
