"""Turn a normalised log into assessed items: matched food, grams and magnesium for every row.

Matching runs once per distinct food text and unit conversion once per distinct
(food, unit) pair; the per-row arithmetic is vectorised.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING, Any, cast

from mgcheck.errors import Problem, RowWarning, reasons_by_row
from mgcheck.tables import table_of
from mgcheck.text import normalise
from mgcheck.units import (
    COUNT_WORDS,
    GROUP_UNITS,
    LEAST_NAMED_UNIT_G,
    MOST_NAMED_UNIT_G,
    MOST_PACKS_UNSAID,
    Conversion,
    CountedPiece,
    Measure,
    UnitError,
    canonical_unit,
    convert_unit,
    counted_piece,
    counted_totals_ok,
    food_group_of,
    is_drink,
    kept_default,
    leading_count,
    measures_by_food,
    name_says_state,
    piece_named_by_head,
    portion_in_text,
    unit_and_state,
)
from mgcheck.vector import as_categories, group_sums, per_distinct, per_table

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from mgcheck.matching import FoodIndex, Match

# Plausibility limits: beyond these a log line is far more likely a typo than a meal.
MAX_FOOD_GRAMS_PER_DAY = 5000.0
MAX_SUPPLEMENT_MG_PER_DAY = 5000.0
LABEL_KINDS = ("supplement", "medicine")
ELEMENTAL_UNITS = {"mg": 1.0, "g": 1000.0}
SALT_UNITS = {"mg salt": 1.0, "g salt": 1000.0}

# Columns that hold few distinct values, kept as categoricals (with their possible values).
CATEGORY_COLUMNS = {
    "status": ["label", "source", "matched", "unmatched"],
    "food_id": [],
    "food_name": [],
    "match_method": ["id", "name", "alias", "fuzzy", "none", "code"],
}
FOOD_RESULT_COLUMNS = [
    "food_id", "food_name", "match_score", "match_method", "suggestions", "reason",
    "status", "grams", "basis", "grams_estimate", "mg", "kcal", "calcium_mg", "mg_low", "mg_high", "alternatives",
]  # fmt: skip
# The result columns that day sums, item counts and the plausibility checks read.
SUM_COLUMNS = frozenset({"food_id", "food_name", "status", "grams", "mg", "mg_low", "mg_high", "unit", "code_fallback"})
# Columns of tuples or flags, never text: pandas keeps them as objects, after looking at every
# cell for text or dates (some 10-25 ms a column of 250,000 rows); they are written as objects.
_OBJECT_COLUMNS = frozenset({"suggestions", "alternatives", "grams_estimate"})
# A close variant of the matched food is taken for a unit the match cannot take only when it
# scores at least this in `FoodIndex.search` and its name holds every word of the food as written.
VARIANT_MIN_SCORE = 70.0
VARIANT_CANDIDATES = 8
# The parts of a table name, each one food or one description ('Burrito with meat and beans').
_NAME_PARTS = re.compile(r",|\bwith\b|\band\b|\bor\b|\bin\b|\bon\b|/|&")
# Export food codes (ASA24 FoodCode, NHANES DRxIFDCD) are FNDDS 2017-2018 codes: the bundled ids.
FNDDS_PREFIX = "fndds:"
FOOD_CODE_DIGITS = 8


@dataclass
class Resolved:
    """Resolved items; `problems` stop a report, `unresolved` (units a food cannot take) only under
    --strict and in `validate`: otherwise those items are listed as unmatched and not counted."""

    items: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unresolved: list[Problem] = field(default_factory=list)


def _label_problem(items: pd.DataFrame, position: object, message: str) -> Problem:
    return Problem(message, str(items.at[position, "file"]), int(str(items.at[position, "row"])))


def located_rows(frame: pd.DataFrame, reasons: dict[tuple[str, int], str]) -> tuple[np.ndarray, list[str]]:
    """The positions of a frame's rows named by (file, row) in `reasons`, and their reasons, in frame order.

    Rows are first narrowed by number with one vectorised look-up: only those few are keyed in Python.
    """
    import numpy as np

    rows = frame["row"].to_numpy()
    candidates = np.flatnonzero(np.isin(rows, [row for _, row in reasons]))
    files = frame["file"].astype(str).to_numpy()[candidates]
    keys = [(str(file), int(row)) for file, row in zip(files, rows[candidates], strict=True)]
    found = [key in reasons for key in keys]
    return candidates[np.array(found, dtype=bool)], [reasons[key] for key in keys if key in reasons]


def _list_uncounted(items: pd.DataFrame, where: np.ndarray, reasons: str | list[str] | np.ndarray) -> None:
    """Mark the rows `where` as listed, not counted: status unmatched, their reason(s), no suggestion."""
    import pandas as pd

    items.loc[where, "status"] = "unmatched"
    items.loc[where, "reason"] = reasons
    items.loc[where, "suggestions"] = pd.Series([()] * int(where.sum()), index=items.index[where])


def list_item_problems(result: Resolved, problems: list[Problem]) -> bool:
    """Outside --strict: list each food item a problem of its own concerns (`Problem.item_only`:
    an implausible amount, an export's impossible figure) unresolved, not counted, with the
    problem as its reason, and keep the other problems. A supplement's or medicine's problem is
    never item-only: a dose left out would let the upper-limit check say "within" unasked.
    `problems` are every problem of the run's items; when one is not item-only the report stops
    with all of them, so nothing is listed (False). --strict and `validate` keep them all as
    errors, so they never call this. True when every problem was listed.
    """
    import numpy as np

    if not problems:
        return True
    if any(not problem.item_only or problem.row is None for problem in problems):
        return False
    listed = problems
    result.problems = []
    items = result.items
    reasons = reasons_by_row(listed)
    positions, text = located_rows(items, reasons)
    where = np.zeros(len(items), dtype=bool)
    where[positions] = True
    _list_uncounted(items, where, text)
    for column in ("mg", "mg_low", "mg_high"):
        if column in items:
            items.loc[where, column] = np.nan
    result.unresolved += [Problem(reason, file, row) for (file, row), reason in reasons.items()]
    return True


# A strength in a supplement's name ('Magnesium 375mg tablet', 'magnesium 250 mg caps'), and the counted
# units it is per.
_STRENGTH_IN_NAME = re.compile(r"(\d+(?:\.\d+)?)\s*mg\b", re.IGNORECASE)
# A label's 'Magnesium (as citrate) 200 mg': elemental magnesium, the salt only naming its form.
_ELEMENTAL_AS_SALT = re.compile(r"\bmagnesium\s*\(\s*as\b[^)]*\)\s*(\d+(?:\.\d+)?)\s*mg\b", re.IGNORECASE)
_COUNTED_DOSES = frozenset(
    {
        "tablet",
        "tab",
        "capsule",
        "cap",
        "softgel",
        "gummy",
        "gummie",
        "chewable",
        "chewable tablet",
        "chew",
        "soft chew",
    }
)


def _label_mg(food: str, unit: str, amount: float, kind: str) -> tuple[float, str, str, str | None]:
    """Elemental magnesium of one supplement or medicine line: (mg, basis, form, warning).

    Raises ValueError with the row's message when the line cannot be read.
    """
    from mgcheck import salts

    if unit in ELEMENTAL_UNITS:
        product = salts.find_product(food)
        salt = product.salt if product else salts.salt_named_in(food)
        if kind == "medicine" and salt is None and "magnes" not in food.lower():
            # A medicine's label gives its dose of the drug ('omeprazole 20 mg'), never elemental magnesium.
            raise ValueError(
                f"'{food[:60]}' is a medicine whose name gives no magnesium: {amount:g} {unit} would be its dose "
                "of the drug, not magnesium; for a medicine with magnesium write its salt and the salt's mass "
                "('magnesium carbonate,80,mg salt' for an antacid tablet with 80 mg of it), or mmol; leave a "
                "medicine without magnesium out of the log (a proton-pump inhibitor: --condition ppi)"
            )
        form = f"elemental magnesium as labelled{f'; form named: {salt.name}' if salt else ''}"
        warning = None
        if product is not None and any(ch.isdigit() for ch in product.name):
            warning = (
                f"'{food[:60]}' is named by its salt mass ({product.strength}); labels of medicines state the "
                f"salt, not elemental magnesium: if {amount:g} {unit} is the salt, write '{amount:g} mg salt' "
                f"or count {product.per_unit}s ({amount:g} mg here is read as elemental magnesium)"
            )
        elif (kind == "medicine" or (product is not None and product.kind == "medicine")) and salt is not None:
            warning = (
                f"'{food[:60]}' is a medicine: labels of medicines state the salt (US Drug Facts: "
                f"'magnesium hydroxide 1200 mg per 15 mL') or mmol, not elemental magnesium; if {amount:g} {unit} "
                "is the salt, use unit 'mg salt' (or ml of a listed product, or mmol)"
            )
        elif (
            product is None
            and salt is not None
            and (found := salts.sold_by_salt_mass(salt, amount * ELEMENTAL_UNITS[unit]))
        ):
            sold, count = found
            # 'magnesium oxide,400,mg' ('mag oxide 400'): the salt mass of a listed tablet (Mag-Ox 400 is
            # 400 mg of the oxide, about 241 mg Mg; data/medicine_products.csv, science.md sec 5). The figure
            # stays elemental, as a Supplement Facts label states it; the reader is told how to write the salt.
            warning = (
                f"'{food[:60]}' {amount:g} {unit}: read as elemental magnesium, as US and EU supplement labels "
                f"state it, but {amount:g} {unit} is also the salt's mass of "
                f"{'one' if count == 1 else count} {sold.name} {sold.per_unit}{'' if count == 1 else 's'} "
                f"({sold.salt_mg:g} mg {sold.salt.name}{'' if count == 1 else ' each'}, "
                f"{sold.elemental_per_amount:.0f} mg of magnesium); if the label gives "
                f"the salt, "
                f"write '{amount:g} {unit} salt' or count {sold.per_unit}s of {sold.name}"
            )
        basis = f"label: elemental magnesium{f', as {salt.name}' if salt else ''}"
        return amount * ELEMENTAL_UNITS[unit], basis, form, warning
    if unit in SALT_UNITS:
        product = salts.find_product(food)
        salt = product.salt if product else salts.salt_named_in(food)
        if salt is None:
            raise ValueError(
                f"unit '{unit}' needs the salt named in the food field (e.g. magnesium oxide); "
                f"'{food[:60]}' is not a known salt; see `mgcheck reference --salts`"
            )
        bare = (
            " (the form a bare name means)" if salt.bare_name and normalise(food) == normalise(salt.bare_name) else ""
        )
        form = salts.describe_form(salt) + bare
        return amount * SALT_UNITS[unit] * salt.fraction, f"{salt.name}, {salt.fraction:.2%} Mg", form, None
    if unit in ("mmol", "meq"):
        per = salts.MG_MOLAR_MASS if unit == "mmol" else salts.MG_PER_MEQ
        word = "mmol" if unit == "mmol" else "mEq"
        form = f"{word} of magnesium (1 {word} = {per:.4g} mg)"
        return amount * per, f"{word} of magnesium, {per:.4g} mg each", form, None
    # The product as written, or named within the text ('milk of magnesia liquid,30,ml' was refused).
    product = salts.find_product(food) or salts.find_product_in(food)
    if product is not None:
        mg = product.elemental_mg(amount, unit)
        if mg is not None:
            unconfirmed = "; strength unconfirmed: check the label" if product.status != "confirmed" else ""
            form = f"{product.name}: {product.strength}, {salts.describe_form(product.salt)}{unconfirmed}"
            return mg, f"{product.name}, {product.strength}{unconfirmed}", form, None
        raise ValueError(
            f"unit '{unit}' does not fit {product.name} (strength per {product.per_unit}); "
            f"write {product.per_unit}s, mg salt, or mg of elemental magnesium"
        )
    strength = _STRENGTH_IN_NAME.findall(food)
    labelled_as = _ELEMENTAL_AS_SALT.search(food)
    if unit in _COUNTED_DOSES and len(strength) == 1 and labelled_as is not None:
        # 'Magnesium (as citrate) 200mg': the Supplement Facts wording of elemental magnesium in a salt's form
        # (science.md sec 5), never the salt's mass; it was refused as 'of the salt or of magnesium?'.
        per_dose = float(labelled_as.group(1))
        basis = f"label: elemental magnesium, {per_dose:g} mg per {unit} as 'magnesium (as ...)' states it"
        return amount * per_dose, basis, "elemental magnesium as labelled", None
    named_salt = salts.salt_named_in(_STRENGTH_IN_NAME.sub(" ", food)) if strength else None
    if unit in _COUNTED_DOSES and len(strength) == 1 and named_salt is not None:
        raise ValueError(
            f"'{food[:60]}' names a salt ({named_salt.name}) and {strength[0]} mg: of the salt or of magnesium? "
            f"write the salt's mass per day with unit 'mg salt' ({amount:g} x {strength[0]} mg), or the elemental "
            "magnesium the label lists with unit mg"
        )
    if unit in _COUNTED_DOSES and len(strength) == 1 and "magnes" in food.lower():
        # 'Magnesium 375mg tablet': the strength a supplement's name gives per tablet. With no salt
        # named it is the elemental magnesium a Supplement Facts label lists; a salt's name makes it
        # ambiguous (salt or elemental?), so that line is refused below.
        per_dose = float(strength[0])
        basis = f"label: elemental magnesium, {per_dose:g} mg per {unit} as the name says"
        warning = (
            f"'{food[:60]}': {per_dose:g} mg per {unit} read from its name as elemental magnesium; "
            "check the label (a salt's mass would need 'mg salt')"
        )
        return amount * per_dose, basis, "elemental magnesium as named", warning
    raise ValueError(
        f"unit '{unit}' cannot be used for a supplement or medicine; write mg of elemental magnesium as on "
        "the label (unit mg), the salt's mass with unit 'mg salt', mmol or mEq, or ml/tablets of a product "
        "listed in `mgcheck reference --products`; a supplement with no magnesium (vitamin D, fish oil) "
        "belongs out of the log"
    )


NO_MAGNESIUM_NAMED = (
    "a supplement of another nutrient (calcium, a vitamin, fish oil, iron ...) whose name gives no magnesium: its "
    "amount is a dose of that nutrient, not magnesium; not counted, so the upper-limit check covers the known "
    "doses only; if it holds magnesium too, name it ('calcium and magnesium', 'cal-mag') with the label's mg of "
    "elemental magnesium"
)
NO_MAGNESIUM_NAMED_WARNING = (
    "supplement of another nutrient (calcium, vitamin C, fish oil) whose name gives no magnesium: its amount is "
    "not read as magnesium; listed, not counted (a supplement without magnesium may be left out of the log)"
)


def _supplements_naming_no_magnesium(items: pd.DataFrame, labelled: pd.Series) -> pd.Series:
    """Supplement rows (not medicines: `_label_mg` refuses those) whose name names another nutrient
    (data/not_magnesium_supplements.csv: calcium, a vitamin, fish oil, iron ...) and no magnesium: no
    magnesium salt or product, no 'magnesium', 'Mg' or 'mag', no multivitamin (`importers.base.names_magnesium`,
    `names_multivitamin`). Their amount is a dose of that nutrient. A name that says neither ('ZMA', 'Natural
    Calm', a brand) is read as before: its mg as the label's magnesium. Not rows whose export states their
    magnesium ('Natural Vitality Calm' in Cronometer's Supplements)."""
    import pandas as pd

    from mgcheck.importers.base import names_magnesium, names_multivitamin

    supplements = labelled & items["kind"].eq("supplement")
    if "source_mg" in items:  # an export's own magnesium figure is believed (`_resolve_labels`)
        supplements &= pd.to_numeric(items["source_mg"], errors="coerce").isna()
    if not supplements.any():
        return supplements
    food = items.loc[supplements, "food"].astype(str)
    other = per_distinct(food, _names_another_nutrient, "bool")
    named = names_magnesium(food) | names_multivitamin(food)
    found: pd.Series = supplements.copy()
    found[supplements] = (other & ~named).to_numpy(dtype=bool)
    return found


def _names_another_nutrient(text: str) -> bool:
    """Whether a supplement's name names a nutrient other than magnesium (data/not_magnesium_supplements.csv)."""
    from mgcheck.text import phrase_pattern

    return phrase_pattern("not_magnesium_supplements.csv", "word").search(normalise(text)) is not None


def _resolve_labels(items: pd.DataFrame, labelled: pd.Series, problems: list[Problem], warnings: list[str]) -> None:
    """Supplements and medicines: elemental mg, a named salt's mass, mmol or mEq, or ml/tablets of a
    named product; every line carries the form assumed."""
    import pandas as pd

    items["form"] = pd.Series(None, index=items.index, dtype="object")
    if "source_mg" in items:
        # An export that states a supplement's magnesium is believed as it stands (even with
        # --recompute: the food table knows no supplements).
        stated = labelled & pd.to_numeric(items["source_mg"], errors="coerce").notna()
        items.loc[stated, "mg"] = pd.to_numeric(items.loc[stated, "source_mg"], errors="coerce")
        items.loc[stated, "basis"] = "magnesium as stated by the source export"
        items.loc[stated, "form"] = "elemental magnesium as stated by the source export"
        items.loc[stated, "status"] = "label"
        labelled = labelled & ~stated
    if not labelled.any():
        return
    keys = pd.DataFrame(
        {
            "food": items.loc[labelled, "food"].astype(str),
            "unit": items.loc[labelled, "unit_key"].astype(str),
            "amount": pd.to_numeric(items.loc[labelled, "amount"], errors="coerce"),
            "kind": items.loc[labelled, "kind"].astype(str),
        }
    )
    # Each distinct (food, unit, amount, kind) line is read once; the rows of every line are written
    # together after (one assignment a column, not four per line).
    line_rows: list[pd.Index] = []
    line_values: list[tuple[float, str, str]] = []  # each line's mg, basis and form
    for (food, unit, amount, kind), index in keys.groupby(
        ["food", "unit", "amount", "kind"], sort=False
    ).groups.items():
        try:
            mg, basis, form, warning = _label_mg(str(food), str(unit), float(amount), str(kind))
        except ValueError as error:
            problems += [_label_problem(items, position, str(error)) for position in index]
            continue
        line_rows.append(index)
        line_values.append((mg, basis, form))
        if warning:
            rows = items.loc[index, ["file", "row"]]
            for file, group in rows.groupby("file", sort=False, observed=True):
                warnings.append(RowWarning(str(file), group["row"], warning))
    if line_rows:
        import numpy as np

        every = line_rows[0].append(line_rows[1:])
        sizes = [len(index) for index in line_rows]
        mgs, bases, forms = zip(*line_values, strict=True)
        items.loc[every, "mg"] = np.repeat(np.array(mgs, dtype=np.float64), sizes)
        items.loc[every, "basis"] = np.repeat(np.array(bases, dtype=object), sizes)
        items.loc[every, "form"] = np.repeat(np.array(forms, dtype=object), sizes)
        items.loc[every, "status"] = "label"


def resolve(
    log: pd.DataFrame,
    index: FoodIndex,
    measures: pd.DataFrame,
    *,
    recompute: bool = False,
    memo: ConversionMemo | None = None,
    columns: Collection[str] | None = None,
    plausible: bool = True,
) -> Resolved:
    """Match foods, convert units and compute grams and mg for every item of the log.

    `memo` keeps conversions for the next call (the parts of one streamed study). `columns`
    names the food rows' result columns to write into the items (None: every one); the others
    keep their empty start values. A streamed summary, which keeps only day sums and counts,
    asks for `SUM_COLUMNS`: writing a column of text back over 250,000 rows costs 1-15 ms.
    With `plausible` False the day limits are not checked (`_check_plausible` of the items does it):
    a streamed part resolves one row per distinct line, whose subjects and days are not the rows'.
    """
    import numpy as np
    import pandas as pd

    result = Resolved(items=as_categories(log.copy(deep=False)))
    items = result.items
    items["unit_key"] = per_distinct(items["unit"], canonical_unit, "category")
    empty_codes = np.full(len(items), -1, dtype=np.int8)
    for column, categories in CATEGORY_COLUMNS.items():
        items[column] = pd.Categorical.from_codes(empty_codes, categories=pd.Index(categories, dtype=object))
    items["basis"] = pd.Series(None, index=items.index, dtype="object")
    for column in ("match_score", "grams", "mg"):
        items[column] = np.nan
    items["suggestions"] = _objects(np.full(len(items), None, dtype=object), items.index)
    items["reason"] = pd.Series(pd.NA, index=items.index, dtype="object")

    # Items whose own cells could not be read (mgcheck.pipeline.list_unreadable): listed, not counted.
    unreadable = items["unreadable"].notna() if "unreadable" in items else pd.Series(False, index=items.index)
    # Supplements whose magnesium an export left blank (importers.base.supplements_as_labels): listed, not counted.
    dose_unknown = items["dose_unknown"].eq(True) if "dose_unknown" in items else pd.Series(False, index=items.index)
    labelled = items["kind"].isin(LABEL_KINDS) & ~unreadable & ~dose_unknown
    no_magnesium = _supplements_naming_no_magnesium(items, labelled)
    if no_magnesium.any():
        # 'calcium carbonate,1250,mg' or 'vitamin c,500,mg' logged as supplements were read as that many mg
        # of elemental magnesium (a trial's osteoporosis patient: 'at or above the RDA' and over the UL).
        _list_uncounted(items, no_magnesium.to_numpy(dtype=bool), NO_MAGNESIUM_NAMED)
        result.warnings += _per_file(items.loc[no_magnesium, ["file", "row"]], NO_MAGNESIUM_NAMED_WARNING)
    _resolve_labels(items, labelled & ~no_magnesium, result.problems, result.warnings)
    if dose_unknown.any():
        reason = (
            "magnesium left blank in the export: not counted, so the upper-limit check covers the known doses "
            "only; write the label's mg of elemental magnesium in its magnesium cell to count it"
        )
        # The importer's one warning names them; no error under --strict or in `validate`: the
        # export, not the log, lacks the figure, as before these rows were kept.
        _list_uncounted(items, dose_unknown.to_numpy(dtype=bool), reason)
    # Foods an export marks as not found in its database (Intake24 MISSING): listed, not counted.
    not_found = items["missing_food"].eq(True) if "missing_food" in items else pd.Series(False, index=items.index)
    if not_found.any():
        _list_uncounted(
            items, not_found.to_numpy(dtype=bool), "not in the export's food database (the respondent described it)"
        )

    if unreadable.any():
        reasons = items.loc[unreadable, "unreadable"]
        items["unreadable"] = unreadable.to_numpy(dtype=bool)
        _list_uncounted(items, unreadable.to_numpy(dtype=bool), reasons.to_numpy(dtype=object))
        files = items.loc[unreadable, "file"].astype(str)
        result.unresolved += [
            Problem(str(reason), file, int(row))
            for reason, file, row in zip(reasons, files, items.loc[unreadable, "row"], strict=True)
        ]
        not_found = not_found | unreadable

    has_source_mg = "source_mg" in items and not recompute
    foods = ~labelled & ~not_found & ~dose_unknown
    if has_source_mg:
        from_source = foods & items["source_mg"].notna()
        items.loc[from_source, "mg"] = items.loc[from_source, "source_mg"]
        items.loc[from_source, "status"] = "source"
        items.loc[from_source, "basis"] = "magnesium as stated by the source export"
        if "source_grams" in items:
            items.loc[from_source, "grams"] = items.loc[from_source, "source_grams"]
        foods = foods & ~from_source
    if "food_code" in items:
        foods = foods & ~_codes_not_in_table(items, foods, index, result)

    positions = np.flatnonzero(foods.to_numpy(dtype=bool))
    if positions.size:
        wanted = ["food", "unit", "unit_key", "amount", "file", "row"] + (["food_code"] if "food_code" in items else [])
        needed = items[wanted].iloc[positions]
        resolved = _resolve_foods(needed, index, measures, result, memo or ConversionMemo())
        for column in resolved.columns:
            if columns is None or column in columns:
                _put(items, column, positions, resolved[column])
    for column in ("code_kept", "code_unmatched"):  # only the rows _codes_not_in_table flagged are True
        if column in items:
            items[column] = items[column].eq(True).to_numpy(dtype=bool)
    if "code_fallback" in items:  # rows not matched against the table did not fall back
        items["code_fallback"] = items["code_fallback"].eq(True).to_numpy(dtype=bool)
    for column in ("kcal", "calcium_mg"):
        if column not in items:
            items[column] = np.nan
    if "grams_estimate" not in items:
        items["grams_estimate"] = _objects(np.full(len(items), None, dtype=object), items.index)
    # Outside a range (labels, source figures, single answers) low = high = mg.
    for column in ("mg_low", "mg_high"):
        items[column] = items[column].fillna(items["mg"]) if column in items else items["mg"]
    if "alternatives" not in items:
        items["alternatives"] = _objects(np.full(len(items), None, dtype=object), items.index)
    if plausible:
        _check_plausible(items, result.problems)
    return result


def _codes_not_in_table(items: pd.DataFrame, foods: pd.Series, index: FoodIndex, result: Resolved) -> np.ndarray:
    """Food rows whose only text is their export food code (NHANES writes no description) and whose
    code FNDDS 2017-2018 lacks (another cycle's code, a retired one): no text could match them, so
    matching would only leave them unmatched with advice nobody can follow. Such a row keeps the
    export's own figure (status source, flagged `code_kept`, counted in one warning per file), even
    with --recompute; with the export's figure blank too it is listed, not counted, with a reason
    naming the code (flagged `code_unmatched`: no advice to search for a text it lacks). A row with text (ASA24's description) falls back to its text as before.
    Returns the rows handled here, which are not matched against the table.
    """
    import numpy as np
    import pandas as pd

    handled = np.zeros(len(items), dtype=bool)
    codes = items["food_code"]
    absent = per_distinct(codes, lambda code: str(code) != "" and _code_key(str(code), index) is None, "bool")
    candidates = np.flatnonzero((foods & absent).to_numpy(dtype=bool))
    if not candidates.size:
        return handled
    texts = items["food"].iloc[candidates].astype(str).to_numpy(dtype=object)
    code_only = candidates[texts == codes.iloc[candidates].astype(str).to_numpy(dtype=object)]
    if not code_only.size:
        return handled
    where = handled
    where[code_only] = True
    stated = (
        pd.to_numeric(items["source_mg"], errors="coerce").notna().to_numpy(dtype=bool)
        if "source_mg" in items
        else np.zeros(len(items), dtype=bool)
    )
    kept, blank = where & stated, where & ~stated
    shown = codes.astype(str)
    if kept.any():
        items.loc[kept, "mg"] = pd.to_numeric(items.loc[kept, "source_mg"], errors="coerce")
        if "source_grams" in items:
            items.loc[kept, "grams"] = items.loc[kept, "source_grams"]
        items.loc[kept, "status"] = "source"
        items.loc[kept, "basis"] = [
            f"magnesium as stated by the source export: food code {code} is not in FNDDS 2017-2018"
            for code in shown[kept]
        ]
        items["code_kept"] = kept
        result.warnings += _per_file(
            items.loc[kept, ["file", "row"]],
            "food item(s) kept the export's own magnesium: their food code is not in FNDDS 2017-2018",
            counted=True,
        )
    if blank.any():
        items["code_unmatched"] = blank
        _list_uncounted(
            items,
            blank,
            np.array(
                [
                    f"food code {code} is not in FNDDS 2017-2018 and the export gives no magnesium"
                    for code in shown[blank]
                ],
                dtype=object,
            ),
        )
    return where


def _put(items: pd.DataFrame, column: str, positions: np.ndarray, values: pd.Series) -> None:
    """Write values into rows `positions` of a column: categoricals by code, numbers as floats."""
    import numpy as np
    import pandas as pd

    if isinstance(values.dtype, pd.CategoricalDtype):
        base = items[column] if column in items else pd.Series(None, index=items.index, dtype=object)
        if isinstance(base.dtype, pd.CategoricalDtype):
            base_categories = base.cat.categories
            codes = base.cat.codes.to_numpy(dtype=np.int32, copy=True)
        else:
            # A text column (labels' basis): the rows at `positions` are still empty, so only the
            # others' values become categories; converting every row would cost a million lookups.
            rest = np.ones(len(items), dtype=bool)
            rest[positions] = False
            kept = base[rest].astype("category")
            base_categories = kept.cat.categories
            codes = np.full(len(items), -1, dtype=np.int32)
            codes[rest] = kept.cat.codes.to_numpy(dtype=np.int32)
        categories = base_categories.append(values.cat.categories.difference(base_categories))
        mapping = categories.get_indexer(values.cat.categories)
        value_codes = values.cat.codes.to_numpy()
        lookup = np.append(mapping, -1)  # code -1 (missing) stays missing
        codes[positions] = lookup[value_codes]
        items[column] = pd.Categorical.from_codes(codes, categories=categories)
    elif values.dtype.kind == "f":
        full = items[column].to_numpy(dtype=np.float64, copy=True) if column in items else np.full(len(items), np.nan)
        full[positions] = values.to_numpy(dtype=np.float64)
        items[column] = full
    else:
        full = (
            items[column].to_numpy(dtype=object, copy=True)
            if column in items
            else np.full(len(items), None, dtype=object)
        )
        full[positions] = values.to_numpy(dtype=object)
        items[column] = _objects(full, items.index) if column in _OBJECT_COLUMNS else full


def _objects(values: np.ndarray, index: pd.Index) -> pd.Series:
    """A column of objects as they are (no per-cell look for text or dates): see _OBJECT_COLUMNS."""
    import pandas as pd

    series: pd.Series = pd.Series(values, index=index, dtype=object, copy=False)
    return series


# The key of a row found by its export food code: never a log text (texts are printable).
_CODE_KEY = "\x00code:"


def _match_keys(
    food: pd.DataFrame, index: FoodIndex, result: Resolved
) -> tuple[pd.Series, dict[str, Match], np.ndarray | None]:
    """Per row, the key its match is filed under; the matches; which rows fell back from a code to text.

    A row whose export food code (ASA24 FoodCode, NHANES DRxIFDCD) names a food of the table is
    that food, whatever its text says. A blank, malformed or unknown code falls back to the
    text; those rows are flagged (None when no row carries a code) and named in one warning per file.
    """
    import numpy as np
    import pandas as pd

    from mgcheck.matching import Match

    texts = food["food"]
    carries_code = food["food_code"].notna().to_numpy() if "food_code" in food else np.zeros(len(food), dtype=bool)
    if not carries_code.any():
        return texts, index.match_many([str(text) for text in pd.unique(texts.dropna())]), None
    # One look-up per distinct code; rows keep their text as the key unless their code is found.
    code_keys = per_distinct(food["food_code"], lambda code: _code_key(str(code), index))
    by_code = code_keys.notna().to_numpy()
    keys = code_keys.where(by_code, texts.astype(object))
    matches = index.match_many([str(text) for text in pd.unique(texts[~by_code].dropna())])
    for key in pd.unique(code_keys[by_code]):
        matches[key] = Match(key[len(_CODE_KEY) :], 100.0, "code")
    if by_code.any():
        _warn_codes_the_text_does_not_name(food.loc[by_code], code_keys[by_code], index, result)
    fallback = carries_code & ~by_code
    # One counted warning per file and kind, so a streamed study merges its chunks' rows into one.
    for file, group in food.loc[fallback, ["file", "row", "food_code"]].groupby("file", sort=False, observed=True):
        codes = group["food_code"].astype(str)
        blank = (codes == "").to_numpy()
        well_formed = codes.map(_is_food_code).to_numpy(dtype=bool)
        rows = group["row"].to_numpy()
        for why, chosen in (
            ("code not in FNDDS 2017-2018", well_formed),
            ("code blank", blank),
            ("code malformed", ~blank & ~well_formed),
        ):
            if chosen.any():
                result.warnings.append(
                    RowWarning(
                        str(file),
                        rows[chosen],
                        f"food item(s) matched by their text, not their food code ({why})",
                        counted=True,
                    )
                )
    return keys, matches, fallback


def _warn_codes_the_text_does_not_name(
    coded: pd.DataFrame, keys: pd.Series, index: FoodIndex, result: Resolved
) -> None:
    """One counted warning per file, code and text when an export's own description shares no word
    of its first segment with the FNDDS food its code names ('Oatmeal, ...' under the code of 'Rice,
    cooked, NFS'). The code still names the food (an export's text may be another FNDDS release's
    wording), but a file whose codes and texts disagree was edited or mis-coded: say so, never
    count it silently. A text of digits (NHANES writes the code itself) is not checked.
    """
    import pandas as pd

    pairs = pd.DataFrame(
        {"key": keys.astype(str), "text": coded["food"].astype(str), "file": coded["file"], "row": coded["row"]},
        index=coded.index,
    )
    distinct = pairs[["key", "text"]].drop_duplicates()
    names_it = [_text_names_food(text, key[len(_CODE_KEY) :], index) for key, text in distinct.itertuples(index=False)]
    disagreeing = distinct[[not named for named in names_it]]
    if disagreeing.empty:
        return
    rows = pairs.merge(disagreeing, on=["key", "text"])  # the rows of every disagreeing pair, in order
    for (key, text), pair_rows in rows.groupby(["key", "text"], sort=False):
        food_id = str(key)[len(_CODE_KEY) :]
        message = (
            f"food item(s) whose food code {food_id.removeprefix(FNDDS_PREFIX)} is '{index.names[food_id]}'"
            f" in FNDDS 2017-2018 but whose text says '{text}': counted as the code's food; check the export"
        )
        result.warnings += _per_file(pair_rows, message, counted=True)


def _text_names_food(text: str, food_id: str, index: FoodIndex) -> bool:
    """Whether a word of an export text's first segment ('White potato' of 'White potato, baked')
    is a word of its coded food's name or other names: older FNDDS releases word foods differently."""
    words = [word for word in normalise(text.split(",", 1)[0]).split() if word.isalpha()]
    if not words:
        return True
    names = [index.names[food_id]]
    if "other_names" in index.foods:
        names += index.foods.loc[index.foods["food_id"] == food_id, "other_names"].fillna("").astype(str).tolist()
    return not {word for name in names for word in normalise(name).split()}.isdisjoint(words)


def _is_food_code(code: str) -> bool:
    return code.isdigit() and len(code) == FOOD_CODE_DIGITS


def _code_key(code: str, index: FoodIndex) -> str | None:
    """The match key of the food an export's FNDDS food code names in the index, or None."""
    if not _is_food_code(code):
        return None
    food_id = FNDDS_PREFIX + code
    return _CODE_KEY + food_id if food_id in index.names else None


def _resolve_foods(
    food: pd.DataFrame, index: FoodIndex, measures: pd.DataFrame, result: Resolved, memo: ConversionMemo
) -> pd.DataFrame:
    """Match, convert and compute magnesium for food rows; each text and (food, unit) pair once."""
    import numpy as np
    import pandas as pd

    texts, matches, fallback = _match_keys(food, index, result)
    memo.names, memo.foods = index.names, index.foods
    out = pd.DataFrame(index=food.index)
    out["food_id"] = per_distinct(texts, lambda text: matches[str(text)].food_id, "category")
    out["match_score"] = per_distinct(texts, lambda text: matches[str(text)].score, "float64")
    out["match_method"] = per_distinct(texts, lambda text: matches[str(text)].method, "category")
    matched = out["food_id"].notna().to_numpy()
    # Suggestions and reasons only matter (and are only kept) for unmatched rows.
    out["suggestions"] = _objects(np.full(len(out), None, dtype=object), out.index)
    out["reason"] = _objects(np.full(len(out), None, dtype=object), out.index)  # all None: objects either way
    if not matched.all():
        unmatched_texts = texts[~matched]
        out.loc[~matched, "suggestions"] = per_distinct(unmatched_texts, lambda text: matches[str(text)].suggestions)
        out.loc[~matched, "reason"] = per_distinct(unmatched_texts, lambda text: matches[str(text)].reason)
    out["status"] = pd.Categorical.from_codes(matched.astype(np.int8), categories=pd.Index(["unmatched", "matched"]))

    stated = _units_from_text(food, out, result)
    counted = _counts_from_text(food, out, index, result)
    pieces = _measures_named_in_text(food, out, measures, index, result, memo)
    stated = pieces is not None or stated or counted is not None
    pairs = _convert_pairs(food, out, measures, memo)
    if pairs.failures and _states_from_units(food, texts, out, index, measures, pairs, result, memo):
        pairs = _convert_pairs(food, out, measures, memo)
    moved_from = None  # each row's food before a close variant took its unit, when any did
    if pairs.failures:
        before = out["food_id"].astype(object).to_numpy(copy=True)
        variants = _prefer_variants(food, texts, out, index, measures, pairs, result, memo)
        if variants:
            moved_from = before
            pairs = _convert_pairs(food, out, measures, memo)
    failures = pairs.failures
    amounts = food["amount"].to_numpy(dtype=np.float64)
    out["grams"] = amounts * pairs.grams_per_unit[pairs.codes]
    # More than MOST_PACKS_UNSAID of a blank unit read as a whole pack are pieces, not packs: unresolved below.
    too_many_packs = pairs.pack[pairs.codes] & (amounts > MOST_PACKS_UNSAID)
    if too_many_packs.any():
        out.loc[too_many_packs, "grams"] = np.nan
    basis_codes, basis_texts = pd.factorize(pd.Series(pairs.basis, dtype=object), use_na_sentinel=True)
    out["basis"] = pd.Categorical.from_codes(np.append(basis_codes, -1)[pairs.codes], categories=basis_texts)
    out["grams_estimate"] = pairs.estimate[pairs.codes]
    if pieces is not None and pieces.any():  # one piece the text names stands for a blank unit: an estimate
        _mark_estimates(out, pieces)
    if counted is not None:  # the count read from the text is named in the row's basis
        basis = out["basis"].astype(object).to_numpy(copy=True)
        rows = food.loc[counted, ["food", "amount"]]
        for position, (text, amount) in zip(
            np.flatnonzero(counted).tolist(), rows.itertuples(index=False), strict=True
        ):
            if isinstance(basis[position], str):
                basis[position] = f"{basis[position]}; the count {amount:g} from the text '{text}'"
        out["basis"] = pd.Categorical(basis)
    if moved_from is not None:
        _name_variants(out, moved_from, food, index)
    table_ids, per_gram_columns = _per_gram(index.foods)
    food_codes = out["food_id"].cat.codes.to_numpy()
    # Each matched food's row of the table (-1: none), looked up once for the three columns below.
    table_rows = table_ids.get_indexer(out["food_id"].cat.categories)
    # Names per matched food, spread by code: two foods may share a name ('Blueberries, raw' is in SR28
    # and FNDDS), so the names cannot be the id column's categories renamed.
    name_codes, names = pd.factorize(pd.Series([index.names[f] for f in out["food_id"].cat.categories], dtype=object))
    out["food_name"] = pd.Categorical.from_codes(np.append(name_codes, -1)[food_codes], categories=names)
    for column in PER_GRAM_COLUMNS:
        per_table_row = per_gram_columns.get(column)
        if per_table_row is not None:
            # Per matched food, then spread by code (code -1, no food: NaN).
            per_food = np.append(per_table_row, np.nan)[table_rows]  # row -1 (not in the table): NaN
            per_gram = np.append(per_food, np.nan)[food_codes]
            out[column] = out["grams"] * pd.Series(per_gram, index=out.index)
        else:
            out[column] = np.nan

    _ranges(food, texts, out, index, measures, matches, memo, pairs)

    for (food_id, unit), message in failures.items():
        # Not an error: the item is listed unresolved (not counted); --strict and validate refuse it.
        bad = (out["food_id"] == food_id).to_numpy() & (food["unit_key"] == unit).to_numpy()
        positions = _set_unresolved(out, bad)
        for position, (file, row, written) in zip(
            positions, food.loc[bad, ["file", "row", "unit"]].itertuples(index=False), strict=True
        ):
            shown = f"'{written}'" if str(written).strip() else "a blank unit"
            text = message.replace(f"'{unit}'", shown, 1) if unit else message
            reason = f"{index.names[food_id]} ({food_id}): {text}"
            out.iat[position, out.columns.get_loc("reason")] = reason
            result.unresolved.append(Problem(reason, str(file), int(row)))
    if too_many_packs.any():
        _unresolve_packs(food, out, too_many_packs, index, result, pairs)
    result.warnings += _note_warnings(food, pairs, index, too_many_packs if too_many_packs.any() else None)
    result.warnings += _brand_warnings(food, out, index)
    columns = FOOD_RESULT_COLUMNS
    if stated:
        out["unit"] = food["unit"]
        out["amount"] = food["amount"]
        columns = [*columns, "unit", "amount"]
    if fallback is not None:
        out["code_fallback"] = fallback
        columns = [*columns, "code_fallback"]
    resolved: pd.DataFrame = out[columns]
    return resolved


def _set_unresolved(out: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """Mark `rows` of the resolved foods unresolved ("unmatched": they count toward the share that withholds
    judgement) and their grams no estimate; their positions."""
    import numpy as np
    import pandas as pd

    positions = np.flatnonzero(rows)
    status = out["status"].cat.codes.to_numpy(dtype=np.int8, copy=True)
    status[positions] = 0
    out["status"] = pd.Categorical.from_codes(status, categories=out["status"].cat.categories)
    out["grams_estimate"] = out["grams_estimate"].where(~rows, False)
    return positions


def _unresolve_packs(
    food: pd.DataFrame, out: pd.DataFrame, rows: np.ndarray, index: FoodIndex, result: Resolved, pairs: _Pairs
) -> None:
    """List unresolved the rows whose blank unit was read as a whole pack but whose count is above
    MOST_PACKS_UNSAID ('rice crackers,10,': ten 30 g bags); the reason says what to write instead."""
    import numpy as np
    import pandas as pd

    positions = _set_unresolved(out, rows)
    reasons = out["reason"].to_numpy(dtype=object, copy=True)
    pair_of = pairs.codes[positions]
    files = food["file"].astype(object).to_numpy()[positions]
    row_numbers = food["row"].to_numpy()[positions]
    amounts = food["amount"].to_numpy(dtype=np.float64)[positions]
    said: dict[tuple[int, float], str] = {}  # one reason per distinct (food, unit) pair and amount
    for position, pair, file, row, amount in zip(
        positions.tolist(), pair_of.tolist(), files.tolist(), row_numbers.tolist(), amounts.tolist(), strict=True
    ):
        reason = said.get((pair, amount))
        if reason is None:
            food_id = pairs.pair_food[pair]
            assert food_id is not None
            pack = pairs.conversions[(food_id, pairs.pair_unit[pair])].pack
            reason = said[(pair, amount)] = (
                f"{index.names[food_id]} ({food_id}): {amount:g} with a blank unit would be {amount:g} packs ({pack} "
                "each); a count that large is of pieces: write the unit they were counted in, or the grams"
            )
        reasons[position] = reason
        result.unresolved.append(Problem(reason, str(file), int(row)))
    out["reason"] = _objects(reasons, out.index)
    basis = out["basis"].astype(object).to_numpy(copy=True)
    basis[positions] = None
    out["basis"] = pd.Categorical(basis)


# Item columns computed from a matched food's grams, with the foods table's column per 100 g each takes.
PER_GRAM_COLUMNS = {"mg": "mg_per_100g", "kcal": "kcal_per_100g", "calcium_mg": "calcium_mg_per_100g"}


def _foods_per_gram(foods: pd.DataFrame) -> tuple[pd.Index, dict[str, np.ndarray]]:
    """A foods table's food ids (an index to look foods up in) and, per item column of
    PER_GRAM_COLUMNS whose column the table has, each food's amount per gram (NaN where blank)."""
    import numpy as np
    import pandas as pd

    per_gram = {
        column: (foods[per_100g].astype("float64") / 100.0).to_numpy(dtype=np.float64)
        for column, per_100g in PER_GRAM_COLUMNS.items()
        if per_100g in foods
    }
    return pd.Index(foods["food_id"]), per_gram


# Made once per foods table (the bundled one serves every run of a process), not at every run.
_per_gram = per_table(_foods_per_gram)


def _units_from_text(food: pd.DataFrame, out: pd.DataFrame, result: Resolved) -> bool:
    """Give a blank unit the portion its food text states ('a bowl of cheerios,1,' is 1 bowl,
    'large fries,1,' 1 large, '2 slices of toast,1,' 2 slices), with one warning per text and
    file; True if any row took one.

    A count in the text other than one is the amount when the amount cell says 1, and the same
    portion when the cell repeats the count; with any other amount the row takes nothing from the
    text. A unit cell that is filled is left as it is, whatever the text says.
    """
    import numpy as np

    blank = (food["unit_key"] == "").to_numpy() & out["food_id"].notna().to_numpy()
    if not blank.any():
        return False
    portions = per_distinct(food["food"], portion_in_text).to_numpy(dtype=object)
    amounts = food["amount"].to_numpy(dtype=np.float64)
    counts = np.array([np.nan if portion is None else portion.amount for portion in portions], dtype=np.float64)
    taken = blank & ((counts == 1) | (amounts == counts) | ((amounts == 1) & ~np.isnan(counts)))
    if not taken.any():
        return False
    units = food["unit"].astype(object).to_numpy(copy=True)
    units[taken] = [portion.unit for portion in portions[taken]]
    _set_units(food, units)
    food["amount"] = np.where(taken & (counts != 1), counts, amounts)
    for (text, unit, amount), group in food.loc[taken, ["food", "unit", "amount", "file", "row"]].groupby(
        ["food", "unit", "amount"], sort=False, observed=True
    ):
        stated = f"{amount:g} '{unit}'" if amount != 1 else f"'{unit}'"
        message = f"'{text}': the unit cell is blank; took {stated} from the food text"
        size = getattr(portion_in_text(text), "size_not_counted", None)
        if size:  # "a large glass": mgcheck has no sized glass, and says so rather than drop the size unseen
            message += f"; its size '{size}' is not counted (write the amount in ml to be exact)"
        result.warnings += _per_file(group, message)
    return True


def _counts_from_text(food: pd.DataFrame, out: pd.DataFrame, index: FoodIndex, result: Resolved) -> np.ndarray | None:
    """Take the count a food text writes before the food as the amount of a row with a blank unit ('2
    biscuits,1,' is two biscuits; units.leading_count), with one warning per text and file; the rows
    that took one, or None.

    As for a portion the text states (`_units_from_text`): the count is the amount when the amount cell
    says 1, the same portion when the cell repeats it, and nothing with any other amount (a warning says the
    cell was taken); a blank amount cell is refused as any is. A count the
    matched food's name holds is part of the name, not a count ('3 MUSKETEERS Bar')."""
    import numpy as np

    blank = (food["unit_key"] == "").to_numpy() & out["food_id"].notna().to_numpy()
    if not blank.any():
        return None
    pairs = food.loc[blank, ["food"]].astype(str).assign(food_id=out.loc[blank, "food_id"].astype(str))
    counts: dict[tuple[str, str], float] = {}
    for text, food_id in pairs.drop_duplicates().itertuples(index=False):
        found = leading_count(text)
        if found is None or found[0] == 1 or portion_in_text(text) is not None:
            continue
        written = text.split()[0].lower()
        if written in normalise(index.names[food_id]).split():
            continue
        counts[(text, food_id)] = found[0]
    if not counts:
        return None
    amounts = food["amount"].to_numpy(dtype=np.float64)
    row_counts = np.full(len(food), np.nan)
    row_counts[np.flatnonzero(blank)] = [counts.get(pair, np.nan) for pair in pairs.itertuples(index=False)]
    taken: np.ndarray = ~np.isnan(row_counts) & ((amounts == 1) | (amounts == row_counts))
    other = ~np.isnan(row_counts) & ~taken
    disagreeing = food.loc[other, ["food", "amount", "file", "row"]].assign(count=row_counts[other])
    for (text, amount, count), group in disagreeing.groupby(["food", "amount", "count"], sort=False, observed=True):
        message = f"'{text}': the food text counts {count:g} and the amount cell says {amount:g}; took the amount cell"
        result.warnings += _per_file(group, message)
    if not taken.any():
        return None
    food["amount"] = np.where(taken, row_counts, amounts)
    for (text, amount), group in food.loc[taken, ["food", "amount", "file", "row"]].groupby(
        ["food", "amount"], sort=False, observed=True
    ):
        message = f"'{text}': the unit cell is blank; took the count {amount:g} from the food text"
        result.warnings += _per_file(group, message)
    return taken


# A text's head noun that names the container a food is sold in, for a blank unit: the unit it means.
_CONTAINER_NOUNS = {"cup": "container"}


def _measures_named_in_text(
    food: pd.DataFrame,
    out: pd.DataFrame,
    measures: pd.DataFrame,
    index: FoodIndex,
    result: Resolved,
    memo: ConversionMemo,
) -> np.ndarray | None:
    """Give a blank unit the food's own countable measure that words of its text name and the food's
    name does not ('cherry tomatoes,5,' is five of raw tomatoes' '1 cherry', 17 g, not five medium
    tomatoes; 'salmon fillet,1,' one '1 fillet'), with one warning per text and file; None if none.
    A text stating a portion ('2 slices of toast') is left to `_units_from_text`'s rules. Returns the
    rows given a piece the text and the food's name both say ('chicken drumstick,2,': one drumstick,
    an estimate, since which drumstick is a guess).
    """
    import numpy as np
    import pandas as pd

    from mgcheck.matching import _PARENTHESES, text_head_noun

    blank = (food["unit_key"] == "").to_numpy() & out["food_id"].notna().to_numpy()
    if not blank.any():
        return None
    no_portion = per_distinct(food["food"], lambda text: portion_in_text(str(text)) is None, "bool")
    blank &= no_portion.to_numpy(dtype=bool)
    if not blank.any():
        return None
    pairs = pd.DataFrame(
        {"text": food.loc[blank, "food"].astype(str), "food_id": out.loc[blank, "food_id"].astype(str)}
    )
    distinct = pairs.drop_duplicates()
    found = measures_by_food(measures, distinct["food_id"].unique().tolist())
    named: dict[tuple[str, str], str] = {}
    piece_pairs: set[tuple[str, str]] = set()
    # Pairs whose blank unit counts pieces when the amount is a count of several (`_count_pieces`).
    counts: dict[tuple[str, str], CountedPiece] = {}
    containers: dict[str, str] = {}  # text -> its head noun taken as a container ('applesauce cup': 'cup')
    for text, food_id in distinct.itertuples(index=False):
        text_words = set(normalise(text).split())
        # The words of the name outside parentheses: '(chops)' of 'Pork, ..., top loin (chops), ...' says
        # the cut is sold as chops, so its '1 chop' is one chop ('pork chop,1,'), as a lamb's is.
        own_words = set(normalise(_PARENTHESES.sub(" ", index.names[food_id])).split())
        # The parts of the name after its kind: 'drumstick' of 'Chicken, broilers or fryers, drumstick, ...'.
        own_parts = {normalise(part) for part in index.names[food_id].split(",")[1:]}
        for measure in found.get(food_id, []):
            words = set(measure.head.split())
            # A piece the text names that is a part of the food's name on its own ('drumstick' of SR28 05073
            # 'Chicken, ..., drumstick, meat only', measured with and without skin), for a food whose blank
            # unit is refused (a natural unit, a pizza's slice, is kept): one of that piece ('chicken
            # drumstick,2,'), never the kind itself ('chicken,1,' is no chicken), a crumb ('1 almond' of
            # 'Nuts, almonds') nor a whole joint.
            piece = measure.head.split()[:1]
            if (
                measure.volume_ml is None
                and measure.amount == 1
                and piece
                and piece[0] in own_parts & text_words
                and LEAST_NAMED_UNIT_G <= measure.grams_per_one <= MOST_NAMED_UNIT_G
                and isinstance(memo.convert(food_id, "", found), str)
            ):
                named[(text, food_id)] = piece[0]
                piece_pairs.add((text, food_id))
                break
            # A measure the table counts only by several ('10 fries = 76 g' of oven fries) is no
            # portion one of it: a blank 'oven fries,1,' is not one fry ('1 grape tomato' is one).
            # One the food's name says too ('breast' of 'Chicken, ..., breast, ...') is taken only when
            # the portion file keeps a default of it for that kind of food: 'chicken breast,1,' is one
            # chicken breast, but 'chicken,1,' never 'one chicken'.
            if (
                measure.volume_ml is None
                and words
                and words <= text_words
                and (not words <= own_words or kept_default(measure.head, index.names[food_id]) is not None)
                and measure.amount <= 1
            ):
                named[(text, food_id)] = measure.head
                break
        else:
            head = text_head_noun(text)
            head_unit = _unit_named_by_head(head, text, food_id, index, memo, found, measures) if head else None
            if head is not None and head_unit is not None:
                named[(text, food_id)] = head_unit
                piece_pairs.add((text, food_id))
                if head_unit == _CONTAINER_NOUNS.get(head):
                    containers[text] = head
            elif head is not None and isinstance(memo.convert(food_id, "", found), str):
                countable = counted_piece(
                    head, found.get(food_id, []), index.names[food_id], food_group_of(index.foods, food_id)
                )
                if countable is not None and not isinstance(memo.convert(food_id, countable.unit, found), str):
                    counts[(text, food_id)] = countable
    counted = _count_pieces(food, pairs, blank, counts, result) if counts else None
    if not named:
        return counted
    # Each blank row's measure, looked up by its (text, food) pair in one merge (no per-row Python).
    found_units = pd.DataFrame([(*pair, unit) for pair, unit in named.items()], columns=["text", "food_id", "unit"])
    looked = pairs.merge(found_units, on=["text", "food_id"], how="left")["unit"].to_numpy(dtype=object)
    hit = pd.notna(looked)
    taken = np.zeros(len(food), dtype=bool)
    taken[np.flatnonzero(blank)[hit]] = True
    units = food["unit"].astype(object).to_numpy(copy=True)
    units[taken] = looked[hit]
    _set_units(food, units)
    for (text, unit), group in food.loc[taken, ["food", "unit", "file", "row"]].groupby(
        ["food", "unit"], sort=False, observed=True
    ):
        message = f"'{text}': the unit cell is blank; took the food's measure '{unit}' that the text names"
        if text in containers and unit == _CONTAINER_NOUNS[containers[text]]:
            message = (
                f"'{text}': the unit cell is blank; took the text's '{containers[text]}' as one single-serving {unit}"
            )
        result.warnings += _per_file(group, message)
    is_piece = np.array([(text, food_id) in piece_pairs for text, food_id in pairs.itertuples(index=False)], dtype=bool)
    pieces = np.zeros(len(food), dtype=bool)
    pieces[np.flatnonzero(blank)[is_piece & hit]] = True
    return pieces if counted is None else pieces | counted


def _count_pieces(
    food: pd.DataFrame,
    pairs: pd.DataFrame,
    blank: np.ndarray,
    counts: dict[tuple[str, str], CountedPiece],
    result: Resolved,
) -> np.ndarray | None:
    """Give each blank row whose amount counts several pieces (`units.counted_totals_ok`) the piece its
    text names (`units.counted_piece`): 'almonds,10,' is ten of SR28's '1 almond', 12 g. One warning per
    text, unit and file. A count that may be grams or portions ('almonds,1,', 'almonds,100,') stays refused.
    Returns the rows given a piece (estimates), or None when none is."""
    import numpy as np
    import pandas as pd

    pieces = pd.DataFrame(
        [(text, food_id, unit, grams, np.nan if serving is None else serving)
         for (text, food_id), (unit, grams, serving) in counts.items()],
        columns=["text", "food_id", "piece", "piece_g", "serving_g"],
    )  # fmt: skip
    # Each blank row's piece, by its (text, food) pair in one merge, as `named` units are.
    looked = pairs.merge(pieces, on=["text", "food_id"], how="left")
    amounts = food["amount"].to_numpy(dtype=np.float64)[blank]
    ok = counted_totals_ok(amounts, looked["piece_g"].to_numpy(dtype=np.float64), looked["serving_g"].to_numpy())
    if not ok.any():
        return None
    taken = np.zeros(len(food), dtype=bool)
    taken[np.flatnonzero(blank)[ok]] = True
    units = food["unit"].astype(object).to_numpy(copy=True)
    units[taken] = looked["piece"].to_numpy(dtype=object)[ok]
    _set_units(food, units)
    grams_of = {(text, unit): grams for (text, _), (unit, grams, _) in counts.items()}
    for (text, unit), group in food.loc[taken, ["food", "unit", "file", "row"]].groupby(
        ["food", "unit"], sort=False, observed=True
    ):
        message = (
            f"'{text}': the unit cell is blank; took the amount as a count of the food's '{unit}' "
            f"({grams_of[(str(text), str(unit))]:g} g each); write the unit to be exact"
        )
        result.warnings += _per_file(group, message)
    return taken


def _unit_named_by_head(
    head: str,
    text: str,
    food_id: str,
    index: FoodIndex,
    memo: ConversionMemo,
    found: dict[str, list[Measure]],
    measures: pd.DataFrame,
) -> str | None:
    """The unit the noun the text is about (`head`, `matching.text_head_noun`) gives a blank unit the food
    otherwise refuses, else None.

    It names one of the food's pieces: 'rice cakes,1,' is one of SR28 19816's '1 cake' (9 g), an estimate.
    The noun the person wrote, never a word of the food's name: 'potato cooked in skin' is no skin. A cup
    (_CONTAINER_NOUNS) is the container the food comes in: 'applesauce cup,1,' is one single-serving
    container, the food's own or a close variant's (`_prefer_variants`: FNDDS applesauce's 113 g snack size
    container); a written cup ('applesauce,1,cup') stays 8 fl oz, and a drink's cup is a cup of it. With
    neither, the blank unit stays refused as it was. A raw food's cup ('peach cup,1,') is never the whole
    raw fruit: its packed variant's container, or refused.
    """
    name = index.names[food_id]
    refused = isinstance(memo.convert(food_id, "", found), str)
    # A raw food's blank unit is its whole piece ('peach cup,1,' was one raw medium peach, 150 g): a cup
    # the text says it comes in is never that.
    raw = head in _CONTAINER_NOUNS and any(normalise(part) == "raw" for part in name.split(","))
    if not refused and not raw:
        return None
    group = food_group_of(index.foods, food_id)
    if head in _CONTAINER_NOUNS and not is_drink(name, group):
        # A raw food's cup is its packed form's container (canned peaches' for 'peach cup') or, with
        # none, refused ('banana cup': no whole banana).
        container = _CONTAINER_NOUNS[head]
        if (
            raw
            or not isinstance(memo.convert(food_id, container, found), str)
            or memo.variant(index, text, food_id, container, measures)
        ):
            return container
        return None
    if not refused:
        return None
    counted = piece_named_by_head(head, found.get(food_id, []), name, group)
    if counted is not None and not isinstance(memo.convert(food_id, counted, found), str):
        return counted
    return None


def _mark_estimates(out: pd.DataFrame, rows: np.ndarray) -> None:
    """Label the converted items of `rows` estimates, in their flag and basis."""
    import numpy as np
    import pandas as pd

    converted = rows & out["grams"].notna().to_numpy()
    out["grams_estimate"] = np.where(converted, True, out["grams_estimate"].to_numpy())
    basis = out["basis"].astype(object).to_numpy(copy=True)
    for position in np.flatnonzero(converted).tolist():
        if isinstance(basis[position], str) and not basis[position].startswith("estimate: "):
            basis[position] = f"estimate: {basis[position]}"
    out["basis"] = pd.Categorical(basis)


def _set_units(food: pd.DataFrame, units: np.ndarray) -> None:
    """Write new unit cells into the food rows, with their canonical keys."""
    import pandas as pd

    food["unit"] = pd.Series(units, index=food.index).astype("category")
    food["unit_key"] = per_distinct(food["unit"], canonical_unit, "category")


def _per_file(rows: pd.DataFrame, message: str, counted: bool = False) -> list[str]:
    """One `RowWarning` per file for the rows of `rows` (columns file, row), files in the order they come."""
    return [
        RowWarning(str(file), in_file.to_numpy(), message, counted=counted)
        for file, in_file in rows.groupby("file", sort=False, observed=True)["row"]
    ]


def _brand_warnings(food: pd.DataFrame, out: pd.DataFrame, index: FoodIndex) -> list[str]:
    """One warning per matched text and file that names a brand the tables do not have
    ('walkers crisps'): the generic food was matched, and the report says so."""

    from mgcheck.matching import brand_words

    brands = brand_words()
    warnings: list[str] = []
    matched = out["food_id"].notna().to_numpy()
    # Decided per distinct text; rows take the answer by their code (no per-row Python).
    names_brand = per_distinct(food["food"], lambda text: not brands.isdisjoint(normalise(str(text)).split()), "bool")
    has_brand = matched & names_brand.to_numpy(dtype=bool)
    if not has_brand.any():
        return warnings
    frame = food.loc[has_brand, ["food", "file", "row"]].assign(food_id=out.loc[has_brand, "food_id"].astype(object))
    for (text, food_id, file), group in frame.groupby(["food", "food_id", "file"], sort=False, observed=True):
        words = ", ".join(dict.fromkeys(w for w in re.findall(r"[\w'&]+", str(text)) if normalise(w) in brands))
        warnings.append(
            RowWarning(
                str(file),
                group["row"],
                f"'{text}': the brand '{words}' is not in the food tables; matched the generic food "
                f"{index.names[str(food_id)]} ({food_id})",
            )
        )
    return warnings


def _note_warnings(
    food: pd.DataFrame, pairs: _Pairs, index: FoodIndex, unresolved: np.ndarray | None = None
) -> list[str]:
    """One warning per (food, unit) pair whose conversion carries a note, and per file: its first rows
    (not the rows `unresolved` marks: their reason says why instead).

    The rows of every noted pair are found in one pass over the pair codes (not one pass per pair).
    """
    import numpy as np

    noted = pairs.noted[pairs.codes]
    rows = np.flatnonzero(noted if unresolved is None else noted & ~unresolved)
    if not rows.size:
        return []
    rows = rows[np.argsort(pairs.codes[rows], kind="stable")]  # by pair, each pair's rows in order
    starts = np.flatnonzero(np.diff(pairs.codes[rows], prepend=-2))
    file_codes, files = _codes(food["file"])
    file_codes = file_codes[rows]
    row_numbers = food["row"].to_numpy()[rows]
    warnings: list[str] = []
    for start, end in zip(starts, [*starts[1:], len(rows)], strict=True):
        position = int(pairs.codes[rows[start]])
        food_id = pairs.pair_food[position]
        assert food_id is not None
        note = pairs.conversions[(food_id, pairs.pair_unit[position])].note
        pair_files = file_codes[start:end]
        for file_code in dict.fromkeys(pair_files.tolist()):  # files in the order their rows come
            in_file = row_numbers[start:end][pair_files == file_code].tolist()  # ints: RowWarning reads each
            warnings.append(RowWarning(str(files[file_code]), in_file, f"{index.names[food_id]}: {note}"))
    return warnings


# Defensible alternatives whose magnesium for the portion eaten differs by more than this share
# (of the lowest) make the item a range.
RANGE_SHARE = 0.25
# ... and by at least this many mg for the portion eaten: a range under 1 mg is no ambiguity that matters.
# The report gives day totals, means, the gap to the RDA and every verdict in whole mg (the EAR and RDA are
# whole mg), so a choice that moves a row by under 1 mg changes none of them; a share alone makes near-zero
# foods ranges (SR28 'Candies, gumdrops' 0 or 'Dietetic gumdrops' 1 mg per 100 g is over 25% apart, yet
# under 0.3 mg an oz). An alias row's alternatives and a fuzzy match's near-ties are judged alike.
RANGE_FLOOR_MG = 1.0


def _ranges(
    food: pd.DataFrame,
    keys: pd.Series,
    out: pd.DataFrame,
    index: FoodIndex,
    measures: pd.DataFrame,
    matches: dict[str, Match],
    memo: ConversionMemo,
    pairs: _Pairs,
) -> None:
    """mg_low / mg_high / alternatives per item: the range over the matched food and its alternatives.

    A conversion that carries a range of grams (several of the food's measures fit the unit: a Polish
    sausage is a 75 g link or a 227 g sausage) makes the item's own range. Each alternative takes the
    row's own amount and unit (its own measures, and their range); one that cannot take the unit is
    left out. Where the range is within RANGE_SHARE, or its ends differ by under RANGE_FLOOR_MG,
    mg_low = mg_high = mg and no alternatives are shown. Only texts with alternatives are visited, each (text, unit) once.
    """
    import numpy as np

    mg = out["mg"].to_numpy(dtype=np.float64, copy=True)
    mg_low = mg * pairs.low_share[pairs.codes]
    mg_high = mg * pairs.high_share[pairs.codes]
    alternatives = np.full(len(out), None, dtype=object)
    ambiguous = {text: m for text, m in matches.items() if m.food_id is not None and m.alternatives}
    if ambiguous:
        # Rows are found by integer codes of their text and unit, not by comparing strings.
        text_codes, text_values = _codes(keys)
        code_of = {str(text): code for code, text in enumerate(text_values)}
        unit_codes, unit_values = _codes(food["unit_key"])
        amounts = food["amount"].to_numpy(dtype=np.float64)
        counted = out["food_id"].notna().to_numpy() & ~np.isnan(mg)
        per_100g = index.mg_per_100g
        wanted = {f for m in ambiguous.values() for f in m.alternatives}
        alternative_measures = memo.food_measures(measures, wanted)
        for text, match in ambiguous.items():
            if text not in code_of:
                continue
            rows = np.flatnonzero((text_codes == code_of[text]) & counted)
            row_units = unit_codes[rows]
            for unit_code in dict.fromkeys(row_units.tolist()):
                same = rows[row_units == unit_code]
                unit = str(unit_values[unit_code])
                values = [mg_low[same], mg_high[same]]
                taken = []
                for alternative in match.alternatives:
                    conversion = memo.convert(alternative, unit, alternative_measures)
                    if isinstance(conversion, str):
                        continue
                    for grams in conversion.grams_range or (conversion.grams_per_unit,):
                        values.append(amounts[same] * grams * per_100g[alternative] / 100.0)
                    taken.append(alternative)
                stacked = np.vstack(values)
                low, high = stacked.min(axis=0), stacked.max(axis=0)
                wide = (high > (1.0 + RANGE_SHARE) * low) & (high - low >= RANGE_FLOOR_MG)
                mg_low[same[wide]] = low[wide]
                mg_high[same[wide]] = high[wide]
                for position in same[wide]:
                    alternatives[position] = tuple(taken)
    out["mg_low"] = mg_low
    out["mg_high"] = mg_high
    out["alternatives"] = _objects(alternatives, out.index)


def _codes(column: pd.Series) -> tuple[np.ndarray, Any]:
    """Each row's integer code (-1: missing) and the values the codes stand for: a categorical's own
    codes and categories (unused ones included), else `pd.factorize`."""
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), column.cat.categories
    return cast("tuple[np.ndarray, Any]", pd.factorize(column, use_na_sentinel=True))


@dataclass
class ConversionMemo:
    """Parsed measures and unit conversions made so far; a streamed study shares one across its
    parts (mgcheck.stream), so each food's measures are parsed and each (food, unit) pair is
    converted once, not once per part."""

    measures: dict[str, list[Measure]] = field(default_factory=dict)
    """Each food's parsed measures (empty: the food has none)."""
    conversions: dict[tuple[str, str], Conversion | str] = field(default_factory=dict)
    """Each (food, canonical unit) pair's conversion, or why the food cannot take the unit."""
    names: dict[str, str] = field(default_factory=dict)
    """Each food's table name, which chooses a default kept for one kind of food (a wine's bottle)."""
    foods: pd.DataFrame | None = None
    """The index's foods table, whose food groups choose a serving of no stated size and a drink's can."""
    variants: dict[tuple[str, str, str], tuple[str, Conversion] | None] = field(default_factory=dict)
    """`variant_taking_unit` of each (text, food, unit) asked (None: no close variant takes the unit)."""

    def food_measures(self, measures: pd.DataFrame, food_ids: set[str]) -> dict[str, list[Measure]]:
        """The memo's measures, with those of `food_ids` parsed from `measures` if not yet there."""
        missing = [food_id for food_id in food_ids if food_id not in self.measures]
        if missing:
            found = measures_by_food(measures, missing)
            for food_id in missing:
                self.measures[food_id] = found.get(food_id, [])
        return self.measures

    def convert(self, food_id: str, unit: str, food_measures: dict[str, list[Measure]]) -> Conversion | str:
        """`convert_unit` of the pair, or the UnitError's message; each pair once."""
        key = (food_id, unit)
        if key not in self.conversions:
            try:
                self.conversions[key] = convert_unit(
                    unit, food_measures.get(food_id, []), self.names.get(food_id, ""), self.group(food_id, unit)
                )
            except UnitError as error:
                self.conversions[key] = str(error)
        return self.conversions[key]

    def group(self, food_id: str, unit: str) -> str:
        """The food's group when the unit depends on it (a serving, a can), else ''."""
        if unit not in GROUP_UNITS or self.foods is None:
            return ""
        return food_group_of(self.foods, food_id)

    def variant(
        self, index: FoodIndex, text: str, food_id: str, unit: str, measures: pd.DataFrame
    ) -> tuple[str, Conversion] | None:
        """`variant_taking_unit` of the text, food and unit, each once: the parts of a study repeat them,
        and each search ranks the text and reads measures (10-30 ms)."""
        key = (text, food_id, unit)
        if key not in self.variants:
            self.variants[key] = variant_taking_unit(index, text, food_id, unit, measures)
        return self.variants[key]


@dataclass
class _Pairs:
    """Conversions of the distinct (food, unit) pairs of some rows; `codes` maps each row to its pair."""

    codes: np.ndarray
    grams_per_unit: np.ndarray
    basis: np.ndarray
    estimate: np.ndarray
    pair_food: list[str | None]
    pair_unit: list[str]
    conversions: dict[tuple[str, str], Conversion]
    failures: dict[tuple[str, str], str]
    noted: np.ndarray
    """Per pair, whether its conversion carries a note, and False in one slot more (rows of no pair)."""
    low_share: np.ndarray
    high_share: np.ndarray
    """Per pair, the lightest and heaviest grams its conversion's range allows, as shares of its grams (1: none)."""
    pack: np.ndarray
    """Per pair, whether a blank unit was read as one whole pack (`Conversion.pack`), False one slot more."""


def _convert_pairs(food: pd.DataFrame, out: pd.DataFrame, measures: pd.DataFrame, memo: ConversionMemo) -> _Pairs:
    """Convert each distinct (food, unit) pair once (once across a study's parts, with the memo); one
    integer key per pair."""
    import numpy as np
    import pandas as pd

    food_codes = out["food_id"].cat.codes.to_numpy(dtype=np.int64)
    unit_codes = food["unit_key"].cat.codes.to_numpy(dtype=np.int64)
    pair_codes, pair_keys = pd.factorize(food_codes * (len(food["unit_key"].cat.categories) + 1) + unit_codes)
    food_categories = out["food_id"].cat.categories
    unit_categories = food["unit_key"].cat.categories
    keys = np.asarray(pair_keys, dtype=np.int64)
    has_food = keys >= 0
    pair_food: list[str | None] = [None] * len(keys)
    for position, food_id in zip(
        np.flatnonzero(has_food).tolist(),
        food_categories.to_numpy(dtype=object)[keys[has_food] // (len(unit_categories) + 1)].tolist(),
        strict=True,
    ):
        pair_food[position] = food_id
    pair_unit: list[str] = unit_categories.to_numpy(dtype=object)[keys % (len(unit_categories) + 1)].tolist()
    food_measures = memo.food_measures(measures, {f for f in pair_food if f is not None})
    # Each pair's figures gathered in lists (a list item is set faster than an array's) and made arrays once.
    grams_per_unit: list[float] = [np.nan] * len(keys)
    basis: list[str | None] = [None] * len(keys)
    estimate = [False] * len(keys)
    noted = [False] * (len(keys) + 1)
    low_share = [1.0] * len(keys)
    high_share = [1.0] * len(keys)
    pack = [False] * (len(keys) + 1)
    conversions: dict[tuple[str, str], Conversion] = {}
    failures: dict[tuple[str, str], str] = {}
    for position, (food_id, unit) in enumerate(zip(pair_food, pair_unit, strict=True)):
        if food_id is None:
            continue
        conversion = memo.convert(food_id, unit, food_measures)
        if isinstance(conversion, str):
            failures[(food_id, unit)] = conversion
            continue
        conversions[(food_id, unit)] = conversion
        grams_per_unit[position] = conversion.grams_per_unit
        basis[position] = conversion.basis
        estimate[position] = conversion.estimate
        noted[position] = bool(conversion.note)
        pack[position] = conversion.pack is not None
        if conversion.grams_range is not None:
            low, high = conversion.grams_range
            low_share[position] = low / conversion.grams_per_unit
            high_share[position] = high / conversion.grams_per_unit
    return _Pairs(
        codes=pair_codes,
        grams_per_unit=np.array(grams_per_unit, dtype=np.float64),
        basis=np.array(basis, dtype=object),
        estimate=np.array(estimate, dtype=bool),
        pair_food=pair_food,
        pair_unit=pair_unit,
        conversions=conversions,
        failures=failures,
        noted=np.array(noted, dtype=bool),
        low_share=np.array(low_share, dtype=np.float64),
        high_share=np.array(high_share, dtype=np.float64),
        pack=np.array(pack, dtype=bool),
    )


# Words that make a food another food, not a variant of one the text or the matched food does not call so:
# 'bacon,4,strips' (pork bacon, whose slices are no strips) was 'Bacon, meatless' (16104) for its strip.
_ANOTHER_FOOD = ("meatless", "vegetarian", "vegan", "imitation", "substitute")


def variant_taking_unit(
    index: FoodIndex, text: str, food_id: str, unit: str, measures: pd.DataFrame
) -> tuple[str, Conversion] | None:
    """A close variant of the matched food that can take `unit` (`kidney beans, canned` + cup), or None.

    Close: among the top candidates of `FoodIndex.search` for the text, scoring at least
    VARIANT_MIN_SCORE, its name holds every word of the text as written, it carries no marked
    word the text does not say (data/marked_words.csv: 'custard' is never 'Egg custards, dry mix'),
    and its head (`head_phrase`) is the matched food's or a word of the text.
    """
    from mgcheck.matching import head_phrase
    from mgcheck.text import singular

    # The text's food words as the matcher reads them: regional words translated ('sweetcorn' -> sweet
    # corn) and form words dropped ('chopped tomatoes' -> tomato), so 'tin' finds the canned variant.
    words = set(index.query_key(text).split())
    said = f" {normalise(text)} "
    # A variant is the matched food's own kind ('Beans, kidney, canned' for 'Beans, kidney, boiled'),
    # or a kind the text names: never 'Crackers, melba toast' for toast.
    kinds = (
        {*head_phrase(index.names[food_id])[0], *(singular(word) for word in words)}
        if food_id in index.names
        else set()
    )
    said_words = set(said.split())
    matched_name = f" {normalise(index.names.get(food_id, ''))} "
    unsaid_marks = [
        f" {marked} "
        for marked in index.marked_words
        if f" {marked} " not in said and not index.says_marked(said_words, marked)
    ] + [f" {word} " for word in _ANOTHER_FOOD if f" {word} " not in said and f" {word} " not in matched_name]
    # Foods a variant may not add: any the tables list on their own that the text and the matched food do not name.
    named = {*normalise(text).split(), *words, *normalise(index.names.get(food_id, "")).split()}
    # The alias table's alternatives for the text ('kfc chicken': every piece of both recipes) first: they
    # are other readings of it, though not names the search scores (`FoodIndex.build`).
    listed = index.alias_foods.get(normalise(text), ())
    scores = {candidate: 100.0 for candidate in listed if candidate != food_id and candidate in index.names}
    scores |= {
        candidate: score
        for candidate, score in index.search(text, VARIANT_CANDIDATES)
        if candidate != food_id and candidate not in scores and score >= VARIANT_MIN_SCORE and candidate in index.names
    }
    candidates = list(scores)
    if not words or not candidates:
        return None
    # A variant comes from the matched food's own table first (SR28's "canned", not an FNDDS dish); within
    # a run of candidates the search scores alike, the nearest the matched food by the words their names
    # share first: 'kfc chicken' + breast, matched to KFC's ORIGINAL RECIPE Thigh, is the ORIGINAL RECIPE
    # Breast, not the EXTRA CRISPY one the search lists first at the same score.
    second = index.second_table
    matched_words = set(normalise(index.names.get(food_id, "")).split())
    changes = (int(not math.isclose(scores[a], scores[b])) for a, b in pairwise([candidates[0], *candidates]))
    runs = list(accumulate(changes))
    run_of = dict(zip(candidates, runs, strict=True))
    candidates.sort(
        key=lambda candidate: (
            (candidate in second) != (food_id in second),
            run_of[candidate],
            -len(matched_words & set(normalise(index.names[candidate]).split())),
        )
    )
    found: dict[str, list[Measure]] = measures_by_food(measures, candidates)
    other_names = _other_names_of(index, candidates)
    for candidate in candidates:
        name = normalise(index.names[candidate])
        if any(marked in f" {name} " for marked in unsaid_marks):
            continue
        # Every word of the text in the name, or in one of its FNDDS additional descriptions, which count as
        # names: 'mandarin orange cup' is FNDDS "Orange, canned, NFS" ('mandarin orange, NFS').
        if not words <= set(name.split()) and not any(
            words <= set(name.split()) | set(normalise(other).split()) for other in other_names.get(candidate, [])
        ):
            continue
        if kinds and not set(head_phrase(index.names[candidate])[0]) & kinds:
            continue
        if _adds_a_food(index, index.names[candidate], named):
            continue
        try:
            group = food_group_of(index.foods, candidate) if unit in GROUP_UNITS else ""
            return candidate, convert_unit(unit, found.get(candidate, []), index.names[candidate], group)
        except UnitError:
            continue
    return None


def _other_names_of(index: FoodIndex, food_ids: list[str]) -> dict[str, list[str]]:
    """The FNDDS additional descriptions (other names) of `food_ids` that have any."""
    foods = index.foods
    if foods is None or "other_names" not in foods:
        return {}
    rows = foods.loc[foods["food_id"].isin(food_ids), ["food_id", "other_names"]].dropna()
    return {
        str(food_id): [name.strip() for name in str(other).split(";") if name.strip()]
        for food_id, other in rows.itertuples(index=False)
    }


def _adds_a_food(index: FoodIndex, name: str, named: set[str]) -> bool:
    """Whether a variant's table name adds a food the tables list on their own that `named` lacks:
    'Strawberry milk, reduced fat' for semi-skimmed milk, 'Walnuts, honey roasted' for walnuts. What a
    food is cooked or packed in ('Peaches, canned, heavy syrup'), what an NFS entry leaves open ('Tuna,
    canned, NS as to oil or water pack') and a variety named after a word of the text ('black turtle'
    beans) add none."""
    from mgcheck.matching import _COOKING, _DISH_MAKING, _MEDIA, head_phrase
    from mgcheck.text import singular

    assert index.scorer is not None
    said = {singular(word) for word in named}
    beside = said - set(head_phrase(name)[0])  # the text's words other than the variant's head
    for part in _NAME_PARTS.split(name.lower()):
        if part.strip().startswith(("ns as to", "nfs")):
            continue
        ordered = [singular(word) for word in normalise(part).split()]
        # A preparation that makes another dish of the food ('Rice, fried' of rice, 'Eggs, scrambled'),
        # as matching judges it (_DISH_MAKING): a dish the text never said.
        if (set(normalise(part).split()) & _DISH_MAKING) - said - set(named):
            return True
        # Beside a word of the text, only the words before it add to it ('Honey Nut Shredded Wheat');
        # those after it name its variety ('black turtle').
        first = next((i for i, word in enumerate(ordered) if word in beside), len(ordered))
        words = set(ordered[:first])
        if not (words - said - _MEDIA - set(_COOKING)).isdisjoint(index.scorer.foods):
            return True
    return False


def _warn_rows(food: pd.DataFrame, rows: np.ndarray, result: Resolved, message: str) -> None:
    """One warning per file naming the given rows."""
    for file, group in food.loc[rows, ["file", "row"]].groupby("file", sort=False, observed=True):
        result.warnings.append(RowWarning(str(file), group["row"], message))


def _set_rows(frame: pd.DataFrame, column: str, rows: np.ndarray, value: str) -> None:
    """Set a categorical column to one value on some rows, adding the value as a category if new."""
    if value not in frame[column].cat.categories:
        frame[column] = frame[column].cat.add_categories([value])
    frame.loc[rows, column] = value


def _failing_pairs(pairs: _Pairs) -> Iterator[tuple[int, str, str, np.ndarray]]:
    """Each (food, unit) pair whose conversion failed, in pair order: its position, food, unit and rows."""
    for position, (food_id, unit) in enumerate(zip(pairs.pair_food, pairs.pair_unit, strict=True)):
        if food_id is not None and (food_id, unit) in pairs.failures:
            yield position, food_id, unit, pairs.codes == position


def _written_texts(texts: np.ndarray, in_pair: np.ndarray) -> Iterator[tuple[str, np.ndarray]]:
    """Each distinct text of a pair's rows with those rows, leaving out rows named by an export food code
    (the code, not the text, says what was eaten)."""
    import pandas as pd

    for text in pd.unique(texts[in_pair]):
        if not str(text).startswith(_CODE_KEY):
            yield str(text), in_pair & (texts == text)


def _first_part(name: str) -> str:
    """A food name's first comma-separated part, normalised: 'spinach' of 'Spinach, cooked, boiled'."""
    return normalise(name.split(",")[0])


def _states_from_units(
    food: pd.DataFrame,
    keys: pd.Series,
    out: pd.DataFrame,
    index: FoodIndex,
    measures: pd.DataFrame,
    pairs: _Pairs,
    result: Resolved,
    memo: ConversionMemo,
) -> bool:
    """Re-match rows whose unit says the food's state ('spinach,1,cup cooked', `units.unit_and_state`) and
    which their food refuses: the state joins the text ('spinach cooked': SR28 11458, cooked spinach) and
    the unit keeps its measure ('cup'), with a warning. A cup of cooked spinach is 180 g, one of raw
    spinach 30 g: the word is never dropped. A food whose name says the state already keeps the rows, by
    the measure. Rows whose text with the state matches nothing that takes the unit stay refused as they
    were. Returns whether any row moved."""
    moved = False
    texts = keys.astype(object).to_numpy()
    for _, food_id, unit, in_pair in _failing_pairs(pairs):
        split = unit_and_state(unit)
        if split is None:
            continue
        base, state = split
        # Only a bundled food is re-matched: a clinic's own food or dish is what the clinic wrote.
        if table_of(food_id) is None or index.rank.get(food_id, -1) < 0:
            continue
        # A food whose name says the state already ('Chicken, ..., breast, meat only, cooked, roasted' for
        # 'chicken breast,150,g cooked') is kept, by the unit's measure.
        if name_says_state(index.names[food_id], food_group_of(index.foods, food_id), state):
            _set_rows(food, "unit_key", in_pair, base)
            moved = True
            continue
        for text, rows in _written_texts(texts, in_pair):
            said = set(normalise(text).split())
            query = " ".join([text, *(word for word in state if word not in said)])
            match = index.match_many([query])[query]
            found_id = match.food_id
            # The state's own form of the same food, or nothing: its name says the state in the table's
            # words and it is the food first matched by its first part ('Spinach, raw' -> 'Spinach,
            # cooked, boiled'); 'flour cooked' as roasted soy flour, 'apricot dry' as raw apricots or
            # 'canned black beans cooked' as black bean soup would be another food's figure.
            if (
                found_id is None
                or table_of(found_id) is None
                or not name_says_state(index.names[found_id], food_group_of(index.foods, found_id), state)
                or _first_part(index.names[found_id]) != _first_part(index.names[food_id])
            ):
                continue
            found = memo.food_measures(measures, {found_id})
            if isinstance(memo.convert(found_id, base, found), str):
                continue
            _set_rows(out, "food_id", rows, found_id)
            _set_rows(out, "match_method", rows, match.method)
            out.loc[rows, "match_score"] = match.score
            _set_rows(food, "unit_key", rows, base)
            _warn_rows(
                food, rows, result,
                f"'{text}' with the unit '{unit}': '{' '.join(state)}' says what was eaten, so the food "
                f"is '{query}', {index.names[found_id]} ({found_id}), by the {base}",
            )  # fmt: skip
            moved = True
    if moved:
        out["food_id"] = out["food_id"].cat.remove_unused_categories()
        food["unit_key"] = food["unit_key"].cat.remove_unused_categories()
    return moved


def _prefer_variants(
    food: pd.DataFrame,
    keys: pd.Series,
    out: pd.DataFrame,
    index: FoodIndex,
    measures: pd.DataFrame,
    pairs: _Pairs,
    result: Resolved,
    memo: ConversionMemo,
) -> bool:
    """Re-point rows whose food cannot take their unit to a close variant that can; True if any moved.

    A food named by its export food code is kept: the code, not the text, says what was eaten.
    So is a food given with a blank unit or a count word: it takes its own natural unit or stays unresolved.
    """
    moved = False
    texts = keys.astype(object).to_numpy()
    for _, food_id, unit, in_pair in _failing_pairs(pairs):
        if not unit or unit in COUNT_WORDS:
            # A blank unit or a count word ('piece', 'each') is the food's own natural unit or nothing: another
            # food that has one ('pretzels' -> soft pretzels, 'turkey,1,piece' -> a ground-turkey patty) is a guess.
            continue
        for text, rows in _written_texts(texts, in_pair):
            variant = memo.variant(index, text, food_id, unit, measures)
            if variant is None:
                continue
            variant_id = variant[0]
            _set_rows(out, "food_id", rows, variant_id)
            _warn_rows(
                food, rows, result,
                f"'{text}': {index.names[food_id]} ({food_id}) has no '{unit}' "
                f"measure; used the close variant {index.names[variant_id]} ({variant_id})",
            )  # fmt: skip
            moved = True
    if moved:
        out["food_id"] = out["food_id"].cat.remove_unused_categories()
    return moved


def _name_variants(out: pd.DataFrame, moved_from: np.ndarray, food: pd.DataFrame, index: FoodIndex) -> None:
    """Name in each row's basis the food a close variant stood in for: 'houmous,1,pot' is FNDDS 'Hummus,
    plain' because SR28 'Hummus, commercial', which 'houmous,70,g' is, has no pot (trial 2 finding 8: the
    unit changed the food, 45 against 71 mg per 100 g, and only a warning, hidden by --quiet, said so)."""
    import numpy as np
    import pandas as pd

    now = out["food_id"].astype(object).to_numpy()
    basis = out["basis"].astype(object).to_numpy(copy=True)
    units = food["unit_key"].astype(object).to_numpy()
    for position in np.flatnonzero(now != moved_from).tolist():
        first = moved_from[position]
        if isinstance(basis[position], str) and isinstance(first, str):
            basis[position] = (
                f"{basis[position]}; a close variant of {index.names.get(first, first)} ({first}), "
                f"which has no '{units[position]}' measure"
            )
    out["basis"] = pd.Categorical(basis)


def _check_plausible(items: pd.DataFrame, problems: list[Problem]) -> None:
    """Refuse amounts no person eats in a day: they are typos (g for mg, an extra zero)."""
    import numpy as np

    # Figures an export states (status "source") are checked like computed ones.
    matched = (items["status"].isin(["matched", "source"]) & items["grams"].notna()).to_numpy(dtype=bool)
    # No day's total can pass a limit that all the log's amounts together do not: most logs are
    # cleared by one sum, without the per-day group-bys (milliseconds of every run).
    if _positive_sum(items["grams"].to_numpy(dtype=np.float64)[matched]) > MAX_FOOD_GRAMS_PER_DAY:
        _check_food_days(items, matched, problems)
    _check_stated(items, problems)
    is_label = (items["status"] == "label").to_numpy(dtype=bool)
    if _positive_sum(items["mg"].to_numpy(dtype=np.float64)[is_label]) <= MAX_SUPPLEMENT_MG_PER_DAY:
        return
    labels = items.loc[is_label, ["subject", "date", "file", "row", "mg"]]
    per_day = group_sums(labels, ["subject", "date"], "mg")
    for file, row in labels.loc[per_day > MAX_SUPPLEMENT_MG_PER_DAY, ["file", "row"]].itertuples(index=False):
        problems.append(
            Problem(
                f"supplemental magnesium over {MAX_SUPPLEMENT_MG_PER_DAY / 1000:g} g in a day is not plausible; "
                "amounts are mg of elemental magnesium",
                str(file),
                int(row),
            )
        )


def _positive_sum(values: np.ndarray) -> float:
    """The sum of the positive values (missing ones left out): no group of them sums to more."""
    import numpy as np

    return float(np.nansum(np.clip(values, 0.0, None)))


def _check_food_days(items: pd.DataFrame, matched: np.ndarray, problems: list[Problem]) -> None:
    """Foods over MAX_FOOD_GRAMS_PER_DAY on one subject-day, each named with its file and row."""
    import numpy as np

    columns = [
        "subject",
        "date",
        "food_id",
        "file",
        "row",
        "food_name",
        *(["food"] if "food" in items else []),
        "grams",
    ]
    # One food can pass the limit only on a subject-day whose food total passes it: check those.
    day_total = group_sums(items, ["subject", "date"], "grams", rows=matched)
    heavy_days = day_total.index[day_total > MAX_FOOD_GRAMS_PER_DAY]
    if not len(heavy_days):  # a week's log passes the limit in all, seldom on one day
        return
    foods = items.loc[heavy_days, columns]
    # A row over the limit by itself is refused alone: the day's other rows of that food ('almonds,10,'
    # beside 'almonds,100,cup') are refused too only if they still pass the limit without it.
    grams = foods["grams"].to_numpy(dtype=np.float64)
    alone = grams > MAX_FOOD_GRAMS_PER_DAY
    rest = foods.assign(grams=np.where(alone, 0.0, grams))
    per_food_day = group_sums(rest, ["subject", "date", "food_id"], "grams").to_numpy()
    limit = f"(over {MAX_FOOD_GRAMS_PER_DAY / 1000:g} kg) is not plausible; check the amount and unit"
    refused = alone | (per_food_day > MAX_FOOD_GRAMS_PER_DAY)
    # A row alone over the limit with others of its food that day says so; alone, its grams are the day's.
    others = (group_sums(foods, ["subject", "date", "food_id"], "grams").to_numpy() != grams) & alone
    # An export's own figure has no table name: its text names it ('6,000 g of nan' was printed).
    names = foods["food_name"].astype(object)
    if "food" in foods:
        names = names.where(names.notna(), foods["food"].astype(object))
    for file, row, name, own, day_grams, by_itself, shared in zip(
        foods["file"].to_numpy()[refused], foods["row"].to_numpy()[refused], names.to_numpy()[refused],
        grams[refused], per_food_day[refused], alone[refused], others[refused], strict=True,
    ):  # fmt: skip
        if shared:
            said = f"{own:,.0f} g of {name} in this row"
        else:
            said = f"{own if by_itself else day_grams:,.0f} g of {name} that day"
        problems.append(Problem(f"{said} {limit}", str(file), int(row), item_only=True))


# No food in SR28 holds more than 781 mg per 100 g (rice bran): an export stating over this
# for a food is a unit or decimal slip ("1,000,000 mg" for 40 g of oats). Without grams, the
# item may not state more than this bound for the day's food limit (5 kg).
MAX_STATED_MG_PER_100G = 1000.0


def _check_stated(items: pd.DataFrame, problems: list[Problem]) -> None:
    """An export's own magnesium figure for a food: finite and within what food can hold."""
    import numpy as np

    source = (items["status"] == "source").to_numpy(dtype=bool)
    if not source.any():
        return
    stated = items.loc[source, ["file", "row", "mg", "grams"]]
    mg = stated["mg"].to_numpy(dtype=np.float64)
    grams = stated["grams"].to_numpy(dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_100g = np.where(grams > 0, mg / grams * 100, np.nan)
    limit = MAX_STATED_MG_PER_100G * MAX_FOOD_GRAMS_PER_DAY / 100
    bad = ~np.isfinite(mg) | (per_100g > MAX_STATED_MG_PER_100G) | (np.isnan(per_100g) & (mg > limit))
    for (file, row, value, weight), ratio in zip(stated[bad].itertuples(index=False), per_100g[bad], strict=True):
        what = (
            f"{value:,.0f} mg for {weight:,.4g} g ({ratio:,.0f} mg per 100 g)" if ratio == ratio else f"{value:,.0f} mg"
        )
        problems.append(
            Problem(
                f"the export states {what}: no food holds over {MAX_STATED_MG_PER_100G:,.0f} mg per 100 g; "
                "check the export's magnesium and portion cells",
                str(file),
                int(row),
                item_only=True,
            )
        )
