"""Build the report content (the `mgcheck.report/1` JSON contract) from an assessment.

Every renderer (terminal, JSON, Markdown) formats this one structure, so they cannot disagree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from mgcheck import adequacy, evidence
from mgcheck.units import canonical_unit, convert_unit, measures_by_food

if TYPE_CHECKING:
    import pandas as pd

    from mgcheck.assess import Assessment

SCHEMA = "mgcheck.report/1"
TOP_SOURCES = 5
GAP_SUGGESTIONS = 5
MIN_USEFUL_PORTION_MG = 30.0
MMOL_PER_MG_DL = 0.4114  # serum magnesium: mg/dL x 0.4114 = mmol/L (science.md sec 4)
SERUM_RANGE_MMOL = (0.75, 0.95)  # IOM 1997 normal range


@dataclass(frozen=True)
class Serum:
    """A serum magnesium value as given, and in mmol/L."""

    value: float
    unit: str  # "mmol/L" or "mg/dL"

    @property
    def mmol_l(self) -> float:
        return self.value * MMOL_PER_MG_DL if self.unit == "mg/dL" else self.value


@dataclass
class ReportOptions:
    serum: Serum | None = None
    warnings: list[str] = field(default_factory=list)


def _r(value: Any, digits: int = 1) -> float | None:
    if _opt(value) is None or math.isnan(float(value)):
        return None
    return round(float(value), digits)


@cache
def context(key: str) -> str:
    from mgcheck.resources import table

    frame = table("context.csv")
    return str(frame.loc[frame["key"] == key, "text"].iloc[0])


def _opt(value: Any) -> Any:
    """None for any missing value (None, NaN, pd.NA), else the value itself."""
    import pandas as pd

    return None if value is None or (not isinstance(value, (tuple, list)) and pd.isna(value)) else value


RECORD_COLUMNS = [
    "subject", "row", "file", "date", "food", "food_id", "food_name", "match_score", "amount", "unit",
    "grams", "mg", "kind", "basis", "status", "suggestions", "reason", "calcium_mg", "kcal",
]  # fmt: skip


def records_by_subject(items: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """Every item as a plain record (missing values None), grouped by subject in file and row order.

    Built column-wise once, so the per-subject work below is plain Python, not many small frames.
    """
    import numpy as np
    import pandas as pd

    ordered = items.sort_values(["file", "row"], kind="stable")
    columns = []
    for column in RECORD_COLUMNS:
        series = ordered[column] if column in ordered else pd.Series(None, index=ordered.index, dtype=object)
        if series.dtype.kind == "f":
            numbers = series.to_numpy(dtype=np.float64)
            values = numbers.astype(object)
            values[np.isnan(numbers)] = None
        else:
            values = series.astype(object).to_numpy(dtype=object, copy=True)
            values[pd.isna(series).to_numpy()] = None
        columns.append(values)
    grouped: dict[str, list[dict[str, Any]]] = {}
    for values in zip(*columns, strict=True):
        record = dict(zip(RECORD_COLUMNS, values, strict=True))
        grouped.setdefault(str(record["subject"]), []).append(record)
    return grouped


def _item_entries(records: list[dict[str, Any]], recipes: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    entries = [
        {
            "row": int(r["row"]),
            "file": r["file"],
            "date": r["date"],
            "food": r["food"],
            "food_id": r["food_id"],
            "food_name": r["food_name"],
            "match_score": _r(r["match_score"]),
            "amount": _r(r["amount"], 4),
            "unit": r["unit"],
            "grams": _r(r["grams"], 2),
            "mg": _r(r["mg"]),
            "kind": r["kind"],
            "basis": r["basis"],
            "status": r["status"],
        }
        for r in records
        if r["status"] != "unmatched"
    ]
    if recipes:  # a home-made dish carries its breakdown (additive key)
        for entry in entries:
            recipe = recipes.get(entry["food_id"])
            if recipe is not None:
                entry["recipe"] = {**recipe.as_dict(), "line": recipe.summary_line()}
    return entries


def _unmatched_entries(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from mgcheck.book import suggestion_id, teach_command

    return [
        {
            "row": int(r["row"]),
            "file": r["file"],
            "food": r["food"],
            "suggestions": list(r["suggestions"] or ()),
            "reason": r["reason"],
            "teach": teach_command(str(r["food"]), suggestion_id(r["suggestions"][0]) if r["suggestions"] else None),
        }
        for r in records
        if r["status"] == "unmatched"
    ]


def _top_sources(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    total = sum(r["mg"] or 0.0 for r in records if r["status"] in ("matched", "source"))
    by_food: dict[tuple[str, str], float] = {}
    for r in records:
        if r["status"] == "matched":
            key = (r["food_id"], r["food_name"])
            by_food[key] = by_food.get(key, 0.0) + (r["mg"] or 0.0)
    ranked = sorted(by_food.items(), key=lambda kv: -kv[1])[:TOP_SOURCES]
    return [
        {"food_id": food_id, "food_name": name, "mg": _r(mg), "share": _r(mg / total if total else 0.0, 3)}
        for (food_id, name), mg in ranked
    ]


def curated_portions(foods: pd.DataFrame) -> list[dict[str, Any]]:
    """The everyday magnesium-rich portions of gap_foods.csv, with grams and mg from the food table in use."""
    from mgcheck.resources import bundled_measures, table

    by_id = foods.set_index("food_id")
    curated = table("gap_foods.csv").astype({"food_id": str})
    curated["food_id"] = curated["food_id"].str.zfill(5)
    measures = measures_by_food(bundled_measures(), curated["food_id"])
    portions = []
    for row in curated.itertuples(index=False):
        if row.food_id not in by_id.index:
            continue
        conversion = convert_unit(canonical_unit(row.unit), measures.get(row.food_id, []))
        grams = float(row.amount) * conversion.grams_per_unit
        portions.append(
            {
                "food_id": row.food_id,
                "food_name": by_id.at[row.food_id, "name"],
                "portion": f"{row.amount:g} {row.unit} {row.label}",
                "grams": _r(grams, 1),
                "mg": _r(grams * float(by_id.at[row.food_id, "mg_per_100g"]) / 100.0),
                "already_eaten": False,
            }
        )
    return portions


def _gap_suggestions(
    records: list[dict[str, Any]], gap_mg: float, portions: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Realistic portions that would close the gap: foods already eaten first (at their usual
    portion and their own magnesium per gram), then everyday rich sources."""
    import statistics

    eaten: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        if r["status"] == "matched" and (r["grams"] or 0.0) > 0 and r["mg"] is not None:
            eaten.setdefault(r["food_id"], []).append(r)
    candidates: list[dict[str, Any]] = []
    seen: set[str] = set()
    for food_id, group in sorted(eaten.items()):
        grams = float(statistics.median(r["grams"] for r in group))
        first = group[0]
        mg = grams * first["mg"] / first["grams"]
        if mg >= MIN_USEFUL_PORTION_MG:
            amount = first["amount"] * grams / first["grams"]
            written = str(first["food"])
            portion = f"{amount:.3g} {first['unit']} {first['food_name'] if written.isdigit() else written}"
            candidates.append(
                {
                    "food_id": food_id,
                    "food_name": first["food_name"],
                    "portion": portion,
                    "grams": _r(grams, 1),
                    "mg": _r(mg),
                    "already_eaten": True,
                }
            )
            seen.add(str(food_id))
    candidates += [dict(c) for c in portions if c["food_id"] not in seen]
    candidates.sort(key=lambda c: (not c["already_eaten"], -c["mg"]))
    eaten_first = [c for c in candidates if c["already_eaten"]][:2]
    others = sorted((c for c in candidates if c not in eaten_first), key=lambda c: -c["mg"])
    chosen = eaten_first + others[: GAP_SUGGESTIONS - len(eaten_first)]
    for candidate in chosen:
        candidate["closes_gap"] = candidate["mg"] >= gap_mg
    return chosen


