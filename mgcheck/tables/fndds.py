"""USDA FNDDS 2017-2018 as a food table: the `fndds` rows of foods.csv, ids like `fndds:42302010`."""

from __future__ import annotations

from mgcheck.tables.interface import BundledTable

# THE SWITCH: whether free text in logs is matched against FNDDS. On since the matching policy
# (dishes and drinks from FNDDS, single foods from SR28, no confident wrong match) is in place;
# measured with scripts/evaluate_matching.py (README, "How each figure is found").
# Exact ids (`fndds:42302010`, export food codes), `foods search` and `foods show` use FNDDS regardless.
MATCH_TEXT_AGAINST_FNDDS = True


class FNDDS(BundledTable):
    name = "fndds"
    title = "USDA Food and Nutrient Database for Dietary Studies 2017-2018"
    citation = (
        "U.S. Department of Agriculture, Agricultural Research Service. 2020. USDA Food and Nutrient "
        "Database for Dietary Studies 2017-2018. Food Surveys Research Group Home Page, /fsrg."
    )
    id_prefix = "fndds:"
    rank = 10
    in_matching_index = MATCH_TEXT_AGAINST_FNDDS

    def parse_id(self, text: str) -> str | None:
        """'fndds:42302010' or the bare 8-digit food code '42302010' (SR28 ids have 5 digits)."""
        stripped = text.strip()
        if stripped.lower().startswith(self.id_prefix):
            stripped = stripped[len(self.id_prefix) :].strip()
        if stripped.isdigit() and len(stripped) == 8 and self.id_prefix + stripped in self._ids:
            return self.id_prefix + stripped
        return None


TABLE = FNDDS()
