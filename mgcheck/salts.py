"""Magnesium salts and named medicine products: elemental magnesium from a salt mass, mmol, mEq or ml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from mgcheck.text import normalise

if TYPE_CHECKING:
    import pandas as pd

# IUPAC conventional standard atomic weights (g/mol) of the elements in the salts table.
ATOMIC_WEIGHT = {
    "H": 1.008,
    "C": 12.011,
    "N": 14.007,
    "O": 15.999,
    "Mg": 24.305,
    "P": 30.974,
    "S": 32.06,
    "Cl": 35.45,
}
MG_MOLAR_MASS = ATOMIC_WEIGHT["Mg"]  # mg of magnesium per mmol
MG_PER_MEQ = MG_MOLAR_MASS / 2.0  # magnesium is divalent: 1 mEq = 0.5 mmol
# Product units in millilitres, for products whose strength is per ml.
PRODUCT_VOLUME_ML = {"ml": 1.0, "l": 1000.0, "tsp": 5.0, "tbsp": 15.0, "fl oz": 29.5735}
PRODUCT_COUNT_UNITS = {"tablet": "tablet", "tab": "tablet", "capsule": "capsule", "cap": "capsule", "pill": "tablet"}

_TOKEN = re.compile(r"([A-Z][a-z]?|\(|\)|\d+)")


def _counts(formula: str) -> dict[str, int]:
    """Atoms per formula unit: 'MgCl2(H2O)6' -> {'Mg': 1, 'Cl': 2, 'H': 12, 'O': 6}."""
    tokens = _TOKEN.findall(formula)
    if "".join(tokens) != formula:
        raise ValueError(f"formula '{formula}' has characters the parser does not read")
    stack: list[dict[str, int]] = [{}]
    position = 0
    while position < len(tokens):
        token = tokens[position]
        position += 1
        multiplier = 1
        if position < len(tokens) and tokens[position].isdigit():
            multiplier = int(tokens[position])
            position += 1
        if token == "(":
            stack.append({})
            if multiplier != 1:
                raise ValueError(f"formula '{formula}': a number cannot follow '('")
        elif token == ")":
            if len(stack) == 1:
                raise ValueError(f"formula '{formula}': unbalanced parentheses")
            group = stack.pop()
            for element, count in group.items():
                stack[-1][element] = stack[-1].get(element, 0) + count * multiplier
        elif token.isdigit():
            raise ValueError(f"formula '{formula}': stray number")
        else:
            if token not in ATOMIC_WEIGHT:
                raise ValueError(f"formula '{formula}': element {token} has no atomic weight here")
            stack[-1][token] = stack[-1].get(token, 0) + multiplier
    if len(stack) != 1:
        raise ValueError(f"formula '{formula}': unbalanced parentheses")
    return stack[0]


def molar_mass(formula: str) -> float:
    return sum(ATOMIC_WEIGHT[element] * count for element, count in _counts(formula).items())


def elemental_fraction(formula: str) -> float:
    """Mass share of magnesium in the salt, from its formula."""
    return _counts(formula).get("Mg", 0) * MG_MOLAR_MASS / molar_mass(formula)


@dataclass(frozen=True)
class Salt:
    name: str
    formula: str
    form: str  # 'hexahydrate', 'anhydrous', ...
    fraction: float
    bare_name: str  # the bare name that means this form ('' if none)
    source: str


def _display_formula(formula: str) -> str:
    """'MgCl2(H2O)6' -> 'MgCl2·6H2O' for people."""
    match = re.fullmatch(r"(.*)\(H2O\)(\d+)", formula)
    return f"{match.group(1)}·{match.group(2)}H2O" if match else formula


@cache
def salts() -> tuple[Salt, ...]:
    from mgcheck.resources import records

    return tuple(
        Salt(
            str(r["salt"]),
            str(r["formula"]),
            str(r["form"]),
            elemental_fraction(str(r["formula"])),
            "" if r.get("bare_name") != r.get("bare_name") else str(r.get("bare_name") or ""),
            str(r["source"]),
        )
        for r in records("salts.csv")
    )


def _names(name: str, record: dict[str, Any]) -> list[str]:
    """A salt's or product's own name, then the `|`-separated synonyms of its data row (a blank cell is none)."""
    synonyms = record.get("synonyms")
    return [name] + [s for s in str(synonyms if synonyms == synonyms else "").split("|") if s.strip()]


@cache
def salt_lookup() -> dict[str, Salt]:
    """Normalised salt name or synonym -> salt."""
    from mgcheck.resources import records

    by_name = {salt.name: salt for salt in salts()}
    lookup: dict[str, Salt] = {}
    for record in records("salts.csv"):
        salt = by_name[str(record["salt"])]
        for name in _names(salt.name, record):
            lookup.setdefault(normalise(name), salt)
    return lookup


# "Mg oxide", "mag citrate": magnesium named by its symbol or its usual short form (Mag-Ox, Mag-Tab).
_SHORT_MAGNESIUM = re.compile(r"^(?:mg|mag)\s+")


def find_salt(text: str) -> Salt | None:
    """The salt a name means ('magnesium glycinate', 'glycinate', 'Mg oxide'), or None."""
    key = normalise(text)
    return salt_lookup().get(key) or salt_lookup().get(_SHORT_MAGNESIUM.sub("magnesium ", key, count=1))


@cache
def _salt_keys_longest_first() -> tuple[str, ...]:
    return tuple(sorted(salt_lookup(), key=len, reverse=True))


def salt_named_in(text: str) -> Salt | None:
    """The salt a line names anywhere in it, brand and all ('Holland & Barrett Magnesium Citrate'), or None.

    The whole text first (find_salt); then the longest salt name found as whole words inside it. A bare
    anion ('citrate', 'oxide') counts only in a text that also says magnesium ('Mg'/'mag' included), so
    'calcium citrate' names no magnesium salt.
    """
    found = find_salt(text)
    if found is not None:
        return found
    key = f" {SHORT_MAGNESIUM_WORD.sub('magnesium', normalise(text))} "
    says_magnesium = " magnesium " in key
    lookup = salt_lookup()
    for name in _salt_keys_longest_first():
        if f" {name} " in key and (says_magnesium or "magnesium" in name or name.startswith("mg")):
            return lookup[name]
    return None


# 'Mg'/'mag' as a word of a longer name: magnesium (not the unit of a strength, '500 mg').
SHORT_MAGNESIUM_WORD = re.compile(r"(?<!\d )(?<!\d)\b(?:mg|mag)\b", re.IGNORECASE)
# A strength however it is spaced ('500-mg', '500  mg', '500\u00a0mg', '(500) mg'): never magnesium.
_STRENGTH = re.compile(r"\d[\d.,]*\)?[\s\u00a0\-]*mg\b", re.IGNORECASE)
_MAGNESIUM_WORD = re.compile(r"\bmagnesium\b|" + SHORT_MAGNESIUM_WORD.pattern, re.IGNORECASE)


def says_magnesium(text: str) -> bool:
    """Whether a name says magnesium: the word, or 'Mg'/'mag' as a word ('Cal-Mag-Zinc', 'Mg oxide'), never
    the unit of a strength ('Vitamin C, 500-mg' was read as magnesium and its row as a supplement)."""
    return _MAGNESIUM_WORD.search(_STRENGTH.sub(" ", text)) is not None


def describe_form(salt: Salt) -> str:
    """'magnesium chloride hexahydrate (MgCl2·6H2O): 11.96% elemental magnesium'."""
    return f"{salt.name} ({_display_formula(salt.formula)}): {salt.fraction:.2%} elemental magnesium"


@dataclass(frozen=True)
class Product:
    name: str
    salt: Salt
    salt_mg: float
    per_amount: float
    per_unit: str  # 'ml' or 'tablet'
    kind: str
    status: str
    source: str
    label_elemental_mg: float | None = None  # the label's elemental Mg per `per_amount`, where it states one

    @property
    def elemental_per_amount(self) -> float:
        """Elemental magnesium in `per_amount` `per_unit`: the label's figure where it states one (science.md
        sec 5: prefer it; Mag-Tab SR's label says 84 mg, its salt mass x 10.19% gives 85.1), else salt x share."""
        if self.label_elemental_mg is not None:
            return self.label_elemental_mg
        return self.salt_mg * self.salt.fraction

    def elemental_mg(self, amount: float, unit: str) -> float | None:
        """Elemental magnesium in `amount` `unit` of the product; None if the unit does not fit."""
        if self.per_unit == "ml" and unit in PRODUCT_VOLUME_ML:
            return amount * PRODUCT_VOLUME_ML[unit] * self.elemental_per_amount / self.per_amount
        if self.per_unit != "ml" and PRODUCT_COUNT_UNITS.get(unit) == self.per_unit:
            return amount * self.elemental_per_amount / self.per_amount
        return None

    @property
    def strength(self) -> str:
        label = f" (label: {self.label_elemental_mg:g} mg elemental magnesium)" if self.label_elemental_mg else ""
        return f"{self.salt_mg:g} mg {self.salt.name} per {self.per_amount:g} {self.per_unit}{label}"


