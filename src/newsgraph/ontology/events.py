"""The event ontology: PLOVER types, modes and contexts, CAMEO codes, and the CAMEO <-> PLOVER <->
ACLED mappings, read once from the language-independent tables under ontology/data/.

PLOVER names follow the manual, version 2.0 (2024): types upper case ("ASSAULT"), modes and
contexts lower case ("firearms", "rights_freedoms"). A mode is `None` when an event has none.
Lookups accept any letter case and raise `UnknownEventCode` for a name or code the tables do not
have; a table that contradicts another fails when it is loaded, with the file and row named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from newsgraph.errors import NewsgraphError
from newsgraph.ontology import read_data_table

QUAD_CLASSES = (1, 2, 3, 4)  # verbal cooperation, material cooperation, verbal/material conflict


class UnknownEventCode(NewsgraphError, ValueError):
    """A PLOVER type, mode or context, or a CAMEO code, that the ontology tables do not have."""


@dataclass(frozen=True)
class EventType:
    """One PLOVER event type (plover_types.tsv)."""

    code: str
    quad_class: int
    quad_name: str
    requires_recipient: bool
    score: float | None
    cameo: str
    definition: str


@dataclass(frozen=True)
class EventMode:
    """One PLOVER (type, mode) pair (plover_modes.tsv); `note` explains a `cameo` inverse that
    does not map back to exactly this pair."""

    type: str
    mode: str
    score: float | None
    cameo: str
    definition: str
    note: str = ""


@dataclass(frozen=True)
class EventContext:
    """One PLOVER context (plover_contexts.tsv)."""

    code: str
    name: str
    definition: str


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO code with its PLOVER reading (cameo_plover.tsv, or cameo_roots.tsv for a root).

    `type`, `mode`, `contexts` are newsgraph's reading under the 2024 manual; the `*_2021` fields
    are the 2021 conversion table as written. `type` is None for roots 01 and 02 (dropped)."""

    code: str
    label: str
    type: str | None
    mode: str | None
    contexts: tuple[str, ...]
    type_2021: str | None
    mode_2021: str | None
    contexts_2021: tuple[str, ...]
    note: str = ""

    @property
    def root(self) -> str:
        """The two-digit CAMEO root ("cue category") of this code."""
        return self.code[:2]


@dataclass(frozen=True)
class CameoRoot:
    """One of the 20 CAMEO root codes (cameo_roots.tsv); `plover_type` None when dropped."""

    code: str
    label: str
    quad_class: int
    plover_type: str | None
    note: str = ""


@dataclass(frozen=True)
class AcledMapping:
    """One row of plover_acled.tsv: a PLOVER (type, mode) under some conditions, and its ACLED
    event type and sub-event type (both None when the pair has no ACLED counterpart)."""

    type: str
    mode: str | None
    conditions: frozenset[str]
    event_type: str | None
    sub_event_type: str | None
    case2021_label: str | None
    note: str = ""


def _score(text: str) -> float | None:
    return float(text) if text else None


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


@cache
def plover_types() -> dict[str, EventType]:
    """The 16 PLOVER types by code, in the manual's order."""
    types: dict[str, EventType] = {}
    for code, quad, quad_name, recipient, score, cameo, definition in read_data_table(
        "plover_types.tsv", None, 7
    ):
        _check(int(quad) in QUAD_CLASSES, f"plover_types.tsv: {code}: quad_class {quad!r}")
        _check(recipient in ("yes", "no"), f"plover_types.tsv: {code}: {recipient!r}")
        _check(code not in types, f"plover_types.tsv: {code} twice")
        types[code] = EventType(
            code, int(quad), quad_name, recipient == "yes", _score(score), cameo, definition
        )
    return types


