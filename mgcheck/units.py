"""Amounts and units: parse what a log says and turn one unit of a food into grams.

Conversion rules, in order (the first that applies wins, and the item records which):
1. Mass units (g, kg, oz, lb) convert exactly; but `oz` of a food the table measures by the fluid
   ounce (a drink, juice, milk, cream, soup) is a fluid ounce, as on a US label.
2. A unit that names one of the food's own household measures (SR28 or FNDDS) uses that
   measure's grams divided by its amount ("2 tbsp = 32 g" gives 16 g per tbsp). A measure
   whose description states a quantity ("serving 1/2 cup", "can 8.4 fl oz", "can (12 fl oz)")
   is named by its words without the quantity ("serving", "can") and, when the quantity is a
   volume, counts as that volume. A unit written with the measure's qualifier ("cup,
   chopped") picks that measure; a bare word ("cup", "medium", "slice") picks the first such
   measure in table order (of a unit measured in several sizes, its plain or typical size first:
   "stalk, medium", "medium or regular slice"), and when the food has several with different weights
   the choice is reported as a note. A volume unit only names a measure of that same volume. A size alone ('large')
   names the measure of exactly that size ('large drink', 'serving large 32 fl oz', 'slice, large'),
   never a volume's or a pack's size; a food with no size named refuses it (no size is guessed).
3. A volume unit the food has no measure of converts through the food's own density, taken
   from its volume measures (plain cup first, then fl oz, tbsp, tsp, then measures that state
   a volume). A food with no volume measure cannot take a volume unit: no generic density is
   ever assumed.
4. A container or vague portion (can/tin, bottle, glass, mug, bowl, pot, packet, bag, handful,
   portion/serving, plate, sandwich) takes the food's own measure of that kind; failing that a
   glass takes the drink's own serving of a stated volume (SR28 wine "serving (5 fl oz)": the
   default glass is itself USDA's generic beverage measure, so the food's own one wins), a
   serving or a plate takes USDA's "Quantity not specified" weight (the amount USDA assumes when
   nobody says how much); a serving of a food with neither takes the reference amount customarily
   consumed for its kind of food (data/serving_amounts.csv, by SR28 food group or FNDDS WWEIA category:
   FDA's 21 CFR 101.12(b) Table 2, USDA FSIS's for meat), else its own jar (a baby food's), else its
   first USDA measure taken whole;
   and the rest a documented default from data/portion_defaults.csv
   (one kept for a kind of food first: a wine's 750 ml bottle, a chocolate's square; a pint is
   the US pint, as cup and fl oz are US measures, unless MEASURES names a region whose pint, drinks can, cup
   or spoon differs: `_regional`). All are estimates. A mug, bottle or can is a size of its own, never a food's serving: without
   the food's own measure of that name it takes the default. A packet is single-serve: it never
   takes a food's "bag (8 oz)". A can or tin of a canned food or a soup is a 400 g food tin (of a
   condensed soup the 305 g US condensed soup can), of a
   drink the 12 fl oz drinks can (a drink by its food group or category, serving_amounts.csv's drink
   column, not by a word of its name), of anything else nothing. The UK word "tin" first takes a UK tin
   kept for the kind of food (`_tin`: rice pudding's 400 g); the food's own can, a US can, it takes only
   as an estimate saying so. A shop's "prepackaged bowl" is never a
   bowl. A measure the table lists only in part ("0.5 fillet") yields to a default kept for that kind
   of food (a fish fillet, a chicken breast).
5. A count word ("each", "whole", "piece", ...) that is not one of the food's measures, and a
   blank unit, take the food's natural unit: its "medium" measure, or else its first count-like
   measure (see NATURAL_UNITS); of several plain ones stating only their weight ('bar (.8 oz)', 'bar
   (1.9 oz)', 'bar (2.1 oz)'), the middle by weight. That is an estimate too. A blank unit first takes a
   measure data/natural_units.csv keeps for the food (popcorn chicken's portion of 10 pieces; of several,
   the lightest, with the range of them all: a Polish sausage's link to its 10-inch sausage), and a
   food with no natural unit its single-serving package (under twice its kind's FDA reference amount).
Anything else is a UnitError that lists the units the food can take.

A blank unit cell takes the portion the food text states (`portion_in_text`): "a bowl of cheerios" is
a bowl, "large fries" the food's large measure, "2 slices of toast" two slices.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from contextvars import ContextVar
from dataclasses import dataclass
from fractions import Fraction
from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from mgcheck.text import singular
from mgcheck.vector import per_table

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy as np
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
    "gms": "g",
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
    "tblsp": "tbsp",
    "tbls": "tbsp",
    "tablespoonful": "tbsp",
    "tspn": "tsp",
    "teaspoonful": "tsp",
    "fluid oz": "fl oz",
    "sachet": "packet",
    "portion": "serving",
    "serve": "serving",  # Australian and New Zealand English ('1 serve')
    "tub": "pot",
    "glassful": "glass",
    "mugful": "mug",
    "bowlful": "bowl",
    "handfull": "handful",
    "pc": "piece",
    "rasher": "slice",  # British and Australian English: a rasher of bacon is a slice of it
    "fl oz": "fl oz",
    "floz": "fl oz",
    "fluid ounce": "fl oz",
    "fl ounce": "fl oz",
}
# Abbreviations replaced word by word anywhere in a unit ("med slice" -> "medium slice").
_WORD_SYNONYMS = {
    "med": "medium",
    "md": "medium",
    "lg": "large",
    "lge": "large",
    "sm": "small",
    "sml": "small",
    "pattie": "patty",
    "sl": "slice",
}
# Case matters only here: a capital T is a tablespoon and a small t a teaspoon.
_CASED_UNITS = {"T": "tbsp", "Tb": "tbsp", "TB": "tbsp", "t": "tsp"}
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


# How a comma followed by groups of exactly three digits ("1,000") is read: a thousands separator
# in English, a decimal comma in most of Europe. Unless the user says (--decimal-comma or
# --thousands-comma), such an amount is refused as ambiguous.
COMMA: ContextVar[str] = ContextVar("comma", default="ambiguous")
COMMA_MODES = ("ambiguous", "decimal", "thousands")
_THOUSANDS_SHAPE = re.compile(r"^[+]?\d{1,3}(?:,\d{3})+$")

# Whose household measures a log's units are (--measures, `ReadOptions.measures`): "us" (the USDA
# tables' own: US cup, pint, can), "uk" or "au". data/regional_measures.csv holds each size that differs
# from the US one (the UK pint of 568 ml, the 330 ml UK drinks can, the 250 ml Australian cup).
MEASURES: ContextVar[str] = ContextVar("measures", default="us")
MEASURES_CHOICES = ("us", "uk", "au")
MEASURES_NAMES = {"us": "US", "uk": "UK", "au": "Australian"}


def comma_is_ambiguous(text: object) -> bool:
    """True for '1,000' (or '12,345,678') while no option says how to read a comma."""
    return COMMA.get() == "ambiguous" and isinstance(text, str) and bool(_THOUSANDS_SHAPE.match(text.strip()))


def ambiguous_comma_message(label: str, text: str) -> str:
    return (
        f"{label} '{text[:40]}' is ambiguous: {text.replace(',', '')} with a thousands comma, or "
        f"{text.replace(',', '.', 1)} with a decimal comma? write it without the comma, or give "
        "--thousands-comma or --decimal-comma (Python: comma='thousands' or 'decimal', for logs in ReadOptions)"
    )


# A number with dots grouping its thousands and a decimal comma ('1.250,00'): read only with --decimal-comma.
_DOTTED_DECIMAL_COMMA = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+,\d+$")


def read_comma_number(text: str) -> str | None:
    """'1,000' as the chosen comma mode reads it (as text float() takes), or None when ambiguous.

    Any other text is returned unchanged, a lone decimal comma ('0,5') as '0.5'.
    """
    stripped = text.strip()
    if _THOUSANDS_SHAPE.match(stripped):
        mode = COMMA.get()
        if mode == "thousands":
            return stripped.replace(",", "")
        if mode == "decimal" and stripped.count(",") == 1:
            return stripped.replace(",", ".")
        return None
    if re.match(r"^[+-]?\d*,\d+$", stripped):
        return stripped.replace(",", ".")
    if _DOTTED_DECIMAL_COMMA.match(stripped):
        # '1.250,00' as a European spreadsheet writes 1250: dots group thousands, the comma is the decimal mark.
        return stripped.replace(".", "").replace(",", ".") if COMMA.get() == "decimal" else None
    return stripped


def parse_amount(text: object) -> float | None:
    """Parse an amount as written: '2', '0.5', '0,5', '1/2', '1 1/2', '½', '1½', 'half', 'two'.

    None if it is not one. The words are those a portion written in the food text counts
    with (_TEXT_COUNTS: 'a', 'one', 'half', 'a half', 'two' to 'six').
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    if not isinstance(text, str):
        return None
    cleaned = text.strip()
    for glyph, spelled in _UNICODE_FRACTIONS.items():
        cleaned = cleaned.replace(glyph, spelled)
    cleaned = cleaned.replace("\u2044", "/").strip()
    if _THOUSANDS_SHAPE.match(cleaned):
        read = read_comma_number(cleaned)
        return None if read is None else float(read)
    if _DECIMAL.match(cleaned):
        value = float(cleaned.replace(",", "."))
        return value if math.isfinite(value) else None
    fraction = _AMOUNT.match(cleaned)
    if fraction and all(len(part or "") <= _MAX_DIGITS for part in fraction.groups()):
        whole, numerator, denominator = fraction.groups()
        if int(denominator) == 0:
            return None
        return float(int(whole or 0) + Fraction(int(numerator), int(denominator)))
    # 'x2', '2x', '2 ×': a count of times ('toast, x2'), the number alone.
    times = _TIMES.match(cleaned)
    if times:
        return parse_amount(times.group(1) or times.group(2))
    # A count in words, as a portion written in the food text takes it ('half', 'a', 'two'); only the
    # words (a digit-like '²' is no count).
    return _TEXT_COUNTS.get(" ".join(cleaned.lower().split()))


# A count of times written with x or ×: 'x2', 'X 2', '2x', '2 ×' (the number in group 1 or 2).
_TIMES = re.compile(r"^[x×]\s*([0-9./ ]*[0-9])$|^([0-9./ ]*[0-9])\s*[x×]$", re.IGNORECASE)


_AMOUNT_AND_UNIT = re.compile(
    r"^\s*([0-9.,/\s\u2044"
    + "".join(_UNICODE_FRACTIONS)
    + r"]*?[0-9"
    + "".join(_UNICODE_FRACTIONS)
    + r"])\s*([^\W\d_"
    + "".join(_UNICODE_FRACTIONS)
    + r"].*?)\s*$"
)


def split_amount_unit(text: object) -> tuple[float, str] | None:
    """An amount with its unit in one cell: '200g' -> (200, 'g'), '1 1/2 cups' -> (1.5, 'cups'). None if not.

    The count may be a word (`_TEXT_COUNTS`): 'a handful' -> (1, 'handful'), 'half a cup' -> (0.5, 'cup'),
    'two slices' -> (2, 'slices'); a word of no count ('some', 'a few') is no amount.
    """
    if not isinstance(text, str):
        return None
    found = _AMOUNT_AND_UNIT.match(text)
    if not found:
        return _counted_in_words(text)
    amount = parse_amount(found.group(1))
    unit = found.group(2)
    # A unit starts with a letter: '0²' is a number with a superscript, not 0 of a unit '²'.
    if amount is None or not unit[:1].isalpha():
        return None
    return amount, unit


def _counted_in_words(text: str) -> tuple[float, str] | None:
    """'a handful' -> (1, 'handful'), 'half a cup' -> (0.5, 'cup'): the longest count word first, then a unit
    mgcheck knows ('a few', 'an apple', 'one and a half cups' are None: named unresolved at the amount check)."""
    words = text.lower().split()
    for taken in (2, 1):
        if len(words) > taken and " ".join(words[:taken]) in _TEXT_COUNTS:
            unit = " ".join(words[taken:])
            # Only a unit mgcheck knows after the count: 'one and a half cups' or 'three quarters cup' is no
            # count of a unit 'and a half cups'.
            if unit.split()[0] not in _NOT_A_UNIT_AFTER_A_COUNT and canonical_unit(unit) in _text_units():
                return _TEXT_COUNTS[" ".join(words[:taken])], unit
            return None
    return None


# Words after 'a' that make no amount: 'a few', 'a little', 'a lot', 'a bit', 'a couple' (how many is not said).
_NOT_A_UNIT_AFTER_A_COUNT = frozenset({"few", "little", "lot", "bit", "couple", "some", "half"})


def parse_amounts(values: pd.Series) -> pd.Series:
    """parse_amount over a column, once per distinct text; NaN where a text is not an amount."""
    from mgcheck.vector import per_distinct

    return per_distinct(values, parse_amount, "float64")


def canonical_unit(text: object) -> str:
    """Canonical spelling of a unit: 'Tablespoons' -> 'tbsp', 'fl. oz' -> 'fl oz', 'slices' -> 'slice'."""
    if not isinstance(text, str):
        return ""
    cased = text.strip().rstrip(".")
    if cased in _CASED_UNITS:
        return _CASED_UNITS[cased]
    folded = unicodedata.normalize("NFKC", text).lower().replace(".", " ").replace("-", " ")
    words = [singular(word) for word in re.sub(r"[^a-z0-9, ]+", " ", folded).replace(",", " , ").split()]
    words = [_WORD_SYNONYMS.get(word, word) for word in words]
    while len(words) > 1 and words[0] in ("a", "an", "one"):
        words = words[1:]
    while len(words) > 1 and words[-1] == "of":  # "cup of" (tea), "bowl of"
        words = words[:-1]
    phrase = " ".join(words).replace(" ,", ",").strip(" ,")
    if phrase in _UNIT_SYNONYMS:
        return _UNIT_SYNONYMS[phrase]
    head, _, rest = phrase.partition(" ")
    if head in _UNIT_SYNONYMS and rest:
        return f"{_UNIT_SYNONYMS[head]} {rest}"
    return phrase


