"""Issue 8 words as people write them: "-ies" plurals of "-ie" words, a brand product named with a form word
("Reese's Pieces"), a kielbasa's range, a candy or snack cracker written with a blank unit, "100 calorie"."""

from __future__ import annotations

import pytest
from conftest import report_figures_of_rows
from test_blank_unit_portions import SAUSAGE_BASIS, _is_estimate
from test_portions_people_write import _items

from mgcheck.matching import bundled_index
from mgcheck.resources import records
from mgcheck.text import normalise, singular
from mgcheck.units import leading_count

M_AND_M_BASIS = "estimate: 1 package (1.69 oz) = 48 g (a candy of pieces is eaten by the bag: its single-serving bag, not one piece)"
CRACKER_BASIS = (
    "estimate: 1 bag, single serving = 28 g (a snack of bite-size crackers is eaten by the bag, not one 1 g cracker)"
)
PIECES_BASIS = "estimate: 1 package (1.95 oz) = 55 g (a candy of pieces is eaten by the bag: its single-serving bag, not one piece)"


def test_an_ies_plural_of_an_ie_word_is_that_word() -> None:
    """'cookies' was 'cooky', so 'cookies' and 'cookie' were two words; '-ies' stays '-y' for the rest."""
    ie = ["cookies", "brownies", "smoothies", "calories", "movies", "veggies", "hoagies", "pies"]
    assert [singular(word) for word in ie] == [
        "cookie",
        "brownie",
        "smoothie",
        "calorie",
        "movie",
        "veggie",
        "hoagie",
        "pie",
    ]
    assert singular("chilies") == "chili"
    y = ["berries", "cherries", "patties", "candies", "pastries", "anchovies", "fries", "jellies", "gravies"]
    assert [singular(word) for word in y] == [
        "berry",
        "cherry",
        "patty",
        "candy",
        "pastry",
        "anchovy",
        "fry",
        "jelly",
        "gravy",
    ]
    assert normalise("Cookies, chocolate chip") == normalise("cookie, chocolate chip") == "cookie chocolate chip"


def test_every_ies_plural_row_is_one_the_rule_gets_wrong_and_has_a_source() -> None:
    """data/ies_plurals.csv lists only '-ies' plurals whose singular is not '-y', each with its source."""
    for row in records("ies_plurals.csv"):
        plural, one = str(row["plural"]), str(row["singular"])
        assert plural.endswith("ies") and one != plural[:-3] + "y" and singular(plural) == one
        assert str(row["source"]).strip()


def test_plural_cookies_and_brownies_are_matched_and_counted() -> None:
    """'cookies,2,' was unmatched (a tie between two SR28 kinds) and is FNDDS 'Cookie, NFS', 2 x 30 g;
    'brownies,2,' was unmatched (best 74.5) and a brownie's blank unit refused: now 2 squares of 56 g."""
    items = _items([("cookies", 2, ""), ("brownies", 2, ""), ("brownie", 1, "")])
    assert (items["cookies"].food_id, items["cookies"].grams) == ("fndds:53201000", 60.0)
    assert items["cookies"].mg == pytest.approx(60 * 41 / 100, abs=0.051)  # FNDDS 53201000: 41 mg per 100 g
    brownie_basis = 'estimate: 1 square, large (2-3/4" sq x 7/8") = 56 g (one brownie)'
    _is_estimate(items["brownie"], "18151", 56.0, brownie_basis, 31)  # SR28 18151: 31 mg per 100 g
    assert (items["brownies"].food_id, items["brownies"].grams) == ("18151", 112.0)


def test_reeses_pieces_is_the_candy_not_a_peanut_butter_cup() -> None:
    """'reeses pieces,1,' was SR28 19150 REESE'S Peanut Butter Cups (17 g, 10.5 mg) at score 100: 'pieces' was
    dropped as a form word and 'reeses' is an alias of the cups. A form word in a table's name ('Reese's
    Pieces') now stays: FNDDS Reese's Pieces, its 1.95 oz bag; a written piece stays a piece."""
    index = bundled_index()
    assert index.query_key("reeses pieces") == "reese piece"
    assert index.query_key("a piece of cheese") == "cheese"  # a form word elsewhere still goes
    items = _items([("reeses pieces", 1, ""), ("reese's pieces", 10, "piece"), ("reeses", 1, "")])
    _is_estimate(items["reeses pieces"], "fndds:91734200", 55.0, PIECES_BASIS, 88)  # FNDDS: 88 mg per 100 g
    assert (items["reese's pieces"].food_id, items["reese's pieces"].grams) == ("fndds:91734200", 8.0)
    assert items["reeses"].food_id == "19150"  # the alias, unchanged


