"""MEANTIME intra-document entity coreference: how well the entities stage clusters actor mentions.

Gold: in every CAT XML document under the data folder (the `intra-doc_annotation` folder when
there is one, else every XML file found), the ENTITY_MENTIONs whose REFERS_TO relation points at
an ENTITY of `ent_type` PER or ORG (MEANTIME's actor types), clustered by that target entity.

Text: rebuilt from the tokens with one space between them, except none before closing
punctuation and clitics ("," "." ")" "'s" "n't") and none after opening ones ("(" "$"); PTB
quotes (`` '') are written as “ ”. The headline and the dateline are paragraphs of their own;
the body is grouped SENTENCES_PER_PARAGRAPH sentences a paragraph (MEANTIME keeps no paragraph
breaks, and the stage's antecedent window counts paragraphs).

Matching: a predicted mention matches a gold mention when its character span contains the gold
mention's head token: the last token of the `head` attribute where the annotators filled it in,
else the last token before a post-modifier ("of", ",", "(", "who", …), else the last token — a
head approximation. Matching is one-to-one, tightest pairs first (smallest difference of both
span ends), against all gold entity mentions, so that a prediction that fits a gold LOC or
product mention best does not take an actor mention; only matches to actor mentions count.

MEANTIME annotates only the headline and the first sentences of each article (up to sentence 5),
so the analysis runs over the whole text but only predicted mentions that start in the annotated
stretch (up to the last sentence holding any markable) are scored.

Scores, over the gold actor mentions: MUC (Vilain et al. 1995) and B-cubed (Bagga & Baldwin
1998); a gold mention that no prediction matched is a singleton of the response. Predicted
mentions that match no gold actor mention are left out of the coreference scores but counted
against mention precision (countries are actors for newsgraph but LOC in MEANTIME, so
`mention_precision_without_countries` is given too). The baseline clusters the same predicted
mentions by their lower-cased text (same string, same entity). `on_detected` scores both over
only the gold mentions that some prediction matched: clustering quality apart from detection.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.evaluate.metrics import Clustering, bcubed_scores, muc_scores
from newsgraph.evaluate.registry import register

ACTOR_TYPES = {"PER", "ORG"}
INTRA_DOC_FOLDER = "intra-doc_annotation"
SENTENCES_PER_PARAGRAPH = 2
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "''", "”", "...",
                   "'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m", "’s", "’"}  # fmt: skip
NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "``", "“", "£", "€", "¥"}
RENDER = {"``": "“", "''": "”"}
POST_MODIFIERS = {"of", "for", "at", "in", "from", "with", ",", "(", "who", "which", "that", "--"}
PROGRESS_EVERY = 10  # documents between progress lines on stderr


# --- reading ---------------------------------------------------------------------------------


@dataclass
class GoldMention:
    id: str
    tokens: list[int]  # indices into GoldDocument.token_spans
    head: int  # the head token's index
    entity: str  # the REFERS_TO target's m_id
    entity_type: str  # PER, ORG, LOC, PRO, FIN, …
    syntactic_type: str  # NAM, NOM, PRO, PRE.NAM, APP, CONJ, "" …
    span: tuple[int, int] = (0, 0)

    @property
    def is_actor(self) -> bool:
        return self.entity_type in ACTOR_TYPES


@dataclass
class GoldDocument:
    name: str
    text: str
    token_spans: list[tuple[int, int]]
    mentions: list[GoldMention] = field(default_factory=list)
    annotated_end: int = 0  # end offset of the last sentence with any annotation

    def actor_mentions(self) -> list[GoldMention]:
        return [m for m in self.mentions if m.is_actor]


def find_documents(data_dir: Path, folder: str = INTRA_DOC_FOLDER) -> list[Path]:
    """The CAT XML files to score, sorted: those of `folder` (the intra-doc annotation by
    default) when there is one."""
    found = sorted(p for p in data_dir.rglob(folder) if p.is_dir())
    roots = found or [data_dir]
    return sorted({path for root in roots for path in root.rglob("*.xml")})


def document_paths(data_dir: Path, limit: int | None, folder: str = INTRA_DOC_FOLDER) -> list[Path]:
    """The CAT XML documents under `data_dir` (the first `limit`); an error when there are none."""
    paths = find_documents(data_dir, folder)
    paths = paths[:limit] if limit is not None else paths
    if not paths:
        raise FileNotFoundError(f"no CAT XML documents under {data_dir}")
    return paths


def render_tokens(words: list[str], sentences: list[int]) -> tuple[str, list[tuple[int, int]]]:
    """The text of the tokens and each token's (start, end) in it (see the module docstring)."""
    paragraph_of = {}
    for sentence in sorted(set(sentences)):
        body_index = sentence - 2
        paragraph_of[sentence] = (
            sentence if body_index < 0 else 2 + body_index // max(1, SENTENCES_PER_PARAGRAPH)
        )
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    previous: str | None = None
    previous_paragraph = None
    open_quote = False
    for word, sentence in zip(words, sentences, strict=True):
        rendered = RENDER.get(word, word)
        if word == '"':
            rendered = "”" if open_quote else "“"
        if word in ('"', "``", "''", "“", "”"):
            open_quote = rendered == "“"
        paragraph = paragraph_of[sentence]
        if previous is None:
            separator = ""
        elif paragraph != previous_paragraph:
            separator = "\n\n"
        elif rendered in NO_SPACE_BEFORE or previous in NO_SPACE_AFTER:
            separator = ""
        else:
            separator = " "
        parts.append(separator + rendered)
        length += len(separator)
        spans.append((length, length + len(rendered)))
        length += len(rendered)
        previous, previous_paragraph = rendered, paragraph
    return "".join(parts), spans


