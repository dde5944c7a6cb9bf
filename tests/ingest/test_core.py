import json

from helpers.pages import ARTICLE_TEXT, article_html, rss_feed
from helpers.server import serve
from helpers.warc import http_response, warc_record, write_warc

from newsgraph.ingest.core import (
    EXIT_ALL_FAILED,
    EXIT_OK,
    EXIT_SOME_FAILED,
    RunSummary,
    ingest_sources,
)
from newsgraph.ingest.options import IngestOptions

FRENCH = (
    "PARIS — Des milliers de manifestants ont défilé samedi dans les rues de la capitale pour "
    "protester contre la hausse des prix du carburant, selon la préfecture de police."
)


def write_bad_inputs(folder):
    """One file per kind of bad input, plus one good article."""
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE_TEXT)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("   \n\n  \n")
    (folder / "only-chrome.txt").write_text("Listen Live\nAdvertisement\n")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "binary.dat").write_bytes(bytes(range(256)) * 8)
    (folder / "broken.html").write_text(f"<html><body><div><p>{ARTICLE_TEXT} <b>unclosed <p><i>")
    (folder / "no-text.html").write_text("<html><body><nav><a href='/'>Home</a></nav><script>x(")
    (folder / "huge.txt").write_text("word " * 50_000)


def test_bad_inputs_are_recorded_and_the_batch_goes_on(tmp_path, store):
    write_bad_inputs(tmp_path / "in")
    summary = ingest_sources([str(tmp_path / "in")], store, IngestOptions(max_bytes=100_000))
    assert summary.stored == 2  # good.txt, and broken.html recovered from its malformed markup
    failed = {f.source.rsplit("/", 1)[1]: f.code for f in summary.failures}
    # a page of chrome only: no main text found, or only chrome lines that cleaning removed
    assert failed.pop("no-text.html") in ("E002", "E007")
    assert failed == {
        "binary.dat": "E004", "image.png": "E004", "empty.txt": "E002", "blank.txt": "E002",
        "only-chrome.txt": "E002", "huge.txt": "E003",
    }  # fmt: skip
    assert len(store.list_errors(summary.run_id)) == len(summary.failures) == 7
    assert summary.exit_code == EXIT_SOME_FAILED
    [run] = store.list_runs()
    assert (run.status, run.stored, run.failed) == ("done", 2, 7)


def test_same_article_twice_is_stored_once_and_said_so(tmp_path, store, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE_TEXT)
    (tmp_path / "copy.txt").write_text(ARTICLE_TEXT + "\n\n")  # same clean text
    summary = ingest_sources([str(tmp_path)], store)
    assert (summary.stored, summary.duplicates) == (1, 1)
    assert "duplicate:" in capsys.readouterr().err
    assert store.count_documents() == 1


def test_rerun_resumes_skipping_finished_sources(tmp_path, store):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"{ARTICLE_TEXT} Story {n}.")
    first = ingest_sources([str(tmp_path)], store)
    (tmp_path / "3.txt").write_text(f"{ARTICLE_TEXT} Story 3.")
    second = ingest_sources([str(tmp_path)], store)
    assert (first.stored, second.stored, second.skipped) == (3, 1, 3)
    (tmp_path / "0.txt").write_text(f"{ARTICLE_TEXT} Story 0, updated.")  # changed: read again
    third = ingest_sources([str(tmp_path)], store)
    assert (third.stored, third.skipped) == (1, 3)


def test_metadata_precedence_input_then_page_then_command_line(tmp_path, store):
    (tmp_path / "page.html").write_text(article_html())
    lines = [{"text": ARTICLE_TEXT + " One.", "published": "2024-06-20", "outlet": "Wire"},
             {"text": ARTICLE_TEXT + " Two."}]  # fmt: skip
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(line) for line in lines))
    options = IngestOptions(published="2024-01-01", outlet="Given", url="https://given.example/")
    ingest_sources([str(tmp_path)], store, options)
    by_kind = {}
    for document in store.list_documents():
        by_kind.setdefault(document.source_kind, []).append(document)
    jsonl_with, jsonl_without = by_kind["jsonl"]
    assert (jsonl_with.published, jsonl_with.outlet) == ("2024-06-20", "Wire")
    assert (jsonl_without.published, jsonl_without.outlet) == ("2024-01-01", "Given")
    [page] = by_kind["html"]
    assert page.published.startswith("2024-06-25") and page.outlet == "The Test Courier"
    assert page.title == "Police disperse protest in Nairobi"


