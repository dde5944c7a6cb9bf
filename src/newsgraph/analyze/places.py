"""Stage: find toponyms and resolve them to GeoNames entries; pick the focus location.

Recognition takes the model's GPE/LOC/FAC entities and the NORP ones that are demonyms, adds
what a gazetteer phrase matcher finds (demonyms, world regions, historical names such as
"Nur-Sultan" and "Soviet", which the small model misses or calls a PERSON) and the dateline.
Resolution (`resolve_toponyms`) works on plain character spans, so evaluators and other callers
use it without spaCy: candidates come from the gazetteer index; the choice weighs feature class
(countries and regions first), population, the dateline, the countries and first-level
subdivisions the rest of the article names, and a "City, State" neighbour.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from newsgraph.analyze.gazetteer import Entry, Gazetteer, load_gazetteer, normalize_name
from newsgraph.analyze.textspans import doc_text
from newsgraph.records import Dateline, Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Prior weight of a feature class, in units of log10(population); tuned on the geoparsing dev
# set (GWN, LGL, GeoVirus acc161): a country or region name in news almost always means the
# country/region, a subdivision usually beats a same-named town.
CLASS_BONUS = {"PCLI": 6.0, "CONT": 6.0, "RGN": 6.0, "PCLH": 5.0, "ADM1": 2.0, "PPLC": 3.0}
CLASS_BONUS |= {"ADM2": 0.0, "PPL": 0.0}
# GeoNames alternate names include old and unofficial ones ("Liverpool" for Washington DC):
# a match by an alternate name only counts less than one by the main name.
ALTERNATE_PENALTY = 3.0  # 1.5: GWN -0.003; 5: no change
CITY_STATE_PENALTY = 1.0  # Almaty the city over Almaty the city-level admin1 (a tie otherwise)
DATELINE_BONUS = 4.0  # the dateline city itself, or a place in the dateline's country/state
COUNTRY_CONTEXT_BONUS = 6.0  # times the share of the article's countries; 3.0: LGL -0.02
ADMIN1_CONTEXT_BONUS = 2.0  # a place in a state/province the article names (1-4: +-0.005)
NEIGHBOUR_BONUS = 5.0  # "Cottonport, Louisiana": the next toponym contains this one
# Resolve, recount the context from the new choices, resolve again: 3 rounds, LGL +0.01 over 1.
CONTEXT_ROUNDS = 3
PROXIMITY_BONUS = 3.0  # times the likelihood of a near reading; LGL 2: 0.842, 3: 0.845, 4: 0.845
NEAR_KM = 100.0  # graded: 150 km: LGL 0.844, 200: 0.843
CLOSE_KM = 30.0  # full weight within; a flat 100 km cut: GWN -0.002
SOFTMAX_SCALE = 1.0  # per log10 unit of score; 2.0: LGL -0.004
MIN_POINT_PROBABILITY = 0.1  # the readings of a name that count for nearness
LOCAL_CODES = {"PPL", "PPLC", "ADM2"}  # what counts for nearness (not countries, regions)
MIN_PERSON_PLACE_POPULATION = 100_000  # a PERSON-labelled name must be a big place to be one
_POSSESSIVE_RE = re.compile(r"(?:['’]s|['’])$")
_ATTACHED_RE = re.compile(r"-(?:led|backed|based|born|controlled|run|owned|made|speaking)\b")
# Direction words the model tags LOC ("the West") that name no one place.
GENERIC_PLACE_WORDS = {"west", "east", "north", "south", "the west", "the east"}
GENERIC_PLACE_WORDS |= {"north", "northeast", "northwest", "southeast", "southwest", "earth"}
PERSON_TITLES = {"mr", "mrs", "ms", "dr", "president", "sen", "rep", "gov", "minister", "judge"}


@dataclass
class ResolveContext:
    """What the article says about where it is: its dateline (place and state/country)."""

    dateline: Dateline | None = None
    extra_countries: list[str] = field(default_factory=list)  # ISO2 codes known from metadata


@dataclass
class _Toponym:
    span: tuple[int, int]
    text: str
    candidates: list[int]
    form: str = "name"  # name | demonym | adjective
    alternate: list[bool] = field(default_factory=list)  # matched by an alternate name only
    priors: list[float] = field(default_factory=list)  # feature class and population
    scores: list[float] = field(default_factory=list)  # priors plus the context bonuses


# --- resolution -----------------------------------------------------------------------------


def resolve_toponyms(
    text: str,
    spans: list[tuple[int, int]],
    context: ResolveContext | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Place]:
    """Resolve each (start, end) span of `text` to a Place (geonames_id None when the index
    has no candidate). Places come back in the order of `spans`, ids "p1", "p2", ..."""
    gazetteer = gazetteer or load_gazetteer()
    context = context or ResolveContext()
    toponyms = [find_candidates(text, span, gazetteer) for span in spans]
    score_by_prior(toponyms, gazetteer)
    dateline = resolve_dateline(context.dateline, gazetteer)
    containers = [find_container(i, toponyms, gazetteer) for i in range(len(toponyms))]
    reasons = [""] * len(toponyms)
    # Context counts each mention but never a name's own mentions: "Alexandria" x7 read as
    # Egypt must not outvote "Virginia" (LGL +0.043); the proximity evidence of a name is its
    # likely readings, not only its current winner (LGL +0.02).
    keys = [normalize_name(t.text) for t in toponyms]
    groups: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(key, []).append(i)
    for _ in range(CONTEXT_ROUNDS):
        winners = [current_winner(t, gazetteer) for t in toponyms]
        countries, admin1s = count_context(winners, context, dateline)
        points = {
            key: likely_points(toponyms[group[0]], gazetteer) for key, group in groups.items()
        }
        for key, group in groups.items():
            own_countries, own_admin1s = count_context(
                [winners[i] for i in group], ResolveContext(), None
            )
            near = [point for other, found in points.items() if other != key for point in found]
            for i in group:
                reasons[i] = rescore_in_context(
                    toponyms[i], gazetteer, containers[i], dateline,
                    countries - own_countries, admin1s - own_admin1s, near,
                )  # fmt: skip
    return [
        make_place(f"p{i}", toponym, gazetteer, reason)
        for i, (toponym, reason) in enumerate(zip(toponyms, reasons, strict=True), 1)
    ]


def current_winner(toponym: _Toponym, gazetteer: Gazetteer) -> Entry | None:
    """The best-scoring candidate so far."""
    if not toponym.candidates:
        return None
    return gazetteer.entry(toponym.candidates[argmax(toponym.scores)])


def resolve_by_population(
    text: str, spans: list[tuple[int, int]], gazetteer: Gazetteer
) -> list[Place]:
    """Baseline resolver: the most populous candidate of each name, nothing else."""
    places = []
    for i, span in enumerate(spans, 1):
        toponym = find_candidates(text, span, gazetteer)
        toponym.scores = [float(-rank) for rank in range(len(toponym.candidates))]
        places.append(make_place(f"p{i}", toponym, gazetteer, "population"))
    return places


def find_candidates(text: str, span: tuple[int, int], gazetteer: Gazetteer) -> _Toponym:
    """The index entries a span may name, with the form it takes (name, demonym, adjective)."""
    surface = text[span[0] : span[1]]
    name = _ATTACHED_RE.sub("", _POSSESSIVE_RE.sub("", surface.strip()))
    if name in gazetteer.demonyms:
        form = "adjective" if name != surface else "demonym"
        return _Toponym(span, surface, [gazetteer.demonyms[name]], form)
    found = gazetteer.candidates(name)
    if not found and name.isupper():
        found = gazetteer.candidates(name.title())
    return _Toponym(span, surface, [i for i, _ in found], alternate=[a for _, a in found])


def score_by_prior(toponyms: list[_Toponym], gazetteer: Gazetteer) -> None:
    """Score every candidate by feature class and population alone."""
    for toponym in toponyms:
        alternate = toponym.alternate or [False] * len(toponym.candidates)
        toponym.priors = [
            prior_score(gazetteer.entries[c]) - ALTERNATE_PENALTY * alt
            for c, alt in zip(toponym.candidates, alternate, strict=True)
        ]
        prefer_cities(toponym, gazetteer)
        toponym.scores = list(toponym.priors)


def prefer_cities(toponym: _Toponym, gazetteer: Gazetteer) -> None:
    """A subdivision named after its own city (Almaty, Astana, Beijing) ranks below the city:
    news names the city."""
    cities = {tuple(gazetteer.entries[c][4:6]) for c in toponym.candidates
              if gazetteer.entries[c][6] == "P"}  # fmt: skip
    for k, index in enumerate(toponym.candidates):
        row = gazetteer.entries[index]
        if row[7] == "ADM1" and (row[4], row[5]) in cities:
            toponym.priors[k] -= CITY_STATE_PENALTY


def prior_score(row: tuple) -> float:
    """log10(population) plus the feature-class bonus."""
    return math.log10(row[8] + 10) + CLASS_BONUS.get(row[7], 0.0)


def resolve_dateline(dateline: Dateline | None, gazetteer: Gazetteer) -> Entry | None:
    """The dateline's place: its city, within the dateline's region when one is given."""
    if dateline is None:
        return None
    region = best_entry(gazetteer.lookup(dateline.region), gazetteer) if dateline.region else None
    candidates = [gazetteer.entry(c) for c in gazetteer.lookup(dateline.place)]
    if region is not None:
        inside = [c for c in candidates if contains(region, c)]
        candidates = inside or ([] if candidates else [region])
    if not candidates:
        return region
    cities = [c for c in candidates if c.feature_class == "P"]
    return max(cities or candidates, key=lambda e: prior_score(tuple(e)))


def best_entry(candidates: list[int], gazetteer: Gazetteer) -> Entry | None:
    if not candidates:
        return None
    return gazetteer.entry(max(candidates, key=lambda c: prior_score(gazetteer.entries[c])))


def contains(container: Entry | tuple, place: Entry | tuple) -> bool:
    """True when `place` lies in the country or first-level subdivision `container`."""
    container, place = Entry(*container), Entry(*place)
    if container.feature_code == "PCLI":
        return place.country == container.country and place.feature_code != "PCLI"
    if container.feature_code == "ADM1":
        same = (place.country, place.admin1_code) == (container.country, container.admin1_code)
        return same and place.feature_code != "ADM1"
    return False


def count_context(
    winners: list[Entry | None], context: ResolveContext, dateline: Entry | None
) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """The countries and first-level subdivisions the article's toponyms currently resolve to,
    plus the dateline's (counted twice: the reporter is there)."""
    countries: Counter[str] = Counter(context.extra_countries)
    admin1s: Counter[tuple[str, str]] = Counter()
    for best in winners:
        if best is None:
            continue
        if best.country:
            countries[best.country] += 1
        if best.feature_code in ("ADM1", "ADM2", "PPL", "PPLC") and best.admin1_code:
            admin1s[(best.country, best.admin1_code)] += 1
    if dateline is not None and dateline.country:
        countries[dateline.country] += 2
        if dateline.admin1_code:
            admin1s[(dateline.country, dateline.admin1_code)] += 2
    return countries, admin1s