# A portion written in the food text when the unit cell is blank: "a bowl of cheerios", "glass of
# wine", "2 slices of toast", "half a pint of beer" (a count, a unit, then "of"), or a size first:
# "large fries", "medium banana". "regular" is left out: "regular coke" is not diet coke, not a size.
_SIZES = r"(small|medium|large|med|lg|lge|sm)"
_TEXT_COUNTS = {
    "a": 1.0, "an": 1.0, "one": 1.0, "half": 0.5, "half a": 0.5, "half an": 0.5, "a half": 0.5,
    "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0,
}  # fmt: skip


def _count_pattern(words: list[str]) -> str:
    """A regex group matching one of the count words (longest first, any spaces) or a number."""
    alternatives = sorted((word.replace(" ", r"\s+") for word in words), key=len, reverse=True)
    return "(" + "|".join(alternatives) + r"|\d+(?:\.\d+)?)"


_COUNT = _count_pattern(list(_TEXT_COUNTS))
_TEXT_UNIT_OF = re.compile(rf"^(?:{_COUNT}\s+)?(?:{_SIZES}\s+)?([a-z]+(?:\s+[a-z]+)?)\s+of\s+\S", re.IGNORECASE)
_TEXT_SIZE = re.compile(rf"^(?:(?:a|an|one|1)\s+)?{_SIZES}\s+\S", re.IGNORECASE)
# Without "of", a written count, then a unit: "2 slices toast", "2 cups milk" (not "a cup tea").
_WRITTEN_COUNT = _count_pattern([word for word in _TEXT_COUNTS if word not in ("a", "an")])
_TEXT_COUNTED_UNIT = re.compile(rf"^{_WRITTEN_COUNT}\s+([a-z]+)\s+\S", re.IGNORECASE)


# A written count before the food itself, no unit: "2 biscuits", "two eggs" (not "2% milk": the count is a word).
_LEADING_COUNT = re.compile(rf"^{_WRITTEN_COUNT}\s+([a-z].*)$", re.IGNORECASE)
# Words after a number that make it the food's energy ('100 calorie pack'), never a count of it.
_ENERGY_WORDS = frozenset({"calorie", "calories", "cal", "kcal"})


def leading_count(text: object) -> tuple[float, str] | None:
    """The count a food text writes before the food ('2 biscuits' -> (2.0, 'biscuits'), 'two eggs', 'half an
    apple'), or None. A number above one counts the food only when the food's noun (the last word before any
    comma) is plural: with a singular one it names a kind ('3 bean salad', '7 grain bread', '5 spice powder').
    A noun written the same for one and several (data/invariant_plurals.csv: '2 weetabix') counts as a plural."""
    found = _LEADING_COUNT.match(text.strip()) if isinstance(text, str) else None
    if found is None:
        return None
    count = _text_count(found.group(1))
    rest = found.group(2).strip()
    if rest.split()[0].lower().rstrip(",") in _ENERGY_WORDS:
        return None  # '100 calorie cookies' are cookies of 100 kcal a pack, not 100 cookies
    nouns = re.findall(r"[a-z]+", rest.split(",", 1)[0].lower())
    if not count or (
        count > 1 and (not nouns or (singular(nouns[-1]) == nouns[-1] and nouns[-1] not in _invariant_plurals()))
    ):
        return None
    return count, rest


@cache
def _invariant_plurals() -> frozenset[str]:
    """Nouns whose plural is written as the singular: data/invariant_plurals.csv ('weetabix', with its source)."""
    from mgcheck.resources import records

    return frozenset(str(record["word"]).lower() for record in records("invariant_plurals.csv"))


def _text_count(word: str | None) -> float | None:
    """The count a word before a unit says ('2', 'two', 'half a'); 1 when there is none; None if it is no count."""
    if word is None:
        return 1.0
    if word.replace(".", "", 1).isdigit():
        return float(word)
    return _TEXT_COUNTS.get(" ".join(word.lower().split()))


class StatedPortion(NamedTuple):
    """A portion a food text states: "a large glass of wine" is 1 glass, its size "large" not counted."""

    amount: float
    unit: str
    # A size written before the unit, which no unit mgcheck knows can take ("large glass").
    size_not_counted: str | None = None


def portion_in_text(text: object) -> StatedPortion | None:
    """The count and unit a food text states ('2 slices of toast' -> (2, 'slices'), 'large fries'
    -> (1, 'large')), or None.

    A word before "of" is a unit when it is one this module knows (mass, volume, container,
    count word, portion default, natural unit): "cream of wheat" states none.
    """
    if not isinstance(text, str):
        return None
    written = text.strip()
    found = _TEXT_UNIT_OF.match(written)
    if found and canonical_unit(found.group(3)) in _text_units():
        count = _text_count(found.group(1))
        if count is not None:
            # "a large bowl of soup": a bowl (the default bowl has no sizes), and the size is named as not counted.
            return StatedPortion(count, found.group(3), found.group(2))
    counted = _TEXT_COUNTED_UNIT.match(written)
    if counted and canonical_unit(counted.group(2)) in _counted_units():
        count = _text_count(counted.group(1))
        if count is not None:
            return StatedPortion(count, counted.group(2))
    size = _TEXT_SIZE.match(written)
    return StatedPortion(1.0, size.group(1)) if size else None


def is_count(word: str) -> bool:
    """Whether a word of a food text is a count ('2', 'two', 'half')."""
    return _text_count(word) is not None


def portion_phrase_length(words: list[str]) -> int:
    """How many leading words say a portion, not the food: 2 for "pot of yoghurt", 3 for "a square
    of chocolate" or "2 slice of toast" (a count, a unit `portion_in_text` reads, then "of"), 2 for
    "2 slice toast" (a written count, then a unit that is not a food word), else 0."""
    start = 2 if " ".join(words[:2]) in _TEXT_COUNTS else 1 if words and _text_count(words[0]) is not None else 0
    if len(words) > start + 2 and words[start + 1] == "of" and canonical_unit(words[start]) in _text_units():
        return start + 2
    written = start and words[0] not in ("a", "an")
    if written and len(words) > start + 1 and canonical_unit(words[start]) in _counted_units():
        return start + 1
    return 0


@cache
def _counted_units() -> frozenset[str]:
    """Canonical units a food text may state after a count without "of": no natural unit ('2 egg whites')."""
    defaults = {default.unit for default in _all_portion_defaults()}
    return frozenset({*MASS_G, *VOLUME_ML, *CONTAINER_MEASURES, *COUNT_WORDS, *defaults})


@cache
def _text_units() -> frozenset[str]:
    """Canonical units that a food text may state before "of"."""
    defaults = {default.unit for default in _all_portion_defaults()}
    return frozenset({*MASS_G, *VOLUME_ML, *CONTAINER_MEASURES, *COUNT_WORDS, *NATURAL_UNITS, *defaults})


# A quantity stated inside a measure description: "serving 1/2 cup", "can (12 fl oz)".
_QUANTITY = r"(?:\d+\s+\d+/\d+|\d+/\d+|\d*\.\d+|\d+)"
_STATED_SPELLINGS = (
    "fl oz", "fl. oz", "fluid oz", "fluid ounces", "fluid ounce", "fo", "cups", "cup", "tablespoons",
    "tablespoon", "tbsp", "teaspoons", "teaspoon", "tsp", "ml", "liters", "liter", "litres", "litre",
    "ounces", "ounce", "oz", "grams", "gram", "g",
)  # fmt: skip
_STATED = re.compile(
    rf"(?<![\w/.])({_QUANTITY})\s*("
    + "|".join(re.escape(spelled).replace("\\ ", r"\s*") for spelled in _STATED_SPELLINGS)
    + r")(?![\w])",
    re.IGNORECASE,
)
# Words that make a stated volume something other than the measure's own volume
# ("amount to make 1/2 cup", "dry mix with 6 fl oz water", "yield", "1/8 per pizza").
_NOT_OWN_VOLUME = re.compile(
    r"\b(make|makes|yield|yields|per|from|with|water|varied|dry|prepared|reconstituted|mix)\b", re.IGNORECASE
)


def _stated_quantity(text: str) -> tuple[float, str] | None:
    """The first quantity with a volume or mass unit in a text: 'serving 1/2 cup' -> (0.5, 'cup')."""
    found = _STATED.search(text)
    if not found:
        return None
    amount = parse_amount(found.group(1))
    written = canonical_unit(found.group(2))
    unit = "fl oz" if written == "fo" else written
    if amount is None or amount <= 0 or not (unit in VOLUME_ML or unit in MASS_G):
        return None
    return amount, unit


@dataclass(frozen=True)
class Measure:
    """One household measure of a food (SR28 or FNDDS), reduced to what unit matching needs."""

    seq: int
    description: str  # as the table writes it: 'cup, chopped', 'serving 1/2 cup', 'can (12 fl oz)'
    amount: float
    grams: float
    head: str  # canonical words before the first comma, without a stated quantity: 'cup', 'serving'
    full: str  # canonical whole name without parentheses or stated quantity: 'cup, chopped'
    volume_ml: float | None  # millilitres in one such measure, for volume measures
    volume_unit: str | None = None  # the unit its volume is written in: 'cup' for 'cup', 'tbsp' for 'serving 2 tbsp'
    # A piece counted in another measure's parentheses (`pieces_stated`): that measure's description.
    counted_in: str | None = None

    @property
    def grams_per_one(self) -> float:
        return self.grams / self.amount

    def describe(self) -> str:
        return f"{_fmt(self.amount)} {self.description} = {_fmt(self.grams)} g"


@dataclass(frozen=True)
class Conversion:
    """Grams in one unit of a food, and the basis a clinician can check.

    `estimate` is True when the grams rest on a default or an assumption (a portion default,
    USDA's "Quantity not specified", or a natural unit guessed for a count word or blank unit).
    """

    grams_per_unit: float
    basis: str
    note: str | None = None
    estimate: bool = False
    # The grams are a portion default of data/portion_defaults.csv, not a measure of the food's.
    from_default: bool = False
    # Grams per unit from the lightest to the heaviest of several measures that each fit the unit
    # (data/natural_units.csv); None: one figure. The item then carries mg_low / mg_high.
    grams_range: tuple[float, float] | None = None
    # A blank unit read as one whole pack of a snack or candy eaten by the bag (serving_amounts.csv's
    # single_serving_bag kinds, data/natural_units.csv's bags: 'rice crackers,1,'): a count above
    # MOST_PACKS_UNSAID of it is pieces, not packs, and is left unresolved (resolve). Never a condiment's packet:
    # 'ketchup,5,' is five packets. The pack as the reason names it ('a single-serving bag = 30 g'), else None.
    pack: str | None = None


# The most packs a blank unit is read as: 'rice crackers,10,' is ten crackers, not ten 30 g bags (300 g, 468
# mg, which turned a vegetarian's 'not judged' into 'at or above the RDA'); 'chips,2,' is two bags.
MOST_PACKS_UNSAID = 3.0
# Measure words that make a measure a pack of the food, not a piece of it.
_PACK_WORDS = frozenset({"package", "packet", "bag", "pouch", "sachet"})


class UnitError(ValueError):
    """The unit cannot be used with this food; the message lists what can."""


def _fmt(number: float) -> str:
    return f"{number:g}"


# SR28 writes some servings as "N <unit> 1 serving" ("16 crackers 1 serving = 34 g", "3 oz ( 1 serving )").
_ONE_SERVING = re.compile(r"\b1\s+serving\b", re.IGNORECASE)
# ... and most often as "N <unit> (1 NLEA serving)": the serving on the food's label ("21 biscuits (1 NLEA serving) = 54 g").
_NLEA_SERVING = re.compile(r"\(\s*1\s+NLEA\s+serving\s*\)", re.IGNORECASE)
# A doubled first word with more after it: "lau lau" and "Ho Ho" are FNDDS foods' own names.
_REPEATED_WORD = re.compile(r"^(\s*[a-z]+) \1\b(?=\s+\S)", re.IGNORECASE)
# A stated volume on these is what the contents make, not their size ("packet (6 fl oz)" = 11 g).
_MAKES_A_VOLUME = {"packet", "package", "envelope", "pouch", "sachet", "portion"}
# A measure in fluid ounces weighs what a liquid food does: from ice cream, the lightest food the tables
# measure by the fluid ounce (SR28 19270 '1 individual (3.5 fl oz) = 58 g', 0.56 g/ml), to honey, about
# the densest (SR28 19296 '1 cup = 339 g', 1.43 g/ml). Outside that band a fluid-ounce row is a slip of
# the table (SR28 33875 '5 fl oz = 30 g', 0.2 g/ml, beside '5 fl oz = 152 g'): it keeps its name and
# grams but states no volume, so no volume unit or density is taken from it.
_LIQUID_G_PER_ML = (0.5, 1.45)
# Outside parentheses, "yields" makes a volume measure a raw or uncooked amount ("cup, dry, yields" = 501 g).
_YIELDS = re.compile(r"\b(yield|yields)\b", re.IGNORECASE)


def measure_from_row(seq: int, description: str, amount: float, grams: float) -> Measure:
    """Parse one measure row; a quantity stated in the description becomes its volume."""
    description = str(description)
    head, full, volume_ml, volume_unit, stated = _described(description)
    # SR28 "8 x bottle 8 fl oz = 227 g" is 8 fl oz in all: one of its units is one fl oz. (A volume
    # unit `_described` took from the name alone already has that unit's millilitres: the same value.)
    if volume_unit is not None and stated is not None and amount != 1 and math.isclose(amount, stated[0]):
        volume_ml = VOLUME_ML[volume_unit]
    low, high = _LIQUID_G_PER_ML
    if volume_unit == "fl oz" and volume_ml and not low <= grams / amount / volume_ml <= high:
        volume_ml = volume_unit = None  # SR28 33875 '5 fl oz = 30 g' (0.2 g/ml) beside '5 fl oz = 152 g'
    return Measure(seq, description, amount, grams, head, full, volume_ml, volume_unit)


