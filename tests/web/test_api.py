"""The HTTP API with FastAPI's TestClient on a small analysed store."""

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.web import create_app  # noqa: E402

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def client(news_db):
    return TestClient(create_app(news_db, token=TOKEN, protect_reads=False, max_body=20_000))


def error_of(response, status):
    assert response.status_code == status, response.text
    body = response.json()["error"]
    assert body["status"] == status and body["message"]
    return body


def test_events_list_paginates_and_filters(client):
    first = client.get("/events", params={"limit": 2}).json()
    assert first["total"] > 2 and len(first["events"]) == 2 and first["next"]
    second = client.get("/events", params={"limit": 2, "offset": 2}).json()
    assert {e["id"] for e in first["events"]}.isdisjoint(e["id"] for e in second["events"])
    kenya = client.get("/events", params={"country": "KE", "limit": 500}).json()
    assert kenya["events"] and all(e["country"] == "KE" for e in kenya["events"])
    protests = client.get("/events", params={"type": "PROTEST"}).json()
    assert protests["events"] and all(e["type"] == "PROTEST" for e in protests["events"])
    dated = client.get("/events", params={"since": "2024-01-01", "until": "2024-12-31"}).json()
    assert dated["events"] and all("2024" <= e["date"] <= "2024-12-31" for e in dated["events"])
    outlet = client.get("/events", params={"outlet": "Lakeside Times"}).json()
    assert outlet["events"] and {e["outlet"] for e in outlet["events"]} == {"Lakeside Times"}
    searched = client.get("/events", params={"q": "Almaty"}).json()
    assert searched["events"] and {e["country"] for e in searched["events"]} <= {"KZ", None}


def test_events_actor_and_modality_filters(client):
    police = client.get("/events", params={"actor": "police", "limit": 500}).json()["events"]
    assert police and all(
        any("police" in (a["entity_name"] or a["text"]).lower() for a in e["actors"])
        for e in police
    )
    threatened = client.get("/events", params={"modality": "threatened"}).json()["events"]
    assert all(e["modality"] == "threatened" for e in threatened)


def test_events_geojson_variant(client):
    collection = client.get("/events", params={"format": "geojson"}).json()
    assert collection["type"] == "FeatureCollection" and collection["features"]
    assert all(f["geometry"]["type"] == "Point" for f in collection["features"])


def test_event_detail_and_timeline(client):
    event_id = client.get("/events").json()["events"][0]["id"]
    detail = client.get(f"/events/{event_id}").json()
    assert detail["id"] == event_id and detail["event"]["type"] and detail["document"]["id"]
    error_of(client.get("/events/0000000000000000-ev1"), 404)
    error_of(client.get("/events/nonsense"), 400)
    days = client.get("/events/timeline").json()["days"]
    assert days and {"date", "type", "n"} <= set(days[0])


def test_documents_entities_quotes_claims(client):
    documents = client.get("/documents").json()["documents"]
    assert len(documents) == 2
    analysis = client.get(f"/documents/{documents[0]['id']}").json()
    assert analysis["document"]["id"] == documents[0]["id"] and "events" in analysis
    error_of(client.get("/documents/ffffffffffffffff"), 404)
    entities = client.get("/entities", params={"name": "police"}).json()["entities"]
    assert entities and all("police" in e["name"].lower() for e in entities)
    quotes = client.get("/quotes").json()["quotes"]
    assert any("fair prices" in q["content"] for q in quotes)
    assert "claims" in client.get("/claims").json()
    hits = client.get("/search", params={"q": "fuel levy"}).json()["documents"]
    assert [h["outlet"] for h in hits] == ["Lakeside Times"]


def test_clusters_degrade_when_absent_or_unknown(client):
    assert client.get("/clusters").status_code == 200
    body = error_of(client.get("/clusters/no-such-cluster"), 404)
    assert body["code"] in {"not_found", "clusters_unavailable"}