def rescore_in_context(
    toponym: _Toponym,
    gazetteer: Gazetteer,
    container: Entry | None,
    dateline: Entry | None,
    countries: Counter[str],
    admin1s: Counter[tuple[str, str]],
    nearby: list[tuple[float, float, float]],
) -> str:
    """Score each candidate as prior plus context bonuses; return the reason for the winner."""
    if len(toponym.candidates) <= 1:
        return "only candidate" if toponym.candidates else "not in gazetteer"
    if any(gazetteer.entries[c][7] in ("PCLI", "CONT", "RGN") for c in toponym.candidates):
        container = None  # "Mexico, Canada" is a list of countries, not a city in a country
    total = sum(countries.values()) or 1
    reasons = []
    for k, index in enumerate(toponym.candidates):
        row = gazetteer.entries[index]
        bonus, why = context_bonus(row, container, dateline, countries, admin1s, total)
        mass = near_mass(row[2], row[3], nearby) if nearby and row[7] in LOCAL_CODES else 0.0
        if mass:
            bonus += PROXIMITY_BONUS * mass
            why = why or "near other places"
        toponym.scores[k] = toponym.priors[k] + bonus
        reasons.append(why)
    winner = argmax(toponym.scores)
    if argmax(toponym.priors) == winner:
        return (
            "feature class"
            if CLASS_BONUS.get(gazetteer.entries[toponym.candidates[winner]][7])
            else "population"
        )
    return reasons[winner] or "population"