# Distinct descriptions are few (3,639 in the bundled 46,530 measure rows; about 1,000 among a
# study's 3,000 foods' 5,500 rows): each is read once per process.
@lru_cache(maxsize=8192)
def _described(
    description: str,
) -> tuple[str, str, float | None, str | None, tuple[float, str] | None]:
    """What a measure's description alone says: its head, its full name, its volume (millilitres and
    unit) and the quantity it states, before `measure_from_row` weighs them against the row's amount and grams."""
    # SR28 doubles a few measures' first word ("can can 12 fl oz", "wing wing without skin"): the unit is one word.
    outside = _REPEATED_WORD.sub(r"\1", _PAREN.sub(" ", description))
    # "16 crackers 1 serving = 34 g" is 16 crackers, which are one serving (`serving_of`).
    outside = _ONE_SERVING.sub(" ", outside)
    volume_ml = None
    volume_unit = None
    own_volume = not _NOT_OWN_VOLUME.search(description)
    name = outside
    stated = _stated_quantity(outside)
    if stated is not None:
        # The quantity is not part of the name a person types: "serving 1/2 cup" is a "serving".
        name = _STATED.sub(" ", outside)
        if not canonical_unit(name.split(",")[0]):
            name = outside  # the quantity was the whole name ("16 fl oz"): keep it
    full = canonical_unit(name)
    head = canonical_unit(full.split(",")[0])
    first = head.split(" ")[0]
    if set(head.split()) & _MAKES_A_VOLUME:
        own_volume = False
    if stated is not None and name is not outside and own_volume and stated[1] in VOLUME_ML:
        volume_ml, volume_unit = stated[0] * VOLUME_ML[stated[1]], stated[1]
    # A measure named by a volume unit is that volume: "0.5 cup (4 fl oz)" restates the volume of all
    # 0.5 cup, not of one cup (read as one, it made condensed soups weigh 2.1 g/ml).
    if volume_ml is None and own_volume and head not in VOLUME_ML:
        for inside in re.findall(r"\(([^)]*)\)", description):
            quantity = _stated_quantity(inside)
            if quantity is not None and quantity[1] in VOLUME_ML:
                volume_ml, volume_unit = quantity[0] * VOLUME_ML[quantity[1]], quantity[1]  # "can (12 fl oz)"
                break
    if volume_ml is None and not _YIELDS.search(outside):
        if head in VOLUME_ML:
            volume_unit = head
        elif head.startswith("fl oz"):
            volume_unit = "fl oz"
        elif first in VOLUME_ML and first != "l":
            volume_unit = first
        volume_ml = VOLUME_ML[volume_unit] if volume_unit else None
    return head, full, volume_ml, volume_unit, stated


def serving_of(measure: Measure) -> Measure | None:
    """The serving a measure says it is ("16 crackers 1 serving = 34 g", "21 biscuits (1 NLEA serving) = 54 g"), or None."""
    if not (_ONE_SERVING.search(measure.description) or _NLEA_SERVING.search(measure.description)):
        return None
    counted = " ".join(_ONE_SERVING.sub(" ", _PAREN.sub(" ", measure.description)).split())
    return Measure(
        measure.seq, f"serving ({_fmt(measure.amount)} {counted})", 1.0, measure.grams, "serving", "serving", None
    )


# A count of small pieces stated in a measure's parentheses: 'oz (14 halves)', 'oz (10-12 kernels)',
# 'cup (about 23 slices)', 'oz shelled (32 nuts)'. Only these pieces: 'sandwich (2 slice bread)' counts
# the slices of another food, and a dish's 'serving (3 pancakes)' is left to its own measures.
_STATED_PIECES = re.compile(
    r"\(\s*(?:about\s+)?(\d+)(?:\s*-\s*(\d+))?\s+((?:whole|medium|square)\s+)?"
    r"(kernels|halves|nuts|seeds|pieces|slices|almonds|raisins|chews)\s*\)",
    re.IGNORECASE,
)


def pieces_stated(measure: Measure) -> Measure | None:
    """One of the pieces a measure counts in its parentheses, as a measure of its own: walnuts' '1 oz
    (14 halves)' = 28.35 g gives '1 half' = 2.02 g, macadamias' '1 oz (10-12 kernels)' a kernel of 1/11
    oz (a range's middle). The count is of the whole measure ('0.25 cup (66 pieces)' = 52 g: 66 pieces
    weigh 52 g). Its description says where it came from; None when the measure states no such count."""
    found = _STATED_PIECES.search(measure.description)
    if found is None:
        return None
    low = int(found.group(1))
    count = (low + int(found.group(2))) / 2 if found.group(2) else float(low)
    if count < 1:
        return None
    piece = singular(found.group(4).lower())
    grams = float(f"{measure.grams / count:.3g}")  # three significant figures: 2.02 g, 0.17 g (a pine nut)
    if grams <= 0:
        return None
    stated = f"{_fmt(measure.amount)} {measure.description}"
    return Measure(measure.seq, f"{piece} ({stated} / {_fmt(count)})", 1.0, grams, piece, piece, None, None, stated)


# Words of a unit cell that say what state the food was eaten in, not which measure: 'spinach,1,cup
# cooked' is a cup of cooked spinach (180 g), not of raw spinach (30 g) with a word too many.
STATE_WORDS = frozenset({"cooked", "boiled", "steamed", "drained", "raw", "uncooked", "dry"})


# The words a food's name uses for each state. A roasted, baked or fried food is no plain cooked one
# (`walnuts,1,oz cooked` is not honey-roasted walnuts); 'raw' says dry only of a grain or legume
# ('Lentils, raw' is dry lentils; 'Apricots, raw' is no dried apricot).
_STATE_NAMES = {
    "cooked": frozenset({"cooked", "boiled", "steamed", "stewed", "simmered", "braised", "microwaved"}),
    "boiled": frozenset({"boiled"}),
    "steamed": frozenset({"steamed"}),
    "drained": frozenset({"drained"}),
    "raw": frozenset({"raw"}),
    "uncooked": frozenset({"uncooked", "dry", "dried"}),
    "dry": frozenset({"dry", "dried", "uncooked"}),
}
_DRY_WHEN_RAW_GROUPS = frozenset({"Legumes and Legume Products", "Cereal Grains and Pasta"})


def name_says_state(food_name: str, food_group: str, state: tuple[str, ...]) -> bool:
    """Whether a food's name says every state word of a unit (`unit_and_state`), in the table's words:
    'Spinach, cooked, boiled, drained' says 'cooked'; 'Lentils, raw' (a legume) says 'dry'."""
    words = set(re.findall(r"[a-z]+", food_name.lower()))
    dry_when_raw = food_group in _DRY_WHEN_RAW_GROUPS or "mature" in words
    for word in state:
        said = _STATE_NAMES.get(word, frozenset({word}))
        if word in ("dry", "uncooked") and dry_when_raw:
            said = said | {"raw"}
        if words.isdisjoint(said):
            return False
    return True


def unit_and_state(unit: str) -> tuple[str, tuple[str, ...]] | None:
    """A canonical unit that is a unit any food takes followed by state words only, split: 'cup cooked'
    and 'cup, cooked' -> ('cup', ('cooked',)), 'g raw' -> ('g', ('raw',)); None for any other unit
    ('cup, chopped', 'cup' alone, 'cooked' alone)."""
    words = unit.replace(",", " ").split()
    for size in (2, 1):
        base, rest = " ".join(words[:size]), words[size:]
        if rest and (base in MASS_G or base in VOLUME_ML or base in CONTAINER_MEASURES) and set(rest) <= STATE_WORDS:
            return base, tuple(dict.fromkeys(rest))
    return None


def _ids_in_order(measures: pd.DataFrame) -> np.ndarray | None:
    """The measures' food ids (objects) if the table is in food id order, as the bundled one is; else None."""
    import numpy as np

    ids = measures["food_id"].to_numpy(dtype=object)
    try:
        return ids if bool(np.all(ids[1:] >= ids[:-1])) else None
    except TypeError:  # a blank id (NaN) among the texts: no order
        return None


_measure_ids = per_table(_ids_in_order)


def measures_by_food(measures: pd.DataFrame, food_ids: object) -> dict[str, list[Measure]]:
    """The parsed measures of the given foods, in table order (with the serving a measure says it is).

    In a table in food id order (the bundled one) each food's rows are found by binary search: a
    pass over its 46,000 rows cost every run 2-4 ms a call, and a run makes two or three.
    """
    import numpy as np

    wanted = list(food_ids)  # type: ignore[call-overload]
    ordered = _measure_ids(measures)
    if ordered is None:
        subset = measures[measures["food_id"].isin(wanted)]
    else:
        query = np.array(sorted({food_id for food_id in wanted if isinstance(food_id, str)}), dtype=object)
        starts = np.searchsorted(ordered, query, "left").tolist()
        ends = np.searchsorted(ordered, query, "right").tolist()
        rows = [np.arange(start, end) for start, end in zip(starts, ends, strict=True) if end > start]
        subset = measures.iloc[np.concatenate(rows) if rows else np.empty(0, dtype=np.intp)]
    result: dict[str, list[Measure]] = {}
    columns = [subset[column].tolist() for column in ("food_id", "seq", "measure", "amount", "grams")]
    for food_id, seq, description, amount, grams in zip(*columns, strict=True):
        if not (amount > 0 and grams > 0):
            continue
        measure = measure_from_row(int(seq), description, float(amount), float(grams))
        result.setdefault(food_id, []).append(measure)
        serving = serving_of(measure)
        if serving is not None:
            result[food_id].append(serving)
    for food_measures in result.values():
        # A piece a measure counts, unless the food has a measure of that name (its own, or counted earlier).
        named = {measure.head for measure in food_measures}
        for measure in list(food_measures):
            piece = pieces_stated(measure)
            if piece is not None and piece.head not in named:
                named.add(piece.head)
                food_measures.append(piece)
        food_measures.sort(key=lambda measure: measure.seq)
    return result


def units_accepted(food_measures: list[Measure]) -> list[str]:
    """The units a food can take, for error messages and `foods show`."""
    units = list(MASS_G)
    if any(measure.volume_ml for measure in food_measures):
        units += list(VOLUME_ML)
    for measure in food_measures:
        # FNDDS "Guideline amount per slice of bread" still converts, but is no name to type; nor is
        # "Quantity not specified", which a serving or portion of unstated size takes.
        head = "serving" if measure.full == QUANTITY_NOT_SPECIFIED else measure.head
        if head not in units and head not in MASS_G and not head.startswith("guideline"):
            units.append(head)
    # Every food with a measure takes a serving: its own, USDA's unstated amount, a reference amount for
    # its kind, or else its first measure taken whole (`_serving_of_no_size`).
    if "serving" not in units and _first_whole(food_measures) is not None:
        units.append("serving")
    return units


# Measures whose grams per unit agree within this share are the same for a clinician.
SAME_WEIGHT = 0.02

# Units whose grams depend on the food's group or category (`convert_unit`'s food_group): a serving of
# no stated size, and a can or tin (a drink's is the drinks can).
# ... and a blank unit, which may take a single-serving package by its kind's reference amount.
GROUP_UNITS = frozenset({"serving", "can", "tin", "bowl", ""})
# Containers and vague portions: the words of the food's own measures that answer each, in order.
CONTAINER_MEASURES: dict[str, tuple[str, ...]] = {
    "can": ("can", "tin"),
    # The writer's UK word: a UK tin kept for the kind of food, else the can (`_tin`).
    "tin": ("can", "tin"),
    "bottle": ("bottle",),
    "glass": ("glass",),
    "mug": ("mug",),
    "bowl": ("bowl",),
    "pot": ("pot", "tub", "container", "carton"),
    # A packet is single-serve (a British packet of crisps is 25-40 g): never a food's multi-serving
    # "bag (8 oz)" of 227 g. A bag takes the food's own bag first.
    "packet": ("packet", "package", "pouch", "sachet"),
    "bag": ("bag", "packet", "package", "pouch", "sachet"),
    "handful": ("handful",),
    "serving": ("serving", "portion"),
    "sandwich": ("sandwich",),
    "slice": ("slice",),
    "strip": ("strip",),
    "piece": ("piece",),
    "plate": ("plate",),
}
# A measure named with one of these is a shop's pack, never the household container a log names:
# FNDDS corn flakes' "prepackaged bowl" (a 21 g single-serve tub) is not a bowl of cereal.
_SHOP_PACK_WORDS = frozenset({"prepackaged"})
# USDA's (FNDDS) weight for an amount nobody stated: the fallback for a serving or portion.
QUANTITY_NOT_SPECIFIED = "quantity not specified"
UNSTATED_SERVING = "a serving of unstated size: USDA's 'Quantity not specified'"
# A blank unit takes the food's first measure named by one of these (in this order): a food
# with none of them is not a counted food, and its blank unit is unresolved. A count word
# ("each", "piece") also takes one, or else the food's first count-like measure.
NATURAL_UNITS = (
    "medium", "whole", "each", "fruit", "item", "piece", "slice", "regular", "egg", "large", "small",
    "sandwich", "burrito", "taco", "bar", "patty", "link", "cookie", "muffin", "bagel", "roll",
    "biscuit", "cracker", "wafer", "pancake", "waffle", "tortilla",
)  # fmt: skip
# Measures never taken as a food's natural unit (containers, servings, sizes of a dish).
_NOT_NATURAL = {
    "serving", "package", "packet", "container", "jar", "can", "bottle", "bag", "pouch", "carton", "box",
    "quantity", "guideline", "pie", "pizza", "cake", "loaf", "cubic", "surface", "nlea", "portion",
}  # fmt: skip
# Measures of a food that each fit a blank unit and differ in weight by more than this share (of the
# lightest) make the item a range, as foods do (mgcheck.resolve.RANGE_SHARE).
PORTION_RANGE_SHARE = 0.25
# A measure named after its food is a blank unit's natural unit only from this weight: a lighter
# one is a piece ('1 peanut' = 1 g, '1 pine nut' 0.2 g), not what a person counts when writing no
# unit. From 5 g people do count them: '3 dates' (7.1 g each), cherries 8 g, figs and prunes 8 g,
# olives 5 g, FNDDS '1 nut' of Brazil nuts 5 g (the 43 foods this bound admits from 10 g down
# were listed and read; the pieces below were the ones nobody counts).
LEAST_NAMED_UNIT_G = 5.0
# Pieces under 10 g that are never a counted portion: '1 fry' of sweet potato fries (5 g), '1 chip'
# of shrimp chips, '1 puff' of potato puffs, '1 bean' of green beans ('1 puff' of crab puffs, 23 g, is).
_UNCOUNTED_PIECES = frozenset({"fry", "chip", "puff", "bean"})
_UNCOUNTED_PIECE_G = 10.0
# ... and up to this one: a heavier one is a whole bird or joint ('1 chicken' = 751 g, '0.5 goose'
# = 1,319 g), never one person's counted portion.
MOST_NAMED_UNIT_G = 400.0
# Words that say a measure is the typical size among several of one kind.
_TYPICAL_SIZE = ("medium", "regular")
_TYPICAL_SIZE_WORDS = frozenset(_TYPICAL_SIZE)
# Words that say only a size, as a unit ('large' Coke, 'small' fries).
_SIZE_WORDS = frozenset({"small", "medium", "large", "extra"})