def _diet_quality(records: list[dict[str, Any]]) -> dict[str, Any]:
    matched = [r for r in records if r["status"] == "matched"]
    mg = sum(r["mg"] or 0.0 for r in matched)
    calcium = sum(r["calcium_mg"] or 0.0 for r in matched)
    kcal = sum(r["kcal"] or 0.0 for r in matched)
    return {
        "calcium_to_magnesium_ratio": _r(calcium / mg, 2) if mg else None,
        "mg_per_1000_kcal": _r(mg / kcal * 1000.0) if kcal else None,
        "ratio_context": context("ca_mg_ratio"),
        "density_context": context("mg_density"),
    }


def _serum_entry(serum: Serum) -> dict[str, Any]:
    mmol = serum.mmol_l
    low, high = SERUM_RANGE_MMOL
    reading = (
        "below the reference range"
        if mmol < low
        else "above the reference range"
        if mmol > high
        else "within the reference range"
    )
    return {
        "value": serum.value,
        "unit": serum.unit,
        "mmol_l": _r(mmol, 3),
        "reference_range_mmol_l": [low, high],
        "range_source": "IOM 1997 normal range 0.75-0.95 mmol/L (1.8-2.3 mg/dL); many labs use 0.70-1.00",
        "reading": reading,
        "note": context("intake_not_status"),
    }


