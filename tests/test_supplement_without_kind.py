"""A supplement or medicine written without its kind (coordinator's trial, session 10).

`magnesium glycinate,200,mg` in a log with no kind column was a food row: unmatched, with tofu
made with nigari suggested and a command to teach the book that a supplement is tofu.
"""

from __future__ import annotations

from conftest import report_json

PATIENT = ("--sex", "F", "--age", "40")


def _items(result: object) -> dict[str, dict[str, object]]:
    document = report_json(result)
    return {item["food"]: item for item in document["subjects"][0]["items"]}


def test_a_known_salt_without_a_kind_column_is_a_supplement_with_a_warning(write_log, invoke):
    log = write_log(
        "date,food,amount,unit\n"
        "2026-11-02,banana,1,medium\n"
        "2026-11-02,magnesium glycinate,200,mg\n"
        "2026-11-03,magnesium glycinate,200,mg\n"
    )
    result = invoke("report", log, *PATIENT, "-f", "json")
    items = _items(result)
    assert items["magnesium glycinate"]["kind"] == "supplement"
    assert items["magnesium glycinate"]["mg"] == 200.0
    assert items["banana"]["kind"] == "food"
    assert result.stderr.count("has no kind") == 1
    assert (
        f"{log}, row 2, 3: 'magnesium glycinate' has no kind; taken as a supplement (a magnesium salt or "
        "product mgcheck knows); write its kind (food, supplement, medicine) to be sure" in result.stderr
    )


def test_a_blank_kind_cell_and_a_named_medicine(write_log, invoke):
    log = write_log(
        "date,food,amount,unit,kind\n"
        "2026-11-02,banana,1,medium,\n"
        "2026-11-02,milk of magnesia,5,ml,\n"
        "2026-11-02,magnesium citrate,100,mg,supplement\n"
    )
    items = _items(invoke("report", log, *PATIENT, "-f", "json"))
    assert items["milk of magnesia"]["kind"] == "medicine"
    assert items["magnesium citrate"]["kind"] == "supplement"
    assert items["banana"]["kind"] == "food"


def test_a_row_whose_kind_says_food_stays_a_food_unless_it_is_a_dose(write_log, invoke):
    """Session 26: a magnesium salt in a dose's unit said to be food is taken as the supplement it is (it
    stayed an unmatched food, uncounted by the upper-limit check); magnesium chloride tofu stays a food."""
    log = write_log(
        "date,food,amount,unit,kind\n2026-11-02,banana,1,medium,food\n2026-11-02,magnesium glycinate,200,mg,food\n"
        "2026-11-02,tofu with magnesium chloride,100,g,food\n"
    )
    result = invoke("report", log, *PATIENT, "-f", "json")
    subject = report_json(result)["subjects"][0]
    kinds = {item["food"]: item["kind"] for item in subject["items"]}
    assert kinds["magnesium glycinate"] == "supplement" and kinds["banana"] == "food"
    assert [item["food"] for item in subject["unmatched"]] in ([], ["tofu with magnesium chloride"])
    assert "has no kind" not in result.stderr


def test_a_row_naming_magnesium_with_a_dose_unit_is_a_supplement_and_reaches_the_ul(write_log, invoke):
    """Session 16 tester: 'magnesium,375,mg' and 'Magnesium 375mg tablet (Holland & Barrett),1,tablet'
    in a log with no kind column were unmatched foods: the doses were not counted and `--check` exited 0
    with the UL "within". A text naming magnesium with a dose's unit is a supplement; the strength in a
    name is elemental magnesium per tablet (with a warning); tofu made with magnesium chloride, eaten by
    the gram, stays a food."""
    log = write_log(
        "date,food,amount,unit\n"
        "2026-11-02,Magnesium 375mg tablet (Holland & Barrett),1,tablet\n"
        "2026-11-02,magnesium,375,mg\n"
        '2026-11-02,"Tofu, firm, prepared with calcium sulfate and magnesium chloride (nigari)",100,g\n'
    )
    result = invoke("report", log, *PATIENT, "-f", "json")
    items = _items(result)
    tablet = items["Magnesium 375mg tablet (Holland & Barrett)"]
    assert (tablet["kind"], tablet["mg"], tablet["basis"]) == (
        "supplement",
        375.0,
        "label: elemental magnesium, 375 mg per tablet as the name says",
    )
    assert (items["magnesium"]["kind"], items["magnesium"]["mg"]) == ("supplement", 375.0)
    tofu = items["Tofu, firm, prepared with calcium sulfate and magnesium chloride (nigari)"]
    assert (tofu["kind"], tofu["food_id"]) == ("food", "16126")
    assert "its name says magnesium and its unit is a dose" in result.stderr
    assert "375 mg per tablet read from its name as elemental magnesium; check the label" in result.stderr
    assert invoke("summary", log, *PATIENT, "--check", "-q").exit_code == 3  # 750 mg a day is over the UL


def test_a_salt_named_with_a_strength_is_asked_which_mass_it_is(write_log, invoke):
    """'magnesium citrate 500mg,2,tablet': 500 mg of the salt (81 mg of magnesium) or of magnesium?
    Refused with both ways to write it, never guessed."""
    log = write_log("date,food,amount,unit,kind\n2026-11-02,magnesium citrate 500mg,2,tablet,supplement\n")
    result = invoke("report", log, *PATIENT)
    assert result.exit_code == 1
    assert "names a salt (magnesium citrate anhydrous) and 500 mg: of the salt or of magnesium?" in result.stderr
    assert "unit 'mg salt' (2 x 500 mg)" in result.stderr


def test_a_brand_around_a_salt_named_with_a_strength_is_still_asked(write_log, invoke):
    """Session 17 tester: 'Holland & Barrett Magnesium Citrate 500mg,1,tablet' was read as 500 mg of
    elemental magnesium (and flagged above the UL), while the same line without the brand was refused:
    the salt was looked up from the whole text only."""
    for food, salt in (
        ("Holland & Barrett Magnesium Citrate 500mg", "magnesium citrate anhydrous"),
        ("Magnesium Citrate 500mg (Holland & Barrett)", "magnesium citrate anhydrous"),
        ("Walgreens Magnesium Oxide 400 mg", "magnesium oxide"),
        ("Nature Made Mg oxide 250 mg", "magnesium oxide"),
    ):
        log = write_log(f"date,food,amount,unit\n2026-11-02,oats,40,g\n2026-11-02,{food},1,tablet\n")
        result = invoke("report", log, *PATIENT)
        assert result.exit_code == 1, food
        assert f"names a salt ({salt}) and" in result.stderr, food
        assert "of the salt or of magnesium?" in result.stderr


def test_a_brand_around_a_salt_gives_the_salt_for_mg_salt():
    """The salt of a branded line is the salt its name gives: 500 mg salt of magnesium citrate is
    500 x 16.16% = 81 mg of magnesium, as for the bare salt's name."""
    from mgcheck import salts

    branded = salts.salt_named_in("Holland & Barrett Magnesium Citrate")
    assert branded is not None and branded == salts.find_salt("magnesium citrate")
    assert round(500 * branded.fraction) == 81
    # Another mineral's salt is not magnesium's: 'citrate' alone counts only beside 'magnesium'.
    assert salts.salt_named_in("Calcium citrate 500 mg") is None
    assert salts.salt_named_in("magnesium 375mg") is None
