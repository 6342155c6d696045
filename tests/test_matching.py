"""Food matching: the labelled clinician set, the exact steps, and honest refusals."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from mgcheck.match_eval import Case, evaluate, is_range, read_cases
from mgcheck.matching import MATCH_THRESHOLD, bundled_index

CASES = Path(__file__).parent / "data" / "matching_cases.csv"
# Floors measured with `python scripts/evaluate_matching.py` (see README); the test half is never tuned on.
TOP1_MIN = {"tune": 0.96, "test": 0.885}
CONFIDENT_RIGHT_MIN = {"tune": 0.99, "test": 0.94}


def _cases() -> list[Case]:
    return read_cases(CASES)


def test_labelled_set_is_large_varied_and_split_once():
    """The split is sha256(query) mod 2, fixed in the file: parameters are chosen on 'tune' only."""
    cases = _cases()
    assert len(cases) >= 1000
    assert len({food for case in cases for food in case.expected}) >= 300
    categories = {case.category for case in cases}
    assert {"typo", "british", "australian", "mixed_dish", "sandwich", "drink", "abbreviation"} <= categories
    for case in cases:
        digest = int(hashlib.sha256(case.query.strip().lower().encode()).hexdigest(), 16)
        assert case.split == ("test" if digest % 2 else "tune"), case.query
    halves = Counter(case.split for case in cases)
    assert min(halves.values()) >= 450


@pytest.mark.slow
@pytest.mark.parametrize("half", ["tune", "test"])
def test_labelled_set_accuracy(half):
    scores = evaluate(bundled_index(), [case for case in _cases() if case.split == half])
    assert scores.top1 >= TOP1_MIN[half], scores.summary()
    assert scores.confident_right >= CONFIDENT_RIGHT_MIN[half], scores.summary()


@pytest.mark.parametrize(
    ("text", "food_id", "method"),
    [
        ("09040", "09040", "id"),
        ("9040", "09040", "id"),
        ("Bananas, raw", "09040", "name"),
        ("raw bananas", "09040", "name"),
        ("banana", "09040", "alias"),
        ("BANANAS", "09040", "alias"),
        ("milk", "01077", "alias"),
        ("brown rice, cooked", "20037", "alias"),
        ("olives", "09193", "alias"),
    ],
)
def test_exact_steps(text, food_id, method):
    match = bundled_index().match_many([text])[text]
    assert (match.food_id, match.method, match.score) == (food_id, method, 100.0)


def test_typo_is_found_with_a_score_below_100():
    match = bundled_index().match_many(["brocoli"])["brocoli"]
    assert match.food_id == "11090" and match.method == "fuzzy"
    assert MATCH_THRESHOLD <= match.score < 100


@pytest.mark.parametrize("text", ["grandma's lentil soup", "homemade stew", "xyzzy", "the", "mums special curry"])
def test_unknown_food_is_unmatched_with_reason(text):
    match = bundled_index().match_many([text])[text]
    assert match.food_id is None and match.method == "none"
    assert match.reason


def test_unmatched_gives_three_suggestions():
    match = bundled_index().match_many(["grandma's lentil soup"])["grandma's lentil soup"]
    assert len(match.suggestions) == 3
    assert all(s.endswith(")") for s in match.suggestions)


def test_too_close_to_call_is_unmatched():
    text = "shepherd's pie"  # FNDDS: with beef (18) or with lamb (21 mg per 100 g)
    match = bundled_index().match_many([text])[text]
    assert match.food_id is None and "too close" in match.reason
    assert {"fndds:27311510", "fndds:27330010"} <= {s.rsplit("(", 1)[1].rstrip(")") for s in match.suggestions}


def test_chips_is_ambiguous_between_fries_and_potato_chips():
    index = bundled_index()
    match = index.match_many(["chips"])["chips"]
    assert (match.food_id, match.alternatives) == ("21138", ("19411",))
    assert is_range(index, match)


@pytest.mark.parametrize(
    ("text", "alternatives"),
    [
        ("sunflower seeds", {"12037", "12036"}),  # dry roasted 129, dried 325 mg per 100 g
        ("firm tofu", {"16426", "16126"}),  # calcium sulfate 58; with nigari 37
        ("tofu, firm", {"16426", "16126"}),
        ("soy milk", {"16139", "16120"}),  # fortified 15; unfortified 25
    ],
)
def test_curated_ambiguities_carry_their_alternatives(text, alternatives):
    index = bundled_index()
    match = index.match_many([text])[text]
    assert {match.food_id, *match.alternatives} == alternatives
    assert is_range(index, match)


def test_near_tie_with_the_same_magnesium_is_matched():
    """Spanish (168) and all-types (176 mg/100 g) oil-roasted peanuts give the same answer: no refusal."""
    match = bundled_index().match_many(["peanuts, oil roasted"])["peanuts, oil roasted"]
    assert match.food_id == "16389"


# The "Why": each gives the right food or an honest unmatched / ambiguous result.
# (text, the right food ids; an empty set means only an honest refusal is right until a table has it)
WHY = [
    ("PB&J sandwich", {"fndds:42302010"}),
    ("beans on toast", set()),
    ("porridge made with semi-skimmed milk", {"fndds:56203065"}),
    ("oat milk", set()),
    ("latte", {"fndds:92101900"}),
    ("chicken burrito", {"fndds:58100200"}),
    ("chicken curry", {"fndds:27146150"}),
    ("Ovaltine", {"fndds:11526000"}),
    ("garden peas", {"11313"}),
    ("wholemeal toast", {"18076"}),
    ("marmite", {"43406", "fndds:75236500"}),
    ("sweetcorn", {"11168"}),
    ("digestives", {"18173"}),
    ("toaster waffles", {"18403"}),
    ("apple slices", {"09003"}),
    ("avocado, cubed", {"09037"}),
    ("edamame, shelled, cooked", {"11212"}),
    ("peanuts, oil roasted", {"16389"}),
    ("Campbell's chicken noodle soup", {"06395", "06363", "fndds:28340510"}),  # all 7-8 mg per 100 g
]
MUST_MATCH = {"garden peas", "wholemeal toast", "marmite", "sweetcorn", "digestives", "toaster waffles",
              "apple slices", "avocado, cubed", "edamame, shelled, cooked", "peanuts, oil roasted"}  # fmt: skip


@pytest.mark.parametrize(("text", "right"), WHY)
def test_why_list_gives_the_right_food_or_an_honest_refusal(text, right):
    index = bundled_index()
    match = index.match_many([text])[text]
    if right and not right & (set(index.names) - index.id_only_ids) and match.food_id is not None:
        pytest.xfail(f"the right food for {text!r} is in FNDDS, not yet in the index")
    if text in MUST_MATCH:  # the table has these everyday foods: they must be found
        assert match.food_id in right, (match.food_id, match.reason)
    elif match.food_id is not None:
        assert match.food_id in right, f"{text!r} confidently matched {index.label(match.food_id)}"
    else:
        assert match.reason and match.suggestions


def test_each_distinct_text_is_matched_once(monkeypatch):
    index = bundled_index()
    calls = []
    original = index._fuzzy
    monkeypatch.setattr(index, "_fuzzy", lambda text: calls.append(text) or original(text))
    index.match_many(["brocoli", "brocoli", "spinnach", "brocoli"])
    assert sorted(calls) == ["brocoli", "spinnach"]


def test_aliases_point_at_generic_foods():
    from mgcheck.resources import aliases, bundled_foods

    table = aliases()
    foods = bundled_foods().set_index("food_id")
    assert len(table) >= 400
    assert set(table["food_id"]) <= set(foods.index)
    assert (table["food_name"] == table["food_id"].map(foods["name"])).all()
    assert "source" in table.columns and table["source"].notna().all()
    lookup = dict(zip(table["alias"], table["food_id"], strict=True))
    assert lookup["banana"] == "09040" and lookup["milk"] == "01077" and lookup["brown rice cooked"] == "20037"


def test_foods_search_and_show_cli(invoke):
    import json

    result = invoke("foods", "search", "pumpkin seeds", "--json")
    rows = json.loads(result.stdout)
    assert rows[0]["food_id"] == "12016" and rows[0]["mg_per_100g"] == 550.0
    # The common portion is the food's first SR28 measure: 1 cup = 118 g, 118 x 5.50 mg.
    assert rows[0]["portion"] == "1 cup = 118 g" and rows[0]["portion_mg"] == 649.0
    shown = json.loads(invoke("foods", "show", "09040", "--json").stdout)
    medium = next(m for m in shown["measures"] if m["measure"].startswith("medium"))
    assert (medium["grams"], medium["mg"]) == (118.0, 31.86)
    assert "medium" in shown["units"] and "cup" in shown["units"]
    missing = invoke("foods", "show", "99999")
    assert missing.exit_code == 1 and "no food with id '99999'" in missing.stderr


def test_unexplained_word_or_unasked_brand_is_not_confident():
    index = bundled_index()
    matches = index.match_many(["oat milk", "chicken burrito", "beans on toast", "PB&J sandwich"])
    assert "'oat' is not explained by Milk, goat" in (matches["oat milk"].reason or "")
    assert matches["chicken burrito"].food_id == "fndds:58100200"  # never the beef burrito (21064)
    assert "'bean' is not explained" in (matches["beans on toast"].reason or "")
    assert matches["PB&J sandwich"].food_id == "fndds:42302010"  # never AUSTIN PB & J crackers (18990)
    crackers = index.match_many(["pb and j crackers"])["pb and j crackers"]
    assert crackers.food_id != "18990", crackers
    # SR28's QUAKER Oatmeal Squares is a brand the text does not name (FNDDS's unbranded entry may answer).
    ranked, evidence = index._ranked("oatmeal squares")
    assert evidence is not None
    column = next(column for food_id, _, column in ranked if food_id == "08214")
    assert "branded" in (index.objection(evidence, column) or "")
    assert index.match_many(["oatmeal squares"])["oatmeal squares"].food_id != "08214"


def test_same_words_in_another_order_never_give_a_different_food():
    """Regression: '..., with salt added, without peanuts' matched '..., with peanuts, without salt added'
    at 100 by sorted words, and a salted-name penalty had also hit unsalted 'without salt added' foods.
    Since a word the candidate denies and the text says (or the reverse) is an objection, the twin
    '..., with peanuts, without salt added' is not defensible and the food written is matched."""
    text = "Nuts, mixed nuts, oil roasted, with salt added, without peanuts"
    match = bundled_index().match_many([text])[text]
    assert match.food_id == "12638"  # without peanuts, with salt added


def test_salted_name_pattern():
    from mgcheck.matching import _SALTED

    assert [
        bool(_SALTED.search(t)) for t in ("with salt", "with salt added", "without salt added", "no salt added")
    ] == [
        True,
        True,
        False,
        False,
    ]


def test_ambiguous_items_carry_their_range_into_items_and_day_totals(tmp_path, invoke):
    """Issue 8: sunflower seeds are 92 mg (dried) or 37 mg (dry roasted) per oz: the report shows both."""
    import json

    log = tmp_path / "log.csv"
    log.write_text(
        "date,food,amount,unit\n"
        "2026-11-02,sunflower seeds,1,oz\n"
        "2026-11-02,banana,1,medium\n"
        "2026-11-02,firm tofu,100,g\n",
        encoding="utf-8",
    )
    result = invoke("report", str(log), "--sex", "F", "--age", "54", "--format", "json")
    subject = json.loads(result.stdout)["subjects"][0]
    seeds, banana, tofu = subject["items"]
    # 28.35 g x 1.29 mg/g (12037) = 36.6; 28.35 g x 3.25 mg/g (12036) = 92.1
    assert (seeds["mg"], seeds["mg_low"], seeds["mg_high"]) == (36.6, 36.6, 92.1)
    assert [a["food_id"] for a in seeds["alternatives"]] == ["12036"]
    assert (banana["mg"], banana["mg_low"], banana["mg_high"], banana["alternatives"]) == (31.9, 31.9, 31.9, [])
    assert (tofu["mg"], tofu["mg_low"], tofu["mg_high"]) == (58.0, 37.0, 58.0)  # with nigari 37 mg/100 g
    day = subject["days"][0]
    assert day["food_mg"] == 126.4  # 36.57 + 31.86 + 58.0
    assert (day["food_mg_low"], day["food_mg_high"]) == (105.4, 182.0)  # 36.57 + 31.86 + 37.0; 92.12 + 31.86 + 58.0
    markdown = invoke("report", str(log), "--sex", "F", "--age", "54", "--format", "markdown").stdout
    assert "36.6 (36.6-92.1)" in markdown and "126 (105-182)" in markdown


@pytest.mark.slow
def test_public_text_asa24_descriptions_without_their_code():
    """ASA24/NHANES items carry the FNDDS main description; without the code the text alone must
    still give the right magnesium (every 20th FNDDS food, deterministic)."""
    from mgcheck.match_eval import mg_equivalent_share
    from mgcheck.resources import bundled_foods

    index = bundled_index()
    fndds = bundled_foods()
    fndds = fndds[fndds["table"] == "fndds"].iloc[::20]
    cases = [
        Case(name, (food_id,), "asa24_description", "public")
        for food_id, name in zip(fndds["food_id"], fndds["name"], strict=True)
    ]
    scores = evaluate(index, cases)
    assert len(cases) >= 350
    assert mg_equivalent_share(index, scores) >= 0.90, scores.summary()


@pytest.mark.slow
def test_public_text_fndds_additional_descriptions_held_out():
    """Queries the index has never seen: FNDDS additional descriptions, the index built without them."""
    from mgcheck.match_eval import heldout_other_name_cases, mg_equivalent_share, without_other_names
    from mgcheck.matching import FoodIndex
    from mgcheck.resources import aliases, bundled_foods

    foods = bundled_foods()
    cases = heldout_other_name_cases(foods)
    assert len(cases) >= 3000
    held = FoodIndex.build(without_other_names(foods), aliases())
    assert "ovaltine" not in held.names.values() and not any(key == "ovaltine" for key in held.choices)
    scores = evaluate(held, cases[::10])
    # Measured on all of them (README): far below the labelled set; the floor catches regressions.
    assert mg_equivalent_share(held, scores) >= 0.20, scores.summary()


@pytest.mark.parametrize(
    ("name", "fndds", "head"),
    [
        ("Oil, avocado", False, ("oil",)),
        ("Nuts, almonds", False, ("almond",)),
        ("Strawberry milk, NFS", True, ("milk",)),
        ("Coffee, Latte", True, ("coffee", "latte")),
        ("Hot chocolate / cocoa", True, ("chocolate", "cocoa")),
        ("Restaurant, Chinese, orange chicken", False, ("chicken",)),
        ("Cereals ready-to-eat, GENERAL MILLS, CHEERIOS", False, ()),
        ("Chili con carne with beans, canned entree", False, ("chili",)),
    ],
)
def test_head_words_of_a_table_name(name, fndds, head):
    from mgcheck.matching import _head_words

    assert _head_words(name, inverted_pair=fndds) == head


def test_a_food_made_with_the_named_food_ranks_behind_it():
    """'avocado' is the fruit, not avocado oil: a candidate whose head the text does not name loses a tie."""
    from mgcheck.matching import FoodIndex

    foods = pd.DataFrame(
        {
            "food_id": ["1", "2"],
            "name": ["Oil, avocado", "Avocados, raw"],
            "mg_per_100g": [0.0, 29.0],
        }
    )
    index = FoodIndex.build(foods, pd.DataFrame({"alias": [], "food_id": []}))
    assert index.ranked("avocado")[0][0] == "2"
    assert index.ranked("avocado oil")[0][0] == "1"


def test_a_brand_named_in_lower_case_elsewhere_is_still_a_brand_the_text_can_name():
    # FNDDS writes "Cereal (General Mills Cheerios)": "cheerios" must still name SR28's CHEERIOS.
    from mgcheck.matching import _brand_words

    names = ["Cereal (General Mills Cheerios)", "Cereals ready-to-eat, GENERAL MILLS, CHEERIOS"]
    brands = _brand_words(names, ["", ""], [False, False])
    assert brands[0] is None and brands[1] is not None and "cheerio" in brands[1]


def test_regional_phrases_are_translated_longest_first():
    from mgcheck.matching import _translate

    equivalents = {"spring onion": "scallion", "spring": "spring", "s s": "reduced fat", "w": "with"}
    assert _translate(["spring", "onion", "soup"], equivalents, 2) == "scallion soup"
    assert _translate(["s", "s", "milk", "w", "sugar"], equivalents, 2) == "reduced fat milk with sugar"
    assert _translate(["onion"], equivalents, 2) == "onion"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("rocket leaves", "arugula leaf"),
        ("sultanas", "golden raisin"),
        ("fish fingers", "fish stick"),
        ("pork scratchings", "pork skin"),
        ("pepitas", "pumpkin seed"),
    ],
)
def test_british_and_regional_names_read_as_the_tables_words(text, key):
    """word_equivalents.csv: what the tables call a food named otherwise in Britain or North America."""
    from mgcheck.matching import _translate, word_equivalents
    from mgcheck.text import normalise

    equivalents = word_equivalents()
    assert _translate(normalise(text).split(), equivalents, 2) == key


@pytest.mark.parametrize(
    ("text", "food_id"),
    [
        ("s/s milk", "01079"),  # semi-skimmed
        ("hot chips", "21138"),  # Australian: French fries
        ("pbj on wheat", "fndds:42302020"),
        ("decaf latte", "fndds:92101910"),
        ("candyfloss", "fndds:91745020"),  # FNDDS "Hard candy" lists "Cotton candy" among its other names
        ("digestive biscuits", "18173"),  # the British biscuit is a cookie, not a US biscuit
    ],
)
def test_regional_words_and_abbreviations_reach_the_food(text, food_id):
    assert bundled_index().match_many([text])[text].food_id == food_id


def test_a_british_omelette_with_a_filling_is_offered_fndds_omelets_with_it():
    """'omelette' was not 'omelet', so 'cheese omelette' was refused against the plain omelet alone; FNDDS's
    'Egg omelet or scrambled egg, with cheese, ...' (no entry without the fat it is made with) now lead."""
    match = bundled_index().match_many(["cheese omelette"])["cheese omelette"]
    assert match.suggestions[0].startswith("Egg omelet or scrambled egg, with cheese")


@pytest.mark.parametrize("text", ["snack", "lunch", "leftovers", "the usual", "afternoon snack"])
def test_a_meal_or_an_occasion_is_not_a_food(text):
    match = bundled_index().match_many([text])[text]
    assert match.food_id is None


# Each was matched confidently before: large -> a raw egg, low -> 1% milk, fried -> fried rice, baked -> a
# baked potato, fresh -> raw tuna, diet -> a diet roll, whole -> whole milk, homemade -> homemade granola.
@pytest.mark.parametrize("text", ["large", "low", "fried", "baked", "fresh", "diet", "whole", "homemade"])
def test_a_text_that_only_describes_a_food_is_not_matched(text):
    match = bundled_index().match_many([text])[text]
    assert match.food_id is None
    assert match.reason == "the text only describes a food (how it is cooked, its size or kind); it names none"
    assert match.suggestions  # still offered as suggestions


@pytest.mark.parametrize(
    ("text", "food_id"),
    [
        ("baked apple", "fndds:63101310"),  # "baked" with the food it describes
        ("fried ham", "fndds:22300120"),
        ("latte", "fndds:92101900"),  # the second word of the FNDDS pair "Coffee, Latte" names a food
    ],
)
def test_a_food_named_with_a_qualifier_or_by_an_fndds_pair_is_still_matched(text, food_id):
    assert bundled_index().match_many([text])[text].food_id == food_id


def test_food_nouns_come_from_heads_pairs_inclusions_and_aliases_but_not_describers():
    from mgcheck.matching import _food_nouns

    sr28 = [f"Food{n}, cooked, fried" for n in range(5)]  # "fried" in 5 SR28 later segments: a describer
    names = [*sr28, "Bread, french (includes sourdough)", "Coffee, Latte", "Rice, fried", "Peanut butter, smooth"]
    foods = pd.DataFrame(
        {
            "name": names,
            "table": ["sr28"] * 6 + ["fndds"] * 3,
            "other_names": [""] * 6 + ["cafe latte", "", ""],
        }
    )
    nouns = _food_nouns(foods, [None] * len(names), ["spinach cooked", "large egg"], frozenset({"cooked", "large"}))
    assert {"sourdough", "latte", "rice", "butter", "bread", "coffee", "spinach", "egg"} <= nouns
    assert not {"fried", "cooked", "large", "smooth", "peanut"} & nouns


@pytest.mark.parametrize(
    ("text", "food_id"),
    [
        ("sage", "02038"),  # Spices, sage, ground
        ("ground mace", "02022"),
        ("dried tarragon", "02041"),
        ("worcestershire", "06971"),  # Sauce, worcestershire
        ("horchata", "14638"),  # Beverages, Horchata, as served in restaurant
        ("jellybeans", "19108"),  # Candies, jellybeans
        ("lingcod", "15045"),  # Fish, lingcod, raw
    ],
)
def test_a_food_an_sr28_name_gives_second_after_its_class_names_a_food(text, food_id):
    """Review of 43f9217: SR28 names many foods second, after a word that only classes them ("Spices,
    mace, ground", "Fish, lingcod, raw"); those words headed nothing, so 'sage', 'ground mace' and
    about 75 more such names were refused as 'the text only describes a food'. A one-word second
    segment names a food unless it describes many ("Milk, whole", "Egg, whole, raw, fresh")."""
    assert bundled_index().match_many([text])[text].food_id == food_id


@pytest.mark.parametrize(
    ("text", "food_id"),
    [
        ("turkey sandwich", "fndds:27540310"),  # "Turkey sandwich, with spread", not a turkey salad sandwich
        ("bacon sandwich", "fndds:27520110"),  # "Bacon sandwich, with spread", not bacon and egg
    ],
)
def test_a_dish_without_detail_is_fndds_entry_that_only_adds_what_it_is_served_with(text, food_id):
    assert bundled_index().match_many([text])[text].food_id == food_id


@pytest.mark.parametrize(
    ("word", "forms"),
    [("roast", ("roasted", "roastd")), ("smoked", ("smok", "smoke")), ("bread", ()), ("egg", ())],
)
def test_a_cooking_verb_names_its_participle(word, forms):
    from mgcheck.matching import _past_participles

    assert _past_participles(word) == forms


def test_roast_is_the_roasted_food():
    index = bundled_index()
    assert index.match_many(["roast potatoes"])["roast potatoes"].food_id == "fndds:71104030"  # Potato, roasted, NFS


def _toy_index(rows: list[tuple[str, str, float, str, str]], aliases: dict[str, str] | None = None):
    from mgcheck.matching import FoodIndex

    foods = pd.DataFrame(rows, columns=["food_id", "name", "mg_per_100g", "table", "food_group"])
    alias_rows = pd.DataFrame({"alias": list(aliases or {}), "food_id": list((aliases or {}).values())})
    return FoodIndex.build(foods, alias_rows)


def test_a_single_food_in_both_tables_is_sr28s_twin_even_well_behind():
    """'pecans': FNDDS 'Pecans' scores far above SR28's 'Nuts, pecans, ...'; same magnesium, so SR28's."""
    index = _toy_index(
        [
            ("12142", "Nuts, pecans, raw, all varieties", 121.0, "sr28", "Nut and Seed Products"),
            ("fndds:42112000", "Pecans", 120.0, "fndds", "Nuts and seeds"),
            ("12143", "Nuts, pecans, oil roasted", 80.0, "sr28", "Nut and Seed Products"),
        ]
    )
    assert index.ranked("pecans")[0][0] == "fndds:42112000"
    assert index.match_many(["pecans"])["pecans"].food_id == "12142"


def test_an_nfs_entry_has_no_sr28_twin_far_behind():
    """'breakfast bar' is FNDDS 'Breakfast bar, NFS', not one particular SR28 bar of similar magnesium."""
    index = _toy_index(
        [
            ("fndds:53714500", "Breakfast bar, NFS", 60.0, "fndds", "Cereal bars"),
            ("43595", "Breakfast bar, corn flake crust with fruit", 58.0, "sr28", "Baked Products"),
            ("fndds:63100100", "Fruit, NFS", 14.0, "fndds", "Other fruits and fruit salads"),
        ]
    )
    said = frozenset().union(*index.scorer.evidence("breakfast bar").explained)
    assert index._adds_defining_word(said, "43595")  # "fruit", a food the text does not say
    assert index.match_many(["breakfast bar"])["breakfast bar"].food_id == "fndds:53714500"


def test_an_nfs_entry_has_the_sr28_twin_that_adds_nothing_to_the_text():
    """'almond' is SR28's 'Nuts, almonds' (same magnesium as FNDDS 'Almonds, NFS', and its name says
    nothing the text does not), 'pecan' SR28's 'Nuts, pecans'. A twin that names more ("Breakfast bar,
    corn flake crust with fruit") leaves the NFS entry in place (the test above)."""
    index = _toy_index(
        [
            ("fndds:42100100", "Almonds, NFS", 279.0, "fndds", "Nuts and seeds"),
            ("12061", "Nuts, almonds", 270.0, "sr28", "Nut and Seed Products"),
            ("fndds:42112000", "Pecans, NFS", 121.0, "fndds", "Nuts and seeds"),
            ("12142", "Nuts, pecans", 121.0, "sr28", "Nut and Seed Products"),
        ]
    )
    assert index.ranked("almond")[0][0] == "fndds:42100100"
    assert index.match_many(["almond"])["almond"].food_id == "12061"
    assert index.match_many(["pecan"])["pecan"].food_id == "12142"


