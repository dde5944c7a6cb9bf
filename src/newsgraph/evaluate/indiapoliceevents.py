"""Evaluator for indiapoliceevents: police actions in Times of India articles of March 2002 about
Gujarat (IndiaPoliceEvents, Halterman et al. 2021; JSON Lines, see FORMAT.md), labelled per
sentence and per document with KILL, ARREST, FAIL, FORCE and ANY_ACTION.

Each article's `doc_text`, its mojibake repaired ("didnâ€™t"), goes through newsgraph's whole
analysis (published = the metadata date); the dataset's own sentence splits are found in the
text in order, and a sentence is positive for a label when one of our events has its trigger
(or the trigger of a later report merged into it) in the sentence and the event meets the
label's definition (`event_labels`, from the dataset's questions):
- KILL "did police kill someone?": a factual ASSAULT whose source is the police and whose trigger
  names a killing ("police shot dead two"); or a sentence where the police use force (FORCE below)
  that also reports deaths no one else caused: a factual killing with no other named source, or
  a killed count of the counts stage, or a word reporting deaths (`DEATHS`: "two were killed in
  police firing", "more people died in police firing").
- ARREST "did police arrest someone?": a factual COERCE/arrest whose source is not rebels or
  unidentified gunmen (arrests in news text are police work unless the text says otherwise:
  "20 people were arrested").
- FORCE "did police use force or violence?": a factual ASSAULT whose source is the police
  (firing, lathi-charge, beating, killing), or of mode crowd-control (tear gas, lathi charges)
  when no other source is named.
- FAIL "did police fail to act?": an event of the police with negated modality ("police did not
  intervene", "failed to arrest", "were unwilling to register cases", "stood as passive
  onlookers"); a negated act of keeping order (control, arrest, protect, deploy, disperse) by
  another arm of the state ("the government failed to protect", "the delay in army deployment");
  or an event whose own word says no one acted, with no actor named ("the breakdown of law and
  order", "indifference"). The inaction words are event_triggers.tsv rows of modality negated.
- ANY_ACTION "did police do anything?": ARREST or FORCE, a factual event whose source is the
  police (any type), a factual COERCE with no other source (raids, curfews, cordons), or a
  MOBILIZE whose target is the police ("police were deployed").
Factual is asserted, reported or historical. The police are an actor with PLOVER sector COP
(the entities stage's police nouns), or, for an actor the entities stage did not type, a phrase
naming the police (`POLICE`). A document is positive for a label when any of its sentences is
(the dataset's document labels are defined the same way).
Scored: precision, recall and F1 per label over sentences (`sent_*`) and documents (`doc_*`),
with `n_sent` / `n_doc` gold positives. `baseline`, measured in the same run: a sentence is
positive when it names the police and a keyword of the label (`BASELINE_KEYWORDS`); ANY_ACTION
when it names the police and any keyword of KILL, ARREST or FORCE.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.evaluate.metrics import SegmentCounts, summarize_segments
from newsgraph.evaluate.registry import register
from newsgraph.ingest.clean import repair_mojibake
from newsgraph.records import Analysis, Count, Document, Event, EventActor

LABELS = ("KILL", "ARREST", "FAIL", "FORCE", "ANY_ACTION")
FACTUAL = {"asserted", "reported", "historical"}
NOT_ARRESTING = {"REB", "UAF"}  # rebels and unknown gunmen who "detain" people abduct them
POLICE_MODES = {"crowd-control"}  # tear gas, lathi charges, dispersing crowds: police work
POLICE_WORK = {"COERCE"}  # arrests, raids, searches, curfews, cordons: state coercion
# acts of keeping order (control, arrest, deploy; protect below): a state that fails them fails
ORDER_ACTS = {
    ("COERCE", None),
    ("COERCE", "arrest"),
    ("MOBILIZE", "troops"),
    ("MOBILIZE", "police"),
}
PROTECTING = re.compile(r"\b(?:protect\w*|guard\w*|secur\w*|escort\w*|rescu\w*|sav\w*)\b", re.I)
STATE_SECTORS = {"COP", "MIL", "GOV"}
PARALLEL_FROM = 200  # documents; below this a second process costs more to start than it saves
PROCESSES = 2

# an actor the entities stage did not type that still names the police
POLICE = re.compile(
    r"\b(?:police\w*|policem[ae]n|cops?|constables?|constabulary|sub-inspectors?)\b", re.I
)
KILLING = re.compile(
    r"\b(?:kill\w*|murder\w*|massacr\w*|sla(?:y|in|yings?)|shot dead|shoot dead|gun\w* down"
    r"|lynch\w*|execut\w*|assassinat\w*|behead\w*)\b",
    re.I,
)
# words that report deaths without saying who caused them ("died in police firing")
DEATHS = re.compile(
    r"\b(?:died|dead|deaths?|killed|succumbed|death toll|lost (?:their|his|her) lives?)\b", re.I
)
BASELINE_KEYWORDS = {
    "KILL": r"kill\w*|dead|died|death\w*",
    "ARREST": r"arrest\w*|detain\w*|custody",
    "FAIL": r"fail\w*|inaction|mute|did not|didn't|refus\w*",
    "FORCE": r"fir(?:e|ed|ing)|lathi\w*|tear ?gas\w*|beat\w*|kill\w*",
}
BASELINE_POLICE = re.compile(r"\bpolice\w*|\bpolicem[ae]n\b|\bcops?\b", re.I)


@dataclass
class Sentence:
    sent_id: int
    span: tuple[int, int]
    labels: frozenset[str]


@dataclass
class Article:
    doc_id: int
    text: str
    published: str | None
    labels: frozenset[str]
    sentences: list[Sentence] = field(default_factory=list)


# --- reading ---------------------------------------------------------------------------------


def read_indiapoliceevents(data_dir: Path, limit: int | None = None) -> list[Article]:
    """The articles (the first `limit` of docs.jsonl) with their dated text and their gold
    sentences located in the text (both with their mojibake repaired: the scraped text is
    UTF-8 read as Windows-1252, "didnâ€™t"). Files are found anywhere under `data_dir`."""
    dates: dict[int, str] = {}
    for path in sorted(data_dir.rglob("metadata.jsonl")):
        dates.update((row["doc_id"], row.get("date") or "") for row in read_jsonl(path))
    sentences: dict[int, list[dict[str, Any]]] = {}
    for path in sorted(data_dir.rglob("sents.jsonl")):
        for row in read_jsonl(path):
            sentences.setdefault(row["doc_id"], []).append(row)
    articles = []
    for path in sorted(data_dir.rglob("docs.jsonl")):
        for row in read_jsonl(path):
            raw = row["doc_text"]
            rows = sorted(sentences.get(row["doc_id"], []), key=lambda s: s["sent_id"])
            text, spans = repaired_spans(raw, locate_sentences(raw, [s["sent_text"] for s in rows]))
            articles.append(
                Article(
                    doc_id=row["doc_id"],
                    text=text,
                    published=dates.get(row["doc_id"]) or None,
                    labels=frozenset(row.get("doc_labels") or ()),
                    sentences=[
                        Sentence(s["sent_id"], span, frozenset(s.get("sent_labels") or ()))
                        for s, span in zip(rows, spans, strict=True)
                    ],
                )
            )
    return articles[:limit] if limit is not None else articles


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def locate_sentences(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    """Each sentence's character range in `text`, searched in order from the end of the one
    before; a sentence that is not found gets an empty range where the search stood."""
    spans = []
    cursor = 0
    for sentence in sentences:
        start = text.find(sentence, cursor)
        if start < 0:
            stripped = sentence.strip()
            start = text.find(stripped, cursor) if stripped else -1
            sentence = stripped
        if start < 0:
            spans.append((cursor, cursor))
            continue
        spans.append((start, start + len(sentence)))
        cursor = start + len(sentence)
    return spans


def repaired_spans(raw: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The text with its mojibake repaired and the spans moved into it (the dataset's sentence
    splits sometimes cut a garbled character in two: "pujanâ€" + "™s")."""
    text = repair_mojibake(raw)
    if text == raw:
        return text, spans
    moved: dict[int, int] = {}
    for position in sorted({p for span in spans for p in span}):
        moved[position] = min(len(repair_mojibake(raw[:position])), len(text))
    return text, [(moved[start], max(moved[start], moved[end])) for start, end in spans]