@cache
def plover_modes() -> dict[tuple[str, str], EventMode]:
    """Every PLOVER (type, mode) pair, keyed by the pair."""
    types = plover_types()
    modes: dict[tuple[str, str], EventMode] = {}
    for type_, mode, score, cameo, definition, note in read_data_table("plover_modes.tsv", None, 6):
        _check(type_ in types, f"plover_modes.tsv: unknown type {type_!r} for mode {mode!r}")
        _check((type_, mode) not in modes, f"plover_modes.tsv: {type_}/{mode} twice")
        modes[type_, mode] = EventMode(type_, mode, _score(score), cameo, definition, note)
    return modes


@cache
def plover_contexts() -> dict[str, EventContext]:
    """The PLOVER contexts by identifier (the manual's name with "_" for spaces)."""
    return {
        code: EventContext(code, name, definition)
        for code, name, definition in read_data_table("plover_contexts.tsv", None, 3)
    }


@cache
def cameo_roots() -> dict[str, CameoRoot]:
    """The 20 CAMEO roots "01".."20" by code."""
    types = plover_types()
    roots: dict[str, CameoRoot] = {}
    for code, label, quad, plover_type, note in read_data_table("cameo_roots.tsv", None, 5):
        _check(not plover_type or plover_type in types, f"cameo_roots.tsv: {code}: {plover_type}")
        roots[code] = CameoRoot(code, label, int(quad), plover_type or None, note)
    return roots


@cache
def cameo_codes() -> dict[str, CameoCode]:
    """The 3- and 4-digit CAMEO codes of the 2021 conversion table, by code."""
    modes, contexts, roots = plover_modes(), plover_contexts(), cameo_roots()
    codes: dict[str, CameoCode] = {}
    for row in read_data_table("cameo_plover.tsv", None, 9):
        code, label, type_2021, mode_2021, contexts_2021, type_, mode, context_list, note = row
        where = f"cameo_plover.tsv: {code}"
        _check(re.fullmatch(r"\d{3,4}", code) is not None and code[:2] in roots, where)
        _check(code not in codes, f"{where} twice")
        _check(type_ in plover_types(), f"{where}: unknown type {type_!r}")
        _check(not mode or (type_, mode) in modes, f"{where}: unknown mode {type_}/{mode}")
        found = _split(context_list)
        _check(all(c in contexts for c in found), f"{where}: unknown context in {found}")
        changed = (type_, mode, context_list) != (type_2021, mode_2021, contexts_2021)
        _check(not changed or bool(note), f"{where}: differs from the 2021 table without a note")
        codes[code] = CameoCode(
            code, label, type_, mode or None, found, type_2021, mode_2021 or None,
            _split(contexts_2021), note,
        )  # fmt: skip
    return codes


@cache
def acled_mappings() -> tuple[AcledMapping, ...]:
    """The rows of plover_acled.tsv, in file order."""
    types, modes = plover_types(), plover_modes()
    rows: list[AcledMapping] = []
    for type_, mode, conditions, event_type, sub_type, label, note in read_data_table(
        "plover_acled.tsv", None, 7
    ):
        where = f"plover_acled.tsv: {type_}/{mode} {conditions}"
        _check(type_ in types and (not mode or (type_, mode) in modes), f"{where}: unknown pair")
        _check(bool(event_type) == bool(sub_type) == bool(label), f"{where}: half a mapping")
        found = frozenset(c.strip() for c in conditions.split(",") if c.strip())
        none_if_empty = [value or None for value in (event_type, sub_type, label)]
        rows.append(AcledMapping(type_, mode or None, found, *none_if_empty, note))
    return tuple(rows)


@cache
def acled_sub_event_types() -> dict[str, tuple[str, str]]:
    """ACLED sub-event types that the mapping uses: sub-event type -> (event type, CASE 2021
    label)."""
    found: dict[str, tuple[str, str]] = {}
    for row in acled_mappings():
        if row.sub_event_type and row.event_type and row.case2021_label:
            pair = (row.event_type, row.case2021_label)
            _check(
                found.setdefault(row.sub_event_type, pair) == pair,
                f"plover_acled.tsv: {row.sub_event_type} under two event types or labels",
            )
    return found


