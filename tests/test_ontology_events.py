"""The event ontology tables (ontology/data/plover_*.tsv, cameo_*.tsv) and their loader."""

from __future__ import annotations

import re

import pytest
from conftest import SHARED, require_shared

from newsgraph.ontology import MissingLexicon, read_data_table
from newsgraph.ontology import events as ev

CAMEO2PLOVER = SHARED / "eval" / "plover-gsr" / "CAMEO2PLOVER-2021.txt"
CASE_TYPES = SHARED / "eval" / "case2021" / "task2" / "sample_data" / "event_types.txt"

TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
# Chapter 3 of the manual gives mode tables to these types only.
MODELESS = {"AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID"}
# ACLED's 25 sub-event types: sub-event type -> (event type, CASE 2021 Task 2 label).
ACLED = {
    "Armed clash": ("Battles", "ARMED_CLASH"),
    "Government regains territory": ("Battles", "GOV_REGAINS_TERIT"),
    "Non-state actor overtakes territory": ("Battles", "NON_STATE_ACTOR_OVERTAKES_TER"),
    "Chemical weapon": ("Explosions/Remote violence", "CHEM_WEAP"),
    "Air/drone strike": ("Explosions/Remote violence", "AIR_STRIKE"),
    "Suicide bomb": ("Explosions/Remote violence", "SUIC_BOMB"),
    "Shelling/artillery/missile attack": ("Explosions/Remote violence", "ART_MISS_ATTACK"),
    "Remote explosive/landmine/IED": ("Explosions/Remote violence", "REM_EXPLOS"),
    "Grenade": ("Explosions/Remote violence", "GRENADE"),
    "Sexual violence": ("Violence against civilians", "SEX_VIOL"),
    "Attack": ("Violence against civilians", "ATTACK"),
    "Abduction/forced disappearance": ("Violence against civilians", "ABDUCT_DISSAP"),
    "Peaceful protest": ("Protests", "PEACE_PROTEST"),
    "Protest with intervention": ("Protests", "PROTEST_WITH_INTER"),
    "Excessive force against protesters": ("Protests", "FORCE_AGAINST_PROTEST"),
    "Violent demonstration": ("Riots", "VIOL_DEMONSTR"),
    "Mob violence": ("Riots", "MOB_VIOL"),
    "Agreement": ("Strategic developments", "AGREEMENT"),
    "Arrests": ("Strategic developments", "ARREST"),
    "Change to group/activity": ("Strategic developments", "CHANGE_TO_GROUP_ACT"),
    "Disrupted weapons use": ("Strategic developments", "DISR_WEAP"),
    "Headquarters or base established": ("Strategic developments", "HQ_ESTABLISHED"),
    "Looting/property destruction": ("Strategic developments", "PROPERTY_DISTRUCT"),
    "Non-violent transfer of territory": ("Strategic developments", "NON_VIOL_TERRIT_TRANSFER"),
    "Other": ("Strategic developments", "OTHER"),
}
CONDITIONS = {
    "civilians", "armed", "protesters", "intervention", "serious_harm", "mob", "rioters",
    "grenade", "territory", "state_actor", "non_state_actor", "weapons", "base", "signed",
    "peace",
}  # fmt: skip


def test_plover_types_are_the_sixteen_with_a_quad_class():
    types = ev.plover_types()
    assert list(types) == TYPES
    for found in types.values():
        assert found.quad_class in (1, 2, 3, 4)
        assert found.definition
    quads = {q: {t for t in TYPES if ev.quad_class(t) == q} for q in (1, 2, 3, 4)}
    assert quads[1] == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"}
    assert quads[2] == {"COOPERATE", "AID", "RETREAT"}
    assert quads[3] == {"REQUEST", "ACCUSE", "REJECT", "THREATEN"}
    assert quads[4] == {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}  # sec. 3.13.4


def test_plover_types_have_modes_except_the_five_the_manual_gives_none():
    with_modes = {t for t in TYPES if ev.modes_of(t)}
    assert with_modes == set(TYPES) - MODELESS
    assert all(mode_type in TYPES for mode_type, _ in ev.plover_modes())


