"""Issue 10 part 8: the scoring kernel's fast paths give exactly the scores and matches of the plain one.

The plain kernel (as it was before the fast paths) is kept here as the reference; every text of
the labelled set and the benchmark's free texts must get bit-identical scores and the same matches.
"""

from __future__ import annotations

import csv
import importlib.util
import itertools
import random
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mgcheck.matching as matching
from mgcheck.matching import Evidence, TokenScorer, _top, bundled_index

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "matching_cases.csv"


def reference_score(scorer: TokenScorer, evidence: Evidence) -> np.ndarray:
    """TokenScorer.score before its fast path: a dense best-per-choice array per query word."""
    similarity = evidence.similarity
    # A known word weighs its closest vocabulary word's idf; an unknown one the largest idf.
    query_weight = np.array(
        [scorer.idf[row.argmax()] if row.max() > 0 else scorer.idf.max() for row in similarity], dtype=np.float32
    )
    recall = np.zeros(len(scorer.offsets), dtype=np.float64)
    starts = scorer.context_starts
    for row, weight in enumerate(query_weight):
        best = np.zeros(len(scorer.offsets), dtype=np.float64)
        for word in np.flatnonzero(similarity[row]):
            holding = scorer.context_choice[starts[word] : starts[word + 1]]
            best[holding] = np.maximum(best[holding], similarity[row, word])
        recall += weight * best
    count = len(scorer.offsets)
    tokens = evidence.tokens
    recall /= query_weight.sum()
    best_per_word = similarity.max(axis=0)
    similar = np.flatnonzero(best_per_word)
    # Each similar word's choices, one after another, with the word's weight.
    starts = scorer.own_starts
    choices = np.concatenate([scorer.own_choice[starts[word] : starts[word + 1]] for word in similar])
    values = np.concatenate(
        [np.full(starts[word + 1] - starts[word], scorer.idf[word] * best_per_word[word]) for word in similar]
    )
    covered = np.bincount(choices, weights=values, minlength=count)
    precision = covered / scorer.choice_weight
    penalty = scorer.penalty - scorer.salted_penalty if matching._SALT_WORDS & set(tokens) else scorer.penalty
    return np.asarray(100.0 * (matching._RECALL_SHARE * recall + (1 - matching._RECALL_SHARE) * precision) - penalty)


def reference_top(scores: np.ndarray, count: int) -> np.ndarray:
    return np.argsort(-scores, kind="stable")[:count]


