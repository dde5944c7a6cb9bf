"""Time expressions in raw text, normalised to TIMEX3 values against the publication date.

Pure Python (no spaCy): `find_time_expressions(text, published)` is used by the dates stage, the
TempEval-3 evaluator and the tests. It works in three passes:

1. every rule (a compiled regex built from the lexicons in ontology/data/en/time_words.tsv and
   time_phrases.tsv) proposes readings;
2. overlapping readings are resolved: the longest wins, then the earlier rule;
3. "a year earlier", "the year-ago quarter", "that year", "the following month", "the 1988
   quarter" are re-anchored to the previous date (or quarter) in the text where one is given
   (news reports compare quarters and years).

News conventions (the issue's): a bare weekday is the most recent one on or before the
publication date, unless its sentence speaks of the future ("will", "is expected to"); a month
and day without a year is this year's. Without a publication date, relative expressions keep
TIMEX3's X placeholders ("XXXX-WXX-5") and their anchor says "unresolved".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache, lru_cache

from newsgraph.ontology import read_data_lines, read_data_table
from newsgraph.records import TimeExpr

QUALIFIER_MODS = {  # TimeML 1.2.1 guidelines, table of TIMEX3 `mod` values
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "some": "APPROX", "close to": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN",
    "more than": "MORE_THAN", "over": "MORE_THAN", "at least": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
}  # fmt: skip
EDGE_MODS = {
    "early": "START", "earlier": "START", "beginning": "START", "start": "START",
    "late": "END", "later": "END", "end": "END", "mid": "MID", "middle": "MID",
}  # fmt: skip
SIGNALS = ("since", "until", "till", "through", "by", "before", "after", "from", "as of")
FUTURE_CUE_RE = re.compile(
    r"\b(?:will|won't|shall|'ll|would|could|might|is\s+to|are\s+to|scheduled|(?<!than-)(?<!than\s)expected|"
    r"plans?|planned|planning|set\s+to|due\s+to|going\s+to|upcoming|as\s+soon\s+as|"
    r"as\s+early\s+as|likely)\b",
    re.IGNORECASE,
)
PAST_CUE_RE = re.compile(r"\b(?:had|previously)\b", re.IGNORECASE)  # "had been due to expire"
FRACTION_OF_RE = re.compile(r"\s+of\s+(?:the|its|their|his|her|all|a|an)\b", re.IGNORECASE)
DEADLINE_RE = re.compile(r"\b(?:by|through|until|till)\s+(?:\w+\s+)?\Z", re.IGNORECASE)
CLAUSE_END_RE = re.compile(r"[.!?;,]\s+|\n")  # a cue counts within the expression's clause
FISCAL_PERIOD_RE = re.compile(r"\s+(?:ended|ending|through|to\s+(?:date|\w+\.?\s+\d))", re.I)
SUBYEAR = ("quarter", "half", "month")
CONFIDENCE = {"absolute": 0.95, "publication": 0.85, "text": 0.7, "unresolved": 0.5}
VAGUE_CONFIDENCE = 0.6  # PRESENT_REF, PXY ...: right in kind, vague by nature
FUTURE_WEIGHT = 1.6  # tuned on TempEval-3 dev (TBAQ): 0.7 -> 0.763, 1.0 -> 0.766, 1.6 to 2 -> 0.771
FUTURE_WINDOW = 60  # chars of the clause searched for future cues (40..100: same value F1 on dev)


@dataclass(frozen=True)
class Lexicon:
    """The word tables the rules are built from (see ontology/data/en/time_words.tsv)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, str]
    units: dict[str, str]
    seasons: dict[str, str]
    dayparts: dict[str, str]
    holidays: dict[str, str]
    phrases: dict[str, tuple[str, str]]  # lower-cased phrase -> (type, value)


@dataclass
class Reading:
    """One proposed time expression before overlap resolution."""

    start: int
    end: int
    type: str
    value: str
    granularity: str | None
    anchor: str
    modifier: str | None = None
    low: str | None = None
    high: str | None = None
    shift: tuple[str, int] | None = None  # (unit, amount) to re-anchor on an earlier date
    rank: int = 0  # the rule's order: the earlier rule wins a tie
    vague: bool = False
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Context:
    """What the rules need besides the match: the text and the publication date."""

    text: str
    dct: date | None
    lexicon: Lexicon


Rule = tuple[re.Pattern[str], Callable[[re.Match[str], Context], Reading | None]]


# --- lexicon and patterns ----------------------------------------------------------------------


@cache
def load_lexicon(language: str = "en") -> Lexicon:
    """The time-word tables for a language (loaded once)."""
    tables: dict[str, dict[str, str]] = {}
    for category, word, value in read_data_table("time_words.tsv", language, columns=3):
        tables.setdefault(category, {})[word] = value
    phrases = {}
    for line in read_data_lines("time_phrases.tsv", language):
        phrase, kind, value = line.split("\t")[:3]
        phrases[phrase] = (kind, value)
    return Lexicon(
        months={w: int(v) for w, v in tables["month"].items()},
        weekdays={w: int(v) for w, v in tables["weekday"].items()},
        numbers=tables["number"],
        units=tables["unit"],
        seasons=tables["season"],
        dayparts=tables["daypart"],
        holidays=tables["holiday"],
        phrases=phrases,
    )