@pytest.mark.parametrize(
    ("type_", "count"),
    [("CONSULT", 4), ("RETREAT", 6), ("ACCUSE", 3), ("THREATEN", 6), ("PROTEST", 7),
     ("SANCTION", 4), ("MOBILIZE", 4), ("COERCE", 10), ("ASSAULT", 16)],
)  # fmt: skip
def test_plover_modes_count_per_type(type_, count):
    assert len(ev.modes_of(type_)) == count  # ASSAULT: Table 3.11's 15 and sideAB (3.16.1)


def test_plover_modes_request_and_reject_share_their_modes():
    names = [[m.mode for m in ev.modes_of(t)] for t in ("REQUEST", "REJECT")]
    assert names[0] == names[1] == ["assist", "change", "yield", "meet"]


@pytest.mark.parametrize(
    ("type_", "mode", "score"),
    [("COOPERATE", None, 9.5), ("ACCUSE", None, 3.0), ("PROTEST", "riot", -7.0),
     ("ASSAULT", "unconventional", -10.0), ("CONSULT", "phone", 1.5),
     ("PROTEST", "vandalize", None)],
)  # fmt: skip
def test_plover_scores_match_table_2_2(type_, mode, score):
    found = ev.event_mode(type_, mode) if mode else ev.event_type(type_)
    assert found.score == score


def test_plover_contexts_are_the_manuals_list():
    contexts = ev.plover_contexts()
    assert len(contexts) == 37
    assert {"repression", "terrorism", "economic", "rights_freedoms", "cbrn"} <= set(contexts)
    assert contexts["pro_democracy"].name == "pro democracy"


@pytest.mark.parametrize(
    ("code", "expected"),
    [("145", ("PROTEST", "riot")), ("1454", ("PROTEST", "riot")), ("141", ("PROTEST", "demo")),
     ("142", ("PROTEST", "hunger")), ("173", ("COERCE", "arrest")), ("1723", ("COERCE", "curfew")),
     ("1724", ("COERCE", "martial-law")), ("154", ("MOBILIZE", "troops")),
     ("151", ("MOBILIZE", "police")), ("193", ("ASSAULT", "firearms")),
     ("194", ("ASSAULT", "heavy-weapons")), ("1831", ("ASSAULT", "suicide-attack")),
     ("2042", ("ASSAULT", "unconventional")), ("042", ("CONSULT", "visit")),
     ("043", ("CONSULT", "visit")), ("041", ("CONSULT", "phone")),
     ("0841", ("RETREAT", "release")), ("0871", ("RETREAT", "ceasefire")),
     ("090", ("ACCUSE", "investigate")), ("1122", ("ACCUSE", "allege")),
     ("166", ("SANCTION", "expel")), ("036", ("AGREE", None)), ("057", ("SUPPORT", None))],
)  # fmt: skip
def test_cameo_to_plover_spot_checks_against_the_2021_table(code, expected):
    assert ev.cameo_to_plover(code) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("195", ("ASSAULT", "aerial")), ("186", ("ASSAULT", "targeted")),
     ("116", ("SANCTION", "convict")), ("163", ("SANCTION", "discontinue")),
     ("1722", ("COERCE", "restrict")), ("0813", ("CONCEDE", None)),
     ("1712", ("ASSAULT", "destroy"))],
)  # fmt: skip
def test_cameo_to_plover_reads_2021_rows_under_the_2024_manual(code, expected):
    assert ev.cameo_to_plover(code) == expected
    row = ev.cameo_code(code)
    assert row.note and (row.type_2021, row.mode_2021) != expected


def test_cameo_to_plover_every_root_maps_to_a_type_but_the_two_plover_drops():
    roots = ev.cameo_roots()
    assert list(roots) == [f"{n:02d}" for n in range(1, 21)]
    for code in roots:
        found = ev.cameo_to_plover(code)
        if code in ("01", "02"):
            assert found is None
        else:
            assert found is not None and found[0] == roots[code].plover_type
    assert ev.cameo_to_plover("08") == ("CONCEDE", None)
    assert ev.cameo_to_plover("20") == ("ASSAULT", None)


