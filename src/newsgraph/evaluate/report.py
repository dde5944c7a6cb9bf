"""Human-readable output of evaluator metrics (the JSON form is the metrics dict itself)."""

from __future__ import annotations

from typing import Any


def format_metrics(task: str, metrics: dict[str, Any]) -> str:
    """One line per metric; nested results (baselines, per-label scores) are indented."""
    return "\n".join([task, *_lines(metrics, indent=1)])


def _lines(metrics: dict[str, Any], indent: int) -> list[str]:
    pad = "  " * indent
    lines = []
    for key, value in metrics.items():
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines.extend(_lines(value, indent + 1))
        elif isinstance(value, float):
            lines.append(f"{pad}{key}: {value:.4f}")
        else:
            lines.append(f"{pad}{key}: {value}")
    return lines