@cache
def product_lookup() -> dict[str, Product]:
    """Normalised product name or synonym -> product (mgcheck/data/medicine_products.csv)."""
    from mgcheck.resources import records

    by_name = {salt.name: salt for salt in salts()}
    lookup: dict[str, Product] = {}
    for record in records("medicine_products.csv"):
        product = Product(
            str(record["product"]),
            by_name[str(record["salt"])],
            float(record["salt_mg"]),
            float(record["per_amount"]),
            str(record["per_unit"]),
            str(record["kind"]),
            str(record["status"]),
            str(record["source"]),
            _label_mg(record.get("label_elemental_mg")),
        )
        for name in _names(product.name, record):
            lookup.setdefault(normalise(name), product)
    return lookup


def _label_mg(value: Any) -> float | None:
    """A label's elemental figure from its cell: None for a blank one."""
    text = "" if value is None else str(value).strip()
    return float(text) if text and text.lower() != "nan" else None


def find_product(text: str) -> Product | None:
    return product_lookup().get(normalise(text))


def find_product_in(text: str) -> Product | None:
    """The product whose name or synonym the text holds as whole words, the longest first: 'milk of magnesia
    liquid' is milk of magnesia (`find_product` takes only the name as written)."""
    padded = f" {normalise(text)} "
    named = [name for name in product_lookup() if f" {name} " in padded]
    return product_lookup()[max(named, key=len)] if named else None