def context_bonus(
    row: tuple,
    container: Entry | None,
    dateline: Entry | None,
    countries: Counter[str],
    admin1s: Counter[tuple[str, str]],
    total: int,
) -> tuple[float, str]:
    """The context bonus of one candidate and the strongest reason for it."""
    bonus, why = 0.0, ""
    if container is not None and contains(container, row):
        bonus, why = bonus + NEIGHBOUR_BONUS, "next to its country/state"
    if dateline is not None and (
        dateline.geonames_id == row[0] or contains_dateline(dateline, row)
    ):
        bonus += DATELINE_BONUS
        why = why or "dateline"
    share = countries.get(row[4], 0) / total if row[4] else 0.0
    if share:
        bonus += COUNTRY_CONTEXT_BONUS * share
        why = why or "country context"
    if row[7] != "ADM1" and admin1s.get((row[4], row[5])):
        bonus += ADMIN1_CONTEXT_BONUS
        why = why or "state context"
    return bonus, why


def likely_points(toponym: _Toponym, gazetteer: Gazetteer) -> list[tuple[float, float, float]]:
    """(lat, lon, probability) of the toponym's likely local candidates: a softmax of the current
    scores, so that a "Henry County" whose best reading is still open lends weight to each of
    its readings ("Paris" then settles next to the one in Tennessee)."""
    if not toponym.scores:
        return []
    top = max(toponym.scores)
    weights = [math.exp(SOFTMAX_SCALE * (s - top)) for s in toponym.scores]
    total = sum(weights)
    found = []
    for c, w in zip(toponym.candidates, weights, strict=True):
        row = gazetteer.entries[c]
        if w / total >= MIN_POINT_PROBABILITY and row[7] in LOCAL_CODES:
            found.append((row[2], row[3], w / total))
    return found


