"""Per-attribute reconciliation: every figure each source gives for a cluster, side by side,
and the conservative, high and most recent totals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from newsgraph.crossdoc.duplicates import outlet_name
from newsgraph.crossdoc.records import ClusterMember, Figure, ReportedValue
from newsgraph.records import Analysis, Event


def reconcile_figures(
    members: Iterable[ClusterMember], analyses: Mapping[str, Analysis]
) -> list[Figure]:
    """One Figure per count type the members' events carry, by count type."""
    values = without_copies(
        value for member in members for value in member_values(member, analyses)
    )
    by_type: dict[str, list[ReportedValue]] = defaultdict(list)
    for value in values:
        by_type[value.count_type].append(value)
    return [summarize_figure(count_type, by_type[count_type]) for count_type in sorted(by_type)]


def member_values(member: ClusterMember, analyses: Mapping[str, Analysis]) -> list[ReportedValue]:
    """The figures linked to one member event, each with the claim that reports it."""
    analysis = analyses[member.document_id]
    event = next(e for e in analysis.events if e.id == member.event_id)
    counts = {count.id: count for count in analysis.counts}
    claims = {count_id: claim for claim in analysis.claims for count_id in claim.count_ids}
    outlet = outlet_name(analysis.document)
    values = []
    for count_id in event.count_ids + sentence_count_ids(analysis, event):
        count = counts.get(count_id)
        if count is None or count.share is not None or count.unit is not None:
            continue  # proportions and force units are not head counts
        claim = claims.get(count_id)
        own = claim is None or claim.claimant_kind == "outlet"
        values.append(
            ReportedValue(
                count_type=count.type,
                low=count.low,
                high=count.high,
                qualifier=count.qualifier,
                number_text=count.number_text,
                object=count.object,
                claimant=outlet if own else claim.claimant_text,
                claimant_kind="outlet" if own else claim.claimant_kind,
                document_id=analysis.document.id,
                count_id=count.id,
                group_id=member.group_id,
                outlet=outlet,
                published=analysis.document.published,
                text=count.text,
            )
        )
    return values


def sentence_count_ids(analysis: Analysis, event: Event) -> list[str]:
    """Counts the analysis linked to no event, in this event's sentence, when this is the
    sentence's event nearest to them ("the death toll rose to 15, after police opened fire")."""
    linked = {count_id for e in analysis.events for count_id in e.count_ids}
    found = []
    for count in analysis.counts:
        if count.id in linked:
            continue
        in_sentence = [e for e in analysis.events if contains_span(e.sentence_span, count.span)]
        nearest = min(in_sentence, key=lambda e: (abs(e.trigger_span[0] - count.span[0]), e.id),
                      default=None)  # fmt: skip
        if nearest is not None and nearest.id == event.id:
            found.append(count.id)
    return found


def contains_span(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def without_copies(values: Iterable[ReportedValue]) -> list[ReportedValue]:
    """One value per figure per article group: syndicated copies repeat a report, they do not
    confirm it. The earliest copy is kept; the order is by date, then document and count."""
    kept: dict[tuple, ReportedValue] = {}
    ordered = sorted(values, key=lambda v: (v.published or "~", v.document_id, v.count_id))
    for value in ordered:
        # each copy's outlet is its own claimant: copies of an unattributed figure are one
        claimant = "(outlet)" if value.claimant_kind == "outlet" else value.claimant
        key = (value.group_id, value.count_type, claimant, value.low, value.high,
               value.qualifier, (value.object or "").lower())  # fmt: skip
        kept.setdefault(key, value)
    return list(kept.values())


def report_totals(values: list[ReportedValue]) -> dict[tuple[str, str | None], tuple]:
    """The total each report (one document's one claimant) gives: figures about different
    objects add up ("18 security personnel and 26 armed criminals" is 44); a figure repeated,
    or one without an object beside them, is the same toll restated, so the larger is kept."""
    by_report: dict[tuple[str, str | None], dict[str, ReportedValue]] = defaultdict(dict)
    for value in values:
        objects = by_report[(value.document_id, value.claimant)]
        key = (value.object or "").lower()
        if key not in objects or (value.low or 0) > (objects[key].low or 0):
            objects[key] = value
    totals = {}
    for report, objects in by_report.items():
        named = [v for key, v in objects.items() if key]
        unnamed = objects.get("")
        low = sum(v.low or 0 for v in named)
        high = None if any(v.high is None for v in named) else sum(v.high for v in named)
        if unnamed is not None and (not named or (unnamed.low or 0) > low):
            low, high = unnamed.low or 0, unnamed.high
        published = next(iter(objects.values())).published
        totals[report] = (low, high, published)
    return totals


def summarize_figure(count_type: str, values: list[ReportedValue]) -> Figure:
    """The values side by side; conflict when reports give different totals; ACLED's
    conservative rule (the lowest total), the highest figure stated (the top of a range, the
    lower bound of an open one), and the latest report's total (on one date, the larger: tolls
    rise)."""
    totals = report_totals(values)
    ranges = {(low, high) for low, high, _published in totals.values()}
    latest = max(totals.values(), key=lambda t: (t[2] or "", t[0]))
    return Figure(
        count_type=count_type,
        values=values,
        conflict=len(ranges) > 1,
        conservative=min(low for low, _high, _published in totals.values()),
        high=max(high if high is not None else low for low, high, _p in totals.values()),
        most_recent=latest[0],
        most_recent_published=latest[2],
    )
