from __future__ import annotations

import pytest

from newsgraph.crossdoc.reconcile import report_totals, summarize_figure, without_copies
from newsgraph.crossdoc.records import ReportedValue


def value(low, high, *, obj=None, claimant="state media", doc="d1", published="2022-01-07",
          group="ag-d1", kind="named") -> ReportedValue:  # fmt: skip
    return ReportedValue(count_type="killed", low=low, high=high, qualifier="exact",
                         number_text=str(low), object=obj, claimant=claimant,
                         claimant_kind=kind, document_id=doc, count_id=f"c{low}", group_id=group,
                         outlet="AP", published=published)  # fmt: skip


def test_report_totals_add_figures_about_different_objects():
    values = [value(18, 18, obj="security personnel"), value(26, 26, obj="armed criminals")]
    assert report_totals(values) == {("d1", "state media"): (44, 44, "2022-01-07")}


def test_report_totals_keep_restated_toll_once():
    values = [value(12, 12), value(12, 12, obj="people")]
    assert report_totals(values)[("d1", "state media")][:2] == (12, 12)


def test_summarize_figure_conservative_high_and_latest():
    values = [
        value(18, 18, obj="security personnel"),
        value(26, 26, obj="armed criminals"),
        value(24, 99, claimant="local media"),
        value(60, None, claimant="AFP", doc="d2", published="2022-01-09", group="ag-d2"),
    ]
    figure = summarize_figure("killed", values)
    assert figure.conflict
    assert (figure.conservative, figure.high, figure.most_recent) == (24, 99, 60)
    assert figure.most_recent_published == "2022-01-09"


def test_summarize_figure_agreeing_sources_do_not_conflict():
    values = [value(5, 5), value(5, 5, claimant="police", doc="d2", group="ag-d2")]
    assert not summarize_figure("killed", values).conflict


@pytest.mark.parametrize(("group", "kept"), [("ag-d1", 1), ("ag-d2", 2)])
def test_without_copies_keeps_one_figure_per_article_group(group, kept):
    copies = [value(5, 5, kind="outlet", claimant="AP"),
              value(5, 5, kind="outlet", claimant="BBC", doc="d2", group=group)]  # fmt: skip
    assert len(without_copies(copies)) == kept
