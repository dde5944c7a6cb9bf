"""Lexicons and mapping tables kept as data files under ontology/data/<language>/, loaded once."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from newsgraph.errors import NewsgraphError


class MissingLexicon(NewsgraphError):
    """No data file for this lexicon in this language."""


def read_data_lines(name: str, language: str = "en") -> list[str]:
    """The non-comment, non-blank lines of ontology/data/<language>/<name>."""
    path = resources.files("newsgraph.ontology") / "data" / language / name
    if not path.is_file():
        raise MissingLexicon(f"no lexicon {name!r} for language {language!r}")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@cache
def boilerplate_line_pattern(language: str = "en") -> re.Pattern[str]:
    """One compiled pattern that matches a whole boilerplate line (see boilerplate_lines.txt)."""
    alternatives = "|".join(f"(?:{p})" for p in read_data_lines("boilerplate_lines.txt", language))
    return re.compile(rf"^(?:{alternatives})$", re.IGNORECASE)


def read_data_table(name: str, language: str = "en", columns: int | None = None) -> list[list[str]]:
    """Rows of a tab-separated data file; with `columns`, short rows are padded with "" and a
    row with more columns is an error that names the file and row."""
    rows = [line.split("\t") for line in read_data_lines(name, language)]
    if columns is None:
        return rows
    for row in rows:
        if len(row) > columns:
            raise ValueError(f"{language}/{name}: {len(row)} columns, expected {columns}: {row}")
        row.extend([""] * (columns - len(row)))
    return rows


def read_common_lines(name: str) -> list[str]:
    """The non-comment, non-blank lines of ontology/data/<name>: a table that is the same in every
    language (event types, code mappings), kept beside the per-language folders."""
    path = resources.files("newsgraph.ontology") / "data" / name
    if not path.is_file():
        raise MissingLexicon(f"no language-independent data file {name!r}")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.rstrip() for line in lines if line.strip() and not line.startswith("#")]


def read_common_table(name: str, columns: int | None = None) -> list[list[str]]:
    """Rows of a tab-separated language-independent data file (see `read_common_lines`); with
    `columns`, short rows are padded with "" and a longer row is an error naming file and row."""
    rows = [line.split("\t") for line in read_common_lines(name)]
    if columns is None:
        return rows
    for row in rows:
        if len(row) > columns:
            raise ValueError(f"{name}: {len(row)} columns, expected {columns}: {row}")
        row.extend([""] * (columns - len(row)))
    return rows