def head_token(tokens: list[int], words: list[str], head: str | None) -> int:
    """The head of a mention's tokens: the last token of the annotated `head` when it is found
    among them, else the last token before a post-modifier, else the last token."""
    texts = [words[t] for t in tokens]
    head_words = (head or "").split()
    if head_words:
        size = len(head_words)
        for start in range(len(texts) - size, -1, -1):
            if texts[start : start + size] == head_words:
                return tokens[start + size - 1]
    for position in range(1, len(texts)):
        if texts[position].lower() in POST_MODIFIERS:
            return tokens[position - 1]
    return tokens[-1]


@dataclass
class CatTokens:
    """A CAT XML document's tokens: the XML root, token id -> index, the words, their sentence
    numbers and the text rebuilt from them with each token's character span."""

    root: ET.Element
    index_of: dict[str | None, int]
    words: list[str]
    sentences: list[int]
    text: str
    spans: list[tuple[int, int]]

    def anchored(self, node: ET.Element) -> list[int]:
        """The indexes of the tokens a mention node anchors, in order."""
        return sorted(
            self.index_of[a.get("t_id")]
            for a in node.iter("token_anchor")
            if a.get("t_id") in self.index_of
        )


def read_cat_tokens(path: Path) -> CatTokens:
    root = ET.parse(path).getroot()
    token_nodes = list(root.iter("token"))
    words = [node.text or "" for node in token_nodes]
    sentences = [int(node.get("sentence") or 0) for node in token_nodes]
    text, spans = render_tokens(words, sentences)
    index_of = {node.get("t_id"): i for i, node in enumerate(token_nodes)}
    return CatTokens(root, index_of, words, sentences, text, spans)


def refers_to(root: ET.Element) -> dict[str, str]:
    """Mention id -> the id of what it refers to (REFERS_TO relations; the first one wins)."""
    target_of: dict[str, str] = {}
    for relation in root.iter("REFERS_TO"):
        target = relation.find("target")
        if target is None:
            continue
        for source in relation.findall("source"):
            target_of.setdefault(source.get("m_id") or "", target.get("m_id") or "")
    return target_of


def read_cat_document(path: Path) -> GoldDocument:
    """One CAT XML document: its rebuilt text and its entity mentions with their gold entity."""
    cat = read_cat_tokens(path)
    root, index_of, words, sentences, text, spans = (
        cat.root, cat.index_of, cat.words, cat.sentences, cat.text, cat.spans
    )  # fmt: skip
    entity_types = {node.get("m_id"): node.get("ent_type") or "" for node in root.iter("ENTITY")}
    target_of = refers_to(root)
    document = GoldDocument(root.get("doc_name") or path.stem, text, spans)
    markables = root.find("Markables")
    anchored = [
        index_of[a.get("t_id")]
        for a in (markables.iter("token_anchor") if markables is not None else [])
        if a.get("t_id") in index_of
    ]
    last_sentence = max((sentences[i] for i in anchored), default=-1)
    document.annotated_end = max(
        (spans[i][1] for i, s in enumerate(sentences) if s <= last_sentence), default=0
    )
    for node in root.iter("ENTITY_MENTION"):
        mention_id = node.get("m_id") or ""
        tokens = cat.anchored(node)
        entity = target_of.get(mention_id)
        if not tokens or entity is None or entity not in entity_types:
            continue
        mention = GoldMention(
            id=mention_id,
            tokens=tokens,
            head=head_token(tokens, words, node.get("head")),
            entity=entity,
            entity_type=entity_types[entity],
            syntactic_type=node.get("syntactic_type") or "",
            span=(spans[tokens[0]][0], spans[tokens[-1]][1]),
        )
        document.mentions.append(mention)
    return document


# --- matching and scoring ----------------------------------------------------------------------


def match_mentions(
    document: GoldDocument, predicted: list[tuple[int, int]]
) -> dict[int, GoldMention]:
    """Predicted mention index -> the gold mention it matches (one-to-one, tightest first)."""
    pairs = []
    for index, (start, end) in enumerate(predicted):
        for mention in document.mentions:
            head_start, head_end = document.token_spans[mention.head]
            if start <= head_start and head_end <= end:
                cost = abs(start - mention.span[0]) + abs(end - mention.span[1])
                pairs.append((cost, index, mention.span[0], mention.id, mention))
    matched: dict[int, GoldMention] = {}
    taken: set[str] = set()
    for _cost, index, _start, mention_id, mention in sorted(pairs, key=lambda p: p[:4]):
        if index in matched or mention_id in taken:
            continue
        matched[index] = mention
        taken.add(mention_id)
    return matched


