"""Dates: time expressions normalised against the publication date (issue 4's cases)."""

from __future__ import annotations

import pytest
import spacy

from newsgraph.analyze import dates  # noqa: F401  (registers the newsgraph_dates factory)
from newsgraph.analyze.pipeline import register_extensions
from newsgraph.analyze.timex import find_time_expressions
from newsgraph.records import Document, TimeExpr

PUBLISHED = "2022-01-07"  # a Friday


def only_time(text: str, published: str | None = PUBLISHED) -> TimeExpr:
    """The single time expression found in `text`."""
    (time,) = find_time_expressions(text, published)
    return time


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Protesters stormed the building on Friday.", "Friday", "2022-01-07"),
        ("Police opened fire on Thursday.", "Thursday", "2022-01-06"),
        ("Prices rose sharply last month.", "last month", "2021-12"),
        ("The curfew lasts until January 19.", "January 19", "2022-01-19"),
        ("Elections are due on January 19.", "January 19", "2022-01-19"),
        ("The party has ruled since 1991.", "1991", "1991"),
        ("The protests in 2019 were smaller.", "2019", "2019"),
        (
            "The ministry said on Monday, Jan. 3, 2022, that ...",
            "Monday, Jan. 3, 2022",
            "2022-01-03",
        ),
        ("A year ago, prices were lower.", "A year ago", "2021"),
        ("Sales fell in the third quarter.", "the third quarter", "2021-Q3"),
        ("He spoke yesterday.", "yesterday", "2022-01-06"),
    ],
)
def test_find_time_expressions_resolves_against_publication(text, phrase, value):
    time = only_time(text)
    assert (time.text, time.value, time.type) == (phrase, value, "DATE")
    assert time.span == (text.index(phrase), text.index(phrase) + len(phrase))
    assert time.anchor in ("publication", "absolute")


def test_find_time_expressions_reads_late_wednesday_as_that_day_late():
    time = only_time("Troops arrived late Wednesday.")
    assert (time.text, time.value, time.modifier) == ("late Wednesday", "2022-01-05", "END")


def test_find_time_expressions_gives_earlier_this_week_an_interval():
    time = only_time("Fuel prices doubled earlier this week.")
    assert (time.text, time.value, time.granularity) == ("earlier this week", "2022-W01", "week")
    assert time.low in ("2022-01-02", "2022-01-03")  # Sunday- or ISO Monday-start week
    assert time.high == "2022-01-06"  # before the publication day


def test_find_time_expressions_reads_the_past_two_days_as_a_duration():
    time = only_time("Hundreds were detained in the past two days.")
    assert (time.text, time.type, time.value) == ("the past two days", "DURATION", "P2D")
    assert (time.low, time.high) == ("2022-01-06", "2022-01-07")


def test_find_time_expressions_reads_almost_three_decades_as_a_duration():
    time = only_time("He ruled for almost three decades.")
    assert (time.text, time.type, time.value) == ("almost three decades", "DURATION", "P30Y")
    assert time.modifier == "LESS_THAN"  # TimeML: "almost" -> LESS_THAN


def test_find_time_expressions_records_the_bounding_preposition():
    assert only_time("The curfew lasts until January 19.").signal == "until"
    assert only_time("The party has ruled since 1991.").signal == "since"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Protesters stormed the building on Friday.", "XXXX-WXX-5"),
        ("Prices rose sharply last month.", "XXXX-XX"),
        ("The curfew lasts until January 19.", "XXXX-01-19"),
        ("Fuel prices doubled earlier this week.", "XXXX-WXX"),
    ],
)
def test_find_time_expressions_without_publication_date_stays_unresolved(text, value):
    time = only_time(text, published=None)
    assert (time.value, time.anchor) == (value, "unresolved")


def test_find_time_expressions_keeps_absolute_dates_without_publication_date():
    time = only_time("The party has ruled since 1991.", published=None)
    assert (time.value, time.anchor) == ("1991", "absolute")


def test_find_time_expressions_puts_past_month_days_in_last_year():
    time = only_time("The deal was signed on Nov. 25.", published="2000-01-15")
    assert time.value == "1999-11-25"


def test_find_time_expressions_reads_a_future_weekday_ahead():
    time = only_time("The talks will resume on Tuesday.", published="2022-01-07")
    assert time.value == "2022-01-11"


def test_find_time_expressions_anchors_a_year_earlier_on_the_quarter():
    text = "Profit rose in the third quarter, up from $3 million a year earlier."
    quarter, earlier = find_time_expressions(text, "1989-10-26")
    assert (quarter.value, earlier.value) == ("1989-Q3", "1988-Q3")
    assert (earlier.anchor, earlier.anchor_id) == ("text", quarter.id)


@pytest.mark.parametrize(
    "text", ["He is a 6-year-old boy.", "About three-quarters voted.", "Prices may rise."]
)
def test_find_time_expressions_ignores_ages_fractions_and_modals(text):
    assert find_time_expressions(text, PUBLISHED) == []


def test_date_stage_assigns_times_from_the_document():
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("newsgraph_dates")
    text = "Protesters stormed the building on Friday."
    doc = nlp.make_doc(text)
    doc._.document = Document(text=text, source="test", source_kind="text", published=PUBLISHED)
    doc = nlp.get_pipe("newsgraph_dates")(doc)
    assert [(t.id, t.text, t.value) for t in doc._.times] == [("t1", "Friday", "2022-01-07")]