@pytest.mark.parametrize(
    ("code", "expected"),
    [("176", ("COERCE", None)), ("1385", ("THREATEN", "violence")), ("0231", None), ("010", None),
     ("1459", ("PROTEST", "riot"))],
)  # fmt: skip
def test_cameo_to_plover_reduces_unlisted_codes_to_their_parent(code, expected):
    assert ev.cameo_to_plover(code) == expected


@pytest.mark.parametrize("code", ["21", "00", "1", "abc", "14567", ""])
def test_cameo_to_plover_rejects_codes_that_are_not_cameo(code):
    with pytest.raises(ev.UnknownEventCode):
        ev.cameo_to_plover(code)


def test_event_lookups_name_the_unknown_value():
    with pytest.raises(ev.UnknownEventCode, match="FIGHT"):
        ev.event_type("FIGHT")
    with pytest.raises(ev.UnknownEventCode, match="massacre"):
        ev.event_mode("ASSAULT", "massacre")
    with pytest.raises(ev.UnknownEventCode):
        ev.acled_for("PROTEST", "firearms")
    with pytest.raises(ev.UnknownEventCode):
        ev.plover_to_cameo("AGREE", "visit")
    assert ev.event_mode("assault", "Firearms").mode == "firearms"


def test_cameo_roots_quad_class_follows_gdelt():
    expected = {
        f"{n:02d}": 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4 for n in range(1, 21)
    }
    assert {code: root.quad_class for code, root in ev.cameo_roots().items()} == expected


def test_cameo_codes_quad_class_agrees_with_their_root_but_where_plover_moves_them():
    roots = ev.cameo_roots()
    differs = {
        code for code, row in ev.cameo_codes().items()
        if ev.quad_class(row.type) != roots[row.root].quad_class
    }  # fmt: skip
    concede = {code for code, row in ev.cameo_codes().items() if row.type == "CONCEDE"}
    assert differs == concede | {"116"}  # verbal yields under 08; court findings under 11


def test_plover_to_cameo_round_trips_where_cameo_has_a_code():
    inexact = set()
    for (type_, mode), found in ev.plover_modes().items():
        code = ev.plover_to_cameo(type_, mode)
        back = ev.cameo_to_plover(code)
        assert back is not None and back[0] == type_
        if back != (type_, mode):
            assert found.note, f"{type_}/{mode}: inverse {code} maps to {back} without a note"
            inexact.add((type_, mode))
    assert inexact == {
        ("CONSULT", "multilateral"), ("RETREAT", "resign"), ("THREATEN", "arrest"),
        ("PROTEST", "strike"), ("PROTEST", "vandalize"), ("MOBILIZE", "weapons"),
        ("MOBILIZE", "militia"), ("COERCE", "censor"), ("COERCE", "withhold"),
        ("COERCE", "misinformation"), ("COERCE", "cyber"), ("ASSAULT", "primitive"),
        ("ASSAULT", "drone"), ("ASSAULT", "crowd-control"), ("ASSAULT", "sideAB"),
    }  # fmt: skip
    for type_ in TYPES:
        back = ev.cameo_to_plover(ev.plover_to_cameo(type_))
        assert back is not None and back[0] == type_


@pytest.mark.parametrize(
    ("type_", "mode", "root"),
    [("ACCUSE", None, "11"), ("ACCUSE", "investigate", "09"), ("ASSAULT", None, "18"),
     ("ASSAULT", "firearms", "19"), ("ASSAULT", "unconventional", "20"),
     ("ASSAULT", "crowd-control", "17"), ("RETREAT", "release", "08"), ("CONCEDE", None, "08"),
     ("SANCTION", "convict", "11"), ("PROTEST", "riot", "14"), ("MOBILIZE", "troops", "15")],
)  # fmt: skip
def test_plover_to_cameo_root_is_the_most_specific_root(type_, mode, root):
    assert ev.plover_to_cameo_root(type_, mode) == root


def test_cameo_plover_rows_use_only_known_types_modes_and_contexts():
    modes, contexts = ev.plover_modes(), ev.plover_contexts()
    for row in ev.cameo_codes().values():
        assert row.type in TYPES
        assert row.mode is None or (row.type, row.mode) in modes
        assert set(row.contexts) <= set(contexts)


