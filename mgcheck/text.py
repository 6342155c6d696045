"""Text normalisation shared by food matching and unit parsing."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Plurals of words in -f/-fe; every other -ves word keeps its "e" (olives, cloves, chives).
_F_PLURALS = {
    "leaves": "leaf",
    "loaves": "loaf",
    "halves": "half",
    "calves": "calf",
    "knives": "knife",
    "shelves": "shelf",
}
# Tokens whose trailing "s" is not a plural.
_KEEP_S = {"is", "us", "ss"}


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """Reduce an English plural to its singular well enough for matching ("cherries" -> "cherry")."""
    if len(word) <= 3 or word[-2:] in _KEEP_S or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word in _F_PLURALS:
        return _F_PLURALS[word]
    if word.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return word[:-2]
    return word[:-1]


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower-case, strip accents and punctuation, singularise each token: 'Bananas, raw' -> 'banana raw'."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = text.lower()
    folded = folded.replace("%", " percent ")
    return " ".join(singular(token) for token in _NON_ALNUM.sub(" ", folded).split())


def sorted_key(normalised: str) -> str:
    """Word-order-free key of a normalised text: 'rice brown cooked' -> 'brown cooked rice'."""
    return " ".join(sorted(normalised.split()))