# The most tablets of a listed product whose salt mass an amount in mg is read as ('magnesium oxide,800,mg':
# two Mag-Ox 400, 800 mg of the oxide).
MOST_TABLETS_SAID = 4


def sold_by_salt_mass(salt: Salt, mg: float) -> tuple[Product, int] | None:
    """A listed tablet whose label strength, once or a few times (up to MOST_TABLETS_SAID), is `mg` of this
    salt (Mag-Ox 400: 400 mg of the oxide; 800 mg two of it), with that count, or None: 'magnesium oxide,400,mg'
    may be that tablet's salt mass, not elemental magnesium (science.md sec 5)."""
    for product in dict.fromkeys(product_lookup().values()):
        if product.per_unit == "ml" or product.per_amount != 1 or product.salt != salt or not product.salt_mg:
            continue
        count = mg / product.salt_mg
        if 1 <= count <= MOST_TABLETS_SAID and abs(count - round(count)) < 1e-9:
            return product, round(count)
    return None


def salt_frame(products: bool = False) -> pd.DataFrame:
    """The salts table with molar mass and elemental share computed, or the named products, for display."""
    import pandas as pd

    from mgcheck.resources import table

    if products:
        frame = table("medicine_products.csv")
        by_product = {product.name: product for product in product_lookup().values()}
        frame["elemental_mg_per_unit"] = [
            round(by_product[str(name)].elemental_per_amount / by_product[str(name)].per_amount, 1)
            for name in frame["product"]
        ]
        return cast(
            "pd.DataFrame",
            frame[
                [
                    "product",
                    "salt",
                    "salt_mg",
                    "per_amount",
                    "per_unit",
                    "elemental_mg_per_unit",
                    "kind",
                    "status",
                    "source",
                ]
            ],
        )
    rows = [
        {
            "salt": salt.name,
            "formula": _display_formula(salt.formula),
            "form": salt.form,
            "bare_name_means_it": salt.bare_name or None,
            "molar_mass_g_mol": round(molar_mass(salt.formula), 2),
            "elemental_fraction": round(salt.fraction, 4),
            "source": salt.source,
        }
        for salt in salts()
    ]
    return cast("pd.DataFrame", pd.DataFrame(rows))
