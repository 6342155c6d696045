"""Brand and product names as people write them (issue 8): named brands match, ties show what they are."""

from __future__ import annotations

import re

import pytest

from mgcheck.matching import FoodIndex, Match, _brand_words, bundled_index


def _match(text: str, index: FoodIndex | None = None) -> Match:
    index = index or bundled_index()
    return index.match_many([text])[text]


def _id_of(suggestion: str) -> str:
    return suggestion.rsplit("(", 1)[1].rstrip(")")


def test_a_title_case_product_name_does_not_make_its_brand_a_common_word() -> None:
    """FNDDS writes 'Reese's Pieces' as an unbranded name: 'reese' stayed out of the brand words of
    SR28's "Candies, REESE'S PIECES Candy", which the text 'reeses pieces' then never named."""
    names = ["Candies, REESE'S PIECES Candy", "Reese's Pieces", "Candies, hard, pieces", "Candy, NFS"]
    brands = _brand_words(names, ["Hershey Food Corp.", "", "", ""], [True, False, False, False])
    assert brands[0] == frozenset({"reese", "hershey"})
    assert brands[1:] == [None, None, None]
    # A word an unbranded name writes in lower case stays common: "PIECES" names no brand.
    assert "piece" not in (brands[0] or frozenset())


@pytest.mark.parametrize(
    ("text", "right"),
    [
        ("reeses pieces candy", {"19151", "fndds:91734200"}),
        ("kit kat bar", {"19109", "fndds:91705030"}),
        ("butterfinger bar", {"19069", "fndds:91718100"}),
        ("baby ruth bar", {"19111", "fndds:91715200"}),
    ],
)
def test_a_candy_named_by_its_brand_is_matched(text: str, right: set[str]) -> None:
    """Each was 'no defensible match: ... is a branded product and the text names no brand'."""
    index = bundled_index()
    match = _match(text, index)
    assert match.food_id in right, (match.food_id, match.reason)
    assert match.method == "fuzzy" and match.reason is None


@pytest.mark.parametrize(
    ("possessive", "plain"),
    [
        ("reese's pieces candy", "reeses pieces candy"),
        ("campbell's chicken noodle soup", "campbells chicken noodle soup"),
        ("kellogg's rice krispies", "kelloggs rice krispies"),
        ("mcdonald's big mac", "mcdonalds big mac"),
        ("REESE'S PIECES", "reeses pieces"),
    ],
)
def test_a_brand_without_its_apostrophe_is_the_same_brand(possessive: str, plain: str) -> None:
    index = bundled_index()
    with_apostrophe, without = _match(possessive, index), _match(plain, index)
    assert without.food_id is not None, without.reason
    assert (without.food_id, without.alternatives) == (with_apostrophe.food_id, with_apostrophe.alternatives)


@pytest.mark.parametrize(
    ("description", "food_id"),
    [
        ("3 MUSKETEERS Bar", "fndds:91726420"),
        ("Reese's Fast Break", "fndds:91734400"),
        ("M&M's Milk Chocolate Candies", "fndds:91746100"),
    ],
)
def test_an_fndds_branded_product_is_not_promoted_to_an_sr28_branded_one(description: str, food_id: str) -> None:
    """A single food named in both tables goes to SR28's generic form; SR28's branded twin ('Candies,
    MARS SNACKFOOD US, 3 MUSKETEERS Bar') is no generic form, so an ASA24 description stays its own food."""
    match = _match(description)
    assert (match.food_id, match.reason) == (food_id, None)


def test_a_brand_line_of_several_cookies_is_unmatched_with_the_products_it_may_be() -> None:
    """'keebler 100 calorie cookies' names a product line of cookies of 14 to 32 mg per 100 g: it stays
    unmatched, the reason gives that spread, and each suggestion names the Keebler product FNDDS lists under it
    (the FNDDS names alone, 'Cookie, chocolate, with icing or coating', did not)."""
    index = bundled_index()
    match = _match("keebler 100 calorie cookies", index)
    assert match.food_id is None
    assert len(match.suggestions) == 3
    assert all(", also called Keebler 100 Calorie Right Bites " in s for s in match.suggestions), match.suggestions
    mg = [index.mg_per_100g[_id_of(s)] for s in match.suggestions]
    assert match.reason is not None and match.reason.startswith("too close to call")
    assert f"; {min(mg):g} to {max(mg):g} mg magnesium per 100 g among the closest)" in match.reason
    assert min(mg) < max(mg)


@pytest.mark.parametrize("text", ["subway sandwich", "subway sub"])
def test_a_subway_sandwich_is_a_submarine_sandwich(text: str) -> None:
    """Was too close to call with 'Tuna salad sandwich, on bun' (its FNDDS other names 'submarine' and
    'Subway Tuna Sub') second among the suggestions: every suggestion is now a submarine sandwich."""
    index = bundled_index()
    match = _match(text, index)
    assert match.food_id is None and (match.reason or "").startswith("too close to call")
    assert len(match.suggestions) == 3
    for suggestion in match.suggestions:
        assert re.search(r"\bsubmarine sandwich\b", index.names[_id_of(suggestion)]), suggestion
    assert index.query_key(text) == "submarine sandwich"
