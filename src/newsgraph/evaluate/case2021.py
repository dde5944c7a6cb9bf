"""Evaluator for case2021: CASE 2021 Task 2, fine-grained classification of socio-political event
snippets into ACLED sub-event types (one label per snippet; see FORMAT.md and task2/"Note on
EVENT TYPES").

Each snippet goes through newsgraph's whole analysis as a Document of its own. Its events are
labelled: an event with an ACLED sub-event type gets that type's CASE label (plover_acled.tsv,
via `acled_sub_event_types`); for subtask 3 an event without one may get an unseen label, DIPLO
or ATTRIB, from its PLOVER type and mode (plover_case2021.tsv). The snippet's label is that of
`newsgraph.analyze.events.main_event` among its labelled events, so a snippet whose first event
is, say, a condemnation still gets the ACLED label of the attack it condemns in subtask 1 (in
subtask 3 too: the ACLED events come first, an unseen label only where there are none). A
snippet with no labelled event gets no label: a miss of its gold label, no false positive.
newsgraph has no disaster or organized-crime events, so NATURAL_DISASTER, MAN_MADE_DISASTER and
ORG_CRIME are never predicted.

Scored as the task does, each subtask on the snippets whose gold label belongs to it:
- top level: subtask 1, the 25 ACLED labels (OTHER included), predicting ACLED labels only;
- `all_types`: subtask 3, all 30 labels (ACLED's 25 plus ORG_CRIME, NATURAL_DISASTER,
  MAN_MADE_DISASTER, DIPLO, ATTRIB). Subtask 2 (28 labels) is subtask 3 without DIPLO/ATTRIB
  snippets and is not reported separately.
Keys: `weighted_f1` (per-label F1 weighted by gold support), `macro_f1` (mean per-label F1 over
the labels that are gold or predicted), `micro_f1` (pooled; accuracy when every snippet is
labelled), `n`, `unlabelled` (snippets we gave no label).
`baseline`, measured in the same run on the same snippets: `most_frequent` gives every snippet
the most frequent gold label of the subtask; `lexicon_lookup` labels a snippet by the first word
of the text that is an inflection of a one-word trigger of event_triggers.tsv (no parse, no
arguments: the trigger's own type, mode and conditions through the same mappings), skipping
words whose event has no label in the subtask.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from newsgraph.evaluate.metrics import classification_f1
from newsgraph.evaluate.registry import register
from newsgraph.records import Document, Event

HEADER = ("id", "EventSnippet", "SubType")
# task2/"Note on EVENT TYPES": subtask 1 ("seen", ACLED) and the unseen labels of subtask 3
ACLED_LABELS = (
    "ABDUCT_DISSAP", "AGREEMENT", "AIR_STRIKE", "ARMED_CLASH", "ARREST", "ART_MISS_ATTACK",
    "ATTACK", "CHANGE_TO_GROUP_ACT", "CHEM_WEAP", "DISR_WEAP", "FORCE_AGAINST_PROTEST",
    "GOV_REGAINS_TERIT", "GRENADE", "HQ_ESTABLISHED", "MOB_VIOL", "NON_STATE_ACTOR_OVERTAKES_TER",
    "NON_VIOL_TERRIT_TRANSFER", "OTHER", "PEACE_PROTEST", "PROPERTY_DISTRUCT",
    "PROTEST_WITH_INTER", "REM_EXPLOS", "SEX_VIOL", "SUIC_BOMB", "VIOL_DEMONSTR",
)  # fmt: skip
UNSEEN_LABELS = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB")
ALL_LABELS = ACLED_LABELS + UNSEEN_LABELS
WORD_RE = re.compile(r"[a-z]+")

Labeller = Callable[[str, str | None, Iterable[str]], str | None]


@dataclass(frozen=True)
class Snippet:
    id: str
    text: str
    label: str


def read_snippets(data_dir: Path, limit: int | None = None) -> list[Snippet]:
    """The snippets of every Task 2 file under `data_dir` (a .tsv whose header is `id`,
    `EventSnippet`, `SubType`), in file order; the first `limit` of them."""
    snippets: list[Snippet] = []
    for path in sorted(data_dir.rglob("*.tsv")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if not lines or tuple(lines[0].split("\t")) != HEADER:
            continue
        for line in lines[1:]:
            if line.strip():
                id_, text, label = line.split("\t")
                snippets.append(Snippet(id_, text.strip(), label.strip()))
    return snippets[:limit] if limit is not None else snippets


# --- labels ----------------------------------------------------------------------------------


def case_label(
    type_: str, mode: str | None, conditions: Iterable[str], all_types: bool
) -> str | None:
    """The CASE label of a PLOVER event: its ACLED sub-event type's label, else (subtask 3) its
    unseen label."""
    from newsgraph.ontology.events import acled_for, acled_sub_event_types, case2021_unseen_label

    acled = acled_for(type_, mode, conditions)
    if acled is not None:
        return acled_sub_event_types()[acled[1]][1]
    return case2021_unseen_label(type_, mode) if all_types else None


def event_label(event: Event, all_types: bool) -> str | None:
    """The CASE label of one of our events (its ACLED sub-event type, as the stage set it)."""
    from newsgraph.ontology.events import acled_sub_event_types, case2021_unseen_label

    if event.acled_sub_event_type:
        return acled_sub_event_types()[event.acled_sub_event_type][1]
    return case2021_unseen_label(event.type, event.mode) if all_types else None


def snippet_label(events: list[Event], all_types: bool) -> str | None:
    """The label of the main event among the snippet's labelled events (None: no label); in
    subtask 3, among its ACLED events where it has some ("attacked ..., said the ministry,
    which urged calm" is an attack), else among the events with an unseen label."""
    from newsgraph.analyze.events import main_event

    labelled = [e for e in events if event_label(e, all_types) is not None]
    acled = [e for e in labelled if e.acled_sub_event_type]
    claims = [e for e in labelled if all_types and attributes_an_attack(e, events)]
    main = main_event(claims or acled or labelled)
    return event_label(main, all_types) if main is not None else None


def attributes_an_attack(event: Event, events: list[Event]) -> bool:
    """A claim of responsibility for an attack in its own sentence ("IS claimed responsibility
    for the bombing"): the news is who did it, CASE's ATTRIB, not the attack itself. Not any
    accusation: "accused the forces of committing rape" reports the rape."""
    claim = "responsib" in event.trigger.lower() and event.modality != "negated"  # "no group"
    return (
        claim
        and event_label(event, True) == "ATTRIB"
        and any(
            other.type == "ASSAULT" and other.sentence_span == event.sentence_span
            for other in events
        )
    )


# --- baselines -------------------------------------------------------------------------------


def inflections(lemma: str) -> set[str]:
    """Regular English forms of a lemma: kill kills killed killing, fire fired firing, shell
    shelled, stab stabbed; irregular forms (shot, fought) are not generated."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdglmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@cache
def trigger_forms() -> dict[str, list[tuple[str, str | None, frozenset[str]]]]:
    """Word form -> (type, mode, conditions) of the one-word triggers of event_triggers.tsv."""
    from newsgraph.analyze.events import load_lexicons

    forms: dict[str, list[tuple[str, str | None, frozenset[str]]]] = {}
    for lemma, entries in load_lexicons().triggers.items():
        for entry in entries:
            if len(entry.words) == 1:
                for form in inflections(lemma):
                    forms.setdefault(form, []).append((entry.type, entry.mode, entry.conditions))
    return forms


def lexicon_lookup(text: str, all_types: bool) -> str | None:
    """The label of the first word that is a one-word trigger with a label (see the docstring)."""
    forms = trigger_forms()
    for word in WORD_RE.findall(text.lower()):
        for type_, mode, conditions in forms.get(word, ()):
            label = case_label(type_, mode, conditions, all_types)
            if label is not None:
                return label
    return None


# --- scoring ---------------------------------------------------------------------------------


def score_subtask(
    snippets: list[Snippet],
    predicted: list[str | None],
    lookup: list[str | None],
    labels: tuple[str, ...],
) -> dict[str, Any]:
    """Scores of our labels and the baselines on the snippets whose gold label is in `labels`."""
    keep = [i for i, s in enumerate(snippets) if s.label in labels]
    gold = [snippets[i].label for i in keep]
    ours = [predicted[i] for i in keep]
    result = rounded(classification_f1(gold, ours))
    common = Counter(gold).most_common(1)
    frequent = common[0][0] if common else None
    result["baseline"] = {
        "most_frequent": {
            "label": frequent,
            **rounded(classification_f1(gold, [frequent] * len(gold))),
        },
        "lexicon_lookup": rounded(classification_f1(gold, [lookup[i] for i in keep])),
    }
    return result


def rounded(scores: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()}


def score_snippets(snippets: list[Snippet], events_of: list[list[Event]]) -> dict[str, Any]:
    """Subtask 1 at the top level, subtask 3 under `all_types`, baselines under `baseline`."""
    ours = [snippet_label(events, all_types=False) for events in events_of]
    ours_all = [snippet_label(events, all_types=True) for events in events_of]
    lookup = [lexicon_lookup(s.text, all_types=False) for s in snippets]
    lookup_all = [lexicon_lookup(s.text, all_types=True) for s in snippets]
    result = score_subtask(snippets, ours, lookup, ACLED_LABELS)
    all_types = score_subtask(snippets, ours_all, lookup_all, ALL_LABELS)
    baseline = result.pop("baseline")
    baseline_all = all_types.pop("baseline")
    result["all_types"] = all_types
    result["baseline"] = {
        "method": "most_frequent: the subtask's most frequent gold label for every snippet; "
        "lexicon_lookup: the first inflected one-word trigger of event_triggers.tsv, no parse",
        **baseline,
        "all_types": baseline_all,
    }
    return result


def confusions(
    snippets: list[Snippet], predicted: list[str | None], top: int = 20
) -> list[tuple[str, str | None, int]]:
    """The most frequent (gold, predicted) errors: for error analysis."""
    pairs = Counter((s.label, p) for s, p in zip(snippets, predicted, strict=True) if s.label != p)
    return [(gold, guess, n) for (gold, guess), n in pairs.most_common(top)]


@register("case2021", "CASE 2021 Task 2: ACLED sub-event type of event snippets (+ unseen types)")
def evaluate_case2021(data_dir: Path, limit: int | None) -> dict[str, Any]:
    """Analyse every snippet and score its label. `limit` takes the first N snippets."""
    from newsgraph.analyze import analyze_documents

    snippets = read_snippets(data_dir, limit)
    documents = [Document(text=s.text, source=s.id, source_kind="text") for s in snippets]
    events_of = [analysis.events for analysis in analyze_documents(documents)]
    return score_snippets(snippets, events_of)
