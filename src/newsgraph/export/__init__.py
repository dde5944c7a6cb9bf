"""Exports: one registered renderer per format (name, file extension, function), as Datasette's
renderers; the built-in formats use the same registry a plugin would (`register_exporter`).

A renderer takes the store, an `EventFilter` and where to write (a text stream, or a folder for
`directory` formats such as Parquet) and returns how many records it wrote. A format whose
codebook cannot hold all we know (GDELT's speakers, claimants) declares a `companion` suffix: it
then also gets `companion=` (a path, or None when writing to a stream) and writes what is left
over there as JSONL ("gkg.tsv" -> "gkg.companion.jsonl"), not into misused columns.
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

BUILTIN_MODULES = (
    "geojson", "acled", "gdelt", "gdelt_mentions", "gdelt_gkg", "plover", "parquet", "jsonl",
)  # fmt: skip


@dataclass(frozen=True)
class Exporter:
    name: str
    extension: str  # "csv"; "" for a folder
    description: str
    write: Callable[..., int]  # (store, filters, out) -> records written
    directory: bool = False  # writes a folder of files (needs --out)
    companion: str = ""  # suffix of the companion JSONL written next to --out ("" for none)


_EXPORTERS: dict[str, Exporter] = {}


def register_exporter(
    name: str, extension: str, description: str, directory: bool = False, companion: str = ""
) -> Callable[[Callable[..., int]], Callable[..., int]]:
    """Decorator: register `write(store, filters, out)` as the exporter of format `name`
    (`write(store, filters, out, companion=PATH)` when it declares a companion suffix)."""

    def decorate(write: Callable[..., int]) -> Callable[..., int]:
        _EXPORTERS[name] = Exporter(name, extension, description, write, directory, companion)
        return write

    return decorate


def exporters() -> dict[str, Exporter]:
    """Every registered exporter by name (the built-in ones loaded on first use)."""
    import importlib

    for module in BUILTIN_MODULES:
        importlib.import_module(f"newsgraph.export.{module}")
    return dict(_EXPORTERS)


def companion_path(out: str | Path, suffix: str) -> Path:
    """Where the companion file of `out` goes: "gkg.tsv" -> "gkg.companion.jsonl"."""
    out = Path(out)
    return out.with_name(f"{out.stem}.{suffix}")


def export(
    format_name: str, store: Store, filters: EventFilter | None = None,
    out: str | Path | TextIO | None = None, companion: str | Path | None = None,
) -> int:  # fmt: skip
    """Write `store`'s records selected by `filters` in `format_name` to `out` (a path, a text
    stream, or None for stdout; a folder for directory formats). Returns the records written.
    A format with a companion file writes it at `companion`, by default next to a path `out`
    (`companion_path`); none when writing to a stream without `companion`."""
    try:
        exporter = exporters()[format_name]
    except KeyError:
        raise ValueError(
            f"unknown export format {format_name!r}; one of: {', '.join(sorted(exporters()))}"
        ) from None
    filters = (filters or EventFilter()).validate()
    extra: dict[str, Any] = {}
    if exporter.companion:
        if companion is None and isinstance(out, str | Path):
            companion = companion_path(out, exporter.companion)
        extra["companion"] = Path(companion) if companion is not None else None
    if exporter.directory:
        if out is None or not isinstance(out, str | Path):
            raise ValueError(f"the {format_name} export writes a folder: give --out FOLDER")
        Path(out).mkdir(parents=True, exist_ok=True)
        return exporter.write(store, filters, Path(out), **extra)
    if out is None:
        return exporter.write(store, filters, sys.stdout, **extra)
    if isinstance(out, str | Path):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return exporter.write(store, filters, stream, **extra)
    return exporter.write(store, filters, out, **extra)


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


__all__ = [
    "EventFilter", "Exporter", "companion_path", "export", "exporters", "register_exporter",
]  # fmt: skip