def _texts() -> list[str]:
    with CASES.open(encoding="utf-8") as handle:
        labelled = [row["query"] for row in csv.DictReader(handle)]
    spec = importlib.util.spec_from_file_location("benchmark_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["benchmark_run"] = module
    spec.loader.exec_module(module)
    return list(dict.fromkeys(labelled + module.free_texts(2000, 20261121)))


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def _compare_scores(texts: list[str]) -> int:
    index = bundled_index()
    scorer = index.scorer
    assert scorer is not None
    compared = 0
    for text in texts:
        evidence = scorer.evidence(index.query_key(text))
        if evidence is None:
            continue
        fast, plain = scorer.score(evidence), reference_score(scorer, evidence)
        assert np.array_equal(fast, plain), text
        assert np.array_equal(_top(fast, matching._POOL), reference_top(plain, matching._POOL)), text
        compared += 1
    scorer.forget()
    return compared


@pytest.mark.slow  # over the labelled set and 2,000 texts: seconds; run by CI
def test_scores_are_bit_identical_to_the_plain_kernel(texts: list[str]) -> None:
    assert _compare_scores(texts[::6]) > 400  # every text: the slow test below


@pytest.mark.slow
def test_every_text_scores_and_matches_as_with_the_plain_kernel(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _compare_scores(texts) > 2500

    index = bundled_index()
    fast = index.match_many(texts)
    monkeypatch.setattr(TokenScorer, "score", reference_score)
    monkeypatch.setattr(matching, "_top", reference_top)
    plain = index.match_many(texts)
    assert fast == plain
    assert sum(match.food_id is not None for match in fast.values()) > 1500


@given(
    st.lists(
        st.sampled_from([-2.0, -1.0, 0.0, 0.5, 1.0, 3.0, 7.25, 20.0, 25.5, 60.0, 100.0]), min_size=1, max_size=400
    ),
    st.integers(min_value=1, max_value=120),
)
def test_top_takes_the_scores_above_a_cut_only_when_enough_are_above_it(values: list[float], count: int) -> None:
    scores = np.asarray(values, dtype=np.float64)
    assert np.array_equal(_top(scores, count), reference_top(scores, count))


def test_each_words_negated_words_are_those_of_the_negation_pairs() -> None:
    # `evidence` zeroes a word's similarity to the words it negates or that negate it ("cooked" /
    # "uncooked"), once scanning every pair per query word, now looked up per word.
    scorer = bundled_index().scorer
    assert scorer is not None and scorer.negations
    for own in range(len(scorer.words)):
        scanned = {second for first, second in scorer.negations if own == first}
        scanned |= {first for first, second in scorer.negations if own == second}
        assert set(scorer.negated.get(own, ())) == scanned, scorer.words[own]


def test_a_candidates_explained_words_are_those_explains_finds_one_by_one(texts: list[str]) -> None:
    index = bundled_index()
    scorer = index.scorer
    assert scorer is not None
    checked = 0
    for text in texts[::12]:
        ranked, evidence = index._ranked(text)
        if evidence is None:
            continue
        for _, _, column in ranked[:8]:
            codes = scorer.context_words(column)
            one_by_one = [index._explains(evidence, row, codes) for row in range(len(evidence.tokens))]
            assert index._explained(evidence, codes) == one_by_one, (text, column)
            checked += 1
    scorer.forget()
    assert checked > 1000


@pytest.mark.slow  # over the labelled set and 2,000 texts: seconds; run by CI
def test_the_best_choices_found_without_scoring_every_choice_are_those_of_every_score(texts: list[str]) -> None:
    # `top` scores only the choices sharing a similar word with the text, and cuts at _TOP_CUT
    # only when no other choice can score above it.
    index = bundled_index()
    scorer = index.scorer
    assert scorer is not None
    compared = 0
    for text in texts[1::6]:
        evidence = scorer.evidence(index.query_key(text))
        if evidence is None:
            continue
        scores = scorer.score(evidence)
        columns, values = scorer.top(evidence, matching._POOL)
        assert np.array_equal(columns, reference_top(scores, matching._POOL)), text
        assert np.array_equal(values, scores[columns]), text
        compared += 1
    scorer.forget()
    assert compared > 300


def reference_objection(index: matching.FoodIndex, evidence: Evidence, column: int) -> str | None:
    """FoodIndex.objection before its per-choice and per-word sets: every test on the similarity matrix."""
    scorer = index.scorer
    assert scorer is not None

    def explains(row: int, codes: list[int] | np.ndarray) -> bool:
        needed = matching._EXPLAINED_KNOWN if evidence.tokens[row] in scorer.vocabulary else matching._EXPLAINED_UNKNOWN
        return bool((evidence.similarity[row, codes] >= needed).any())

    context_codes = scorer.context_words(column)
    query_negated = matching._negated(evidence.tokens)
    for row, token in enumerate(evidence.tokens):
        if token in index.form_words or token in matching._CONNECTIVES or token in matching._NEGATORS:
            continue
        if token.isdigit() or token in query_negated:
            continue
        if not explains(row, context_codes):
            return f"'{token}' is not explained by {index.label(index.choice_food[column])}"
    context = index.choice_context[column].split()
    said_not = matching._negated(context)
    said = scorer.codes(frozenset(w for w in context if w not in matching._NEGATORS) - said_not)
    said_not_codes = scorer.codes(said_not)
    for row, token in enumerate(evidence.tokens):
        denied = token in query_negated
        if explains(row, said_not_codes if not denied else said) and not explains(
            row, said if not denied else said_not_codes
        ):
            return f"{index.label(index.choice_food[column])} says the opposite of the text about '{token}'"
    # A marked word or phrase ("baby food") the choice holds: the text must say each of its words.
    for word in sorted(marked for marked in index.marked_words if f" {marked} " in f" {' '.join(context)} "):
        codes = [scorer.vocabulary.get(part) for part in word.split()]
        if any(
            code is None or not (evidence.similarity[:, code] >= matching._EXPLAINED_KNOWN).any() for code in codes
        ) and not index.marked_said_by.get(word, frozenset()) & set(evidence.tokens):
            return f"{index.label(index.choice_food[column])} is a {word.removesuffix(' food')} food and the text does not say so"
    brand = index.choice_brand[column]
    if brand is not None and not any(explains(row, scorer.codes(brand)) for row in range(len(evidence.tokens))):
        return f"{index.label(index.choice_food[column])} is a branded product and the text names no brand"
    return None


@pytest.mark.slow  # over the labelled set and 2,000 texts: seconds; run by CI
def test_objections_are_those_of_the_plain_tests_on_the_similarity_matrix(texts: list[str]) -> None:
    index = bundled_index()
    checked = objected = 0
    for text in texts[2::5]:
        ranked, evidence = index._ranked(text)
        if evidence is None:
            continue
        for _, _, column in ranked[:10]:
            expected = reference_objection(index, evidence, column)
            assert index.objection(evidence, column) == expected, (text, column)
            checked += 1
            objected += expected is not None
    assert index.scorer is not None
    index.scorer.forget()
    assert checked > 3000 and objected > 1000


@pytest.mark.slow  # over the labelled set and 2,000 texts: seconds; run by CI
def test_matches_do_not_depend_on_the_batches_or_on_the_words_kept_between_them(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    index = bundled_index()
    chosen = texts[::4]
    expected = index.match_many(chosen)
    monkeypatch.setattr(matching, "_FUZZY_CHUNK", 7)
    monkeypatch.setattr(matching, "_TOKENS_KEPT", 3)
    assert index.match_many(list(reversed(chosen))) == expected


def test_a_kept_query_key_is_the_key_computed_afresh(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    index = bundled_index()
    assert index.scorer is not None
    monkeypatch.setattr(matching, "_TOKENS_KEPT", 50)
    index.scorer.query_keys.clear()
    chosen = [*texts[:200], "a bowl of cheerios", "Porridge made with semi-skimmed milk", "jacket potato"]
    for text in chosen:
        assert index.query_key(text) == index._query_key(text)
        assert index.query_key(text) == index._query_key(text)  # the second time from the kept keys
        assert len(index.scorer.query_keys) <= 51
    assert index.query_key("a bowl of cheerios") == index.query_key("cheerios")


def reference_negated(words: list[str]) -> frozenset[str]:
    """_negated before its early return for texts without a negating word."""
    after = {words[i + 1] for i, word in enumerate(words[:-1]) if word in matching._NEGATORS}
    after = {word for word in after if word not in matching._NEGATORS}
    return frozenset(after | {words[i - 1] for i, word in enumerate(words) if i and word == "free"})


@given(st.lists(st.sampled_from(["no", "not", "non", "without", "free", "sugar", "salt", "milk", "fat"]), max_size=6))
def test_negated_words_are_those_of_the_plain_scan(words: list[str]) -> None:
    assert matching._negated(words) == reference_negated(words)
    assert matching._negated(["sugar", "free", "cola"]) == frozenset({"sugar"})
    assert matching._negated(["coffee", "no", "sugar"]) == frozenset({"sugar"})


def reference_ranked(index: matching.FoodIndex, text: str) -> list[tuple[str, float, int]]:
    """FoodIndex._ranked before its array form: each food's best choice in a dict, then one sort of tuples."""
    scorer = index.scorer
    assert scorer is not None
    evidence = scorer.evidence(index.query_key(text))
    if evidence is None:
        return []
    top, top_scores = scorer.top(evidence, matching._POOL)
    named = evidence.named
    penalised = (
        top_scores
        - index._head_penalties(named, top)
        - index._alias_penalties(named, top)
        - index._processing_penalties(named, top)
    )
    best: dict[str, tuple[float, int]] = {}
    for column, score in zip(top.tolist(), penalised.tolist(), strict=True):
        food_id = index.choice_food[column]
        if food_id not in best or score > best[food_id][0]:
            best[food_id] = (score, column)
    ordered = sorted(
        (-round(score, 1), index.rank.get(food_id, 0), len(index.names[food_id]), food_id, score, column)
        for food_id, (score, column) in best.items()
    )
    return [(food_id, score, column) for *_, food_id, score, column in ordered]


@pytest.mark.slow  # over the labelled set and 2,000 texts: seconds; run by CI
def test_the_ranking_is_that_of_each_foods_best_choice_sorted_as_tuples(texts: list[str]) -> None:
    # `_ranked` picks each food's best choice and sorts the foods with array operations; the head
    # penalties `_ranking` hands to `decide` are those of the ranked choices.
    index = bundled_index()
    compared = 0
    for text in texts[3::6]:
        ranked, evidence, head_penalties = index._ranking(text)
        assert ranked == reference_ranked(index, text), text
        if evidence is None:
            continue
        columns = np.array([column for _, _, column in ranked])
        assert head_penalties == index._head_penalties(evidence.named, columns).tolist(), text
        compared += 1
    assert index.scorer is not None
    index.scorer.forget()
    assert compared > 400


@given(
    st.lists(st.sampled_from([-1.0, 0.0, 0.75, 0.8, 0.8500001, 0.85, 1.0]), min_size=3, max_size=8),
    st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=5),
    st.sampled_from([matching._EXPLAINED_UNKNOWN, matching._EXPLAINED_KNOWN]),
)
def test_all_named_reads_one_row_as_the_array_rule_does(
    similarities: list[float], codes: list[int], threshold: float
) -> None:
    # Slots: the words, then padding and a word no table spells (named -1), as `Evidence.named` has them.
    named = np.array([*similarities, -1.0, -1.0])
    row = np.array([min(code, len(named) - 1) for code in codes], dtype=np.int32)
    expected = matching._unless_all_named(named, row[None, :], threshold, 1.0)[0] == 0.0
    assert matching._all_named(named, row, threshold) == expected
    padding = len(named) - 2
    assert matching._all_named(named, np.array([padding, padding]), threshold)
    assert not matching._all_named(named, np.array([padding + 1]), threshold)


@pytest.mark.slow  # over the labelled set and 2,000 texts: seconds; run by CI
def test_the_penalties_from_one_lookup_are_those_of_each_rule(texts: list[str]) -> None:
    # `_penalties` reads the head, alias and processing words of the pool in one gather; each
    # of its three arrays must equal what its own rule gives, over whole pools (60 choices).
    index = bundled_index()
    assert index.scorer is not None
    compared = penalised = 0
    for text in texts[1::5]:
        evidence = index.scorer.evidence(index.query_key(text))
        if evidence is None:
            continue
        top, _ = index.scorer.top(evidence, matching._POOL)
        head, alias, processing = index._penalties(evidence.named, top)
        assert head.tolist() == index._head_penalties(evidence.named, top).tolist(), text
        assert alias.tolist() == index._alias_penalties(evidence.named, top).tolist(), text
        assert processing.tolist() == index._processing_penalties(evidence.named, top).tolist(), text
        compared += 1
        penalised += bool(head.any()) + bool(alias.any()) + bool(processing.any())
    index.scorer.forget()
    assert compared > 400 and penalised > 300


@given(
    st.one_of(
        st.floats(min_value=-200.0, max_value=200.0, allow_nan=False),
        # Halves of a tenth and their neighbours, where 10 x score may round either way.
        st.integers(min_value=-4000, max_value=4000).map(lambda half: (2 * half + 1) / 20),
        st.integers(min_value=-4000, max_value=4000).map(lambda half: np.nextafter((2 * half + 1) / 20, 1000.0)),
        st.integers(min_value=-4000, max_value=4000).map(lambda half: np.nextafter((2 * half + 1) / 20, -1000.0)),
    )
)
def test_tenths_are_those_of_pythons_round(score: float) -> None:
    score = float(score)  # Python's round, not numpy's
    tenths = matching._tenths(np.array([score, score], dtype=np.float64))
    assert tenths.tolist() == [round(round(score, 1) * 10)] * 2


def test_two_words_are_written_apart_exactly_when_some_choice_has_them_side_by_side() -> None:
    # `_joined` once built the set of every adjacent word pair of every choice (26 ms at the first
    # hyphen); `_written_apart` reads only the choices holding the first word.
    index = bundled_index()
    pairs = {f"{first} {second}" for choice in index.choices for first, second in itertools.pairwise(choice.split())}
    words = sorted({word for pair in pairs for word in pair.split()})
    rng = random.Random(7)
    asked = [*rng.sample(sorted(pairs), 3000)]
    asked += [f"{rng.choice(words)} {rng.choice(words)}" for _ in range(3000)]  # mostly never side by side
    asked += ["beech nut", "chick pea", "multi grain", "nut", "beech nut butter", "zzz nut", ""]
    answers = [index._written_apart(pair) for pair in asked]
    assert answers == [pair in pairs for pair in asked]
    assert 3000 <= sum(answers) < 4000


@pytest.mark.slow  # over the labelled set and 2,000 texts: seconds; run by CI
def test_a_vocabulary_words_kept_row_is_the_row_rapidfuzz_computes(texts: list[str]) -> None:
    # The bundled index keeps each vocabulary word's similar words (`keep_vocabulary_rows`), so a
    # text's known words are not compared again; the rows and the matches are those computed afresh.
    index = bundled_index()
    scorer = index.scorer
    assert scorer is not None and scorer.vocabulary_rows is not None
    words = [word for word in scorer.words[::7] if word not in matching._STOP_WORDS]
    scorer.forget()
    scorer._tokens.clear()
    scorer.prepare([" ".join(words)])
    kept = [scorer._word_rows.pop(word) for word in words]
    assert np.array_equal(np.stack(kept), matching._similarity_rows(words, scorer.words))
    assert sum(int((row > 0).sum()) for row in kept) > len(words)  # not just each word itself

    chosen = texts[::5]
    with_rows = index.match_many(chosen)
    rows, scorer.vocabulary_rows = scorer.vocabulary_rows, None
    scorer._tokens.clear()
    try:
        assert index.match_many(chosen) == with_rows
    finally:
        scorer.vocabulary_rows = rows
        scorer._tokens.clear()