def to_document(article: Article) -> Document:
    return Document(
        text=article.text,
        source=f"indiapoliceevents:{article.doc_id}",
        source_kind="text",
        published=article.published,
        published_precision="day" if article.published else None,
    )


# --- the label definitions -------------------------------------------------------------------


def is_police(actor: EventActor) -> bool:
    """The police: sector COP, or an untyped phrase that names them ("the madhavpura police")."""
    if actor.sector is not None:
        return actor.sector == "COP"
    return bool(POLICE.search(actor.text))


def by_police(event: Event) -> bool:
    return any(is_police(actor) for actor in event.actors_in("source"))


def by_others(event: Event) -> bool:
    """Some source is named and none is the police."""
    sources = event.actors_in("source")
    return bool(sources) and not any(is_police(actor) for actor in sources)


def is_killing(event: Event) -> bool:
    return event.type == "ASSAULT" and bool(KILLING.search(event.trigger))


def fails_to_act(event: Event) -> bool:
    """A negated event of the police; a negated act of keeping order by another arm of the state
    ("the government failed to protect", "the army was not deployed"); or an event whose word
    itself says no one acted, with no actor named ("total inaction", "breakdown of law and
    order")."""
    if event.modality != "negated":
        return False
    if by_police(event):
        return True
    sources = event.actors_in("source")
    if keeps_order(event) and any(actor.sector in STATE_SECTORS for actor in sources):
        return True
    return not sources and states_inaction(event)


