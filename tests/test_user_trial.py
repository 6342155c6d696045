"""Findings from using mgcheck as its users do (a UK dietitian's log, exports, scripts): each fails before its fix."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mgcheck


def _day(foods: list[tuple[str, object, str]]) -> pd.DataFrame:
    """One day's log of (food, amount, unit) rows, all food."""
    return pd.DataFrame(
        {
            "date": ["2026-11-02"] * len(foods),
            "food": [food for food, _, _ in foods],
            "amount": [amount for _, amount, _ in foods],
            "unit": [unit for _, _, unit in foods],
            "kind": ["food"] * len(foods),
        }
    )


def _items(foods: list[tuple[str, object, str]]) -> dict[str, mgcheck.Item]:
    """Assess one day of (food, amount, unit) rows; the report's items by their food text."""
    report = mgcheck.make_report(mgcheck.assess_logs(_day(foods), sex="female", age=54))
    return {item.food: item for item in report.subjects[0].items}


def test_a_mars_bar_is_the_caramel_and_nougat_bar_not_the_us_almond_bar() -> None:
    """'mars bar' matched 'MARS Almond Bar' (72 mg per 100 g) with confidence: the bar sold as Mars outside
    the US is sold in the US as MILKY WAY (20 mg per 100 g), so one bar was counted at 36 mg instead of about 11."""
    items = _items([("mars bar", 50, "g"), ("Mars", 54, "g")])
    for text in ("mars bar", "Mars"):
        assert items[text].food_id == "fndds:91726130", items[text].food_name
    assert items["Mars"].mg == pytest.approx(54 * 20 / 100, abs=0.051)


def test_ready_salted_crisps_are_plain_salted_crisps() -> None:
    """'ready salted crisps' was left unmatched ("'ready' is not explained") though it is the plainest crisp."""
    items = _items([("ready salted crisps", 25, "g")])
    assert items["ready salted crisps"].food_id == "19411"
    assert items["ready salted crisps"].mg == pytest.approx(25 * 63 / 100, abs=0.051)


ASA24_HEADER = "UserName,RecallNo,RecallStatus,IntakeStartDateTime,FoodCode,FoodAmt,MAGN,Food_Description\n"


def test_a_food_code_whose_fndds_food_the_description_does_not_name_is_warned(tmp_path: Path) -> None:
    """--recompute counted ASA24 'Oatmeal, ...' rows as 'Rice, cooked, NFS' (their FoodCode's food) without a word."""
    items = tmp_path / "Items.csv"
    items.write_text(
        ASA24_HEADER
        + 'P1,1,2,3/1/2021 0:00,56205000,234,63.2,"Oatmeal, regular or quick, made with water, no added fat"\n'
        + 'P1,1,2,3/1/2021 0:00,63107010,118,31.9,"Banana, raw"\n'
        + 'P1,1,2,3/1/2021 0:00,42100100,28,76.0,"Almonds, unsalted"\n'
        + 'P1,1,2,3/1/2021 0:00,56205000,117,31.6,"Oatmeal, regular or quick, made with water, no added fat"\n',
        encoding="utf-8",
    )
    assessment = mgcheck.assess_logs(str(items), sex="female", age=54, recompute=True)
    disagreeing = [warning for warning in assessment.warnings if "56205000" in warning]
    assert disagreeing == [
        f"{items}, rows 1, 4: 2 food item(s) whose food code 56205000 is 'Rice, cooked, NFS' in FNDDS 2017-2018"
        " but whose text says 'Oatmeal, regular or quick, made with water, no added fat': counted as the code's"
        " food; check the export"
    ]
    # Banana and almonds: the text names the code's food ('Almonds, NFS'), so no warning.
    assert len([warning for warning in assessment.warnings if "food code" in warning]) == 1


def test_the_asa24_template_codes_name_its_foods() -> None:
    """The template wrote FoodCode 56205000 ('Rice, cooked, NFS') for oatmeal: a log copied from it was rice."""
    import csv
    from importlib import resources

    template = resources.files("mgcheck") / "data" / "templates" / "asa24.csv"
    for row in csv.DictReader(template.read_text(encoding="utf-8").splitlines()):
        food = mgcheck.show_food("fndds:" + row["FoodCode"])
        assert food.name == row["Food_Description"], (row["FoodCode"], food.name)


