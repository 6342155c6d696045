"""The built-in population formats, one module each defining `RENDERER` (mgcheck.render.interface.PopulationRenderer)."""