def _conditions(codes: tuple[str, ...]) -> list[dict[str, Any]]:
    if not codes:
        return []
    from mgcheck.resources import table

    frame = table("conditions.csv").set_index("condition")
    return [
        {
            "condition": code,
            "label": frame.at[code, "label"],
            "caution": frame.at[code, "caution"],
            "evidence_ids": str(frame.at[code, "evidence_ids"]).split("|"),
        }
        for code in codes
    ]


def subject_report(
    assessment: Assessment,
    subject: str,
    options: ReportOptions,
    row: pd.Series,
    items: list[dict[str, Any]],
    days: pd.DataFrame,
    portions: list[dict[str, Any]],
) -> dict[str, Any]:
    """The contract's entry for one subject: its summary row, its item records and its days."""
    profile = assessment.profiles[subject]
    reference = assessment.references[subject]
    n_days = int(row["n_days"])
    mean_total = float(row["mean_total_mg"])

    ear_test = reference.ear_mg is not None
    needed = adequacy.intake_needed(reference.ear_mg, float(row["sd_within_mg"]), n_days) if reference.ear_mg else None
    notes = [context("association")]
    if row["sd_within_status"] != "derived":
        notes.append(context("sd_estimate"))
    if n_days == 1:
        notes.append(context("one_day"))
    if not ear_test:
        notes.append(context("ai_only"))
    target = reference.rda_mg or reference.ai_mg
    gap = (target - mean_total) if target is not None else None

    situation = evidence.Situation.of(
        profile, mean_total, reference.ear_mg, reference.rda_mg, bool(row["ul_exceeded"]), options.serum is not None
    )
    life_stage = reference.life_stage
    return {
        "subject": subject,
        "profile": {**profile.as_dict(), "life_stage": life_stage, "conditions": list(profile.conditions)},
        "reference": {
            **reference.as_dict(),
            "life_stage": life_stage,
            "table_row": reference.table_row,
            "source": reference.source,
        },
        "days": [
            {
                "date": d.date,
                "food_mg": _r(d.food_mg),
                "supplement_mg": _r(d.supplement_mg),
                "medicine_mg": _r(d.medicine_mg),
                "total_mg": _r(d.total_mg),
            }
            for d in days.itertuples(index=False)
        ],
        **_source_totals(days),
        "n_days": n_days,
        "mean_daily_mg": _r(mean_total),
        "mean_food_mg": _r(row["mean_food_mg"]),
        "mean_supplement_mg": _r(row["mean_supplement_mg"]),
        "percent_rda": _r(row["percent_rda"]),
        "verdict": verdict(mean_total, reference.ear_mg, reference.rda_mg, reference.ai_mg),
        "adequacy": {
            "method": row["method"],
            "z": _r(row["z"], 2),
            "probability_adequate": _r(row["probability_adequate"], 3),
            "conclusion": row["conclusion"],
            "sd_within_mg": _r(row["sd_within_mg"]),
            "sd_within_source": row["sd_within_source"],
            "sd_within_status": row["sd_within_status"],
            "n_days": n_days,
            "intake_needed_97_5_mg": _r(needed),
            "notes": notes,
        },
        "upper_limit": {
            "ul_mg": reference.as_dict()["ul_supplement_mg"],
            "mean_supplement_mg": _r(row["mean_supplement_mg"]),
            "mean_supplements_alone_mg": _r(row["mean_supplement_mg"] - row["mean_medicine_mg"]),
            "mean_medicines_alone_mg": _r(row["mean_medicine_mg"]),
            "max_day_supplement_mg": _r(row["max_supplement_mg"]),
            "exceeded": bool(row["ul_exceeded"]),
            "days_over_ul": int(row["days_over_ul"]),
            "rule": "exceeded when supplements and medicines together pass the UL on any day",
            "applies_to": "supplements and medicines only; never food or water",
        },
        "items": _item_entries(items, assessment.recipes),
        "unmatched": _unmatched_entries(items),
        "unmatched_items": int(row["unmatched_items"]),
        "unmatched_share": _r(row["unmatched_share"], 3),
        "top_sources": _top_sources(items),
        "next_steps": {
            "gap_mg": _r(gap) if gap is not None and gap > 0 else 0.0,
            "target": "RDA" if reference.rda_mg else "AI",
            "suggestions": _gap_suggestions(items, gap, portions) if gap is not None and gap > 0 else [],
            **_diet_quality(items),
        },
        "serum": _serum_entry(options.serum) if options.serum else None,
        "conditions": _conditions(profile.conditions),
        "evidence": evidence.select(situation),
        "situations": sorted(situation.tags - {"any"}),
    }


