"""Blank units of issue 8, round 2: a piece the text names, a single-serving container, a snack in no bag."""

from __future__ import annotations

import pytest
from conftest import report_figures_of_rows
from test_blank_unit_portions import _convert_blank, _is_estimate, _mg_per_100g
from test_portions_people_write import _assess, _food, _items

from mgcheck.resources import bundled_foods
from mgcheck.units import UnitError, convert_unit

DRUMSTICK_BASIS = (
    "estimate: 1 drumstick without skin = 96 g (the food's name says without skin; also 1 drumstick with skin = 105 g)"
)
THIGH_BASIS = (
    "estimate: 1 thigh without skin = 116 g (the food's name says without skin; also 1 thigh with skin = 137 g)"
)
YOGURT_BASIS = (
    "estimate: 1 container (6 oz) = 170 g (a single-serving package: under twice FDA's reference amount of 170 g "
    "for 'Yogurt', 21 CFR 101.9(b)(6); single-serving packages of it are 170-227 g, also 1 container (8 oz) = 227 g)"
)
PUDDING_BASIS = (
    "estimate: 1 container refrigerated, 4 oz = 108 g (a single-serving package: under twice FDA's reference amount "
    "of 0.5 cup, at least 59 g at 0.5 g/ml (no measure of the food weighs it) for 'Custards, gelatin or pudding', "
    "21 CFR 101.9(b)(6))"
)
SNACK_BAG_BASIS = (
    "estimate: a single-serving bag = 30 g (FDA's reference amount of 30 g for 'All varieties of snacks: chips, "
    "pretzels, popcorn, extruded snacks, snack mixes'; a single-serving bag holds under twice it, up to 60 g, "
    "21 CFR 101.9(b)(6))"
)


def test_a_chicken_drumstick_or_thigh_is_one_piece_the_name_agrees_with() -> None:
    """'chicken drumstick,2,' and 'chicken thigh,1,' were unresolved: SR28 05073 and 05098 (meat only) measure
    the piece without and with skin. The text names the piece, so a blank unit is one of it, the one without
    skin (the food is meat only), an estimate; 96 and 105 g, 116 and 137 g differ by under 25%: no range."""
    items = _items([("chicken drumstick", 2, ""), ("chicken thigh", 1, "")])
    _is_estimate(items["chicken drumstick"], "05073", 192.0, DRUMSTICK_BASIS, _mg_per_100g("05073"))
    _is_estimate(items["chicken thigh"], "05098", 116.0, THIGH_BASIS, _mg_per_100g("05098"))
    assert items["chicken drumstick"].mg_low == items["chicken drumstick"].mg_high == items["chicken drumstick"].mg


def test_a_chicken_leg_is_its_one_leg_measure_labelled_an_estimate() -> None:
    """'chicken leg,1,' was unresolved: SR28 05082 (leg, meat only) measures '1 leg' = 199 g, a word its own
    name says, so it was never taken. The text names the piece: one leg, an estimate."""
    item = _items([("chicken leg", 1, "")])["chicken leg"]
    basis = "estimate: 1 leg (Sum of drumstick+thigh+back meat only) = 199 g"
    _is_estimate(item, "05082", 199.0, basis, _mg_per_100g("05082"))


def test_a_piece_with_skin_is_the_one_with_skin_and_a_wide_pair_is_a_range() -> None:
    """SR28 05689 (drumstick, meat and skin, with added solution) measures one drumstick with skin, 129 g, and
    without, 91 g: its drumstick is the one with skin, with the range of both (over 25% apart)."""
    measures, name = _food("05689")
    conversion = convert_unit("drumstick", measures, name)
    assert (conversion.grams_per_unit, conversion.grams_range, conversion.estimate) == (129.0, (91.0, 129.0), True)


def test_a_blank_unit_takes_no_piece_the_text_does_not_name() -> None:
    """'butter,1,' stays unresolved (its 113 g stick is named by no word written), and 'chicken,1,' takes no
    whole chicken: the food's own head is no piece of it."""
    subject = _assess([("butter", 1, ""), ("chicken", 1, ""), ("banana", 1, "")])
    assert {item.food for item in subject.unmatched} == {"butter", "chicken"}
    assert [item.food for item in subject.items] == ["banana"]