def test_a_blank_unit_takes_a_measure_named_after_the_food() -> None:
    """'crumpet,2,' was unresolved and not counted: FNDDS Crumpet's one count measure is '1 crumpet'
    (45 g), a word no list of natural units holds. A measure named by a word of the food's own
    name is one of that food."""
    items = _items([("crumpet", 2, "")])
    crumpet = items["crumpet"]
    assert crumpet.food_id == "fndds:52101040"
    assert crumpet.grams == 2 * 45.0 and crumpet.grams_estimate
    assert crumpet.mg == pytest.approx(2 * 45 * 24 / 100, abs=0.051)


def test_a_blank_unit_of_a_food_without_a_count_measure_stays_unresolved() -> None:
    """The rule above names no measure for a food whose measures are all volumes or servings."""
    log = pd.DataFrame({"date": ["2026-11-02"], "food": ["spinach"], "amount": [1], "unit": [""], "kind": ["food"]})
    report = mgcheck.make_report(mgcheck.assess_logs(log, sex="female", age=54))
    (unmatched,) = report.subjects[0].unmatched
    assert "blank unit" in (unmatched.reason or "")


def test_a_portion_of_a_food_with_several_serving_sizes_is_the_medium_one() -> None:
    """'chips,1,portion' took SR28 fries' first serving, 'serving small' (71 g), not the typical
    'serving medium' (117 g): the same rule as a blank unit, the typical size before one listed first."""
    items = _items([("21138", 1, "portion")])
    assert items["21138"].grams == 117.0
    assert items["21138"].mg == pytest.approx(117 * 35 / 100, abs=0.051)


def test_a_blank_unit_takes_the_measure_named_by_the_food_s_head_noun() -> None:
    """'brussels sprouts,8,' was unresolved though the food has '1 sprout' (21 g)."""
    items = _items([("11099", 8, "")])
    assert items["11099"].grams == 8 * 21.0 and items["11099"].grams_estimate


def test_cottage_pie_is_the_beef_shepherds_pie() -> None:
    """British usage: cottage pie is shepherd's pie made with beef. 'cottage pie' was unmatched, its
    best guess cottage cheese. (Shepherd's pie itself stays too close to call: lamb in Britain, often
    beef in the US.)"""
    items = _items([("cottage pie", 300, "g")])
    assert items["cottage pie"].food_id == "fndds:27311510"  # Shepherd's pie with beef
    assert items["cottage pie"].mg == pytest.approx(300 * 18 / 100, abs=0.051)


def test_the_handout_names_no_gap_when_the_log_is_too_incomplete_to_judge(write_log, invoke) -> None:
    """A UK log with 23% of items unmatched gave a handout saying 'not complete enough to judge', then
    'Foods that would close the gap of about 1 mg a day': a gap from a figure the page had just called
    incomplete. Without a judgement the page lists magnesium-rich portions and names no gap."""
    log = write_log(
        "date,food,amount,unit\n"
        "2026-11-02,banana,1,medium\n2026-11-02,zzqx family stew,1,bowl\n"
        "2026-11-03,banana,1,medium\n2026-11-03,zzqx family stew,1,bowl\n"
    )
    result = invoke("report", log, "--sex", "F", "--age", "54", "--format", "html", "--quiet")
    assert result.exit_code == 0, result.stderr
    assert "not complete enough to judge" in result.stdout
    assert "close the gap" not in result.stdout
    assert "Foods rich in magnesium" in result.stdout and "+" in result.stdout
    judged = invoke(
        "report", write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n", "judged.csv"),
        "--sex", "F", "--age", "54", "--format", "html", "--quiet",
    )  # fmt: skip
    assert (
        "Foods that would help close the gap of about" in judged.stdout
    )  # a banana leaves 290 mg: no portion closes it


