"""The population as a table: Rich on standard output, plain text in a file; the notes below it."""

from __future__ import annotations

from mgcheck.render.interface import PopulationInput, TextPopulationRenderer


class TablePopulation(TextPopulationRenderer):
    name = "table"
    help = "A table and its notes (the default on a terminal)."

    def render(self, population: PopulationInput) -> str:
        from mgcheck.render import population as population_out

        return population_out.to_text(population.result)

    def write(self, population: PopulationInput, output: str | None) -> None:
        if output:
            super().write(population, output)
            return
        from mgcheck.render import population as population_out
        from mgcheck.render.terminal import stdout_console

        console = stdout_console()
        console.print(population_out.rich_table(population.result))
        for note in population_out.notes(population.result):
            console.print(f"- {note}")


RENDERER = TablePopulation()