def test_one_yogurt_or_pudding_is_its_single_serving_container() -> None:
    """'yogurt,1,' was unresolved though SR28 01116 lists a 6 oz container (170 g): under twice FDA's 170 g
    reference amount, one serving, with the range to its 8 oz container (227 g). 'pudding cup,1,' is SR28
    19183's refrigerated 4 oz container: no measure weighs pudding's 1/2 cup, but even at 0.5 g/ml (the lightest
    food measured by volume) twice it is 118 g. A mix's package is no container of the prepared food."""
    items = _items([("yogurt", 1, ""), ("pudding cup", 1, "")])
    _is_estimate(items["yogurt"], "01116", 170.0, YOGURT_BASIS, _mg_per_100g("01116"))
    assert items["yogurt"].mg_high == pytest.approx(227 * _mg_per_100g("01116") / 100, abs=0.051)
    _is_estimate(items["pudding cup"], "19183", 108.0, PUDDING_BASIS, _mg_per_100g("19183"))
    with pytest.raises(UnitError):  # lemon pudding 'prepared with 2% milk': its '1 package' is 32 g of dry mix
        _convert_blank("19204")


def test_a_snack_in_no_bag_is_a_single_serving_bag_but_microwave_popcorn_is_refused() -> None:
    """'doritos,1,' and 'pretzels,1,' were unresolved: SR28 lists them by the ounce only. Snacks are sold in
    single-serving bags (FNDDS measures Doritos by 28, 57 and 85 g bags): 30 g, up to twice it. A microwave
    bag is no single-serving bag (FNDDS: regular 85 g, mini 43 g, popped): 'microwave popcorn,1,' is refused."""
    subject = _assess([("doritos", 1, ""), ("pretzels", 1, ""), ("microwave popcorn", 1, "")])
    items = {item.food: item for item in subject.items}
    _is_estimate(items["doritos"], "19057", 30.0, SNACK_BAG_BASIS, _mg_per_100g("19057"))
    assert items["doritos"].mg_high == pytest.approx(60 * _mg_per_100g("19057") / 100, abs=0.051)
    _is_estimate(items["pretzels"], "19047", 30.0, SNACK_BAG_BASIS, _mg_per_100g("19047"))
    assert [item.food for item in subject.unmatched] == ["microwave popcorn"]
    with pytest.raises(UnitError):  # SR28 25014 lists its microwave '1 bag' = 87 g: no 30 g bag either
        _convert_blank("25014")
    with pytest.raises(UnitError):  # SR28 rice cakes are counted by the '1 cake' (9 g): one is no 30 g bag
        _convert_blank("19052")


def test_the_round_two_rows_through_the_cli(write_log, invoke) -> None:
    """The task's rows through `mgcheck report`: grams, mg and range in CSV."""
    rows = [("chicken drumstick", "2", ""), ("chicken thigh", "1", ""), ("yogurt", "1", "")]
    figures = report_figures_of_rows(write_log, invoke, [*rows, ("doritos", "1", ""), ("butter", "1", "")])
    assert figures == {
        "chicken drumstick": ("05073", "192.0", "42.24", "42.24", "42.24"),
        "chicken thigh": ("05098", "116.0", "27.84", "27.84", "27.84"),
        "yogurt": ("01116", "170.0", "20.4", "20.4", "27.24"),
        "doritos": ("19057", "30.0", "22.5", "22.5", "45.0"),
        "butter": ("01001", "", "", "", ""),
    }


