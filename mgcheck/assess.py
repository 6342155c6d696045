"""Assess resolved items: magnesium per day and per subject against the subject's reference.

Vectorised over subjects: one grouped pass builds the day table, one the subject table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from mgcheck import adequacy
from mgcheck.reference import Profile, Reference, lookup

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from mgcheck.logs import FrameSource

COUNTED = ("matched", "source")  # food items whose magnesium is counted
# Up to this many possible (subject, date) pairs, day sums are indexed by the pair directly.
_DIRECT_GROUPS = 1 << 22
SUBJECT_COLUMNS = [
    "subject",
    "n_days",
    "mean_food_mg",
    "mean_supplement_mg",
    "mean_total_mg",
    "max_supplement_mg",
    "mean_medicine_mg",
    "mean_intake_mg",
    "ear_mg",
    "rda_mg",
    "ai_mg",
    "ul_mg",
    "percent_rda",
    "method",
    "z",
    "probability_adequate",
    "conclusion",
    "conclusion_code",
    "probability_above_ai",
    "probability_sensitivity",
    "conclusion_sensitivity_code",
    "cv_within",
    "observed_cv",
    "sd_within_mg",
    "sd_within_source",
    "sd_within_status",
    "ul_exceeded",
    "days_over_ul",
    "days_without_food",
    "food_items",
    "unmatched_items",
    "unmatched_share",
]


@dataclass(frozen=True)
class Assessment:
    """Every subject's assessment: the items, the days and one row per subject, with their profiles.

    The tables are pandas DataFrames (the core is vectorised); `mgcheck.report` turns an
    assessment into typed results.
    """

    items: pd.DataFrame
    """One row per log item: where it came from (subject, file, row, date), the food matched, grams, mg, kind, status."""
    days: pd.DataFrame
    """One row per subject and day: food_mg, supplement_mg, medicine_mg (additive), intake_mg (food and
    supplements: what is judged), total_mg (all three)[, source_food_mg with --recompute]."""
    subjects: pd.DataFrame
    """One row per subject, the columns of SUBJECT_COLUMNS (means, reference, z, conclusion_code, UL, unmatched)."""
    profiles: dict[str, Profile]
    """Each subject's profile."""
    references: dict[str, Reference]
    """Each subject's reference row."""
    standard: str = "iom"
    """The standard judged against: "iom" or "efsa"."""
    warnings: tuple[str, ...] = ()
    """Warnings of the run that made it (reading, matching, withheld judgements)."""
    foods: pd.DataFrame | None = None
    """The food table used (bundled, or with a clinic's --foods)."""
    recipes: dict[str, Any] = field(default_factory=dict)
    """Home-made dishes by food id (recipes.Recipe)."""
    profiles_source: str | FrameSource | None = None
    """The profiles file (or DataFrame) the subjects' profiles were read from, for `population`'s `by` and
    `weights` columns: given once to `assess_logs`, it need not be given again."""