@pytest.mark.parametrize(
    ("name", "added"),
    [
        ("Vodka and lemonade", ("lemonade", "vodka")),  # not the lemonade a text "lemonade" names
        ("Beef, ground, with egg and onion", ("egg", "onion")),
        ("Chicken or turkey and rice", ()),  # either meat: no food added to the other
        ("Peaches, canned, in water", ()),
    ],
)
def test_the_foods_a_table_name_adds(name, added):
    from mgcheck.matching import _added_foods

    foods = frozenset({"vodka", "lemonade", "egg", "onion", "chicken", "turkey", "rice", "peach", "water"})
    assert _added_foods(name, foods) == added


def test_a_best_candidate_naming_neither_the_food_nor_its_kind_is_not_confident():
    """'diet lemonade' is not 'Iced Tea / Lemonade juice drink, diet' (its heads tea and drink unnamed, no
    kind of them named); 'grilled cheese' is 'Grilled cheese sandwich, NFS' (the sandwich's kind named)."""
    from mgcheck.matching import MatchSignals, doubt_about

    alone = {"score": 90.0, "margin": float("inf"), "headed_rival": False, "qualified": True}
    assert doubt_about(MatchSignals(headed=False, kind_named=False, **alone)) is not None
    assert doubt_about(MatchSignals(headed=False, kind_named=True, **alone)) is None
    assert doubt_about(MatchSignals(headed=True, kind_named=False, **alone)) is None
    index = bundled_index()
    found = index.match_many(["diet lemonade", "grilled cheese"])
    assert found["diet lemonade"].food_id is None and found["diet lemonade"].reason
    assert found["grilled cheese"].food_id == "fndds:14640100"  # Grilled cheese sandwich, NFS