def join_words(words: object) -> str:
    """A regex alternation of words, longest first, spaces matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)  # type: ignore[arg-type]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@cache
def compile_rules(language: str = "en") -> list[Rule]:
    """The extraction rules, in priority order (earlier wins ties of equal length)."""
    lex = load_lexicon(language)
    month = rf"(?P<month>{join_words(lex.months)})\.?"
    weekday = rf"(?P<weekday>{join_words(lex.weekdays)})"
    season = rf"(?P<season>{join_words(lex.seasons)})"
    daypart = rf"(?P<daypart>{join_words(lex.dayparts)})"
    number_word = join_words(w for w in lex.numbers if w not in ("a", "an"))
    number = rf"(?P<num>\d+(?:\.\d+)?(?:\s+1/2)?|(?:{number_word})(?:[\s-](?:{number_word}))?|an?)"
    unit = rf"(?P<unit>{join_words(lex.units)}|centurie)"
    qualifier = rf"(?P<qual>{join_words(QUALIFIER_MODS)})"
    edge = (
        r"(?P<edge>earlier|later|early|late|mid-?|the\s+(?:end|beginning|start|middle)\s+of|"
        r"(?:end|beginning|start|middle)\s+of)"
    )
    year = r"(?P<year>(?:1[6-9]|20)\d\d)(?![\d,.]\d)"  # not "1,995" nor an index "1678.5"
    flags = re.IGNORECASE
    specs: list[tuple[str, Callable[[re.Match[str], Context], Reading | None]]] = [
        (
            rf"\b(?:{weekday},?\s+)?(?:{edge}\s+)?{month}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
            rf"(?:,?\s+{year})?",
            read_month_day,
        ),
        (
            rf"\b(?:{weekday},?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{month}"
            rf"(?:,?\s+{year})?\b",
            read_month_day,
        ),
        (rf"\b(?:{edge}\s*)?{month}(?:\s+of)?,?\s+{year}\b", read_month_year),
        (
            rf"\bthe\s+week\s+of\s+{month}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+{year})?",
            read_week_of,
        ),
        (
            rf"\b(?:{edge}\s*)?(?:(?P<rel>last|this|next|this\s+past|the\s+coming)\s+)?{month}"
            r"(?!\s*\d)\b(?:\s+(?P<ryear>last|this|next)\s+year\b)?",
            read_month,
        ),
        (
            rf"\b(?P<clock>(?P<hour>\d{{1,2}})(?::(?P<minute>\d\d))?\s*"
            r"(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)|noon|midday|midnight)"
            r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC)\b)?"
            rf"(?:,?\s+(?:on\s+)?{weekday}|\s+(?P<dword>today|yesterday|tomorrow)|,?\s+{month}\s+"
            r"(?P<day>\d{1,2})\b)?",
            read_clock,
        ),
        (
            rf"\b(?:(?P<rel>last|next|this|this\s+past|this\s+coming|the\s+coming)\s+)?(?:{edge}\s+)?"
            rf"{weekday}(?:\s+{daypart})?\b",
            read_weekday,
        ),
        (
            rf"\b(?:(?P<each>every|each)\s+)?{weekday}(?P<plural>s)?(?:\s+{daypart}(?P<plural2>s)?)?"
            rf"\b|\b(?:every|each)\s+{month}\b(?!\s*\d)",
            read_recurring,
        ),
        (
            rf"\b(?:{edge}\s+)?(?P<dword>today|tonight|yesterday|tomorrow|this\s+{daypart}|"
            r"last\s+night|overnight)(?:\s+(?P<part2>morning|afternoon|evening|night))?\b",
            read_day_word,
        ),
        (
            r"\b(?P<edge>early|late|mid)[\s-]?(?P<part2>morning|afternoon|evening)"
            r"(?:\s+(?P<dword>today|yesterday|tomorrow))?\b",
            read_part_of_day,
        ),
        (
            rf"\b(?:the\s+)?(?:(?P<ryear>(?:this|last|next)\s+year's|{year}|fiscal|calendar)"
            r"\s+)?(?:fiscal\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
            r"(?:[\s-]+|-)(?P<part>quarter|half)\b(?:\s+of\s+(?P<year2>(?:19|20)\d\d)\b)?",
            read_quarter,
        ),
        (
            rf"\b(?:{edge}\s*)?(?:(?P<fiscal>fiscal|calendar)\s+(?:year\s+)?)?(?<![$\d.,]){year}"
            r"(?!\s*(?:%|percent|per\s+cent))\b",
            read_year,
        ),
        (
            rf"\b(?:the\s+)?(?:{edge}[\s-]*)?(?:(?P<cent>1[6-9]|20)(?P<tens>\d)0|'(?P<short>\d)0)"
            r"'?s\b",
            read_decade,
        ),
        (
            rf"\b(?:the\s+)?(?:{edge}[\s-]*)?(?:nineteen\s+)?(?P<tensword>twenties|thirties|"
            r"forties|fifties|sixties|seventies|eighties|nineties)\b",
            read_decade,
        ),
        (
            r"\b(?:the\s+)?(?:(?P<ordnum>1\d|2[01])(?:st|nd|rd|th)|(?P<ordword>nineteenth|"
            r"twentieth|twenty-first))[\s-]+century\b",
            read_century,
        ),
        (
            rf"\b(?:{edge}\s+)?(?P<rel>this|last|next|the\s+past|the\s+previous|the\s+coming|"
            r"the\s+current|the\s+following|the\s+latest|the\s+most\s+recent|this\s+past|"
            rf"the\s+same|that|the)\s+(?P<unit>week|weekend|month|(?:full\s+|fiscal\s+)?year|"
            rf"quarter|period|decade|century|{join_words(lex.seasons)})\b(?!-)",
            read_relative_unit,
        ),
        (
            rf"\b(?:(?P<rel>last|this|next)\s+)?(?P<holiday>{join_words(lex.holidays)})\b",
            read_holiday,
        ),
        (
            rf"\b(?:{edge}\s+)?(?:the\s+)?{season}\s+(?:of\s+)?{year}\b",
            read_season_year,
        ),
        (
            rf"\b(?:(?P<qual0>{join_words(QUALIFIER_MODS)})\s+)?{number}[\s-]+{unit}s?\s+"
            r"(?P<dir>ago|earlier|later|from\s+now|hence|before|after)\b(?!\s+(?:the|a|an|his|"
            r"her|its|their|\w+ing)\b)",
            read_ago,
        ),
        (rf"\bthe\s+{year}\s+(?P<noun>quarter|period)\b", read_year_period),
        (
            r"\b(?:the\s+)?year[\s-](?:earlier|ago)(?:\s+(?P<noun>period|quarter|"
            r"(?:first\s+)?(?:six|nine)\s+months))?\b",
            read_year_ago,
        ),
        (
            rf"\b(?:(?P<det>the|a|an)\s+)?(?:(?P<rel>past|last|next|coming|previous|first|"
            r"latest|following|final|preceding|remaining|same|recent|initial)\s+)?"
            rf"(?:{qualifier}\s+)?{number}(?:\s+(?:more|additional|full|straight|consecutive|trading|business|working))?"
            rf"[\s-]+{unit}s?(?P<half>\s+and\s+a\s+half)?(?P<suffix>-long|-old)?\b",
            read_duration,
        ),
        (
            r"\b(?:(?P<rel>recent|coming|past|next|last|the\s+past|the\s+coming|the\s+next|"
            r"the\s+last|the\s+first|the)\s+)?(?P<unit>second|minute|hour|day|week|month|year|"
            r"decade|centurie)s(?P<suffix>-long)?\b(?!-)",
            read_bare_units,
        ),
        (rf"\b(?:{join_words(lex.phrases)})\b", read_phrase),
        (
            r"\b(?:the\s+year\s+)?(?:(?P<hi>nineteen|twenty)[\s-]+(?P<lo>(?:twenty|thirty|forty|"
            r"fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|"
            r"nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
            r"nineteen)|two\s+thousand(?:\s+and\s+(?P<lo2>one|two|three|four|five|six|seven|"
            r"eight|nine|ten))?)\b",
            read_spelled_year,
        ),
    ]
    return [(re.compile(pattern, flags), handler) for pattern, handler in specs]


# --- trying each rule only where it can start ---------------------------------------------------
# `finditer` tries every rule at every offset of the text: most of this stage's time. Most rules'
# regexes start with \b and then one of a known set of words (or a digit), so a match can only
# start at the beginning of such a word. `first_words` reads that set from the regex's parse
# tree, `rule_starts` finds those words in a text, and `rule_matches` tries the rule there only:
# the same matches as `finditer` (the earliest match at or after the end of the previous one).
# A rule whose match may open otherwise (the decades' "'80s") keeps `finditer`.

try:  # the regex parse tree (CPython's own modules): see `first_words`
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # another Python: every rule looks everywhere (`first_words` gives None)
    sre = sre_parse = None

WORD_RE = re.compile(r"\w+")
# The characters that IGNORECASE matches with an ASCII letter but str.lower() does not lower to
# it ("ı" for "i", "ſ" for "s", "İ" lowers to two characters); checked over all of Unicode.
CASE_TRAPS = ("\u0130", "\u0131", "\u017f")
FIRST_WORDS_LIMIT = 5000  # more first words than this: not worth filtering


class Unbounded(Exception):
    """A match of the regex may open with something other than a known word."""


@dataclass(frozen=True)
class FirstWords:
    """What a rule's match can open with (lower-cased): a word in `exact`, a word starting with
    one of `prefixes`, or (`digit`) a word starting with a digit."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    digit: bool

    def admits(self, word: str) -> bool:
        return (
            word in self.exact
            or word.startswith(self.prefixes)
            or (self.digit and word[:1].isdecimal())
        )