def day_table(items: pd.DataFrame, recompute: bool = False, ordered: bool = True) -> pd.DataFrame:
    """Food, supplement, medicine and total magnesium per subject and day (unmatched items count as 0).

    The three parts are additive: total_mg = food_mg + supplement_mg + medicine_mg. Usual-intake
    adequacy is judged on intake_mg = food_mg + supplement_mg: a laxative or antacid dose is not
    diet (science.md sec 2). The UL covers supplement_mg + medicine_mg (ul_counted_mg).
    Rows without a subject or a date belong to no day. The sums are taken per group of integer
    codes (one bincount a column), not by a pandas group-by of a frame built for it. With `ordered`
    False the days are left in the order of the subjects' and dates' codes, not sorted by name and
    date: a streamed study's parts are summed by a sorted group-by (stream._summed_days), which
    adds each day's parts in part order whatever order each part lists its days in.
    """
    import numpy as np
    import pandas as pd

    status = items["status"]
    counted_food = status.isin(COUNTED).to_numpy(dtype=bool)
    label = (status == "label").to_numpy(dtype=bool)
    is_food = (items["kind"] == "food").to_numpy(dtype=bool)
    medicine = label & (items["kind"] == "medicine").to_numpy(dtype=bool)
    supplement = label & ~medicine
    subject_codes, subjects = _key_codes(items["subject"])
    date_codes, dates = _key_codes(items["date"])
    keep = (subject_codes >= 0) & (date_codes >= 0)
    combined = subject_codes[keep] * max(len(dates), 1) + date_codes[keep]
    # Groups numbered in (subject code, date code) order, as a sorted group-by numbers them.
    span = len(subjects) * max(len(dates), 1)
    if span <= _DIRECT_GROUPS:  # a direct table of every (subject, date) pair
        present = np.flatnonzero(np.bincount(combined, minlength=span))
        number = np.zeros(span, dtype=np.int64)
        number[present] = np.arange(len(present))
        group = number[combined]
    else:
        group, present = pd.factorize(combined)
        order = np.argsort(present, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        group, present = rank[group], present[order]
    size = len(present)

    def summed(values: pd.Series, chosen: np.ndarray) -> np.ndarray:
        numbers = values.to_numpy(dtype=np.float64, na_value=np.nan)[keep]
        taken = chosen[keep] & ~np.isnan(numbers)
        # (astype: bincount of no rows gives integers even with weights)
        return np.bincount(group[taken], weights=numbers[taken], minlength=size).astype(np.float64)

    def counted(chosen: np.ndarray) -> np.ndarray:
        return np.bincount(group[chosen[keep]], minlength=size)

    mg = items["mg"]
    sums: dict[str, Any] = {
        "subject": pd.Index(subjects).astype(str).to_numpy(dtype=object)[present // max(len(dates), 1)],
        "date": pd.Index(dates).astype(str).to_numpy(dtype=object)[present % max(len(dates), 1)],
        "food_mg": summed(mg, counted_food),
        # The day's food total if every ambiguous item were its lowest / highest alternative.
        "food_mg_low": summed(items["mg_low" if "mg_low" in items else "mg"], counted_food),
        "food_mg_high": summed(items["mg_high" if "mg_high" in items else "mg"], counted_food),
        "supplement_mg": summed(mg, supplement),
        "medicine_mg": summed(mg, medicine),
        "food_items": counted(is_food),
        "counted_food_items": counted(is_food & counted_food),
    }
    if recompute and "source_mg" in items:
        # --recompute: the export's own figure for the same food rows, to report both totals
        # (a blank source cell adds nothing: the export did not state it).
        sums["source_food_mg"] = summed(pd.to_numeric(items["source_mg"], errors="coerce"), is_food)
    days = pd.DataFrame(sums)
    days["subject"] = days["subject"].astype(str)
    days["date"] = days["date"].astype(str)
    if ordered:  # subjects and days are listed by name and date
        days = days.sort_values(["subject", "date"], kind="stable", ignore_index=True)
    days["intake_mg"] = days["food_mg"] + days["supplement_mg"]
    days["ul_counted_mg"] = days["supplement_mg"] + days["medicine_mg"]
    days["total_mg"] = days["intake_mg"] + days["medicine_mg"]
    return cast("pd.DataFrame", days)


def _key_codes(column: pd.Series) -> tuple[np.ndarray, Any]:
    """A key column as integer codes (-1: missing) and the values they stand for."""
    import numpy as np
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(dtype=np.int64), column.cat.categories
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    return codes.astype(np.int64), uniques


# Conclusions a lower bound of intake cannot overturn (see assess_days).
_ADEQUATE = [
    adequacy.Conclusion.VERY_LIKELY_ADEQUATE.value,
    adequacy.Conclusion.PROBABLY_ADEQUATE.value,
    adequacy.Conclusion.ABOVE_AI.value,
]
# Above this share of unmatched food items the usual-intake judgement is withheld.
MAX_UNMATCHED_SHARE = 0.20


def withheld_reasons(per_subject: pd.DataFrame) -> dict[str, str]:
    """Subjects whose logged intake is too incomplete to judge, and why.

    An unmatched item counts as 0 mg, so many of them, or a day with no counted food at all,
    would turn missing data into a confident 'inadequate'.
    """
    reasons = {}
    # Unmatched items that are export food codes FNDDS lacks with no figure (resolve._codes_not_in_table):
    # no text to search for, so only the other unmatched items can be resolved.
    codes_only = (
        (per_subject["unmatched_codes"] == per_subject["unmatched_items"]).tolist()
        if "unmatched_codes" in per_subject
        else [False] * len(per_subject)
    )
    # As lists: iterating a pandas column costs a call per subject (10,000 subjects).
    for subject, share, empty_days, all_codes in zip(
        per_subject.index.tolist(),
        per_subject["unmatched_share"].tolist(),
        per_subject["days_without_food"].tolist(),
        codes_only,
        strict=True,
    ):
        if share > MAX_UNMATCHED_SHARE and all_codes:
            reasons[subject] = (
                f"{share:.0%} of food items are unmatched (their food codes are not in FNDDS 2017-2018 and the "
                "export gives no magnesium)"
            )
        elif share > MAX_UNMATCHED_SHARE:
            reasons[subject] = f"{share:.0%} of food items are unmatched (resolve them, e.g. with mgcheck foods search)"
        elif empty_days:
            reasons[subject] = f"{empty_days} day(s) have no matched food (0 mg would be counted for them)"
    return reasons


def item_counts(items: pd.DataFrame) -> pd.DataFrame:
    """Food items and unmatched items per subject (index: subject; columns food, unmatched)."""
    import numpy as np
    import pandas as pd

    is_food = items["kind"] == "food"
    # The share that withholds judgement is of food items: an unreadable supplement row is listed
    # unresolved (its dose not counted), not an unmatched food.
    unmatched = (items["status"] == "unmatched") & is_food
    # Of them, export food codes FNDDS lacks with no figure (resolve._codes_not_in_table).
    unmatched_codes = unmatched & (items["code_unmatched"].eq(True) if "code_unmatched" in items else False)
    subject = items["subject"]
    if isinstance(subject.dtype, pd.CategoricalDtype) and len(subject) and subject.cat.codes.min() >= 0:
        # Counted on the subjects' integer codes, not a million subject strings hashed again.
        codes = subject.cat.codes.to_numpy(dtype=np.int64)
        size = len(subject.cat.categories)
        present = np.bincount(codes, minlength=size) > 0
        counts = pd.DataFrame(
            {
                "food": np.bincount(codes[is_food.to_numpy(dtype=bool)], minlength=size)[present],
                "unmatched": np.bincount(codes[unmatched.to_numpy(dtype=bool)], minlength=size)[present],
                "unmatched_codes": np.bincount(codes[unmatched_codes.to_numpy(dtype=bool)], minlength=size)[present],
            },
            index=pd.Index(subject.cat.categories[present].astype(str), name="subject"),
        )
        return cast("pd.DataFrame", counts.sort_index())
    frame = pd.DataFrame(
        {"subject": subject.astype(str), "food": is_food, "unmatched": unmatched, "unmatched_codes": unmatched_codes}
    )
    return cast("pd.DataFrame", frame.groupby("subject")[["food", "unmatched", "unmatched_codes"]].sum())


def assess(
    items: pd.DataFrame, profiles: dict[str, Profile], standard: str = "iom", recompute: bool = False
) -> Assessment:
    """Per-subject means, reference values, the IOM adequacy judgement and the UL check."""
    return assess_days(day_table(items, recompute), item_counts(items), profiles, standard, items)


def assess_days(
    days: pd.DataFrame,
    counts: pd.DataFrame,
    profiles: dict[str, Profile],
    standard: str = "iom",
    items: pd.DataFrame | None = None,
) -> Assessment:
    """The assessment from day totals (`day_table`) and item counts (`item_counts`) alone.

    What a streamed study keeps (mgcheck.stream): no item table is needed, only its sums.
    """
    import numpy as np
    import pandas as pd

    # One grouping, the means taken together: a named .agg of the same eight figures cost each
    # assessment 3.7 ms (1.0 ms so), the same values to the bit (tests/test_assess.py).
    grouped = days.groupby("subject", sort=True)
    means = grouped[["food_mg", "supplement_mg", "total_mg", "medicine_mg", "intake_mg"]].mean()
    per_subject = pd.DataFrame(
        {
            "n_days": grouped["date"].nunique(),
            "mean_food_mg": means["food_mg"],
            "mean_supplement_mg": means["supplement_mg"],
            "mean_total_mg": means["total_mg"],
            "max_supplement_mg": grouped["ul_counted_mg"].max(),
            "mean_medicine_mg": means["medicine_mg"],
            "mean_intake_mg": means["intake_mg"],
            "sd_intake_mg": grouped["intake_mg"].std(),
        }
    )
    empty_days = (days["counted_food_items"] == 0).groupby(days["subject"]).sum()
    per_subject["days_without_food"] = empty_days.reindex(per_subject.index).fillna(0).astype(int)
    per_subject["food_items"] = counts["food"].reindex(per_subject.index).fillna(0).astype(int)
    per_subject["unmatched_items"] = counts["unmatched"].reindex(per_subject.index).fillna(0).astype(int)
    if "unmatched_codes" in counts:
        per_subject["unmatched_codes"] = counts["unmatched_codes"].reindex(per_subject.index).fillna(0).astype(int)
    per_subject["unmatched_share"] = np.where(
        per_subject["food_items"] > 0, per_subject["unmatched_items"] / per_subject["food_items"].clip(lower=1), 0.0
    )

    # Subjects as a list (iterating a text Index costs a call per element); each distinct
    # profile's reference and SD looked up once.
    index = per_subject.index
    names = index.tolist()
    cache: dict[tuple[Profile, str], tuple[Reference, adequacy.SdWithin]] = {}
    for profile in dict.fromkeys(profiles[subject] for subject in names):
        cache[(profile, standard)] = (lookup(profile, standard), adequacy.sd_within(profile))
    looked_up = [cache[(profiles[subject], standard)] for subject in names]
    subject_references = [reference for reference, _ in looked_up]
    subject_sds = [sd for _, sd in looked_up]
    references: dict[str, Reference] = dict(zip(names, subject_references, strict=True))
    ear = np.array([r.ear_mg or np.nan for r in subject_references], dtype=float)
    rda = np.array([r.rda_mg or np.nan for r in subject_references], dtype=float)
    ai = np.array([r.ai_mg or np.nan for r in subject_references], dtype=float)
    ul = np.array([r.ul_supplement_mg or np.nan for r in subject_references], dtype=float)
    sd_w = np.array([sd.sd_mg for sd in subject_sds], dtype=float)
    n_days = per_subject["n_days"].to_numpy(dtype=float)
    mean_intake = per_subject["mean_intake_mg"].to_numpy(dtype=float)

    has_ear = ~np.isnan(ear)
    z = np.where(has_ear, adequacy.ear_z(mean_intake, ear, sd_w, n_days), adequacy.ai_z(mean_intake, ai, sd_w, n_days))
    # Sensitivity (IOM 2000 p. 56): the same test with SD_within 25% larger.
    sd_sens = sd_w * adequacy.SENSITIVITY_FACTOR
    z_sens = np.where(
        has_ear, adequacy.ear_z(mean_intake, ear, sd_sens, n_days), adequacy.ai_z(mean_intake, ai, sd_sens, n_days)
    )
    probability = adequacy.normal_cdf(z)
    per_subject["ear_mg"] = ear
    per_subject["rda_mg"] = rda
    per_subject["ai_mg"] = ai
    per_subject["ul_mg"] = ul
    per_subject["percent_rda"] = mean_intake / rda * 100.0
    per_subject["method"] = np.where(has_ear, adequacy.METHOD_EAR, adequacy.METHOD_AI)
    per_subject["z"] = z
    per_subject["probability_adequate"] = np.where(has_ear, probability, np.nan)
    per_subject["probability_above_ai"] = np.where(has_ear, np.nan, probability)
    per_subject["probability_sensitivity"] = adequacy.normal_cdf(z_sens)
    codes = [
        adequacy.classify_ear(value) if ear_test else adequacy.classify_ai(value)
        for value, ear_test in zip(z, has_ear, strict=True)
    ]
    per_subject["conclusion_code"] = [code.value for code in codes]
    per_subject["conclusion_sensitivity_code"] = [
        (adequacy.classify_ear(value) if ear_test else adequacy.classify_ai(value)).value
        for value, ear_test in zip(z_sens, has_ear, strict=True)
    ]
    per_subject["conclusion"] = [adequacy.describe(code, float(p)) for code, p in zip(codes, probability, strict=True)]
    # IOM 2000 p. 190: the method's validity check, on the group's day-to-day CV at this intake,
    # and on the person's own days when there are at least two.
    with np.errstate(divide="ignore", invalid="ignore"):
        per_subject["cv_within"] = np.where(mean_intake > 0, sd_w / mean_intake, np.inf)
        per_subject["observed_cv"] = np.where(
            (n_days >= 2) & (mean_intake > 0), per_subject["sd_intake_mg"].to_numpy(dtype=float) / mean_intake, np.nan
        )
    withheld = withheld_reasons(per_subject)
    # Unmatched items count 0 mg, so the counted mean is a lower bound of what was eaten: a subject
    # whose counted intake alone is at or above the RDA (or AI) and judged adequate stays so, as
    # the z of the IOM test only grows with the mean; the conclusion says what it rests on.
    # Anything short of that could change with the missing items, and stays withheld.
    reference = np.where(np.isnan(rda), ai, rda)
    lower_bound = (mean_intake >= reference) & np.isin(per_subject["conclusion_code"].to_numpy(dtype=object), _ADEQUATE)
    for subject in index[lower_bound].tolist():
        if subject in withheld:
            reason = withheld.pop(subject)
            per_subject.loc[subject, "conclusion"] = (
                f"{per_subject.loc[subject, 'conclusion']} (on the counted items alone, a lower bound: {reason})"
            )
    if withheld:
        # One assignment per column for all withheld subjects: one .loc per subject re-checked the
        # whole frame each time (1,678 subjects of a 100,000-subject study: 1.5 s of its report).
        subjects = list(withheld)
        per_subject.loc[subjects, ["z", "probability_adequate", "probability_above_ai", "probability_sensitivity"]] = (
            np.nan
        )
        per_subject.loc[subjects, "conclusion_code"] = adequacy.Conclusion.NOT_JUDGED.value
        per_subject.loc[subjects, "conclusion_sensitivity_code"] = adequacy.Conclusion.NOT_JUDGED.value
        per_subject.loc[subjects, "conclusion"] = [
            adequacy.describe(adequacy.Conclusion.NOT_JUDGED, None, reason) for reason in withheld.values()
        ]
    per_subject["sd_within_mg"] = sd_w
    per_subject["sd_within_source"] = [sd.source for sd in subject_sds]
    per_subject["sd_within_status"] = [sd.status for sd in subject_sds]
    # The UL is a daily limit and its harm (osmotic diarrhoea) is acute: any day above it counts,
    # not only a mean above it. Days over the limit are counted for the report.
    # Each day's subject by position in the subject table (every day's subject is there).
    day_ul = ul[index.get_indexer(pd.Index(days["subject"]))]
    over = days["ul_counted_mg"].to_numpy() > np.where(np.isnan(day_ul), np.inf, day_ul)
    days_over = pd.Series(over, index=days.index).groupby(days["subject"]).sum()
    per_subject["days_over_ul"] = days_over.reindex(index).fillna(0).astype(int).to_numpy()
    per_subject["ul_exceeded"] = per_subject["days_over_ul"] > 0
    subjects = per_subject.reset_index()[SUBJECT_COLUMNS]
    return Assessment(items if items is not None else pd.DataFrame(), days, subjects, profiles, references, standard)
