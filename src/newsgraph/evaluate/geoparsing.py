"""Evaluator for geoparsing: toponym recognition and resolution on GeoWebNews, LGL, GeoVirus and
TR-News, in the XML of Gritta et al.'s "A Pragmatic Guide to Geoparsing Evaluation".

Recognition runs newsgraph's whole pipeline and scores its places against the gold toponyms by
span overlap (each gold toponym matches at most one prediction). GWN's gold set is its toponym
types (Literal, Literal_Modifier, Non_Literal_Modifier, Metonymic, Mixed, Coercion,
Embedded_Literal, Embedded_Non_Lit, Demonym); its expressions, Non_Toponym, Homonym and Language
annotations are not toponyms. Resolution is scored GIVEN the gold spans (`resolve_toponyms` on
them): the share within 161 km of the gold point (acc161), the share of exact GeoNames ids where
the gold has one, and the median error in km. Gold spans that are about one character off (all of
GeoVirus, part of TR-News) are realigned to the annotated name first; `realigned` counts them.
"""

from __future__ import annotations

import math
import statistics
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.evaluate.metrics import compute_f1
from newsgraph.evaluate.registry import register

CORPORA = {  # corpus name -> file name (found anywhere under the data folder)
    "GWN": "GWN.xml",
    "LGL": "lgl.xml",
    "GeoVirus": "GeoVirus.xml",
    "TR-News": "TR-News.xml",
}
GWN_TOPONYM_TYPES = {
    "Literal", "Literal_Modifier", "Non_Literal_Modifier", "Metonymic", "Mixed", "Coercion",
    "Embedded_Literal", "Embedded_Non_Lit", "Demonym",
}  # fmt: skip
REALIGN_WINDOW = 3  # characters either side searched for the annotated name
EARTH_RADIUS_KM = 6371.0
ACCURACY_KM = 161.0  # 100 miles, the customary geocoding threshold


@dataclass
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    realigned: bool = False


@dataclass
class GoldArticle:
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)  # the recognition gold


# --- reading ---------------------------------------------------------------------------------


def read_corpus(path: Path, corpus: str) -> Iterator[GoldArticle]:
    """Articles of one corpus file, gold spans realigned to their names."""
    root = ET.parse(path).getroot()
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        if corpus == "GWN":
            toponyms = list(read_gwn_toponyms(article))
        elif article.find("locations") is not None:
            toponyms = list(read_geovirus_locations(article))
        else:
            toponyms = list(read_lgl_toponyms(article))
        yield GoldArticle(text, [realign_toponym(text, t) for t in toponyms])


def read_gwn_toponyms(article: ET.Element) -> Iterator[GoldToponym]:
    for node in article.iter("toponym"):
        if node.findtext("type") not in GWN_TOPONYM_TYPES:
            continue
        yield GoldToponym(
            int(node.findtext("start")), int(node.findtext("end")),
            node.findtext("extractedName") or "",
            read_float(node.findtext("latitude")), read_float(node.findtext("longitude")),
            read_int(node.findtext("geonamesID")),
        )  # fmt: skip


def read_lgl_toponyms(article: ET.Element) -> Iterator[GoldToponym]:
    """LGL and TR-News: <toponym> with <phrase> and an optional <gaztag geonameid>."""
    for node in article.iter("toponym"):
        gaztag = node.find("gaztag")
        toponym = GoldToponym(
            int(node.findtext("start")), int(node.findtext("end")), node.findtext("phrase") or ""
        )
        if gaztag is not None:
            toponym.lat = read_float(gaztag.findtext("lat"))
            toponym.lon = read_float(gaztag.findtext("lon"))
            toponym.geonames_id = read_int(gaztag.get("geonameid"))
        yield toponym


def read_geovirus_locations(article: ET.Element) -> Iterator[GoldToponym]:
    """GeoVirus: <location> with Wikipedia coordinates, no GeoNames id."""
    for node in article.iter("location"):
        yield GoldToponym(
            int(node.findtext("start")), int(node.findtext("end")), node.findtext("name") or "",
            read_float(node.findtext("lat")), read_float(node.findtext("lon")),
        )  # fmt: skip


def read_float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def read_int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def realign_toponym(text: str, toponym: GoldToponym) -> GoldToponym:
    """Move a span that is a few characters off onto the annotated name (nearest shift first);
    leave it as it is when the name is not there."""
    if not toponym.name or text[toponym.start : toponym.end] == toponym.name:
        return toponym
    length = len(toponym.name)
    for shift in sorted(range(-REALIGN_WINDOW, REALIGN_WINDOW + 1), key=abs):
        start = toponym.start + shift
        if start >= 0 and text[start : start + length] == toponym.name:
            toponym.start, toponym.end, toponym.realigned = start, start + length, True
            break
    return toponym


