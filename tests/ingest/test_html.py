"""extract_html on small hand-written pages."""

from __future__ import annotations

import pytest

from newsgraph.errors import Reason, Rejected
from newsgraph.ingest.html import (
    choose_text,
    clean_title,
    extract_html,
    split_authors,
)

PARAGRAPHS = [
    "The city council voted on Tuesday to approve a new budget for the coming year, "
    "ending months of debate between the mayor and several district representatives.",
    "Under the plan, spending on public transport rises by twelve percent, while the "
    "parks department will see its funding frozen at the level of the previous year.",
    "Opponents said the decision ignored the needs of residents in the northern districts, "
    "where bus services have been cut twice since the start of the decade.",
    "The mayor, speaking after the vote, said the budget was a fair compromise and promised "
    "a review of the northern bus routes before the end of the summer.",
]

ARTICLE_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Council approves budget | Example Gazette</title>
<meta property="og:site_name" content="Example Gazette">
<meta property="og:title" content="Council approves budget">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-03-04T10:15:00Z">
</head><body>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/politics">Politics navigation link</a></li>
<li><a href="/sport">Sport section link</a></li></ul></nav></header>
<main><article>
<h1>Council approves budget</h1>
<p class="byline">By Jane Doe</p>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article></main>
<footer><p>Copyright 2021 Example Gazette Media Group. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li></ul>
</footer>
</body></html>
"""


@pytest.fixture(scope="module")
def article():
    return extract_html(ARTICLE_PAGE, "https://news.example.co.uk/politics/budget")


def test_main_text_is_kept(article):
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text


def test_navigation_and_footer_are_dropped(article):
    assert "navigation link" not in article.text
    assert "All rights reserved" not in article.text
    assert "Privacy policy" not in article.text


def test_metadata_is_extracted(article):
    assert article.title == "Council approves budget"
    assert article.authors == ["Jane Doe"]
    assert article.published == "2021-03-04"
    assert article.published_precision == "day"
    assert article.outlet == "Example Gazette"
    assert article.extractor.startswith("trafilatura")


def test_outlet_falls_back_to_registered_domain():
    page = ARTICLE_PAGE.replace('<meta property="og:site_name" content="Example Gazette">', "")
    page = page.replace("| Example Gazette", "")
    result = extract_html(page, "https://www.example.co.uk/politics/budget")
    assert result.outlet in {"example.co.uk", "Example"}


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><body></body></html>",
        "<html><head><title>Nothing</title></head>"
        "<body><nav><a href='/'>Home</a></nav></body></html>",
    ],
)
def test_page_without_text_is_rejected(html):
    with pytest.raises(Rejected) as caught:
        extract_html(html, "https://example.org/empty")
    assert caught.value.reason is Reason.NO_MAIN_TEXT


def test_choose_text_prefers_precision_when_it_keeps_most_text():
    standard = "word " * 100
    precise = "word " * 95
    text, extractor = choose_text(standard, precise, lambda: pytest.fail("no referee needed"))
    assert (text, extractor) == (precise, "trafilatura-precision")


def test_choose_text_asks_readability_when_precision_drops_a_lot():
    standard = " ".join(f"s{i}" for i in range(200))
    precise = " ".join(f"s{i}" for i in range(20))
    assert choose_text(standard, precise, lambda: standard) == (standard, "trafilatura")
    assert choose_text(standard, precise, lambda: precise)[0] == precise


def test_choose_text_falls_back_to_readability_only_with_enough_text():
    long_text = "A readable paragraph with enough characters."
    assert choose_text("", "", lambda: long_text) == (long_text, "readability")
    assert choose_text("", "", lambda: "tiny")[0] == ""


def test_clean_title_drops_site_part():
    assert (
        clean_title("Budget passes | Example Gazette", "Example Gazette", None) == "Budget passes"
    )
    assert clean_title("Budget passes - example", None, "https://www.example.com/x") == (
        "Budget passes"
    )
    assert clean_title("Left - Right", None, None) == "Left - Right"
    assert clean_title(None, None, None) is None


def test_split_authors_cleans_bylines_and_outlet():
    assert split_authors("By Jane Doe; John Roe; Example Gazette", "Example Gazette") == [
        "Jane Doe",
        "John Roe",
    ]
    assert split_authors(None) == []
