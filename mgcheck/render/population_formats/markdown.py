"""The population as a Markdown table, the notes below it."""

from __future__ import annotations

from mgcheck.render.interface import PopulationInput, TextPopulationRenderer


class MarkdownPopulation(TextPopulationRenderer):
    name = "markdown"
    help = "A Markdown table and its notes."

    def render(self, population: PopulationInput) -> str:
        from mgcheck.render import population as population_out

        return population_out.to_markdown(population.result)


RENDERER = MarkdownPopulation()
