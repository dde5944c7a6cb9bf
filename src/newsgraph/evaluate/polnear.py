"""Evaluator for polnear: who said what, scored on PolNeAR attribution relations (brat standoff).

Gold: every `<name>.txt` under the data folder that has annotations — `<name>_<annotator>.ann`
in a sibling `attributions/` folder (PolNeAR's layout) or beside the text. When several
annotators annotated a text, the first .ann file by name is used (deterministic; PolNeAR gives
no adjudicated version). Each `E` relation is one attribution: Content, Cue and (unless it is
"Attribution-no-source") Source spans; discontinuous spans are kept as fragments.

Predictions: newsgraph's quotes (direct, partial, indirect; scare-quoted labels are framing,
not attributions, and are left out) and its claims that no quote already stands for (claims
with a `quote_id` are the same attribution as their quote; the outlet's own claims are no
attribution). Source = the quote's speaker span / the claim's claimant span, cue = the cue span.
PolNeAR's annotation is univocal (each token belongs to at most one attribution, so a nested
attribution is part of the content of the one around it and is not annotated apart): a
prediction whose cue lies inside another prediction's content is left out.

Tokens are `\\w+` runs, so quotation marks and punctuation never count. Matching rule: a
prediction finds a gold attribution when their contents share at least 50% of the gold
content's tokens; matching is one-to-one, the pairs with the largest share of gold tokens first.
- precision = matched predictions / predictions, recall = matched gold / gold, F1;
- among matched pairs: `source_accuracy` = share whose source spans share a token (or both have
  no source), `cue_accuracy` the same for cues, `content_token_f1` = mean token F1 of content;
- `direct`: the same metrics with gold restricted to direct quotations — gold content whose
  first fragment begins with an opening quotation mark and whose last fragment ends with a
  closing one (trailing punctuation allowed) — and predictions restricted to quotes of kind
  "direct" (textacy finds only direct quotes, so all of its predictions count).
`n` = texts scored. Baseline, same texts, same parse, same rule: textacy's
`extract.triples.direct_quotations` (it raises on unbalanced quotation marks: such a text gets
no textacy predictions).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.evaluate.metrics import compute_f1
from newsgraph.evaluate.registry import register
from newsgraph.records import Analysis, Document

Range = tuple[int, int]

GOLD_SHARE = 0.5  # the "≥ 50% of gold content tokens" matching rule
PARALLEL_FROM = 200  # texts; below this a second process costs more to start than it saves
PROCESSES = 2
PROGRESS_EVERY = 100  # texts between progress lines on stderr
_TOKEN = re.compile(r"\w+")
_OPENING = ("“", '"', "‘", "'", "«")
_CLOSING = re.compile(r"[”\"’'»][\s.,;:!?)]*$")


@dataclass
class Attribution:
    """One attribution, gold or predicted: content fragments, source and cue (char ranges)."""

    content: list[Range]
    source: list[Range] = field(default_factory=list)
    cue: list[Range] = field(default_factory=list)
    direct: bool = False


@dataclass
class Tally:
    """Running counts over all texts for one system (or one subset)."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    source_right: int = 0
    cue_right: int = 0
    content_f1_sum: float = 0.0

    def summarize(self) -> dict[str, Any]:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        found = self.matched or 1
        return {
            "attribution_f1": compute_f1(precision, recall),
            "precision": precision,
            "recall": recall,
            "source_accuracy": self.source_right / found if self.matched else 0.0,
            "cue_accuracy": self.cue_right / found if self.matched else 0.0,
            "content_token_f1": self.content_f1_sum / found if self.matched else 0.0,
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
        }


# --- reading ---------------------------------------------------------------------------------


def find_texts(data_dir: Path) -> list[tuple[Path, Path]]:
    """(text, chosen .ann) pairs under `data_dir`, sorted by path; texts with no .ann skipped."""
    pairs = []
    for text in sorted(data_dir.rglob("*.txt")):
        candidates = sorted(text.parent.parent.glob(f"attributions/{text.stem}_*.ann"))
        candidates = candidates or sorted(text.parent.glob(f"{text.stem}*.ann"))
        if candidates:
            pairs.append((text, candidates[0]))
    return pairs


def parse_offsets(offsets: str) -> list[Range]:
    """ "89 106" or a discontinuous "1775 1995;1998 2184"."""
    ranges = []
    for part in offsets.split(";"):
        start, end = part.split()
        ranges.append((int(start), int(end)))
    return ranges


