from __future__ import annotations

import pytest

from newsgraph.api import extract
from newsgraph.crossdoc import cluster_events

pytestmark = pytest.mark.slow  # runs the spaCy pipeline


def test_running_example_killed_figures_side_by_side_and_conflicting(example_path):
    analysis = extract(example_path, published="2022-01-07", outlet="AP")
    figures = [f for c in cluster_events([analysis]) for f in c.figures if f.count_type == "killed"]
    killed = next(f for f in figures if len(f.values) > 1)
    by_claimant = {(v.claimant, v.number_text.lower()) for v in killed.values}
    assert {("state media", "18"), ("state media", "26"), ("local media", "dozens")} <= by_claimant
    assert killed.conflict
    assert killed.conservative == 24  # "dozens" is at least 24: below state media's 18 + 26
