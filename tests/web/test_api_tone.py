"""The HTTP API's tone and theme filters (GET /events, GET /documents)."""

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.web import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client(news_db):
    return TestClient(create_app(news_db, token="t0ken", protect_reads=False))


def test_documents_filter_by_theme_and_tone(client):
    everything = client.get("/documents").json()
    assert everything["total"] == 2
    assert all(isinstance(d["tone"], float) and d["themes"] for d in everything["documents"])
    killed = client.get("/documents", params={"theme": "KILL"}).json()
    assert killed["total"] == 1 and "KILL" in killed["documents"][0]["themes"]
    assert client.get("/documents", params={"tone_min": 10}).json()["total"] == 0


def test_events_filter_by_theme_and_tone(client):
    total = client.get("/events").json()["total"]
    wounded = client.get("/events", params={"theme": "WOUND", "limit": 500}).json()
    assert 0 < wounded["total"] < total
    assert {e["outlet"] for e in wounded["events"]} == {"Lakeside Times"}
    assert client.get("/events", params={"tone_max": -50}).json()["total"] == 0


def test_tone_range_errors_are_json(client):
    response = client.get("/events", params={"tone_min": 5, "tone_max": -5})
    assert response.status_code == 400 and "tone_min" in response.json()["error"]["message"]
    assert client.get("/documents", params={"tone_min": 500}).status_code in (400, 422)


def test_facets_offer_the_themes_of_the_articles(client):
    themes = {t["value"]: t["n"] for t in client.get("/facets").json()["themes"]}
    assert themes["PROTEST"] == 2 and themes["FUEL_PRICES"] == 1 and themes["WOUND"] == 1
