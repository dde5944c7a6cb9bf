"""One registry of evaluators: it serves `newsgraph eval`, the docs table and the CI floors."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

EvalFunction = Callable[[Path, int | None], dict[str, Any]]


@dataclass(frozen=True)
class Evaluator:
    name: str  # the task name: `newsgraph eval NAME`
    description: str
    run: EvalFunction  # (data folder, limit) -> metrics, with a "baseline" entry where one exists
    dataset: str  # the dataset's folder name under ../shared/eval (usually the task name)


EVALUATORS: dict[str, Evaluator] = {}


def register(
    name: str, description: str, dataset: str | None = None
) -> Callable[[EvalFunction], EvalFunction]:
    """Decorator: make `function(data_dir, limit)` available as `newsgraph eval NAME`;
    `dataset` names the data folder when it differs from the task name."""

    def decorate(function: EvalFunction) -> EvalFunction:
        EVALUATORS[name] = Evaluator(name, description, function, dataset or name)
        return function

    return decorate


def load_floors() -> dict[str, Any]:
    """The accuracy floors CI holds each evaluator to (floors.json beside this module)."""
    return json.loads((resources.files("newsgraph.evaluate") / "floors.json").read_text("utf-8"))


def run_evaluator(name: str, data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Run one registered evaluator. Raises KeyError for an unknown name."""
    _load_builtin_evaluators()
    if name not in EVALUATORS:
        known = ", ".join(sorted(EVALUATORS))
        raise KeyError(f"no evaluator named {name!r}; known: {known}")
    if not data_dir.is_dir():
        raise FileNotFoundError(f"no data folder at {data_dir}")
    return EVALUATORS[name].run(data_dir, limit)


def available_evaluators() -> list[Evaluator]:
    _load_builtin_evaluators()
    return [EVALUATORS[name] for name in sorted(EVALUATORS)]


def _load_builtin_evaluators() -> None:
    # Importing a module registers its evaluators; later issues add modules here.
    from newsgraph.evaluate import (  # noqa: F401
        aeb,
        case2021,
        conll2003,
        geoparsing,
        gva,
        gva_clusters,
        indiapoliceevents,
        meantime_entities,
        meantime_events,
        petrarch2,
        plover,
        polnear,
        tempeval3,
        trafilatura_eval,
    )
