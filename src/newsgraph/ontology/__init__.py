"""Lexicons and mapping tables kept as data files under ontology/data/<language>/, loaded once."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from newsgraph.errors import NewsgraphError


class MissingLexicon(NewsgraphError):
    """No data file for this lexicon in this language."""


def read_data_lines(name: str, language: str | None = "en") -> list[str]:
    """The non-comment, non-blank lines of ontology/data/<language>/<name>; language None reads
    ontology/data/<name>, a table that is the same in every language (event types, code maps).
    Trailing whitespace is dropped; a leading tab stays (an empty first column)."""
    folder = resources.files("newsgraph.ontology") / "data"
    path = folder / name if language is None else folder / language / name
    if not path.is_file():
        where = "language-independent" if language is None else f"language {language!r}"
        raise MissingLexicon(f"no data file {name!r} ({where})")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.rstrip().lstrip(" ") for line in lines if line.strip() and line[0] != "#"]


@cache
def boilerplate_line_pattern(language: str = "en") -> re.Pattern[str]:
    """One compiled pattern that matches a whole boilerplate line (see boilerplate_lines.txt)."""
    alternatives = "|".join(f"(?:{p})" for p in read_data_lines("boilerplate_lines.txt", language))
    return re.compile(rf"^(?:{alternatives})$", re.IGNORECASE)


def read_data_table(
    name: str, language: str | None = "en", columns: int | None = None
) -> list[list[str]]:
    """Rows of a tab-separated data file (see `read_data_lines`); with `columns`, short rows are
    padded with "" and a longer row is an error that names the file and row."""
    rows = [line.split("\t") for line in read_data_lines(name, language)]
    if columns is None:
        return rows
    for row in rows:
        if len(row) > columns:
            raise ValueError(f"{language or ''}/{name}: {len(row)} columns, not {columns}: {row}")
        row.extend([""] * (columns - len(row)))
    return rows