def event_type(type_: str) -> EventType:
    """The PLOVER type `type_` (any case); UnknownEventCode if there is none."""
    found = plover_types().get(type_.strip().upper())
    if found is None:
        known = ", ".join(plover_types())
        raise UnknownEventCode(f"unknown PLOVER event type {type_!r}; known: {known}")
    return found


def event_mode(type_: str, mode: str) -> EventMode:
    """The PLOVER mode `mode` of type `type_`; UnknownEventCode if the type has no such mode."""
    code = event_type(type_).code
    wanted = mode.strip().lower()
    found = next(
        (m for (t, name), m in plover_modes().items() if t == code and name.lower() == wanted), None
    )
    if found is None:
        known = ", ".join(m for t, m in plover_modes() if t == code) or "none"
        raise UnknownEventCode(f"{code} has no mode {mode!r}; its modes: {known}")
    return found


def modes_of(type_: str) -> list[EventMode]:
    """The modes of a PLOVER type, in the manual's order (empty for types without modes)."""
    code = event_type(type_).code
    return [m for (t, _), m in plover_modes().items() if t == code]


def quad_class(type_: str) -> int:
    """QuadClass of a PLOVER type: 1 verbal cooperation, 2 material cooperation, 3 verbal
    conflict, 4 material conflict."""
    return event_type(type_).quad_class


def cameo_to_plover(code: str) -> tuple[str, str | None] | None:
    """(PLOVER type, mode or None) for a CAMEO event code such as "145" or "0841".

    A code of the 2021 conversion table gives its row (as read under the 2024 manual). Other
    well-formed codes are reduced to their nearest listed parent, down to the root, as the
    manual's chapter 7 advises (a root gives its type and no mode). Codes of roots 01 and 02
    give None: PLOVER drops them. A code that is not 2-4 digits under a root 01-20 raises
    UnknownEventCode."""
    text = code.strip()
    if not re.fullmatch(r"\d{2,4}", text) or text[:2] not in cameo_roots():
        raise UnknownEventCode(f"not a CAMEO event code: {code!r} (2-4 digits, root 01-20)")
    for prefix in (text[:n] for n in range(len(text), 2, -1)):
        row = cameo_codes().get(prefix)
        if row is not None:
            return (row.type, row.mode) if row.type else None
    root_type = cameo_roots()[text[:2]].plover_type
    return (root_type, None) if root_type else None


def cameo_code(code: str) -> CameoCode:
    """The table row of a CAMEO code (3-4 digits) or a root (2 digits); UnknownEventCode if
    neither table lists it."""
    text = code.strip()
    if text in cameo_codes():
        return cameo_codes()[text]
    root = cameo_roots().get(text)
    if root is None:
        raise UnknownEventCode(f"CAMEO code {code!r} is not in the conversion table")
    return CameoCode(root.code, root.label, root.plover_type, None, (), root.plover_type, None, ())


def plover_to_cameo(type_: str, mode: str | None = None) -> str:
    """The CAMEO code chosen as the inverse of a PLOVER type or (type, mode): the `cameo` column
    of plover_modes.tsv, or of plover_types.tsv without a mode. Where a code maps back to exactly
    that pair it is such a code; the few pairs CAMEO has no code for get the nearest generic one
    (their `note` says so)."""
    if mode:
        return event_mode(type_, mode).cameo
    return event_type(type_).cameo


def plover_to_cameo_root(type_: str, mode: str | None = None) -> str:
    """The two-digit CAMEO root of `plover_to_cameo(type_, mode)`: the most specific root for
    the pair, e.g. ACCUSE/investigate -> "09" but ACCUSE -> "11", ASSAULT/firearms -> "19",
    ASSAULT/unconventional -> "20", ASSAULT/crowd-control -> "17" (CAMEO 175)."""
    return plover_to_cameo(type_, mode)[:2]