def _source_totals(days: pd.DataFrame) -> dict[str, Any]:
    """With --recompute: the export's own food magnesium beside mgcheck's, per day and mean."""
    if "source_food_mg" not in days:
        return {}
    return {
        "source_totals": {
            "note": "--recompute: food magnesium as the source export stated it (blank cells add nothing), beside mgcheck's recomputed figure",
            "mean_food_mg": _r(days["source_food_mg"].mean()),
            "days": [{"date": d, "food_mg": _r(v)} for d, v in zip(days["date"], days["source_food_mg"], strict=True)],
        }
    }


def verdict(mean: float, ear: float | None, rda: float | None, ai: float | None) -> str:
    """Plain-language reading of the mean against the reference (IOM 2000 p.57)."""
    if ear is not None and rda is not None:
        if mean < ear:
            return "below the EAR: usual intake very likely needs improvement"
        if mean < rda:
            return "between the EAR and the RDA: intake probably needs improvement"
        return "at or above the RDA"
    if ai is not None:
        return "at or above the AI: likely adequate" if mean >= ai else "below the AI: adequacy cannot be judged"
    return "no reference value"


def build_report(assessment: Assessment, options: ReportOptions) -> dict[str, Any]:
    """The whole report; items and days are grouped by subject once, not filtered per subject."""
    rows = assessment.subjects.set_index("subject")
    by_subject = records_by_subject(assessment.items)
    from mgcheck.resources import bundled_foods

    portions = curated_portions(assessment.foods if assessment.foods is not None else bundled_foods())
    days = dict(tuple(assessment.days.groupby(assessment.days["subject"].astype(str), sort=False, observed=True)))
    subjects = [
        subject_report(assessment, subject, options, rows.loc[subject], by_subject[subject], days[subject], portions)
        for subject in assessment.subjects["subject"]
    ]
    return {"schema": SCHEMA, "subjects": subjects, "warnings": list(options.warnings)}
