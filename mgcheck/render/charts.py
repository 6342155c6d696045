"""Draw the handout's charts with matplotlib as deterministic inline SVG (imported only for HTML)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from mgcheck.results import Day

# Same input, same bytes: a fixed hash salt for clip-path ids, no date, text kept as text
# (so the numbers are searchable in the page and the SVG stays small).
SVG_RC: Any = {  # matplotlib types rc keys as Literal names
    "svg.hashsalt": "mgcheck",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
FOOD_COLOUR = "#2f6f9f"
SUPPLEMENT_COLOUR = "#9dc3e0"
EAR_COLOUR = "#b03a2e"
TARGET_COLOUR = "#1e8449"


def _svg(figure: Figure, title: str) -> str:
    """The figure as an <svg> element (no XML prolog or doctype), with an accessible title."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    svg = text[text.index("<svg") :]
    from html import escape

    svg = re.sub(r"<svg\b", f'<svg role="img" aria-label="{escape(title)}"', svg, count=1)
    return svg.strip() + "\n"


# The share of the axis from its left end within which an EAR's label would run off the page leftwards.
_LEFT_END = 0.15


def _reference_lines(axes: Axes, ear: float | None, target: float | None, target_label: str, vertical: bool) -> None:
    # The EAR (the lower value) is labelled on its lower side and the RDA or AI on its upper side, so two
    # close values never print over each other (a man's EAR 350 and RDA 420 on a 1,200 mg axis read
    # "EAR 3RDA 420").
    # An EAR near the axis' left end is labelled rightwards (leftwards it would run off the page), with
    # the RDA's label a line higher so the two still never meet.
    left, right = axes.get_xlim()
    at_left = bool(vertical and ear and (ear - left) < _LEFT_END * (right - left))
    for value, label, colour, lower in ((ear, "EAR", EAR_COLOUR, True), (target, target_label, TARGET_COLOUR, False)):
        if not value:
            continue
        if vertical:
            leftwards = lower and not at_left
            axes.axvline(value, color=colour, linestyle="--", linewidth=1.2)
            axes.annotate(
                f"{label} {value:.0f}", (value, 1.0), xycoords=("data", "axes fraction"),
                xytext=(-2 if leftwards else 2, 10 if at_left and not lower else 2), textcoords="offset points",
                ha="right" if leftwards else "left", va="bottom", color=colour,
            )  # fmt: skip
        else:
            axes.axhline(value, color=colour, linestyle="--", linewidth=1.2)
            axes.annotate(
                f"{label} {value:.0f}", (1.0, value), xycoords=("axes fraction", "data"),
                xytext=(3, -1 if lower else 1), textcoords="offset points", ha="left",
                va="top" if lower else "bottom", color=colour,
            )  # fmt: skip


def average_chart(mean_mg: float, ear_mg: float | None, target_mg: float | None, target_label: str) -> str:
    """One horizontal bar: the average day against the EAR and the RDA (or AI)."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    from mgcheck.text import whole_mean

    shown = whole_mean(mean_mg, ear_mg, target_mg)
    with rc_context(SVG_RC):
        figure = Figure(figsize=(6.4, 1.25))
        axes = figure.add_axes((0.04, 0.32, 0.9, 0.45))
        axes.barh([0], [mean_mg], height=0.6, color=FOOD_COLOUR)
        axes.annotate(
            f"{shown} mg", (mean_mg, 0), xytext=(4, 0), textcoords="offset points", va="center", fontweight="bold"
        )
        top = max(mean_mg, target_mg or 0.0, ear_mg or 0.0) * 1.2
        axes.set_xlim(0, top)  # before the reference lines, which place their labels by it
        _reference_lines(axes, ear_mg, target_mg, target_label, vertical=True)
        axes.set_ylim(-0.5, 0.5)
        axes.set_yticks([])
        axes.spines["left"].set_visible(False)
        axes.set_xlabel("magnesium per day (mg), average of the days recorded")
        return _svg(figure, f"Average {shown} mg a day")


def days_chart(days: Sequence[Day], ear_mg: float | None, target_mg: float | None, target_label: str) -> str:
    """One bar per day (food, with supplements stacked on top) against the EAR and the RDA (or AI).

    Medicines (laxatives, antacids) are not diet: the bars are the intake judged, as the average is.
    """
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    labels = [str(day.date)[5:] if len(str(day.date)) == 10 else str(day.date) for day in days]
    food = [float(day.food_mg or 0.0) for day in days]
    extra = [float(day.supplement_mg or 0.0) for day in days]
    positions = list(range(len(days)))
    with rc_context(SVG_RC):
        figure = Figure(figsize=(6.4, 2.3))
        axes = figure.add_axes((0.09, 0.2, 0.8, 0.72))
        axes.bar(positions, food, color=FOOD_COLOUR, label="food")
        if any(value > 0 for value in extra):
            axes.bar(positions, extra, bottom=food, color=SUPPLEMENT_COLOUR, label="supplements")
            axes.legend(loc="upper left", bbox_to_anchor=(0.0, 1.12), ncols=2, frameon=False, fontsize=8)
        _reference_lines(axes, ear_mg, target_mg, target_label, vertical=False)
        top = max([f + e for f, e in zip(food, extra, strict=True)] + [target_mg or 0.0, ear_mg or 0.0, 1.0])
        axes.set_ylim(0, top * 1.15)
        axes.set_xticks(positions, labels, rotation=0 if len(days) <= 10 else 90)
        axes.set_ylabel("mg per day")
        return _svg(figure, "Magnesium on each day")