def near_mass(lat: float, lon: float, points: list[tuple[float, float, float]]) -> float:
    """The summed probability of the points near (lat, lon), at most 1: a point within CLOSE_KM
    counts fully, one farther out less, down to nothing at NEAR_KM (flat-earth distance, good
    enough at this scale)."""
    scale = math.cos(math.radians(lat))
    mass = 0.0
    for a, b, p in points:
        km = 111.2 * math.sqrt((lat - a) ** 2 + ((lon - b) * scale) ** 2)
        if km < NEAR_KM:
            mass += p * min(1.0, (NEAR_KM - km) / (NEAR_KM - CLOSE_KM))
    return min(1.0, mass)


def contains_dateline(dateline: Entry, row: tuple) -> bool:
    """A candidate in the dateline city's own first-level subdivision."""
    return (row[4], row[5]) == (dateline.country, dateline.admin1_code) and row[7] != "ADM1"


def find_container(position: int, toponyms: list[_Toponym], gazetteer: Gazetteer) -> Entry | None:
    """The toponym right after this one, separated by a comma only ("Cottonport, Louisiana"),
    when it can be a country or first-level subdivision."""
    if position + 1 >= len(toponyms):
        return None
    following = toponyms[position + 1]
    gap_start, gap_end = toponyms[position].span[1], following.span[0]
    if gap_end - gap_start > 4 or not following.candidates:
        return None
    containers = [c for c in following.candidates if gazetteer.entries[c][7] in ("PCLI", "ADM1")]
    return gazetteer.entry(containers[0]) if containers else None