def test_a_dish_its_preparation_makes_never_takes_the_place_of_the_food_named():
    """'bowl of rice': FNDDS 'Rice, fried, NFS' is a dish as eaten (preferred for dishes) close behind 'Rice,
    cooked, NFS', but frying makes fried rice, which the text does not say: it is not promoted."""
    index = _toy_index(
        [
            ("fndds:56205000", "Rice, cooked, NFS", 12.0, "fndds", "Rice"),
            ("fndds:58150310", "Rice, fried, NFS", 10.0, "fndds", "Fried rice and lo/chow mein"),
            # "cooked" is a common word of the tables (it weighs little), "fried" a rarer one
            ("11458", "Spinach, cooked, boiled, drained, without salt", 87.0, "sr28", "Vegetables"),
            ("20121", "Pasta, cooked, enriched, without added salt", 18.0, "sr28", "Cereal Grains and Pasta"),
            ("11125", "Carrots, cooked, boiled, drained, without salt", 10.0, "sr28", "Vegetables"),
        ]
    )
    assert index.ranked("bowl of rice")[0][0] == "fndds:56205000"
    match = index.match_many(["bowl of rice"])["bowl of rice"]
    assert match.food_id != "fndds:58150310"
    fried = index.choice_dish_words[index.choice_food.index("fndds:58150310")]
    assert fried == ("fried",)
    assert index.choice_dish_words[index.choice_food.index("fndds:56205000")] == ()
    assert index._prepares_unsaid(index.scorer.evidence(index.query_key("bowl of rice")), fried)
    assert not index._prepares_unsaid(index.scorer.evidence(index.query_key("fried rice")), fried)


