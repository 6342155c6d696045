"""The built-in summary formats, one module each defining `RENDERER` (mgcheck.render.interface.SummaryRenderer)."""
