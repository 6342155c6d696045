"""The population CSV: one row per group, formula-safe; the notes go to standard error."""

from __future__ import annotations

from mgcheck.render.interface import PopulationInput, TextPopulationRenderer


class CsvPopulation(TextPopulationRenderer):
    name = "csv"
    help = "CSV, one row per group (the default in a file or pipe)."
    shows_notes = False

    def render(self, population: PopulationInput) -> str:
        from mgcheck.render import population as population_out

        return population_out.to_csv(population.result)


RENDERER = CsvPopulation()