@dataclass(frozen=True)
class PortionDefault:
    """A documented default for a container or vague portion the food has no measure of."""

    unit: str
    ml: float | None
    grams: float | None
    basis: str
    source: str
    cited_as: str  # the source in a few words, shown in the estimate's label: "FNDDS 2017-2018 beer"
    # Kinds of food, one of which must head the food's name: "wine" for a 750 ml bottle (not
    # "Vinegar, red wine"), "malt beverage" (its head and the words before it) for a beer's; a
    # kind is its singular words. Empty: any food.
    food_words: frozenset[tuple[str, ...]] = frozenset()
    # Only in place of the food's own measure of this unit that the table gives in part ("0.5 fillet",
    # "0.5 breast": its whole one is a side of a fish, both sides of a chicken), never for a food
    # without one ('chicken soup,1,breast' is unresolved).
    replaces_part: bool = False


@cache
def _all_portion_defaults() -> tuple[PortionDefault, ...]:
    """Every row of data/portion_defaults.csv (read once)."""
    from mgcheck.resources import records

    def number(value: object) -> float | None:
        return None if value is None or value != value or value == "" else float(str(value))

    return tuple(
        PortionDefault(
            canonical_unit(str(record["unit"])),
            number(record.get("ml")),
            number(record.get("grams")),
            str(record["basis"]),
            str(record["source"]),
            str(record["cited_as"]),
            _kinds(food_words if isinstance(food_words := record.get("food_words"), str) else ""),
            record.get("replaces_part") == "yes",
        )
        for record in records("portion_defaults.csv")
    )


def _kinds(text: str) -> frozenset[tuple[str, ...]]:
    """The kinds of food a default's food_words cell names, ';' between them: 'beer; malt beverage'."""
    kinds = (tuple(singular(word) for word in re.findall(r"[a-z]+", kind.lower())) for kind in text.split(";"))
    return frozenset(kind for kind in kinds if kind)


@cache
def portion_defaults() -> dict[str, PortionDefault]:
    """The defaults for any food (data/portion_defaults.csv rows without food words), by canonical unit."""
    return {default.unit: default for default in _all_portion_defaults() if not default.food_words}


def portion_default(unit: str, food_name: str = "") -> PortionDefault | None:
    """The default for `unit` of a food named `food_name`: one for that kind of food (a wine's
    750 ml bottle, a chocolate's square) before the one for any food.

    The kind is what heads the name (mgcheck.matching.head_phrase): "Vinegar, red wine" is a
    vinegar and "Milk, chocolate" a milk, so neither takes a wine bottle or a chocolate square;
    "Malt beverage, includes non-alcoholic beer" is a malt beverage.
    """
    # A bowl kept for a kind of food is a ready-to-eat cereal's, chosen by its group (`_cereal_bowl`), never by
    # its name's words: 'Cereals, oats, ..., cooked with water' is a bowl of porridge, 300 ml.
    kept = [d for d in _all_portion_defaults() if d.unit == unit and d.food_words and d.unit != "bowl"]
    if kept:
        from mgcheck.matching import head_phrase

        heads, qualifiers = head_phrase(food_name)
        head_words = {singular(word) for word in heads}
        named = head_words | {singular(word) for word in qualifiers}
        if unit != "can":
            # A kind's other words may stand anywhere in the name: "microwave popcorn" of "Snacks, popcorn,
            # oil-popped, microwave, ..." (its head is the kind's last word, as ever). A can's kinds keep
            # to the head and qualifiers: a condensed soup made up with water is no condensed soup's can
            # (`_can_default`, `_kept_tin` read a can's rows with their own rules).
            named |= {singular(word) for word in re.findall(r"[a-z]+", food_name.lower())}
        for default in kept:
            if any(kind[-1] in head_words and set(kind) <= named for kind in default.food_words):
                return default
    return portion_defaults().get(unit)


# Units whose default is a snack's single-serve pack as sold, and the words of a food as eaten cooked or
# made up with water, which such a pack is not (`convert_unit`).
_SNACK_PACKS = frozenset({"packet", "bag"})
_COOKED_OR_MADE_UP = re.compile(r"\b(cooked|boiled|prepared|made from|reconstituted)\b")
# A food the table names dry (stock cubes, soup powder, dry ramen, desiccated coconut) is no 400 g tin of
# a food with its liquid, unless the table's food is the one made from it ("..., prepared with water").
_DRY_WORDS = frozenset({"dry", "dried", "powder", "desiccated"})
_MADE_UP = re.compile(r"\b(prepared|made from|reconstituted)\b")


def ready_to_eat_cereal(food_name: str, food_group: str) -> bool:
    """Whether the food is a ready-to-eat breakfast cereal: an FNDDS 'Ready-to-eat cereal, ...' category, or
    an SR28 Breakfast Cereal whose name says ready-to-eat (never a hot cereal, cooked or dry)."""
    if food_group.lower().startswith("ready-to-eat cereal"):
        return True
    return food_group == "Breakfast Cereals" and "ready-to-eat" in food_name.lower()


def _cereal_bowl(food_measures: list[Measure], food_name: str, food_group: str) -> Conversion | None:
    """A bowl of a ready-to-eat cereal is one serving of the cereal, the milk logged apart: the food's own
    measure of one NLEA serving (SR28 WEETABIX's '2 biscuits (1 NLEA serving)' = 35 g), else the cereal
    makers' portion of data/portion_defaults.csv (granola or muesli 45 g, any other 30 g), never the 300 ml
    bowl of soup or porridge, which a dense cereal fills with 141 g (granola). None for any other food."""
    if not ready_to_eat_cereal(food_name, food_group):
        return None
    why = "a bowl of ready-to-eat cereal taken as one serving of the cereal; log the milk as an item of its own"
    nlea = [m for m in food_measures if "(1 nlea serving)" in m.describe().lower()]
    if nlea:
        return Conversion(
            nlea[0].grams, f"estimate: bowl = {nlea[0].describe()}", why, estimate=True, from_default=True
        )
    bowls = [d for d in _all_portion_defaults() if d.unit == "bowl" and d.food_words and d.grams is not None]
    words = {singular(word) for word in re.findall(r"[a-z]+", food_name.lower())}
    dense = next((d for d in bowls if any(set(kind) <= words for kind in d.food_words)), None)
    chosen = dense or next((d for d in bowls if ("ready", "to", "eat", "cereal") in d.food_words), None)
    if chosen is None or chosen.grams is None:
        return None
    return Conversion(
        chosen.grams,
        f"estimate: bowl = {_fmt(chosen.grams)} g ({chosen.basis}; {chosen.cited_as})",
        why,
        estimate=True,
        from_default=True,
    )


def _tinned(food_name: str) -> bool:
    """Whether the food is sold in a food tin: the table names it canned, or it is a soup, and not dry.
    A tin of anything else (raw apples, bread, bouillon powder, freeze-dried herbs) has no default: the
    item is unresolved."""
    from mgcheck.matching import head_phrase

    words = re.findall(r"[a-z]+", food_name.lower())
    said = " ".join(words)
    if not _DRY_WORDS.isdisjoint(words) and not _MADE_UP.search(said):
        return False
    canned = "canned" in words and "not canned" not in said
    return canned or "soup" in head_phrase(food_name)[0]


def _can_default(food_measures: list[Measure], food_name: str, food_group: str = "") -> PortionDefault | None:
    """The default can of a food without a can measure: a drink's is the 12 fl oz drinks can, a canned
    food's or a soup's the food tin; anything else (cheese, bread, raw apples) has none.

    Whether the food is a drink is its food group's or category's (`is_drink`: SR28 Beverages, fluid
    milks, juices; FNDDS's beverage categories), never a word of its name: sweetened condensed milk,
    canned coconut milk and canned fruit cocktail are canned foods, not drinks. Only a food of no group
    the bundled tables use (a clinic's own) is a drink by name or by being measured in fl oz."""
    drink = is_drink(food_name, food_group)
    drinks_can = next((d for d in _all_portion_defaults() if d.unit == "can" and d.food_words), None)
    if drink:
        return drinks_can
    if drink is None:
        kept = kept_default("can", food_name)
        if kept is not None:
            return kept
    if _tinned(food_name):
        return _kept_tin(food_name) or portion_defaults().get("can")
    if drink is None and measured_by_fluid_ounce(food_measures):
        return drinks_can
    return None


def _kept_tin(food_name: str) -> PortionDefault | None:
    """The tin kept for a kind of tinned food (data/portion_defaults.csv's can rows in grams with food words):
    a condensed soup's can is SR28's 10.75 oz can of 305 g, not the 400 g UK food tin. The kind's last word
    heads the name and its other words are anywhere in it ('Soup, chicken noodle, canned, condensed'); a food
    made up from it ('..., prepared with equal volume water') is what the tin makes, not the tin."""
    from mgcheck.matching import head_phrase

    words = [singular(word) for word in re.findall(r"[a-z]+", food_name.lower())]
    if _MADE_UP.search(" ".join(words)):
        return None
    heads = {singular(word) for word in head_phrase(food_name)[0]}
    tins = [d for d in _all_portion_defaults() if d.unit == "can" and d.grams is not None and d.food_words]
    return next((d for d in tins if any(k[-1] in heads and set(k) <= set(words) for k in d.food_words)), None)


def _uk_tin(food_name: str) -> PortionDefault | None:
    """The UK tin kept for a kind of food (data/portion_defaults.csv's tin rows: a tin of rice pudding is
    Ambrosia's 400 g), or None. As `_kept_tin`: the kind's last word heads the name and its other words are
    anywhere in it ('canned tuna' is 'Fish, tuna, light, canned in water, drained solids'); never a food the
    table names dry or made up from a mix."""
    from mgcheck.matching import head_phrase

    words = [singular(word) for word in re.findall(r"[a-z]+", food_name.lower())]
    if _MADE_UP.search(" ".join(words)) or not _DRY_WORDS.isdisjoint(words):
        return None
    heads = {singular(word) for word in head_phrase(food_name)[0]}
    tins = [d for d in _all_portion_defaults() if d.unit == "tin" and d.grams is not None and d.food_words]
    return next((d for d in tins if any(k[-1] in heads and set(k) <= set(words) for k in d.food_words)), None)


def _uk_pot(food_measures: list[Measure], food_name: str) -> Conversion | None:
    """A pot, the writer's UK word, of a yogurt is the UK single-serve yogurt pot of data/portion_defaults.csv
    (125 g), before the tables' US container (SR28 01116 '1 container (6 oz)' = 170 g); None for any other
    food (a dessert, houmous) or where no pot row is kept."""
    from mgcheck.matching import head_phrase

    if not {singular(word) for word in head_phrase(food_name)[0]} & {"yogurt", "yoghurt"}:
        return None
    pot = kept_default("pot", food_name)
    if pot is None or pot.grams is None:
        return None
    own = _by_words(CONTAINER_MEASURES["pot"], food_measures)
    why = f"'pot' taken as the UK yogurt pot, {_fmt(pot.grams)} g"
    why += f", not the table's {own[0].describe()} (a US pot); write grams to be exact" if own else ""
    return Conversion(
        pot.grams,
        f"estimate: UK pot = {_fmt(pot.grams)} g ({pot.basis}; {pot.cited_as})",
        why,
        estimate=True,
        from_default=True,
    )


def _tin(food_measures: list[Measure], food_name: str, food_group: str) -> Conversion:
    """A tin, the writer's UK word: the UK tin kept for the kind of food (`_uk_tin`), else what a can of the
    food is (`convert_unit`'s can). The food's own can in the USDA tables is a US can (SR28 rice pudding's
    '1 can (5 oz)' = 142 g, where a UK tin holds 400 g): taken, it is an estimate and the basis says so.
    Raises UnitError as a can would."""
    uk = _uk_tin(food_name)
    if uk is not None and uk.grams is not None:
        return Conversion(
            uk.grams,
            f"estimate: UK tin = {_fmt(uk.grams)} g ({uk.basis}; {uk.cited_as})",
            estimate=True,
            from_default=True,
        )
    try:
        can = convert_unit("can", food_measures, food_name, food_group)
    except UnitError as error:  # the message names the writer's word
        raise UnitError(str(error).replace("'can' is", "'tin' is", 1)) from None
    if can.from_default:
        return can
    own = can.basis.removeprefix("estimate: ")
    return dataclasses.replace(can, basis=f"estimate: tin taken as the table's US can, {own}", estimate=True)


@dataclass(frozen=True)
class ServingAmount:
    """A row of data/serving_amounts.csv: what a serving of one kind of food of a food group is."""

    food_group: str
    kinds: frozenset[tuple[str, ...]]  # one of them must be words of the food's name; empty: any food
    not_kinds: frozenset[tuple[str, ...]]  # none of them may be
    amount: float | None  # FDA's reference amount in `unit`; None: Table 2 gives none for this kind
    unit: str
    drink: bool  # drunk: a can of it is the 12 fl oz drinks can
    single_serving_bag: bool  # sold in single-serving bags: a blank unit of it is one, sized by FDA's rule
    category: str  # the Table 2 product category (or what the row covers)
    source: str