def test_a_bag_of_microwave_popcorn_is_the_regular_microwave_bag_not_a_snack_bag() -> None:
    """'microwave popcorn,1,bag' was the 30 g single-serve snack bag (23.7 mg): SR28 19035 lists no bag,
    and the portion default keyed by 'microwave popcorn' was looked for among the name's head and
    qualifiers only, where 'microwave' (a later segment) never is. FNDDS measures microwave popcorn by
    the regular microwave bag, 85 g popped. Plain popcorn's bag stays the 30 g snack bag."""
    subject = _assess([("microwave popcorn", 1, "bag"), ("popcorn", 1, "bag")])
    items = {item.food: item for item in subject.items}
    microwave, plain = items["microwave popcorn"], items["popcorn"]
    basis = (
        "estimate: default bag = 85 g (a regular microwave popcorn bag, popped; FNDDS 2017-2018, regular microwave bag)"
    )
    _is_estimate(microwave, "19035", 85.0, basis, _mg_per_100g("19035"))
    assert (plain.food_id, plain.grams) == ("19034", 30.0)


def test_rice_cakes_with_a_blank_unit_are_counted_by_the_cake_the_text_names(write_log, invoke) -> None:
    """'rice cakes,1,' was unresolved: SR28 19816 counts rice cakes by '1 cake' (9 g), but 'cake' is no part
    of its name on its own ('Snacks, rice cakes, ...') and the name's head is 'Snacks'. The noun the text is
    about, 'cake', names the measure: one cake, an estimate. 'crab cakes' likewise (SR28 15142, 60 g)."""
    figures = report_figures_of_rows(
        write_log, invoke, [("rice cakes", "2", ""), ("crab cakes", "1", ""), ("nachos with cheese", "1", "")]
    )
    assert figures == {
        "rice cakes": ("19816", "18.0", "23.58", "23.58", "23.58"),
        "crab cakes": ("15142", "60.0", "19.8", "19.8", "19.8"),
        "nachos with cheese": ("fndds:58104120", "", "", "", ""),  # one 7 g nacho is a bite, not a portion
    }
    items = _items([("rice cakes", 1, "")])
    _is_estimate(items["rice cakes"], "19816", 9.0, "estimate: 1 cake = 9 g", _mg_per_100g("19816"))


def test_the_head_noun_names_a_piece_only_of_a_portion_and_never_a_part_of_the_name() -> None:
    """The rule reads the noun the person wrote ('cake' of 'rice cakes', 'potato' of 'baked potato with skin',
    'lettuce' of 'green leaf lettuce'), never a word of the food's name ('skin', 'leaf'); and only a piece
    from a tenth of the food's own serving to twice it: not FNDDS nachos' 7 g nacho (their unstated serving
    is 198 g), nor SR28 18451's whole 340 g pound cake (FDA: 80 g of a mediumweight cake)."""
    from mgcheck.matching import text_head_noun
    from mgcheck.units import food_group_of, piece_named_by_head

    heads = [text_head_noun(text) for text in ("rice cakes", "baked potato with skin", "green leaf lettuce")]
    assert heads == ["cake", "potato", "lettuce"]
    assert text_head_noun("Potatoes, baked, flesh and skin") == "potato"

    def piece(head: str, food_id: str) -> str | None:
        measures, name = _food(food_id)
        return piece_named_by_head(head, measures, name, food_group_of(bundled_foods(), food_id))

    assert piece("cake", "19816") == "cake"
    assert piece("nacho", "fndds:58104120") is None
    assert piece("cake", "18451") is None


def test_an_applesauce_cup_is_one_snack_size_container_but_a_written_cup_is_a_cup(write_log, invoke) -> None:
    """'applesauce cup,1,' was unresolved: SR28 09019 lists only a 244 g cup. A cup written in the food text
    with a blank unit is the single-serving container the food comes in: FNDDS applesauce's '1 snack size
    container' (113 g), a close variant, as an estimate. A cup written as the unit stays the 8 fl oz cup."""
    rows = [("applesauce cup", "1", ""), ("applesauce", "1", "cup")]
    assert report_figures_of_rows(write_log, invoke, rows) == {
        "applesauce cup": ("fndds:63101110", "113.0", "3.39", "3.39", "3.39"),
        "applesauce": ("09019", "244.0", "7.32", "7.32", "7.32"),
    }
    # SR28 19168 baked egg custard and no close variant lists a container: its blank unit stays refused as such
    [custard] = _assess([("custard cup", 1, "")]).unmatched
    assert "a blank unit is not a unit this food can take" in str(custard.reason)
    item = _items([("applesauce cup", 1, "")])["applesauce cup"]
    # Session 27 (trial 2 finding 8): the basis names the food the close variant stands in for.
    basis = (
        "estimate: 1 snack size container = 113 g; a close variant of Applesauce, canned, unsweetened, without "
        "added ascorbic acid (includes USDA commodity) (09019), which has no 'container' measure"
    )
    _is_estimate(item, "fndds:63101110", 113.0, basis, _mg_per_100g("fndds:63101110"))