# --- scoring ---------------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def count_overlaps(
    gold: list[tuple[int, int]], predicted: list[tuple[int, int]]
) -> tuple[int, int, int]:
    """(tp, fp, fn) by span overlap; each gold span matches at most one prediction."""
    used: set[int] = set()
    tp = 0
    for start, end in predicted:
        match = next(
            (i for i, (s, e) in enumerate(gold) if i not in used and s < end and start < e), None
        )
        if match is not None:
            used.add(match)
            tp += 1
    return tp, len(predicted) - tp, len(gold) - tp


@dataclass
class ResolutionScores:
    """Per-toponym errors (km; None when nothing was predicted) and exact-id matches."""

    errors: list[float | None] = field(default_factory=list)
    exact: list[bool] = field(default_factory=list)

    def add(self, gold: GoldToponym, place: Any) -> None:
        if place.lat is None or place.lon is None:
            self.errors.append(None)
        else:
            self.errors.append(haversine_km(gold.lat, gold.lon, place.lat, place.lon))
        if gold.geonames_id is not None:
            self.exact.append(place.geonames_id == gold.geonames_id)

    def summarize(self) -> dict[str, Any]:
        # a toponym left unresolved counts as a miss at the largest possible error
        errors = [e if e is not None else math.pi * EARTH_RADIUS_KM for e in self.errors]
        n = len(errors)
        return {
            "acc161": round(sum(e <= ACCURACY_KM for e in errors) / n, 4) if n else None,
            "exact": round(sum(self.exact) / len(self.exact), 4) if self.exact else None,
            "median_km": round(statistics.median(errors), 1) if n else None,
        }


def score_corpus(articles: list[GoldArticle], nlp: Any) -> dict[str, Any]:
    """Recognition P/R/F1 through the pipeline, resolution given the gold spans, and the
    population-only baseline resolution."""
    from newsgraph.analyze.gazetteer import load_gazetteer
    from newsgraph.analyze.places import resolve_by_population, resolve_toponyms

    gazetteer = load_gazetteer()
    tp = fp = fn = 0
    ours, baseline = ResolutionScores(), ResolutionScores()
    predictions = predict_spans(articles, nlp)
    for number, (article, predicted) in enumerate(zip(articles, predictions, strict=True), 1):
        counts = count_overlaps([(t.start, t.end) for t in article.toponyms], predicted)
        tp, fp, fn = tp + counts[0], fp + counts[1], fn + counts[2]
        located = [t for t in article.toponyms if t.lat is not None and t.lon is not None]
        spans = [(t.start, t.end) for t in located]
        places = resolve_toponyms(article.text, spans, gazetteer=gazetteer)
        for gold, place in zip(located, places, strict=True):
            ours.add(gold, place)
        population = resolve_by_population(article.text, spans, gazetteer)
        for gold, place in zip(located, population, strict=True):
            baseline.add(gold, place)
        if number % 50 == 0:
            print(f"  {number}/{len(articles)} articles", file=sys.stderr)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    result = {
        "recognition_f1": round(compute_f1(precision, recall), 4),
        "recognition_precision": round(precision, 4),
        "recognition_recall": round(recall, 4),
        **ours.summarize(),
        "n": len(ours.errors),
        "realigned": sum(t.realigned for a in articles for t in a.toponyms),
    }
    return {"scores": result, "baseline": baseline.summarize()}


def predict_spans(articles: list[GoldArticle], nlp: Any) -> Iterator[list[tuple[int, int]]]:
    """The places our whole pipeline finds in each article (no dateline: the corpora's texts
    are bodies without metadata)."""
    from newsgraph.analyze.pipeline import analyze_documents
    from newsgraph.records import Document

    documents = (Document(text=a.text, source="geoparsing", source_kind="text") for a in articles)
    for analysis in analyze_documents(documents, nlp):
        yield [p.span for p in analysis.places]


def find_corpora(data_dir: Path) -> dict[str, Path]:
    """Each known corpus file found under `data_dir` (recursively)."""
    found = {}
    for corpus, file_name in CORPORA.items():
        matches = sorted(data_dir.rglob(file_name))
        if matches:
            found[corpus] = matches[0]
    return found


@register(
    "geoparsing", "toponym recognition F1 and resolution acc@161km (GWN, LGL, GeoVirus, TR-News)"
)
def evaluate_geoparsing(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Scores per corpus present under `data_dir`, plus {"baseline": {"population": ...}}."""
    from newsgraph.analyze import load_pipeline

    nlp = load_pipeline()
    results: dict[str, Any] = {}
    baseline: dict[str, Any] = {}
    for corpus, path in find_corpora(data_dir).items():
        articles = list(read_corpus(path, corpus))[:limit]
        print(f"{corpus}: {len(articles)} articles from {path}", file=sys.stderr)
        scored = score_corpus(articles, nlp)
        results[corpus], baseline[corpus] = scored["scores"], scored["baseline"]
    if not results:
        raise FileNotFoundError(
            f"no geoparsing corpus ({', '.join(CORPORA.values())}) in {data_dir}"
        )
    results["baseline"] = {"population": baseline}
    return results