@cache
def _serving_amounts() -> dict[str, tuple[ServingAmount, ...]]:
    """data/serving_amounts.csv's rows by food group, in file order (read once)."""
    from mgcheck.resources import records

    by_group: dict[str, list[ServingAmount]] = {}
    for record in records("serving_amounts.csv"):

        def text(column: str, record: dict[str, object] = record) -> str:
            value = record.get(column)
            return value if isinstance(value, str) else ""

        amount = text("amount")
        by_group.setdefault(text("food_group"), []).append(
            ServingAmount(
                text("food_group"),
                _kinds(text("words")),
                _kinds(text("not_words")),
                parse_amount(amount) if amount else None,
                canonical_unit(text("unit")),
                text("drink") == "yes",
                text("single_serving_bag") == "yes",
                text("category"),
                text("source"),
            )
        )
    return {group: tuple(rows) for group, rows in by_group.items()}


def serving_amount(food_name: str, food_group: str) -> ServingAmount | None:
    """The first row of data/serving_amounts.csv for the food's group whose words its name holds (and none
    of whose not_words it holds), or None."""
    rows = _serving_amounts().get(food_group, ())
    if not rows:
        return None
    words = {singular(word) for word in re.findall(r"[a-z]+", food_name.lower())}
    for row in rows:
        if any(set(kind) <= words for kind in row.not_kinds):
            continue
        if not row.kinds or any(set(kind) <= words for kind in row.kinds):
            return row
    return None


@cache
def _table_groups() -> frozenset[str]:
    """The food groups (SR28) and WWEIA categories (FNDDS) of the bundled tables' foods."""
    from mgcheck.resources import bundled_foods

    return frozenset(bundled_foods()["food_group"].dropna().astype(str))


def is_drink(food_name: str, food_group: str) -> bool | None:
    """Whether the food is drunk, by its group or category (data/serving_amounts.csv's drink column);
    None for a food of no group the bundled tables use, whose group says nothing."""
    if not food_group or food_group not in _table_groups():
        return None
    row = serving_amount(food_name, food_group)
    return row is not None and row.drink


def kept_default(unit: str, food_name: str) -> PortionDefault | None:
    """The default of `unit` kept for the kind of food `food_name` is (a salmon's fillet, a chicken's
    breast), or None."""
    default = portion_default(unit, food_name)
    return default if default is not None and default.food_words else None


def _pick(candidates: list[Measure], unit: str, *, estimate: bool = False, why: str | None = None) -> Conversion:
    chosen = candidates[0]
    others = [m for m in candidates[1:] if not math.isclose(m.grams_per_one, chosen.grams_per_one, rel_tol=SAME_WEIGHT)]
    notes = [why] if why else []
    if others:
        listed = "; ".join(m.describe() for m in others[:3])
        notes.append(f"'{unit}' has several measures for this food; used {chosen.describe()} (others: {listed})")
    basis = ("estimate: " if estimate else "") + chosen.describe()
    return Conversion(chosen.grams_per_one, basis, "; ".join(notes) or None, estimate)


# A measure named by two one-word alternatives: "can or bottle", "cake or pie".
_TWO_ALTERNATIVES = re.compile(r"^([a-z]+) or ([a-z]+)$")


def _alternatives(full: str) -> tuple[str, ...]:
    """The two words of a measure named "X or Y" ("can or bottle" -> can, bottle); () for any other name."""
    found = _TWO_ALTERNATIVES.match(full)
    return found.groups() if found else ()


# What a measure's name says when it says nothing of its kind: FNDDS "NFS" and "NS as to size" ('1 egg, NS
# as to size' is an egg dish's plain egg).
_NOT_SAID = re.compile(r"\b(?:nfs|ns as to size)\b")
# Words that may stand before a unit to size it: "medium or regular slice", "small or thin/very thin slice".
_SIZING_WORDS = _SIZE_WORDS | {"or", "regular", "thin", "thick", "very"}


def _typical_sized_unit(measure: Measure, unit: str) -> bool:
    """Whether the measure is the unit in its typical size, written before it ("medium or regular slice")."""
    words, unit_words = measure.head.split(), unit.split()
    size = set(words[: -len(unit_words)])
    return (
        words[-len(unit_words) :] == unit_words and size <= _SIZING_WORDS and not size.isdisjoint(_TYPICAL_SIZE_WORDS)
    )


def _usual_first(named: list[Measure], food_measures: list[Measure]) -> list[Measure]:
    """`named` with the measures that weigh USDA's "Quantity not specified" (the usual portion) first;
    for a unit named both alone and as one of two alternatives ("bottle", "can or bottle").

    FNDDS beer has "can or bottle (12 fl oz)" = 360 g, "(16 fl oz)" = 480 g and "bottle (40 fl oz)"
    = 1200 g; its unstated amount is 360 g: a bottle of beer is the 12 fl oz one, not the 40.
    """
    usual = {m.grams_per_one for m in food_measures if m.full == QUANTITY_NOT_SPECIFIED}
    return sorted(named, key=lambda m: m.grams_per_one not in usual)


def _plain_or_typical_first(by_head: list[Measure], unit: str, food_measures: list[Measure]) -> list[Measure]:
    """The measures headed by the unit, the plain one ('stalk', 'piece, NFS') first, then a typical size
    ('stalk, medium'), then the rest in table order: celery's 'stalk' was its first, '1 stalk, large
    (11"-12" long)' = 64 g, not the 40 g medium one."""
    said_of = [set(_NOT_SAID.sub(" ", m.full.replace(",", " ")).split()) for m in by_head]
    plain = [m for m, said in zip(by_head, said_of, strict=True) if said == set(unit.split())]
    typical = [
        m for m, said in zip(by_head, said_of, strict=True) if m not in plain and not said.isdisjoint(_TYPICAL_SIZE)
    ]
    if not plain and not typical:
        # The unit's typical size written before it ('medium or regular slice') comes before a unit said of one
        # case: FNDDS French bread's slice is its 64 g 'medium or regular slice', not its first '1 slice, crust
        # not eaten' (31 g).
        typical = [m for m in food_measures if _typical_sized_unit(m, unit)]
    return plain + typical + [m for m in by_head if m not in plain and m not in typical]


def _named(unit: str, food_measures: list[Measure]) -> list[Measure]:
    """The food's measures the unit names, best first (rule 2); [] when none does."""
    flat_unit = unit.replace(",", "")
    # A measure of exactly one unit before a multiple or share of it: Frosted Flakes' cup is its '1 cup'
    # (42 g), not its '0.75 cup (1 NLEA serving)' (30 g) scaled to 40 g; a crackers' '1 cracker', not '10
    # crackers (1 NLEA serving)' divided.
    exact = sorted((m for m in food_measures if m.full.replace(",", "") == flat_unit), key=lambda m: m.amount != 1)
    if not any(m.amount == 1 for m in exact):
        # Nor is a share of the unit taken before one unit said of one case: a pancake mix's cup is its '1 cup,
        # poured from box' (130 g), not its '0.333 cup' tripled (156 g); broccoli's its '1 cup chopped' (91 g),
        # not its '0.5 cup, chopped or diced' doubled (88 g).
        # Only over shares: '10 crackers (1 NLEA serving)' is ten of the plain cracker, not one of the first
        # measure of one ('1 cracker, round large', 10 g for saltines' 3 g).
        ones = [m for m in food_measures if m.head == flat_unit and m.amount == 1]
        if exact and ones and all(m.amount < 1 for m in exact):
            return _plain_or_typical_first(ones, unit, food_measures) + exact
        if not exact and not ones:
            whole = [
                m
                for m in food_measures
                if m.amount == 1 and m.volume_unit == flat_unit and m.head.startswith(flat_unit + " ")
            ]
            if whole:
                return whole + [m for m in food_measures if m.head == flat_unit]
    if exact:
        either = [m for m in food_measures if unit in _alternatives(m.full)]
        return _usual_first(exact + either, food_measures) if either else exact
    by_head = [m for m in food_measures if m.head == unit]
    if by_head:
        return _plain_or_typical_first(by_head, unit, food_measures)
    words = set(flat_unit.split())
    first_word = flat_unit.split()[0]
    qualified = [
        m for m in food_measures if m.head.split()[0] == first_word and words <= set(m.full.replace(",", "").split())
    ]
    if qualified:  # 'serving small', 'serving medium', 'serving large': the typical size first
        return sorted(qualified, key=lambda m: _TYPICAL_SIZE_WORDS.isdisjoint(m.full.replace(",", " ").split()))
    # A size alone ('large') names a measure of that size with a stated volume too: SR28 diet cola's 'serving
    # large 32 fl oz' is its large (but no volume measure's size: 'cup large chips' is no large chocolate).
    # Any other word names only a measure of no volume.
    within = [
        m
        for m in food_measures
        if m.volume_ml is None and words <= set(m.head.split()) and (words & _SHOP_PACK_WORDS or not _shop_pack(m))
    ]
    if words <= _SIZE_WORDS:
        return _sized(words, food_measures) or within
    # The unit in its typical size first: FNDDS sunflower bread's slice is its 'medium or regular slice' (28 g),
    # not its first, 'small or thin/very thin slice' (24 g).
    return sorted(within, key=lambda m: not _typical_sized_unit(m, flat_unit))


# What a food's name says of its skin, and what a piece's measure says: SR28 05073 'drumstick, meat only' measures
# '1 drumstick without skin' = 96 g and '1 drumstick with skin' = 105 g; its drumstick is the one without.
_WITHOUT_SKIN = ("meat only", "without skin", "skinless", "skin not eaten", "skin removed")
_WITH_SKIN = ("meat and skin", "with skin", "skin eaten")


def _skin(text: str) -> bool | None:
    """Whether a name or measure says the skin is there (True), is not (False), or says neither (None)."""
    flat = " ".join(re.findall(r"[a-z]+", text.lower()))
    if any(said in flat for said in _WITHOUT_SKIN):
        return False
    return True if any(said in flat for said in _WITH_SKIN) else None


def _piece_by_name(unit: str, named: list[Measure], food_name: str) -> Conversion | None:
    """One piece ('drumstick') of a food that measures it several ways, with and without skin: the one its
    name agrees with ('meat only': without skin), an estimate, with the range of them all when the heaviest
    weighs more than PORTION_RANGE_SHARE over the lightest. None unless each measure is one of that piece
    saying whether its skin is on."""
    if len(named) < 2 or any(
        m.amount != 1 or m.head == unit or m.head.split()[0] != unit or _skin(m.full) is None for m in named
    ):
        return None
    said = _skin(food_name)
    chosen = next((m for m in named if _skin(m.full) == said), named[0])
    others = "; ".join(m.describe() for m in named if m is not chosen)
    agrees = f"the food's name says {'with' if said else 'without'} skin" if said is not None else "listed first"
    why = f" ({agrees}; also {others})"
    lightest, heaviest = min(m.grams_per_one for m in named), max(m.grams_per_one for m in named)
    ranged = (lightest, heaviest) if heaviest > (1.0 + PORTION_RANGE_SHARE) * lightest else None
    return Conversion(
        chosen.grams_per_one,
        f"estimate: {chosen.describe()}{why}",
        f"'{unit}' taken as {chosen.describe()}{why}; write grams to be exact",
        estimate=True,
        grams_range=ranged,
    )


# A piece under this share of the food's own portion is a bite, not what a blank unit counts: FNDDS
# nachos' '1 nacho' (7 g) is 4% of their unstated-amount serving (198 g); a rice cake (9 g) is 30% of
# FDA's 30 g for snacks. A piece over _SINGLE_SERVING_SHARE times it is a whole (a 340 g pound cake).
_LEAST_PIECE_SHARE = 0.1


def own_serving_g(food_measures: list[Measure], food_name: str, food_group: str) -> float | None:
    """The food's own serving in grams: its FNDDS 'Quantity not specified', else FDA's reference amount by
    weight (data/serving_amounts.csv); None when it has neither."""
    portions = [m.grams_per_one for m in food_measures if m.full == QUANTITY_NOT_SPECIFIED]
    if portions:
        return portions[0]
    row = serving_amount(food_name, food_group)
    if row is not None and row.amount is not None and row.unit in MASS_G:
        return row.amount * MASS_G[row.unit]
    return None


def piece_named_by_head(head: str, food_measures: list[Measure], food_name: str, food_group: str) -> str | None:
    """The unit of a blank unit whose text's head noun (`matching.text_head_noun`: 'cake' of 'rice cakes')
    names one of the food's own measures, one piece the person counts: '1 cake' = 9 g of SR28 rice cakes.

    Only a measure of exactly that noun ('1 cake', '1 pie (5" x 3-3/4")', not '1 cake or patty', '1 juice
    box/pouch'), of one, with no volume, of LEAST_NAMED_UNIT_G-MOST_NAMED_UNIT_G (never a small fry or
    chip), and a portion of the food: from a tenth of its own serving (FNDDS 'Quantity not specified', or
    else FDA's reference amount by weight, data/serving_amounts.csv) to twice it; a food with neither is bounded
    only by LEAST_NAMED_UNIT_G-MOST_NAMED_UNIT_G. The noun is the one the
    person wrote, so a part the food's name says ('cooked in skin', 'leaf') is never taken for a whole
    food. None when no measure is."""
    serving = own_serving_g(food_measures, food_name, food_group)
    portions = [] if serving is None else [serving]
    named = [
        m
        for m in food_measures
        if m.amount == 1
        and m.volume_ml is None
        and m.head == head
        and (head not in _UNCOUNTED_PIECES or m.grams >= _UNCOUNTED_PIECE_G)
        and LEAST_NAMED_UNIT_G <= m.grams_per_one <= MOST_NAMED_UNIT_G
        and all(_LEAST_PIECE_SHARE * p <= m.grams_per_one <= _SINGLE_SERVING_SHARE * p for p in portions[:1])
    ]
    return head if named else None


# A count of several small pieces with a blank unit ('almonds,10,', 'brazil nuts,3,'): below this the
# count may as well be a number of portions ('almonds,1,' stays refused, with the units it takes).
LEAST_PIECE_COUNT = 3
# What a nut or seed's pieces are called in its measures ('1 kernel', '10 nuts', a pecan's or walnut's
# half counted in '1 oz (19 halves)': `pieces_stated`), whatever the text's noun.
_NUT_PIECES = frozenset({"kernel", "nut", "half"})
_NUT_GROUPS = frozenset({"Nut and Seed Products", "Legumes and Legume Products"})


