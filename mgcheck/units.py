"""Amounts and units: parse what a log says and turn one unit of a food into grams.

Conversion rules, in order (the first that applies wins, and the item records which):
1. Mass units (g, kg, oz, lb) convert exactly.
2. A unit that names one of the food's own SR28 household measures uses that measure's
   grams divided by its amount ("2 tbsp = 32 g" gives 16 g per tbsp). A unit written with
   the measure's qualifier ("cup, chopped") picks that measure; a bare word ("cup",
   "medium", "slice") picks the first such measure in SR28 order, and when the food has
   several with different weights the choice is reported as a note.
3. A volume unit the food has no measure of converts through the food's own density,
   taken from its volume measures (plain cup first, then fl oz, tbsp, tsp). A food with no
   volume measure cannot take a volume unit: no generic density is ever assumed.
4. A count word ("each", "whole", "piece", ...) that is not one of the food's measures
   takes the food's "medium" measure, or else its first countable measure, with a note.
   An empty unit is never guessed: the log check refuses it.
Anything else is an error that lists the units the food can take.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from mgcheck.text import singular

if TYPE_CHECKING:
    import pandas as pd

MASS_G = {"g": 1.0, "kg": 1000.0, "oz": 28.349523125, "lb": 453.59237}
VOLUME_ML = {
    "ml": 1.0,
    "dl": 100.0,
    "l": 1000.0,
    "cup": 236.5882365,
    "tbsp": 14.78676478125,
    "tsp": 4.92892159375,
    "fl oz": 29.5735295625,
}
# Preference when a food's density is taken from its own volume measures.
DENSITY_ORDER = ("cup", "fl oz", "tbsp", "tsp", "ml", "l", "dl")
COUNT_WORDS = {"each", "whole", "piece", "item", "unit", "ea", "pc", "x", "count", "number"}

_UNIT_SYNONYMS = {
    "gram": "g",
    "gr": "g",
    "gm": "g",
    "grm": "g",
    "kilogram": "kg",
    "kilo": "kg",
    "ounce": "oz",
    "pound": "lb",
    "lbs": "lb",
    "ozs": "oz",
    "kgs": "kg",
    "mls": "ml",
    "milligram": "mg",
    "milliliter": "ml",
    "millilitre": "ml",
    "deciliter": "dl",
    "decilitre": "dl",
    "liter": "l",
    "litre": "l",
    "ltr": "l",
    "c": "cup",
    "tablespoon": "tbsp",
    "tbs": "tbsp",
    "tbl": "tbsp",
    "tb": "tbsp",
    "teaspoon": "tsp",
    "fl oz": "fl oz",
    "floz": "fl oz",
    "fluid ounce": "fl oz",
    "fl ounce": "fl oz",
}
_UNICODE_FRACTIONS = {
    "½": " 1/2",
    "⅓": " 1/3",
    "⅔": " 2/3",
    "¼": " 1/4",
    "¾": " 3/4",
    "⅕": " 1/5",
    "⅛": " 1/8",
    "⅜": " 3/8",
    "⅝": " 5/8",
    "⅞": " 7/8",
}
_AMOUNT = re.compile(r"^(?:(\d+)\s+)?(\d+)\s*/\s*(\d+)$")
_DECIMAL = re.compile(r"^[+]?(\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")
_PAREN = re.compile(r"\([^)]*\)")
_MAX_DIGITS = 15


def parse_amount(text: object) -> float | None:
    """Parse an amount as written: '2', '0.5', '0,5', '1/2', '1 1/2', '½', '1½'. None if it is not one."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    if not isinstance(text, str):
        return None
    cleaned = text.strip()
    for glyph, spelled in _UNICODE_FRACTIONS.items():
        cleaned = cleaned.replace(glyph, spelled)
    cleaned = cleaned.replace("\u2044", "/").strip()
    if _DECIMAL.match(cleaned):
        value = float(cleaned.replace(",", "."))
        return value if math.isfinite(value) else None
    fraction = _AMOUNT.match(cleaned)
    if fraction and all(len(part or "") <= _MAX_DIGITS for part in fraction.groups()):
        whole, numerator, denominator = fraction.groups()
        if int(denominator) == 0:
            return None
        return float(int(whole or 0) + Fraction(int(numerator), int(denominator)))
    return None


def parse_amounts(values: pd.Series) -> pd.Series:
    """parse_amount over a column, once per distinct text; NaN where a text is not an amount."""
    from mgcheck.vector import per_distinct

    return per_distinct(values, parse_amount, "float64")


def canonical_unit(text: object) -> str:
    """Canonical spelling of a unit: 'Tablespoons' -> 'tbsp', 'fl. oz' -> 'fl oz', 'slices' -> 'slice'."""
    if not isinstance(text, str):
        return ""
    folded = unicodedata.normalize("NFKC", text).lower().replace(".", " ").replace("-", " ")
    words = [singular(word) for word in re.sub(r"[^a-z0-9, ]+", " ", folded).replace(",", " , ").split()]
    phrase = " ".join(words).replace(" ,", ",").strip(" ,")
    if phrase in _UNIT_SYNONYMS:
        return _UNIT_SYNONYMS[phrase]
    head, _, rest = phrase.partition(" ")
    if head in _UNIT_SYNONYMS and rest:
        return f"{_UNIT_SYNONYMS[head]} {rest}"
    return phrase


