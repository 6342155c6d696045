"""Find the food-table entry a log's food text means, with a confidence score.

Order: exact food_id; exact name (but a curated alias written as a bundled table's name of another
food first: 'oats'); curated alias; then fuzzy ranking (rapidfuzz) over the aliases and the table's names. Exact steps ignore case, accents, punctuation, plurals and
word order. A fuzzy candidate is *defensible* only when it explains every content word of
the text (`chicken` in `chicken burrito`), says nothing the text denies ("No pulp" for "oj
with pulp"), and is not a branded product the text does not name. The best defensible
candidate (one that is what the text's head word names, "sandwich" of "chicken salad
sandwich", when there is one) is matched when it scores MATCH_THRESHOLD or more and
`doubt_about` finds no reason to doubt it (one kind of the food named, or a food made with
it, close to another food);
defensible foods within CLOSE_MARGIN of it are carried as alternatives (the report shows
their range when their magnesium differs). Otherwise the text is left unmatched with its
best suggestions: nothing is guessed silently.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from mgcheck.book import PREFIX as BOOK_PREFIX
from mgcheck.text import normalise, sorted_key
from mgcheck.units import is_count, leading_count, portion_phrase_length

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

MATCH_THRESHOLD = 75.0


def _names_a_dish(words: list[str], position: int, last: int) -> bool:
    """Whether the form word at `position` is a 'bowl' ending the text after a word of data/dish_bowls.csv:
    a 'burrito bowl' has no tortilla ('beef burrito bowl' was the beef burrito, 241 g, confidently), a 'poke
    bowl' or 'acai bowl' is a dish of its own. Any other bowl is a serving: 'oatmeal bowl', 'rice bowl', 'a
    bowl of cheerios'."""
    if position != last or position == 0 or words[position] != "bowl":
        return False
    return words[position - 1] in _dish_bowls()


@cache
def _dish_bowls() -> frozenset[str]:
    from mgcheck.resources import records

    return frozenset(normalise(str(record["word"])) for record in records("dish_bowls.csv"))


# The rank of a clinic's own food (--foods, or a food of no table): below every bundled table's (SR28 0,
# FNDDS 10), so it wins a tie and marks the index as holding own foods.
_OWN_RANK = -10
CLOSE_MARGIN = 2.0
# Two foods whose Mg per 100 g differs by at most this share give the same answer.
MG_EQUIVALENT = 0.05
N_SUGGESTIONS = 3
# Candidates pulled from the fuzzy ranking before they are grouped by food.
_POOL = 60
# A score most texts' 60 best candidates reach (only a speed-up of `_top`: its answer is the same for any cut).
_TOP_CUT = 20.0
_RECALL_SHARE = 0.7
_MIN_WORD_SIMILARITY = 0.75
_EQUIVALENT_SIMILARITY = 0.85
_ALIAS_BONUS = 5.0
# An "other name" of an FNDDS food (its Additional food description: brands, regional names)
# counts as a name, a little behind the food's main description.
_PENALTY_OTHER_NAME = 4.0
# Word similarity a candidate needs to explain a query word the table knows / does not know.
_EXPLAINED_KNOWN = 0.85
_EXPLAINED_UNKNOWN = 0.8
# `FoodIndex._penalties`: the head, alias and processing words of a choice fill eight byte positions each
# (at most 7, 5 and 3 in the bundled tables); eight named bytes read as one 64-bit integer.
_PENALTY_GROUP = 8
_ALL_SET = 0x0101010101010101
# Fuzzy texts scored per batch: bounds the cached word rows to a few tens of MB.
_FUZZY_CHUNK = 500
# Query words whose best similarity per choice is kept from one batch to the next (a few kB each).
_TOKENS_KEPT = 5000
_COOKING = (
    "steamed",
    "boiled",
    "roasted",
    "grilled",
    "baked",
    "fried",
    "sauteed",
    "poached",
    "broiled",
    "stewed",
    "braised",
    "simmered",
)
# Preparations that make another dish of a food, as a way of cooking does ("Potatoes, scalloped",
# "Chicken, breaded"): an entry saying one the text does not is not what a text joining foods names.
_MADE_INTO = frozenset(
    {
        "breaded",
        "battered",
        "scalloped",
        "mashed",
        "creamed",
        "smoked",
        "pickled",
        "candied",
        "glazed",
        "stuffed",
        "deviled",
        "scrambled",
        "barbecued",
    }
)
# Preparations that make another dish of a food (frying makes fried rice of rice); boiling, steaming or
# baking is how the food itself is cooked ("Spinach, cooked, boiled" is what "spinach, cooked" means),
# and smoking how some foods are kept ("Pate de foie gras, canned (goose liver pate), smoked").
_DISH_MAKING = (_MADE_INTO - {"smoked"}) | {"fried"}
# "cooked"/"uncooked" are one edit apart but mean the opposite.
_NEGATING_PREFIXES = ("un", "non", "no")
# Processed forms of a food: a candidate saying one the text does not say ranks a little behind.
_PROCESSING = frozenset({"frozen", "canned", "dried", "instant", "concentrate", "dehydrated", "powder", "mix"})
_PENALTY_PROCESSED = 3.0
# Words whose "-ed" form is another food: "breaded" chicken is not bread.
_NOT_PARTICIPLES = frozenset({"bread", "breaded", "seed", "seeded", "corn", "corned"})
# A text starting with one of these ("in brine", "with milk", "on toast") says what a food is
# packed in or served with, not the food itself.
_LEADING_PREPOSITIONS = frozenset({"in", "with", "on", "without"})
# Words that deny the next one ("no pulp", "without salt", "not chocolate").
_NEGATORS = frozenset({"no", "not", "non", "without"})
# Articles before a portion word ("a bowl of", "one slice of"): dropped with it.
_PORTION_ARTICLES = frozenset({"a", "an", "one"})
# Words that carry no food meaning in a diary line.
_STOP_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "my", "some", "x", "n"})
# Grammar words a candidate need not explain ("made with milk").
_CONNECTIVES = frozenset({"with", "without", "made", "from", "to", "for"})
# Words diaries use for what SR28 calls otherwise.
_EQUIVALENT_WORDS: dict[str, tuple[str, ...]] = {
    **{word: ("cooked",) for word in _COOKING},
    "cooked": ("boiled", "roasted", "baked", "prepared"),
    "dry": ("uncooked", "raw"),
    "uncooked": ("raw", "dry"),
    "raw": ("uncooked",),
    "fresh": ("raw",),
}
# Small penalties so the generic food wins a tie against a branded or baby-food variant.
_PENALTY_BRANDED = 3.0
_PENALTY_SPECIAL_GROUP = 4.0
# SR28 lists the unsalted form as the primary entry; "with salt" twins lose a tie.
_PENALTY_SALTED = 1.5
_SALT_WORDS = frozenset({"salt", "salted", "unsalted", "lightly"})
_SALTED = re.compile(r"\bwith (?:added )?salt\b|(?<!without )(?<!no )\bsalt added\b", re.IGNORECASE)
# Capitalised words in SR28 names that are abbreviations, not brands.
_CAPITAL_WORD = re.compile(r"\b[A-Z][A-Z'&.-]*[A-Z]\b")
_NOT_BRANDS = frozenset({"USDA", "DHA", "ARA", "BBQ", "NFS", "NS", "US", "OF", "IT", "II", "III", "RTE", "RTF", "UHT"})
# Two letter words joined by a hyphen: "Chick-peas" is the tables' "chickpeas".
_HYPHENATED = re.compile(r"\b([^\W\d_]+)-([^\W\d_]+)\b")
_PARENTHESES = re.compile(r"\([^)]*\)")
_NAME_WORD = re.compile(r"[^\W\d_][\w'&-]*")
_COMPANY_WORDS = frozenset({"inc", "co", "company", "corp", "corporation", "food", "ltd", "llc", "the", "and", "brand"})
# SR28 marks the generic form of a food "all types" or "all commercial varieties": it wins a tie.
_GENERIC = re.compile(r"\ball (?:commercial )?(?:types|varieties)\b", re.IGNORECASE)
_BONUS_GENERIC = 2.5
# FNDDS: a small handicap so SR28's generic single food wins a tie; its "NFS" entries and
# "NS as to ..." phrases describe the unspecified form, which a text without detail means.
_PENALTY_SECOND_TABLE = 1.0
_SECOND_TABLE_MARGIN = 5.0
# A single food (not a dish or drink) named in both tables is SR28's, even some way behind.
_SINGLE_FOOD_MARGIN = 10.0
_TWIN_MG = 0.10
_NFS = re.compile(r"\bNFS\b")
_FNDDS_DESCRIPTION = re.compile(r"\bNFS\b|\bNS as to\b|\(")
_PENALTY_FIRST_SEGMENT = 1.0
_SERVED_WITH = re.compile(r"(?:with|on|in)\b|NFS\b|NS as to\b")
_NS_PHRASE = re.compile(r"\bNS as to [^,]*|\bNFS\b")
# An FNDDS additional description that only says the entry covers either form ("with or without
# fat", "NS as to type", "NFS") or what it is served on, with or made from ("on bread or roll",
# "with granola", "made from syrup") names no food: it is not taken as another name of the food,
# as a log text starting so is not taken as a food (_LEADING_PREPOSITIONS).
# Where a table name starts saying what its food is made or served with ("Tuna salad, made with ...").
_COMPONENT_START = re.compile(r",?\s+(?:with|made|in|on)\b", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"^(?:with|without|on|in|from|made|ns as to|nfs)\b")
# The food a table entry is: the head of its name ("oil" in "Oil, avocado", "milk" in
# "Strawberry milk"). A candidate whose head the text does not name is another food made with
# the one named (avocado oil for "avocado"), so it ranks a little behind the food itself.
_PENALTY_HEAD = 6.0
# A word SR28 writes in the later segments of this many names ("fried", "whole", "low") describes foods (`_food_nouns`).
_DESCRIBER_NAMES = 5
# What separates the foods a table name holds together: "Rice, fried, with chicken", "Biscuit with gravy",
# "Chili con carne", "Beef with tomato-based sauce", "Arroz con frijoles (rice and black beans)". The group is a
# comma or parenthesis, which separates segments of one food; a joining word separates two foods.
_NAME_JOINS = re.compile(r"\s+(?:with|and|on|in|&|con)\s+|-based\s+|([,()])", re.IGNORECASE)
# Words bringing in what a food is fortified with ("with added calcium"): nutrients, not foods.
_FORTIFIED = frozenset({"added", "fortified", "enriched"})
# What a table name says its food is for: "for use with vegetables" of "Chicken, for use with vegetables".
_PURPOSE = re.compile(r"\bfor\b[^,()]*", re.IGNORECASE)
_INCLUDES = re.compile(r"\(includes ([^)]*)\)", re.IGNORECASE)
# First segments of SR28 names that say the kind of entry, not the food: the head is further on.
_KIND_SEGMENTS = frozenset(
    {
        "beverage",
        "cereal ready to eat",
        "cereal",
        "fish",
        "snack",
        "fast food",
        "candy",
        "candies",
        "nut",
        "seed",
        "spice",
        "alcoholic beverage",
        "mollusk",
        "crustacean",
        "restaurant",
        "usda commodity",
        "game meat",
        "formulated bar",
        "chinese",
        "mexican",
        "italian",
        "latino",
        "family style",
        "carbonated",
    }
)
_COMPONENT_CUT = frozenset({"with", "in", "on", "made", "from"})
# What a food is cooked, packed or seasoned in ("made with butter", "in water", "with salt"): not a food it is made with.
_MEDIA = frozenset({"salt", "water", "sugar", "oil", "fat", "butter", "margarine", "syrup", "juice", "spray"})
_HEAD_CUT = re.compile(r"\b(?:with|without|in|on|made|from|for|con)\b.*")
_HEAD_ALTERNATIVES = re.compile(r"\bor\b|\band\b|/|&")
# A first segment joining foods ("Vodka and lemonade"), unless it offers either one ("Chicken or turkey and rice").
_JOINED_FIRST = re.compile(r"\band\b|&")
_EITHER = re.compile(r"\bor\b|/")
_SPECIAL_GROUPS = {"Baby Foods", "Restaurant Foods", "American Indian/Alaska Native Foods", "Fast Foods"}


@dataclass(frozen=True)
class Match:
    """The outcome for one distinct food text."""

    food_id: str | None
    score: float
    method: str  # "id", "name", "alias", "fuzzy" or "none"
    suggestions: tuple[str, ...] = ()
    reason: str | None = None
    # Other foods the text may equally mean (curated alias rows, or defensible near-ties).
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class MatchSignals:
    """What the confidence of a fuzzy match is judged on."""

    score: float
    # Score lead over the next defensible candidate whose Mg differs (inf when there is none).
    margin: float
    # Whether the text names the matched entry's head ("salad" of "Egg salad"), and whether a
    # defensible rival of different Mg has its head named.
    headed: bool
    headed_rival: bool
    # Whether the text names every food word qualifying the entry's head ("tuna" of "Tuna salad").
    qualified: bool
    # Whether the entry's head has words qualifying it and the text names them all ("grilled cheese" of
    # "Grilled cheese sandwich"): a text that leaves the head out names the food by its kind.
    kind_named: bool = True
    # Whether the entry says a preparation making another dish of its food that the text does not
    # ("Zucchini, pickled" for "courgette"; `FoodIndex._prepares_unsaid`).
    prepared: bool = False


# Texts in a batch from which matching's kept objects join the oldest generation at once (`match_many`).
KEPT_BATCH = 256