def test_kielbasa_is_a_link_with_the_range_up_to_its_long_sausage() -> None:
    """'kielbasa,1,' was SR28 07968's '1 link' = 367 g (a whole ring), 58.7 mg. It is now FNDDS Polish sausage
    (Kielbasa; the same values per 100 g) as 'polish sausage' is: the 75 g link, range to the 227 g sausage.
    A written link is that link, not the first one FNDDS lists (a 10 g cocktail link)."""
    items = _items([("kielbasa", 1, ""), ("Kielbasa", 2, "link"), ("KIELBASA", 3, "oz")])
    item = items["kielbasa"]
    _is_estimate(item, "fndds:25221310", 75.0, SAUSAGE_BASIS, 16)
    assert item.mg_low == item.mg and item.mg_high == pytest.approx(227 * 16 / 100, abs=0.051)
    assert item.alternatives == ()
    assert (items["Kielbasa"].grams, items["Kielbasa"].mg) == (150.0, pytest.approx(24.0, abs=0.051))
    assert items["KIELBASA"].grams == pytest.approx(85.05)


def test_a_candy_of_pieces_with_a_blank_unit_is_its_bag() -> None:
    """'m&ms,1,' was one 0.7 g candy (0.3 mg) and 'cheese crackers,1,' one 1 g cracker (0.2 mg): a blank unit
    now takes data/natural_units.csv's single-serving bag; a written piece or cracker keeps its meaning."""
    items = _items(
        [
            ("m&ms", 1, ""),
            ("M&Ms", 10, "piece"),
            ("cheese crackers", 1, ""),
            ("Cheese crackers", 10, "cracker"),
            ("reeses peanut butter cups", 2, ""),
        ]
    )
    _is_estimate(items["m&ms"], "19141", 48.0, M_AND_M_BASIS, 44)  # SR28 19141: 44 mg per 100 g
    assert (items["M&Ms"].grams, items["M&Ms"].basis) == (7.0, "10 pieces = 7 g")
    _is_estimate(items["cheese crackers"], "18214", 28.0, CRACKER_BASIS, 25)  # SR28 18214: 25 mg per 100 g
    assert items["Cheese crackers"].grams == 10.0
    cups = items["reeses peanut butter cups"]
    # Two 17 g cups, not 2 x 2.4 g. SR28's REESE'S cups (62 mg per 100 g, as the FNDDS entry), which ranks
    # first and is defensible now that "reeses" names the brand REESE'S.
    assert (cups.food_id, cups.grams) == ("19150", 34.0)


def test_a_number_of_calories_is_no_count() -> None:
    """'100 calorie chips deluxe cookies,1,' was 100 cookies (3,000 g, 960 mg): '100 calorie' says the pack's
    energy. A number before the food still counts it."""
    assert leading_count("100 calorie chips deluxe cookies") is None
    assert leading_count("2 chocolate chip cookies") == (2.0, "chocolate chip cookies")
    item = _items([("100 calorie chips deluxe cookies", 1, "")])["100 calorie chips deluxe cookies"]
    assert (item.food_id, item.grams) == ("fndds:53206030", 30.0)
    assert item.mg == pytest.approx(30 * 32 / 100, abs=0.051)  # FNDDS 53206030: 32 mg per 100 g


def test_the_rows_through_the_cli(write_log, invoke) -> None:
    """The rows through `mgcheck report --format csv`: food id, grams, mg and range."""
    rows = [("reeses pieces", "1", ""), ("kielbasa", "1", ""), ("m&ms", "1", ""), ("cheese crackers", "1", "")]
    got = report_figures_of_rows(write_log, invoke, [*rows, ("cookies", "2", "")])
    assert got == {
        "reeses pieces": ("fndds:91734200", "55.0", "48.4", "48.4", "48.4"),
        "kielbasa": ("fndds:25221310", "75.0", "12.0", "12.0", "36.32"),
        "m&ms": ("19141", "48.0", "21.12", "21.12", "21.12"),
        "cheese crackers": ("18214", "28.0", "7.0", "7.0", "7.0"),
        "cookies": ("fndds:53201000", "60.0", "24.6", "24.6", "24.6"),
    }