def first_words(pattern: re.Pattern[str]) -> FirstWords | None:
    """The words a match of `pattern` can open with, read from its parse tree; None unless the
    regex starts with \\b and every match opens with a known word or a digit."""
    if sre_parse is None:
        return None
    ops = list(sre_parse.parse(pattern.pattern, pattern.flags).data)
    if not ops or ops[0] != (sre.AT, sre.AT_BOUNDARY):
        return None
    found: dict[str, set[str]] = {"exact": set(), "prefix": set(), "digit": set()}
    try:
        walk_first_word(ops[1:], "", found)
    except (Unbounded, RecursionError):
        return None
    return FirstWords(
        frozenset(found["exact"]), tuple(sorted(found["prefix"])), bool(found["digit"])
    )


def walk_first_word(ops: list, prefix: str, found: dict[str, set[str]]) -> None:
    """Follow every path through the parse tree `ops` (what is left of the regex) until the
    first word of the match is known: whole ("exact": a non-word character or \\b comes next)
    or only its start ("prefix": what comes next may be a word character). `prefix` holds the
    word characters matched so far."""
    if not ops:
        return note_first_word("prefix", prefix, found)
    (op, av), rest = ops[0], ops[1:]
    if op is sre.LITERAL and chr(av).isascii() and is_word_char(chr(av)):
        walk_first_word(rest, prefix + chr(av).lower(), found)
    elif (op is sre.LITERAL and not is_word_char(chr(av))) or (op is sre.IN and non_word_set(av)):
        note_first_word("exact", prefix, found)
    elif op is sre.IN and av == [(sre.CATEGORY, sre.CATEGORY_DIGIT)] and not prefix:
        note_first_word("digit", prefix, found)
    elif op is sre.AT:  # \b after a word character ends the word; else zero-width
        if av is sre.AT_BOUNDARY and prefix:
            note_first_word("exact", prefix, found)
        else:
            walk_first_word(rest, prefix, found)
    elif op in (sre.ASSERT, sre.ASSERT_NOT):  # zero-width: follow what comes after
        walk_first_word(rest, prefix, found)
    elif op is sre.BRANCH:
        for alternative in av[1]:
            walk_first_word(list(alternative) + rest, prefix, found)
    elif op is sre.SUBPATTERN and not (av[1] or av[2]):  # a group with no flags of its own
        walk_first_word(list(av[3]) + rest, prefix, found)
    elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        walk_repeat(av, rest, prefix, found)
    else:  # anything else may match a word character: the word starts with `prefix`
        note_first_word("prefix", prefix, found)


def walk_repeat(repeat: tuple, rest: list, prefix: str, found: dict[str, set[str]]) -> None:
    """X{low,high}: skipped (when low is 0), or taken once and followed by the rest (X?) or by
    more of X, which is not followed further (the word then starts with what X matched)."""
    low, high, sub = repeat
    if low == 0:
        walk_first_word(rest, prefix, found)
    if high == 1:
        walk_first_word(list(sub) + rest, prefix, found)
    elif high > 1:
        walk_first_word([*sub, (None, None)], prefix, found)


def note_first_word(kind: str, prefix: str, found: dict[str, set[str]]) -> None:
    if kind != "digit" and not prefix:
        raise Unbounded  # a match may open with a non-word character
    found[kind].add(prefix)
    if len(found["exact"]) + len(found["prefix"]) > FIRST_WORDS_LIMIT:
        raise Unbounded


def is_word_char(char: str) -> bool:
    """What \\w matches in a str pattern."""
    return char.isalnum() or char == "_"


def non_word_set(items: list) -> bool:
    """A character set of spaces and punctuation only (\\s, "-", ",")."""
    return all(
        (op is sre.CATEGORY and av is sre.CATEGORY_SPACE)
        or (op is sre.LITERAL and not is_word_char(chr(av)))
        for op, av in items
    )


@cache
def rule_first_words(language: str = "en") -> list[FirstWords | None]:
    return [first_words(pattern) for pattern, _ in compile_rules(language)]


@cache
def any_rule_first_words(language: str = "en") -> FirstWords:
    """What any rule's match can open with: most words are none of it."""
    firsts = [first for first in rule_first_words(language) if first is not None]
    return FirstWords(
        frozenset().union(*(first.exact for first in firsts)),
        tuple(sorted({prefix for first in firsts for prefix in first.prefixes})),
        any(first.digit for first in firsts),
    )


@lru_cache(maxsize=1 << 15)  # a news corpus has some 20,000 distinct words
def rules_opening_with(word: str, language: str) -> tuple[int, ...]:
    """The indexes of the rules whose match can open with `word` (lower-cased)."""
    if not any_rule_first_words(language).admits(word):
        return ()
    firsts = rule_first_words(language)
    return tuple(i for i, first in enumerate(firsts) if first is not None and first.admits(word))


def rule_starts(text: str, language: str = "en") -> list[list[int] | None]:
    """For each rule, the offsets of the words of `text` its match can open with, in order;
    None for a rule that must look everywhere (all rules, when `text` holds a case trap)."""
    firsts = rule_first_words(language)
    if any(trap in text for trap in CASE_TRAPS):
        return [None] * len(firsts)
    # without the traps, lower() keeps every offset and every word: the words of the lowered
    # text are those of the text, each as IGNORECASE compares it
    offsets: dict[str, list[int]] = {}
    for match in WORD_RE.finditer(text.lower()):
        offsets.setdefault(match.group(), []).append(match.start())
    starts: list[list[int] | None] = [[] if first else None for first in firsts]
    for word, where in offsets.items():
        for rule in rules_opening_with(word, language):
            starts[rule].extend(where)  # type: ignore[union-attr]
    for where in starts:
        if where:
            where.sort()
    return starts


def rule_matches(
    pattern: re.Pattern[str], text: str, starts: list[int] | None
) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), trying the pattern only at `starts` (every offset where a match
    can start) when given. Matches are never empty (they open with a word)."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)):
            yield match
            end = match.end()


# --- the public functions ----------------------------------------------------------------------


def find_time_expressions(text: str, published: str | None, language: str = "en") -> list[TimeExpr]:
    """Every time expression in `text`, normalised against `published` (ISO date or date-time;
    None leaves relative expressions unresolved). Returns TimeExpr records in text order, ids
    t1, t2, ..."""
    context = Context(text, parse_published(published), load_lexicon(language))
    readings = []
    starts = rule_starts(text, language)
    for rank, (pattern, handler) in enumerate(compile_rules(language)):
        for match in rule_matches(pattern, text, starts[rank]):
            reading = handler(match, context)
            if reading is not None:
                reading.rank = rank
                readings.append(reading)
    chosen = select_readings(readings)
    anchor_on_text(chosen, context)
    return [to_record(i, r, text) for i, r in enumerate(chosen, 1)]


