"""Say when an unmatched food text names two foods ("beans on toast"): each part a food on its own.

No table has every pairing people write on one row ("jacket potato with beans", "strawberries and
cream"), and the matcher rightly refuses an entry that explains only one of the two foods. Such a row
stays unmatched, since how much of each was eaten is not written; but its reason says which foods it
names and its suggestions start with them, so the row can be written as two.

A part counts only when it is a table name or an alias as written (matching's exact steps): the hint
costs a dictionary lookup per part and is never built from a guess. Fuzzy parts were tried: on the
benchmark's 2,000 texts they added 12% to matching and named "high" (a cocktail) and "large" (an egg)
as foods. Nothing is counted from the hint.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mgcheck.matching import FoodIndex, Match

# Words that join two foods on one row; a comma does not (table names use it: "Apples, raw").
_JOINS = re.compile(r"\s+(?:with|on|and|plus|&|\+)\s+", re.IGNORECASE)
# More parts than this is a recipe, not a pairing: the recipe file is the way to write it.
MAX_PARTS = 3
_COUNTS = {2: "two", 3: "three"}


def parts(text: str) -> tuple[str, ...]:
    """The foods a text joins ("beans on toast" -> ("beans", "toast")), or () when it joins none."""
    found = tuple(part.strip() for part in _JOINS.split(text))
    return found if 2 <= len(found) <= MAX_PARTS and all(found) else ()


def explain(index: FoodIndex, results: dict[str, Match], unmatched: list[str]) -> None:
    """Give each unmatched text whose parts are all foods on their own the two-food reason (in place)."""
    from mgcheck.matching import N_SUGGESTIONS

    for text in unmatched:
        found = parts(text)
        exact = [index.exact_match(part) for part in found]
        ids = [match.food_id for match in exact if match is not None and match.food_id is not None]
        if not found or len(ids) < len(found):
            continue
        named = list(dict.fromkeys(index.label(food_id) for food_id in ids))
        # By id: a suggestion may name the food by another of its names ("..., also called ... (id)").
        others = [s for s in results[text].suggestions if not s.endswith(tuple(f"({food_id})" for food_id in ids))]
        written = " and ".join(f"'{part}'" for part in found)
        results[text] = replace(
            results[text],
            suggestions=tuple(named + others[: max(N_SUGGESTIONS - len(named), 0)]),
            reason=f"{_COUNTS[len(found)]} foods in one row: {written} are each a food on its own; "
            "write each on its own row with its amount",
        )
