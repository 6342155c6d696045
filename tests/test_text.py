"""Text normalisation used by matching: plurals, accents, punctuation, word order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mgcheck.text import normalise, singular, sorted_key, visible


@pytest.mark.parametrize(
    ("plural", "expected"),
    [
        ("bananas", "banana"),
        ("cherries", "cherry"),
        ("peaches", "peach"),
        ("tomatoes", "tomato"),
        ("olives", "olive"),  # regression: the -ves rule once gave "olif", so the alias never matched
        ("cloves", "clove"),
        ("chives", "chive"),
        ("leaves", "leaf"),
        ("loaves", "loaf"),
        ("halves", "half"),
        ("hummus", "hummus"),
        ("couscous", "couscous"),
        ("glass", "glass"),
        ("oats", "oat"),
        ("peas", "pea"),  # regression: words in -as/-os were never singularised
        ("avocados", "avocado"),
        ("tacos", "taco"),
    ],
)
def test_singular(plural, expected):
    assert singular(plural) == expected


def test_normalise_folds_case_accents_punctuation_and_plurals():
    assert normalise("  Bananas, RAW!! ") == "banana raw"
    assert normalise("Crème brûlée") == "creme brulee"
    assert normalise("Milk, whole, 3.25% milkfat") == "milk whole 3 25 percent milkfat"
    assert sorted_key(normalise("rice, brown, cooked")) == sorted_key(normalise("cooked brown rice"))


@given(st.text())
def test_normalise_never_raises_and_gives_plain_words(text):
    normalised = normalise(text)
    assert set(normalised) <= set("abcdefghijklmnopqrstuvwxyz0123456789 ")
    assert normalised == normalised.strip() and "  " not in normalised


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Shepherd's pie", "shepherd pie"), ("KELLOGG'S Corn Flakes", "kellogg corn flake"), ("o'brien", "o brien")],
)
def test_normalise_keeps_a_possessive_as_one_word(text, expected):
    # "shepherd s pie" made "s" a word that "s/s milk" and "goat's milk" then shared.
    assert normalise(text) == expected


def test_normalise_joins_non_to_its_word():
    # "non-dairy milk" read as "non dairy milk" let 'dairy milk' match it.
    assert normalise("Non-dairy milk") == "nondairy milk"
    assert normalise("non fat yogurt") == "nonfat yogurt"
    assert normalise("none") == "none"


def test_every_character_visible_escapes_is_unprintable_so_its_quick_test_skips_none():
    """`visible` returns a text unchanged when str.isprintable says so: that is safe only if every
    character its patterns escape is unprintable (checked over all of Unicode)."""
    from mgcheck import text

    every_character = "".join(map(chr, range(0x110000)))
    for pattern, layout in ((text._HOSTILE, False), (text._KEEP_LAYOUT, True)):
        escaped = pattern.findall(every_character)  # each pattern is one character class
        assert len(escaped) > 60
        assert not [character for character in escaped if character.isprintable()], layout
        for character in escaped:  # and each is still escaped inside a long printable text
            assert visible(f"{'x' * 50}{character}{'y' * 50}", layout=layout) != f"{'x' * 50}{character}{'y' * 50}"