def test_a_best_candidate_saying_a_preparation_the_text_does_not_is_not_confident():
    """'courgette' (zucchini) is not 'Zucchini, pickled': pickling makes another dish of the food."""
    from mgcheck.matching import MatchSignals, doubt_about

    index = _toy_index(
        [
            ("fndds:75535000", "Zucchini, pickled", 15.0, "fndds", "Olives, pickles, pickled vegetables"),
            ("11477", "Squash, summer, zucchini, includes skin, raw", 18.0, "sr28", "Vegetables"),
        ]
    )
    match, signals = index.decide("courgette")
    assert match.food_id is None and signals is not None and signals.prepared
    assert "preparation" in (match.reason or "")
    plain = {"score": 90.0, "margin": float("inf"), "headed": True, "headed_rival": False, "qualified": True}
    assert doubt_about(MatchSignals(**plain)) is None
    assert doubt_about(MatchSignals(prepared=True, **plain)) is not None


# The adversarial review's confident wrong matches: each now gives the right food or an honest refusal.
REVIEWED = [
    ("barm cake", {"18342", "fndds:51000200"}),  # a soft bread roll
    ("oj with pulp", {"09206", "09209"}),
    ("egg salad", {"fndds:32103000"}),
    ("snack cake", {"fndds:53108200", "fndds:53109200", "18128"}),
    ("rice krispies treats", {"19438", "fndds:53226500"}),
    ("in brine", set()),  # a packing medium, not a food
    ("breakfast bar", {"fndds:53714500"}),
]