def test_a_container_the_text_names_is_not_said_to_be_the_text_s_cup(write_log, invoke, tmp_path) -> None:
    """A blank unit's warning named a 'cup' the text never wrote whenever the measure taken was a container:
    'yogurt container,1,' (a book alias of SR28 01116) takes its '1 container (6 oz)' because the text names
    it, and says so; only 'applesauce cup,1,' takes its cup as one single-serving container."""
    book = str(tmp_path / "book")
    assert invoke("book", "add-alias", "yogurt container", "01116", "--book", book, "--create").exit_code == 0
    log = write_log("date,food,amount,unit\n2024-01-01,yogurt container,1,\n2024-01-02,applesauce cup,1,\n")
    result = invoke("report", log, "--sex", "F", "--age", "54", "--book", book)
    assert result.exit_code == 0, result.stderr
    assert "'yogurt container': the unit cell is blank; took the food's measure 'container' that the text names" in (
        result.stderr
    )
    assert "'yogurt container': the unit cell is blank; took the text's 'cup'" not in result.stderr
    assert "'applesauce cup': the unit cell is blank; took the text's 'cup' as one single-serving container" in (
        result.stderr
    )


def test_a_fruit_cup_is_one_snack_size_container_of_packed_fruit_never_the_raw_whole_fruit(write_log, invoke) -> None:
    """'fruit cup,1,' was FNDDS "Fruit, NFS" (1 fruit, 185 g, 25.9 mg), 'peach cup,1,' one raw medium peach
    (150 g) and 'mandarin orange cup,1,' one raw tangerine (88 g). A cup of fruit is canned fruit in a snack
    size container: FNDDS canned fruit cocktail (alias; FNDDS has no food named fruit cup), canned peach and
    canned orange ('mandarin orange, NFS', an additional description, counts as a name), 113 g each. A raw
    fruit with no packed variant is refused, not taken whole; 'jello cup' is FNDDS gelatin dessert ('jello')'s
    95 g container (was refused: SR28 19173 has none)."""
    rows = [("fruit cup", "1", ""), ("peach cup", "1", ""), ("mandarin orange cup", "1", ""), ("peach", "1", "")]
    assert report_figures_of_rows(write_log, invoke, rows) == {
        "fruit cup": ("fndds:63311110", "113.0", "7.91", "7.91", "7.91"),
        "peach cup": ("fndds:63135110", "113.0", "6.78", "6.78", "6.78"),
        "mandarin orange cup": ("fndds:61122300", "113.0", "12.43", "12.43", "12.43"),
        "peach": ("09236", "150.0", "13.5", "13.5", "13.5"),
    }
    basis = "estimate: 1 snack size container = 113 g"
    items = _items([("fruit cup", 1, ""), ("jello cup", 1, "")])
    _is_estimate(items["fruit cup"], "fndds:63311110", 113.0, basis, _mg_per_100g("fndds:63311110"))
    jello = (  # the basis names the food the close variant stands in for (session 27)
        "estimate: 1 snack size container = 95 g; a close variant of Gelatin desserts, dry mix, prepared with "
        "water (19173), which has no 'container' measure"
    )
    _is_estimate(items["jello cup"], "fndds:91501010", 95.0, jello, _mg_per_100g("fndds:91501010"))
    [banana] = _assess([("banana cup", 1, "")]).unmatched  # SR28 raw bananas, no canned variant: no whole banana
    assert "'container' is not a unit this food can take" in str(banana.reason)
