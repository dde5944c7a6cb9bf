"""Small pure scoring helpers shared by the evaluators: shingle overlap, precision/recall/F1, and
the coreference metrics (MUC, B-cubed, CEAF-e and their CoNLL mean) over mention clusterings."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsgraph.shingles import Overlap, tokenize_words

_SPACE_RE = re.compile(r"\s+")


@dataclass
class SegmentCounts:
    """Confusion counts over text segments (trafilatura-eval's with/without lists)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, other: SegmentCounts) -> None:
        """Add another page's counts to these."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn


def score_precision(overlap: Overlap) -> float:
    """Page precision as AEB defines it: 1 for a perfect page, 0 when nothing is right."""
    if overlap.fp == overlap.fn == 0:
        return 1.0
    if overlap.tp == overlap.fp == 0:
        return 0.0
    return overlap.tp / (overlap.tp + overlap.fp)


def score_recall(overlap: Overlap) -> float:
    """Page recall as AEB defines it: 1 for a perfect page, 0 when nothing is found."""
    if overlap.fp == overlap.fn == 0:
        return 1.0
    if overlap.tp == overlap.fn == 0:
        return 0.0
    return overlap.tp / (overlap.tp + overlap.fn)


def compute_f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


# --- coreference ---------------------------------------------------------------------------

Clustering = Mapping[Hashable, Hashable]  # mention -> cluster id


def _clusters(clustering: Clustering) -> dict[Hashable, set[Hashable]]:
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, cluster in clustering.items():
        groups[cluster].add(mention)
    return groups


def _muc_side(key: Clustering, response: Clustering) -> tuple[int, int]:
    """MUC numerator and denominator of recall (swap the arguments for precision): per key
    cluster K, |K| - |partitions of K by the response|, over the sum of |K| - 1. A mention
    the response lacks is a partition of its own."""
    numerator = denominator = 0
    for members in _clusters(key).values():
        parts = {response.get(m, ("missing", m)) for m in members}
        numerator += len(members) - len(parts)
        denominator += len(members) - 1
    return numerator, denominator


def muc_scores(key: Clustering, response: Clustering) -> dict[str, float]:
    """MUC precision, recall and F1 (Vilain et al. 1995) of `response` against `key`. A side
    with no links (only singletons) scores 0 for lack of a denominator."""
    r_num, r_den = _muc_side(key, response)
    p_num, p_den = _muc_side(response, key)
    recall = r_num / r_den if r_den else 0.0
    precision = p_num / p_den if p_den else 0.0
    return {"precision": precision, "recall": recall, "f1": compute_f1(precision, recall)}


def _bcubed_side(key: Clustering, response: Clustering) -> tuple[float, int]:
    """Sum over the mentions of `key` of |K(m) ∩ R(m)| / |K(m)|, and their count."""
    key_groups, response_groups = _clusters(key), _clusters(response)
    total = 0.0
    for mention, cluster in key.items():
        own = key_groups[cluster]
        other = response_groups[response[mention]] if mention in response else set()
        total += len(own & other) / len(own)
    return total, len(key)


def bcubed_scores(key: Clustering, response: Clustering) -> dict[str, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over mentions."""
    r_sum, r_count = _bcubed_side(key, response)
    p_sum, p_count = _bcubed_side(response, key)
    recall = r_sum / r_count if r_count else 0.0
    precision = p_sum / p_count if p_count else 0.0
    return {"precision": precision, "recall": recall, "f1": compute_f1(precision, recall)}


def ceafe_scores(key: Clustering, response: Clustering) -> dict[str, float]:
    """Entity-based CEAF (CEAF-e, Luo 2005): the one-to-one alignment of key and response
    clusters that maximises the summed similarity phi4(K, R) = 2|K ∩ R| / (|K| + |R|); recall
    divides that sum by the number of key clusters, precision by the number of response
    clusters. Clusters sharing no mention are never aligned, so the alignment is solved on each
    connected group of overlapping clusters on its own (exactly, by the Hungarian method)."""
    key_groups, response_groups = _clusters(key), _clusters(response)
    if not key_groups or not response_groups:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    total = 0.0
    for key_ids, response_ids in _overlapping_groups(key, response):
        weights = [
            [_phi4(key_groups[k], response_groups[r]) for r in response_ids] for k in key_ids
        ]
        total += max_weight_matching(weights)
    recall = total / len(key_groups)
    precision = total / len(response_groups)
    return {"precision": precision, "recall": recall, "f1": compute_f1(precision, recall)}


def conll_scores(key: Clustering, response: Clustering) -> dict[str, float]:
    """MUC, B-cubed and CEAF-e F1 and the CoNLL-2012 score, their mean (with P and R of each)."""
    scores: dict[str, float] = {}
    for name, scorer in (("muc", muc_scores), ("bcubed", bcubed_scores), ("ceafe", ceafe_scores)):
        for part, value in scorer(key, response).items():
            scores[f"{name}_{part}"] = value
    scores["conll_f1"] = (scores["muc_f1"] + scores["bcubed_f1"] + scores["ceafe_f1"]) / 3
    return scores


def _phi4(key_cluster: set[Hashable], response_cluster: set[Hashable]) -> float:
    return 2 * len(key_cluster & response_cluster) / (len(key_cluster) + len(response_cluster))


def _overlapping_groups(
    key: Clustering, response: Clustering
) -> list[tuple[list[Hashable], list[Hashable]]]:
    """The connected groups of key and response clusters linked by shared mentions: (key
    cluster ids, response cluster ids) per group."""
    parent: dict[tuple[str, Hashable], tuple[str, Hashable]] = {}

    def find(node: tuple[str, Hashable]) -> tuple[str, Hashable]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for mention, cluster in key.items():
        if mention in response:
            parent[find(("k", cluster))] = find(("r", response[mention]))
    groups: dict[tuple[str, Hashable], tuple[list[Hashable], list[Hashable]]] = {}
    for side, clustering in (("k", key), ("r", response)):
        for cluster in dict.fromkeys(clustering.values()):
            keys, responses = groups.setdefault(find((side, cluster)), ([], []))
            (keys if side == "k" else responses).append(cluster)
    return [(keys, responses) for keys, responses in groups.values() if keys and responses]


def max_weight_matching(weights: Sequence[Sequence[float]]) -> float:
    """The largest sum of weights[i][j] over a one-to-one matching of rows to columns
    (Hungarian method with potentials, O(n² m); rows and columns need not be as many)."""
    if not weights or not weights[0]:
        return 0.0
    if len(weights) > len(weights[0]):  # the method wants no more rows than columns
        weights = [list(column) for column in zip(*weights, strict=True)]
    rows, columns = len(weights), len(weights[0])
    cost = [[-w for w in row] for row in weights]
    u, v = [0.0] * (rows + 1), [0.0] * (columns + 1)
    owner = [0] * (columns + 1)  # owner[j]: the row (1-based) matched to column j, 0 for none
    for row in range(1, rows + 1):
        owner[0] = row
        column = 0
        slack = [float("inf")] * (columns + 1)
        way = [0] * (columns + 1)
        used = [False] * (columns + 1)
        while owner[column]:
            used[column] = True
            current, delta, nearest = owner[column], float("inf"), 0
            for j in range(1, columns + 1):
                if used[j]:
                    continue
                reduced = cost[current - 1][j - 1] - u[current] - v[j]
                if reduced < slack[j]:
                    slack[j], way[j] = reduced, column
                if slack[j] < delta:
                    delta, nearest = slack[j], j
            for j in range(columns + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            column = nearest
        while column:
            previous = way[column]
            owner[column] = owner[previous]
            column = previous
    return sum(weights[owner[j] - 1][j - 1] for j in range(1, columns + 1) if owner[j])


# --- overlaps and segments ------------------------------------------------------------------


def summarize_overlaps(overlaps: Iterable[Overlap], exact: Iterable[bool]) -> dict[str, float]:
    """AEB summary: precision over pages that predicted something, recall over pages with gold
    text, F1 from those two means, accuracy = share of exact token-sequence matches."""
    pages = list(overlaps)
    precision = _mean([score_precision(o) for o in pages if o.tp + o.fp > 0])
    recall = _mean([score_recall(o) for o in pages if o.tp + o.fn > 0])
    matches = [1.0 if same else 0.0 for same in exact]
    return {
        "f1": compute_f1(precision, recall),
        "precision": precision,
        "recall": recall,
        "accuracy": _mean(matches),
    }


def match_tokens(gold: str | None, predicted: str | None) -> bool:
    """True when both texts have exactly the same `\\w+` token sequence."""
    return tokenize_words(gold) == tokenize_words(predicted)


def normalize_space(text: str) -> str:
    """Collapse whitespace runs to one space and strip the ends."""
    return _SPACE_RE.sub(" ", text).strip()


def count_segments(text: str | None, with_: Sequence[str], without: Sequence[str]) -> SegmentCounts:
    """Segment confusion counts: whitespace-normalised substring search of each segment."""
    haystack = normalize_space(text) if text else ""
    found_with = sum(1 for s in with_ if haystack and normalize_space(s) in haystack)
    found_without = sum(1 for s in without if haystack and normalize_space(s) in haystack)
    return SegmentCounts(
        tp=found_with,
        fp=found_without,
        fn=len(with_) - found_with,
        tn=len(without) - found_without,
    )


def summarize_segments(counts: SegmentCounts) -> dict[str, float]:
    """Precision, recall, F1 and accuracy over all segments (0.0 for an empty denominator)."""
    c = counts
    precision = c.tp / (c.tp + c.fp) if c.tp + c.fp else 0.0
    recall = c.tp / (c.tp + c.fn) if c.tp + c.fn else 0.0
    total = c.tp + c.fp + c.fn + c.tn
    return {
        "f1": compute_f1(precision, recall),
        "precision": precision,
        "recall": recall,
        "accuracy": (c.tp + c.tn) / total if total else 0.0,
    }


def classification_f1(
    gold: Sequence[str], predicted: Sequence[str | None], labels: Iterable[str] | None = None
) -> dict[str, float | int]:
    """Single-label classification scores: micro, macro and support-weighted F1.

    `predicted[i]` is None when the system gave item i no label: a miss (a false negative of
    its gold label, no false positive). Per-label F1 is taken over `labels`, by default every
    label that is gold or predicted somewhere (scikit-learn's default); macro F1 is their mean,
    weighted F1 their mean weighted by gold support. Micro F1 pools the counts, so with a label
    for every item it equals accuracy. `n` is the number of items, `unlabelled` the Nones."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    tp: dict[str, int] = {}
    fp: dict[str, int] = {}
    fn: dict[str, int] = {}
    for truth, guess in zip(gold, predicted, strict=True):
        if guess == truth:
            tp[truth] = tp.get(truth, 0) + 1
            continue
        fn[truth] = fn.get(truth, 0) + 1
        if guess is not None:
            fp[guess] = fp.get(guess, 0) + 1
    scored = list(labels) if labels is not None else sorted(set(gold) | {p for p in predicted if p})
    per_label: dict[str, float] = {}
    for label in scored:
        hits, wrong, missed = tp.get(label, 0), fp.get(label, 0), fn.get(label, 0)
        precision = hits / (hits + wrong) if hits + wrong else 0.0
        recall = hits / (hits + missed) if hits + missed else 0.0
        per_label[label] = compute_f1(precision, recall)
    support = {label: tp.get(label, 0) + fn.get(label, 0) for label in scored}
    total_support = sum(support.values())
    hits = sum(tp.values())
    answered = sum(1 for p in predicted if p is not None)
    micro_precision = hits / answered if answered else 0.0
    micro_recall = hits / len(gold) if gold else 0.0
    return {
        "weighted_f1": (
            sum(per_label[label] * support[label] for label in scored) / total_support
            if total_support
            else 0.0
        ),
        "macro_f1": _mean(list(per_label.values())),
        "micro_f1": compute_f1(micro_precision, micro_recall),
        "n": len(gold),
        "unlabelled": len(gold) - answered,
    }