def test_bad_parameters_are_clear_json_errors(client):
    body = error_of(client.get("/events", params={"since": "yesterday"}), 400)
    assert "since" in body["message"]
    error_of(client.get("/events", params={"modality": "rumoured"}), 400)
    error_of(client.get("/events", params={"limit": 0}), 422)
    error_of(client.get("/no/such/page"), 404)


def test_writes_need_the_token(client):
    body = {"text": "Police arrested 12 protesters in Tbilisi on Monday."}
    error_of(client.post("/documents", json=body), 401)
    error_of(client.post("/documents", json=body, headers={"Authorization": "Bearer wrong"}), 401)


def test_writes_are_disabled_without_a_configured_token(news_db):
    client = TestClient(create_app(news_db, token="", protect_reads=False))
    response = client.post("/documents", json={"text": "x"}, headers={"Authorization": "Bearer "})
    assert error_of(response, 403)["code"] == "writes_disabled"


def test_oversize_and_malformed_bodies_are_refused(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"text": "word " * 10_000}
    assert error_of(client.post("/documents", json=big, headers=auth), 413)["code"] == (
        "body_too_large"
    )
    response = client.post("/documents", content=b"{not json",
                           headers={**auth, "Content-Type": "application/json"})  # fmt: skip
    error_of(response, 422)
    error_of(client.post("/documents", json={"title": "no content"}, headers=auth), 422)


def test_post_document_stores_and_returns_the_analysis(tmp_path):
    client = TestClient(create_app(tmp_path / "new.db", token=TOKEN))
    body = {
        "text": "TBILISI, Georgia — Police detained 45 protesters outside parliament on "
        "Monday, the interior ministry said.",
        "published": "2025-10-06", "outlet": "Test Wire", "title": "Arrests in Tbilisi",
    }  # fmt: skip
    response = client.post("/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["status"] == "stored"
    assert result["analysis"]["document"]["outlet"] == "Test Wire"
    assert result["analysis"]["events"]
    again = client.post("/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["status"] == "duplicate"
    assert client.get("/events").json()["total"] >= 1


def test_reads_can_require_the_token(news_db):
    client = TestClient(create_app(news_db, token=TOKEN, protect_reads=True))
    error_of(client.get("/events"), 401)
    ok = client.get("/events", headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200


def test_openapi_and_docs_are_served_without_a_cdn(client):
    spec = client.get("/openapi.json").json()
    assert {"/events", "/events/{event_id}", "/documents", "/clusters/{cluster_id}"} <= set(
        spec["paths"]
    )
    page = client.get("/docs").text
    assert "/events" in page and "cdn" not in page.lower()


def test_html_pages_render(client):
    event_id = client.get("/events").json()["events"][0]["id"]
    page = client.get(f"/ui/events/{event_id}").text
    assert 'class="hl hl-trigger' in page
    document_id = event_id.rsplit("-", 1)[0]
    article = client.get(f"/ui/documents/{document_id}").text
    assert "Quotes by speaker" in article and "hl-actor" in article
    assert "Almaty" in client.get("/ui/documents", params={"q": "Almaty"}).text
    assert client.get("/ui/claims").status_code == 200
    assert client.get("/").status_code == 200


def test_claims_page_shows_framings_by_target(tmp_path):
    client = TestClient(create_app(tmp_path / "framed.db", token=TOKEN))
    body = {
        "text": "ALMATY, Kazakhstan — Police detained 40 protesters on Monday. The interior "
        "ministry called the crowd \"terrorist bandits\". \"We are not terrorists, we are "
        "citizens,\" said one protester.",
        "published": "2025-10-06", "outlet": "Test Wire", "title": "Framed",
    }  # fmt: skip
    response = client.post("/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text
    document_id = response.json()["analysis"]["document"]["id"]
    page = client.get("/ui/claims", params={"document_id": document_id}).text
    assert "Framings side by side" in page
    assert "terrorist" in page.split("Framings side by side", 1)[1]
    assert "rejects" in page


def test_map_page_has_colour_by_control(client):
    page = client.get("/").text
    assert 'id="f-colour"' in page and 'name="colour"' in page
    assert 'value="acled"' in page
