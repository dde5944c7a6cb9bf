"""gva-clusters: the gold and response clusterings and the B-cubed scores on hand-made incidents,
events, event clusters and article groups; the reader on the real dev side (skipped without
../shared)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import eval_data

from newsgraph.evaluate.gva import Incident, read_gva
from newsgraph.evaluate.gva_clusters import (
    article_clustering,
    date_city_clustering,
    gold_clustering,
    score_articles,
    shuffled,
)
from newsgraph.evaluate.registry import run_evaluator
from newsgraph.records import Analysis, Document, Place


def test_gold_keeps_the_first_incident_of_an_article_listed_twice():
    incidents = [Incident("1", 1, 0, ["a", "b"]), Incident("2", 0, 1, ["c", "b"])]
    assert gold_clustering(incidents) == {"a": "1", "b": "1", "c": "2"}


def test_shuffle_is_fixed_and_independent_of_input_order():
    ids = [f"d{i}" for i in range(20)]
    assert shuffled(ids) == shuffled(reversed(ids))
    assert sorted(shuffled(ids)) == sorted(ids) and shuffled(ids) != sorted(ids)


ARTICLES = {"a": "A", "b": "B", "c": "C", "d": "D", "e": "E", "f": "A"}  # f: the text of a


def test_articles_join_through_main_events_and_article_groups():
    clusters = [
        SimpleNamespace(members=[("A", "ev1"), ("B", "ev1")]),  # a and b: their main events
        SimpleNamespace(members=[("C", "ev2"), ("D", "ev1")]),  # C's ev2 is not its main event
        SimpleNamespace(members=[("C", "ev1")]),
        SimpleNamespace(members=[("E", "ev1")]),
    ]
    main = {"A": "ev1", "B": "ev1", "C": "ev1", "D": "ev1", "E": "ev1"}
    groups = [SimpleNamespace(document_ids=["D", "E"]), SimpleNamespace(document_ids=["A"])]
    response = article_clustering(ARTICLES, clusters, main, groups)
    assert response["a"] == response["b"] == response["f"]  # f has a's text
    assert response["d"] == response["e"] != response["c"]  # one article group
    assert response["c"] != response["a"]
    events_only = article_clustering(ARTICLES, clusters, main, groups, use_groups=False)
    assert events_only["d"] != events_only["e"]
    any_event = article_clustering(ARTICLES, clusters, main, groups, any_event=True)
    assert any_event["c"] == any_event["d"] == any_event["e"]


def test_articles_without_events_or_groups_stay_alone():
    response = article_clustering(ARTICLES, [], dict.fromkeys("ABCDE"), [])
    assert len(set(response.values())) == 5  # a and f share one text


def analysis(text: str, published: str | None, city: int | None, feature: str = "P") -> Analysis:
    places = [Place(id="p1", span=(0, 4), text="Gary", geonames_id=city, feature_class=feature)]
    return Analysis(
        document=Document(text=text, source=text, source_kind="text", published=published),
        places=places if city else [],
        focus_place_id="p1" if city else None,
    )


def test_date_city_baseline():
    analyses = {
        "A": analysis("one", "2017-04-02", 4920607),
        "B": analysis("two", "2017-04-02", 4920607),
        "C": analysis("three", "2017-04-03", 4920607),  # another day
        "D": analysis("four", "2017-04-02", 5332921, feature="A"),  # a state, not a city
        "E": analysis("five", "2017-04-02", None),
    }
    response = date_city_clustering({k.lower(): k for k in analyses}, analyses)
    assert response["a"] == response["b"]
    assert len({response[k] for k in "bcde"}) == 4


def test_bcubed_scores_with_baselines():
    key = {"a": "1", "b": "1", "c": "1", "d": "2"}
    response = {"a": "x", "b": "x", "c": "y", "d": "y"}
    result = score_articles(key, response, baselines={"singletons": {k: k for k in key}})
    assert result["n"] == 4 and result["incidents"] == 2 and result["clusters"] == 2
    # precision: a, b 1; c, d 1/2 -> 3/4; recall: a, b 2/3; c 1/3; d 1 -> 2/3
    assert result["bcubed_precision"] == pytest.approx(0.75, abs=1e-4)
    assert result["bcubed_recall"] == pytest.approx(2 / 3, abs=1e-4)
    singletons = result["baseline"]["singletons"]
    assert singletons["bcubed_precision"] == 1.0
    assert singletons["bcubed_recall"] == pytest.approx((1 / 3 * 3 + 1) / 4, abs=1e-4)


def write_gva(folder: Path) -> Path:
    incidents = [{"incident_uri": "1", "num_killed": 1, "num_injured": 0},
                 {"incident_uri": "2", "num_killed": 0, "num_injured": 1}]  # fmt: skip
    text_1 = "GARY, Ind. - A man was shot and killed Saturday night in Gary, police said."
    text_2 = "A 12-year-old boy was wounded in an accidental shooting in Dayton, Ohio on Monday."
    docs = [
        {"incident_id": "1", "doc_id": "a", "title": "Man killed", "dct": "2017-04-02",
         "content": text_1},
        {"incident_id": "1", "doc_id": "b", "title": "Man killed in Gary", "dct": "2017-04-02",
         "content": text_1 + " No arrests have been made."},
        {"incident_id": "2", "doc_id": "c", "title": "Boy wounded", "dct": "2017-05-08",
         "content": text_2},
    ]  # fmt: skip
    (folder / "incidents.jsonl").write_text("\n".join(map(json.dumps, incidents)), "utf-8")
    (folder / "docs.jsonl").write_text("\n".join(map(json.dumps, docs)), "utf-8")
    return folder


def test_evaluator_on_hand_made_incidents(tmp_path: Path):
    result = run_evaluator("gva-clusters", write_gva(tmp_path))
    assert result["n"] == 3 and result["incidents"] == 2
    assert set(result) >= {"bcubed_precision", "bcubed_recall", "bcubed_f1", "baseline"}
    assert result["bcubed_f1"] == 1.0  # a and b are near-duplicates, c is another incident
    assert result["baseline"]["singletons"]["bcubed_precision"] == 1.0


# --- real data (skipped without ../shared) ---------------------------------------------------


def test_real_incidents_give_one_incident_per_article():
    incidents, _documents = read_gva(eval_data("gva"), 50)
    key = gold_clustering(incidents)
    assert len(set(key.values())) == 50
    assert len(key) >= 50
    assert len(shuffled(key)) == len(key)


@pytest.mark.slow
def test_real_subset_scores_in_range():
    result = run_evaluator("gva-clusters", eval_data("gva"), 20)
    assert result["incidents"] == 20 and result["n"] >= 20
    assert 0.0 <= result["bcubed_f1"] <= 1.0
    assert result["baseline"]["singletons"]["bcubed_precision"] == 1.0
