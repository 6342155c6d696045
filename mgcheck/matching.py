"""Find the food-table entry a log's food text means, with a confidence score.

Order: exact food_id; exact name; curated alias; then fuzzy ranking (rapidfuzz) over the
aliases and the table's names. Exact steps ignore case, accents, punctuation, plurals and
word order. A fuzzy result below MATCH_THRESHOLD, or within CLOSE_MARGIN points of a
different food, is left unmatched with its best suggestions: nothing is guessed silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from mgcheck.text import normalise, sorted_key

if TYPE_CHECKING:
    import pandas as pd

MATCH_THRESHOLD = 86.0
CLOSE_MARGIN = 2.0
N_SUGGESTIONS = 3
# Candidates pulled from the fuzzy ranking before they are grouped by food.
_POOL = 40
# Small penalties so the generic food wins a tie against a branded or baby-food variant.
_PENALTY_BRANDED = 3.0
_PENALTY_SPECIAL_GROUP = 4.0
_SPECIAL_GROUPS = {"Baby Foods", "Restaurant Foods", "American Indian/Alaska Native Foods", "Fast Foods"}


@dataclass(frozen=True)
class Match:
    """The outcome for one distinct food text."""

    food_id: str | None
    score: float
    method: str  # "id", "name", "alias", "fuzzy" or "none"
    suggestions: tuple[str, ...] = ()
    reason: str | None = None


@dataclass
class FoodIndex:
    """Lookup structures over one food table (bundled, or bundled plus a clinic's own)."""

    foods: pd.DataFrame
    names: dict[str, str] = field(default_factory=dict)
    exact: dict[str, str] = field(default_factory=dict)
    alias: dict[str, str] = field(default_factory=dict)
    choices: list[str] = field(default_factory=list)
    choice_food: list[str] = field(default_factory=list)
    choice_penalty: list[float] = field(default_factory=list)

    @classmethod
    def build(cls, foods: pd.DataFrame, aliases: pd.DataFrame) -> FoodIndex:
        index = cls(foods=foods)
        index.names = dict(zip(foods["food_id"], foods["name"], strict=True))
        groups = foods["food_group"].fillna("") if "food_group" in foods else None
        branded = foods["manufacturer"].fillna("") != "" if "manufacturer" in foods else None
        for position, (food_id, name) in enumerate(zip(foods["food_id"], foods["name"], strict=True)):
            key = normalise(name)
            index.exact.setdefault(key, food_id)
            index.exact.setdefault(sorted_key(key), food_id)
            penalty = 0.0
            if branded is not None and branded.iat[position]:
                penalty += _PENALTY_BRANDED
            if groups is not None and groups.iat[position] in _SPECIAL_GROUPS:
                penalty += _PENALTY_SPECIAL_GROUP
            index._add_choice(key, food_id, penalty)
        for alias_text, food_id in zip(aliases["alias"], aliases["food_id"], strict=True):
            if food_id not in index.names:
                continue
            key = normalise(alias_text)
            index.alias.setdefault(key, food_id)
            index.alias.setdefault(sorted_key(key), food_id)
            index._add_choice(key, food_id, 0.0)
        return index

    def _add_choice(self, key: str, food_id: str, penalty: float) -> None:
        self.choices.append(key)
        self.choice_food.append(food_id)
        self.choice_penalty.append(penalty)

    def label(self, food_id: str) -> str:
        return f"{self.names[food_id]} ({food_id})"

    def exact_match(self, text: str) -> Match | None:
        stripped = text.strip()
        if stripped.isdigit() and len(stripped) <= 5 and stripped.zfill(5) in self.names:
            return Match(stripped.zfill(5), 100.0, "id")
        key = normalise(stripped)
        if not key:
            return Match(None, 0.0, "none", (), "the food name is empty")
        for method, table in (("name", self.exact), ("alias", self.alias)):
            food_id = table.get(key) or table.get(sorted_key(key))
            if food_id is not None:
                return Match(food_id, 100.0, method)
        return None

    def match_many(self, texts: list[str]) -> dict[str, Match]:
        """Match each distinct text once; fuzzy candidates are scored in one batch."""
        results: dict[str, Match] = {}
        pending: list[str] = []
        for text in dict.fromkeys(texts):
            found = self.exact_match(text)
            if found is None:
                pending.append(text)
            else:
                results[text] = found
        if pending:
            results.update(self._fuzzy(pending))
        return results

    def _fuzzy(self, texts: list[str]) -> dict[str, Match]:
        import numpy as np
        from rapidfuzz import fuzz, process

        queries = [normalise(text) for text in texts]
        scores = process.cdist(queries, self.choices, scorer=fuzz.WRatio, dtype=np.float32, workers=-1)
        scores -= np.asarray(self.choice_penalty, dtype=np.float32)
        top = np.argpartition(-scores, min(_POOL, scores.shape[1] - 1), axis=1)[:, :_POOL]
        results: dict[str, Match] = {}
        for row, text in enumerate(texts):
            best: dict[str, float] = {}
            for column in top[row]:
                food_id = self.choice_food[column]
                score = float(scores[row, column])
                if score > best.get(food_id, -1.0):
                    best[food_id] = score
            # Equal scores: prefer the shorter (more generic) name, then the lower id, for stability.
            ranked = sorted(best.items(), key=lambda kv: (-kv[1], len(self.names[kv[0]]), kv[0]))
            suggestions = tuple(self.label(food_id) for food_id, _ in ranked[:N_SUGGESTIONS])
            top_id, top_score = ranked[0]
            runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
            if top_score < MATCH_THRESHOLD:
                reason = f"no confident match (best score {top_score:.1f} < {MATCH_THRESHOLD:g})"
                results[text] = Match(None, round(top_score, 1), "none", suggestions, reason)
            elif top_score - runner_up < CLOSE_MARGIN:
                reason = f"too close to call (scores {top_score:.1f} and {runner_up:.1f})"
                results[text] = Match(None, round(top_score, 1), "none", suggestions, reason)
            else:
                results[text] = Match(top_id, round(top_score, 1), "fuzzy", suggestions)
        return results

    def search(self, text: str, limit: int = 10) -> list[tuple[str, float]]:
        """Ranked (food_id, score) candidates for `foods search`."""
        exact = self.exact_match(text)
        ranked: dict[str, float] = {}
        if exact is not None and exact.food_id is not None:
            ranked[exact.food_id] = 100.0
        from rapidfuzz import fuzz, process

        query = normalise(text)
        for _choice, score, column in process.extract(
            query, self.choices, scorer=fuzz.WRatio, limit=limit * 4, processor=None
        ):
            food_id = self.choice_food[column]
            adjusted = float(score) - self.choice_penalty[column]
            if adjusted > ranked.get(food_id, -1.0):
                ranked[food_id] = adjusted
        ordered = sorted(ranked.items(), key=lambda kv: (-kv[1], len(self.names[kv[0]]), kv[0]))
        return ordered[:limit]


@lru_cache(maxsize=1)
def bundled_index() -> FoodIndex:
    from mgcheck.resources import aliases, bundled_foods

    return FoodIndex.build(bundled_foods(), aliases())