def test_a_clinician_view_of_an_incomplete_log_gives_the_gap_as_an_upper_bound(write_log, invoke) -> None:
    """The terminal, brief, markdown and clinician HTML said 'Gap to the RDA: 300 mg/day' for a log
    whose judgement was withheld (60% of items unmatched). Uncounted items can only raise the mean,
    so the gap from the counted ones is 'at most' that figure; a judged log keeps the plain figure."""
    incomplete = write_log(
        "date,food,amount,unit\n2026-11-02,banana,1,medium\n2026-11-02,zzqx family stew,1,bowl\n"
        "2026-11-03,apple,1,medium\n2026-11-03,zzqx family stew,1,bowl\n2026-11-03,qqzx pie,1,slice\n"
    )
    judged = write_log("date,food,amount,unit\n2026-11-02,banana,1,medium\n", "judged.csv")
    shown = {
        "terminal": "Gap to the RDA: {}",
        "brief": "To add       {}",
        "markdown": "### What next: {}",
        "html": "What next: {}",
    }
    for output, phrase in shown.items():
        extra = ["--audience", "clinician"] if output == "html" else []
        result = invoke("report", incomplete, "--sex", "F", "--age", "54", "--format", output, *extra, "--quiet")
        assert result.exit_code == 0, result.stderr
        (gap,) = re.findall(re.escape(phrase.format("at most ")) + r"(\d+) mg/day", result.stdout)
        assert int(gap) > 250, output  # the counted banana and apple are far below the RDA of 320
        plain = invoke("report", judged, "--sex", "F", "--age", "54", "--format", output, *extra, "--quiet")
        assert re.search(re.escape(phrase.format("")) + r"\d+ mg/day", plain.stdout), output
        assert "at most" not in plain.stdout, output


def test_a_mean_just_below_the_rda_is_never_shown_as_100_percent_of_it(write_log, invoke) -> None:
    """319 mg against an RDA of 320 read '(100% of the RDA)' beside 'between the EAR and the RDA'."""
    log = write_log(
        "date,food,amount,unit,kind\n2026-11-02,magnesium citrate,319,mg,supplement\n"
        "2026-11-03,magnesium citrate,319,mg,supplement\n"
    )
    for output in ("terminal", "markdown", "brief", "html"):
        audience = ["--audience", "clinician"] if output == "html" else []
        result = invoke("report", log, "--sex", "F", "--age", "54", "--format", output, *audience, "--quiet")
        assert result.exit_code == 0, result.stderr
        text = " ".join(result.stdout.split())
        assert "99% of the RDA" in text and "100% of the RDA" not in text, output
    table = invoke("summary", log, "--sex", "F", "--age", "54", "--format", "table", "--quiet")
    assert " 99 " in table.stdout and " 100 " not in table.stdout


def test_an_item_whose_unit_failed_is_not_sent_to_teach_the_book(write_log, invoke) -> None:
    """'kippers,1,' was found (kippered herring) but its blank unit was not one it takes; the report
    still said 'teach the book: mgcheck book add-alias "kippers" <food id>', an alias that cannot help."""
    log = write_log("date,food,amount,unit\n2026-11-02,kippers,1,\n2026-11-02,zzqx stew,1,bowl\n")
    report = mgcheck.make_report(mgcheck.assess_logs(str(log), sex="female", age=54))
    by_food = {unmatched.food: unmatched for unmatched in report.subjects[0].unmatched}
    assert "fillet" in (by_food["kippers"].reason or "") and by_food["kippers"].teach == ""
    assert by_food["zzqx stew"].teach == 'mgcheck book add-alias "zzqx stew" <food id>'
    terminal = invoke("report", log, "--sex", "F", "--age", "54", "--quiet").stdout
    assert terminal.count("teach the book") == 1


def test_a_bag_of_crisps_is_a_single_serve_bag_not_the_tables_8_oz_bag() -> None:
    """'potato chips,1,bag' was SR28's 'bag (8 oz)', 227 g and 143 mg, shown as exact, while
    'crisps,1,packet' was a 30 g single-serve packet: a family bag is what a shop sells, not what a
    log means by 'a bag'. The table's own multi-serving bag (4 oz or more) is not taken for 'bag';
    the single-serve default is, labelled an estimate, with a warning naming the large bag."""
    assessment = mgcheck.assess_logs(
        _day([("19411", 1, "bag"), ("19411", 1, "packet"), ("19411", 8, "oz")]), sex="F", age=54
    )
    items = mgcheck.make_report(assessment).subjects[0].items
    assert [(item.unit, item.grams, item.grams_estimate) for item in items] == [
        ("bag", 30.0, True),
        ("packet", 30.0, True),
        ("oz", 226.8, False),
    ]
    assert any("bag (8 oz) = 227 g" in warning and "row 1" in warning for warning in assessment.warnings)


def test_a_food_s_own_single_serve_bag_is_still_its_bag() -> None:
    """FNDDS reduced-fat potato chips list a 'small single serving bag' (28 g): that bag is kept."""
    items = _items([("fndds:71201050", 1, "bag")])
    assert items["fndds:71201050"].grams == 28.0