def argmax(values: list[float]) -> int:
    return max(range(len(values)), key=values.__getitem__)


def make_place(place_id: str, toponym: _Toponym, gazetteer: Gazetteer, reason: str) -> Place:
    """The Place record of a scored toponym (no GeoNames fields when it has no candidate)."""
    place = Place(id=place_id, span=toponym.span, text=toponym.text, form=toponym.form)
    if not toponym.candidates:
        place.reason = reason
        return place
    ranked = sorted(range(len(toponym.scores)), key=toponym.scores.__getitem__, reverse=True)
    entry = gazetteer.entry(toponym.candidates[ranked[0]])
    margin = toponym.scores[ranked[0]] - toponym.scores[ranked[1]] if len(ranked) > 1 else 5.0
    place.name, place.geonames_id = entry.name, entry.geonames_id
    place.lat, place.lon, place.country = entry.lat, entry.lon, entry.country or None
    place.admin1_code = entry.admin1_code or None
    place.admin1_name = gazetteer.admin1_name(entry.country, entry.admin1_code)
    place.feature_class, place.feature_code = entry.feature_class, entry.feature_code
    place.precision = entry.precision
    place.confidence = round(1 / (1 + math.exp(-margin)), 3)  # 0.5 for a tie, ~1 for a clear win
    place.reason = "demonym" if toponym.form != "name" else reason
    return place


# --- recognition ----------------------------------------------------------------------------


def build_place_matcher(nlp: Language, gazetteer: Gazetteer) -> PhraseMatcher:
    """One phrase matcher for the names the small model misses: demonyms, regions, historical
    names and the extra country names (compiled once per pipeline)."""
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    phrases = set(gazetteer.demonyms)
    for row in gazetteer.entries:
        if row[7] in ("RGN", "CONT", "PCLH", "PCLI"):
            phrases.add(row[1])
    phrases |= set(gazetteer.historical)
    matcher.add("PLACE", [nlp.make_doc(p) for p in sorted(phrases)])
    return matcher


def find_toponym_spans(
    doc: Doc, matcher: PhraseMatcher, gazetteer: Gazetteer
) -> list[tuple[int, int]]:
    """Character spans of the toponyms in a parsed doc, sorted, without overlaps."""
    found: list[tuple[int, int]] = []
    for ent in doc.ents:
        if keep_entity(ent, gazetteer):
            found.append((ent.start_char, ent.end_char))
    other_ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("PERSON", "ORG")]
    for _, start, end in matcher(doc):
        span = doc[start:end]
        if span.text in gazetteer.demonyms:
            found.append(extend_attached(doc, span))
        elif not any(s < span.end_char and span.start_char < e for s, e in other_ents):
            found.append((span.start_char, span.end_char))  # not inside a person's name
    dateline = getattr(doc._, "document", None)
    dateline = dateline.dateline if dateline is not None else None
    found.extend(find_dateline_spans(doc_text(doc), dateline))
    return drop_overlaps(found)


def keep_entity(ent: Span, gazetteer: Gazetteer) -> bool:
    """GPE/LOC/FAC are places; NORP only when a demonym; a PERSON/ORG only when it is a big
    place or a historical name, never part of a person's longer name or after a title."""
    if ent.label_ in PLACE_LABELS:
        return ent.text.lower() not in GENERIC_PLACE_WORDS
    if ent.label_ == "NORP":
        return _POSSESSIVE_RE.sub("", ent.text) in gazetteer.demonyms
    if ent.label_ not in ("PERSON", "ORG"):
        return False
    return is_mislabelled_place(ent, gazetteer)


