"""GDELT 2.0 Events TSV: the codebook's 61 columns (data/gdelt_event_columns.txt), no header,
tab-separated, so GDELT tooling reads it unchanged.

What fills what: CAMEO EventCode/BaseCode/RootCode and QuadClass from the event; GoldsteinScale
is the PLOVER manual's score for the event's mode (else its type), which is on Goldstein's -10..10
scale; actor codes are CAMEO-style country (ISO alpha-3) + type (the actor's PLOVER sector, JRN
written MED as in CAMEO); ActionGeo from the event's place (Type 1 country, 4 world city,
5 world state/ADM1; 2 and 3 for US states and cities), its CountryCode the FIPS 10-4 code GDELT
uses, ADM1Code FIPS + the GeoNames admin1 code, FeatureID the GeoNames id. Each event counts as
one article, one source, and one mention per report of it in the article (NumMentions).
IsRootEvent is 1 when the event's trigger is in the article's first paragraph. AvgTone is the
article's tone (the tone stage's V1.5 Tone; each event has one article), empty for an analysis
made before the tone stage. Left empty: the known-group, ethnic and religion codes, the actor
geographies and ADM2 codes.

The helpers below (ids, timestamps, sources, places, tone, TSV fields) are shared by the
Mentions (gdelt_mentions.py) and GKG (gdelt_gkg.py) exports.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, TextIO
from urllib.parse import urlsplit

from newsgraph.export import data_lines, register_exporter
from newsgraph.export.common import country_info
from newsgraph.ontology.events import event_mode, event_type
from newsgraph.query import EventFilter, EventView, iter_event_views
from newsgraph.records import Document, EventActor, Place, Tone
from newsgraph.store import Store

CAMEO_TYPE = {"JRN": "MED"}  # PLOVER sector -> CAMEO actor type where the two differ


@cache
def gdelt_event_columns() -> tuple[str, ...]:
    return data_lines("gdelt_event_columns.txt")


def global_event_id(public_id: str) -> int:
    """A stable positive integer id (GDELT ids are integers) from the event's public id."""
    return int(hashlib.sha256(public_id.encode()).hexdigest()[:13], 16)


def goldstein(type_: str, mode: str | None) -> str:
    score = None
    try:
        if mode:
            score = event_mode(type_, mode).score
    except ValueError:
        score = None
    if score is None:
        try:
            score = event_type(type_).score
        except ValueError:
            return ""
    return "" if score is None else f"{score:g}"


def actor_fields(view: EventView, actor: EventActor | None) -> list[str]:
    if actor is None:
        return [""] * 10
    country = actor.country or ""
    kind = CAMEO_TYPE.get(actor.sector or "", actor.sector or "")
    name = (view.entity_name(actor.entity_id) or actor.text).upper()
    return [country + kind, name, country, "", "", "", "", kind, "", ""]


def geo_fields(place: Place | None) -> list[str]:
    if place is None or place.lat is None or place.lon is None:
        return [""] * 8
    info = country_info(place.country)
    fips = info.get("fips", "") or ""
    us = place.country == "US"
    geo_type = {"country": 1, "admin1": 2 if us else 5, "city": 3 if us else 4}.get(
        place.precision or "", 4
    )
    names = [place.name or place.text]
    if place.precision == "city" and place.admin1_name:
        names.append(place.admin1_name)
    if place.precision != "country" and info.get("name"):
        names.append(info["name"])
    adm1 = fips + (place.admin1_code or "") if place.precision != "country" else fips
    return [
        str(geo_type), ", ".join(names), fips, adm1, "", f"{place.lat:.4f}",
        f"{place.lon:.4f}", str(place.geonames_id or ""),
    ]  # fmt: skip


def is_root_event(view: EventView) -> bool:
    text = view.analysis.document.text
    start = 0
    for paragraph in text.split("\n"):
        if len(paragraph.strip()) > 40:  # the lead paragraph, past any short title line
            return view.event.trigger_span[0] < start + len(paragraph)
        start += len(paragraph) + 1
    return True


def tone_number(value: float) -> str:
    """A tone value as GDELT's files write it (here with four decimals)."""
    return f"{value:.4f}"


def avg_tone(view: EventView) -> str:
    """GDELT's AvgTone: the tone of the articles that mention the event (here its one article)."""
    tone: Tone | None = view.analysis.tone
    return "" if tone is None else tone_number(tone.tone)


def export_timestamp() -> str:
    """Now, in GDELT's YYYYMMDDHHMMSS (DATEADDED): when the rows were written."""
    return datetime.now(UTC).strftime("%Y%m%d%H%M%S")


def gdelt_timestamp(iso: str | None, default: str) -> str:
    """An ISO 8601 date or date-time as GDELT's YYYYMMDDHHMMSS (a day at 000000); `default`
    when there is none."""
    digits = "".join(ch for ch in (iso or "")[:19] if ch.isdigit())
    return (digits + "0" * 14)[:14] if len(digits) >= 8 else default


def source_collection(document: Document) -> int:
    """GDELT's source collection (MentionType, V2SOURCECOLLECTIONIDENTIFIER): 1 WEB for an article
    with a URL, 2 CITATIONONLY for one without (a file: its path is the identifier)."""
    return 1 if document.url else 2


def source_name(document: Document) -> str:
    """GDELT's source common name: the URL's domain ("www." dropped), else the outlet."""
    host = urlsplit(document.url).hostname if document.url else None
    if host:
        return host.removeprefix("www.")
    return document.outlet or ""


def document_identifier(document: Document) -> str:
    return document.url or document.source


def tsv_line(values: list[Any]) -> str:
    """One row: values as text, tabs and line breaks inside them turned to spaces."""
    fields = (str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")
              for value in values)  # fmt: skip
    return "\t".join(fields) + "\n"


def gdelt_row(view: EventView, added: str) -> list[Any]:
    event, document = view.event, view.analysis.document
    day = date.fromisoformat(view.date) if view.date and len(view.date) == 10 else None
    sources, targets = event.actors_in("source"), event.actors_in("target")
    cameo = event.cameo or ""
    row: list[Any] = [
        global_event_id(view.id),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        day.year if day else "",
        f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
        *actor_fields(view, sources[0] if sources else None),
        *actor_fields(view, targets[0] if targets else None),
        int(is_root_event(view)), cameo, cameo[:3], cameo[:2], event.quad_class or "",
        goldstein(event.type, event.mode), 1 + len(event.other_spans), 1, 1,
        avg_tone(view),
        *([""] * 8), *([""] * 8), *geo_fields(view.place),
        added, document_identifier(document),
    ]  # fmt: skip
    return row


@register_exporter("gdelt", "tsv", "GDELT 2.0 Events (61 tab-separated columns, no header)")
def write_gdelt(store: Store, filters: EventFilter, out: TextIO) -> int:
    added = export_timestamp()
    written = 0
    for view in iter_event_views(store, filters):
        out.write(tsv_line(gdelt_row(view, added)))
        written += 1
    return written