def test_an_alcoholic_drink_is_never_suggested_to_close_the_gap(write_log, invoke) -> None:
    """A man drinking beer and wine was told, in the report and on his handout, '2 pint beer (you
    already eat this): +57 mg' and '2 glass red wine: +35 mg' as ways to close his magnesium gap.
    Alcohol use is itself a cause of magnesium deficiency (Castiglioni 2013)."""
    log = pd.DataFrame(
        {
            "date": ["2026-11-02", "2026-11-02", "2026-11-03", "2026-11-03", "2026-11-03"],
            "food": ["beer", "white bread", "red wine", "white rice", "fndds:93101000"],
            "amount": [2, 2, 2, 1, 1],
            "unit": ["pint", "slice", "glass", "cup", "can"],
        }
    )
    report = mgcheck.make_report(mgcheck.assess_logs(log, sex="male", age=50))
    (subject,) = report.subjects
    suggested = [suggestion.food_id for suggestion in subject.next_steps.suggestions]
    eaten = {item.food: item.food_id for item in subject.items}
    assert eaten["beer"] == "14003" and eaten["red wine"] == "14096"
    assert suggested and not {"14003", "14096", "fndds:93101000"} & set(suggested)
    # The report marks them among the top sources (the handout reads the mark); other foods lack the key.
    marks = {source.food_id: source.to_dict().get("not_advised") for source in subject.top_sources}
    assert marks["14003"] is True and marks["14096"] is True
    assert {food_id: mark for food_id, mark in marks.items() if mark is not None} == {
        food_id: True for food_id in marks if food_id in {"14003", "14096", "fndds:93101000"}
    }
    handout = invoke(
        "report", write_log(log.to_csv(index=False)), "--sex", "M", "--age", "50", "--format", "html", "--quiet"
    )
    assert handout.exit_code == 0, handout.stderr
    assert "beer" not in handout.stdout.lower().split("foods that gave you the most")[1].split("</ul>")[0]
    assert "wine" not in handout.stdout.lower().split("<h2>foods")[-1]


CRONOMETER_BLANK_MG = (
    "Day,Time,Group,Food Name,Amount,Energy (kcal),Magnesium (mg),Category\n"
    '2026-11-02,8:15 AM,Breakfast,"Apple, Raw","1.00 whole - 3 1/2"" diameter",95,,Fruits\n'
    '2026-11-02,12:30 PM,Lunch,"Chicken Breast, Roasted",4.00 x 4.0 oz,187,,Poultry\n'
    '2026-11-02,8:15 PM,Dinner,"Banana, Fresh",1.00 medium - 7 to 7-7/8 inches long,105,,Fruits\n'
)


def test_cronometer_amounts_with_a_size_or_a_multiple_are_matched_when_magnesium_is_blank(write_log) -> None:
    """Cronometer writes '1.00 whole - 3 1/2" diameter' and '4.00 x 4.0 oz'. With a blank Mg cell
    (branded foods) the row is matched by name, and its unit was the whole string: every such row
    was unresolved, and three of three made the day 'not judged'. The size after ' - ' describes
    the unit; 'N x M oz' is N times M ounces."""
    path = write_log(CRONOMETER_BLANK_MG, "servings.csv")
    report = mgcheck.make_report(mgcheck.assess_logs(str(path), sex="female", age=54))
    (subject,) = report.subjects
    assert subject.unmatched == ()
    items = {item.food: item for item in subject.items}
    assert items["Chicken Breast, Roasted"].grams == pytest.approx(16 * 28.349523125, abs=0.05)
    assert items["Banana, Fresh"].grams == 118.0  # SR28 banana, medium
    assert items["Apple, Raw"].grams == 182.0 and items["Apple, Raw"].grams_estimate  # 'whole': the natural unit


@given(
    servings=st.decimals(min_value="0.25", max_value="20", places=2),
    size=st.decimals(min_value="0.5", max_value="16", places=1),
    unit=st.sampled_from(["oz", "g", "cup", "medium", "whole", "slice"]),
    described=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
)
def test_cronometer_amount_forms_split_into_amount_and_unit(servings, size, unit, described) -> None:
    from mgcheck.importers.cronometer import split_amount

    assert split_amount(f"{servings} x {size} {unit}") == (f"{float(servings) * float(size):g}", unit)
    assert split_amount(f"{servings} {unit} - {described}") == (str(servings), unit)
    assert split_amount(f"{servings} {unit}") == (str(servings), unit)