class CountedPiece(NamedTuple):
    """The piece a blank unit's count counts (`counted_piece`)."""

    unit: str
    grams: float  # of one piece
    serving_g: float | None  # the food's own serving, which bounds the total (None: none known)


def counted_piece(head: str, food_measures: list[Measure], food_name: str, food_group: str) -> CountedPiece | None:
    """The piece a blank unit counts when the amount is a count of several (LEAST_PIECE_COUNT or more):
    the food's own measure of pieces that the text's head noun names ('almond' of 'almonds': '1 almond' =
    1.2 g; 'grape' of 'grapes': '10 grapes' = 49 g, 4.9 g each; 'berry' of 'blueberries': '50 berries' =
    68 g), or a nut's '1 kernel' or '10 nuts' ('brazil nuts': '1 kernel' = 5 g). With no volume; the
    smallest piece when several are (a guess never raises an intake). Returns the
    unit, the grams of one piece and the food's serving in grams (FNDDS 'Quantity not specified', else
    FDA's reference amount by weight; None when neither) that bounds the total (`counted_totals_ok`)."""
    nut = food_group in _NUT_GROUPS and "nut" in food_name.lower()
    pieces = [
        m
        for m in food_measures
        if m.volume_ml is None
        and m.amount >= 1
        and (m.head == head or _compound_of(head, m.head) or (nut and m.head in _NUT_PIECES))
    ]
    if not pieces:
        return None
    # The food's own measure of a piece before one read from another's count ('10 nuts' of hazelnuts, not
    # the kernel of '1 oz (21 whole kernels)').
    pieces = [m for m in pieces if m.counted_in is None] or pieces
    piece = min(pieces, key=lambda m: m.grams_per_one)
    return CountedPiece(piece.head, piece.grams_per_one, own_serving_g(food_measures, food_name, food_group))


def _compound_of(head: str, piece: str) -> bool:
    """Whether the text's noun is a compound ending in the measure's piece: a blueberry is a berry ('50
    berries = 68 g' of blueberries); a piece of at least four letters, so a short ending ('ea') is none."""
    return len(piece) >= 4 and " " not in piece and head.endswith(piece) and head != piece


def counted_totals_ok(counts: np.ndarray, piece_g: np.ndarray, serving_g: np.ndarray) -> np.ndarray:
    """Per row, whether `counts` pieces of `piece_g` read as a count of pieces: a whole number of at least
    LEAST_PIECE_COUNT, weighing at most twice the serving (MOST_NAMED_UNIT_G where the serving is NaN,
    unknown). A few small pieces are as the person counted them ('blueberries,10,' is 13.6 g);
    'almonds,100,' (120 g, over twice a 28 g serving) may be grams: refused, not guessed. A row with no
    piece (NaN) is never one."""
    import numpy as np

    bound = np.where(np.isnan(serving_g), MOST_NAMED_UNIT_G, _SINGLE_SERVING_SHARE * serving_g)
    with np.errstate(invalid="ignore"):
        taken: np.ndarray = (counts >= LEAST_PIECE_COUNT) & (np.floor(counts) == counts) & (counts * piece_g <= bound)
    return taken


# A pack's size is no size of the food: cream cheese's 'package, small (3 oz)' is no small cream cheese.
_CONTAINER_WORDS = frozenset(_NOT_NATURAL - {"serving", "portion"})


def _sized(words: set[str], food_measures: list[Measure]) -> list[Measure]:
    """The measures a size written alone names ('large'): those whose name says that size ('large drink',
    'drink, large (32 fl oz)', 'serving large 32 fl oz'), that exact size first ('large' before 'extra
    large'); never a volume's or a pack's size ('cup, large chips' of chocolate is no large chocolate)."""
    said = [
        m
        for m in food_measures
        if words <= set(m.full.replace(",", " ").split())
        and not _names_a_volume(m)
        and m.head.split()[0] not in VOLUME_ML
        and not _shop_pack(m)
        and _CONTAINER_WORDS.isdisjoint(m.head.split())
    ]
    return sorted(said, key=lambda m: _SIZE_WORDS.intersection(m.full.replace(",", " ").split()) != words)


def _shop_pack(measure: Measure) -> bool:
    """Whether the measure is a shop's pack ('prepackaged bowl'), not a household container."""
    return not _SHOP_PACK_WORDS.isdisjoint(measure.head.split())


def _fills_a_volume(measure: Measure, word: str) -> bool:
    """Whether the word names what fills a volume measure, not the measure: SR28 apples' 'cup slices'
    (109 g) is a cupful of slices, so 'apple,3,slices' is no 3 cups, nor 'walnuts,5,pieces' 5 × 'cup
    pieces or chips' (600 g). A word joined to the volume by 'or' stays a measure of its own: sugar's
    '1 tsp or 1 packet' is a packet."""
    words = measure.head.split()
    if measure.volume_unit is None or " ".join(words[: len(measure.volume_unit.split())]) != measure.volume_unit:
        return False
    rest = words[len(measure.volume_unit.split()) :]
    return word in rest and not (rest and rest[0] == "or")


def _by_words(words: tuple[str, ...], food_measures: list[Measure]) -> list[Measure]:
    """Measures whose name holds one of `words` (in that order of preference); plain or typical sizes first."""
    household = [m for m in food_measures if not _shop_pack(m)]
    for word in words:
        found = [m for m in household if (word in m.head.split() and not _fills_a_volume(m, word)) or m.head == word]
        if found:
            found.sort(key=lambda m: (m.head != word, not any(size in m.head.split() for size in _TYPICAL_SIZE), m.seq))
            return found
    return []


# Units a log means as one person's single-serve bag or packet.
_SINGLE_SERVE_UNITS = frozenset({"bag", "packet"})
# A bag or package measure that states this many ounces or more is what a shop sells ('bag (8 oz)' of
# potato chips, 227 g), not what a log means by 'a bag'; one that yields a prepared food is kept.
_MULTI_SERVING_OZ = 4.0
_STATED_OZ = re.compile(r"(\d+(?:\.\d+)?)\s*oz\b")


def _multi_serving(measure: Measure) -> bool:
    """Whether a bag or package measure states a shop's multi-serving size: '(8 oz)', not 'yields'."""
    description = measure.description.lower()
    stated = _STATED_OZ.search(description)
    if stated is None or any(word in description for word in ("yield", "prepared", "single", "serving")):
        return False
    return float(stated.group(1)) >= _MULTI_SERVING_OZ


def _plain_or_typical(measure: Measure, word: str) -> bool:
    """'bar', 'piece, NFS' or 'slice, regular', not 'bar, miniature' or 'slice, large'."""
    words = set(measure.full.replace(",", " ").split()) - {"nfs"}
    return words == {word} or bool(words & _TYPICAL_SIZE_WORDS)


def natural_unit(food_measures: list[Measure], *, any_count: bool = False, food_name: str = "") -> Measure | None:
    """The food's natural unit: its first measure named in NATURAL_UNITS (in that order), or else
    one named by a word of the food's own name (FNDDS 'Crumpet' has '1 crumpet', 'Samosa' '1 samosa').

    With `any_count` (a count word such as 'each' was written) a food without one takes its
    first count-like measure instead.
    """
    countable = [
        m
        for m in food_measures
        if m.volume_ml is None
        and m.head not in MASS_G
        and m.head not in VOLUME_ML  # 'cup, in shell, edible yield (7 nuts)' is a cupful, of no stated volume
        and not (set(m.head.split()) & _NOT_NATURAL)
    ]
    for word in NATURAL_UNITS:
        # A serving the table says is one of them, of a stated weight, is a plain one: SR28 MILKY WAY's
        # 'serving 2.05 oz bar' (not a size: fries' 'serving medium' is no counted fry).
        served = [
            m
            for m in food_measures
            if m.volume_ml is None and m.head == f"serving {word}" and word not in _SIZE_WORDS and _states_its_weight(m)
        ]
        found = [measure for measure in countable if word in measure.head.split()] + served
        if found and word == "piece" and not any(_SHARE.search(m.description) for m in found):
            # A piece is a cut of something; a measure the food's own name calls it is the thing itself:
            # SR28 'Fish, fish sticks, ...' lists 'piece (4" x 2" x 1/2")' = 57 g before 'stick' = 28 g. A
            # piece that is a share of the whole ('piece (1/8 of 9" crust)', a naan's quarter) is a portion.
            itself = _named_by_food(countable, food_name, segments=True)
            if itself is not None:
                return itself
        if found:
            # The plain measure ('bar (1.55 oz)', 'slice', 'pancake') before a size of it that
            # USDA lists first ('bar, miniature', 'cracker-size slice', 'miniature/bite size pancake').
            def rank(m: Measure, word: str = word, served: list[Measure] = served) -> tuple[bool, bool]:
                if m in served:
                    return False, False
                return m.head != word, not _plain_or_typical(m, word)

            best = [m for m in found if rank(m) == min(map(rank, found))]
            return _middle(best, word) or min(best, key=lambda m: m.seq)
    # The measure must say the food's whole head or its last word ('Crumpet', 'Brussels sprouts'),
    # not another word ('1 roast' of 'Beef, ...'), count one (not '0.5 chicken'), and weigh a portion,
    # not a piece ('1 chip' of 'Potato chips' = 1 g).
    named = _named_by_food(countable, food_name)
    if named is not None:
        return named
    # The food's own count-like measure first, then a piece another measure counts (`pieces_stated`).
    countable.sort(key=lambda m: m.counted_in is not None)
    return countable[0] if countable and any_count else None


# The measures that are a part of a big food, in the order a 'piece' of it takes them.
_PARTS_OF_A_WHOLE = ("wedge", "slice", "piece", "chunk")


def _part_of_a_whole(food_measures: list[Measure]) -> Measure | None:
    """A food's own part for 'piece' when its one is too big to be a portion: its wedge (a melon's), else
    its slice (a pineapple's), piece or chunk, one of it weighing a portion; the typical size first."""
    for word in _PARTS_OF_A_WHOLE:
        parts = [m for m in _named(word, food_measures) if m.amount == 1 and m.grams_per_one <= MOST_NAMED_UNIT_G]
        if parts:
            return parts[0]
    return None


def _named_by_food(countable: list[Measure], food_name: str, *, segments: bool = False) -> Measure | None:
    """The countable measure named by the food's head ('Crumpet', 'Brussels sprouts') or its head's last
    word; with `segments`, by any comma-separated part of the name or its last word ('fish sticks' of
    'Fish, fish sticks, frozen, prepared'). Counted one at a time and weighing a portion, not a piece."""
    parts = food_name.lower().split(",") if segments else food_name.lower().split(",", 1)[:1]
    heads = [[singular(word) for word in re.findall(r"[a-z]+", part)] for part in parts]
    said = [words for head in heads if head for words in (head, head[-1:])]
    named = [
        m
        for m in countable
        if m.head.split() in said
        and (m.head not in _UNCOUNTED_PIECES or m.grams >= _UNCOUNTED_PIECE_G)
        and m.amount == 1
        and LEAST_NAMED_UNIT_G <= m.grams <= MOST_NAMED_UNIT_G
    ]
    if not named:
        return None
    return min(
        named,
        key=lambda m: (m.full != m.head, _TYPICAL_SIZE_WORDS.isdisjoint(m.full.replace(",", " ").split()), m.seq),
    )


# A weight stated of something bigger than the measure: '1/6 of 17 oz cake', '10 per 8 oz package'.
_SHARE = re.compile(r"\b(of|per)\b", re.IGNORECASE)


def _states_its_weight(measure: Measure) -> bool:
    """Whether the measure's description states what one weighs ('bar (.8 oz)', 'bar 1.45 oz'), as a pack
    sold by weight does; not a size ('pancake (4" dia)') nor a share of something bigger ('1/6 of 17 oz cake',
    '10 per 8 oz package')."""
    stated = _stated_quantity(measure.description)
    return stated is not None and stated[1] in MASS_G and not _SHARE.search(measure.description)