def parse_published(published: str | None) -> date | None:
    """The publication day from an ISO date or date-time string (None when absent or bad)."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def select_readings(readings: list[Reading]) -> list[Reading]:
    """Non-overlapping readings: longer first, then the earlier rule; in text order."""
    ordered = sorted(readings, key=lambda r: (-(r.end - r.start), r.rank, r.start))
    taken: list[Reading] = []
    for reading in ordered:
        if all(reading.end <= t.start or t.end <= reading.start for t in taken):
            taken.append(reading)
    return sorted(taken, key=lambda r: r.start)


def anchor_on_text(readings: list[Reading], context: Context) -> None:
    """Re-anchor "a year earlier"-style readings on the previous specific date in the text."""
    reference: Reading | None = None
    quarter: int | None = None  # the last quarter named: "the 1988 quarter" is that one
    for index, reading in enumerate(readings):
        if (
            reading.shift is not None
            and reference is not None
            and (reading.extra.get("shift_on") in (None, granularity_of(reference.value)))
            and (reading.shift[0] != "Y" or granularity_of(reference.value) in SUBYEAR)
        ):
            value = shift_value(reference.value, *reading.shift)
            if value is not None:
                readings[index] = replace(
                    reading, value=value, anchor="text", granularity=granularity_of(value)
                )
                readings[index].extra["anchor_index"] = str(readings.index(reference))
        if "year_of" in reading.extra:
            if quarter is not None:
                value = reading.extra["year_of"] + readings[quarter].value[4:]
                readings[index] = replace(
                    reading, value=value, anchor="text", granularity="quarter"
                )
                readings[index].extra["anchor_index"] = str(quarter)
            continue
        if readings[index].granularity == "quarter" and is_specific(readings[index]):
            quarter = index
        if "on_text" in reading.extra and reference is not None:
            value = unit_of(reference.value, reading.extra["on_text"])
            if value is not None:
                readings[index] = replace(
                    reading, value=value, anchor="text", granularity=granularity_of(value)
                )
                readings[index].extra["anchor_index"] = str(readings.index(reference))
            continue  # "the following year" is no reference for the next one
        if (
            reading.type == "DATE"
            and reading.anchor != "unresolved"
            and reading.shift is None  # "a year earlier" twice is not two years back
            and is_specific(reading)
        ):
            reference = readings[index]


def to_record(number: int, reading: Reading, text: str) -> TimeExpr:
    """The TimeExpr record for a chosen reading."""
    confidence = VAGUE_CONFIDENCE if reading.vague else CONFIDENCE[reading.anchor]
    anchor_id = None
    if "anchor_index" in reading.extra:
        anchor_id = f"t{int(reading.extra['anchor_index']) + 1}"
    return TimeExpr(
        id=f"t{number}",
        span=(reading.start, reading.end),
        text=text[reading.start : reading.end],
        type=reading.type,
        value=reading.value,
        granularity=reading.granularity,
        anchor=reading.anchor,
        anchor_id=anchor_id,
        low=reading.low,
        high=reading.high,
        modifier=reading.modifier,
        signal=find_signal(text, reading.start),
        confidence=confidence,
    )


_SIGNAL_RE = re.compile(r"\b(" + join_words(SIGNALS) + r")\s+$", re.IGNORECASE)


def find_signal(text: str, start: int) -> str | None:
    """The preposition right before the expression that bounds it ("since", "until")."""
    match = _SIGNAL_RE.search(text[max(0, start - 12) : start])
    return match.group(1).lower() if match else None


# --- helpers on values -------------------------------------------------------------------------


def is_specific(reading: Reading) -> bool:
    """True for a value with a year digit (not PRESENT_REF, not a duration)."""
    return reading.value[:1].isdigit()


def granularity_of(value: str) -> str | None:
    """The granularity a TIMEX3 date value expresses."""
    patterns = (
        (r"\d{4}-\d\d-\d\dT", "time"), (r"\d{4}-\d\d-\d\d$", "day"), (r"\d{4}-W\d\d", "week"),
        (r"\d{4}-\d\d$", "month"), (r"\d{4}-(SP|SU|FA|WI)$", "season"),
        (r"\d{4}-Q\d$", "quarter"), (r"\d{4}-H\d$", "half"), (r"\d{4}$", "year"),
        (r"\d{3}$", "decade"), (r"\d\d$", "century"),
    )  # fmt: skip
    for pattern, name in patterns:
        if re.match(pattern, value):
            return name
    return None


def shift_value(value: str, unit: str, amount: int) -> str | None:
    """`value` moved by `amount` units, keeping a quarter's or month's granularity for years."""
    granularity = granularity_of(value)
    year = int(value[:4]) if granularity and granularity not in ("decade", "century") else None
    if year is None:
        return None
    if unit == "Y":
        if granularity in ("quarter", "half", "month", "season"):
            return f"{year + amount}{value[4:]}"
        return f"{year + amount}"
    if unit == "Q" and granularity == "quarter":
        index = year * 4 + int(value[6]) - 1 + amount
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit == "M" and granularity in ("month", "day"):
        return format_month(add_months(date(year, int(value[5:7]), 1), amount))
    if granularity == "day":
        day = date.fromisoformat(value)
        if unit == "D":
            return (day + timedelta(days=amount)).isoformat()
        if unit == "W":
            return format_week(day + timedelta(weeks=amount))
    return None


def unit_of(value: str, step: str) -> str | None:
    """The year, quarter, month or week of a date value moved by some units: ("1995-05-22",
    "Y+1") -> "1996"; None when the value is coarser than the unit."""
    granularity = granularity_of(value)
    unit, amount = step[:-2], int(step[-2:])
    if granularity is None or granularity in ("decade", "century"):
        return None
    year = int(value[:4])
    if unit == "Y":
        return str(year + amount)
    if unit == "Q":
        if granularity == "quarter":
            quarter = int(value[6])
        elif granularity in ("month", "day", "time"):
            quarter = (int(value[5:7]) - 1) // 3 + 1
        else:
            return None
        index = year * 4 + quarter - 1 + amount
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit == "M" and granularity in ("month", "day", "time"):
        return format_month(add_months(date(year, int(value[5:7]), 1), amount))
    if unit == "W" and granularity in ("day", "time"):
        return format_week(date.fromisoformat(value[:10]) + timedelta(weeks=amount))
    return None


def add_months(day: date, months: int) -> date:
    """The first of the month `months` after (or before) `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def format_month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def format_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_bounds(day: date) -> tuple[date, date]:
    """Monday and Sunday of the ISO week of `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    return first, add_months(first, 1) - timedelta(days=1)


def edge_modifier(match: re.Match[str]) -> str | None:
    """START / END / MID from "early", "late", "mid-", "the end of" ..."""
    if "edge" not in match.re.groupindex or not match.group("edge"):
        return None
    words = re.findall(r"[a-z]+", match.group("edge").lower())
    return next((EDGE_MODS[w] for w in words if w in EDGE_MODS), None)


def parse_number(text: str, lexicon: Lexicon) -> float | None:
    """A number written in digits or words ("two", "twenty-four", "a few" -> None for X)."""
    text = re.sub(r"\s+", " ", text.lower())
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if re.fullmatch(r"\d+ 1/2", text):  # "2 1/2 years"
        return float(text.split()[0]) + 0.5
    if text in lexicon.numbers:
        value = lexicon.numbers[text]
        return None if value == "X" else float(value)
    total = 0.0
    for word in re.split(r"[\s-]", text):
        value = lexicon.numbers.get(word)
        if value is None or value == "X":
            return None
        total = total * float(value) if float(value) == 100 else total + float(value)
    return total


def unit_code(word: str, lexicon: Lexicon) -> str:
    """The TIMEX3 unit code for a unit word ("centurie" is the stem of "centuries")."""
    word = word.lower()
    return lexicon.units.get(word) or lexicon.units.get(word.rstrip("s"), "CE")


def prefers_future(context: Context, start: int) -> bool:
    """True when the sentence before the expression speaks of the future."""
    window = context.text[max(0, start - FUTURE_WINDOW) : start]
    ends = list(CLAUSE_END_RE.finditer(window))
    if ends:
        window = window[ends[-1].end() :]
    if re.search(r"\buntil\s+(?:\w+\s+)?$", window, re.IGNORECASE):
        return True  # "until Tuesday", "until late Tuesday": a deadline ahead
    return FUTURE_CUE_RE.search(window) is not None and not PAST_CUE_RE.search(window)