@pytest.mark.parametrize(("text", "right"), REVIEWED)
def test_reviewed_confident_wrong_matches_are_right_or_refused(text, right):
    index = bundled_index()
    match = index.match_many([text])[text]
    if match.food_id is not None:
        assert match.food_id in right, f"{text!r} confidently matched {index.label(match.food_id)}"
    else:
        assert match.reason


@pytest.mark.parametrize("text", ["in brine", "in water", "with milk", "on toast"])
def test_a_packing_medium_or_accompaniment_alone_is_not_a_food(text):
    match = bundled_index().match_many([text])[text]
    assert match.food_id is None and "packed in or served with" in (match.reason or "")


def test_a_word_the_candidate_denies_is_an_objection():
    """'No pulp' does not explain 'with pulp'; 'with sugar' contradicts 'no sugar'; absence agrees with 'no'."""
    rows = [
        ("1", "Orange juice, no pulp", 11.0, "sr28", "Fruits"),
        ("2", "Coffee, brewed, with sugar", 3.0, "sr28", "Beverages"),
        ("3", "Coffee, brewed", 3.0, "sr28", "Beverages"),
    ]
    index = _toy_index(rows)
    assert index.match_many(["orange juice with pulp"])["orange juice with pulp"].food_id is None
    assert index.match_many(["orange juice no pulp"])["orange juice no pulp"].food_id == "1"
    evidence = index.scorer.evidence(index.query_key("coffee no sugar"))
    assert "opposite" in (index.objection(evidence, index.choice_food.index("2")) or "")
    assert index.objection(evidence, index.choice_food.index("3")) is None