EXAMPLE_DATES = [  # kazakhstan-unrest-2022.expected.md, "Dates"
    ("Friday", "DATE", "2022-01-07"),
    ("Thursday", "DATE", "2022-01-06"),
    ("earlier this week", "DATE", "2022-W01"),
    ("January 19", "DATE", "2022-01-19"),
    ("2020", "DATE", "2020"),
    ("1991", "DATE", "1991"),
    ("2019", "DATE", "2019"),
    ("almost three decades", "DURATION", "P30Y"),
]


def test_running_example_dates_come_out_right(example_path):
    text = example_path.read_text(encoding="utf-8")
    times = find_time_expressions(text, "2022-01-07")
    found = {(t.text, t.type, t.value) for t in times}
    for expected in EXAMPLE_DATES:
        assert expected in found, f"{expected} not in {sorted(found)}"
    for time in times:
        assert text[time.span[0] : time.span[1]] == time.text
    (until,) = [t for t in times if t.text == "January 19"]
    assert until.signal == "until"
    (week,) = [t for t in times if t.text == "earlier this week"]
    assert (week.low, week.high) in (("2022-01-02", "2022-01-06"), ("2022-01-03", "2022-01-06"))


@pytest.mark.parametrize(
    ("text", "phrase", "kind", "value"),
    [
        ("Sales rose for the year.", "the year", "DATE", "2022"),
        ("Profit for the year ended June 30 rose.", "the year", "DURATION", "P1Y"),
        ("Sales for the full year rose.", "the full year", "DATE", "2022"),
        ("Profit fell in the latest period.", "the latest period", "DATE", "2021-Q4"),
        ("It took 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
        ("It took 5 1/2 hours.", "5 1/2 hours", "DURATION", "PT5H30M"),
        ("It lasted a minute and a half.", "a minute and a half", "DURATION", "PT1M30S"),
        ("It fell for eight trading days.", "eight trading days", "DURATION", "P8D"),
        ("It will grow over the next couple of years.", "the next couple of years", "DURATION",
         "P2Y"),
        ("The rebels split in June last year.", "June last year", "DATE", "2021-06"),
        ("It began in February this year.", "February this year", "DATE", "2022-02"),
        ("An 11th century temple.", "11th century", "DATE", "10"),
        ("Hate groups shrank through the nineties.", "the nineties", "DATE", "199"),
        ("He appears in court at midday.", "midday", "TIME", "2022-01-07T12:00"),
        ("It pays interest every quarter.", "every quarter", "SET", "P1Q"),
        ("Flights leave each Thursday.", "each Thursday", "SET", "XXXX-WXX-4"),
        ("Flights leave on Tuesday nights.", "Tuesday nights", "SET", "XXXX-WXX-2TNI"),
        ("The fair opens each July.", "each July", "SET", "XXXX-07"),
    ],
)  # fmt: skip
def test_find_time_expressions_reads_tempeval_conventions(text, phrase, kind, value):
    (time,) = [t for t in find_time_expressions(text, PUBLISHED) if t.text == phrase]
    assert (time.text, time.type, time.value) == (phrase, kind, value)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("He was born on May 22, 1995, and the following year he moved.", "the following year",
         "1996"),
        ("He fled in June 1998 and returned later that year.", "later that year", "1998"),
        ("Sales rose in the third quarter, after a loss in the 2020 quarter.", "the 2020 quarter",
         "2020-Q3"),
    ],
)  # fmt: skip
def test_find_time_expressions_anchors_that_year_on_the_text(text, phrase, value):
    (time,) = [t for t in find_time_expressions(text, PUBLISHED) if t.text == phrase]
    assert (time.value, time.anchor) == (value, "text")


@pytest.mark.parametrize("text", ["He is 52 years old.", "A second group of directors resigned."])
def test_find_time_expressions_ignores_ages_and_the_ordinal_second(text):
    assert find_time_expressions(text, PUBLISHED) == []


def test_find_time_expressions_reads_a_weekday_after_lower_than_expected_as_past():
    text = "It reported lower-than-expected earnings after the market closed Wednesday."
    assert only_time(text).value == "2022-01-05"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("In March, the company cut 300 jobs.", "2021-03"),  # told in October: this March
        ("The company must repay the loan by March.", "2022-03"),  # a deadline looks ahead
        ("The deal is expected to close in March.", "2022-03"),  # so does a future sentence
    ],
)
def test_find_time_expressions_reads_a_bare_month_as_past_unless_the_clause_looks_ahead(
    text, value
):
    assert only_time(text, "2021-10-27").value == value


def test_find_time_expressions_reads_a_possessive_weekday_as_past():
    text = "Lawyers will appeal Wednesday's ruling."  # the ruling was given, whatever comes next
    assert only_time(text).value == "2022-01-05"


@pytest.mark.parametrize(
    ("text", "phrase", "kind", "value"),
    [
        ("Shares rose by mid-afternoon yesterday.", "mid-afternoon yesterday", "TIME",
         "2022-01-06TAF"),
        ("Trading was thin in late morning.", "late morning", "TIME", "2022-01-07TMO"),
        ("Talks resume the week of March 6.", "the week of March 6", "DATE", "2022-W09"),
    ],
)  # fmt: skip
def test_find_time_expressions_reads_parts_of_days_and_weeks_of_a_date(text, phrase, kind, value):
    time = only_time(text)
    assert (time.text, time.type, time.value) == (phrase, kind, value)


@pytest.mark.parametrize(
    "text",
    [
        "Now, he says, the deal is off.",  # the discourse marker
        "The index closed at 1678.5 points.",  # a number, not a year
        "Funds hold more than a quarter of the market.",  # a fraction
    ],
)
def test_find_time_expressions_ignores_markers_numbers_and_fractions(text):
    assert find_time_expressions(text, PUBLISHED) == []