def is_ahead(context: Context, start: int) -> bool:
    """A future sentence or a deadline ("by February", "through January") before `start`."""
    window = context.text[max(0, start - 20) : start]
    return DEADLINE_RE.search(window) is not None or prefers_future(context, start)


def is_possessive(text: str, start: int) -> bool:
    """The word at `start` takes a possessive 's ("Wednesday's ruling")."""
    word = WORD_RE.match(text, start)
    return word is not None and text.startswith(("'s", "\u2019s"), word.end())


def is_capitalized(word: str) -> bool:
    return word[:1].isupper()


# --- rule handlers -----------------------------------------------------------------------------


def date_reading(
    match: re.Match[str], kind: str, value: str, anchor: str, **more: object
) -> Reading:
    """A Reading over the whole match."""
    granularity = more.pop("granularity", None) or granularity_of(value)
    return Reading(match.start(), match.end(), kind, value, granularity, anchor, **more)  # type: ignore[arg-type]


def read_month_day(match: re.Match[str], context: Context) -> Reading | None:
    """ "January 19", "Aug. 7, 1998", "Monday, Oct. 26", "19 January 2022"."""
    if not is_capitalized(match.group("month")):
        return None
    month = context.lexicon.months[match.group("month").lower()]
    day = int(match.group("day"))
    if not 1 <= day <= 31:
        return None
    if match.group("year"):
        year, anchor = int(match.group("year")), "absolute"
    elif context.dct is None:
        return date_reading(
            match, "DATE", f"XXXX-{month:02d}-{day:02d}", "unresolved", granularity="day"
        )
    else:
        year, anchor = nearest_year(context.dct, month, min(day, 28)), "publication"
    try:
        value = date(year, month, day).isoformat()
    except ValueError:
        return None
    return date_reading(
        match, "DATE", value, anchor, modifier=edge_modifier(match), low=value, high=value
    )


def read_week_of(match: re.Match[str], context: Context) -> Reading | None:
    """ "the week of March 6": the (ISO) week holding that day."""
    day = read_month_day(match, context)
    if day is None or day.anchor == "unresolved":
        return day
    low, high = week_bounds(date.fromisoformat(day.value))
    return replace(day, value=format_week(low), granularity="week", low=low.isoformat(),
                   high=high.isoformat())  # fmt: skip


def read_month_year(match: re.Match[str], context: Context) -> Reading | None:
    """ "November 1995", "late August 1998"."""
    if not is_capitalized(match.group("month")):
        return None
    month = context.lexicon.months[match.group("month").lower()]
    year = int(match.group("year"))
    low, high = month_bounds(year, month)
    return date_reading(
        match,
        "DATE",
        f"{year}-{month:02d}",
        "absolute",
        modifier=edge_modifier(match),
        low=low.isoformat(),
        high=high.isoformat(),
    )


def read_month(match: re.Match[str], context: Context) -> Reading | None:
    """A month without a year: "October", "last April", "late November"."""
    word = match.group("month")
    if not is_capitalized(word) or (len(word) <= 3 and word.lower() != "may"):
        return None  # "Dec" alone is rarely the month
    rel = (match.group("rel") or "").lower()
    if word.lower() == "may" and not (
        rel or match.group("edge") or preceded_by_preposition(context.text, match.start())
    ):
        return None  # the modal verb
    month = context.lexicon.months[word.rstrip(".").lower()]
    if context.dct is None:
        return date_reading(
            match, "DATE", f"XXXX-{month:02d}", "unresolved", modifier=edge_modifier(match)
        )
    dct = context.dct
    ryear = (match.group("ryear") or "").lower()
    if ryear:  # "June last year", "February this year"
        year = dct.year + {"last": -1, "this": 0, "next": 1}[ryear]
    elif rel.startswith("next") or rel.endswith("coming"):
        year = dct.year if month > dct.month else dct.year + 1
    elif rel.startswith("last") or rel.endswith("past"):
        year = dct.year if month < dct.month else dct.year - 1
    elif rel == "this":
        year = dct.year
    else:
        year = nearest_year(dct, month, 15)
        if year > dct.year and not is_ahead(context, match.start()):
            year = dct.year  # "in March" told in October: this March unless the clause looks ahead
    low, high = month_bounds(year, month)
    return date_reading(
        match,
        "DATE",
        f"{year}-{month:02d}",
        "publication",
        modifier=edge_modifier(match),
        low=low.isoformat(),
        high=high.isoformat(),
    )


def nearest_year(dct: date, month: int, day: int) -> int:
    """The year that puts a month and day nearest the publication date, days ahead counting
    FUTURE_WEIGHT times (news reports more past than future): "January 19" in a January
    article is this year's, "Nov. 25" in a January article last year's."""
    candidates = [date(dct.year + k, month, day) for k in (-1, 0, 1)]

    def distance(day: date) -> float:
        days = (day - dct).days
        return days * FUTURE_WEIGHT if days > 0 else -days

    return min(candidates, key=distance).year


_PREPOSITION_RE = re.compile(
    r"\b(?:in|since|until|till|by|of|from|to|through|during|before|after"
    r"|early|late|mid|last|next|this)\s+$",
    re.IGNORECASE,
)


def preceded_by_preposition(text: str, start: int) -> bool:
    return _PREPOSITION_RE.search(text[max(0, start - 10) : start]) is not None


def resolve_weekday(context: Context, weekday: int, rel: str, start: int) -> date | None:
    """The date of a weekday named in the text (news convention: the latest on or before the
    publication date; "next", "this coming" or a future sentence: the next one after it)."""
    dct = context.dct
    if dct is None:
        return None
    back = (dct.isoweekday() - weekday) % 7
    if rel.startswith("next") or rel.endswith("coming"):
        return dct + timedelta(days=(weekday - dct.isoweekday()) % 7 or 7)
    if rel.startswith("last") or rel.endswith("past"):
        return dct - timedelta(days=back or 7)
    if rel == "this":
        return week_bounds(dct)[0] + timedelta(days=weekday - 1)
    if back and prefers_future(context, start) and not is_possessive(context.text, start):
        return dct + timedelta(days=7 - back)  # "Wednesday's ruling" is one already given
    return dct - timedelta(days=back)


def read_weekday(match: re.Match[str], context: Context) -> Reading | None:
    """ "Friday", "last Thursday", "late Wednesday", "Tuesday morning"."""
    if not is_capitalized(match.group("weekday")):
        return None
    weekday = context.lexicon.weekdays[match.group("weekday").lower()]
    rel = re.sub(r"\s+", " ", (match.group("rel") or "").lower())
    part = match.group("daypart")
    part_code = context.lexicon.dayparts[part.lower()] if part else None
    day = resolve_weekday(context, weekday, rel, match.start())
    return day_reading(match, day, part_code, f"XXXX-WXX-{weekday}")


def day_reading(
    match: re.Match[str], day: date | None, part_code: str | None, unresolved: str
) -> Reading:
    """One day, maybe with a part of it ("Tuesday morning" -> TIME ...TMO), anchored on the
    publication date; `unresolved` is the value's date part when there is no such date."""
    kind, suffix = ("TIME", f"T{part_code}") if part_code else ("DATE", "")
    modifier = edge_modifier(match)
    if day is None:
        granularity = "time" if part_code else "day"
        return date_reading(match, kind, unresolved + suffix, "unresolved",
                            granularity=granularity, modifier=modifier)  # fmt: skip
    return date_reading(match, kind, day.isoformat() + suffix, "publication", modifier=modifier,
                        low=day.isoformat(), high=day.isoformat())  # fmt: skip