@pytest.mark.parametrize(
    ("name", "head", "qualifiers"),
    [
        ("Tuna salad with egg", ("salad",), ("tuna",)),
        ("Snacks, corn cakes", ("cake",), ("corn",)),
        ("Chicken or turkey salad with egg", ("chicken", "salad"), ()),
        ("Cereal (Kellogg's Rice Krispies Treats Cereal)", ("cereal",), ()),
        ("Cereal (General Mills Cheerios)", ("cheerio",), ()),
    ],
)
def test_head_phrase_of_a_table_name(name, head, qualifiers):
    from mgcheck.matching import head_phrase

    assert head_phrase(name, inverted_pair=True) == (head, qualifiers)


def test_one_kind_of_the_food_named_is_not_confident_when_another_kind_is_close():
    """'egg salad' is not 'Tuna salad with egg' (tuna unsaid) while 'Egg salad' is a few points behind."""
    rows = [
        ("1", "Tuna salad with egg", 30.0, "sr28", "Salads"),
        ("2", "Egg salad, made with mayonnaise", 10.0, "sr28", "Salads"),
        ("3", "Fish, tuna, light, canned in water", 27.0, "sr28", "Fish"),  # "tuna" names a food
    ]
    index = _toy_index(rows)
    ranked = index.ranked("egg salad")
    assert ranked[0][0] == "1" and ranked[0][1] - ranked[1][1] < 6
    match = index.match_many(["egg salad"])["egg salad"]
    assert match.food_id is None and "one kind of the food named" in (match.reason or "")