def is_mislabelled_place(ent: Span, gazetteer: Gazetteer) -> bool:
    """ "Nur-Sultan" labelled PERSON is a place; "Nazarbayev" is not (no entry), "Victoria Beckham"
    is not (a longer PERSON name), "Mr. Reading" is not (a title)."""
    if ent.start > 0 and ent.doc[ent.start - 1].lower_.rstrip(".") in PERSON_TITLES:
        return False
    if ent.text in gazetteer.historical:
        return True
    rows = [gazetteer.entries[c] for c in gazetteer.lookup(ent.text)]
    if not any(r[7] in ("PCLI", "ADM1") or r[8] >= MIN_PERSON_PLACE_POPULATION for r in rows):
        return False
    return not part_of_person_name(ent)


def part_of_person_name(ent: Span) -> bool:
    """True when the doc has a longer PERSON entity containing this name as a word."""
    word = ent.text
    return any(
        other.label_ == "PERSON" and other != ent and word in other.text.split()
        for other in ent.doc.ents
    )


def extend_attached(doc: Doc, span: Span) -> tuple[int, int]:
    """ "Russian-led": keep the attached participle with the demonym."""
    match = _ATTACHED_RE.match(doc_text(doc), span.end_char)
    return (span.start_char, match.end() if match else span.end_char)


def find_dateline_spans(text: str, dateline: Dateline | None) -> list[tuple[int, int]]:
    """The dateline's place and region inside its span ("ALMATY, Kazakhstan")."""
    if dateline is None:
        return []
    start, end = dateline.span
    window = text[start:end]
    spans = []
    for name in (dateline.place, dateline.region):
        if not name:
            continue
        at = window.lower().find(name.lower())
        if at >= 0:
            spans.append((start + at, start + at + len(name)))
    return spans


def drop_overlaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans; of overlapping ones the longest wins."""
    kept: list[tuple[int, int]] = []
    for span in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]))):
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def choose_focus(places: list[Place], dateline: Dateline | None) -> str | None:
    """The dateline's place when there is one, else the most mentioned resolved place (cities
    and subdivisions before the country they are in; earlier first)."""
    resolved = [p for p in places if p.geonames_id is not None or p.lat is not None]
    if not resolved:
        return None
    if dateline is not None:
        for place in resolved:
            if dateline.span[0] <= place.span[0] < dateline.span[1]:
                return place.id
    counts = Counter((p.name, p.country) for p in resolved)
    specific = {"city": 0.5, "admin2": 0.4, "admin1": 0.3}
    best = max(
        resolved,
        key=lambda p: (
            counts[(p.name, p.country)] + specific.get(p.precision or "", 0),
            -p.span[0],
        ),
    )
    return best.id


# --- the spaCy component --------------------------------------------------------------------


@Language.factory(
    "newsgraph_places", requires=["doc.ents"], assigns=["doc._.places", "doc._.focus_place_id"]
)
def make_places(nlp: Language, name: str) -> PlaceStage:
    return PlaceStage(nlp)


class PlaceStage:
    """Find and resolve the toponyms of a doc; set doc._.places and doc._.focus_place_id."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._gazetteer: Gazetteer | None = None
        self._matcher: PhraseMatcher | None = None

    def prepare(self) -> tuple[Gazetteer, PhraseMatcher]:
        """Load the index and compile the matcher on first use (not at pipeline load)."""
        if self._gazetteer is None or self._matcher is None:
            self._gazetteer = load_gazetteer()
            self._matcher = build_place_matcher(self.nlp, self._gazetteer)
        return self._gazetteer, self._matcher

    def __call__(self, doc: Doc) -> Doc:
        gazetteer, matcher = self.prepare()
        document = getattr(doc._, "document", None)
        dateline = document.dateline if document is not None else None
        spans = find_toponym_spans(doc, matcher, gazetteer)
        context = ResolveContext(dateline=dateline)
        places = resolve_toponyms(doc_text(doc), spans, context, gazetteer)
        doc._.places = places
        doc._.focus_place_id = choose_focus(places, dateline)
        return doc