def read_cameo2plover(text: str) -> dict[str, list[tuple[str, str, str, tuple[str, ...]]]]:
    """The rows of CAMEO2PLOVER-2021.txt: code -> [(label, type, mode, contexts)] (a code may
    be listed more than once)."""
    rows: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {}
    for line in text.splitlines():
        found = re.match(r"^(\d{3,4}):([^#]*)#(.*)$", line)
        if found is None:
            continue
        code, body, label = found.groups()
        type_, mode, contexts = (part.strip() for part in body.split(","))
        parts = tuple(c.strip() for c in contexts.split(";") if c.strip())
        rows.setdefault(code, []).append((label.strip(), type_, mode, parts))
    return rows


def test_cameo_plover_transcribes_every_row_of_the_2021_table():
    source = read_cameo2plover(require_shared(CAMEO2PLOVER).read_text(encoding="utf-8"))
    table = ev.cameo_codes()
    assert len(source) == len(table) == 256
    assert set(source) == set(table)
    for code, listed in source.items():
        row = table[code]
        for _label, type_, mode, contexts in listed:
            assert (row.type_2021, row.mode_2021 or "", row.contexts_2021) == (
                type_, mode, contexts,
            ), code  # fmt: skip
        labels = {label for label, *_ in listed}
        # 0813's source comment carries an editor's note after its label.
        assert row.label in labels or any(x.startswith(row.label + "  ") for x in labels), code


def test_acled_mapping_covers_all_25_sub_event_types():
    assert ev.acled_sub_event_types() == ACLED


def test_acled_mapping_labels_are_case2021s():
    names = require_shared(CASE_TYPES).read_text(encoding="utf-8").split()
    assert sorted(names) == sorted(label for _, label in ACLED.values())


def test_acled_mapping_decides_every_type_and_uses_known_conditions():
    rows = ev.acled_mappings()
    assert {row.type for row in rows} == set(TYPES)
    assert set().union(*(row.conditions for row in rows)) == CONDITIONS


@pytest.mark.parametrize(
    ("type_", "mode", "conditions", "expected"),
    [("PROTEST", "demo", (), ("Protests", "Peaceful protest")),
     ("PROTEST", None, (), ("Protests", "Peaceful protest")),
     ("PROTEST", "riot", (), ("Riots", "Violent demonstration")),
     ("PROTEST", "demo", ("intervention",), ("Protests", "Protest with intervention")),
     ("ASSAULT", "firearms", (), ("Battles", "Armed clash")),
     ("ASSAULT", "firearms", ("civilians",), ("Violence against civilians", "Attack")),
     ("ASSAULT", "aerial", ("civilians",), ("Explosions/Remote violence", "Air/drone strike")),
     ("ASSAULT", "explosives", ("grenade",), ("Explosions/Remote violence", "Grenade")),
     ("ASSAULT", None, ("territory", "state_actor"), ("Battles", "Government regains territory")),
     ("ASSAULT", None, ("territory",), ("Battles", "Armed clash")),
     ("ASSAULT", "sexual", (), ("Violence against civilians", "Sexual violence")),
     ("MOBILIZE", "troops", (), ("Strategic developments", "Change to group/activity")),
     ("COERCE", "arrest", (), ("Strategic developments", "Arrests")),
     ("COERCE", "arrest", ("protesters",), ("Protests", "Protest with intervention")),
     ("COERCE", "seize", ("weapons",), ("Strategic developments", "Disrupted weapons use")),
     ("AGREE", None, (), ("Strategic developments", "Agreement")),
     ("SUPPORT", None, ("signed",), ("Strategic developments", "Agreement")),
     ("SUPPORT", None, (), None), ("CONSULT", "visit", (), None), ("COERCE", "cyber", (), None),
     ("RETREAT", "access", (), None)],
)  # fmt: skip
def test_acled_for(type_, mode, conditions, expected):
    assert ev.acled_for(type_, mode, conditions) == expected


def test_read_data_table_without_language_reads_language_independent_files():
    assert read_data_table("plover_types.tsv", None, 7)[0][0] == "AGREE"
    with pytest.raises(MissingLexicon):
        read_data_table("no_such_table.tsv", None)
