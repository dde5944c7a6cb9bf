"""The dates stage tries each rule only where its match can start (timex.rule_starts): the same
matches as finditer over the whole text, on texts written for this test and the running
example."""

import re

import pytest
from conftest import EXAMPLE

from newsgraph.analyze.timex import (
    compile_rules,
    first_words,
    rule_first_words,
    rule_matches,
    rule_starts,
)

TEXTS = [
    "On Monday, January 5, 2022, at 3 p.m. EST, two days ago, the third quarter of 1998 ...",
    "In the mid-1990s and the '80s, every Tuesday night; a year earlier; nineteen ninety-six.",
    "Early January 2019, mid-January, the past two weeks, recent months, 52 years old.",
    "İstanbul, ſome January 5 ıt was Monday",  # case traps: every rule looks everywhere
    "",
]


def texts() -> list[str]:
    return TEXTS + ([EXAMPLE.read_text(encoding="utf-8")] if EXAMPLE.exists() else [])


@pytest.mark.parametrize("text", texts())
def test_rule_matches_equal_finditer(text: str) -> None:
    starts = rule_starts(text)
    for (pattern, _), where in zip(compile_rules(), starts, strict=True):
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in rule_matches(pattern, text, where)] == expected


def test_most_rules_are_filtered() -> None:
    firsts = rule_first_words()
    assert sum(first is not None for first in firsts) >= len(firsts) - 2


def test_a_rule_that_may_open_with_punctuation_looks_everywhere() -> None:
    assert first_words(re.compile(r"\b'\d0s\b")) is None
    words = first_words(re.compile(r"\b(?:last|next)\s+week\b", re.IGNORECASE))
    assert words is not None and words.exact == {"last", "next"}