def acled_for(
    type_: str, mode: str | None = None, conditions: Iterable[str] = ()
) -> tuple[str, str] | None:
    """(ACLED event type, sub-event type) for a PLOVER event, or None when it has no ACLED
    counterpart.

    Rows of the type and mode are used, or the type's rows without a mode when the mode has none
    of its own; among them, the row with the most conditions that all hold (see the condition
    list in plover_acled.tsv: "civilians", "protesters", "territory", ...) wins, the row without
    conditions being the default."""
    code = event_type(type_).code
    mode_name = event_mode(code, mode).mode if mode else None
    given = frozenset(conditions)
    rows = [r for r in acled_mappings() if r.type == code and r.mode == mode_name]
    if not rows:
        rows = [r for r in acled_mappings() if r.type == code and r.mode is None]
    matching = [r for r in rows if r.conditions <= given]
    if not matching:
        return None
    best = max(matching, key=lambda r: len(r.conditions))  # first of equals: file order
    if best.event_type is None or best.sub_event_type is None:
        return None
    return best.event_type, best.sub_event_type


@cache
def plover_aliases() -> dict[tuple[str, str], tuple[str, str | None]]:
    """Older PLOVER names -> 2024 names (plover_aliases.tsv): (old type, old mode or "") ->
    (type, mode or None). Every target must be a known 2024 type or (type, mode) pair."""
    aliases: dict[tuple[str, str], tuple[str, str | None]] = {}
    for old_type, old_mode, type_, mode, _note in read_data_table("plover_aliases.tsv", None, 5):
        where = f"plover_aliases.tsv: {old_type}/{old_mode}"
        _check(type_ in plover_types(), f"{where}: unknown type {type_!r}")
        _check(not mode or (type_, mode) in plover_modes(), f"{where}: unknown mode {mode!r}")
        _check((old_type, old_mode) not in aliases, f"{where} twice")
        aliases[old_type, old_mode] = (type_, mode or None)
    return aliases


def normalize_plover(type_: str, mode: str | None = None) -> tuple[str, str | None]:
    """A PLOVER (type, mode) in the 2024 names: older names (DEMAND, FIGHT, strike-hun ...) are
    translated through plover_aliases.tsv; a pair it does not list is returned as given (type
    upper case, mode lower case, "" as None). Unknown names are not an error: old data can hold
    names neither table knows."""
    old_type, old_mode = type_.strip().upper(), (mode or "").strip().lower()
    aliases = plover_aliases()
    if (old_type, old_mode) in aliases:
        return aliases[old_type, old_mode]
    if (old_type, "") in aliases:
        new_type, implied = aliases[old_type, ""]
        if not old_mode:
            return new_type, implied
        return aliases.get((new_type, old_mode), (new_type, old_mode))
    return old_type, old_mode or None


@cache
def case2021_unseen_labels() -> dict[tuple[str, str | None], str | None]:
    """plover_case2021.tsv: (PLOVER type, mode or None) -> CASE 2021 unseen label or None."""
    modes = plover_modes()
    found: dict[tuple[str, str | None], str | None] = {}
    for type_, mode, label, _note in read_data_table("plover_case2021.tsv", None, 4):
        where = f"plover_case2021.tsv: {type_}/{mode}"
        _check(type_ in plover_types() and (not mode or (type_, mode) in modes), where)
        _check((type_, mode or None) not in found, f"{where} twice")
        _check(label in ("", *CASE2021_UNSEEN_LABELS), f"{where}: unknown label {label!r}")
        found[type_, mode or None] = label or None
    return found


CASE2021_UNSEEN_LABELS = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB")


def case2021_unseen_label(type_: str, mode: str | None = None) -> str | None:
    """The CASE 2021 Task 2 label outside ACLED's taxonomy ("DIPLO", "ATTRIB") of a PLOVER event
    that has no ACLED counterpart, or None (see plover_case2021.tsv)."""
    code = event_type(type_).code
    table = case2021_unseen_labels()
    mode_name = event_mode(code, mode).mode if mode else None
    if (code, mode_name) in table:
        return table[code, mode_name]
    return table.get((code, None))
