"""Exports: one registered renderer per format (name, file extension, function), as Datasette's
renderers; the built-in formats use the same registry a plugin would (`register_exporter`).

A renderer takes the store, an `EventFilter` and where to write (a text stream, or a folder for
`directory` formats such as Parquet) and returns how many records it wrote.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from newsgraph.query import EventFilter
from newsgraph.store import Store

BUILTIN_MODULES = ("geojson", "acled", "gdelt", "plover", "parquet", "jsonl")


@dataclass(frozen=True)
class Exporter:
    name: str
    extension: str  # "csv"; "" for a folder
    description: str
    write: Callable[..., int]  # (store, filters, out) -> records written
    directory: bool = False  # writes a folder of files (needs --out)


_EXPORTERS: dict[str, Exporter] = {}


def register_exporter(
    name: str, extension: str, description: str, directory: bool = False
) -> Callable[[Callable[..., int]], Callable[..., int]]:
    """Decorator: register `write(store, filters, out)` as the exporter of format `name`."""

    def decorate(write: Callable[..., int]) -> Callable[..., int]:
        _EXPORTERS[name] = Exporter(name, extension, description, write, directory)
        return write

    return decorate


def exporters() -> dict[str, Exporter]:
    """Every registered exporter by name (the built-in ones loaded on first use)."""
    import importlib

    for module in BUILTIN_MODULES:
        importlib.import_module(f"newsgraph.export.{module}")
    return dict(_EXPORTERS)


def export(
    format_name: str, store: Store, filters: EventFilter | None = None,
    out: str | Path | TextIO | None = None,
) -> int:  # fmt: skip
    """Write `store`'s records selected by `filters` in `format_name` to `out` (a path, a text
    stream, or None for stdout; a folder for directory formats). Returns the records written."""
    try:
        exporter = exporters()[format_name]
    except KeyError:
        raise ValueError(
            f"unknown export format {format_name!r}; one of: {', '.join(sorted(exporters()))}"
        ) from None
    filters = (filters or EventFilter()).validate()
    if exporter.directory:
        if out is None or not isinstance(out, str | Path):
            raise ValueError(f"the {format_name} export writes a folder: give --out FOLDER")
        Path(out).mkdir(parents=True, exist_ok=True)
        return exporter.write(store, filters, Path(out))
    if out is None:
        return exporter.write(store, filters, sys.stdout)
    if isinstance(out, str | Path):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return exporter.write(store, filters, stream)
    return exporter.write(store, filters, out)


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """The non-comment lines of a file under export/data/."""
    text = (resources.files("newsgraph.export") / "data" / name).read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line and not line.startswith("#"))


@cache
def data_table(name: str) -> tuple[dict[str, Any], ...]:
    """A TSV under export/data/ (its first non-comment line names the columns) as rows."""
    lines = data_lines(name)
    return tuple(csv.DictReader(lines, delimiter="\t"))


__all__ = ["EventFilter", "Exporter", "export", "exporters", "register_exporter"]
