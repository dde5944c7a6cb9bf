"""MEANTIME cross-document event coreference: how well newsgraph's event clusters
(`newsgraph.crossdoc.cluster_events`) group the annotated event mentions of a corpus.

Gold: the CAT XML documents of the `intra_cross-doc_annotation` folder (else every XML file under
the data folder). A gold mention is an EVENT_MENTION whose REFERS_TO relation points at an EVENT
that carries an `instance_id`: a corpus-level event instance (CROMER annotation). Mentions of
events annotated only inside their document (no `instance_id`: mostly grammatical and aspectual
events, "is", "began") are left out: the task is the corpus-level instances. The key clusters
the gold mentions by instance, over all documents together (one corpus, as the instances are
shared by the four topic corpora).

Within-document links are kept: a corpus-level instance is one cluster however its mentions are
spread over documents, as in the usual cross-document evaluation (ECB+), so a system that only
merges mentions inside one article is still credited for those links. `cross_document` isolates
the cross-document part: pairwise precision, recall and F1 over the pairs of gold mentions in
different documents (a pair is a link when both mentions are in one cluster).

Text: rebuilt from the tokens exactly as `meantime-entities` does (same spacing and paragraph
rule); the publication date is the CREATION_TIME TIMEX3 of each document.

Response: every document is analysed; the events of all analyses go through `cluster_events`.
A gold mention is mapped to an event of its document whose trigger overlaps the mention's
characters, else one whose merged reports (`other_spans`) do (a trigger before a merged report,
then the tighter one); its response cluster is the event's cluster. A gold mention no event of
ours overlaps is a singleton of the response (we did not see it, so we link it to nothing);
`mention_recall` is the share of gold mentions with an event. Events that match no gold mention
are outside the scores (MEANTIME annotates only the first sentences of each article, and the
events stage types a narrower set of events than MEANTIME's).

Scores over the gold mentions (`n`): MUC, B-cubed, CEAF-e and the CoNLL F1 (their mean).
Baselines in the same run, over the same gold mentions: `same_lemma` (mentions whose head has the
same lemma, by the spaCy model the analysis uses, form one cluster across the corpus: perfect
mention detection, lemma match only) and `singletons` (no links at all). `on_detected` scores
newsgraph and the same-lemma baseline over only the gold mentions we detected: clustering apart
from detection.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from newsgraph.analyze.textspans import overlaps
from newsgraph.evaluate import meantime_entities
from newsgraph.evaluate.meantime_entities import document_paths
from newsgraph.evaluate.metrics import Clustering, compute_f1, conll_scores
from newsgraph.evaluate.registry import register
from newsgraph.records import Analysis, Document, Event

CROSS_DOC_FOLDER = "intra_cross-doc_annotation"
PROGRESS_EVERY = 20  # documents between progress lines on stderr
SCORE_KEYS = ("conll_f1", "muc_f1", "bcubed_f1", "ceafe_f1",
              "bcubed_precision", "bcubed_recall", "muc_precision", "muc_recall")  # fmt: skip

Span = tuple[int, int]


@dataclass
class GoldEventMention:
    id: str  # the m_id in its document
    span: Span  # characters of its first to last token in the rebuilt text
    instance: str  # the corpus-level instance_id
    pred: str = ""  # the annotated predicate lemma (not used by any system)


@dataclass
class GoldDocument:
    name: str
    text: str
    published: str | None
    mentions: list[GoldEventMention] = field(default_factory=list)


# --- reading ---------------------------------------------------------------------------------


def find_documents(data_dir: Path) -> list[Path]:
    """The CAT XML files to score: those of the cross-document folder when there is one."""
    return meantime_entities.find_documents(data_dir, CROSS_DOC_FOLDER)


def read_event_document(path: Path) -> GoldDocument:
    """One CAT XML document: its rebuilt text, creation date and corpus-level event mentions."""
    cat = meantime_entities.read_cat_tokens(path)
    root, text, spans = cat.root, cat.text, cat.spans
    instances = {
        node.get("m_id"): node.get("instance_id")
        for node in root.iter("EVENT")
        if node.get("instance_id")
    }
    target_of = meantime_entities.refers_to(root)
    published = next(
        (
            node.get("value")
            for node in root.iter("TIMEX3")
            if node.get("functionInDocument") == "CREATION_TIME"
        ),
        None,
    )
    document = GoldDocument(root.get("doc_name") or path.stem, text, published)
    for node in root.iter("EVENT_MENTION"):
        mention_id = node.get("m_id") or ""
        instance = instances.get(target_of.get(mention_id, ""))
        tokens = cat.anchored(node)
        if instance is None or not tokens:
            continue
        span = (spans[tokens[0]][0], spans[tokens[-1]][1])
        document.mentions.append(
            GoldEventMention(mention_id, span, instance, node.get("pred") or "")
        )
    return document


# --- matching --------------------------------------------------------------------------------


def match_event(span: Span, events: Sequence[Event]) -> Event | None:
    """The event whose trigger overlaps `span`, else one whose merged reports (`other_spans`)
    do; among several, the one whose overlapping span is closest to `span` in both ends."""
    best: tuple[int, int, int] | None = None
    chosen = None
    for position, event in enumerate(events):
        candidates = [(0, event.trigger_span)] + [(1, s) for s in event.other_spans]
        for rank, other in candidates:
            if not overlaps(span, tuple(other)):
                continue
            score = (rank, abs(other[0] - span[0]) + abs(other[1] - span[1]), position)
            if best is None or score < best:
                best, chosen = score, event
    return chosen


def response_clustering(
    gold: Sequence[GoldDocument],
    analyses: Sequence[Analysis],
    clusters: Sequence[Any],
) -> tuple[dict[Hashable, Hashable], set[Hashable]]:
    """(gold mention -> response cluster, the gold mentions some event matched). Gold mentions
    are keyed (document number, m_id); `clusters` are EventClusters (`id`, `members`: (document
    id, event id) pairs). An event in no cluster is a cluster of its own; a gold mention with no
    event is a singleton."""
    cluster_of = {tuple(member): cluster.id for cluster in clusters for member in cluster.members}
    response: dict[Hashable, Hashable] = {}
    detected: set[Hashable] = set()
    for number, (document, analysis) in enumerate(zip(gold, analyses, strict=True)):
        for mention in document.mentions:
            item = (number, mention.id)
            event = match_event(mention.span, analysis.events)
            if event is None:
                response[item] = ("unmatched", item)
                continue
            detected.add(item)
            member = (analysis.document.id, event.id)
            response[item] = cluster_of.get(member, ("event", member))
    return response, detected


def key_clustering(gold: Sequence[GoldDocument]) -> dict[Hashable, Hashable]:
    return {
        (number, mention.id): mention.instance
        for number, document in enumerate(gold)
        for mention in document.mentions
    }


# --- scoring ---------------------------------------------------------------------------------


def cross_document_links(key: Clustering, response: Clustering) -> dict[str, float | int]:
    """Pairwise precision, recall and F1 over the pairs of mentions in different documents
    (mentions are keyed (document number, id)): a pair is a link of a clustering when both of its
    mentions are in one cluster of it."""

    def links(clustering: Clustering) -> set[tuple[Hashable, Hashable]]:
        groups: dict[Hashable, list[Any]] = defaultdict(list)
        for mention in clustering:
            groups[clustering[mention]].append(mention)
        found = set()
        for members in groups.values():
            for a, b in combinations(sorted(members), 2):
                if a[0] != b[0]:
                    found.add((a, b))
        return found

    gold, predicted = links(key), links(response)
    hits = len(gold & predicted)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": compute_f1(precision, recall),
        "gold_links": len(gold),
        "predicted_links": len(predicted),
    }


def score_clustering(key: Clustering, response: Clustering) -> dict[str, Any]:
    scores = conll_scores(key, response)
    result: dict[str, Any] = {name: round(scores[name], 4) for name in SCORE_KEYS}
    result["cross_document"] = {
        name: round(value, 4) if isinstance(value, float) else value
        for name, value in cross_document_links(key, response).items()
    }
    return result


def summarize(
    key: dict[Hashable, Hashable],
    response: dict[Hashable, Hashable],
    lemma: dict[Hashable, Hashable],
    detected: set[Hashable],
    documents: int,
) -> dict[str, Any]:
    """Scores of newsgraph and the baselines (see the module docstring)."""
    n = len(key)
    instances = defaultdict(set)
    for (number, _mention), instance in key.items():
        instances[instance].add(number)
    singletons = {mention: ("singleton", mention) for mention in key}
    on_detected = {mention: key[mention] for mention in key if mention in detected}
    return {
        **score_clustering(key, response),
        "n": n,
        "mention_recall": round(len(detected) / n, 4) if n else 0.0,
        "documents": documents,
        "instances": len(instances),
        "cross_document_instances": sum(1 for docs in instances.values() if len(docs) > 1),
        "on_detected": {
            "n": len(on_detected),
            **score_clustering(on_detected, {m: response[m] for m in on_detected}),
            "same_lemma": score_clustering(on_detected, {m: lemma[m] for m in on_detected}),
        },
        "baseline": {
            "same_lemma": score_clustering(key, lemma),
            "singletons": score_clustering(key, singletons),
        },
    }


# --- running ---------------------------------------------------------------------------------


def head_lemma(doc: Any, span: Span) -> str:
    """The lower-cased lemma of the syntactic head of the characters `span` of a spaCy doc."""
    chars = doc.char_span(span[0], span[1], alignment_mode="expand")
    if chars is None or not len(chars):
        return doc.text[span[0] : span[1]].lower()
    return chars.root.lemma_.lower()


def analyze_gold(gold: Sequence[GoldDocument]) -> Iterator[tuple[Analysis, dict[str, str]]]:
    """Each document's analysis and the head lemma of each of its gold mentions (m_id -> lemma),
    from one parse."""
    from newsgraph.analyze.pipeline import STAGES, load_pipeline, run_stages

    nlp = load_pipeline()
    documents = [
        Document(
            text=g.text,
            source=g.name,
            source_kind="text",
            published=g.published,
            published_precision="day" if g.published else None,
        )
        for g in gold
    ]
    stream = ((d.text, number) for number, d in enumerate(documents))
    parsed = nlp.pipe(stream, as_tuples=True, batch_size=16, disable=list(STAGES))
    for doc, number in parsed:
        lemmas = {m.id: head_lemma(doc, m.span) for m in gold[number].mentions}
        yield run_stages(nlp, doc, documents[number]), lemmas
        if (number + 1) % PROGRESS_EVERY == 0:
            print(f"  {number + 1}/{len(documents)} documents", file=sys.stderr)


@register(
    "meantime",
    "cross-document event coreference over MEANTIME's corpus-level event instances: "
    "MUC, B-cubed, CEAF-e, CoNLL F1",
)
def evaluate_meantime_events(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Scores over the documents under `data_dir` (the first `limit` ones when given)."""
    from newsgraph.crossdoc import cluster_events

    paths = document_paths(data_dir, limit, CROSS_DOC_FOLDER)
    gold = [read_event_document(path) for path in paths]
    print(f"meantime: {len(gold)} documents from {data_dir}", file=sys.stderr)
    analyses: list[Analysis] = []
    lemma: dict[Hashable, Hashable] = {}
    for number, (analysis, lemmas) in enumerate(analyze_gold(gold)):
        analyses.append(analysis)
        lemma.update({(number, m_id): ("lemma", value) for m_id, value in lemmas.items()})
    clusters = cluster_events(analyses)
    key = key_clustering(gold)
    response, detected = response_clustering(gold, analyses, clusters)
    return summarize(key, response, lemma, detected, len(gold))
