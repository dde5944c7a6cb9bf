import pytest

from newsgraph.shingles import (
    count_shingles,
    overlap_shingles,
    shingle_agreement,
    tokenize_words,
)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("a b c d e", "a b c d e", 1.0),
        ("a b c d e", "v w x y z", 0.0),
        ("a b c d e", "a b c d", 2 * 1 / (2 * 1 + 0 + 1)),  # 1 shared of 2 gold shingles
        ("", "", 0.0),
    ],
)
def test_shingle_agreement(first, second, expected):
    assert shingle_agreement(first, second) == pytest.approx(expected)


def test_tokenize_words_keeps_word_runs_only():
    assert tokenize_words("Hello, world! It's 2019.") == ["Hello", "world", "It", "s", "2019"]
    assert tokenize_words(None) == []


def test_count_shingles_counts_repeated_four_grams():
    shingles = count_shingles("a b c d a b c d")
    assert shingles[("a", "b", "c", "d")] == 2
    assert sum(shingles.values()) == 5


def test_count_shingles_short_text_is_one_shingle_and_empty_is_none():
    assert count_shingles("just two") == {("just", "two"): 1}
    assert count_shingles("") == {}


def test_overlap_is_a_multiset():
    overlap = overlap_shingles("a b c d", "a b c d a b c d")
    # predicted has abcd twice, bcda, cdab, dabc; gold has abcd once
    assert overlap.tp == pytest.approx(1 / 5)
    assert overlap.fp == pytest.approx(4 / 5)
    assert overlap.fn == 0