def keeps_order(event: Event) -> bool:
    """Keeping order: controlling, containing, arresting, protecting, deploying, dispersing."""
    if event.type == "AID":
        return bool(PROTECTING.search(event.trigger))
    return (event.type, event.mode) in ORDER_ACTS or event.mode in POLICE_MODES


def states_inaction(event: Event) -> bool:
    """The trigger is its own negation cue ("inaction", "mute spectators")."""
    cue = (event.modality_cue or "").lower()
    return bool(cue) and cue in event.trigger.lower()


def event_labels(event: Event) -> set[str]:
    """The labels one event gives its sentence on its own (see the module docstring)."""
    police = by_police(event)
    if event.modality == "negated":
        return {"FAIL"} if fails_to_act(event) else set()
    if event.modality not in FACTUAL:
        return set()
    labels: set[str] = set()
    sectors = {actor.sector for actor in event.actors_in("source")}
    if event.type == "COERCE" and event.mode == "arrest" and not sectors & NOT_ARRESTING:
        labels |= {"ARREST", "ANY_ACTION"}
    if event.type == "ASSAULT" and (
        police or (event.mode in POLICE_MODES and not by_others(event))
    ):
        labels |= {"FORCE", "ANY_ACTION"}
        if police and is_killing(event):
            labels.add("KILL")
    if police or (event.type in POLICE_WORK and not by_others(event)):
        labels.add("ANY_ACTION")
    if event.type == "MOBILIZE" and any(is_police(a) for a in event.actors_in("target")):
        labels.add("ANY_ACTION")
    return labels


def sentence_labels(events: list[Event], killed: bool = False) -> set[str]:
    """A sentence's labels from the events whose triggers are in it: each event's own, and KILL
    where the police use force in a sentence that reports deaths no one else caused (a factual
    killing with no other source, or `killed`: a killed count of the counts stage)."""
    labels: set[str] = set()
    for event in events:
        labels |= event_labels(event)
    if "FORCE" in labels and "KILL" not in labels:
        deaths = killed or any(
            is_killing(e) and e.modality in FACTUAL and not by_others(e) for e in events
        )
        if deaths:
            labels.add("KILL")
    return labels


def predict_sentences(
    article: Article, events: list[Event], counts: list[Count] = ()
) -> list[set[str]]:
    """Our labels for each gold sentence of the article."""
    in_sentence: list[list[Event]] = [[] for _ in article.sentences]
    for event in events:
        for start, _ in [event.trigger_span, *event.other_spans]:
            index = sentence_at(article, start)
            if index is not None:
                in_sentence[index].append(event)
    killed = {sentence_at(article, c.span[0]) for c in counts if c.type == "killed"}
    killed |= {
        i for i, s in enumerate(article.sentences) if DEATHS.search(sentence_text(article, s))
    }
    return [sentence_labels(found, i in killed) for i, found in enumerate(in_sentence)]


def sentence_text(article: Article, sentence: Sentence) -> str:
    return article.text[sentence.span[0] : sentence.span[1]]