def test_an_alias_not_written_whole_loses_its_bonus():
    """'blueberries' is not the curated alias 'frozen blueberries': the raw fruit ranks first."""
    rows = [
        ("09050", "Blueberries, raw", 6.0, "sr28", "Fruits and Fruit Juices"),
        ("09054", "Blueberries, frozen, unsweetened", 5.0, "sr28", "Fruits and Fruit Juices"),
    ]
    import numpy as np

    from mgcheck.matching import _ALIAS_BONUS, _best_similarity

    index = _toy_index(rows, {"frozen blueberries": "09054"})
    alias_column = np.array([index.choices.index("frozen blueberry")])
    for text, taken_back in (("blueberries", _ALIAS_BONUS), ("frozen blueberries", 0.0), ("blueberries frozen", 0.0)):
        named = _best_similarity(index.scorer.evidence(index.query_key(text)))
        assert index._alias_penalties(named, alias_column).tolist() == [taken_back], text


@pytest.mark.parametrize(
    ("text", "food_id"),
    [
        ("Pecans, NFS", "fndds:42112000"),
        ("Cereal (Kellogg's Corn Flakes)", "fndds:57135000"),
        ("Almonds, NFS", "fndds:42100100"),
    ],
)
def test_a_description_only_fndds_writes_is_found_exactly(text, food_id):
    """ASA24 and NHANES exports write FNDDS descriptions: one typed exactly is that FNDDS food."""
    match = bundled_index().match_many([text])[text]
    assert (match.food_id, match.method) == (food_id, "name")


def test_a_plain_name_in_both_tables_still_goes_to_sr28():
    # "Soybeans, cooked" is an FNDDS name too, but plain: SR28's generic form answers 'cooked soybeans'.
    assert bundled_index().match_many(["cooked soybeans"])["cooked soybeans"].food_id == "16109"