def read_recurring(match: re.Match[str], context: Context) -> Reading | None:
    """ "each Thursday", "Tuesday nights", "Sundays", "every July": TimeML SETs."""
    if match.group("month"):
        if not is_capitalized(match.group("month")):
            return None
        month = context.lexicon.months[match.group("month").rstrip(".").lower()]
        return Reading(
            match.start(), match.end(), "SET", f"XXXX-{month:02d}", None, "absolute", vague=True
        )
    if not (match.group("each") or match.group("plural") or match.group("plural2")):
        return None
    if not is_capitalized(match.group("weekday")):
        return None
    weekday = context.lexicon.weekdays[match.group("weekday").lower()]
    part = match.group("daypart")
    value = f"XXXX-WXX-{weekday}"
    if part:
        value += "T" + context.lexicon.dayparts[part.lower()]
    return Reading(match.start(), match.end(), "SET", value, None, "absolute", vague=True)


def read_day_word(match: re.Match[str], context: Context) -> Reading | None:
    """ "today", "yesterday", "tomorrow", "tonight", "this morning", "last night"."""
    word = re.sub(r"\s+", " ", match.group("dword").lower())
    offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
    part = match.group("part2") or match.group("daypart")
    if word in ("tonight", "last night", "overnight"):
        part = "night"
    code = context.lexicon.dayparts[part.lower()] if part else None
    day = context.dct + timedelta(days=offset) if context.dct else None
    return day_reading(match, day, code, "XXXX-XX-XX")


def read_part_of_day(match: re.Match[str], context: Context) -> Reading | None:
    """ "mid-afternoon", "late morning", "mid-afternoon yesterday": that part of the day
    (the publication day unless a day word follows)."""
    word = (match.group("dword") or "today").lower()
    offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    code = context.lexicon.dayparts[match.group("part2").lower()]
    day = context.dct + timedelta(days=offset) if context.dct else None
    return day_reading(match, day, code, "XXXX-XX-XX")


def read_clock(match: re.Match[str], context: Context) -> Reading | None:
    """ "4 a.m. EDT Thursday", "noon", "10:30 p.m. yesterday"."""
    clock = match.group("clock").lower()
    if clock in ("noon", "midday", "midnight"):
        hour, minute = (24, 0) if clock == "midnight" else (12, 0)
    else:
        hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        if match.group("ampm").lower().startswith("p") and hour != 12:
            hour += 12
        elif match.group("ampm").lower().startswith("a") and hour == 12:
            hour = 0
    day: date | None = None
    if match.group("month") and context.dct is not None:
        month = context.lexicon.months[match.group("month").rstrip(".").lower()]
        number = min(int(match.group("day")), 28)
        day = date(nearest_year(context.dct, month, number), month, int(match.group("day")))
    elif match.group("weekday"):
        weekday = context.lexicon.weekdays[match.group("weekday").lower()]
        day = resolve_weekday(context, weekday, "", match.start())
    elif context.dct is not None:
        offset = {"yesterday": -1, "tomorrow": 1}.get((match.group("dword") or "").lower(), 0)
        day = context.dct + timedelta(days=offset)
    clock_text = f"T{hour:02d}:{minute:02d}"
    if day is None:
        return date_reading(
            match, "TIME", "XXXX-XX-XX" + clock_text, "unresolved", granularity="time"
        )
    return date_reading(
        match,
        "TIME",
        day.isoformat() + clock_text,
        "publication",
        granularity="time",
        low=day.isoformat(),
        high=day.isoformat(),
    )


def quarter_year(context: Context, quarter: int) -> int | None:
    """The year of a quarter named without one: this year's, unless it lies more than one
    quarter ahead of the publication date (then last year's: results are reported after)."""
    if context.dct is None:
        return None
    current = (context.dct.month - 1) // 3 + 1
    return context.dct.year - 1 if quarter > current + 1 else context.dct.year


def read_quarter(match: re.Match[str], context: Context) -> Reading | None:
    """ "the third quarter", "third-quarter", "fiscal 1989's first half"."""
    ordinal = {
        "first": 1,
        "second": 2,
        "third": 3,
        "fourth": 4,
        "1st": 1,
        "2nd": 2,
        "3rd": 3,
        "4th": 4,
    }[match.group("ord").lower()]
    part = match.group("part").lower()
    if part == "half" and ordinal > 2:
        return None
    letter = "Q" if part == "quarter" else "H"
    ryear = (match.group("ryear") or "").lower()
    year: int | None
    if match.group("year") or match.group("year2"):
        year = int(match.group("year") or match.group("year2"))
    elif context.dct is not None and ryear.startswith(("last", "next", "this")):
        year = context.dct.year + {"last": -1, "next": 1, "this": 0}[ryear.split()[0]]
    else:
        year = quarter_year(context, ordinal * (1 if letter == "Q" else 2))
    if year is None:
        return date_reading(
            match,
            "DATE",
            f"XXXX-{letter}{ordinal}",
            "unresolved",
            granularity="quarter" if letter == "Q" else "half",
        )
    anchor = "absolute" if match.group("year") or match.group("year2") else "publication"
    return date_reading(match, "DATE", f"{year}-{letter}{ordinal}", anchor)


def read_year(match: re.Match[str], context: Context) -> Reading | None:
    """ "1991", "fiscal 1989", "early 2019"."""
    year = int(match.group("year"))
    if context.dct is not None and year > context.dct.year + 30:
        return None  # a number, not a year
    return date_reading(
        match,
        "DATE",
        str(year),
        "absolute",
        modifier=edge_modifier(match),
        low=f"{year}-01-01",
        high=f"{year}-12-31",
    )


DECADE_WORDS = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
                "nineties")  # fmt: skip


def read_decade(match: re.Match[str], context: Context) -> Reading | None:
    """ "the 1990s", "the '80s", "mid-1980s", "the nineties" (the 20th century's)."""
    if "tensword" in match.re.groupindex:
        value = f"19{DECADE_WORDS.index(match.group('tensword').lower()) + 2}"
    elif match.group("cent"):
        value = match.group("cent") + match.group("tens")
    else:
        short = int(match.group("short"))
        value = ("20" if short < 3 else "19") + str(short)
    return date_reading(
        match, "DATE", value, "absolute", modifier=edge_modifier(match), granularity="decade"
    )


def read_century(match: re.Match[str], context: Context) -> Reading | None:
    """ "the 20th century", "11th-century": TIMEX3 gives a century by its first two digits."""
    words = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}
    number = match.group("ordnum")
    ordinal = int(number) if number else words[match.group("ordword").lower()]
    return date_reading(match, "DATE", f"{ordinal - 1:02d}", "absolute", granularity="century")


