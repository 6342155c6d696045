"""Pick the published findings (mgcheck/data/evidence.csv) that bear on one person's situation."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mgcheck.reference import Profile

# Situation tags of evidence.csv's applies_to column.
TAGS = (
    "below_ear",
    "ear_to_rda",
    "rda_to_420",
    "above_420",
    "serum_low",
    "supplements",
    "supplements_above_ul",
    "child_adolescent",
    "postmenopausal_woman",
    "older_adult",
    "serum_given",
    "kidney_disease",
    "low_intake_causes",
    "any",
)
POPULATION_TAGS = frozenset({"child_adolescent", "postmenopausal_woman", "older_adult"})
HIGH_INTAKE_MG = 420.0
OLDER_ADULT_AGE = 65.0
# No log says whether a woman is postmenopausal; 51 is the IOM's adult age boundary and
# close to the median age at menopause, so the report says the situation was inferred.
POSTMENOPAUSAL_AGE = 51.0
DEFICIENCY_CONDITIONS = {"diabetes", "alcohol_use", "gi_disease", "diuretics", "ppi", "loop_thiazide_diuretics"}


@dataclass(frozen=True)
class Situation:
    tags: frozenset[str]
    sex: str = "any"
    age: float = -1.0

    @classmethod
    def of(
        cls,
        profile: Profile,
        mean_total_mg: float,
        ear_mg: float | None,
        rda_mg: float | None,
        ul_exceeded: bool,
        serum_given: bool = False,
        *,
        serum_low: bool = False,
        supplements: bool = False,
    ) -> Situation:
        tags = {"any"}
        # Intake bands with no gap: below the EAR, EAR to RDA, RDA to 420 mg, 420 mg and above.
        if ear_mg is not None and mean_total_mg < ear_mg:
            tags.add("below_ear")
        elif rda_mg is not None and mean_total_mg < rda_mg:
            # Between the EAR and the RDA; with only an AI (EFSA, infants; given as `rda_mg`), below it: under
            # the advised amount and not shown inadequate. It was "RDA to 420 mg", whose findings (no fracture
            # risk at high intakes) were cited to a pregnant woman at 182 mg against an AI of 300.
            tags.add("ear_to_rda")
        elif mean_total_mg < HIGH_INTAKE_MG:
            tags.add("rda_to_420")
        if mean_total_mg >= HIGH_INTAKE_MG:
            tags.add("above_420")
        if ul_exceeded:
            tags.add("supplements_above_ul")
        if profile.age < 19:
            tags.add("child_adolescent")
        if profile.sex == "female" and profile.age >= POSTMENOPAUSAL_AGE and not profile.pregnant:
            tags.add("postmenopausal_woman")
        if profile.age >= OLDER_ADULT_AGE:
            tags.add("older_adult")
        if serum_given:
            tags.add("serum_given")
        if serum_low:
            tags.add("serum_low")
        if supplements:
            tags.add("supplements")
        if "kidney_disease" in profile.conditions:
            tags.add("kidney_disease")
        if DEFICIENCY_CONDITIONS & set(profile.conditions):
            tags.add("low_intake_causes")
        return cls(frozenset(tags), profile.sex, float(profile.age))


@lru_cache(maxsize=1)
def all_findings() -> tuple[dict[str, Any], ...]:
    from mgcheck.resources import records

    return tuple(
        {key: ("" if value != value else value) for key, value in row.items()} for row in records("evidence.csv")
    )


def citation(finding: dict[str, object]) -> str:
    title = f" {finding['title']}." if finding.get("title") else ""
    return f"{finding['authors']} ({finding['year']}).{title} {finding['journal']}. doi:{finding['doi']}"


def population_label(finding: dict[str, object]) -> str:
    """'female, 50-79 y, postmenopausal' from the finding's population columns."""
    low, high = float(str(finding["age_min_years"])), float(str(finding["age_max_years"]))
    ages = f"{low:g} y and over" if high >= 150 else f"{low:g}-{high - 1:g} y"
    parts = [] if finding["sex"] == "any" else [f"{finding['sex']}s only"]
    parts.append("any age" if low == 0 and high >= 150 else ages)
    if finding["menopause"] == "post":
        parts.append("postmenopausal")
    return ", ".join(parts)


def as_entry(finding: dict[str, object]) -> dict[str, object]:
    """The JSON form of one finding."""
    return {
        "id": finding["id"],
        "citation": citation(finding),
        "doi": finding["doi"],
        "design": finding["design"],
        "population": finding["population"],
        "applies_to_people": population_label(finding),
        "sex": finding["sex"],
        "age_min_years": finding["age_min_years"],
        "age_max_years": finding["age_max_years"],
        "menopause": finding["menopause"],
        "finding": finding["finding"],
        "effect_size": finding["effect_size"],
        "status": finding["status"],
    }


def in_population(finding: dict[str, object], situation: Situation) -> bool:
    """Whether the person is inside the study population (sex, age range, menopausal status).

    Menopausal status is not logged: women from 51 y who are not pregnant are taken as postmenopausal."""
    if finding["sex"] not in ("any", situation.sex):
        return False
    if not float(str(finding["age_min_years"])) <= situation.age < float(str(finding["age_max_years"])):
        return False
    return finding["menopause"] != "post" or "postmenopausal_woman" in situation.tags


def applies(tags: set[str], situation: Situation) -> bool:
    """A finding applies when one of its situations (intake band, serum, ...) is the person's."""
    others = tags - POPULATION_TAGS
    return not others or bool(others & situation.tags)


def select(situation: Situation) -> list[dict[str, object]]:
    """Findings whose situations meet this person's, specific ones first; reviews and 'any' last."""
    chosen = []
    for finding in all_findings():
        tags = set(str(finding["applies_to"]).split("|"))
        if not in_population(finding, situation) or not applies(tags, situation):
            continue
        overlap = tags & situation.tags
        specific = len(overlap - {"any", "below_ear", "ear_to_rda"})
        chosen.append((-specific, finding["design"] == "review", finding))
    chosen.sort(key=lambda entry: (entry[0], entry[1]))
    return [as_entry(finding) for _, _, finding in chosen]