def _middle(candidates: list[Measure], word: str) -> Measure | None:
    """Of several measures of one count that name only `word` ('bar (.8 oz)', 'bar (1.9 oz)': nothing but
    its weight stated) and differ in weight, the middle one by weight (the lighter of two middles: a guess
    never raises an intake); None
    when any candidate says more (a size, a shape, 'raw'), states no weight or counts more than one.

    FNDDS MILKY WAY Bar lists 'bar (.8 oz)' = 23 g (a fun-size bar the table does not call one), 'bar
    (1.9 oz)' = 54 g and 'bar (2.1 oz)' = 60 g: one bar is the 54 g bar, not the first listed; SR28 KIT
    KAT's 'bar (1.5 oz)' and 'bar (2.8 oz)' give 42 g. A size the table names (fun size, miniature, king
    size) is no plain measure and never counted here."""
    if len(candidates) < 2 or any(m.full != word or m.amount != 1 or not _states_its_weight(m) for m in candidates):
        return None
    weights = sorted(candidates, key=lambda m: (m.grams_per_one, m.seq))
    if math.isclose(weights[0].grams_per_one, weights[-1].grams_per_one, rel_tol=SAME_WEIGHT):
        return None
    return weights[(len(weights) - 1) // 2]


def _density(food_measures: list[Measure], unit: str = "") -> tuple[float, Measure] | None:
    """g/ml of a food from its own volume measures, with the measure used.

    A measure written in the requested unit comes first ("serving 2 tbsp" for tbsp), then a
    plain cup, fl oz, tbsp, tsp, then measures that state a volume ("can 8.4 fl oz").
    """
    volume = [m for m in food_measures if m.volume_ml]
    if not volume:
        return None
    rank = {name: index for index, name in enumerate(DENSITY_ORDER)}
    volume.sort(key=lambda m: (m.volume_unit != unit, m.full != m.head, rank.get(m.head, len(rank)), m.seq))
    chosen = volume[0]
    assert chosen.volume_ml is not None
    return chosen.grams_per_one / chosen.volume_ml, chosen


def measured_by_fluid_ounce(food_measures: list[Measure]) -> bool:
    """Whether the table measures this food by the fluid ounce ('fl oz = 31 g'): a drink, juice, milk,
    cream or soup, whose 'oz' on a US label or in a US log is the fluid ounce, not the ounce of weight."""
    return any(measure.head.startswith("fl oz") for measure in food_measures)


@dataclass(frozen=True)
class RegionalMeasure:
    """A row of data/regional_measures.csv: one unit's size in one region's household measures."""

    measures: str  # "uk", "au"
    unit: str  # canonical: "pint", "can", "cup", "tbsp"
    ml: float
    basis: str
    source: str
    cited_as: str


@cache
def _regional_measures() -> dict[tuple[str, str], RegionalMeasure]:
    """data/regional_measures.csv's rows by (measures, unit) (read once)."""
    from mgcheck.resources import records

    return {
        (str(record["measures"]), canonical_unit(str(record["unit"]))): RegionalMeasure(
            str(record["measures"]),
            canonical_unit(str(record["unit"])),
            float(record["ml"]),
            str(record["basis"]),
            str(record["source"]),
            str(record["cited_as"]),
        )
        for record in records("regional_measures.csv")
    }


def _regional(unit: str, food_measures: list[Measure], food_name: str, food_group: str) -> Conversion | None:
    """`unit` in the household measures MEASURES names, where they differ from the US ones: its size in ml
    times the food's own density (`--measures uk`: a pint of milk is 568 ml, not the US 473 ml). A can is a
    region's drinks can only for a drink (its food group's, else measured by the fluid ounce); a food tin keeps
    its own rules. None where the region's size is the US one, or the food has no volume to weigh it by."""
    measures = MEASURES.get()
    row = _regional_measures().get((measures, unit)) if measures != "us" else None
    if row is None:
        return None
    if unit == "can":
        drink = is_drink(food_name, food_group)
        if not (drink or (drink is None and measured_by_fluid_ounce(food_measures))):
            return None
    density = _density(food_measures, unit if unit in VOLUME_ML else "")
    if density is None:
        return None
    per_ml, basis_measure = density
    estimate = unit not in VOLUME_ML  # a pint or a can is a container's size; a cup or spoon a measure
    label = f"{MEASURES_NAMES[measures]} {unit}"
    return Conversion(
        row.ml * per_ml,
        f"{'estimate: ' if estimate else ''}1 {label} = {_fmt(row.ml)} ml ({row.cited_as}; --measures {measures}) "
        f"x {per_ml:.4g} g/ml (from {basis_measure.describe()})",
        estimate=estimate,
        from_default=estimate,
    )


def convert_unit(unit: str, food_measures: list[Measure], food_name: str = "", food_group: str = "") -> Conversion:
    """Grams in one `unit` (already canonical) of a food with these measures. Raises UnitError.

    `food_name` (the table's name of the food) chooses a default kept for one kind of food (a
    wine's bottle, a chocolate's square) over the default for any food; `food_group` (its SR28 food
    group or FNDDS WWEIA category) chooses the serving of a food without one of its own and whether a
    can of it is a drinks can.
    """
    if unit == "oz" and measured_by_fluid_ounce(food_measures):
        fluid = convert_unit("fl oz", food_measures, food_name, food_group)
        # What the writer meant by 'oz' is assumed, so the grams are an estimate however exact the fl oz.
        return Conversion(
            fluid.grams_per_unit,
            f"oz read as fl oz (a liquid measured in fl oz): {fluid.basis}",
            f"'oz' of a liquid read as fluid ounces ({fluid.basis}); write 'fl oz', or g for a weight",
            estimate=True,
            from_default=fluid.from_default,
        )
    if unit in MASS_G:
        return Conversion(MASS_G[unit], f"1 {unit} = {MASS_G[unit]:.4g} g")
    regional = _regional(unit, food_measures, food_name, food_group)
    if regional is not None:
        return regional
    if unit == "tin":
        return _tin(food_measures, food_name, food_group)
    if unit in _SINGLE_SERVE_UNITS:
        shop_sizes = [m for m in _by_words(CONTAINER_MEASURES[unit], food_measures) if _multi_serving(m)]
        if shop_sizes:
            food_measures = [m for m in food_measures if m not in shop_sizes]
            single = convert_unit(unit, food_measures, food_name, food_group)
            if single.from_default:
                why = f"'{unit}' taken as a default {unit}, not the food's own {shop_sizes[0].describe()}"
                return dataclasses.replace(single, note=f"{why} (a shop's multi-serving bag); write grams to be exact")
            return single
    if unit.replace(",", "").strip():
        named = _named(unit, food_measures)
        if unit in VOLUME_ML:  # "cup" never names a 12 fl oz drinks cup nor a "serving 1/2 cup"
            named = [
                m for m in named if m.volume_ml and math.isclose(m.volume_ml, VOLUME_ML[unit], rel_tol=SAME_WEIGHT)
            ]
        if named:
            if all(m.full == QUANTITY_NOT_SPECIFIED for m in named):  # USDA's name typed as the unit
                return _pick(named, unit, estimate=True, why=UNSTATED_SERVING)
            kept = kept_default(unit, food_name)
            # Only the plain measure ('0.5 fillet', '0.5 breast, bone removed'), never a dish's '0.5
            # chicken breast with sauce', whose sauce the default would drop.
            if kept is not None and kept.grams is not None and all(m.amount < 1 and m.head == unit for m in named):
                whole = named[0]
                why = (
                    f"'{unit}' taken as a default {unit} of {_fmt(kept.grams)} g, not the table's whole {unit} of "
                    f"{_fmt(whole.grams_per_one)} g ({whole.describe()}: USDA's own portion is a part of one)"
                )
                return Conversion(
                    kept.grams,
                    f"estimate: default {unit} = {_fmt(kept.grams)} g ({kept.basis}; {kept.cited_as})",
                    why,
                    estimate=True,
                    from_default=True,
                )
            piece = _piece_by_name(unit, named, food_name)
            if piece is not None:
                return piece
            return _pick(_kept_natural_first(named, food_name), unit)
    if unit in VOLUME_ML:
        density = _density(food_measures, unit)
        if density is not None:
            per_ml, basis_measure = density
            return Conversion(
                VOLUME_ML[unit] * per_ml,
                f"1 {unit} = {VOLUME_ML[unit]:.4g} ml x {per_ml:.4g} g/ml (from {basis_measure.describe()})",
            )
    if unit == "pot":
        uk_pot = _uk_pot(food_measures, food_name)
        if uk_pot is not None:
            return uk_pot
    if unit == "bowl":
        cereal = _cereal_bowl(food_measures, food_name, food_group)
        if cereal is not None:
            return cereal
    if unit in CONTAINER_MEASURES:
        own = _by_words(CONTAINER_MEASURES[unit], food_measures)
        if not own and unit == "strip" and "bacon" in re.findall(r"[a-z]+", food_name.lower()):
            # A strip of bacon is a slice of it (a rasher): 'bacon,4,strips' was meatless bacon's strip. Only
            # bacon: a strip of onion or watermelon is no slice of it.
            own = _by_words(("slice",), food_measures)
        if own:
            return _pick(own, unit)
        if unit == "glass":  # the default glass is USDA's beverage measure: the drink's own serving comes first
            served = [m for m in _by_words(CONTAINER_MEASURES["serving"], food_measures) if m.volume_ml]
            if served:
                return _pick(served, unit, estimate=True, why=f"a glass taken as the food's own {served[0].describe()}")
        if unit == "plate":  # a plateful is a serving of a dish: the food's own serving, as an estimate
            served = _by_words(CONTAINER_MEASURES["serving"], food_measures)
            if served:
                return _pick(served, unit, estimate=True, why=f"a plate taken as {served[0].describe()}")
        if unit in ("serving", "plate"):
            unstated = [m for m in food_measures if m.full == QUANTITY_NOT_SPECIFIED]
            if unstated:
                why = UNSTATED_SERVING if unit == "serving" else f"a plate taken as {UNSTATED_SERVING}"
                return _pick(unstated, unit, estimate=True, why=why)
        if unit == "serving":
            no_size = _serving_of_no_size(food_measures, food_name, food_group)
            if no_size is not None:
                return no_size
    if unit == "":
        kept_unit = _kept_natural_unit(food_measures, food_name)
        if kept_unit is not None:
            return kept_unit
    if unit in COUNT_WORDS:
        # A count word counts what a blank unit would: 'roast potatoes,4,pieces' is four roast potatoes of the
        # kept 60 g, not four whole 170 g potatoes; a kept measure of several (popcorn chicken's 10 pieces) is none.
        kept_unit = _kept_natural_unit(food_measures, food_name, single=True)
        if kept_unit is not None and kept_unit.note is not None:
            note = kept_unit.note.replace("a blank unit", f"'{unit}'", 1)
            return dataclasses.replace(kept_unit, note=note, pack=None)
    if unit in COUNT_WORDS or unit == "":
        chosen = natural_unit(food_measures, any_count=unit in COUNT_WORDS, food_name=food_name)
        if unit == "piece" and chosen is not None and chosen.grams_per_one > MOST_NAMED_UNIT_G:
            # A piece is a cut of a food whose one is too big for a portion: 'watermelon,1,piece' was the
            # whole 4.5 kg melon. Its wedge or slice, or no reading (a piece of cabbage is not said).
            part = _part_of_a_whole(food_measures)
            if part is not None:
                return Conversion(
                    part.grams_per_one,
                    f"estimate: {part.describe()}",
                    f"'piece' taken as {part.describe()}, a part of it (its whole, {chosen.describe()}, is no piece); "
                    "write the measure to be exact",
                    estimate=True,
                )
            chosen = None
        if chosen is not None:
            shown = f"'{unit}'" if unit else "a blank unit"
            # Chosen as the middle of several (`_middle`): every measure named as it is, with its weight stated.
            alike = [m for m in food_measures if m.full == chosen.full and m.head == chosen.head]
            middle = chosen.full in NATURAL_UNITS and _middle(alike, chosen.full) is chosen
            others = [m for m in alike if m is not chosen] if middle else []
            among = f" (the middle by weight of its '{chosen.full}' measures; others: " if others else ""
            among += "; ".join(m.describe() for m in others) + ")" if others else ""
            return Conversion(
                chosen.grams_per_one,
                f"estimate: {chosen.describe()}",
                f"{shown} taken as {chosen.describe()}{among}; write the measure to be exact",
                estimate=True,
            )
    if unit == "":
        package = _single_serving_package(food_measures, food_name, food_group)
        if package is not None:
            return package
    default = _can_default(food_measures, food_name, food_group) if unit == "can" else portion_default(unit, food_name)
    if default is not None and default.replaces_part:
        default = None  # taken above only in place of a measure given in part
    if unit in _SNACK_PACKS and default is not None and _COOKED_OR_MADE_UP.search(food_name.lower()):
        # A snack's packet as sold (30 g) is no packet of a food as eaten cooked or made up: porridge
        # 'cooked with water' by the packet was 30 g, a sixth of what an instant packet makes (177 g).
        default = None
    if default is not None:
        if default.grams is not None:
            return Conversion(
                default.grams,
                f"estimate: default {unit} = {_fmt(default.grams)} g ({default.basis}; {default.cited_as})",
                estimate=True,
                from_default=True,
            )
        density = _density(food_measures)
        if default.ml is not None and density is not None:
            per_ml, basis_measure = density
            return Conversion(
                default.ml * per_ml,
                f"estimate: default {unit} = {_fmt(default.ml)} ml ({default.basis}; {default.cited_as}) x {per_ml:.4g} g/ml "
                f"(from {basis_measure.describe()})",
                estimate=True,
                from_default=True,
            )
    accepted = ", ".join(units_accepted(food_measures))
    shown = f"'{unit}'" if unit else "a blank unit"
    if unit and set(unit.split()) <= _SIZE_WORDS:
        # A size is never guessed: 'a large Coke' of a food whose table names no sizes is no amount.
        shown += " is a size, and none of this food's measures names one, so it"
    raise UnitError(f"{shown} is not a unit this food can take; it takes: {accepted}")


@dataclass(frozen=True)
class KeptNaturalUnit:
    """A row of data/natural_units.csv: one of a food's own measures that a blank unit ('polish
    sausage,1,') means, kept where the rule (`natural_unit`) picks a measure nobody means by one."""

    food_name: str  # the table's name of the food, lower case
    measure: str  # the measure as `Measure.describe` writes it, before ' = ': '10 pieces'
    why: str  # shown in the basis: 'a portion of bite-size pieces'
    source: str


@cache
def _kept_natural_units() -> dict[str, tuple[KeptNaturalUnit, ...]]:
    """data/natural_units.csv's rows by food name (read once)."""
    from mgcheck.resources import records

    by_food: dict[str, list[KeptNaturalUnit]] = {}
    for record in records("natural_units.csv"):
        row = KeptNaturalUnit(
            str(record["food_name"]).lower(), str(record["measure"]), str(record["why"]), str(record["source"])
        )
        by_food.setdefault(row.food_name, []).append(row)
    return {name: tuple(rows) for name, rows in by_food.items()}


def _kept_natural_first(named: list[Measure], food_name: str) -> list[Measure]:
    """`named` with the single measures data/natural_units.csv keeps for one of the food first: 'kielbasa,1,link'
    is FNDDS Polish sausage's bun-size link (75 g), not the first link the table lists (a 10 g cocktail link)."""
    said = {row.measure.lower() for row in _kept_natural_units().get(food_name.lower(), ())}
    if not said:
        return named
    return sorted(named, key=lambda m: not (m.amount == 1 and _label(m) in said))


def _label(measure: Measure) -> str:
    """A measure as data/natural_units.csv names it: its description before ' = ', lower case."""
    return measure.describe().split(" = ")[0].lower()


def _blank_unit_estimate(
    measure: Measure, grams: float, note: str, grams_range: tuple[float, float] | None = None, *, snack: bool = True
) -> Conversion:
    """A blank unit taken as one of the food's own measures, an estimate; `note` says why."""
    return Conversion(
        grams,
        f"estimate: {measure.describe()}{note}",
        f"a blank unit taken as {measure.describe()}{note}; write the measure to be exact",
        estimate=True,
        grams_range=grams_range,
        pack=measure.describe()
        if snack and not _PACK_WORDS.isdisjoint(measure.full.replace(",", " ").split())
        else None,
    )


def _kept_natural_unit(food_measures: list[Measure], food_name: str, *, single: bool = False) -> Conversion | None:
    """A blank unit of a food data/natural_units.csv names: its one kept measure, or, of several measures
    that each are 'one' of the food (FNDDS Polish sausage: a bun-size link of 75 g and a 10-inch sausage of
    227 g), the lightest (a guess never raises an intake) with the range of them all in `grams_range`. The
    measure is taken whole: SR28 popcorn chicken's '10 pieces' (56 g) is one portion."""
    rows = _kept_natural_units().get(food_name.lower(), ())
    said = {row.measure.lower() for row in rows}
    # `single`: only a measure of one of the food, which a count word ('4 pieces', 'each') counts.
    kept = [m for m in food_measures if _label(m) in said and (m.amount == 1 or not single)]
    if not kept:
        return None
    chosen = min(kept, key=lambda m: (m.grams, m.seq))
    why = rows[0].why
    heaviest = max(m.grams for m in kept)
    others = [m for m in kept if m is not chosen]
    if heaviest > (1.0 + PORTION_RANGE_SHARE) * chosen.grams:
        ranged = (
            f" ({why} is {_fmt(chosen.grams)}-{_fmt(heaviest)} g by the food's measures, "
            f"also {'; '.join(m.describe() for m in others)})"
        )
        return _blank_unit_estimate(chosen, chosen.grams, ranged, (chosen.grams, heaviest))
    return _blank_unit_estimate(chosen, chosen.grams, f" ({why})")


# FDA: a package holding less than 200% of the reference amount customarily consumed is a
# single-serving container (21 CFR 101.9(b)(6)); its contents are one serving.
_SINGLE_SERVING_SHARE = 2.0
# What a single-serving package is called, in that order: a pack, then a container (SR28 yogurt's
# 'container (6 oz)', a pudding's 'container refrigerated, 4 oz'), each only under twice the reference amount.
_SINGLE_SERVING_PACKS = (*CONTAINER_MEASURES["bag"], "container")


def _single_serving_package(food_measures: list[Measure], food_name: str, food_group: str) -> Conversion | None:
    """A blank unit of a food with no natural unit: its single-serving package, if it has one.

    A package, packet, pouch or bag holding less than twice the reference amount FDA sets for the food's
    kind (data/serving_amounts.csv) is one serving by 21 CFR 101.9(b)(6): SR28 TWIX's 'package (2 oz)' =
    57 g, under twice the 30 g of 'All other candies', where its king-size package (95 g) and 11 oz bag
    are not. A reference amount by volume (1 cup of a hot cereal, prepared) is weighed through the food's
    own measures: instant oatmeal's 'packet, dry, yields' 177 g is under twice its cup of 234 g (never for a
    drink: '1 orange juice' is as likely a glass as a juice box). Of several, the first the table lists, and
    when they differ by more than PORTION_RANGE_SHARE (FNDDS potato chips' small and medium single-serving
    bags, 28 and 57 g) the range from the lightest to the heaviest. A food of a kind sold in single-serving
    bags (serving_amounts.csv's single_serving_bag: snacks) that the table lists only in a shop's
    multi-serving bag (SR28 potato chips' 'bag (8 oz)') takes the bag FDA's rule makes one serving: the
    reference amount, with the range up to twice it. None when the kind has no reference amount or no
    package is known."""
    row = serving_amount(food_name, food_group)
    if row is None or row.amount is None:
        return None
    if row.unit in MASS_G:
        reference_g, reference = row.amount * MASS_G[row.unit], f"{_fmt(row.amount * MASS_G[row.unit])} g"
    elif row.drink:
        return None  # a drink's blank unit is as likely a glass as its box or pouch
    else:
        try:
            per_unit = convert_unit(row.unit, food_measures).grams_per_unit
            reference_g = row.amount * per_unit
            reference = f"{_fmt(row.amount)} {row.unit} = {_fmt(reference_g)} g"
        except UnitError:
            if row.unit not in VOLUME_ML:
                return None
            # No measure of the food weighs the volume (SR28 chocolate pudding: two containers, no cup): it
            # weighs at least what the lightest food measured by volume does, so a container under twice that
            # is under twice the reference amount whatever the food weighs (a pudding's 108 g container).
            # Only a container of the food itself: a 'package' may be a mix's (SR28 19204 lemon pudding
            # 'prepared with 2% milk' lists its 32 g package of dry mix).
            food_measures = [m for m in food_measures if "container" in m.head.split()]
            reference_g = row.amount * VOLUME_ML[row.unit] * _LIQUID_G_PER_ML[0]
            reference = (
                f"{_fmt(row.amount)} {row.unit}, at least {reference_g:.0f} g at {_fmt(_LIQUID_G_PER_ML[0])} g/ml "
                "(no measure of the food weighs it)"
            )
    amount = f"{_who(row.source)} reference amount of {reference} for '{row.category}'"
    bags = _by_words(_SINGLE_SERVING_PACKS, food_measures)
    packages = [m for m in bags if m.amount == 1 and m.grams_per_one < _SINGLE_SERVING_SHARE * reference_g]
    if not packages:
        return _single_serving_bag(row, reference_g, amount, bags, food_measures)
    package = min(packages, key=lambda m: m.seq)
    lightest, heaviest = min(m.grams_per_one for m in packages), max(m.grams_per_one for m in packages)
    why = f" (a single-serving package: under twice {amount}, 21 CFR 101.9(b)(6)"
    if heaviest > (1.0 + PORTION_RANGE_SHARE) * lightest:
        others = "; ".join(m.describe() for m in packages if m is not package)
        why += f"; single-serving packages of it are {_fmt(lightest)}-{_fmt(heaviest)} g, also {others})"
        return _blank_unit_estimate(
            package, package.grams_per_one, why, (lightest, heaviest), snack=row.single_serving_bag
        )
    return _blank_unit_estimate(package, package.grams_per_one, why + ")", snack=row.single_serving_bag)


def _single_serving_bag(
    row: ServingAmount, reference_g: float, amount: str, bags: list[Measure], food_measures: list[Measure]
) -> Conversion | None:
    """The single-serving bag FDA's rule makes one serving, for a snack (serving_amounts.csv's
    single_serving_bag) the table lists in no bag that small: the reference amount, with the range up to
    twice it (`_single_serving_package`); None for any other food."""
    # A snack listed only in a shop's bag ('bag (8 oz)' of SR28 potato chips) or in none (SR28 nacho cheese
    # tortilla chips: ounces only) is sold in single-serving bags too: FNDDS measures the same chips so.
    # One listed in another bag (SR28 microwave popcorn's 'bag' = 87 g) is not.
    # Nor one the table counts one by one (SR28 rice cakes' '1 cake' = 9 g, beef sticks' '1 stick' = 20 g)
    # or serves in a size of its own (RICE KRISPIES TREATS '1 serving' = 22 g, one square): its blank unit
    # is as likely one piece as a bag (a piece counted by tens, '10 twists', is no portion).
    shop_bags = [m for m in bags if _multi_serving(m)]
    pieces = [m for m in food_measures if m.amount == 1 and (_counted_piece(m) or m.head == "serving")]
    if not (row.single_serving_bag and row.unit in MASS_G and len(shop_bags) == len(bags) and not pieces):
        return None
    not_shop = f"; not the food's {shop_bags[0].describe()}" if shop_bags else ""
    largest = _SINGLE_SERVING_SHARE * reference_g
    return Conversion(
        reference_g,
        f"estimate: a single-serving bag = {_fmt(reference_g)} g ({amount}; a single-serving bag holds under "
        f"twice it, up to {_fmt(largest)} g, 21 CFR 101.9(b)(6){not_shop})",
        f"a blank unit taken as a single-serving bag of {_fmt(reference_g)} g ({amount}){not_shop}; write grams to be exact",
        estimate=True,
        from_default=True,
        grams_range=(reference_g, largest),
        pack=f"a single-serving bag = {_fmt(reference_g)} g",
    )


# A pack, serving or share of the food is no piece of it; a cake is (a rice cake's '1 cake' = 9 g).
_NOT_A_PIECE = frozenset(_NOT_NATURAL - {"cake", "pie", "pizza", "loaf"})


def _counted_piece(measure: Measure) -> bool:
    """Whether the measure is one piece of the food a person counts: no weight, volume or pack, and weighing
    a portion, not a crumb ('1 cake' = 9 g of rice cakes, not '1 kernel' = 0.2 g of popcorn)."""
    words = set(measure.head.split())
    return (
        measure.volume_ml is None
        and measure.head not in MASS_G
        and not words & _NOT_A_PIECE
        and measure.full != QUANTITY_NOT_SPECIFIED
        and measure.grams_per_one >= LEAST_NAMED_UNIT_G
    )


def _serving_of_no_size(food_measures: list[Measure], food_name: str, food_group: str) -> Conversion | None:
    """A serving of a food with no serving of its own nor USDA's "Quantity not specified": FDA's reference
    amount customarily consumed for its kind of food (data/serving_amounts.csv: 140 g of a fruit, 240 ml
    of milk, 1 tbsp of butter, a volume weighed through the food's own measures), else the food's first
    USDA measure taken whole ('1 cup = 140 g' is a serving of 140 g), else None. Both are estimates, and
    the basis states the grams of one serving."""
    row = serving_amount(food_name, food_group)
    reason = ""
    if row is not None and row.amount is not None:
        said = f"{_fmt(row.amount)} {row.unit}"
        cited = f"{_who(row.source)} reference amount for '{row.category}' ({row.source.split(',')[0]})"
        if row.unit in MASS_G:
            grams = row.amount * MASS_G[row.unit]
            return Conversion(
                grams,
                f"estimate: serving = {said}, {cited}",
                f"'serving' taken as {said}, {cited}; write the measure to be exact",
                estimate=True,
            )
        try:
            per_unit = convert_unit(row.unit, food_measures)
        except UnitError:
            reason = f"; FDA's reference amount of {said} needs a volume measure it lacks"
        else:
            grams = row.amount * per_unit.grams_per_unit
            return Conversion(
                grams,
                f"estimate: serving = {said} = {_fmt(grams)} g, {cited}; {row.unit} as {per_unit.basis}",
                f"'serving' taken as {said} = {_fmt(grams)} g, {cited}; write the measure to be exact",
                estimate=True,
            )
    elif row is not None:
        reason = f"; no FDA reference amount for {row.category}"
    jars = _by_words(("jar",), food_measures)
    if jars:
        # A jar is what a baby food is sold and eaten by (SR28 strained beef's '1 jar' = 71 g, listed after
        # '1 tbsp' = 14.7 g); the bundled foods that get here with a jar are all SR28 baby foods.
        jar = jars[0]
        whole = f"{jar.describe()}, the food's own jar (it has no serving of its own{reason})"
        return Conversion(
            jar.grams_per_one,
            f"estimate: serving = {whole}",
            f"'serving' taken as {whole}; write the measure to be exact",
            estimate=True,
        )
    first = _first_whole(food_measures, drink=bool(is_drink(food_name, food_group)))
    if first is None:
        return None
    whole = f"{first.describe()}, the food's first USDA measure taken whole (it has no serving of its own{reason})"
    return Conversion(
        first.grams,
        f"estimate: serving = {whole}",
        f"'serving' taken as {whole}; write the measure to be exact",
        estimate=True,
    )


def _names_a_volume(measure: Measure) -> bool:
    """Whether the measure is named by a volume unit ('fl oz', 'cup, dry, yields')."""
    return measure.head in VOLUME_ML or measure.head.startswith("fl oz")


def food_group_of(foods: pd.DataFrame, food_id: str) -> str:
    """The food group (SR28) or WWEIA category (FNDDS) of a food of a foods table; '' if it has none.

    A dictionary look-up: the table's groups are read once (`food_groups`), not scanned per call.
    """
    return food_groups(foods).get(food_id, "")


# The last foods table `food_groups` read (weakly held: a table let go is not kept alive) and its
# groups. A table is identified by the object: foods tables are not changed once built (the book's
# and a custom table's columns are set on their own new frame before any look-up).
_LAST_GROUPS: tuple[Callable[[], pd.DataFrame | None], dict[str, str]] | None = None


def food_groups(foods: pd.DataFrame) -> dict[str, str]:
    """Each food's group or category by food id, as `food_group_of` gives it (a food listed twice:
    its first row; a missing group: ''); read once per table."""
    import weakref

    global _LAST_GROUPS
    if _LAST_GROUPS is not None and _LAST_GROUPS[0]() is foods:
        return _LAST_GROUPS[1]
    groups: dict[str, str] = {}
    if "food_group" in foods.columns:
        for food_id, group in zip(foods["food_id"].tolist(), foods["food_group"].tolist(), strict=True):
            groups.setdefault(food_id, group if isinstance(group, str) else "")
    _LAST_GROUPS = (weakref.ref(foods), groups)
    return groups


def _who(source: str) -> str:
    """Whose reference amount a source cites: FDA's (21 CFR 101.12), USDA FSIS's (9 CFR, meat and
    poultry) or NIAAA's (the US standard drink, for alcoholic drinks, which have no FDA amount)."""
    if source.startswith("NIAAA"):
        return "NIAAA's"
    return "USDA FSIS's" if source.startswith("9 CFR") else "FDA's"


# Units a table lists first to give a drink's density, never a drink's serving (SR28 dessert wine
# '1 fl oz = 29.5 g' before '1 glass (3.5 fl oz) = 103 g').
_DENSITY_UNITS = frozenset({"fl oz", "tbsp", "tsp", "ml"})


def _first_whole(food_measures: list[Measure], drink: bool = False) -> Measure | None:
    """The food's first measure a serving may take whole: not a row whose volume the table gives
    inconsistently (SR28 33875 '5 fl oz = 30 g', see measure_from_row); for a drink, a glass, can
    or cup before a bare '1 fl oz', which is taken only when the drink has nothing else."""
    usable = [m for m in food_measures if m.volume_ml or m.volume_unit or not _names_a_volume(m)]
    if drink:
        return next((m for m in usable if m.head not in _DENSITY_UNITS), usable[0] if usable else None)
    return usable[0] if usable else None
