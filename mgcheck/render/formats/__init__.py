"""The built-in report formats, one module each defining `RENDERER` (mgcheck.render.interface.ReportRenderer).

Each module is light: the renderer it wraps (Rich, matplotlib) is imported only when it renders,
so listing the formats for `--help` costs nothing.
"""
