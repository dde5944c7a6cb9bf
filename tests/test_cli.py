import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.pages import ARTICLE_TEXT

from newsgraph.cli import build_parser, main
from newsgraph.store import open_store

README = Path(__file__).resolve().parents[1] / "README.md"


def commands():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    return sorted(subparsers.choices)


@pytest.mark.parametrize("command", commands())
def test_every_command_is_documented_in_the_readme(command):
    assert re.search(rf"newsgraph {command}\b", README.read_text()), command


def test_ingest_documents_show_round_trip(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Police fire tear gas in Nairobi\n\n" + ARTICLE_TEXT)
    db = str(tmp_path / "n.db")
    assert main(["ingest", str(tmp_path), "--db", db, "--published", "2024-06-25",
                 "--no-progress"]) == 0  # fmt: skip
    assert "stored 1" in capsys.readouterr().err
    assert main(["documents", "--db", db, "--format", "json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["title"] == "Police fire tear gas in Nairobi"
    assert listed["published"] == "2024-06-25"
    assert main(["show", listed["id"][:8], "--db", db]) == 0
    out = capsys.readouterr().out
    assert "dateline" in out and ARTICLE_TEXT in out


def test_ingest_exit_code_when_everything_failed(tmp_path, capsys):
    (tmp_path / "x.bin").write_bytes(b"\x00\x01\x02" * 100)
    code = main(["ingest", str(tmp_path / "x.bin"), str(tmp_path / "missing.txt"),
                 "--db", str(tmp_path / "n.db"), "--no-progress"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 3
    assert "E004 binary content" in err and "E001 no such file" in err
    assert main(["errors", "--db", str(tmp_path / "n.db")]) == 0
    assert capsys.readouterr().out.count("\n") == 2


def test_extract_prints_the_document_as_json(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Listen Live\n\n" + ARTICLE_TEXT)
    args = ["extract", str(tmp_path / "a.txt"), "--published", "2024-06-25"]
    assert main([*args, "--no-analyze"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["text"] == ARTICLE_TEXT
    assert record["dateline"]["place"] == "Nairobi"
    assert record["quality_flags"] == [{"kind": "boilerplate_line", "detail": "Listen Live"}]


def test_extract_of_a_bad_input_fails_with_a_clear_line(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("")
    assert main(["extract", str(tmp_path / "empty.txt")]) == 3
    assert "E002 no text left after cleaning" in capsys.readouterr().err


def test_bad_published_date_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["ingest", "x.txt", "--published", "last friday"])
    assert caught.value.code == 2
    assert "not an ISO 8601 date" in capsys.readouterr().err


def test_show_unknown_id(tmp_path, capsys):
    assert main(["show", "deadbeef", "--db", str(tmp_path / "n.db")]) == 1
    assert "no single document" in capsys.readouterr().err


def test_eval_unknown_task_lists_known_ones(tmp_path, capsys):
    assert main(["eval", "nope", "--data", str(tmp_path)]) == 2
    assert "scrapinghub-aeb" in capsys.readouterr().err


def test_python_dash_m_runs_the_same_command_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "newsgraph", "eval", "nope", "--data", str(tmp_path)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 2 and "scrapinghub-aeb" in result.stderr


def test_cli_reference_in_docs_is_up_to_date():
    script = README.parent / "scripts" / "cli_reference.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_extract_prints_the_analysis_by_default(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE_TEXT)
    assert main(["extract", str(tmp_path / "a.txt")]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["document"]["text"] == ARTICLE_TEXT
    names = {entity["name"] for entity in record["entities"]}
    assert {"Kenya Red Cross", "police"} <= names
    for mention in record["mentions"]:
        assert ARTICLE_TEXT[mention["span"][0] : mention["span"][1]] == mention["text"]


def test_ingest_stores_the_analysis_and_analyze_redoes_it(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE_TEXT)
    db = str(tmp_path / "n.db")
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", db, "--no-analyze"]) == 0
    assert main(["analyze", "--db", db]) == 0
    err = capsys.readouterr().err
    assert "analysed 1 documents" in err and "clustered 1 documents" in err
    with open_store(db) as store:
        assert store.ids_to_cluster() == []  # analysed documents are grouped, as after ingest
    assert main(["documents", "--db", db, "--format", "json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert main(["show", listed["id"], "--db", db]) == 0
    shown = capsys.readouterr().out
    assert "actors:" in shown and "Kenya Red Cross" in shown
    assert main(["analyze", "--db", db]) == 0  # nothing left to do
    assert "analysed 0 documents" in capsys.readouterr().err


@pytest.mark.slow
def test_cluster_rebuild_gives_what_ingest_stored(tmp_path, capsys):
    from helpers.syndicated import syndicated_documents

    for document in syndicated_documents()[:3]:
        (tmp_path / document.source).write_text(document.text)
    db = str(tmp_path / "n.db")
    assert main(["ingest", str(tmp_path), "--db", db, "--published", "2024-06-25",
                 "--no-progress"]) == 0  # fmt: skip
    assert main(["cluster", "--db", db, "--format", "json"]) == 0
    incremental = json.loads(capsys.readouterr().out)
    assert main(["cluster", "--db", db, "--rebuild", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == incremental
    assert any(c["figures"] and c["sources"] == 1 and c["reports"] == 3 for c in incremental)
