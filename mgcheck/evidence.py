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
    "above_420",
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
DEFICIENCY_CONDITIONS = {"diabetes", "alcohol_use", "gi_disease", "diuretics"}


@dataclass(frozen=True)
class Situation:
    tags: frozenset[str]

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
        if ear_mg is not None and mean_total_mg < ear_mg:
            tags.add("below_ear")
        elif ear_mg is not None and rda_mg is not None and mean_total_mg < rda_mg:
            tags.add("ear_to_rda")
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
        return cls(frozenset(tags))


@lru_cache(maxsize=1)
def all_findings() -> tuple[dict[str, Any], ...]:
    from mgcheck.resources import records

    return tuple(
        {key: ("" if value != value else value) for key, value in row.items()} for row in records("evidence.csv")
    )


def citation(finding: dict[str, object]) -> str:
    title = f" {finding['title']}." if finding.get("title") else ""
    return f"{finding['authors']} ({finding['year']}).{title} {finding['journal']}. doi:{finding['doi']}"


def as_entry(finding: dict[str, object]) -> dict[str, object]:
    """The JSON form of one finding."""
    return {
        "id": finding["id"],
        "citation": citation(finding),
        "doi": finding["doi"],
        "design": finding["design"],
        "population": finding["population"],
        "finding": finding["finding"],
        "effect_size": finding["effect_size"],
        "status": finding["status"],
    }


def applies(tags: set[str], situation: Situation) -> bool:
    """A finding about a population (children, postmenopausal women, older adults) applies only to
    a person of that population; otherwise one shared situation (intake band, serum, ...) suffices."""
    population = tags & POPULATION_TAGS
    if population and not population & situation.tags:
        return False
    others = tags - POPULATION_TAGS
    return not others or bool(others & situation.tags)


def select(situation: Situation) -> list[dict[str, object]]:
    """Findings whose situations meet this person's, specific ones first; reviews and 'any' last."""
    chosen = []
    for finding in all_findings():
        tags = set(str(finding["applies_to"]).split("|"))
        if not applies(tags, situation):
            continue
        overlap = tags & situation.tags
        specific = len(overlap - {"any", "below_ear", "ear_to_rda"})
        chosen.append((-specific, finding["design"] == "review", finding))
    chosen.sort(key=lambda entry: (entry[0], entry[1]))
    return [as_entry(finding) for _, _, finding in chosen]