@dataclass(frozen=True)
class Measure:
    """One SR28 household measure of a food, reduced to what unit matching needs."""

    seq: int
    description: str  # as SR28 writes it: 'cup, chopped'
    amount: float
    grams: float
    head: str  # canonical words before the first comma: 'cup', 'medium', 'potato medium'
    full: str  # canonical whole description without parentheses: 'cup, chopped'
    volume_ml: float | None  # millilitres in one such measure, for volume measures

    @property
    def grams_per_one(self) -> float:
        return self.grams / self.amount

    def describe(self) -> str:
        return f"{_fmt(self.amount)} {self.description} = {_fmt(self.grams)} g"


@dataclass(frozen=True)
class Conversion:
    """Grams in one unit of a food, and the basis a clinician can check."""

    grams_per_unit: float
    basis: str
    note: str | None = None


class UnitError(ValueError):
    """The unit cannot be used with this food; the message lists what can."""


def _fmt(number: float) -> str:
    return f"{number:g}"


def measure_from_row(seq: int, description: str, amount: float, grams: float) -> Measure:
    full = canonical_unit(_PAREN.sub(" ", description))
    head = canonical_unit(full.split(",")[0])
    first = head.split(" ")[0]
    volume_ml = None
    if head in VOLUME_ML:
        volume_ml = VOLUME_ML[head]
    elif head.startswith("fl oz"):
        volume_ml = VOLUME_ML["fl oz"]
    elif first in VOLUME_ML and first != "l":
        volume_ml = VOLUME_ML[first]
    return Measure(seq, description, amount, grams, head, full, volume_ml)


def measures_by_food(measures: pd.DataFrame, food_ids: object) -> dict[str, list[Measure]]:
    """The parsed measures of the given foods, in SR28 order."""
    subset = measures[measures["food_id"].isin(list(food_ids))]  # type: ignore[call-overload]
    result: dict[str, list[Measure]] = {}
    for food_id, seq, description, amount, grams in subset[["food_id", "seq", "measure", "amount", "grams"]].itertuples(
        index=False
    ):
        if not (amount > 0 and grams > 0):
            continue
        result.setdefault(food_id, []).append(measure_from_row(int(seq), description, float(amount), float(grams)))
    for food_measures in result.values():
        food_measures.sort(key=lambda measure: measure.seq)
    return result


def units_accepted(food_measures: list[Measure]) -> list[str]:
    """The units a food can take, for error messages and `foods show`."""
    units = list(MASS_G)
    if any(measure.volume_ml for measure in food_measures):
        units += list(VOLUME_ML)
    for measure in food_measures:
        if measure.volume_ml is None and measure.head not in units and measure.head not in MASS_G:
            units.append(measure.head)
    return units


# Measures whose grams per unit agree within this share are the same for a clinician.
SAME_WEIGHT = 0.02


def _pick(candidates: list[Measure], unit: str) -> Conversion:
    chosen = candidates[0]
    others = [m for m in candidates[1:] if not math.isclose(m.grams_per_one, chosen.grams_per_one, rel_tol=SAME_WEIGHT)]
    note = None
    if others:
        listed = "; ".join(m.describe() for m in others[:3])
        note = f"'{unit}' has several SR28 measures for this food; used {chosen.describe()} (others: {listed})"
    return Conversion(chosen.grams_per_one, chosen.describe(), note)


def convert_unit(unit: str, food_measures: list[Measure]) -> Conversion:
    """Grams in one `unit` (already canonical) of a food with these measures. Raises UnitError."""
    if unit in MASS_G:
        return Conversion(MASS_G[unit], f"1 {unit} = {MASS_G[unit]:.4g} g")
    if unit.replace(",", "").strip():
        flat_unit = unit.replace(",", "")
        exact = [m for m in food_measures if m.full.replace(",", "") == flat_unit]
        if exact:
            return _pick(exact, unit)
        by_head = [m for m in food_measures if m.head == unit]
        if by_head:
            plain = [m for m in by_head if m.full == m.head]
            return _pick(plain + [m for m in by_head if m not in plain], unit)
        words = set(flat_unit.split())
        first_word = flat_unit.split()[0]
        qualified = [
            m
            for m in food_measures
            if m.head.split()[0] == first_word and words <= set(m.full.replace(",", "").split())
        ]
        if qualified:
            return _pick(qualified, unit)
        within = [m for m in food_measures if m.volume_ml is None and words <= set(m.head.split())]
        if within:
            return _pick(within, unit)
    if unit in VOLUME_ML:
        volume = [m for m in food_measures if m.volume_ml]
        if volume:
            rank = {name: index for index, name in enumerate(DENSITY_ORDER)}
            volume.sort(key=lambda m: (m.full != m.head, rank.get(m.head, len(rank)), m.seq))
            basis_measure = volume[0]
            assert basis_measure.volume_ml is not None
            density = basis_measure.grams_per_one / basis_measure.volume_ml
            grams = VOLUME_ML[unit] * density
            return Conversion(
                grams,
                f"1 {unit} = {VOLUME_ML[unit]:.4g} ml x {density:.4g} g/ml (from {basis_measure.describe()})",
            )
    if unit in COUNT_WORDS:
        countable = [m for m in food_measures if m.volume_ml is None and m.head not in MASS_G]
        medium = [m for m in countable if "medium" in m.head.split()]
        if medium or countable:
            chosen = (medium or countable)[0]
            shown = unit
            return Conversion(
                chosen.grams_per_one,
                chosen.describe(),
                f"'{shown}' taken as {chosen.describe()}; write the measure to be exact",
            )
    accepted = ", ".join(units_accepted(food_measures))
    shown = f"'{unit}'" if unit else "a missing unit"
    raise UnitError(f"{shown} is not a unit this food can take; it takes: {accepted}")