@dataclass
class Totals:
    """Pooled clusterings (keys made unique per document) and mention-detection counts."""

    key: dict[Hashable, Hashable] = field(default_factory=dict)
    response: dict[Hashable, Hashable] = field(default_factory=dict)
    baseline: dict[Hashable, Hashable] = field(default_factory=dict)
    predicted: int = 0
    predicted_countries: int = 0
    matched: int = 0
    by_type: Counter = field(default_factory=Counter)  # syntactic type -> gold mentions
    found_by_type: Counter = field(default_factory=Counter)


def score_document(
    totals: Totals,
    number: int,
    document: GoldDocument,
    predicted: list[tuple[tuple[int, int], str, str, str]],
) -> dict[int, GoldMention]:
    """Add one document to `totals`. `predicted`: (span, entity id, text, entity kind) per
    mention. Only predictions inside the annotated stretch are scored. Returns the matching
    (index into the scored predictions -> gold mention)."""
    predicted = [p for p in predicted if p[0][0] < document.annotated_end]
    matching = match_mentions(document, [span for span, *_rest in predicted])
    matched_by_gold = {m.id: index for index, m in matching.items() if m.is_actor}
    for mention in document.actor_mentions():
        item = (number, mention.id)
        totals.key[item] = (number, mention.entity)
        totals.by_type[mention.syntactic_type or "-"] += 1
        index = matched_by_gold.get(mention.id)
        if index is None:
            totals.response[item] = totals.baseline[item] = ("missed", item)
            continue
        _span, entity_id, text, _kind = predicted[index]
        totals.response[item] = (number, entity_id)
        totals.baseline[item] = (number, text.lower())
        totals.found_by_type[mention.syntactic_type or "-"] += 1
    totals.predicted += len(predicted)
    totals.predicted_countries += sum(1 for *_rest, kind in predicted if kind == "country")
    totals.matched += len(matched_by_gold)
    return matching


def coreference_scores(key: Clustering, response: Clustering) -> dict[str, float]:
    muc, bcubed = muc_scores(key, response), bcubed_scores(key, response)
    return {
        "muc_f1": muc["f1"],
        "muc_precision": muc["precision"],
        "muc_recall": muc["recall"],
        "bcubed_f1": bcubed["f1"],
        "bcubed_precision": bcubed["precision"],
        "bcubed_recall": bcubed["recall"],
    }


def summarize(totals: Totals, documents: int) -> dict[str, Any]:
    n = len(totals.key)
    without_countries = totals.predicted - totals.predicted_countries
    result: dict[str, Any] = {
        **coreference_scores(totals.key, totals.response),
        "mention_precision": totals.matched / totals.predicted if totals.predicted else 0.0,
        "mention_recall": totals.matched / n if n else 0.0,
        "mention_precision_without_countries": (
            totals.matched / without_countries if without_countries else 0.0
        ),
        "mention_recall_by_type": {
            kind: round(totals.found_by_type[kind] / count, 4)
            for kind, count in totals.by_type.most_common()
        },
        "n": n,
        "predicted": totals.predicted,
        "documents": documents,
    }
    detected = {m: c for m, c in totals.key.items() if totals.response[m][0] != "missed"}
    result["on_detected"] = {  # clustering alone: over the gold mentions that were detected
        "n": len(detected),
        **coreference_scores(detected, {m: totals.response[m] for m in detected}),
        "same_string": coreference_scores(detected, {m: totals.baseline[m] for m in detected}),
    }
    result["baseline"] = {"same_string": coreference_scores(totals.key, totals.baseline)}
    return result


def predicted_mentions(analysis: Any) -> list[tuple[tuple[int, int], str, str, str]]:
    """(span, entity id, text, entity kind) of every mention of an analysis."""
    kinds = {entity.id: entity.kind for entity in analysis.entities}
    return [
        (tuple(m.span), m.entity_id, m.text, kinds.get(m.entity_id, "")) for m in analysis.mentions
    ]


@register(
    "meantime-entities",
    "entity coreference of people and organizations: MUC, B-cubed F1",
    dataset="meantime",
)
def evaluate_meantime_entities(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Scores over the documents under `data_dir` (the first `limit` ones when given)."""
    from newsgraph.analyze import analyze_documents
    from newsgraph.records import Document

    paths = document_paths(data_dir, limit)
    gold = [read_cat_document(path) for path in paths]
    print(f"meantime-entities: {len(gold)} documents from {data_dir}", file=sys.stderr)
    documents = [Document(text=g.text, source=g.name, source_kind="text") for g in gold]
    totals = Totals()
    for number, (document, analysis) in enumerate(
        zip(gold, analyze_documents(documents), strict=True), start=1
    ):
        score_document(totals, number, document, predicted_mentions(analysis))
        if number % PROGRESS_EVERY == 0:
            print(f"  {number}/{len(gold)} documents", file=sys.stderr)
    return summarize(totals, len(gold))