def test_a_unit_never_moves_a_food_to_its_dry_mix() -> None:
    """'custard,1,portion': baked egg custard (19168) has no portion measure, so the close-variant
    rule moved the item to 'Egg custards, dry mix' (19169): 21 g of powder at 45 mg per 100 g.
    A variant carrying a marked word the text does not say (dry mix, dehydrated, baby food) is no
    variant of the food written."""
    items = _items([("custard", 1, "portion"), ("custard", 120, "g")])
    assert items["custard"].food_id == "19168"
    log = pd.DataFrame({"date": ["2026-11-02"], "food": ["custard"], "amount": [1], "unit": ["portion"]})
    report = mgcheck.make_report(mgcheck.assess_logs(log, sex="female", age=54))
    assert not report.subjects[0].items or report.subjects[0].items[0].food_id != "19169"


def test_a_british_pint_can_be_written_imperial_pint() -> None:
    """A UK log's 'pint' of beer is the US pint (473 ml), 17% short of the 568 ml pub pint, and no
    unit said the British one. 'imperial pint' and 'uk pint' are 568.26125 ml (Weights and Measures
    Act 1985); 'pint' stays the US pint, and its estimate now says how to write the other."""
    pints = _day([("14003", 1, "imperial pint"), ("14003", 1, "UK pint"), ("14003", 1, "pint")])
    assessment = mgcheck.assess_logs(pints, sex="female", age=54)
    imperial, uk, us = mgcheck.make_report(assessment).subjects[0].items
    density = 29.7 / 29.5735295625  # SR28 beer: 1 fl oz = 29.7 g
    assert imperial.grams == uk.grams == pytest.approx(568.26125 * density, abs=0.01)
    assert us.grams == pytest.approx(473.176473 * density, abs=0.01)
    assert "write imperial pint" in (us.basis or "") and us.grams_estimate


def test_a_blank_unit_takes_the_food_s_measure_the_text_names() -> None:
    """'cherry tomatoes,5,' matched SR28 raw tomatoes and took their natural unit, a medium tomato:
    615 g instead of five of the food's own '1 cherry' (17 g each). 'salmon fillet,1,' was unresolved
    though SR28 salmon has '1 fillet'. A countable measure named by words of the text that the food's
    name does not say is what was counted."""
    items = _items([("cherry tomatoes", 5, ""), ("salmon fillet", 1, "")])
    assert items["cherry tomatoes"].food_id == "11529" and items["cherry tomatoes"].grams == 5 * 17.0
    assert items["salmon fillet"].unit == "fillet" and items["salmon fillet"].grams > 0


def test_porridge_oats_are_the_dry_oats() -> None:
    """British 'porridge oats' are the dry rolled oats sold to make porridge: '40 g porridge oats' was
    40 g of cooked oatmeal (SR28 08121, 27 mg per 100 g: 10.8 mg) instead of dry oats (08120, 138 mg
    per 100 g: 55.2 mg). 'porridge' alone stays the cooked dish."""
    items = _items([("porridge oats", 40, "g"), ("porage oats", 40, "g"), ("porridge", 1, "cup")])
    assert items["porridge oats"].food_id == items["porage oats"].food_id == "08120"
    assert items["porridge oats"].mg == pytest.approx(40 * 138 / 100, abs=0.051)
    assert items["porridge"].food_id == "08121"


def test_new_and_baby_potatoes_are_counted_as_small_potatoes() -> None:
    """'new potatoes,5,' matched SR28 boiled potatoes and took their natural unit (136 g): 680 g and
    150 mg; 'baby potatoes,4,' was unmatched (its best candidate a baby food). FNDDS potatoes
    measure '1 new potato' and '1 baby potato' at 60 g: new potatoes are the boiled one, baby
    potatoes (no cooking method given) 'Potato, NFS'."""
    items = _items([("new potatoes", 5, ""), ("baby potatoes", 4, "")])
    assert items["new potatoes"].food_id == "fndds:71102980" and items["baby potatoes"].food_id == "fndds:71000100"
    assert items["new potatoes"].grams == 5 * 60.0 and items["baby potatoes"].grams == 4 * 60.0


def test_grape_tomatoes_are_counted_as_grape_tomatoes() -> None:
    """'grape tomatoes,6,' was six medium tomatoes of SR28 (738 g, 81 mg): SR28 has no grape tomato
    measure, FNDDS 'Tomatoes, raw' has '1 grape tomato' = 8 g."""
    items = _items([("grape tomatoes", 6, "")])
    assert items["grape tomatoes"].food_id == "fndds:74101000"
    assert items["grape tomatoes"].grams == 6 * 8.0