@dataclass
class FoodIndex:
    """Lookup structures over one food table (bundled, or bundled plus a clinic's own)."""

    foods: pd.DataFrame
    names: dict[str, str] = field(default_factory=dict)
    exact: dict[str, str] = field(default_factory=dict)
    alias: dict[str, str] = field(default_factory=dict)
    # The same keys with their words sorted, so word order does not matter; None where two
    # different foods share the words ("with salt, without peanuts" / "with peanuts, without salt").
    exact_unordered: dict[str, str | None] = field(default_factory=dict)
    alias_unordered: dict[str, str | None] = field(default_factory=dict)
    choices: list[str] = field(default_factory=list)
    choice_food: list[str] = field(default_factory=list)
    choice_penalty: list[float] = field(default_factory=list)
    choice_context: list[str] = field(default_factory=list)
    choice_salted: list[bool] = field(default_factory=list)
    # Per choice: None when the food is not branded, else the words that name its brand.
    choice_brand: list[frozenset[str] | None] = field(default_factory=list)
    # Per choice: the head words of its name (the text should name one), empty when none is known.
    choice_head: list[tuple[str, ...]] = field(default_factory=list)
    # Vocabulary codes of choice_head, one row per choice, padded with len(vocabulary) (no word).
    head_codes: np.ndarray | None = None
    # Per choice: the words of a curated alias (empty for other choices), and their codes as above.
    choice_alias_words: list[tuple[str, ...]] = field(default_factory=list)
    alias_codes: np.ndarray | None = None
    # Per choice: codes of the processing words its name says (frozen, canned ...), as above.
    processed_codes: np.ndarray | None = None
    # head_codes, alias_codes and processed_codes side by side, as positions in `_penalties`' lookup.
    penalty_codes: np.ndarray | None = None
    # Per choice: the words qualifying its head ("tuna" of "Tuna salad with egg"), and their codes as above.
    choice_qualifiers: list[tuple[str, ...]] = field(default_factory=list)
    # Choice -> the FNDDS other name it is, as written ("Keebler 100 Calorie Right Bites Grasshopper"):
    # a suggestion found by one says so, since the food's own name may not show the words asked for.
    other_name_of: dict[int, str] = field(default_factory=dict)
    qualifier_codes: np.ndarray | None = None
    # Per choice: every word qualifying its head ("worcestershire" of the alias "worcestershire sauce",
    # "grilled" and "cheese" of "Grilled cheese sandwich"), as codes padded as above.
    kind_codes: np.ndarray | None = None
    # Per choice: the words of preparations making another dish of its food that it says (_DISH_MAKING:
    # "fried" of "Rice, fried, NFS"), mostly none.
    choice_dish_words: list[tuple[str, ...]] = field(default_factory=list)
    # Curated aliases with more than one row: every food the alias may mean, first row first.
    alias_foods: dict[str, tuple[str, ...]] = field(default_factory=dict)
    form_words: frozenset[str] = frozenset()
    # Regional or colloquial words and what the table calls them ("wholemeal" -> "whole wheat").
    equivalents: dict[str, str] = field(default_factory=dict)
    # Words in the longest phrase of `equivalents` ("spring greens" -> 2).
    equivalent_length: int = 1
    alias_foods_unordered: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Words that make a food a different thing (substitute, imitation, babyfood): the text must say them.
    marked_words: frozenset[str] = frozenset()
    # Marked word -> other words of a text that say it (marked_words.csv `said_by`: "baby" and the
    # brand "gerber" say "baby food").
    marked_said_by: dict[str, frozenset[str]] = field(default_factory=dict)
    # food_id -> rank of its table (mgcheck.tables): on an equal score the lower rank wins (SR28 first).
    rank: dict[str, int] = field(default_factory=dict)
    # Foods found by their id only, never by text (tables kept out of log matching, e.g. FNDDS for now).
    id_only_ids: frozenset[str] = frozenset()
    # Curated aliases written as a bundled table's name of another food, and that food: the alias is the
    # deliberate choice ('oats' is the rolled oats people buy, SR28 08120 at 81 g a cup, not SR28's grain
    # named 'Oats', 20038 at 156 g a cup; 'buckwheat' the cooked groats).
    alias_over_name: dict[str, str] = field(default_factory=dict)
    # Foods known to be in no bundled table (data/absent_foods.csv), by normalised text: the nearest foods
    # offered (the file's source column says why). Such a text is unmatched with suggestions, never matched to a dish named after it
    # ('paneer' was FNDDS's Palak Paneer, a spinach dish).
    absent: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Whether the index holds a clinic's own foods (--foods, the book; rank _OWN_RANK < 0, below SR28's 0): an
    # absent food's text is then matched first, and refused only when no own food answers it ('Paneer, homemade').
    own_foods: bool = False
    # Foods of the second table (FNDDS): on a near-tie with a defensible SR28 food, SR28 is kept.
    second_table: set[str] = field(default_factory=set)
    # Branded products (`_brand_words`): never the generic form a single food is promoted to.
    branded: frozenset[str] = frozenset()
    # FNDDS foods of "as eaten" WWEIA categories (data/as_eaten_categories.csv): preferred for dishes and drinks.
    as_eaten: set[str] = field(default_factory=set)
    exact_second: dict[str, str] = field(default_factory=dict)
    exact_second_unordered: dict[str, str | None] = field(default_factory=dict)
    # food_id -> the head words of its table name (`_head_words`), whichever choice found it.
    food_heads: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # food_id -> the foods its table name says it is made or served with ("Beef, ground, with egg and
    # onion" -> egg, onion; `_added_foods`), for foods whose name says any.
    food_additions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # SR28 food_id -> the foods its later segments say it is a kind of ("Spaghetti, spinach, cooked" -> spinach; `_kind_foods`).
    food_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    scorer: TokenScorer | None = None
    # The foods the choices name, once each; per choice, the position of its food there; and per
    # such food, its place in the tie-break order of `_ranked` (table rank, shorter name, id).
    choice_food_ids: list[str] = field(default_factory=list)
    choice_food_code: np.ndarray | None = None
    food_order: np.ndarray | None = None
    # The last text's `_content_words`, with its evidence.
    _last_content: tuple[Evidence, list[tuple[str, frozenset[int]]]] | None = None
    # `marked_words` in order, each with the vocabulary codes of its words (None: a word no table spells), for `_said`.
    _marked_codes: tuple[tuple[str, tuple[int | None, ...]], ...] | None = None
    # The first word of each marked word or phrase: a choice holding none of them holds no marked word.
    _marked_first: frozenset[str] = frozenset()
    _mg: dict[str, float] | None = None
    # Vocabulary codes of the words that name a food (`_food_nouns`): a text naming none only describes one.
    food_noun_codes: frozenset[int] = frozenset()
    # Vocabulary codes of the words naming a branded product ("milky", "way" of "MILKY WAY Bar"):
    # a text naming one names a food, though none of its words is a food noun.
    brand_codes: frozenset[int] = frozenset()
    # First segments of the tables' names (two words or more) that hold a form word: "reese piece" of
    # "Reese's Pieces", "silk plain". A text holding one keeps its form words ("reeses pieces" is the candy).
    form_word_names: tuple[str, ...] = ()

    @classmethod
    def build(cls, foods: pd.DataFrame, aliases: pd.DataFrame, id_only: frozenset[str] = frozenset()) -> FoodIndex:
        """Index `foods`; foods of the tables named in `id_only` are found by their id only, never by text."""
        from mgcheck.resources import read_data_csv
        from mgcheck.tables import all_tables

        index = cls(foods=foods)
        index.names = dict(zip(foods["food_id"].tolist(), foods["name"].tolist(), strict=True))
        count = len(foods)
        ranks = {table.name: table.rank for table in all_tables()} | {"custom": _OWN_RANK}
        tables = foods["table"].fillna("").tolist() if "table" in foods else [""] * count
        food_ranks = [ranks.get(name, 100) if name else _OWN_RANK for name in tables]
        index.rank = dict(zip(foods["food_id"].tolist(), food_ranks, strict=True))
        index.own_foods = any(rank < 0 for rank in food_ranks)
        if id_only and "table" in foods:
            by_text = ~foods["table"].isin(list(id_only))
            if not by_text.all():
                index.id_only_ids = frozenset(foods.loc[~by_text, "food_id"])
                foods = foods[by_text]
                count = len(foods)
                food_ranks = [
                    ranks.get(name, 100) if name else _OWN_RANK for name in foods["table"].fillna("").tolist()
                ]
        # The rank that set each word-order-free key: a lower-ranked table never makes a
        # higher-ranked table's key ambiguous.
        unordered_rank: dict[str, int] = {}
        groups = foods["food_group"].fillna("").tolist() if "food_group" in foods else [""] * count
        branded = (foods["manufacturer"].fillna("") != "").tolist() if "manufacturer" in foods else [False] * count
        names = foods["name"].tolist()
        keys = [normalise(name) for name in names]
        manufacturers = foods["manufacturer"].fillna("").tolist() if "manufacturer" in foods else [""] * count
        brands = _brand_words(names, manufacturers, branded)
        brand_of = dict(zip(foods["food_id"].tolist(), brands, strict=True))
        index.branded = frozenset(food_id for food_id, brand in brand_of.items() if brand is not None)
        generic_words = {w for key, brand in zip(keys, brands, strict=True) if brand is None for w in key.split()}
        index.form_words = form_words()
        index.form_word_names = _form_word_names(names, index.form_words)
        tables_of = foods["table"].fillna("").tolist() if "table" in foods else [""] * count
        as_eaten = set(read_data_csv("as_eaten_categories.csv", dtype=str)["wweia_category"])
        index.equivalents = word_equivalents()
        absent = read_data_csv("absent_foods.csv", dtype=str)
        index.absent = {
            normalise(text): tuple(food_id for food_id in nearest.split(";") if food_id)
            for text, nearest in zip(absent["text"], absent["nearest"].fillna(""), strict=True)
        }
        index.equivalent_length = max((len(phrase.split()) for phrase in index.equivalents), default=1)
        marked = read_data_csv("marked_words.csv", dtype=str)
        index.marked_words = frozenset(normalise(w) for w in marked["word"])
        index.marked_said_by = {
            normalise(word): frozenset(normalise(said).split())
            for word, said in zip(marked["word"], marked["said_by"].fillna(""), strict=True)
            if said
        }
        heads_of: dict[str, tuple[str, ...]] = {}
        # The heads each name has read in English order ("Pie, cherry" -> "pie"), and the foods the
        # tables list on their own, as a name's first segment of one word ("Cherries, raw" -> "cherry"):
        # the second segment of an FNDDS pair naming one of those only qualifies the first.
        english = [head_phrase(name) for name in names]  # (heads, qualifiers): an SR28 name's own, once
        single_heads = frozenset(
            first
            for first in (normalise(_PARENTHESES.sub(" ", name).split(",")[0]) for name in names)
            if first and " " not in first
        )
        first_segments: dict[str, tuple[int, float, str, tuple[str, ...], tuple[str, ...]]] = {}
        for position, (food_id, name, key) in enumerate(zip(foods["food_id"].tolist(), names, keys, strict=True)):
            if tables_of[position] == "fndds":
                # Found by its exact name after SR28 names and aliases when a dish or drink, or a
                # description only FNDDS writes ("Pecans, NFS", "Cereal (Kellogg's Corn Flakes)", as
                # ASA24 and NHANES exports do); a plain name ("Almonds", "Soybeans, cooked") goes on
                # to the ranking, where SR28 is preferred.
                if groups[position] in as_eaten:
                    index.exact_second.setdefault(key, food_id)
                    _add_unordered(index.exact_second_unordered, key, food_id)
                elif _FNDDS_DESCRIPTION.search(name) or name.count(",") >= 2:
                    index.exact_second.setdefault(key, food_id)  # in its own word order only
            else:
                index.exact.setdefault(key, food_id)
                _add_unordered(index.exact_unordered, key, food_id, food_ranks[position], unordered_rank)
            penalty = 0.0
            if brands[position] is not None:
                penalty += _PENALTY_BRANDED
            if groups[position] in _SPECIAL_GROUPS:
                penalty += _PENALTY_SPECIAL_GROUP
            if _GENERIC.search(name):
                penalty -= _BONUS_GENERIC
            if tables_of[position] == "fndds":
                # "NFS" (not further specified) is FNDDS's entry for a food given without detail.
                if groups[position] not in as_eaten:
                    penalty += _PENALTY_SECOND_TABLE
                if _NFS.search(name):
                    penalty -= _BONUS_GENERIC
                key = normalise(_NS_PHRASE.sub(" ", name)) or key
            salted = bool(_SALTED.search(name))
            if salted:
                penalty += _PENALTY_SALTED
            fndds = tables_of[position] == "fndds"
            head, qualifiers = head_phrase(name, inverted_pair=True) if fndds else english[position]
            if fndds:
                head, qualifiers = _own_heads(head, qualifiers, english[position][0], single_heads)
            elif kinds := _kind_foods(name, head, single_heads):
                index.food_kinds[food_id] = kinds
            heads_of[food_id] = head
            index._add_choice(key, food_id, penalty, key, salted, brands[position], head, qualifiers=qualifiers)
            if tables_of[position] == "fndds" and "," in name:
                first = normalise(_PARENTHESES.sub(" ", name).split(",")[0])
                shortest = first_segments.get(first)
                if len(first.split()) > 1 and (shortest is None or len(name) < len(names[shortest[0]])):
                    first_segments[first] = (position, penalty, key, head, qualifiers)
        # FNDDS writes a dish first and what comes with it after ("Ham sandwich, with spread"): a
        # text giving only the dish is the shortest entry under that first segment, when that
        # entry is a dish or drink whose details only say what it is served with.
        food_ids = foods["food_id"].tolist()
        for first, (position, penalty, key, head, qualifiers) in first_segments.items():
            details = names[position].split(",", 1)[1].strip()
            if groups[position] in as_eaten and _SERVED_WITH.match(details):
                index._add_choice(
                    first, food_ids[position], penalty + _PENALTY_FIRST_SEGMENT, key, head=head, qualifiers=qualifiers
                )
        index.second_table = {f for f, t in zip(foods["food_id"].tolist(), tables_of, strict=True) if t == "fndds"}
        index.as_eaten = {
            f
            for f, g in zip(foods["food_id"].tolist(), groups, strict=True)
            if f in index.second_table and g in as_eaten
        }
        name_words = {w for key, t in zip(keys, tables_of, strict=True) if t == "fndds" for w in key.split()}
        if "other_names" in foods:
            # FNDDS "additional descriptions" (other names, brands) count as names, a little behind the main one.
            for food_id, key, other in zip(
                foods["food_id"].tolist(), keys, foods["other_names"].fillna(""), strict=True
            ):
                for other_name in str(other).split(";"):
                    other_key = normalise(other_name)
                    # A lone common word ("vegetable", "salmon") qualifies the food; it does not name it.
                    if (
                        other_key
                        and other_key != key
                        and other_key not in name_words
                        and not _NOT_A_NAME.match(other_key)
                    ):
                        context = f"{other_key} {key}"
                        # The other name with the head of the food it names ("fat free" of a Greek
                        # yogurt is "fat free yogurt"), so a qualifier alone never looks like a whole name.
                        head = heads_of.get(food_id, ())
                        named = " ".join([other_key, *(w for w in head if w not in other_key.split())])
                        own_heads = _phrase_heads(other_name)
                        # "caesar dressing" of "Chicken or turkey salad, made with creamy dressing" names a
                        # kind of the dressing the food is made with, not the food: the text must name the dressing.
                        component = _component_words(key)
                        if own_heads and all(w in component and w not in head for w in own_heads):
                            choice_head = tuple(own_heads)
                        else:
                            choice_head = tuple(dict.fromkeys([*own_heads, *head]))
                        index.other_name_of[len(index.choices)] = other_name.strip()
                        index._add_choice(
                            named,
                            food_id,
                            _PENALTY_OTHER_NAME,
                            context,
                            brand=brand_of.get(food_id),
                            head=choice_head,
                        )
        alias_foods: dict[str, list[str]] = {}
        table_of = dict(zip(foods["food_id"].tolist(), tables_of, strict=True))
        bundled_tables = {table.name for table in all_tables()}
        for alias_text, food_id in zip(aliases["alias"], aliases["food_id"], strict=True):
            if food_id not in index.names:
                continue
            key = normalise(alias_text)
            if key not in alias_foods:  # further rows of an alias are its alternatives
                index.alias[key] = food_id
                shared = index.exact.get(key)
                if shared is not None and shared != food_id and table_of.get(shared) in bundled_tables:
                    index.alias_over_name[key] = shared
                _add_unordered(index.alias_unordered, key, food_id)
                alias_foods[key] = []
            if food_id not in alias_foods[key]:
                alias_foods[key].append(food_id)
            if food_id != index.alias[key]:
                # An alternative is another reading of the alias's text, not a name of that food: as a
                # name it would outscore the food's own ('spinach' for 'spinach boiled', cooked spinach
                # being raw spinach's alternative) and hide the words its own name explains.
                continue
            # An alias of a branded food names the brand only through its own non-generic words.
            brand = brand_of.get(food_id)
            if brand is not None:
                brand = brand | {w for w in key.split() if w not in generic_words and len(w) > 2}
            context = f"{key} {normalise(index.names[food_id])}"
            index._add_choice(
                key,
                food_id,
                -_ALIAS_BONUS,
                context,
                brand=brand,
                head=tuple(_phrase_heads(alias_text)),
                alias=True,
                qualifiers=head_phrase(alias_text)[1],
            )
        index.food_heads = heads_of
        index.food_additions = {
            food_id: added
            for food_id, name in zip(foods["food_id"].tolist(), names, strict=True)
            if (added := _added_foods(name, single_heads))
        }
        index.alias_foods = {key: tuple(ids) for key, ids in alias_foods.items() if len(ids) > 1}
        index.alias_foods_unordered = {sorted_key(key): ids for key, ids in index.alias_foods.items()}
        index.scorer = TokenScorer(index.choices, index.choice_context, index.choice_penalty, index.choice_salted)
        index.scorer.foods = single_heads
        describing = index.form_words | {*_COOKING, *_PROCESSING, "cooked", "uncooked", "raw"}
        nouns = _food_nouns(foods, brands, aliases["alias"].tolist(), describing)
        index.food_noun_codes = frozenset(index.scorer.codes(nouns))
        brand_names = frozenset().union(*(brand for brand in brands if brand is not None))
        index.brand_codes = frozenset(index.scorer.codes(brand_names - describing))
        index._code_foods()
        index.head_codes = _head_codes(index.choice_head, index.scorer.vocabulary)
        index.alias_codes = _word_codes(index.choice_alias_words, index.scorer.vocabulary)
        processed = [tuple(w for w in dict.fromkeys(key.split()) if w in _PROCESSING) for key in index.choices]
        index.processed_codes = _word_codes(processed, index.scorer.vocabulary)
        index.penalty_codes = _penalty_codes(
            index.head_codes, index.alias_codes, index.processed_codes, len(index.scorer.words)
        )
        # Only a qualifier that is itself the head of some entry names a food ("tuna", "corn", "rice",
        # "peanut"); one that only describes ("soft" taco, "wild" rice) does not make another food.
        index.kind_codes = _word_codes(index.choice_qualifiers, index.scorer.vocabulary)
        # A curated alias is what people write: its own words are read ("chicken nuggets", not its food's
        # "breaded and fried"); another choice by the words it explains (its food's name with them).
        index.choice_dish_words = [
            tuple(w for w in dict.fromkeys(alias or context.split()) if w in _DISH_MAKING)
            for alias, context in zip(index.choice_alias_words, index.choice_context, strict=True)
        ]
        food_heads = {word for head in heads_of.values() for word in head}
        index.choice_qualifiers = [tuple(w for w in words if w in food_heads) for words in index.choice_qualifiers]
        index.qualifier_codes = _word_codes(index.choice_qualifiers, index.scorer.vocabulary)
        return index

    def _code_foods(self) -> None:
        """Number the choices' foods and rank them for the tie-break of `_ranked`."""
        import numpy as np

        self.choice_food_ids = list(dict.fromkeys(self.choice_food))
        position = {food_id: code for code, food_id in enumerate(self.choice_food_ids)}
        self.choice_food_code = np.array([position[food_id] for food_id in self.choice_food], dtype=np.int64)
        in_order = sorted(self.choice_food_ids, key=lambda f: (self.rank.get(f, 0), len(self.names[f]), f))
        self.food_order = np.empty(len(in_order), dtype=np.int64)
        self.food_order[[position[food_id] for food_id in in_order]] = np.arange(len(in_order))

    def _add_choice(
        self,
        key: str,
        food_id: str,
        penalty: float,
        context: str,
        salted: bool = False,
        brand: frozenset[str] | None = None,
        head: tuple[str, ...] = (),
        alias: bool = False,
        qualifiers: tuple[str, ...] = (),
    ) -> None:
        if key:
            self.choices.append(key)
            self.choice_food.append(food_id)
            self.choice_penalty.append(penalty)
            self.choice_context.append(context)
            self.choice_salted.append(salted)
            self.choice_brand.append(brand)
            self.choice_head.append(head)
            self.choice_alias_words.append(tuple(key.split()) if alias else ())
            self.choice_qualifiers.append(qualifiers)

    @property
    def mg_per_100g(self) -> dict[str, float]:
        """Magnesium per 100 g of every food, by id."""
        if self._mg is None:
            ids, values = self.foods["food_id"].tolist(), self.foods["mg_per_100g"].astype(float).tolist()
            self._mg = dict(zip(ids, values, strict=True))  # lists: iterating two Series costs 3-4x more
        return self._mg

    def label(self, food_id: str) -> str:
        return f"{self.names[food_id]} ({food_id})"

    def _suggestion(self, food_id: str, column: int) -> str:
        """The food's label, saying the other name it was found by: "Cookie, shortbread, reduced fat, also
        called Keebler 100 Calorie Right Bites Sandies Shortbread Cookies (fndds:53239010)"."""
        other_name = self.other_name_of.get(column)
        if other_name is None:
            return self.label(food_id)
        return f"{self.names[food_id]}, also called {other_name} ({food_id})"

    def query_key(self, text: str) -> str:
        """The words the table would use: regional words and phrases translated, words of form or serving dropped."""
        if self.scorer is None:
            return self._query_key(text)
        keys = self.scorer.query_keys
        found = keys.get(text)
        if found is None:
            if len(keys) > _TOKENS_KEPT:
                keys.clear()
            found = keys[text] = self._query_key(text)
        return found

    def _query_key(self, text: str) -> str:
        words = _translate(normalise(self._joined(text)).split(), self.equivalents, self.equivalent_length).split()
        words = words[portion_phrase_length(words) :] or words
        # A form word in a phrase that is a table's name ("Reese's Pieces") names the food: it stays.
        padded = f" {' '.join(words)} "
        named = {word for phrase in self.form_word_names if f" {phrase} " in padded for word in phrase.split()}
        kept: list[str] = []
        last = len(words) - 1
        for position, word in enumerate(words):
            if word in self.form_words and word not in named and not _names_a_dish(words, position, last):
                continue
            # "a bowl of cheerios" is "cheerios": the article and "of" around a dropped portion word go with it.
            if (
                position + 1 < len(words)
                and words[position + 1] in self.form_words
                and (word in _PORTION_ARTICLES or is_count(word))
            ):
                continue
            if word == "of" and position and words[position - 1] in self.form_words:
                continue
            kept.append(word)
        return " ".join(kept or words)

    def _joined(self, text: str) -> str:
        """The text with each hyphenated word written as one word where the tables spell it so ("Chick-peas").

        Only where no name writes the two words apart: "Beech-Nut" and "multi-grain" stay two words.
        """
        if "-" not in text or self.scorer is None:
            return text
        vocabulary = self.scorer.vocabulary

        def join(found: re.Match[str]) -> str:
            whole = found.group(1) + found.group(2)
            apart = normalise(f"{found.group(1)} {found.group(2)}")
            return whole if normalise(whole) in vocabulary and not self._written_apart(apart) else found.group(0)

        return _HYPHENATED.sub(join, text)

    def _written_apart(self, pair: str) -> bool:
        """Whether some choice has the two words of `pair` ("beech nut") next to each other.

        Only the choices holding the first word are read (its postings), not every choice.
        """
        assert self.scorer is not None
        words = pair.split(" ")
        code = self.scorer.vocabulary.get(words[0])
        if len(words) != 2 or code is None:
            return False
        starts, holding = self.scorer.own_starts, self.scorer.own_choice
        padded = f" {pair} "
        return any(
            padded in f" {self.choices[column]} " for column in holding[starts[code] : starts[code + 1]].tolist()
        )

    def exact_match(self, text: str) -> Match | None:
        stripped = text.strip()
        # An id of any table in this index as written: a clinic's --foods ids ('granola1', 'rec001',
        # '900001') are no table's text, and its book's foods are also found by the book's own id.
        for food_id in (stripped, BOOK_PREFIX + stripped):
            if food_id in self.names:
                return Match(food_id, 100.0, "id")
        if stripped.isdigit() and len(stripped) <= 5 and stripped.zfill(5) in self.names:
            return Match(stripped.zfill(5), 100.0, "id")
        if any(character.isdigit() for character in stripped):
            from mgcheck.tables import parse_id

            ids = [food_id for food_id in parse_id(stripped) if food_id in self.names]
            if len(ids) == 1:
                return Match(ids[0], 100.0, "id")
        key = normalise(stripped)
        if not key:
            return Match(None, 0.0, "none", (), "the food name is empty")
        found = self._exact_key(key)
        if found is not None:  # a table name as written: its query key is not needed
            return found
        if key in self.absent and not self.own_foods:
            # Before its query key: 'mint slice' (an Arnott's biscuit) is no 'mint' with a slice word dropped.
            return self._absent(key, key)
        query = self.query_key(stripped)
        found = self._exact_key(query) if query != key else None
        if found is None and not self.own_foods:
            # After every table's names and aliases; with a clinic's own foods, after fuzzy matching
            # (`_match_many`), so that its 'Paneer, homemade' answers 'paneer'.
            return self._absent(key, query)
        return found

    def absent_from_tables(self, text: str) -> Match | None:
        """The unmatched answer when `text` names a food data/absent_foods.csv knows is in no bundled table
        (its nearest foods as suggestions), or None; `foods search` says so above its candidates."""
        stripped = text.strip()
        key = normalise(stripped)
        return self._absent(key, self.query_key(stripped)) if key else None

    def _absent(self, key: str, query: str) -> Match | None:
        """The unmatched answer for a food in no bundled table (data/absent_foods.csv), or None."""
        absent = self.absent.get(key) or self.absent.get(query)
        if absent is None:
            return None
        nearest = tuple(self.label(food_id) for food_id in absent if food_id in self.names)
        return Match(
            None,
            0.0,
            "none",
            nearest,
            "in no bundled table (data/absent_foods.csv): add it to the food book or --foods",
        )

    def _exact_key(self, key: str) -> Match | None:
        # A curated alias written as it is outranks a bundled table's name it shares (`alias_over_name`),
        # unless a clinic's dish of that name has since taken the name (`mgcheck.recipes.add_dishes`).
        shadowed = self.alias_over_name.get(key)
        if shadowed is not None and self.exact.get(key) == shadowed:
            curated = self.alias[key]
            others = self.alias_foods.get(key, ())
            return Match(curated, 100.0, "alias", alternatives=tuple(f for f in others if f != curated))
        unordered = sorted_key(key)
        for method, table, any_order in (
            ("name", self.exact, self.exact_unordered),
            ("alias", self.alias, self.alias_unordered),
            ("name", self.exact_second, self.exact_second_unordered),
        ):
            food_id = table.get(key) or any_order.get(unordered)
            if food_id is not None:
                alternatives = self.alias_foods.get(key) or self.alias_foods_unordered.get(unordered, ())
                if method != "alias" and len(alternatives) < 2:
                    # A table name as written carries the alias table's foods only where it lists several
                    # for it: 'jelly' is SR28 'Jellies' (US spread) or a British gelatin dessert.
                    alternatives = ()
                return Match(food_id, 100.0, method, alternatives=tuple(f for f in alternatives if f != food_id))
        return None

    def match_many(self, texts: list[str]) -> dict[str, Match]:
        """Match each distinct text once: exact steps first, fuzzy ranking for the rest.

        The fuzzy texts' words are compared with the vocabulary in one batch (both cores). Garbage
        collection waits until the batch is done (`mgcheck.gcpause.paused`): what matching makes is
        kept (caches, matches) and freed by reference counts, so its passes freed next to nothing; what
        it kept then joins the oldest generation without a young pass over it, for a batch of
        `KEPT_BATCH` texts or more: asking whether objects are frozen walks every frozen object (5 ms
        under a frozen index), more than a young pass over a small batch's few objects costs.
        """
        from mgcheck.gcpause import paused

        with paused(kept=len(texts) >= KEPT_BATCH):
            return self._match_many(texts)

    def _match_many(self, texts: list[str]) -> dict[str, Match]:
        results: dict[str, Match] = {}
        pending = []
        for text in dict.fromkeys(texts):
            found = self.exact_match(text)
            if found is None:
                pending.append(text)
            else:
                results[text] = found
        assert self.scorer is not None
        for start in range(0, len(pending), _FUZZY_CHUNK):
            chunk = pending[start : start + _FUZZY_CHUNK]
            self.scorer.prepare([self.query_key(text) for text in chunk])
            for text in chunk:
                results[text] = self._fuzzy(text)
            self.scorer.forget()
        if self.own_foods and self.absent:
            # A food in no bundled table is refused unless one of the clinic's own foods answered it.
            for text in pending:
                found = results[text]
                if found.food_id is None or self.rank.get(found.food_id, 100) >= 0:
                    stripped = text.strip()
                    absent = self._absent(normalise(stripped), self.query_key(stripped))
                    if absent is not None:
                        # Only the clinic's own foods can answer it: its best one over the threshold, else none
                        # (a bundled dish named after it, FNDDS's Palak Paneer, outscored 'Paneer, homemade').
                        own = [(f, score) for f, score in self.ranked(text) if self.rank.get(f, 100) < 0]
                        best = own[0] if own and own[0][1] >= MATCH_THRESHOLD else None
                        results[text] = absent if best is None else Match(best[0], round(best[1], 1), "fuzzy")
        # '2 biscuits' unmatched as written is matched as 'biscuits' (resolve takes the count as the amount).
        counted = {text: leading_count(text) for text in pending if results[text].food_id is None}
        rests = {text: found[1] for text, found in counted.items() if found is not None}
        if rests:
            rest_matches = self.match_many(list(rests.values()))
            for text, rest in rests.items():
                if rest_matches[rest].food_id is not None:
                    results[text] = rest_matches[rest]
        from mgcheck import two_foods

        two_foods.explain(self, results, [text for text in pending if results[text].food_id is None])
        return results

    def ranked(self, text: str) -> list[tuple[str, float]]:
        """(food_id, score) by descending score; ties go to the shorter, more generic name."""
        return [(food_id, score) for food_id, score, _ in self._ranked(text)[0]]

    def _ranked(self, text: str) -> tuple[list[tuple[str, float, int]], Evidence | None]:
        """(food_id, score, best choice) by descending score, and the word evidence behind them."""
        ranked, evidence, _ = self._ranking(text)
        return ranked, evidence

    def _ranking(self, text: str) -> tuple[list[tuple[str, float, int]], Evidence | None, list[float]]:
        """`_ranked`, with the head penalty (`_head_penalties`) of each ranked food's best choice."""
        import numpy as np

        assert self.scorer is not None and self.choice_food_code is not None and self.food_order is not None
        evidence = self.scorer.evidence(self.query_key(text))
        if evidence is None:
            return [], None, []

        top, top_scores = self.scorer.top(evidence, _POOL)
        head_penalties, alias_penalties, processing_penalties = self._penalties(_best_similarity(evidence), top)
        penalised = top_scores - head_penalties - alias_penalties - processing_penalties
        # Each food's best choice: its highest score, the first in `top` on a tie (lexsort is stable).
        codes = self.choice_food_code[top]
        by_food = np.lexsort((-penalised, codes))
        sorted_codes = codes[by_food]
        first = np.empty(len(by_food), dtype=bool)
        first[:1] = True
        np.not_equal(sorted_codes[1:], sorted_codes[:-1], out=first[1:])
        best = by_food[first]
        # By score to one decimal, then the table's rank, the shorter name, the id (`food_order`).
        best = best[np.lexsort((self.food_order[codes[best]], -_tenths(penalised[best])))]
        food_ids = map(self.choice_food_ids.__getitem__, codes[best].tolist())
        ranked = list(zip(food_ids, penalised[best].tolist(), top[best].tolist(), strict=True))
        return ranked, evidence, head_penalties[best].tolist()

    def _penalties(self, named: np.ndarray, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`_head_penalties`, `_alias_penalties` and `_processing_penalties` of `columns` from one lookup.

        `penalty_codes` (`_penalty_codes`) gives each choice three groups of eight positions in a
        table of three parts: whether the text leaves a word unnamed (< _EXPLAINED_UNKNOWN, for
        heads), names it (>= _EXPLAINED_UNKNOWN, aliases) and names it surely (>= _EXPLAINED_KNOWN,
        processing), each part ending in a slot that is never unnamed / always named. A choice takes
        a group's penalty when its eight bytes, read as one integer, are all set (head: every word
        unnamed) or not all set (alias, processing: some word unnamed).
        """
        import numpy as np

        if self.penalty_codes is None:  # a row of more than eight words (`_penalty_codes`)
            return (
                self._head_penalties(named, columns),
                self._alias_penalties(named, columns),
                self._processing_penalties(named, columns),
            )
        slots = len(named) + 1
        lookup = np.empty(3 * slots, dtype=bool)
        np.less(named, _EXPLAINED_UNKNOWN, out=lookup[: slots - 1])
        np.logical_not(lookup[: slots - 1], out=lookup[slots : 2 * slots - 1])
        np.greater_equal(named, _EXPLAINED_KNOWN, out=lookup[2 * slots : -1])
        lookup[slots - 1] = False
        lookup[2 * slots - 1] = lookup[-1] = True
        # `take`, not indexing: several times faster for rows of a 2-D array.
        groups = lookup.take(self.penalty_codes.take(columns, axis=0)).view(np.uint64)
        if_all_set, if_not = _penalty_rule()
        penalties = np.where(groups == _ALL_SET, if_all_set, if_not)
        return penalties[:, 0], penalties[:, 1], penalties[:, 2]

    def _head_penalties(self, named: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """_PENALTY_HEAD for each choice in `columns` whose head words the text names none of, else 0.

        `named` is `_best_similarity` of the text.
        """
        import numpy as np

        assert self.scorer is not None and self.head_codes is not None
        heads = self.head_codes[columns]
        has_head = heads[:, 0] != len(self.scorer.words)
        return np.where(has_head & ~(named[heads] >= _EXPLAINED_UNKNOWN).any(axis=1), _PENALTY_HEAD, 0.0)

    def _alias_penalties(self, named: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """_ALIAS_BONUS taken back from each alias in `columns` that the text does not name whole.

        A curated alias is preferred when it is what was written; "blueberries" is not the alias
        "frozen blueberries", so that alias ranks as the food's other names do.
        """
        assert self.alias_codes is not None
        return _unless_all_named(named, self.alias_codes[columns], _EXPLAINED_UNKNOWN, _ALIAS_BONUS)

    def _processing_penalties(self, named: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """_PENALTY_PROCESSED for each choice in `columns` naming a processing the text does not say.

        SR28 and FNDDS list the fresh food and its frozen, canned, dried or instant forms; a text
        naming none ("blueberries", "cooked oatmeal") means the plain form.
        """
        assert self.processed_codes is not None
        return _unless_all_named(named, self.processed_codes[columns], _EXPLAINED_KNOWN, _PENALTY_PROCESSED)

    def _qualified(self, named: np.ndarray, column: int) -> bool:
        """Whether the text names every food word qualifying the head of choice `column`.

        "Tuna salad with egg" and "Snacks, corn cakes" are kinds of salad and cake the text
        "egg salad" or "snack cake" does not name; "Egg salad, made with mayonnaise" is the one it names.
        A table name's later segment may name the kind too: "Spaghetti, spinach, cooked" (`food_kinds`).
        """
        assert self.qualifier_codes is not None and self.scorer is not None
        if not _all_named(named, self.qualifier_codes[column], _EXPLAINED_UNKNOWN):
            return False
        # A curated alias says which kind it means; a table name's later segments may name a kind ("spinach").
        if self.choice_alias_words[column]:
            return True
        vocabulary = self.scorer.vocabulary
        kinds = self.food_kinds.get(self.choice_food[column], ())
        return all(word in vocabulary and named[vocabulary[word]] >= _EXPLAINED_UNKNOWN for word in kinds)

    def _prepares_unsaid(self, evidence: Evidence, words: tuple[str, ...]) -> bool:
        """Whether one of a choice's preparation words (`choice_dish_words`: "fried" of "Rice, fried",
        "pickled" of "Zucchini, pickled") is one no word of the text explains."""
        assert self.scorer is not None
        vocabulary = self.scorer.vocabulary
        return any(all(vocabulary[word] not in explained for explained in evidence.explained) for word in words)

    def _kind_named(self, named: np.ndarray, column: int) -> bool:
        """Whether choice `column`'s head has words qualifying it and the text names them all ("grilled
        cheese" of "Grilled cheese sandwich", "worcestershire" of the alias "worcestershire sauce"; not
        "Fish, sunfish, pumpkin seed, raw", whose head "sunfish" has none, for "raw pumpkin seeds")."""
        assert self.kind_codes is not None
        codes = self.kind_codes[column]
        return bool(codes[0] != len(named) - 2) and _all_named(named, codes, _EXPLAINED_UNKNOWN)

    def _adds_unsaid_food(self, named: np.ndarray, food_id: str) -> bool:
        """Whether the food's name says it is made or served with a food (`food_additions`), or is a kind
        named by one (`food_kinds`), that the text does not name."""
        assert self.scorer is not None
        vocabulary = self.scorer.vocabulary
        return any(
            word not in vocabulary or named[vocabulary[word]] < _EXPLAINED_UNKNOWN
            for word in (*self.food_additions.get(food_id, ()), *self.food_kinds.get(food_id, ()))
        )

    def objection(self, evidence: Evidence, column: int) -> str | None:
        """Why choice `column` is not a defensible answer for the text, or None when it is.

        A content word of the text that the choice (with the food it names) leaves
        unexplained, a word the choice denies and the text says or the reverse ("No pulp" for
        "oj with pulp", "with sugar" for "coffee no sugar"), or a brand the text does not name,
        makes a match indefensible.
        """
        assert self.scorer is not None
        said_by = self._said(column)
        for token, explained in self._content_words(evidence):
            if explained.isdisjoint(said_by.context):
                return f"'{token}' is not explained by {self.label(self.choice_food[column])}"
        said, said_not = said_by.said, said_by.said_not
        query_negated = evidence.negated
        for token, explained in zip(evidence.tokens, evidence.explained, strict=True):
            if token in query_negated:
                says, denies = said, said_not
            else:
                says, denies = said_not, said
            if not explained.isdisjoint(says) and explained.isdisjoint(denies):
                return f"{self.label(self.choice_food[column])} says the opposite of the text about '{token}'"
        for word, codes in said_by.marked:
            if any(code is None or code not in evidence.strong for code in codes) and not self.says_marked(
                evidence.tokens, word
            ):
                return f"{self.label(self.choice_food[column])} is a {word.removesuffix(' food')} food and the text does not say so"
        brand = said_by.brand
        if brand is not None and all(explained.isdisjoint(brand) for explained in evidence.explained):
            return f"{self.label(self.choice_food[column])} is a branded product and the text names no brand"
        return None

    def says_marked(self, words: list[str] | set[str], marked: str) -> bool:
        """Whether a text of `words` says marked word `marked` by another word (`marked_said_by`:
        "baby cereal" and "gerber bananas" say "baby food")."""
        said_by = self.marked_said_by.get(marked)
        return said_by is not None and not said_by.isdisjoint(words)

    def _content_words(self, evidence: Evidence) -> list[tuple[str, frozenset[int]]]:
        """The text's words every candidate must explain, with the vocabulary words that explain each
        (`objection`): not form words, connectives, negators, numbers, or words the text denies.

        Kept for the last text asked: `decide` asks once per candidate.
        """
        kept = self._last_content
        if kept is not None and kept[0] is evidence:
            return kept[1]
        query_negated = evidence.negated
        content = [
            (token, explained)
            for token, explained in zip(evidence.tokens, evidence.explained, strict=True)
            # "no sugar": a candidate that does not mention sugar agrees with the text.
            if not (
                token in self.form_words
                or token in _CONNECTIVES
                or token in _NEGATORS
                or token.isdigit()
                or token in query_negated
            )
        ]
        self._last_content = (evidence, content)
        return content

    def _said(self, column: int) -> _Said:
        """What choice `column` says, for `objection`: computed once per choice."""
        assert self.scorer is not None
        cache = self.scorer.said_cache
        found = cache.get(column)
        if found is None:
            scorer = self.scorer
            words = self.choice_context[column].split()
            said_not = _negated(words)
            brand = self.choice_brand[column]
            if self._marked_codes is None:
                self._marked_codes = tuple(
                    (marked, tuple(scorer.vocabulary.get(word) for word in marked.split()))
                    for marked in sorted(self.marked_words)
                )
                self._marked_first = frozenset(marked.split()[0] for marked in self.marked_words)
            context = frozenset(scorer.context_words(column).tolist())  # the codes of `words`
            if said_not or not _NEGATORS.isdisjoint(words):
                vocabulary = scorer.vocabulary
                said = frozenset(
                    vocabulary[w] for w in words if w not in _NEGATORS and w not in said_not and w in vocabulary
                )
            else:
                said = context  # most choices deny nothing: they say every word they hold
            marked: tuple[tuple[str, tuple[int | None, ...]], ...] = ()
            if not self._marked_first.isdisjoint(words):
                padded = f" {' '.join(words)} "  # a phrase ("baby food") as well as a word
                marked = tuple(marked for marked in self._marked_codes if f" {marked[0]} " in padded)
            found = _Said(
                context,
                said,
                frozenset(scorer.codes(said_not)) if said_not else frozenset(),
                marked,
                frozenset(scorer.codes(brand)) if brand is not None else None,
            )
            cache[column] = found
        return found

    def _text_head(self, text: str, evidence: Evidence) -> int | None:
        """The row in `evidence` of the text's head word (the last word of its first noun phrase), or None.

        "sausage roll" is a roll and "chocolate milk" a milk, as "Honey roll sausage" is a sausage:
        English puts the head last, before "with", "in" ... and before a comma ("peanuts, oil roasted").
        A text of one word has no qualifier to invert.
        """
        phrases = _phrase_words(self.query_key(text.split(",")[0]))
        words = [word for word in phrases[0] if word not in _STOP_WORDS] if len(phrases) == 1 else []
        if len(words) < 2 or words[-1] not in evidence.tokens:
            return None
        return evidence.tokens.index(words[-1])

    def _inversion(self, evidence: Evidence, text_head: int | None, column: int) -> str | None:
        """An objection when choice `column` inverts the text: the text's head only qualifies the choice's head.

        "Honey roll sausage" is a sausage; "sausage roll" is a roll (pastry round a sausage). The
        choice names the text's head word, but as a kind of its own head, which the text names only
        as a qualifier: another food.
        """
        assert self.head_codes is not None and self.qualifier_codes is not None and self.scorer is not None
        # A curated alias is written as people write ("broccoli cooked"): its word order says nothing.
        if text_head is None or self.choice_alias_words[column]:
            return None
        heads, qualifiers, _ = self._head_words(column)
        if not heads or not qualifiers or self._explains(evidence, text_head, heads):
            return None
        if not self._explains(evidence, text_head, qualifiers):
            return None
        # "grilled cheese" is short for "Grilled cheese sandwich": the text leaves the head out, it does not invert it.
        if not any(self._explains(evidence, row, heads) for row in range(len(evidence.tokens)) if row != text_head):
            return None
        return (
            f"{self.label(self.choice_food[column])} is a kind of '{self.choice_head[column][0]}', "
            f"the text a kind of '{evidence.tokens[text_head]}'"
        )

    def _head_served_on(self, evidence: Evidence, text_head: int | None, column: int) -> str | None:
        """An objection when the text's head is, in choice `column`, only what the choice's food is on:
        "toast" of "peanut butter toast" in the other name "Munchies Peanut Butter on Toast" of FNDDS
        peanut butter sandwich crackers. The text is a kind of toast; the choice a kind of cracker that
        names toast after its own food. Only "on": "with", "in" and "from" were tried and refused right
        dishes named by their sauce ("chicken mole": FNDDS "Chicken or turkey with mole sauce")."""
        if text_head is None:
            return None
        _, qualifiers, own = self._head_words(column)
        if self._explains(evidence, text_head, own) or self._explains(evidence, text_head, qualifiers):
            return None
        words = self.choices[column].split()
        cut = next((i for i, word in enumerate(words) if i and word == "on"), None)
        if cut is None:
            return None
        assert self.scorer is not None
        after = frozenset(words[cut + 1 :]) - set(self.choice_head[column])
        if not self._explains(evidence, text_head, self.scorer.codes(after)):
            return None
        return (
            f"'{evidence.tokens[text_head]}' is what {self.label(self.choice_food[column])} names its food "
            f"'{words[cut]}', not what it is"
        )

    def _dish_head(self, evidence: Evidence, text_head: int | None) -> str | None:
        """The text's head word when it names a dish by a way of cooking ("bake" of "pasta bake", "stew"
        of "lamb stew", "fry" of "chicken stir fry"), else None.

        As the last word of a noun phrase such a word is a dish, not a way the food named before it was
        cooked: "Pasta, cooked" or a "baked" food is not a pasta bake (`_unnamed_dish`).
        """
        if text_head is None:
            return None
        token = evidence.tokens[text_head]
        if token in _COOKING or len(token) < 3:
            return None
        forms = (token + "d", token + "ed", token[:-1] + "ied" if token.endswith("y") else "")
        return token if any(form in _COOKING for form in forms) else None

    def _unnamed_dish(self, evidence: Evidence, dish: str | None, column: int) -> str | None:
        """An objection when the text's head names a dish by a way of cooking (`_dish_head`) that choice
        `column` does not name by that word: "Pasta, cooked" for "pasta bake"."""
        if dish is None:
            return None
        assert self.scorer is not None
        code = self.scorer.vocabulary.get(dish)
        if code is not None and code in self._said(column).context:
            return None
        return f"the text is a '{dish}' (a dish); {self.label(self.choice_food[column])} is not one"

    def _text_sides(self, text: str, evidence: Evidence) -> tuple[list[int], list[int]] | None:
        """The rows in `evidence` of the text's food and of what it is served in, on or with ("hot dog"
        and "bun" of "hot dog in a bun"), or None when the text names nothing so."""
        words = self.query_key(text.split(",")[0]).split()
        cut = next((i for i, word in enumerate(words) if i and word in _COMPONENT_CUT), None)
        if cut is None:
            return None
        food, served = set(words[:cut]), set(words[cut + 1 :])
        food_rows = [row for row, token in enumerate(evidence.tokens) if token in food]
        served_rows = [row for row, token in enumerate(evidence.tokens) if token in served and token not in food]
        return (food_rows, served_rows) if food_rows and served_rows else None

    def _served_with(self, evidence: Evidence, sides: tuple[list[int], list[int]] | None, column: int) -> str | None:
        """An objection when choice `column` is what the text's food is served in or with, not that food:
        the bun of "hot dog in a bun", the gravy of "beef in gravy" (`_text_sides`)."""
        if sides is None:
            return None
        food_rows, served_rows = sides
        heads = self._head_words(column)[2]
        if any(self._explains(evidence, row, heads) for row in food_rows):
            return None
        served = next((row for row in served_rows if self._explains(evidence, row, heads)), None)
        if served is None:
            return None
        # "bean with pork soup" is a soup of bean with pork: a longer served part may hold the text's
        # head, when the choice names the text's food as well ("Soup, bean with pork").
        context = self._said(column).context
        if len(served_rows) > 1 and all(not evidence.explained[row].isdisjoint(context) for row in food_rows):
            return None
        return (
            f"{self.label(self.choice_food[column])} is a kind of '{evidence.tokens[served]}', "
            "which the text's food is served in or with"
        )

    def _paired_parts(self, text: str, evidence: Evidence) -> list[tuple[str, list[int], list[int]]]:
        """The foods a text joins ("beans on toast", `two_foods.parts`), each with the rows in `evidence`
        of its head word and of its other words; [] when the text joins none, or a part's head is not among the text's words.

        The join is looked for in the text's first segment ("Potato and ham fritters, Puerto Rican
        style"), else in the whole text ("Bagel, with raisins"), after regional words are translated.
        """
        from mgcheck import two_foods

        # What a food is for ("Bacon, for use with vegetables") joins no food to it.
        text = _PURPOSE.sub(" ", text)
        found = two_foods.parts(self.query_key(text.split(",")[0])) or two_foods.parts(self.query_key(text))
        paired: list[tuple[str, list[int], list[int]]] = []
        for part in found:
            words = [word for word in part.split() if word not in _STOP_WORDS]
            rows = [row for row, token in enumerate(evidence.tokens) if words and token == words[-1]]
            # A part that denies ("salt added without peanuts") is a detail of one food, not a food joined.
            if not rows or not _NEGATORS.isdisjoint(words):
                return []
            others = [row for row, token in enumerate(evidence.tokens) if token in words[:-1] and token != words[-1]]
            paired.append((part, rows, others))
        return paired

    def _unpaired(self, evidence: Evidence, paired: list[tuple[str, list[int], list[int]]], column: int) -> str | None:
        """An objection when choice `column` does not hold the foods a text joins as foods joined.

        "strawberries and cream" are two foods; "Ice creams, strawberry" is one, named with both
        words, as are "Crackers, cheese" for "cheese and crackers", "Bacon and egg sandwich" for "bacon
        and eggs" and "Milk chocolate candy, with cereal" for "cereal with milk". An entry holds the
        pairing when its name (or the alias or other name that found it) puts each food's head in its
        own part, parts that a joining word separates ("Rice, fried, with chicken", "Danish pastry,
        with cheese", "Peanut butter and jelly"), each head ending its part or followed only by words
        the text says ("jelly sandwich" for "peanut butter and jelly sandwich").
        """
        assert self.scorer is not None
        food_id = self.choice_food[column]
        alias = self.choice_alias_words[column]
        # What an entry is for ("Chicken, for use with vegetables", "Beef, chuck for stew") is not a food it holds.
        names = tuple(
            _PURPOSE.sub(" ", name)
            for name in (self.names[food_id], " ".join(alias) if alias else self.choices[column])
        )
        said = frozenset().union(*evidence.explained)
        parts = [(head_rows, other_rows) for _, head_rows, other_rows in paired]
        if any(_holds_pairing(self.scorer.vocabulary, evidence, parts, said, name) for name in names):
            return None
        written = " and ".join(f"'{part}'" for part, _, _ in paired)
        count = "two" if len(paired) == 2 else "three"
        return f"{written} are {count} foods; {self.label(food_id)} is one food named with them"

    def _part_classes(self, paired: list[tuple[str, list[int], list[int]]]) -> frozenset[int]:
        """The food each joined part names on its own, as the defining words of its table name's own part:
        "fries" of "fries with cheese" is "Fast foods, potato, french fried ...", so "potato" is said
        ("Potato, french fries, with cheese" adds nothing). Only a part that is a table name or an alias
        as written (`exact_match`) counts, with the defining words its food's name says without an "or":
        what that food is, so never a preparation it lacks ("rice" is not fried rice)."""
        said: set[int] = set()
        for part, _, _ in paired:
            found = self.exact_match(part)
            if found is None or found.food_id is None:
                continue
            for alternatives in self._defining_parts(self.names[found.food_id]):
                if len(alternatives) == 1:
                    said.update(code for code in alternatives[0] if code is not None)
        return frozenset(said)

    def _adds_to_pairing(self, evidence: Evidence, column: int, classes: frozenset[int] = frozenset()) -> str | None:
        """An objection when choice `column` adds a defining word to the foods a text joins: a food or
        dish ("Quesadilla with vegetables and chicken" for "chicken with vegetables"), a way of cooking
        that makes another food ("Rice, fried, with chicken" for "rice with chicken"), a frozen meal
        ("..., dessert, frozen meal"), a kind ("french" toast) or a regional recipe ("Rice with chicken,
        Puerto Rican style") the text never says.

        A text joining foods ("toast with butter") names the whole dish: an entry holding the pairing
        and more is another dish. Each part of the entry's name (`_defining_parts`) must have one
        alternative ("chicken" of "Chicken or turkey") whose defining words the text all says, or the
        `classes` of the foods its parts name (`_part_classes`). A curated alias is what people write:
        its own words are judged, not its food's name. Another choice passes when its own words or its
        food's name add nothing.
        """
        said = frozenset().union(*evidence.explained) | classes
        alias = self.choice_alias_words[column]
        # FNDDS writes a dish first and its usual fixings after ("Ham and cheese sandwich, with lettuce and
        # spread"): the choice of its first part (FoodIndex.build) names the dish without them; an other
        # name ("almond milk" of "Oatmeal, ..., made with non-dairy milk") says which kind it is.
        food_id = self.choice_food[column]
        name, key, heads = self.names[food_id], self.choices[column], self.food_heads.get(food_id, ())
        if alias:
            names: tuple[str, ...] = (" ".join(alias),)
        elif self.choice_head[column] and set(self.choice_head[column]).isdisjoint(heads):
            # An other name naming what the food is made with ("almond milk" of "Oatmeal, instant, plain,
            # made with non-dairy milk", "Greek dressing" of "Tuna salad, made with Italian dressing";
            # FoodIndex.build) names the food made with it: "Tuna salad with Greek dressing".
            other = " ".join(word for word in key.split() if word not in heads)
            names = (f"{_COMPONENT_START.split(name, maxsplit=1)[0]} with {other}", name)
        else:
            names = (key, name)
        unsaid: int | None = -1
        for name in names:
            added = self._first_added_part(said, name)
            if added is None:
                return None
            if unsaid == -1:
                unsaid = next(word for word in added[0] if word is None or word not in said)
        shown = self.scorer.words[unsaid] if self.scorer is not None and unsaid is not None and unsaid >= 0 else "?"
        return (
            f"{self.label(self.choice_food[column])} adds '{shown}', which the text does not say of the foods it joins"
        )

    def _defining_parts(self, name: str) -> tuple[tuple[tuple[int | None, ...], ...], ...]:
        """The parts of a table name between commas and joining words (`_name_chunks`), each as its
        alternatives ("chicken or turkey"), each alternative as the vocabulary codes of its defining
        words (None: a word no table spells). Computed once per name.

        Defining words are words naming a food (`food_noun_codes`, not a participle such as "topped")
        or a way of cooking or preparing it (_COOKING, _MADE_INTO), less form words, what food is
        cooked or packed in (_MEDIA) and the words a part denies ("no sauce"). They are read in the
        food's own part (the first, after a part saying the kind of entry, "Fast foods"), in parts a
        joining word brings in ("with dessert", "on English muffin"; not nutrients "with added
        calcium") and in parts of more than one word ("french toast", "frozen meal", "Puerto Rican
        style"); a part of one word after a comma names a kind of the food ("Sausage, Polish, ...,
        hot", "Yogurt, Greek"), which counts only when it is a way of cooking or preparing ("Rice,
        fried", "Potatoes, scalloped") or a food the tables list on their own ("Soup, pea"). Parts
        and alternatives without a defining word are left out. (A first part of one word may be the food,
        "Muffins, wheat bran", not only its class: "Potato, french fries, with cheese" adds "potato" to
        "fries with cheese" unless the part "fries" says it, `_part_classes`.)"""
        assert self.scorer is not None
        cache = self.scorer.defining_cache
        found = cache.get(name)
        if found is not None:
            return found
        vocabulary, single = self.scorer.vocabulary, self.scorer.foods
        chunks = list(_name_chunks(_NS_PHRASE.sub(" ", _PURPOSE.sub(" ", _PARENTHESES.sub(" ", name)))))
        if chunks and " ".join(chunks[0][0]) in _KIND_SEGMENTS:
            chunks = [(words, True) for words, _ in chunks[1:2]] + chunks[2:]
        parts: list[tuple[tuple[int | None, ...], ...]] = []
        for number, (words, joined) in enumerate(chunks):
            if joined and words[0] in _FORTIFIED:
                continue  # "with added calcium": a nutrient, not a food
            denied = _negated(list(words))
            alternatives: list[tuple[int | None, ...]] = []
            choices = [alternative.split() for alternative in " ".join(words).split(" or ")]
            if len(choices) > 1 and len(choices[-1]) > 1:
                # "chicken or turkey soup" is a chicken soup or a turkey soup: the last word is shared.
                choices = [kept if len(kept) > 1 else [*kept, choices[-1][-1]] for kept in choices]
            for kept in choices:
                whole = number == 0 or joined or len(kept) > 1 or (len(kept) == 1 and kept[0] in single)
                alternatives.append(
                    tuple(
                        vocabulary.get(word)
                        for word in kept
                        if word not in denied
                        and word not in _NEGATORS
                        and word not in self.form_words
                        and word not in _MEDIA
                        and (
                            word in _COOKING
                            or word in _MADE_INTO
                            or (whole and vocabulary.get(word) in self.food_noun_codes and not _participle(word))
                        )
                    )
                )
            if alternatives and all(alternatives):
                parts.append(tuple(alternatives))
        found = cache[name] = tuple(parts)
        return found

    def _first_added_part(self, said: frozenset[int], name: str) -> tuple[tuple[int | None, ...], ...] | None:
        """The first part of a table name (`_defining_parts`) whose every alternative holds a defining
        word outside `said` (the vocabulary codes a text names), or None when the name adds nothing."""
        return next(
            (
                alternatives
                for alternatives in self._defining_parts(name)
                if all(any(code is None or code not in said for code in words) for words in alternatives)
            ),
            None,
        )

    def _adds_defining_word(self, said: frozenset[int], food_id: str) -> bool:
        """Whether the food's table name adds a defining word to `said` (`_first_added_part`): "Breakfast
        bar, corn flake crust with fruit" adds to "breakfast bar"; "Nuts, almonds" and "Peanuts, all
        types, raw" add nothing to "almonds"."""
        return self._first_added_part(said, self.names[food_id]) is not None

    def _heads_explain(self, evidence: Evidence, row: int, column: int) -> bool:
        """Whether query word `row` is a head word of choice `column` or of its food's table name (`_explains`).

        An alias is written as people write ("naan" for "Bread, naan"): the food's own head counts too.
        """
        return self._explains(evidence, row, self._head_words(column)[2])

    def _head_words(self, column: int) -> tuple[list[int], list[int], list[int]]:
        """Vocabulary codes of choice `column`'s head words and of their qualifiers (`_inversion`), and
        of its head words with its food's own (`_heads_explain`): computed once per choice."""
        assert self.head_codes is not None and self.qualifier_codes is not None and self.scorer is not None
        found = self.scorer.head_cache.get(column)
        if found is None:
            padding = len(self.scorer.words)
            heads = self.head_codes[column].tolist()
            own = self.food_heads.get(self.choice_food[column], ())
            found = (
                [code for code in heads if code < padding],
                [code for code in self.qualifier_codes[column].tolist() if code < padding],
                [*heads, *self.scorer.codes(frozenset(own))],
            )
            self.scorer.head_cache[column] = found
        return found

    def _explains(self, evidence: Evidence, row: int, codes: np.ndarray | list[int]) -> bool:
        """Whether query word `row` is one of the vocabulary words `codes`.

        A word the table knows is explained by itself, its equivalents or a one-letter slip in a
        long word, never by a neighbour ("oat" is not "goat"); an unknown word may be a typo.
        """
        codes = codes.tolist() if not isinstance(codes, list) else codes
        return not evidence.explained[row].isdisjoint(codes)

    def _explained(self, evidence: Evidence, codes: np.ndarray) -> list[bool]:
        """`_explains` for every query word at once."""
        wanted = frozenset(codes.tolist())
        return [not explained.isdisjoint(wanted) for explained in evidence.explained]

    def _fuzzy(self, text: str) -> Match:
        return self.decide(text)[0]

    def decide(self, text: str) -> tuple[Match, MatchSignals | None]:
        """The fuzzy match of `text`, with the signals its confidence was judged on (None before a best is found)."""

        words = [word for word in self.query_key(text).split() if word not in _STOP_WORDS]
        if words and set(words) <= meal_words():
            return Match(None, 0.0, "none", (), "the text names a meal or an occasion, not a food"), None
        if normalise(text).split()[0] in _LEADING_PREPOSITIONS:
            return (
                Match(None, 0.0, "none", (), "the text says what a food is packed in or served with, not the food"),
                None,
            )
        ranked, evidence, head_penalties = self._ranking(text)
        if not ranked or evidence is None:
            return Match(None, 0.0, "none", (), "no food shares a word with this text"), None
        suggestions = tuple(self._suggestion(food_id, column) for food_id, _, column in ranked[:N_SUGGESTIONS])
        top_score = ranked[0][1]
        if top_score < MATCH_THRESHOLD:
            reason = f"no confident match (best score {top_score:.1f} < {MATCH_THRESHOLD:g})"
            return Match(None, round(top_score, 1), "none", suggestions, reason), None
        if all(
            explained.isdisjoint(self.food_noun_codes) and explained.isdisjoint(self.brand_codes)
            for explained in evidence.explained
        ):
            reason = "the text only describes a food (how it is cooked, its size or kind); it names none"
            return Match(None, round(top_score, 1), "none", suggestions, reason), None
        named = _best_similarity(evidence)
        defensible: list[tuple[str, float]] = []
        # Defensible foods whose head the text names ("curry" of Chicken curry, not "waffle" of a
        # whole grain waffle for "whole wheat"): only these may take the place of the best one.
        headed: set[str] = set()
        first_objection = None
        text_head = self._text_head(text, evidence)
        sides = self._text_sides(text, evidence)
        paired = self._paired_parts(text, evidence)
        classes = self._part_classes(paired)
        dish = self._dish_head(evidence, text_head)
        # Defensible foods whose own head is the text's head ("sandwich" of "chicken salad sandwich").
        text_headed: set[str] = set()
        # Defensible foods saying a preparation the text does not (`_prepares_unsaid`).
        prepared: set[str] = set()
        for (food_id, score, column), head_penalty in zip(ranked, head_penalties, strict=True):
            if score < MATCH_THRESHOLD:
                break
            objection = (
                self.objection(evidence, column)
                or self._inversion(evidence, text_head, column)
                or self._head_served_on(evidence, text_head, column)
                or self._served_with(evidence, sides, column)
                or self._unnamed_dish(evidence, dish, column)
                or (
                    self._unpaired(evidence, paired, column) or self._adds_to_pairing(evidence, column, classes)
                    if paired
                    else None
                )
            )
            if objection is None:
                defensible.append((food_id, score))
                dish_words = self.choice_dish_words[column]
                if dish_words and self._prepares_unsaid(evidence, dish_words):
                    prepared.add(food_id)
                if not head_penalty:
                    headed.add(food_id)
                if text_head is not None and self._heads_explain(evidence, text_head, column):
                    text_headed.add(food_id)
            elif first_objection is None:
                first_objection = objection
        if not defensible:
            reason = f"no defensible match: {first_objection}"
            return Match(None, round(top_score, 1), "none", suggestions, reason), None
        # Dishes, sandwiches and drinks come from FNDDS ("as eaten"); single foods keep SR28's form.
        # A defensible candidate of the preferred kind close behind the best one takes its place.
        top = defensible[0]
        # A food made with another the text does not say ("Beef, ground, with egg and onion" for "beef
        # mince") is a different dish: it never takes the place of a better-scored food that adds none.
        # So is a dish its preparation makes of the food ("Rice, fried, NFS" for "bowl of rice").
        adds = {d[0] for d in defensible if self._adds_unsaid_food(named, d[0])} | prepared
        promotable = [d for d in defensible if d[0] not in adds or top[0] in adds]
        defensible = self._preferred_first(defensible, promotable, headed, text_headed, evidence)
        best_id, best_score = defensible[0]
        if best_id != ranked[0][0]:
            # Lead with the defensible candidates, then the others.
            column_of = {food_id: column for food_id, _, column in ranked}
            lead = tuple(self._suggestion(food_id, column_of[food_id]) for food_id, _ in defensible[:N_SUGGESTIONS])
            suggestions = (lead + tuple(s for s in suggestions if s not in lead))[:N_SUGGESTIONS]
        close = self._refusing_ties(best_id, best_score, defensible)
        mg = self.mg_per_100g
        if close:
            # The spread of their magnesium shows how much the choice matters.
            mg_values = [mg[best_id], *(mg[food_id] for food_id, _ in close)]
            # The higher score first: the preferred candidate (of the table that describes this kind of
            # food) may trail the rival that refuses it, and "scores 87.9 and 101.5" reads as a slip.
            high, low = sorted((best_score, close[0][1]), reverse=True)
            trails = ", the lower of the table preferred for this kind of food" if close[0][1] > best_score else ""
            reason = (
                f"too close to call (scores {high:.1f} and {low:.1f}{trails};"
                f" {min(mg_values):g} to {max(mg_values):g} mg magnesium per 100 g among the closest)"
            )
            return Match(None, round(best_score, 1), "none", suggestions, reason), None
        column = next(column for food_id, _, column in ranked if food_id == best_id)
        # Defensible candidates whose magnesium differs from the best one's.
        rivals = [(food_id, score) for food_id, score in defensible[1:] if not _same_mg(mg[best_id], mg[food_id])]
        signals = MatchSignals(
            score=best_score,
            margin=best_score - rivals[0][1] if rivals else float("inf"),
            headed=best_id in headed,
            qualified=self._qualified(named, column),
            headed_rival=any(food_id in headed for food_id, _ in rivals),
            kind_named=best_id in headed or self._kind_named(named, column),
            prepared=best_id in prepared,
        )
        doubt = doubt_about(signals)
        if doubt is not None:
            return Match(None, round(best_score, 1), "none", suggestions, doubt), signals
        # Near-ties of other Mg left standing (of the other table or kind) that could have taken the
        # best one's place: the text may as well mean them (`resolve._ranges` gives the item their
        # range when their Mg per portion differs by more than 25%). A twin of the same Mg per 100 g
        # changes no figure but through its measures' grams, which are the unit's doubt, not the food's.
        siblings = self.alias_siblings.get(best_id, frozenset())
        alternatives = tuple(
            food_id
            for food_id, score in rivals
            if abs(best_score - score) < CLOSE_MARGIN
            and (
                food_id in siblings  # the alias table's own alternatives of the best (`_refusing_ties`)
                or (
                    food_id in headed
                    and food_id not in prepared
                    and (food_id not in adds or best_id in adds)
                    and (food_id in text_headed or best_id not in text_headed)
                )
            )
        )
        if self.choice_alias_words[column]:
            # A fuzzy hit on an alias ('spinich', 'milky way bar') reads as the alias does: with its
            # alternatives, but for one whose name leaves a further word of the text unsaid ('coriander
            # leaves' is not the seed the alias may also mean).
            key = self.choices[column]
            alternatives += tuple(
                food_id
                for food_id in self.alias_foods.get(key, ())[1:]
                if food_id not in alternatives and food_id != best_id and self._fits_the_rest(evidence, key, food_id)
            )
        return Match(
            best_id, round(min(best_score, 100.0), 1), "fuzzy", suggestions, alternatives=alternatives
        ), signals

    def _fits_the_rest(self, evidence: Evidence, key: str, food_id: str) -> bool:
        """Whether the name of `food_id` has a word similar to every word of the query that alias `key` has not."""
        assert self.scorer is not None
        in_key = frozenset(self.scorer.codes(frozenset(key.split())))
        in_name = frozenset(self.scorer.codes(frozenset(normalise(self.names[food_id]).split())))
        rest = [row.similar.tolist() for row in evidence.rows if in_key.isdisjoint(row.similar.tolist())]
        return all(not in_name.isdisjoint(similar) for similar in rest)

    def _refusing_ties(
        self, best_id: str, best_score: float, defensible: list[tuple[str, float]]
    ) -> list[tuple[str, float]]:
        """The defensible candidates within CLOSE_MARGIN of the answer `best_id` that refuse it: of its kind
        (or FNDDS's "NFS" entry against a single food), with magnesium other than its own."""
        close = [(food_id, score) for food_id, score in defensible[1:] if best_score - score < CLOSE_MARGIN]
        # A near-tie of the other kind does not refuse the preferred answer.
        if best_id in self.as_eaten:
            close = [(food_id, score) for food_id, score in close if food_id in self.as_eaten]
        elif best_id not in self.second_table:
            # ... except FNDDS's "NFS" entry, the food written without detail: a single food of
            # other Mg just ahead of it ("Milk and cereal bar", 21 mg, for "cereal bar" against
            # "Cereal or granola bar, NFS", 97 mg) adds a detail the text does not give.
            close = [
                (food_id, score)
                for food_id, score in close
                if food_id not in self.second_table or _NFS.search(self.names[food_id])
            ]
        # A near-tie with the same magnesium (a salted twin, a peanut variety) changes no figure: the
        # best is kept. Only candidates whose Mg per 100 g differs by more than MG_EQUIVALENT refuse it.
        # Nor does a food the alias table lists as an alternative of the best for one text ('firm tofu':
        # with or without nigari): that doubt is curated, and the match carries it as a range.
        siblings = self.alias_siblings.get(best_id, frozenset())
        close = [
            (food_id, score)
            for food_id, score in close
            if not _same_mg(self.mg_per_100g[best_id], self.mg_per_100g[food_id]) and food_id not in siblings
        ]
        return close

    @cached_property
    def alias_siblings(self) -> dict[str, frozenset[str]]:
        """Food id -> the foods the alias table lists with it for one text (data/aliases.csv's rows of one
        alias: its answer and alternatives)."""
        siblings: dict[str, set[str]] = {}
        for foods in self.alias_foods.values():
            if len(foods) > 1:
                for food_id in foods:
                    siblings.setdefault(food_id, set()).update(f for f in foods if f != food_id)
        return {food_id: frozenset(others) for food_id, others in siblings.items()}

    def _preferred_first(
        self,
        defensible: list[tuple[str, float]],
        promotable: list[tuple[str, float]],
        headed: set[str],
        text_headed: set[str],
        evidence: Evidence,
    ) -> list[tuple[str, float]]:
        """`defensible` (best first) with the candidate `decide` answers with moved to the front: one of
        the table that describes this kind of food close behind the best, else SR28's twin of an FNDDS
        single food, and before either a food that is what the text's head names."""
        top = defensible[0]
        preferred = (
            [d for d in promotable if d[0] in self.as_eaten and d[0] in headed] if top[0] not in self.as_eaten else []
        )
        margin = _SECOND_TABLE_MARGIN
        if not preferred and top[0] in self.second_table and top[0] not in self.as_eaten:
            preferred = [
                d for d in promotable if d[0] not in self.second_table and d[0] not in self.branded and d[0] in headed
            ]
            margin = _SINGLE_FOOD_MARGIN
            # SR28's twin of the food (the same magnesium) is kept however far behind it ranks. An
            # "NFS" entry (the food without detail) has one only when the twin's name adds no defining
            # word to the text ("Nuts, almonds" for "almond"): SR28's bars and breads are particular ones.
            unspecified = bool(_NFS.search(self.names[top[0]]))
            said = frozenset().union(*evidence.explained) if unspecified else frozenset()
            twins = [
                d
                for d in preferred
                if _same_mg(self.mg_per_100g[top[0]], self.mg_per_100g[d[0]], _TWIN_MG)
                and (not unspecified or not self._adds_defining_word(said, d[0]))
            ]
            if twins:
                preferred, margin = twins, float("inf")
        if preferred and top[1] - preferred[0][1] < margin:
            defensible = [preferred[0]] + [d for d in defensible if d != preferred[0]]
        # The text says what the food is by its head: a defensible food that is that ("Chicken salad
        # sandwich" for "chicken salad sandwich") comes before one that is another food it only
        # mentions (the alias "chicken salad" of "Poultry salad sandwich spread"), however far behind.
        if text_headed and defensible[0][0] not in text_headed:
            first = next((d for d in defensible if d[0] in text_headed and d in promotable), None)
            if first is not None:
                defensible = [first] + [d for d in defensible if d != first]
        return defensible

    def search(self, text: str, limit: int = 10) -> list[tuple[str, float]]:
        """Ranked (food_id, score) candidates for `foods search`; an exact match comes first at 100."""
        exact = self.exact_match(text)
        ranked = self.ranked(text)
        if exact is not None and exact.food_id is not None:
            ranked = [(exact.food_id, 100.0)] + [(f, s) for f, s in ranked if f != exact.food_id]
        return ranked[:limit]


class TokenScorer:
    """Scores a query against every choice at once.

    Each query word is compared with the table's vocabulary by optimal-string-alignment
    similarity (one typo or swapped pair still counts); word weights are inverse document
    frequencies, so "spinach" matters more than "raw". The score mixes recall (how much of
    the query the choice explains) and precision (how much of the choice the query names),
    0-100. Cooking words (steamed, grilled, ...) also count as SR28's "cooked".
    """

    def __init__(self, choices: list[str], contexts: list[str], penalties: list[float], salted: list[bool]) -> None:
        import numpy as np
        import pandas as pd

        # Every (choice, word) pair once, choices in order: word codes and where each choice starts.
        own = pd.Series(choices, dtype=object).str.split().explode()
        context = pd.Series(contexts, dtype=object).str.split().explode()
        codes, words = pd.factorize(pd.concat([own, context], ignore_index=True))
        own_pairs = pd.DataFrame({"choice": own.index, "word": codes[: len(own)]}).drop_duplicates()
        context_pairs = pd.DataFrame({"choice": context.index, "word": codes[len(own) :]}).drop_duplicates()
        vocabulary = {word: position for position, word in enumerate(words)}

        def flatten(pairs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
            flat = pairs["word"].to_numpy(dtype=np.int32)
            offsets = np.searchsorted(pairs["choice"].to_numpy(), np.arange(len(choices))).astype(np.int64)
            return flat, offsets

        # Precision looks at the choice's own words; recall also at the words of the food it
        # names (an alias "oats" stands for "Cereals, oats, ..., dry", so "dry oats" is explained).
        self.flat, self.offsets = flatten(own_pairs)
        self.context_flat, self.context_offsets = flatten(context_pairs)
        self.words = list(vocabulary)
        self.vocabulary = vocabulary
        document_frequency = np.bincount(self.flat, minlength=len(vocabulary)).astype(np.float32)
        self.idf = (1.0 + np.log(len(choices) / np.maximum(document_frequency, 1.0))).astype(np.float32)
        self.flat_weight = self.idf[self.flat]
        self.choice_weight = np.add.reduceat(self.flat_weight, self.offsets)
        self.penalty = np.asarray(penalties, dtype=np.float32)
        # The salted-twin tie-break is for queries that say nothing of salt; one that does is heard.
        self.salted_penalty = np.where(np.asarray(salted, dtype=bool), _PENALTY_SALTED, 0.0).astype(np.float32)
        # Posting lists (which choices hold each word), so a query touches only the choices that
        # share a similar word with it instead of every (choice, word) pair.
        self.own_choice, self.own_starts = _postings(self.flat, self.offsets, len(vocabulary))
        self.context_choice, self.context_starts = _postings(self.context_flat, self.context_offsets, len(vocabulary))
        # `keep_vocabulary_rows`: per vocabulary word (CSR: start of its run, columns, similarities),
        # the vocabulary words at least _MIN_WORD_SIMILARITY similar to it; None: compare every word.
        self.vocabulary_rows: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        # Similarity rows of query words compared with the vocabulary, and each word's best
        # similarity per choice (`_token`); match_many clears them per chunk.
        self._word_rows: dict[str, np.ndarray] = {}
        self._tokens: dict[str, _TokenRow] = {}
        # What each choice says (FoodIndex._said) and its head words (FoodIndex._head_words), filled as used.
        self.said_cache: dict[int, _Said] = {}
        self.head_cache: dict[int, tuple[list[int], list[int], list[int]]] = {}
        # The defining words of each table name judged against a text joining foods (FoodIndex._defining_parts).
        self.defining_cache: dict[str, tuple[tuple[tuple[int | None, ...], ...], ...]] = {}
        # Each text's query key (FoodIndex.query_key): a fuzzy text needs it five times.
        self.query_keys: dict[str, str] = {}
        self._untouched: dict[bool, np.ndarray] = {}
        self._untouched_highest: dict[bool, float] = {}
        # A choice's own words are among the words it explains (its context): a choice sharing a
        # similar word with the query is then found through the context postings alone.
        own_codes = np.repeat(np.arange(len(choices), dtype=np.int64), np.diff(np.append(self.offsets, len(self.flat))))
        context_codes = np.repeat(
            np.arange(len(choices), dtype=np.int64), np.diff(np.append(self.context_offsets, len(self.context_flat)))
        )
        words_count = max(len(vocabulary), 1)
        self.own_in_context = bool(
            np.isin(own_codes * words_count + self.flat, context_codes * words_count + self.context_flat).all()
        )
        # Foods the tables list on their own (FoodIndex.build): a participle of one is not that food (`_names_a_food`).
        self.foods: frozenset[str] = frozenset()
        self.negations = {
            (i, vocabulary[prefix + word])
            for word, i in vocabulary.items()
            for prefix in _NEGATING_PREFIXES
            if prefix + word in vocabulary
        }
        # Per word, the words that negate it or that it negates (its similarity to them is 0).
        negated: dict[int, list[int]] = {}
        for first, second in self.negations:
            negated.setdefault(first, []).append(second)
            negated.setdefault(second, []).append(first)
        self.negated = {word: sorted(others) for word, others in negated.items()}

    def prepare(self, queries: list[str]) -> None:
        """Compare every word of these queries with the vocabulary in one parallel batch."""
        import numpy as np

        cached, done = self._word_rows, self._tokens
        words = sorted(
            {
                t
                for query in queries
                for t in query.split()
                if t not in _STOP_WORDS and t not in cached and t not in done
            }
        )
        if self.vocabulary_rows is not None:
            # A word of the vocabulary has its row kept: only the others are compared.
            starts, columns, values = self.vocabulary_rows
            unknown = []
            for word in words:
                code = self.vocabulary.get(word)
                if code is None:
                    unknown.append(word)
                else:
                    row = np.zeros(len(self.words), dtype=np.float32)
                    row[columns[starts[code] : starts[code + 1]]] = values[starts[code] : starts[code + 1]]
                    cached[word] = row
            words = unknown
        if words:
            # With the cutoff, rapidfuzz gives 0 below it (and skips words too long or short to reach it).
            for word, row in zip(words, _similarity_rows(words, self.words), strict=True):
                cached[word] = row

    def keep_vocabulary_rows(self) -> None:
        """Compare every vocabulary word with the vocabulary once, and keep the similar pairs.

        A text's words are mostly words the tables spell: their rows are then read, not computed.
        About 8,000 pairs for the bundled tables' 4,317 words (a few hundred ms, once, when the
        kept index is built); an index built for one run (a clinic's foods) does not keep them.
        """
        import numpy as np

        starts, columns, values = [np.zeros(1, dtype=np.int64)], [], []
        for first in range(0, len(self.words), _FUZZY_CHUNK):
            rows = _similarity_rows(self.words[first : first + _FUZZY_CHUNK], self.words)
            row_of, column = np.nonzero(rows)
            columns.append(column)
            values.append(rows[row_of, column])
            starts.append(starts[-1][-1] + np.cumsum(np.bincount(row_of, minlength=len(rows))))
        self.vocabulary_rows = (np.concatenate(starts), np.concatenate(columns), np.concatenate(values))
        # Kept with the rows: built at the first word no table spells, it cost 15 ms of the first batch.
        self.undoubled = self._undoubled_codes()

    @cached_property
    def undoubled(self) -> dict[str, list[int]]:
        """Vocabulary codes by their word with every doubled letter written once ('broccoli' -> 'brocoli')."""
        return self._undoubled_codes()

    def _undoubled_codes(self) -> dict[str, list[int]]:
        """`undoubled` computed afresh."""
        found: dict[str, list[int]] = {}
        for code, word in enumerate(self.words):
            found.setdefault(_undoubled(word), []).append(code)
        return found

    def forget(self) -> None:
        """Drop the cached word rows (each is one float per vocabulary word); the words' best per choice
        (a few kB each) are kept for the next batch unless there are more than _TOKENS_KEPT of them."""
        self._word_rows.clear()
        if len(self._tokens) > _TOKENS_KEPT:
            self._tokens.clear()

    def _token(self, token: str) -> _TokenRow:
        """Query word `token` compared with the vocabulary and the choices, computed once per word (until `forget`).

        Its similarity row (0 for the words negating it, at least _EQUIVALENT_SIMILARITY for its
        equivalents), its weight, and its best similarity in each choice whose context holds a similar word.
        """
        import numpy as np

        found = self._tokens.get(token)
        if found is not None:
            return found
        if token not in self._word_rows:
            self.prepare([token])
        row = self._word_rows.pop(token)  # a row of prepare's matrix, no longer shared: changed in place
        own = self.vocabulary.get(token)
        if own in self.negated:
            row[self.negated[own]] = 0.0
        forms = (token, *(form for form in _past_participles(token) if not _names_a_food(token, form, self.foods)))
        for equivalent in (*forms[1:], *(word for form in forms for word in _EQUIVALENT_WORDS.get(form, ()))):
            column = self.vocabulary.get(equivalent)
            if column is not None:
                row[column] = max(row[column], _EQUIVALENT_SIMILARITY)
        if own is None:
            # A word no table spells may double a letter wrongly ('brocolli', 'cappucino'): one slip, however
            # many letters, where string distance counts each moved doubling as two edits (OSA 0.75).
            for column in self.undoubled.get(_undoubled(token), ()):
                row[column] = max(row[column], 1.0 - 1.0 / max(len(token), len(self.words[column])))
        similar = (row != 0).nonzero()[0]
        # A known word weighs its closest vocabulary word's idf; an unknown one the largest idf.
        weight = self.idf[row.argmax()] if len(similar) else self.idf.max()
        values = row[similar]
        choices = _gather(self.context_choice, self.context_starts, similar)
        best = np.repeat(values, self.context_starts[similar + 1] - self.context_starts[similar])
        if len(similar) > 1:
            # A choice may hold several similar words: its best one counts (the last of its run by value).
            order = np.lexsort((best, choices))
            choices, best = choices[order], best[order]
            last = np.append(choices[1:] != choices[:-1], True)
            choices, best = choices[last], best[last]
        weighted = np.float64(weight) * best.astype(np.float64)
        # A word the table knows is explained by itself, its equivalents or a one-letter slip; an unknown one may be a typo.
        needed = _EXPLAINED_KNOWN if token in self.vocabulary else _EXPLAINED_UNKNOWN
        explained = frozenset(similar[values >= needed].tolist())
        strong = frozenset(similar[values >= _EXPLAINED_KNOWN].tolist())
        found = _TokenRow(np.float32(weight), similar, values, choices, weighted, explained, strong)
        self._tokens[token] = found
        return found

    def context_words(self, column: int) -> np.ndarray:
        """Vocabulary codes of the words choice `column` explains (its own and its food's)."""
        end = self.context_offsets[column + 1] if column + 1 < len(self.context_offsets) else len(self.context_flat)
        return self.context_flat[self.context_offsets[column] : end]

    def codes(self, words: frozenset[str]) -> list[int]:
        """Vocabulary codes of these words (unknown words are skipped)."""
        return [self.vocabulary[word] for word in words if word in self.vocabulary]

    def evidence(self, query: str) -> Evidence | None:
        """The query's words and their similarity to every vocabulary word (None: no usable word)."""
        import numpy as np

        tokens = [token for token in dict.fromkeys(query.split()) if token not in _STOP_WORDS]
        if not tokens:
            return None
        if any(token not in self._tokens and token not in self._word_rows for token in tokens):
            self.prepare([" ".join(tokens)])  # words the batch's `prepare` did not see (`ranked` of one text)
        rows = tuple(self._token(token) for token in tokens)
        if not any(len(row.similar) for row in rows):
            return None
        # Per vocabulary word, its best similarity to a query word (float32 values, as a float64 array);
        # two more slots (padding and a word no table spells, see `_word_codes`) that no text names.
        named = np.zeros(len(self.words) + 2, dtype=np.float64)
        named[-2:] = -1.0
        for row in rows:
            named[row.similar] = np.maximum(named[row.similar], row.values)
        return Evidence(
            tokens,
            rows,
            len(self.words),
            tuple(row.explained for row in rows),
            frozenset().union(*(row.strong for row in rows)),
            _negated(tokens),
            named,
        )

    def score(self, evidence: Evidence) -> np.ndarray:
        """0-100 score of every choice for the query behind `evidence`."""
        touched, values = self._touched_scores(evidence)
        scores: np.ndarray = self._untouched_scores(not _SALT_WORDS.isdisjoint(evidence.tokens)).copy()
        scores[touched] = values
        return scores

    def top(self, evidence: Evidence, count: int) -> tuple[np.ndarray, np.ndarray]:
        """`_top(self.score(evidence), count)` and those choices' scores, without scoring every choice.

        A choice sharing no similar word with the query keeps a score of at most a few points:
        when `count` choices sharing one score above _TOP_CUT, the best `count` are among them.
        """

        salted = not _SALT_WORDS.isdisjoint(evidence.tokens)
        touched, values = self._touched_scores(evidence)
        if self._untouched_max(salted) <= _TOP_CUT and len(self.offsets) > count:
            pool = (values > _TOP_CUT).nonzero()[0]
            if len(pool) >= count:
                chosen = _top_of(pool, values[pool], count)
                return touched[chosen], values[chosen]
        scores = self.score(evidence)
        columns = _top(scores, count)
        return columns, scores[columns]

    def _touched_scores(self, evidence: Evidence) -> tuple[np.ndarray, np.ndarray]:
        """The choices sharing a similar word with the query (ascending) and their 0-100 scores.

        Recall: per query word, its best similarity in the choice times its weight, summed over
        the query words in query order. Precision: per choice word, its idf times its best
        similarity to a query word. The score mixes them (_RECALL_SHARE) less the choice's penalty.
        """
        import numpy as np

        rows = evidence.rows
        count = len(self.offsets)
        query_weight = np.array([row.weight for row in rows], dtype=np.float32)
        if len(rows) == 1:
            # One word: each choice's sum is its one term (0.0 + x is x).
            recall_choices = rows[0].choices
            recall_all = None
        else:
            recall_choices = np.concatenate([row.choices for row in rows])
            # bincount adds each choice's terms in input order: word by word, in query order.
            weights = np.concatenate([row.weighted for row in rows])
            recall_all = np.bincount(recall_choices, weights=weights, minlength=count)
        # Per vocabulary word, its best similarity over the query words: `evidence.named` holds the
        # same float32 maxima as float64, so casting back is exact.
        named_words = evidence.named[: len(self.words)]
        similar = (named_words > 0).nonzero()[0]  # of a boolean: several times faster than of the floats
        lengths = self.own_starts[similar + 1] - self.own_starts[similar]
        weights = np.repeat(self.idf[similar] * named_words[similar].astype(np.float32), lengths)
        own_choices = _gather(self.own_choice, self.own_starts, similar)
        covered = np.bincount(own_choices, weights=weights, minlength=count)
        if self.own_in_context:
            # Every recall term is positive (an idf of 1 or more times a similarity of 0.75 or more).
            touched = recall_choices if recall_all is None else (recall_all > 0).nonzero()[0]
        else:
            mask = np.zeros(count, dtype=bool)
            mask[recall_choices] = True
            mask[own_choices] = True
            touched = mask.nonzero()[0]
        if recall_all is None and touched is recall_choices:
            recall = rows[0].weighted / query_weight.sum()
        else:
            if recall_all is None:
                recall_all = np.zeros(count, dtype=np.float64)
                recall_all[recall_choices] = rows[0].weighted
            recall = recall_all[touched] / query_weight.sum()
        precision = covered[touched] / self.choice_weight[touched]
        salted = not _SALT_WORDS.isdisjoint(evidence.tokens)
        penalty = self.penalty - self.salted_penalty if salted else self.penalty
        recall *= _RECALL_SHARE
        precision *= 1 - _RECALL_SHARE
        recall += precision
        recall *= 100.0
        return touched, recall - penalty[touched]

    def _untouched_max(self, salted: bool) -> float:
        """The highest score of a choice sharing no similar word with the query."""
        found = self._untouched_highest.get(salted)
        if found is None:
            found = float(self._untouched_scores(salted).max()) if len(self.offsets) else 0.0
            self._untouched_highest[salted] = found
        return found

    def _untouched_scores(self, salted: bool) -> np.ndarray:
        """Every choice's score for a query sharing no word with it: `score` with no recall and no precision."""
        import numpy as np

        if salted not in self._untouched:
            penalty = self.penalty - self.salted_penalty if salted else self.penalty
            nothing = np.zeros(len(self.offsets), dtype=np.float64)
            self._untouched[salted] = np.asarray(
                100.0 * (_RECALL_SHARE * nothing + (1 - _RECALL_SHARE) * (nothing / self.choice_weight)) - penalty
            )
        return self._untouched[salted]


@dataclass(frozen=True)
class Evidence:
    """A query's content tokens and their similarity (0 or >= 0.75) to every vocabulary word."""

    tokens: list[str]
    # Per token, what `TokenScorer._token` found: its similar vocabulary words and the choices holding them.
    rows: tuple[_TokenRow, ...]
    width: int  # the vocabulary's size
    # Per token: the vocabulary words that explain it (`FoodIndex._explains`); and the words
    # some token is at least _EXPLAINED_KNOWN similar to.
    explained: tuple[frozenset[int], ...]
    strong: frozenset[int]
    # The words the text denies (`_negated` of the tokens).
    negated: frozenset[str]
    # `_best_similarity` of the text.
    named: np.ndarray

    @cached_property
    def similarity(self) -> np.ndarray:
        """Token x vocabulary word similarity (float32), 0 where below _MIN_WORD_SIMILARITY."""
        import numpy as np

        similarity = np.zeros((len(self.tokens), self.width), dtype=np.float32)
        for position, row in enumerate(self.rows):
            similarity[position, row.similar] = row.values
        return similarity


class _Said(NamedTuple):
    """What a choice says, as vocabulary codes: the words it explains (its own and its food's),
    those it says and those it denies ("No pulp"), its marked words (word, code or None) and its brand's words."""

    context: frozenset[int]
    said: frozenset[int]
    said_not: frozenset[int]
    # Each marked word or phrase the choice holds, with the codes of its words (None: a word the
    # vocabulary lacks); the text must say every one of them.
    marked: tuple[tuple[str, tuple[int | None, ...]], ...]
    brand: frozenset[int] | None


class _TokenRow(NamedTuple):
    """One query word against the table: what `TokenScorer._token` computes once per word (a
    NamedTuple: made for every new word of a batch, 4x cheaper than a frozen dataclass)."""

    weight: np.float32  # its weight in recall
    similar: np.ndarray  # codes of the vocabulary words similar to it, ascending
    values: np.ndarray  # their similarities (float32)
    choices: np.ndarray  # the choices whose context holds a similar word, ascending
    weighted: np.ndarray  # per such choice, weight x its best similarity there (float64)
    explained: frozenset[int]  # the vocabulary words that explain it (`FoodIndex._explains`)
    strong: frozenset[int]  # the vocabulary words at least _EXPLAINED_KNOWN similar to it


def form_words() -> frozenset[str]:
    """Words that say how a food is cut, served or described, never which food it is."""
    from mgcheck.resources import read_data_csv

    table = read_data_csv("form_words.csv", dtype=str)
    return frozenset(normalise(word) for word in table["word"])


def _form_word_names(names: list[str], form: frozenset[str]) -> tuple[str, ...]:
    """The first segments of `names` of two words or more holding a form word ("Reese's Pieces" -> "reese piece")."""
    found = (normalise(_PARENTHESES.sub(" ", name).split(",")[0]) for name in names)
    return tuple(sorted({first for first in found if " " in first and not form.isdisjoint(first.split())}))


@lru_cache(maxsize=1)
def brand_words() -> frozenset[str]:
    """Brands no table has (form_words.csv role 'brand': 'walkers', store brands): dropped from a
    text like any form word, so the generic food answers; the resolver says so."""
    from mgcheck.resources import read_data_csv

    table = read_data_csv("form_words.csv", dtype=str)
    return frozenset(normalise(word) for word in table.loc[table["role"] == "brand", "word"])


def _head_words(name: str, inverted_pair: bool = False) -> tuple[str, ...]:
    """The words naming what a table entry is: the last word of each alternative of its first segment.

    "Oil, avocado" -> ("oil",); "Strawberry milk, NFS" -> ("milk",); "Nuts, almonds" ->
    ("almond",) (a kind segment is skipped); "Hot chocolate / cocoa" -> ("chocolate", "cocoa").
    Segments in capitals (brands) are skipped; () when nothing is left. With `inverted_pair`
    (FNDDS, which writes both "Coffee, Latte" and "Strawberry milk"), a one-word first segment
    shares the head with the next segment. A kind segment followed by a product name in
    parentheses ("Cereal (Kellogg's Rice Krispies Treats Cereal)") is headed by the product's last word.
    """
    return head_phrase(name, inverted_pair)[0]


def head_phrase(name: str, inverted_pair: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The head words of a table entry's name (`_head_words`) and the other words of its head phrase:
    "Malt beverage, includes non-alcoholic beer" -> (("beverage",), ("malt",)); "Vinegar, red wine" ->
    (("vinegar",), ()).

    The other words qualify the head: "tuna" in "Tuna salad with egg", "corn" in "Snacks, corn
    cakes", "peanut" in "Peanut butter". They are given only when the head phrase has one
    alternative ("Chicken or turkey salad" names either, so neither is required).
    """
    heads: list[str] = []
    qualifiers: list[str] = []
    alternatives = 0
    product = _PARENTHESES.search(name)
    for number, segment in enumerate(name.split(",")):
        if number == 0 and product is not None and product.start() < len(segment):
            kind = normalise(segment[: product.start()])
            # FNDDS "Cereal (General Mills Cheerios)": the product in parentheses is the food named.
            if kind in _KIND_SEGMENTS:
                segment, alternatives = product.group(0)[1:-1], 2  # its other words are the brand's
        segment = _PARENTHESES.sub(" ", segment)
        if _CAPITAL_WORD.fullmatch(segment.strip()) or segment.strip().isupper():
            continue
        key = normalise(segment)
        if not key or key in _KIND_SEGMENTS or (heads and key in {"nfs", "n"}):
            continue
        phrases = _phrase_words(segment)
        alternatives += len(phrases)
        for words in phrases:
            heads.append(words[-1])
            qualifiers += words[:-1]
        if not (inverted_pair and len(heads) == 1 and len(key.split()) == 1 and key == heads[0]):
            break
    heads = list(dict.fromkeys(heads))
    kept = () if alternatives != 1 else tuple(dict.fromkeys(w for w in qualifiers if w not in heads))
    return tuple(heads), tuple(w for w in kept if w not in _STOP_WORDS and w not in _CONNECTIVES)


def _own_heads(
    heads: tuple[str, ...], qualifiers: tuple[str, ...], own: tuple[str, ...], single_heads: frozenset[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """An FNDDS pair's heads (`head_phrase` with `inverted_pair`) less those that name a food of their own.

    "Coffee, Latte" is a latte and "Cheese, Gouda" a gouda, but "Pie, cherry", "Bread, zucchini"
    and "Cookie, oatmeal" are a pie, a bread and a cookie made with a food the tables list on its
    own (cherries, zucchini, oatmeal): that word qualifies the head, as "cherry" in "Cherry pie".
    """
    if not own or heads == own:
        return heads, qualifiers
    foods = tuple(word for word in heads if word not in own and word in single_heads)
    if not foods:
        return heads, qualifiers
    kept = tuple(word for word in heads if word not in foods)
    return kept, tuple(dict.fromkeys((*qualifiers, *foods))) if len(kept) == 1 else qualifiers


def _holds_pairing(
    vocabulary: dict[str, int],
    evidence: Evidence,
    parts: list[tuple[list[int], list[int]]],
    said: frozenset[int],
    name: str,
) -> bool:
    """Whether `name` holds each joined food in a part of its own (`FoodIndex._unpaired`).

    `parts` gives, per food joined, the rows in `evidence` of its head word and of its other words.
    Each head must end a part of the name (or be followed there only by words the text says), each in
    a different part, and a joining word must separate each food's head or other words from every
    other food's: "Soup, bean with pork" holds "bean" and "pork soup"; "Crackers, cheese,
    sandwich-type with cheese filling" does not hold "crackers" and "cheese" (its head ends no part there).
    """
    chunks = _name_chunks(name)
    places: list[list[int]] = []
    reaches: list[set[int]] = []
    for head_rows, other_rows in parts:
        heads = frozenset().union(*(evidence.explained[row] for row in head_rows))
        words = frozenset().union(*(evidence.explained[row] for row in other_rows))
        found = []
        reach = set()
        for number, (chunk, _) in enumerate(chunks):
            codes = [vocabulary.get(word) for word in chunk]
            if any(code in words for code in codes):
                reach.add(number)
            for position, code in enumerate(codes):
                # The head ends its part, or is followed by words the text says or by another choice ("chicken or turkey").
                if (
                    code in heads
                    and (
                        all(rest is not None and rest in said for rest in codes[position + 1 :])
                        # "Chicken or turkey" but not "Chicken or turkey soup" (a soup of either).
                        or (chunk[position + 1 : position + 2] == ("or",) and len(chunk) == position + 3)
                    )
                ):
                    found.append(number)
                    break
        if not found:
            return False
        places.append(found)
        reaches.append(reach)

    def joined(first: set[int], second: set[int]) -> bool:
        return any(
            any(chunks[between][1] for between in range(min(a, b) + 1, max(a, b) + 1))
            for a in first
            for b in second
            if a != b
        )

    for placed in itertools.product(*places):
        if len(set(placed)) == len(placed) and all(
            joined(reaches[one] | {placed[one]}, reaches[other] | {placed[other]})
            for one, other in itertools.combinations(range(len(placed)), 2)
        ):
            return True
    return False


@lru_cache(maxsize=4096)
def _name_chunks(name: str) -> tuple[tuple[tuple[str, ...], bool], ...]:
    """The parts of a name between commas, parentheses and joining words (`_NAME_JOINS`): the words of
    each, and whether a joining word comes before it."""
    pieces = _NAME_JOINS.split(name)
    chunks: list[tuple[tuple[str, ...], bool]] = []
    joined = False
    for position in range(0, len(pieces), 2):
        words = tuple(normalise(pieces[position]).split())
        if words:
            chunks.append((words, joined))
            joined = False
        if position + 1 < len(pieces):
            joined = joined or pieces[position + 1] is None
    return tuple(chunks)


def _food_nouns(
    foods: pd.DataFrame, brands: list[frozenset[str] | None], aliases: list[str], describing: frozenset[str]
) -> frozenset[str]:
    """The words that name a food, so that a text naming none of them ("large", "fried", "low") only describes one.

    A word names a food when it heads an unbranded table name's first segment read in English order
    ("Peanut butter, smooth" -> "butter") or an alias (its trailing `describing` words passed over:
    "spinach cooked" -> "spinach"); or when it heads an FNDDS pair ("Coffee, Latte" -> "latte"), an
    FNDDS additional description ("Marmite") or what an SR28 name says it includes ("(includes
    sourdough)"), unless it describes: these also hold qualifiers ("Rice, fried", "Egg, whole",
    "Large"), and a word SR28 writes in the later segments of at least _DESCRIBER_NAMES names
    ("cooked, fried", "whole", "low fat") describes many foods rather than naming one.
    """
    names = foods["name"].tolist()
    tables = foods["table"].fillna("").tolist() if "table" in foods else [""] * len(names)
    nouns: set[str] = set()
    paired: set[str] = set()
    later: dict[str, int] = {}
    for name, brand, table in zip(names, brands, tables, strict=True):
        segments = _PARENTHESES.sub(" ", name).split(",")
        if brand is None:
            nouns.update(_phrase_heads(segments[0]))
            # SR28's "(includes sourdough)" names other foods the entry stands for.
            for included in _INCLUDES.findall(name):
                paired.update(head for item in included.split(",") for head in _phrase_heads(item))
        if table == "fndds":
            paired.update(head_phrase(name, inverted_pair=True)[0])
        elif table == "sr28":
            for segment in segments[1:]:
                if not _CAPITAL_WORD.search(segment):
                    for word in set(normalise(segment).split()):
                        later[word] = later.get(word, 0) + 1
            # "Spices, mace, ground", "Fish, lingcod, raw": a second segment of one word names the food
            # its first segment only classes, unless it describes many ("Milk, whole").
            second = normalise(segments[1]).split() if len(segments) > 1 and brand is None else []
            if len(second) == 1:
                paired.add(second[0])
    for alias in aliases:
        for words in _phrase_words(_PARENTHESES.sub(" ", alias)):
            kept = [word for word in words if word not in describing]
            if kept:
                nouns.add(kept[-1])
    if "other_names" in foods:
        for other in foods["other_names"].fillna("").tolist():
            for other_name in str(other).split(";"):
                paired.update(_phrase_heads(_PARENTHESES.sub(" ", other_name)))
    describers = {word for word, count in later.items() if count >= _DESCRIBER_NAMES} | describing
    return frozenset(nouns | (paired - describers))


def _kind_foods(name: str, heads: tuple[str, ...], foods: frozenset[str]) -> tuple[str, ...]:
    """The foods that later segments of an SR28 name say its food is a kind of: "Spaghetti, spinach,
    cooked" is spinach spaghetti, "Milk, chocolate" chocolate milk.

    Each is a segment of one word that is a food the tables list on its own (`foods`), not the name's head.
    """
    kinds = (
        word
        for segment in _PARENTHESES.sub(" ", name).split(",")[1:]
        if len(words := normalise(segment).split()) == 1 and (word := words[0]) in foods and word not in heads
    )
    return tuple(dict.fromkeys(kinds))


def _added_foods(name: str, foods: frozenset[str]) -> tuple[str, ...]:
    """The foods a table name says its food is made or served with: words after its first "with", "in",
    "on", "made" or "from" that are foods the tables list on their own (`foods`), except those it denies
    ("without salt") and the fats, liquids and seasonings food is cooked or packed in (_MEDIA); and the
    foods its first segment joins by "and" (the last word of each side).

    "Beef, ground, with egg and onion" -> ("egg", "onion"); "Peaches, canned, in water" -> ();
    "Vodka and lemonade" -> ("lemonade", "vodka"): not the lemonade a text "lemonade" names.
    """
    key = normalise(_PARENTHESES.sub(" ", name))
    denied = _negated(key.split())
    added = {w for w in _component_words(key) if w in foods and w not in denied and w not in _MEDIA}
    # "Vodka and lemonade" joins two foods in its first segment: each is added to the other (not "or": either one).
    first = _HEAD_CUT.sub(" ", normalise(_PARENTHESES.sub(" ", name).split(",")[0]))
    sides = [side.split() for side in _JOINED_FIRST.split(first) if side.split()]
    if len(sides) > 1 and not _EITHER.search(first):
        added |= {side[-1] for side in sides if side[-1] in foods and side[-1] not in _MEDIA}
    return tuple(sorted(added))


def _component_words(key: str) -> frozenset[str]:
    """The words of a normalised name after its first "with", "in", "on" ...: what the food is made or served with."""
    words = key.split()
    cut = next((i for i, word in enumerate(words) if word in _COMPONENT_CUT), len(words))
    return frozenset(words[cut + 1 :])


def _phrase_heads(phrase: str) -> list[str]:
    """The last word of each alternative of an English noun phrase ("hot chocolate / cocoa")."""
    return [words[-1] for words in _phrase_words(phrase)]


def text_head_noun(text: str) -> str | None:
    """The noun a text is about, as its writer put it: the last word of its first noun phrase, singular
    ("rice cakes" -> "cake", "baked potato with skin" -> "potato", "green leaf lettuce" -> "lettuce";
    "Potatoes, baked, flesh and skin" -> "potato"). None for a first segment joining foods ("rice and
    beans") or of stop words only."""
    phrases = _phrase_words(text.split(",")[0])
    words = [word for word in phrases[0] if word not in _STOP_WORDS] if len(phrases) == 1 else []
    return words[-1] if words else None


def _phrase_words(phrase: str) -> list[list[str]]:
    """The words of each alternative of an English noun phrase, cut before "with", "in" ... ("hot chocolate / cocoa")."""
    parts = [normalise(part) for part in _HEAD_ALTERNATIVES.split(phrase.lower())]
    return [kept.split() for kept in (_HEAD_CUT.sub(" ", part) for part in parts) if kept.split()]


def _best_similarity(evidence: Evidence) -> np.ndarray:
    """Per vocabulary word, its best similarity to a word of the text; two more slots (padding and
    a word no table spells, see `_word_codes`) that no text names."""
    return evidence.named


def _similarity_rows(words: list[str], vocabulary: list[str]) -> np.ndarray:
    """OSA similarity of each word to each vocabulary word (float32), 0 below _MIN_WORD_SIMILARITY."""
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    # With the cutoff, rapidfuzz gives 0 below it (and skips words too long or short to reach it).
    rows: np.ndarray = process.cdist(
        words,
        vocabulary,
        scorer=OSA.normalized_similarity,
        dtype=np.float32,
        workers=-1,
        score_cutoff=_MIN_WORD_SIMILARITY,
    )
    return rows


_DOUBLED = re.compile(r"([a-z])\1+")


def _undoubled(word: str) -> str:
    """The word with each run of one letter written once (digits kept: 100 is not 10): single and double letters
    confused are one slip."""
    return _DOUBLED.sub(r"\1", word)


def _tenths(scores: np.ndarray) -> np.ndarray:
    """`round(score, 1) * 10` of each score as Python rounds it (the exact value, half to even).

    `np.rint(10 * score)` is the same except where 10 x score is within a rounding error of a
    half: those few take Python's own round.
    """
    import numpy as np

    scaled = scores * 10.0
    tenths = np.rint(scaled)
    for position in (np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6).nonzero()[0].tolist():
        tenths[position] = round(round(float(scores[position]), 1) * 10)
    return tenths


def _unless_all_named(named: np.ndarray, codes: np.ndarray, threshold: float, penalty: float) -> np.ndarray:
    """`penalty` for each row of `codes` (padded as `_word_codes` pads) with a word the text does not name, else 0."""
    import numpy as np

    padding = len(named) - 2
    return np.where(((named[codes] >= threshold) | (codes == padding)).all(axis=1), 0.0, penalty)


def _all_named(named: np.ndarray, codes: np.ndarray, threshold: float) -> bool:
    """Whether the text names each word of one row of `codes` (padded as `_word_codes` pads): `_unless_all_named`
    of that row is 0, read word by word (a handful) rather than by array operations made for many rows."""
    padding = len(named) - 2
    return all(code == padding or named[code] >= threshold for code in codes.tolist())


def _word_codes(words: list[tuple[str, ...]], vocabulary: dict[str, int]) -> np.ndarray:
    """Vocabulary codes of each choice's words, padded with len(vocabulary); len(vocabulary) + 1 for a word no table spells."""
    import numpy as np

    width = max((len(row) for row in words), default=1) or 1
    codes = np.full((len(words), width), len(vocabulary), dtype=np.int32)
    for row, choice_words in enumerate(words):
        codes[row, : len(choice_words)] = [vocabulary.get(word, len(vocabulary) + 1) for word in choice_words]
    return codes


def _penalty_codes(heads: np.ndarray, aliases: np.ndarray, processed: np.ndarray, padding: int) -> np.ndarray | None:
    """The three code arrays as `FoodIndex._penalties` reads them: a group of eight positions each, every
    code shifted into its group's part of the lookup. Padding is an unnamed word in a head (as `named`
    has it) and a named one in an alias or processing; a choice without a head points at a slot never unnamed.
    None when a row holds more than eight words (a clinic's alias of nine words): the rules are then read
    one by one."""
    import numpy as np

    if max(heads.shape[1], aliases.shape[1], processed.shape[1]) > _PENALTY_GROUP:
        return None

    slots = padding + 3
    groups = []
    for number, part in enumerate((heads, aliases, processed)):
        group = np.full((len(part), _PENALTY_GROUP), padding, dtype=np.intp)
        group[:, : part.shape[1]] = part
        if number == 0:
            group[part[:, 0] == padding, 0] = slots - 1
        else:
            group[group == padding] = slots - 1
        groups.append(group + number * slots)
    codes = np.hstack(groups)
    # Two bytes a code where they hold the lookup (the bundled tables): a pool's rows are read from fewer cache lines.
    return codes.astype(np.int16) if 3 * slots <= np.iinfo(np.int16).max else codes


@cache
def _penalty_rule() -> tuple[np.ndarray, np.ndarray]:
    """For `FoodIndex._penalties`: the head, alias and processing penalties when a group's eight bytes
    are all set (the head's: every word unnamed), and when they are not (the alias's or processing's:
    some word unnamed)."""
    import numpy as np

    return np.array([_PENALTY_HEAD, 0.0, 0.0]), np.array([0.0, _ALIAS_BONUS, _PENALTY_PROCESSED])


def _head_codes(heads: list[tuple[str, ...]], vocabulary: dict[str, int]) -> np.ndarray:
    """Vocabulary codes of each choice's head words, one row per choice, padded with len(vocabulary)."""
    import numpy as np

    width = max((len(head) for head in heads), default=1) or 1
    codes = np.full((len(heads), width), len(vocabulary), dtype=np.int32)
    for row, head in enumerate(heads):
        known = [vocabulary[word] for word in head if word in vocabulary]
        # A head no table word spells can never be named: its first slot says "has a head".
        codes[row, : len(known)] = known
        if head and not known:
            codes[row, 0] = len(vocabulary) + 1
    return codes


def _translate(words: list[str], equivalents: dict[str, str], longest: int) -> str:
    """The words with each phrase of `equivalents` replaced, the longest phrase first."""
    translated: list[str] = []
    position = 0
    while position < len(words):
        for length in range(min(longest, len(words) - position), 0, -1):
            phrase = " ".join(words[position : position + length])
            if phrase in equivalents:
                translated.append(equivalents[phrase])
                position += length
                break
        else:
            translated.append(words[position])
            position += 1
    return " ".join(translated)


def _names_a_food(word: str, form: str, foods: frozenset[str]) -> bool:
    """Whether `word` and its participle `form` differ as a food and a way of making one: "roll" and
    "rolled" (oats), "scallop" and "scalloped" (potatoes), "pickle" and "pickled" (beets), "butter" and
    "buttered" (toast). The stem names a food the tables list on its own; a cooking word ("stewed") stays one form."""
    stem, participle = sorted((word, form), key=len)
    return stem in foods and participle not in _COOKING


def _participle(word: str) -> bool:
    """Whether `word` reads as a past participle ("topped", "filled"), not a food ("seed", "bread", "breaded")."""
    return word.endswith("ed") and len(word) > 4 and word not in _NOT_PARTICIPLES


def _past_participles(word: str) -> tuple[str, ...]:
    """A cooking verb and its participle name the same form: "roast" / "roasted", "smoked" / "smoke"."""
    if len(word) < 4 or word in _NOT_PARTICIPLES:
        return ()
    if word.endswith("ed"):
        return (word[:-2], word[:-1])
    return (word + "ed", word + "d")


@lru_cache(maxsize=1)
def meal_words() -> frozenset[str]:
    """Words that name a meal or an occasion ("snack", "dinner"), never a food: a text of only these is unmatched."""
    from mgcheck.resources import read_data_csv

    return frozenset(normalise(word) for word in read_data_csv("meal_words.csv", dtype=str)["word"])


def doubt_about(signals: MatchSignals) -> str | None:
    """Why a fuzzy best candidate is not confident enough to be matched, or None when it is.

    Signals of the best candidate's name, chosen on the tune half and the public evaluations
    (fuzzy matches that were confident before this rule; counted right when the Mg per 100 g is
    within 10% of the expected food's):
    - A head qualified by a food word the text does not say ("tuna" of "Tuna salad with egg" for
      "egg salad", "corn" of "Snacks, corn cakes" for "snack cake") is one kind of the food
      named. Such matches were right 6 of 8 times on the tune half, 22 of 67 on held-out FNDDS
      additional descriptions and 10 of 13 on ASA24-style descriptions (the others: 158 of 166,
      102 of 286, 1192 of 1251). One is matched only when no defensible food of different Mg is
      within _PENALTY_HEAD.
    - A head the text does not name ("Cereal (Kellogg's Rice Krispies Treats Cereal)" for "rice
      krispies treats", "Egg salad sandwich" for "egg salad") is another food made with the one
      named (right 4 of 5 times on the tune half, 22 of 82 held out). One is matched only when
      no defensible food of different Mg has its head named, and none is within _PENALTY_HEAD +
      CLOSE_MARGIN (its lead must not rest on the head penalty alone).
    - A head the text does not name, when the text does not name the words qualifying it either
      (or it has none: "Fish, sunfish, pumpkin seed, raw" for "raw pumpkin seeds", "Iced Tea /
      Lemonade juice drink, diet" for "diet lemonade"), is a food the text does not name at all: never
      matched. "grilled cheese" names the kind of "Grilled cheese sandwich", "worcestershire" that of
      "worcestershire sauce". Measured on the fuzzy
      matches this rule met (session 16): tune half 1 wrong, none right (2 wrong, none right without
      its own aliases); held out 19 wrong, 10 right (Mg within 10%); ASA24-style none.
    - An entry saying a preparation that makes another dish of the food (_DISH_MAKING: "Zucchini,
      pickled" for "courgette", "Pizza with pepperoni, stuffed crust" for "pepperoni pizza") which the
      text does not say is another dish: never matched (session 16: tune half none; without its own
      aliases 4 wrong, none right; held out 1 wrong; ASA24-style none).
    Together the first two turned 6 right and 2 wrong tune matches, 10 right and 33 wrong held-out ones
    and 4 right and 3 wrong ASA24-style ones into unmatched items with suggestions: a wrong
    confident figure costs more than an unmatched item, which the report lists with suggestions.
    """
    if signals.prepared:
        return "the best candidate is a dish its preparation makes of the food, which the text does not say"
    if not signals.qualified and signals.margin < _PENALTY_HEAD:
        return f"the best candidate is one kind of the food named; another of different Mg is within {_PENALTY_HEAD:g} points"
    if signals.headed:
        return None
    if not signals.kind_named:
        return "the text names neither the best candidate's food nor its kind"
    if signals.headed_rival:
        return "the text names the food of another candidate; the best one is a food made with it"
    if signals.margin < _PENALTY_HEAD + CLOSE_MARGIN:
        gap = _PENALTY_HEAD + CLOSE_MARGIN
        return f"the best candidate is a food made with the one named; another of different Mg is within {gap:g} points"
    return None


def _negated(words: list[str]) -> frozenset[str]:
    """The words a text denies: the word after "no", "not", "non", "without", and the word before "free"."""
    if _NEGATORS.isdisjoint(words) and "free" not in words:
        return frozenset()  # most texts: no scan
    after = {words[i + 1] for i, word in enumerate(words[:-1]) if word in _NEGATORS and words[i + 1] not in _NEGATORS}
    return frozenset(after | {words[i - 1] for i, word in enumerate(words) if i and word == "free"})


def _same_mg(first: float, second: float, share: float = MG_EQUIVALENT) -> bool:
    return abs(first - second) <= share * max(first, second)


def word_equivalents() -> dict[str, str]:
    """Regional or colloquial word or phrase -> the words the food tables use for it: the curated
    word_equivalents.csv, then the abbreviations USDA itself writes (usda_abbreviations.csv, built by
    scripts/build_abbreviations.py from SR28: "ckd" -> "cooked"); a curated row wins."""
    from mgcheck.resources import read_data_csv

    found: dict[str, str] = {}
    for name in ("usda_abbreviations.csv", "word_equivalents.csv"):
        table = read_data_csv(name, dtype=str)
        found |= {normalise(word): normalise(means) for word, means in zip(table["word"], table["means"], strict=True)}
    return found


def _brand_words(names: list[str], manufacturers: list[str], branded: list[bool]) -> list[frozenset[str] | None]:
    """Per food: None when it is not branded, else the words of its name that name the brand.

    A food is branded when the table names a manufacturer or its name has a word in capitals
    (SR28 writes brands as KELLOGG'S, CAMPBELL'S). Brand words are those capitalised words
    that no unbranded food uses, so "PIZZA" in "PIZZA HUT" does not make "pizza" a brand.
    """
    capitals = [[normalise(word) for word in _CAPITAL_WORD.findall(name) if word not in _NOT_BRANDS] for name in names]
    is_branded = [flag or bool(words) for flag, words in zip(branded, capitals, strict=True)]
    # FNDDS writes brands in parentheses in lower case ("Cereal (General Mills Cheerios)"), or as a
    # name in title case ("Reese's Pieces", "Kit Kat"): those words do not make a brand generic.
    generic = {word for name, flag in zip(names, is_branded, strict=True) if not flag for word in _common_words(name)}
    result: list[frozenset[str] | None] = []
    for flag, words, maker in zip(is_branded, capitals, manufacturers, strict=True):
        if not flag:
            result.append(None)
            continue
        named = {w for phrase in words for w in phrase.split()} | set(normalise(maker).split())
        brand = frozenset(w for w in named if w not in generic and len(w) > 2 and w not in _COMPANY_WORDS)
        # A brand written in initials ("M&M's", "A&W") is named by them, however short.
        brand |= {w for phrase in words if all(len(x) <= 2 for x in phrase.split()) for w in phrase.split()}
        # A brand whose every word is also a common word is still named by those words.
        result.append(brand or frozenset(w for w in named if len(w) > 2 and w not in _COMPANY_WORDS))
    return result


def _common_words(name: str) -> list[str]:
    """The normalised words an unbranded food's name uses as common words: outside parentheses, and
    in lower case when every word of the name is capitalised ("Reese's Pieces" is a product's name)."""
    words = _NAME_WORD.findall(_PARENTHESES.sub(" ", name))
    if all(word[0].isupper() for word in words if len(word) > 2):
        words = [word for word in words if word[0].islower()]
    return normalise(" ".join(words)).split()


def _add_unordered(
    table: dict[str, str | None], key: str, food_id: str, rank: int = 0, ranks: dict[str, int] | None = None
) -> None:
    unordered = sorted_key(key)
    if ranks is not None and ranks.setdefault(unordered, rank) < rank:
        return  # a higher-ranked table already has these words
    if unordered in table and table[unordered] != food_id:
        table[unordered] = None  # ambiguous: leave it to the ranking, which sees word order
    else:
        table[unordered] = food_id


def _postings(flat: np.ndarray, offsets: np.ndarray, n_words: int) -> tuple[np.ndarray, np.ndarray]:
    """For every word, the choices holding it: (choices sorted by word, start of each word's run)."""
    import numpy as np

    lengths = np.diff(np.append(offsets, len(flat)))
    owner = np.repeat(np.arange(len(offsets), dtype=np.int64), lengths)
    order = np.argsort(flat, kind="stable")
    starts = np.searchsorted(flat[order], np.arange(n_words + 1))
    return owner[order], starts


def _top(scores: np.ndarray, count: int) -> np.ndarray:
    """Positions of the `count` highest scores, highest first, ties in position order.

    The same as `np.argsort(-scores, kind="stable")[:count]`, without sorting every score:
    a partition finds the count-th score, and only the scores at or above it are sorted.
    Positions stay in order through each cut, so ties keep position order.
    """
    import numpy as np

    if len(scores) <= count:
        return np.argsort(-scores, kind="stable")
    # When `count` scores are above a cut, the highest `count` are among them: only those are
    # partitioned. A query shares a word with a few thousand choices of some 28,000, and most
    # queries' 60th score is above _TOP_CUT; the others take the positive scores, then all.
    for cut in (_TOP_CUT, 0.0):
        pool = (scores > cut).nonzero()[0]
        if len(pool) >= count:
            break
    else:
        pool = np.arange(len(scores))
    return _top_of(pool, scores[pool], count)


def _top_of(positions: np.ndarray, scores: np.ndarray, count: int) -> np.ndarray:
    """The `count` entries of `positions` (ascending) with the highest `scores`, highest first, ties in position order."""
    import numpy as np

    negated = -scores
    parted = negated.copy()
    parted.partition(count - 1)  # `np.partition` without its dispatch wrapper (a few hundred scores)
    threshold = parted[count - 1]
    candidates = (negated <= threshold).nonzero()[0]
    chosen: np.ndarray = positions[candidates[np.argsort(negated[candidates], kind="stable")][:count]]
    return chosen


def _gather(choice_of: np.ndarray, starts: np.ndarray, words: np.ndarray) -> np.ndarray:
    """The choices holding each of `words`, word after word (a word's choices in ascending order)."""
    import numpy as np

    if not len(words):
        return choice_of[:0]
    return np.concatenate([choice_of[starts[word] : starts[word + 1]] for word in words.tolist()])


def bundled_index() -> FoodIndex:
    """The index over every registered table that takes part in matching (mgcheck.tables)."""
    from mgcheck.tables import generation

    return _index_for(generation())


@lru_cache(maxsize=1)
def _index_for(_generation: int) -> FoodIndex:
    from mgcheck.tables import combined_foods

    if _generation == 0:  # the tables as shipped: the index kept by an earlier run, unless its inputs changed
        from mgcheck.prebuilt import index_path, load, remember

        kept = load(combined_foods()) if index_path().is_file() else None
        if kept is not None:
            return kept
        index = build_bundled_index()
        remember(index)
        return index
    return build_bundled_index()


def build_bundled_index() -> FoodIndex:
    """Build the index over the registered tables from their data (what scripts/build_index.py pickles)."""
    from mgcheck.tables import combined_aliases, combined_foods, id_only_tables

    index = FoodIndex.build(combined_foods(), combined_aliases(matching_only=True), id_only_tables())
    assert index.scorer is not None
    index.scorer.keep_vocabulary_rows()
    return index


def search_index() -> FoodIndex:
    """The index `foods search` uses: every registered table, matching switch or not."""
    from mgcheck.tables import all_tables, generation

    if all(table.in_matching_index for table in all_tables()):
        return bundled_index()
    return _search_index_for(generation())


@lru_cache(maxsize=1)
def _search_index_for(_generation: int) -> FoodIndex:
    from mgcheck.tables import combined_aliases, combined_foods

    return FoodIndex.build(combined_foods(), combined_aliases())
