"""The running example end to end (../shared/examples/kazakhstan-unrest-2022.txt)."""

import newsgraph

OPENING = "ALMATY, Kazakhstan. — Kazakhstan President Kassym-Jomart Tokayev has ordered"


def test_running_example_is_cleaned_with_dateline_and_date(example_path, tmp_path):
    summary = newsgraph.ingest(example_path, db=tmp_path / "n.db", published="2022-01-07")
    assert (summary.stored, summary.failed) == (1, 0)
    document = newsgraph.extract(example_path, published="2022-01-07", analyze=False).document

    assert document.text.startswith(OPENING)  # "Listen Live" is gone from the body
    assert "Listen Live" not in document.text
    assert [(f.kind, f.detail) for f in document.quality_flags] == [
        ("boilerplate_line", "Listen Live")
    ]
    assert (document.dateline.place, document.dateline.region) == ("Almaty", "Kazakhstan")
    assert document.text[slice(*document.dateline.span)] == "ALMATY, Kazakhstan"
    assert (document.published, document.published_precision) == ("2022-01-07", "day")
    assert document.language == "en"
    assert document.title is None  # the article has no headline line


def test_running_example_keeps_curly_quotes_and_dashes_exactly(example_path):
    raw = example_path.read_text(encoding="utf-8")
    document = newsgraph.extract(example_path, analyze=False).document
    for fragment in ["“kill without warning”", "‘fakes’", "Kazakhstan’s", "oil-rich nation — all"]:
        assert fragment in document.text
    # every paragraph of the original body is in the clean text, unchanged
    for paragraph in raw.split("\n\n")[1:]:
        assert paragraph.strip() in document.text