def test_a_processed_form_the_text_does_not_say_ranks_behind_the_plain_food():
    import numpy as np

    from mgcheck.matching import _PENALTY_PROCESSED, _best_similarity

    rows = [
        ("11457", "Spinach, cooked, boiled, drained, without salt", 87.0, "sr28", "Vegetables"),
        (
            "11464",
            "Spinach, frozen, chopped or leaf, cooked, boiled, drained, without salt",
            82.0,
            "sr28",
            "Vegetables",
        ),
    ]
    index = _toy_index(rows)
    frozen = np.array([1])
    for text, penalty in (("spinach, cooked", _PENALTY_PROCESSED), ("frozen spinach, cooked", 0.0)):
        named = _best_similarity(index.scorer.evidence(index.query_key(text)))
        assert index._processing_penalties(named, frozen).tolist() == [penalty], text
    assert index.ranked("spinach, cooked")[0][0] == "11457"


def _script(name: str):
    import importlib.util
    import sys

    path = Path(__file__).parent.parent / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_confidence_study_counts_a_match_right_by_its_label_or_its_magnesium():
    """scripts/study_confidence.py: right by id on the labelled set, by Mg within 10% on public text."""
    study = _script("study_confidence")
    index = _toy_index(
        [
            ("1", "Spinach, cooked, boiled, drained", 87.0, "sr28", "Vegetables"),
            ("2", "Spinach, canned, regular pack, drained solids", 82.0, "sr28", "Vegetables"),
        ]
    )
    case = Case("spinach boiled drained", ("2",), "", "tune")
    by_label = study.confident_matches("tune half", index, [case], by_mg=False)
    by_mg = study.confident_matches("public", index, [case], by_mg=True)
    assert [m.right for m in by_label] == [False] and [m.right for m in by_mg] == [True]
    assert by_label[0].signals.score >= MATCH_THRESHOLD


def test_evaluation_can_leave_the_test_half_unscored(monkeypatch, capsys):
    """While a rule is chosen, `--tune-only` scores the tune half alone."""
    evaluation = _script("evaluate_matching")
    rows = [Case("bananas", ("09040",), "plural", "tune"), Case("apples", ("09003",), "plural", "test")]
    monkeypatch.setattr(evaluation, "read_cases", lambda path: rows)
    monkeypatch.setattr("sys.argv", ["evaluate_matching.py", "--tune-only"])
    evaluation.main()
    printed = capsys.readouterr().out
    assert printed.startswith("tune: 1 cases") and "test:" not in printed


def test_without_own_aliases_leaves_out_the_aliases_naming_the_cases_in_any_word_order():
    """The generalisation check: aliases naming a tune query (as written or as its query key) are left out, others kept."""
    from mgcheck.match_eval import without_own_aliases

    index = _toy_index(
        [("09040", "Bananas, raw", 27.0, "sr28", "Fruits"), ("11477", "Squash, zucchini", 18.0, "sr28", "V")]
    )
    aliases = pd.DataFrame(
        {
            "alias": ["banana", "courgettes", "raw banana", "zucchini"],
            "food_id": ["09040", "11477", "09040", "11477"],
        }
    )
    cases = [Case("Banana", ("09040",)), Case("banana raw", ("09040",)), Case("diced courgettes", ("11477",))]
    kept = without_own_aliases(index, aliases, cases)
    # "diced courgettes" is read as "zucchini" (a form word dropped, the British word translated):
    # the alias "zucchini" answers it, not "courgettes", which is kept.
    assert kept["alias"].tolist() == ["courgettes"]


def test_the_second_word_of_an_fndds_pair_heads_it_only_when_it_names_no_food_of_its_own():
    """'Pie, cherry' is a pie and 'Bread, zucchini' a bread (cherries and zucchini are foods the tables
    list on their own); 'Coffee, Latte' is still a latte. So 'cherries' is the fruit, and 'zucchini'
    is never zucchini bread."""
    index = _toy_index(
        [
            ("09070", "Cherries, sweet, raw", 11.0, "sr28", "Fruits and Fruit Juices"),
            ("fndds:53104260", "Pie, cherry", 8.0, "fndds", "Cakes and pies"),
            ("fndds:52407000", "Bread, zucchini", 15.0, "fndds", "Biscuits, muffins, quick breads"),
            ("11477", "Squash, summer, zucchini, includes skin, raw", 18.0, "sr28", "Vegetables"),
            ("fndds:75535000", "Zucchini, pickled", 15.0, "fndds", "Olives, pickles, pickled vegetables"),
            ("fndds:92101900", "Coffee, Latte", 10.0, "fndds", "Coffee"),
        ]
    )
    assert index.food_heads["fndds:53104260"] == ("pie",)
    assert index.food_heads["fndds:52407000"] == ("bread",)
    assert index.food_heads["fndds:92101900"] == ("coffee", "latte")
    assert index.ranked("cherries")[0][0] == "09070"
    assert index.match_many(["zucchini"])["zucchini"].food_id != "fndds:52407000"
    assert index.match_many(["cherry pie"])["cherry pie"].food_id == "fndds:53104260"
    assert index.match_many(["latte"])["latte"].food_id == "fndds:92101900"