def read_relative_unit(match: re.Match[str], context: Context) -> Reading | None:
    """ "last month", "this week", "earlier this year", "next quarter", "last fall"."""
    rel = re.sub(r"\s+", " ", match.group("rel").lower())
    unit_word = match.group("unit").lower().split()[-1]  # "the full year", "the fiscal year"
    modifier = edge_modifier(match)
    if unit_word == "period":
        if rel not in ("the latest", "the most recent"):
            return None
        unit_word = "quarter"  # "the latest period" of a results report: the quarter just ended
    if rel in ("the past", "the previous", "the coming") and unit_word in (
        "week",
        "month",
        "year",
        "decade",
        "century",
    ):
        code = unit_code(unit_word, context.lexicon)
        return duration_reading(match, context, 1.0, code, None, rel)
    if rel in ("the", "that", "the same") and unit_word in ("week", "month", "decade", "century"):
        return None  # "the month" of a known date: not resolvable here
    if rel == "the" and unit_word == "year" and FISCAL_PERIOD_RE.match(context.text, match.end()):
        return duration_reading(match, context, 1.0, "Y", None, rel)  # "the year ended June 30"
    if rel == "the following" and unit_word in ("decade", "century"):
        return duration_reading(
            match, context, 1.0, unit_code(unit_word, context.lexicon), None, rel
        )
    offset = {"last": -1, "next": 1, "the previous": -1, "this past": -1}.get(rel, 0)
    text_step = {"that": 0, "the same": 0, "the following": 1}.get(rel)
    if text_step is not None and unit_word in ("year", "quarter", "month", "week"):
        # "that year", "the following month": anchored on the date given before in the text
        # (see anchor_on_text); on the publication date when there is none
        offset = text_step
    if rel in ("the latest", "the most recent") and unit_word == "quarter":
        offset = -1
    if context.dct is None:
        return unresolved_unit(match, unit_word, context, modifier)
    dct = context.dct
    if unit_word in context.lexicon.seasons:
        return season_reading(match, context, unit_word, rel, modifier)
    if unit_word in ("week", "weekend"):
        day = dct + timedelta(weeks=offset)
        if unit_word == "weekend" and rel == "the" and dct.isoweekday() <= 3:
            day = dct - timedelta(days=dct.isoweekday())  # early in the week: the one just past
        low, high = week_bounds(day)
        value = format_week(day) + ("-WE" if unit_word == "weekend" else "")
        if unit_word == "weekend":
            low = low + timedelta(days=5)
    elif unit_word == "month":
        first = add_months(dct, offset)
        value = format_month(first)
        low, high = month_bounds(first.year, first.month)
    elif unit_word == "quarter":
        index = dct.year * 4 + (dct.month - 1) // 3 + offset
        if rel == "the":
            index -= 1  # "the quarter" in a results report: the one just ended
        value = f"{index // 4}-Q{index % 4 + 1}"
        low = date(index // 4, (index % 4) * 3 + 1, 1)
        high = add_months(low, 3) - timedelta(days=1)
    elif unit_word == "year":
        year = dct.year + offset
        value, low, high = str(year), date(year, 1, 1), date(year, 12, 31)
    else:  # decade, century
        span = 10 if unit_word == "decade" else 100
        start = (dct.year // span + offset) * span
        value = str(start)[: 3 if span == 10 else 2]
        low, high = date(start, 1, 1), date(start + span - 1, 12, 31)
    if modifier == "START" and match.group("edge").lower() == "earlier" and offset == 0:
        high = min(high, dct - timedelta(days=1))
    if modifier == "END" and match.group("edge").lower() == "later" and offset == 0:
        low = max(low, dct + timedelta(days=1))
    reading = date_reading(
        match,
        "DATE",
        value,
        "publication",
        modifier=modifier,
        low=low.isoformat(),
        high=high.isoformat(),
    )
    if text_step is not None and unit_word in ("year", "quarter", "month", "week"):
        reading.extra["on_text"] = f"{unit_code(unit_word, context.lexicon)}{text_step:+d}"
    return reading


def unresolved_unit(
    match: re.Match[str], unit_word: str, context: Context, modifier: str | None
) -> Reading:
    """ "last month" with no publication date: TIMEX3 placeholders."""
    season = context.lexicon.seasons.get(unit_word)
    value = {
        "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX",
        "quarter": "XXXX-QX", "decade": "XXX", "century": "XX",
    }.get(unit_word, f"XXXX-{season}")  # fmt: skip
    return date_reading(
        match,
        "DATE",
        value,
        "unresolved",
        modifier=modifier,
        granularity="season" if season else unit_word.replace("weekend", "week"),
    )


def season_reading(
    match: re.Match[str], context: Context, word: str, rel: str, modifier: str | None
) -> Reading:
    """ "last fall", "this summer": the season's year relative to the publication date."""
    assert context.dct is not None
    code = context.lexicon.seasons[word]
    order = ["WI", "SP", "SU", "FA"]
    current = order[(context.dct.month % 12) // 3]
    year = context.dct.year
    if rel.startswith("last") or rel.endswith("past"):
        year -= 1 if order.index(code) >= order.index(current) else 0
    elif rel.startswith("next"):
        year += 1 if order.index(code) <= order.index(current) else 0
    return date_reading(match, "DATE", f"{year}-{code}", "publication", modifier=modifier)


def read_season_year(match: re.Match[str], context: Context) -> Reading | None:
    """ "summer 1998", "the spring of 2019"."""
    code = context.lexicon.seasons[match.group("season").lower()]
    return date_reading(
        match, "DATE", f"{match.group('year')}-{code}", "absolute", modifier=edge_modifier(match)
    )


def easter_day(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def holiday_date(name: str, table: str, year: int) -> date:
    """The date of a holiday in a year (Thanksgiving: the fourth Thursday of November)."""
    if table != "computed":
        return date(year, int(table[:2]), int(table[3:]))
    if name.startswith("easter"):
        return easter_day(year)
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def read_holiday(match: re.Match[str], context: Context) -> Reading | None:
    """ "Christmas", "Thanksgiving Day", "last Easter": the nearest one to the publication date."""
    name = re.sub(r"\s+", " ", match.group("holiday").lower())
    if not is_capitalized(match.group("holiday")):
        return None
    table = context.lexicon.holidays[name]
    if context.dct is None:
        value = f"XXXX-{table}" if table != "computed" else "XXXX-XX-XX"
        return date_reading(match, "DATE", value, "unresolved", granularity="day")
    rel = (match.group("rel") or "").lower()
    candidates = [holiday_date(name, table, context.dct.year + k) for k in (-1, 0, 1)]
    if rel == "last":
        day = max(d for d in candidates if d < context.dct)
    elif rel == "next":
        day = min(d for d in candidates if d > context.dct)
    else:
        day = min(candidates, key=lambda d: abs((d - context.dct).days))  # type: ignore[operator]
    return date_reading(
        match, "DATE", day.isoformat(), "publication", low=day.isoformat(), high=day.isoformat()
    )


def read_ago(match: re.Match[str], context: Context) -> Reading | None:
    """ "two days ago", "a year earlier", "42 years ago", "three weeks later"."""
    direction = match.group("dir").lower()
    if direction in ("before", "after"):
        return None  # "two days after the vote" is a duration (TimeML marks "after" a signal)
    amount = parse_number(match.group("num"), context.lexicon)
    code = unit_code(match.group("unit"), context.lexicon)
    sign = 1 if direction in ("later", "from now", "hence") or direction.startswith("from") else -1
    modifier = QUALIFIER_MODS.get(re.sub(r"\s+", " ", (match.group("qual0") or "").lower()))
    if amount is None:
        ref = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return date_reading(match, "DATE", ref, "publication", vague=True, granularity=None)
    shift = (code, int(sign * amount)) if amount == int(amount) else None
    if context.dct is None or shift is None:
        return date_reading(match, "DATE", "XXXX", "unresolved", granularity=None, shift=shift)
    value = shift_from(context.dct, code, shift[1])
    if value is None:
        return None
    reading = date_reading(match, "DATE", value, "publication", modifier=modifier, shift=shift)
    if direction not in ("earlier", "later"):
        # "two days ago" counts from the publication date; only "a year ago" next to a quarter
        # means that quarter a year before (results reports)
        reading.extra["shift_on"] = "quarter"
        if code != "Y":
            reading.shift = None
    return reading


def shift_from(dct: date, code: str, amount: int) -> str | None:
    """The publication date moved by `amount` units, at the unit's granularity."""
    if code == "D":
        return (dct + timedelta(days=amount)).isoformat()
    if code == "W":
        return format_week(dct + timedelta(weeks=amount))
    if code == "M":
        return format_month(add_months(dct, amount))
    if code == "Q":
        index = dct.year * 4 + (dct.month - 1) // 3 + amount
        return f"{index // 4}-Q{index % 4 + 1}"
    if code == "Y":
        return str(dct.year + amount)
    if code in ("DE", "CE"):  # "a decade ago": TimeBank gives the year
        return str(dct.year + (10 if code == "DE" else 100) * amount)
    return None  # clock units: a time of day we cannot place


def read_year_ago(match: re.Match[str], context: Context) -> Reading | None:
    """ "the year-earlier period", "the year-ago quarter", "year-earlier"."""
    noun = (match.group("noun") or "").lower()
    if "months" in noun:
        months = 9 if "nine" in noun else 6
        return date_reading(match, "DURATION", f"P{months}M", "absolute", granularity=None)
    if context.dct is None:
        return date_reading(match, "DATE", "XXXX", "unresolved", granularity=None)
    if noun in ("quarter", "period"):  # results reports: the quarter just ended, a year before
        index = context.dct.year * 4 + (context.dct.month - 1) // 3 - 5
        value = f"{index // 4}-Q{index % 4 + 1}"
        return date_reading(match, "DATE", value, "publication", shift=("Y", -1))
    return date_reading(match, "DATE", str(context.dct.year - 1), "publication", shift=("Y", -1))


def read_year_period(match: re.Match[str], context: Context) -> Reading | None:
    """ "the 1988 quarter": the quarter under discussion (the one named before in the text) in
    that year, else the year; "the 1989 period" (a quarter, nine months ...): the year."""
    year = match.group("year")
    reading = date_reading(match, "DATE", year, "absolute")
    if match.group("noun").lower() == "quarter":
        reading.extra["year_of"] = year
    return reading


def duration_value(amount: float | None, code: str) -> str:
    """A TIMEX3 duration: P3D, PT5H, P30Y (decades and centuries in years, as TimeBank has
    them); X for an unknown amount; a half unit in the next smaller unit."""
    clock = code.startswith("T")
    letter = code[1:] if clock else code
    if amount is not None and amount != int(amount):
        smaller = {
            "H": ("M", 60),
            "M": ("D", 30) if not clock else ("S", 60),
            "D": ("H", 24),
            "Y": ("M", 12),
            "W": ("D", 7),
        }.get(letter)
        if smaller and amount > 1:  # "2 1/2 years": P2Y6M, "5 1/2 hours": PT5H30M
            rest = duration_value(amount - int(amount), code)
            whole = duration_value(float(int(amount)), code)
            if clock or not rest.startswith("PT"):
                return whole + rest[2 if clock else 1 :]
            return whole + rest[1:]  # "1 1/2 days": P1DT12H
        if smaller:
            letter, factor = smaller
            clock = clock or letter == "H"
            amount *= factor
    if letter in ("DE", "CE") and amount is not None:
        amount, letter = amount * (10 if letter == "DE" else 100), "Y"
    count = "X" if amount is None else str(int(amount))
    return f"PT{count}{letter}" if clock else f"P{count}{letter}"


def duration_reading(
    match: re.Match[str],
    context: Context,
    amount: float | None,
    code: str,
    modifier: str | None,
    rel: str,
) -> Reading:
    """A DURATION reading; "the past two days" also gets the days it covers."""
    value = duration_value(amount, code)
    low = high = None
    if context.dct is not None and amount is not None and code in ("D", "W", "M", "Y"):
        days = {"D": 1, "W": 7, "M": 30, "Y": 365}[code] * int(amount)
        if rel.endswith(("past", "last", "previous", "recent")):
            low, high = context.dct - timedelta(days=max(days - 1, 0)), context.dct
        elif rel.endswith(("next", "coming", "following")):
            low, high = context.dct, context.dct + timedelta(days=days)
    return Reading(
        match.start(), match.end(), "DURATION", value, None, "absolute", modifier=modifier,
        low=low.isoformat() if low else None, high=high.isoformat() if high else None,
        vague=amount is None,
    )  # fmt: skip


def read_duration(match: re.Match[str], context: Context) -> Reading | None:
    """ "three decades", "the past two days", "almost 20 years", "a 16-hour", "two-year"."""
    num_text = match.group("num")
    if match.group("det") and num_text.lower() in ("a", "an"):
        return None
    if (match.group("suffix") or "").lower() == "-old":
        return None  # an age ("a 6-year-old"): TimeBank does not mark ages as durations
    following = context.text[match.end() : match.end() + 12]
    if re.match(r"[\s-]+old\b", following, re.IGNORECASE):
        return None  # "52 years old": an age too
    ordinal = num_text.lower() in ("a", "an") and match.group("unit").lower() == "second"
    if ordinal and re.match(r"\s+[a-z]", following):
        return None  # "a second group": the ordinal
    if re.fullmatch(r"\w+-quarters", match.group(0).split()[-1], re.IGNORECASE):
        return None  # "three-quarters" is a fraction
    if match.group(0).lower().endswith(" quarter") and FRACTION_OF_RE.match(following):
        return None  # "more than a quarter of the market": a fraction too
    amount = parse_number(num_text, context.lexicon)
    if amount is not None and match.group("half"):
        amount += 0.5  # "a minute and a half"
    code = unit_code(match.group("unit"), context.lexicon)
    qualifier = re.sub(r"\s+", " ", (match.group("qual") or "").lower())
    rel = (match.group("rel") or "").lower()
    if rel == "first" and amount is None and not match.group("det"):
        return None
    return duration_reading(match, context, amount, code, QUALIFIER_MODS.get(qualifier), rel)


def read_bare_units(match: re.Match[str], context: Context) -> Reading | None:
    """ "years", "recent weeks", "the coming months": a duration of unknown length."""
    if re.match(r"[\s-]+old\b", context.text[match.end() : match.end() + 8], re.IGNORECASE):
        return None  # "52 years old": an age
    code = unit_code(match.group("unit"), context.lexicon)
    return duration_reading(match, context, None, code, None, "")


def read_phrase(match: re.Match[str], context: Context) -> Reading | None:
    """Fixed phrases from time_phrases.tsv: "now", "recently", "daily" ..."""
    phrase = re.sub(r"\s+", " ", match.group(0).lower())
    if match.group(0) == "Now" and context.text.startswith(",", match.end()):
        return None  # "Now, he says, ...": the discourse marker, not the present
    kind, value = context.lexicon.phrases[phrase]
    if kind == "SET":
        return Reading(match.start(), match.end(), kind, value, None, "absolute", vague=True)
    anchor = "publication" if context.dct is not None else "unresolved"
    return Reading(match.start(), match.end(), kind, value, None, anchor, vague=True)


def read_spelled_year(match: re.Match[str], context: Context) -> Reading | None:
    """ "nineteen ninety-six", "the year two thousand" (broadcast transcripts)."""
    if match.group("hi"):
        high = parse_number(match.group("hi"), context.lexicon)
        low = parse_number(match.group("lo"), context.lexicon)
        if high is None or low is None:
            return None
        year = int(high) * 100 + int(low)
    else:
        extra = parse_number(match.group("lo2"), context.lexicon) if match.group("lo2") else 0
        year = 2000 + int(extra or 0)
    return date_reading(
        match, "DATE", str(year), "absolute", low=f"{year}-01-01", high=f"{year}-12-31"
    )
