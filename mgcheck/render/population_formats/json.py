"""The population JSON document, with the run's warnings."""

from __future__ import annotations

from mgcheck.render.interface import PopulationInput, TextPopulationRenderer


class JsonPopulation(TextPopulationRenderer):
    name = "json"
    help = "The population JSON document: every group, the method and the run's warnings."

    def render(self, population: PopulationInput) -> str:
        from mgcheck.render import population as population_out

        return population_out.to_json(population.result, population.warnings)


RENDERER = JsonPopulation()