def test_non_english_is_stored_and_flagged(tmp_path, store):
    (tmp_path / "fr.txt").write_text(FRENCH)
    ingest_sources([str(tmp_path)], store)
    [document] = store.list_documents()
    assert document.language == "fr"
    assert not document.is_english
    assert ("non_english", "fr") in [(f.kind, f.detail) for f in document.quality_flags]


def test_mixed_encoding_is_repaired_and_flagged(tmp_path, store):
    data = (ARTICLE_TEXT + "\n\n").encode() + "A “quoted” line in cp1252.".encode("cp1252")
    (tmp_path / "mixed.txt").write_bytes(data)
    ingest_sources([str(tmp_path)], store)
    [document] = store.list_documents()
    assert document.text.endswith("A “quoted” line in cp1252.")
    assert "mixed_encoding" in [f.kind for f in document.quality_flags]


def test_urls_and_feeds_from_a_local_server(store):
    lagos = "LAGOS — Flooding hit Lagos."
    routes = {
        "/a": (200, "text/html", article_html("Story A").encode()),
        "/b": (200, "text/html", article_html("Story B", body=lagos).encode()),
        "/pdf": (200, "application/pdf", b"%PDF-1.4"),
    }
    with serve(routes) as base:
        routes["/feed"] = (
            200,
            "application/rss+xml",
            rss_feed([base + "/a", base + "/b"]).encode(),
        )
        options = IngestOptions(allow_private=True, timeout=5)
        summary = ingest_sources([base + "/feed", base + "/pdf", base + "/404"], store, options)
        refused = ingest_sources([base + "/pdf"], store, IngestOptions())
        again = ingest_sources([base + "/feed"], store, options)
    assert (summary.stored, summary.failed) == (2, 2)
    assert sorted(f.code for f in summary.failures) == ["E010", "E011"]
    assert sorted(d.title for d in store.list_documents()) == ["Story 1", "Story 2"]
    assert [f.code for f in refused.failures] == ["E012"]  # loopback without --allow-private
    assert (again.stored, again.skipped) == (0, 2)  # the feed is re-read, its items resumed


def test_exit_codes():
    assert RunSummary(stored=2).exit_code == EXIT_OK
    assert RunSummary(stored=1, failed=1).exit_code == EXIT_SOME_FAILED
    assert RunSummary(failed=3).exit_code == EXIT_ALL_FAILED
    assert RunSummary(skipped=3, failed=1).exit_code == EXIT_SOME_FAILED
    assert RunSummary(stored=1, interrupted=True).exit_code == 130


def test_warc_crawl_date_is_only_a_fallback_for_the_publication_date(tmp_path, store):
    dated = article_html("Dated")  # the page says 2024-06-25
    date_meta = '<meta property="article:published_time" content="2024-06-25T09:00:00Z">'
    undated = (
        dated.replace(date_meta, "").replace("Copyright 2024", "").replace("Nairobi", "Kisumu")
    )
    records = [
        warc_record("http://example.org/dated", http_response(dated.encode())),
        warc_record("http://example.org/undated", http_response(undated.encode())),
    ]
    ingest_sources([str(write_warc(tmp_path / "c.warc", records))], store)
    by_url = {d.url: d for d in store.list_documents()}
    assert by_url["http://example.org/dated"].published.startswith("2024-06-25")
    undated_doc = by_url["http://example.org/undated"]
    assert undated_doc.published == "2022-01-07T10:00:00+00:00"  # the WARC-Date
    assert "published_from_crawl_date" in [f.kind for f in undated_doc.quality_flags]