def sentence_at(article: Article, position: int) -> int | None:
    for index, sentence in enumerate(article.sentences):
        if sentence.span[0] <= position < sentence.span[1]:
            return index
    return None


def baseline_labels(text: str) -> set[str]:
    """The keyword baseline: the sentence names the police and a keyword of the label."""
    if not BASELINE_POLICE.search(text):
        return set()
    labels = {
        label
        for label, words in BASELINE_KEYWORDS.items()
        if re.search(rf"\b(?:{words})\b", text, re.I)
    }
    if labels & {"KILL", "ARREST", "FORCE"}:
        labels.add("ANY_ACTION")
    return labels


# --- scoring ---------------------------------------------------------------------------------


def score_labels(
    articles: list[Article], predicted: dict[int, list[set[str]]]
) -> dict[str, dict[str, Any]]:
    """Per label: sentence-level and document-level precision, recall and F1."""
    sent = {label: SegmentCounts() for label in LABELS}
    doc = {label: SegmentCounts() for label in LABELS}
    for article in articles:
        ours = predicted.get(article.doc_id) or [set() for _ in article.sentences]
        for sentence, labels in zip(article.sentences, ours, strict=True):
            for label in LABELS:
                tally(sent[label], label in sentence.labels, label in labels)
        found = set().union(*ours) if ours else set()
        for label in LABELS:
            tally(doc[label], label in article.labels, label in found)
    result: dict[str, dict[str, Any]] = {}
    for label in LABELS:
        s, d = summarize_segments(sent[label]), summarize_segments(doc[label])
        result[label] = {
            "sent_f1": round(s["f1"], 4),
            "sent_precision": round(s["precision"], 4),
            "sent_recall": round(s["recall"], 4),
            "n_sent": sent[label].tp + sent[label].fn,
            "doc_f1": round(d["f1"], 4),
            "doc_precision": round(d["precision"], 4),
            "doc_recall": round(d["recall"], 4),
            "n_doc": doc[label].tp + doc[label].fn,
        }
    return result


def tally(counts: SegmentCounts, gold: bool, ours: bool) -> None:
    counts.tp += gold and ours
    counts.fp += ours and not gold
    counts.fn += gold and not ours
    counts.tn += not gold and not ours


def analyze_articles(articles: list[Article]) -> Iterator[tuple[Article, Analysis]]:
    """(article, analysis) for each article; two processes parse a large set."""
    from newsgraph.analyze.pipeline import STAGES, load_pipeline, run_stages

    nlp = load_pipeline()
    processes = PROCESSES if len(articles) >= PARALLEL_FROM else 1
    documents = {a.doc_id: to_document(a) for a in articles}
    stream = ((documents[a.doc_id].text, a) for a in articles)
    parsed = nlp.pipe(
        stream, as_tuples=True, batch_size=16, disable=list(STAGES), n_process=processes
    )
    for done, (doc, article) in enumerate(parsed, 1):
        if done % 200 == 0:
            print(f"indiapoliceevents: {done}/{len(articles)} documents", file=sys.stderr)
        yield article, run_stages(nlp, doc, documents[article.doc_id])


def predict(articles: Iterable[tuple[Article, Analysis]]) -> dict[int, list[set[str]]]:
    return {
        article.doc_id: predict_sentences(article, a.events, a.counts) for article, a in articles
    }


def predict_baseline(articles: list[Article]) -> dict[int, list[set[str]]]:
    return {
        a.doc_id: [baseline_labels(a.text[s.span[0] : s.span[1]]) for s in a.sentences]
        for a in articles
    }


@register(
    "indiapoliceevents",
    "police kill, arrest, fail to act, use force, act: sentence and document F1 (Gujarat 2002)",
)
def evaluate_indiapoliceevents(data_dir: Path, limit: int | None) -> dict[str, Any]:
    """Per-label sentence and document F1 of the events stage (see the module docstring);
    `limit` takes the first N documents of docs.jsonl."""
    articles = read_indiapoliceevents(data_dir, limit)
    result: dict[str, Any] = score_labels(articles, predict(analyze_articles(articles)))
    result["n_documents"] = len(articles)
    result["n_sentences"] = sum(len(a.sentences) for a in articles)
    result["baseline"] = {
        "method": "sentence names the police and a keyword of the label",
        **score_labels(articles, predict_baseline(articles)),
    }
    return result
