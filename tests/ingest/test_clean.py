import pytest

from newsgraph.ingest.clean import clean_text, find_dateline, repair_mojibake


def test_clean_drops_listen_live_line_and_flags_it():
    cleaned = clean_text("Listen Live\n\nALMATY, Kazakhstan. — Protests spread on Friday.")
    assert cleaned.text == "ALMATY, Kazakhstan. — Protests spread on Friday."
    assert [(f.kind, f.detail) for f in cleaned.flags] == [("boilerplate_line", "Listen Live")]


def test_clean_keeps_prose_that_starts_like_boilerplate():
    sentence = "Read more about the long history of protests in the region in our archive today."
    assert clean_text(sentence).text == sentence


def test_clean_normalizes_newlines_and_paragraphs():
    cleaned = clean_text("First para line one\r\nline two\r\n\r\n\r\n\r\nSecond para.  \r\n")
    assert cleaned.text == "First para line one\nline two\n\nSecond para."


def test_clean_finds_headline_only_when_asked():
    raw = "Protesters storm airport in Almaty\n\nALMATY — Crowds gathered on Thursday."
    assert clean_text(raw).title is None
    cleaned = clean_text(raw, find_title=True)
    assert cleaned.title == "Protesters storm airport in Almaty"
    assert cleaned.text.startswith("ALMATY — Crowds")
    assert cleaned.dateline.place == "Almaty"


def test_clean_single_paragraph_is_never_a_title():
    assert clean_text("Just one short line", find_title=True).title is None


@pytest.mark.parametrize(
    ("text", "place", "region", "agency", "head"),
    [
        ("ALMATY, Kazakhstan. — Kazakhstan President", "Almaty", "Kazakhstan", None,
         "ALMATY, Kazakhstan"),
        ("WASHINGTON (Reuters) - The U.S.", "Washington", None, "Reuters", "WASHINGTON (Reuters)"),
        ("KYIV, Ukraine (AP) — Russia", "Kyiv", "Ukraine", "AP", "KYIV, Ukraine (AP)"),
        ("NEW YORK, Jan 5 (Reuters) - Stocks", "New York", None, "Reuters",
         "NEW YORK, Jan 5 (Reuters)"),
        ("WASHINGTON, D.C. — Lawmakers", "Washington", "D.C.", None, "WASHINGTON, D.C."),
    ],
)  # fmt: skip
def test_find_dateline_variants(text, place, region, agency, head):
    dateline = find_dateline(text)
    assert (dateline.place, dateline.region, dateline.agency) == (place, region, agency)
    assert text[slice(*dateline.span)] == head == dateline.text


@pytest.mark.parametrize(
    "text", ["Tokayev said — nothing", "A — b", "US officials said - x", "In ALMATY — x"]
)
def test_find_dateline_ignores_ordinary_sentences(text):
    assert find_dateline(text) is None


def test_clean_extractor_output_lines_become_paragraphs_and_h1_is_dropped():
    extracted = "Curfew in Lima\nLIMA, Peru — A curfew began on Tuesday.\nPolice said 64 were held."
    cleaned = clean_text(extracted, known_title="Curfew  in Lima", line_per_paragraph=True)
    assert cleaned.text == "LIMA, Peru — A curfew began on Tuesday.\n\nPolice said 64 were held."
    assert cleaned.dateline.place == "Lima"
    assert cleaned.title is None  # the title is the page's; the repeated <h1> just leaves the body


def test_repair_mojibake_undoes_utf8_read_as_windows_1252():
    garbled = "â€œNobodyâ€� came, he didnâ€™t say.Â\xa0Storiesâ€”here"
    assert repair_mojibake(garbled) == "“Nobody” came, he didn’t say.\xa0Stories—here"
    assert repair_mojibake("related storiesÂ board") == "related stories board"
    assert repair_mojibake("a naïve café in Zürich") == "a naïve café in Zürich"


def test_clean_text_repairs_garbled_text_and_flags_it():
    cleaned = clean_text("Police didnâ€™t act.\n\nâ€œNobody came,â€\u009d she said.")
    assert cleaned.text == "Police didn’t act.\n\n“Nobody came,” she said."
    [flag] = [f for f in cleaned.flags if f.kind == "mojibake_repaired"]
    assert flag.detail == "3 garbled characters"
    assert not clean_text("A naïve café.").flags