def read_ann(path: Path, text: str) -> list[Attribution]:
    """The attributions of one brat .ann file."""
    spans: dict[str, list[Range]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not re.match(r"[TE]\d+\t", line):
            continue  # a continuation line of a multi-line span text
        parts = line.split("\t")
        if parts[0].startswith("T"):
            _kind, offsets = parts[1].split(" ", 1)
            spans[parts[0]] = parse_offsets(offsets)
        else:
            relations.append(dict(item.split(":", 1) for item in parts[1].split()))
    attributions = []
    for relation in relations:
        content = spans.get(relation.get("Content", ""))
        if not content:
            continue
        attributions.append(Attribution(
            content=content,
            source=spans.get(relation.get("Source", ""), []),
            cue=spans.get(relation.get("Cue", ""), []),
            direct=is_direct(text, content),
        ))  # fmt: skip
    return attributions


def is_direct(text: str, content: list[Range]) -> bool:
    """Gold content that begins with an opening and ends with a closing quotation mark."""
    first = text[content[0][0] : content[0][1]].lstrip()
    last = text[content[-1][0] : content[-1][1]].rstrip()
    return first.startswith(_OPENING) and bool(_CLOSING.search(last)) and len(first) > 1


# --- predictions -----------------------------------------------------------------------------


def predict_attributions(analysis: Analysis) -> list[Attribution]:
    """Our quotes (labels left out) and the claims no quote stands for, as attributions.
    Quotes that share a cue are one attribution with several content fragments: “A,” he
    said, “B.” and a partial quote inside the reported clause that holds it."""
    by_cue: dict[Range, Attribution] = {}
    found = []
    for quote in analysis.quotes:
        if quote.kind == "label":
            continue
        known = by_cue.get(quote.cue_span) if quote.cue_span else None
        if known is not None:
            known.content.append(quote.content_span)
            known.direct = known.direct and quote.kind == "direct"
            continue
        attribution = Attribution(
            content=[quote.content_span],
            source=[quote.speaker_span] if quote.speaker_span else [],
            cue=[quote.cue_span] if quote.cue_span else [],
            direct=quote.kind == "direct",
        )
        found.append(attribution)
        if quote.cue_span:
            by_cue[quote.cue_span] = attribution
    for claim in analysis.claims:
        if claim.quote_id is not None or claim.claimant_kind == "outlet":
            continue
        found.append(Attribution(
            content=[claim.content_span],
            source=[claim.claimant_span] if claim.claimant_span else [],
            cue=[claim.cue_span] if claim.cue_span else [],
        ))  # fmt: skip
    return [a for a in found if not nested(a, found)]


def nested(attribution: Attribution, found: list[Attribution]) -> bool:
    """PolNeAR is univocal (each token in at most one attribution): an attribution whose cue
    lies inside another's content ("X said Y thinks Z") is part of that content, not one of
    its own; two attributions whose cues lie in each other's content are both kept."""
    if not attribution.cue:
        return False
    return any(
        other is not attribution
        and within(attribution.cue[0], other.content)
        and not (other.cue and within(other.cue[0], attribution.content))
        for other in found
    )


def within(span: Range, ranges: list[Range]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in ranges)


def textacy_installed() -> bool:
    """textacy is the baseline only; it comes with `pip install newsgraph[eval]`."""
    return importlib.util.find_spec("textacy") is not None


def predict_textacy(doc: Any) -> list[Attribution]:
    """textacy's direct quotations (speaker, cue, content) as attributions."""
    from textacy.extract.triples import direct_quotations

    found = []
    try:
        for triple in direct_quotations(doc):
            found.append(Attribution(
                content=[(triple.content.start_char, triple.content.end_char)],
                source=token_ranges(triple.speaker),
                cue=token_ranges(triple.cue),
                direct=True,
            ))  # fmt: skip
    except ValueError:  # "unclosed quotation": textacy gives up on the whole text
        return []
    return found


def token_ranges(tokens: list[Any]) -> list[Range]:
    return [(t.idx, t.idx + len(t)) for t in tokens]


# --- scoring ---------------------------------------------------------------------------------


class Tokens:
    """`\\w+` tokens of one text, to turn char ranges into token sets."""

    def __init__(self, text: str) -> None:
        matches = list(_TOKEN.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]

    def of(self, ranges: list[Range]) -> set[int]:
        """Indices of the tokens that overlap any of `ranges`."""
        found: set[int] = set()
        for start, end in ranges:
            first = bisect_right(self.ends, start)
            last = bisect_left(self.starts, end)
            found.update(range(first, last))
        return found


def score_text(tokens: Tokens, gold: list[Attribution], predicted: list[Attribution],
               tally: Tally) -> None:  # fmt: skip
    """Match one text's predictions to its gold attributions (one-to-one) and tally."""
    tally.gold += len(gold)
    tally.predicted += len(predicted)
    gold_tokens = [tokens.of(g.content) for g in gold]
    predicted_tokens = [tokens.of(p.content) for p in predicted]
    pairs = []
    for g, g_set in enumerate(gold_tokens):
        for p, p_set in enumerate(predicted_tokens):
            shared = len(g_set & p_set)
            if g_set and shared >= GOLD_SHARE * len(g_set):
                pairs.append((shared / len(g_set), shared, g, p))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for _share, _shared, g, p in sorted(pairs, reverse=True):
        if g in used_gold or p in used_predicted:
            continue
        used_gold.add(g)
        used_predicted.add(p)
        tally.matched += 1
        tally.source_right += same_span(tokens, gold[g].source, predicted[p].source)
        tally.cue_right += same_span(tokens, gold[g].cue, predicted[p].cue)
        tally.content_f1_sum += token_f1(gold_tokens[g], predicted_tokens[p])


def same_span(tokens: Tokens, gold: list[Range], predicted: list[Range]) -> bool:
    """Both absent, or sharing a token."""
    if not gold or not predicted:
        return not gold and not predicted
    return bool(tokens.of(gold) & tokens.of(predicted))


def token_f1(gold: set[int], predicted: set[int]) -> float:
    shared = len(gold & predicted)
    if not shared:
        return 0.0
    return compute_f1(shared / len(predicted), shared / len(gold))


@dataclass
class Scores:
    """Tallies for one system: all attributions and direct quotations only."""

    all: Tally = field(default_factory=Tally)
    direct: Tally = field(default_factory=Tally)

    def add(self, text: str, gold: list[Attribution], predicted: list[Attribution],
            direct_only: bool = False) -> None:  # fmt: skip
        tokens = Tokens(text)
        score_text(tokens, gold, predicted, self.all)
        direct_predicted = predicted if direct_only else [p for p in predicted if p.direct]
        score_text(tokens, [g for g in gold if g.direct], direct_predicted, self.direct)

    def summarize(self, n: int) -> dict[str, Any]:
        return {**self.all.summarize(), "n": n, "direct": self.direct.summarize()}


# --- running ---------------------------------------------------------------------------------


def analyze_texts(
    documents: list[Document], with_baseline: bool = True
) -> Iterator[tuple[Analysis, Any]]:
    """Each document's analysis and its parsed Doc (for the baseline), parsed once."""
    from newsgraph.analyze.pipeline import STAGES, load_pipeline, run_stages

    nlp = load_pipeline()
    processes = PROCESSES if len(documents) >= PARALLEL_FROM else 1
    stream = ((d.text, number) for number, d in enumerate(documents))
    parsed = nlp.pipe(stream, as_tuples=True, batch_size=32, disable=list(STAGES),
                      n_process=processes)  # fmt: skip
    for done, (doc, number) in enumerate(parsed, 1):
        if done % PROGRESS_EVERY == 0:
            print(f"polnear: {done}/{len(documents)} texts", file=sys.stderr)
        baseline = predict_textacy(doc) if with_baseline else []
        yield run_stages(nlp, doc, documents[number]), baseline


@register("polnear", "PolNeAR attributions: source, cue and content of quotes and claims")
def evaluate_polnear(data_dir: Path, limit: int | None) -> dict[str, Any]:
    """Attribution P/R/F1, source/cue accuracy and content token F1 for newsgraph's quotes and
    claims, with textacy's direct quotations as the baseline (see the module docstring)."""
    pairs = find_texts(data_dir)[:limit] if limit else find_texts(data_dir)
    print(f"polnear: {len(pairs)} annotated texts under {data_dir}", file=sys.stderr)
    texts = [text.read_text(encoding="utf-8") for text, _ann in pairs]
    golds = [read_ann(ann, text) for (_path, ann), text in zip(pairs, texts, strict=True)]
    documents = [Document(text=t, source=str(p), source_kind="text", language="en")
                 for t, (p, _ann) in zip(texts, pairs, strict=True)]  # fmt: skip
    ours, textacy = Scores(), Scores()
    with_baseline = textacy_installed()
    for number, (analysis, baseline) in enumerate(analyze_texts(documents, with_baseline)):
        ours.add(texts[number], golds[number], predict_attributions(analysis))
        textacy.add(texts[number], golds[number], baseline, direct_only=True)
    result = ours.summarize(len(pairs))
    result["annotator_rule"] = "first .ann file by name when several annotators"
    result["match_rule"] = "content shares >= 50% of gold content tokens; one-to-one"
    result["baseline"] = {
        "textacy": textacy.summarize(len(pairs))
        if with_baseline
        else {"error": "textacy is not installed: pip install 'newsgraph[eval]'"}
    }
    return result
