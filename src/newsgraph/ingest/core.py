"""The ingest orchestrator: inputs -> clean `Document`s -> the store, one transaction each.

`build_document` is the one boundary where an input is accepted or rejected with a typed reason;
`ingest_sources` never lets one bad input stop the batch.
"""

from __future__ import annotations

import sys
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from newsgraph.errors import Reason, Rejected
from newsgraph.ingest.clean import clean_text
from newsgraph.ingest.decode import decode_bytes
from newsgraph.ingest.html import extract_html
from newsgraph.ingest.metadata import detect_language, normalize_published, outlet_from_url
from newsgraph.ingest.options import IngestOptions
from newsgraph.ingest.sources import Expansion, Payload, RawInput, iter_inputs
from newsgraph.records import Analysis, Document, QualityFlag
from newsgraph.store import Store

# Exit codes: 0 all good, 1 some inputs failed, 3 every input failed (or nothing was found).
EXIT_OK, EXIT_SOME_FAILED, EXIT_ALL_FAILED, EXIT_INTERRUPTED = 0, 1, 3, 130


@dataclass
class Failure:
    source: str
    code: str
    message: str


@dataclass
class RunSummary:
    run_id: int | None = None
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped: int = 0  # finished in an earlier run and unchanged since
    interrupted: bool = False
    failures: list[Failure] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "stored": self.stored,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "skipped": self.skipped,
        }

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        succeeded = self.stored + self.duplicates + self.skipped
        if self.failed and not succeeded:
            return EXIT_ALL_FAILED
        return EXIT_SOME_FAILED if self.failed else EXIT_OK

    def describe(self) -> str:
        text = (
            f"stored {self.stored}, duplicates {self.duplicates}, failed {self.failed}, "
            f"skipped (done before) {self.skipped}"
        )
        return text + (" — interrupted; run again to resume" if self.interrupted else "")


def build_document(raw: RawInput, payload: Payload, options: IngestOptions) -> Document:
    """Clean one input into a Document. Raises `Rejected` with the reason it cannot be used."""
    flags: list[QualityFlag] = []
    if isinstance(payload.content, bytes):
        if len(payload.content) > options.max_bytes:
            raise Rejected(Reason.TOO_LARGE, f"{len(payload.content)} bytes")
        decoded = decode_bytes(payload.content, declared=payload.charset, html=payload.is_html)
        text = decoded.text
        if decoded.how in ("mixed", "guessed"):
            kind = "mixed_encoding" if decoded.how == "mixed" else "encoding_guessed"
            flags.append(QualityFlag(kind, decoded.encoding))
    else:
        text = payload.content
    url = payload.url or raw.hints.url or options.url
    title = raw.hints.title
    authors, published, outlet = list(raw.hints.authors), raw.hints.published, raw.hints.outlet
    if payload.is_html:
        extraction = extract_html(text, url=url)
        cleaned = clean_text(extraction.text, known_title=extraction.title, line_per_paragraph=True)
        title = title or extraction.title
        authors = authors or extraction.authors
        published = published or extraction.published
        outlet = outlet or extraction.outlet
        if extraction.extractor == "readability":  # trafilatura found no main text
            flags.append(QualityFlag("fallback_extractor", extraction.extractor))
    else:
        cleaned = clean_text(text, find_title=title is None)
        title = title or cleaned.title
    if not cleaned.text.strip():
        raise Rejected(Reason.EMPTY, raw.source)
    language = detect_language(cleaned.text)
    if language not in (None, "en"):
        flags.append(QualityFlag("non_english", language))
    published = published or options.published
    if not published and raw.hints.crawled:
        published = raw.hints.crawled  # published no later than this; better than nothing
        flags.append(QualityFlag("published_from_crawl_date", raw.hints.crawled))
    published_iso, precision = normalize_published(published)
    return Document(
        text=cleaned.text,
        source=raw.source,
        source_kind=raw.kind,
        url=url,
        outlet=outlet or options.outlet or outlet_from_url(url),
        title=title,
        authors=authors,
        published=published_iso,
        published_precision=precision,
        language=language,
        dateline=cleaned.dateline,
        quality_flags=cleaned.flags + flags,
    )


def iter_documents(
    sources: list[str], options: IngestOptions, on_failure: Callable[[RawInput, Rejected], None]
) -> Iterator[tuple[RawInput, Document]]:
    """Documents from every source, without a store. Failures go to `on_failure`."""
    for raw in iter_inputs(sources, options):
        yield from _documents_from_input(raw, options, on_failure, skip=lambda _raw: False)


def _documents_from_input(
    raw: RawInput,
    options: IngestOptions,
    on_failure: Callable[[RawInput, Rejected], None],
    skip: Callable[[RawInput], bool],
) -> Iterator[tuple[RawInput, Document]]:
    if skip(raw):
        return
    try:
        loaded = raw.load()
        if isinstance(loaded, Expansion):
            for child in loaded.children:
                yield from _documents_from_input(child, options, on_failure, skip)
            return
        document = build_document(raw, loaded, options)
    except Rejected as rejection:
        on_failure(raw, rejection)
        return
    except Exception as error:  # a bug on one odd input must not stop the batch
        detail = f"{type(error).__name__}: {error} at {_last_frame(error)}"
        on_failure(raw, Rejected(Reason.MALFORMED, detail, stage="internal"))
        return
    yield raw, document


def _last_frame(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    return f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"


Analyzer = Callable[[Document], Analysis]


def ingest_sources(
    sources: list[str],
    store: Store,
    options: IngestOptions | None = None,
    progress: bool = False,
    command: str = "ingest",
    analyze: Analyzer | None = None,
    workers: int = 1,
) -> RunSummary:
    """Ingest every source into `store`, analysing each new document with `analyze` when
    given; returns the run's summary. Ctrl-C stops cleanly after the current document (the
    summary says interrupted; a re-run resumes).

    `workers` > 1 runs `analyze` (a picklable module-level function) in that many processes
    fed by a bounded queue (`parallel.BoundedPool`); reading stays here, and this process
    remains the one writer, storing documents in input order."""
    options = replace(
        options or IngestOptions(),
        exclude_paths=frozenset(str(p) for p in store.local_files()),
    )
    summary = RunSummary(run_id=store.begin_run(command, sources))
    bar = _progress_bar(progress)

    def on_failure(raw: RawInput, rejection: Rejected) -> None:
        summary.failed += 1
        summary.failures.append(Failure(raw.source, rejection.reason.code, str(rejection)))
        store.record_error(
            summary.run_id, raw.source, rejection.stage, rejection.reason.code, str(rejection)
        )
        _report(bar, f"failed: {raw.source}: {rejection}")
        _update_bar(bar, summary)

    def skip(raw: RawInput) -> bool:
        done = store.source_done(raw.source, raw.fingerprint)
        summary.skipped += done
        return done

    status = "done"
    documents = (
        pair
        for raw in iter_inputs(sources, options)
        for pair in _documents_from_input(raw, options, on_failure, skip)
    )
    analyzed = _analyzed(documents, store, analyze, workers)
    try:
        for child, document, analysis in analyzed:
            for error in analysis.errors if analysis is not None else []:
                message = f"E020 analysis stage failed: {error.message}"
                store.record_error(summary.run_id, child.source, error.stage, "E020", message)
            outcome = store.save_document(document, child.fingerprint, summary.run_id, analysis)
            if outcome == "stored":
                summary.stored += 1
            else:
                summary.duplicates += 1
                _report(bar, f"duplicate: {child.source} is already stored as {document.id}")
            _update_bar(bar, summary)
    except KeyboardInterrupt:
        summary.interrupted, status = True, "interrupted"
    finally:
        analyzed.close()  # stops the workers, if any; documents in flight are not stored
        if bar is not None:
            bar.close()
        store.finish_run(summary.run_id, status, summary.counts)
    return summary


def _analyzed(
    documents: Iterator[tuple[RawInput, Document]],
    store: Store,
    analyze: Analyzer | None,
    workers: int,
) -> Iterator[tuple[RawInput, Document, Analysis | None]]:
    """Each document with its analysis, in input order; None for a document already stored
    (or one whose copy is ahead of it in the queue), or when `analyze` is None."""
    if analyze is None:
        yield from ((child, document, None) for child, document in documents)
        return
    if workers <= 1:
        for child, document in documents:
            yield child, document, None if store.has_document(document.id) else analyze(document)
        return
    from newsgraph.ingest.parallel import BoundedPool

    queued: Counter[str] = Counter()  # ids between the reader and the writer

    def submissions() -> Iterator[tuple[tuple[RawInput, Document], Document | None]]:
        for child, document in documents:
            needed = not queued[document.id] and not store.has_document(document.id)
            queued[document.id] += 1
            yield (child, document), document if needed else None

    with BoundedPool(analyze, workers) as pool:
        for (child, document), analysis in pool.imap(submissions()):
            queued[document.id] -= 1
            if not queued[document.id]:
                del queued[document.id]
            yield child, document, analysis


def _progress_bar(enabled: bool):  # noqa: ANN202
    if not enabled:
        return None
    from tqdm import tqdm

    # disable=None: no bar when stderr is not a terminal (CI logs, pipes)
    return tqdm(unit=" docs", file=sys.stderr, dynamic_ncols=True, disable=None)


def _update_bar(bar, summary: RunSummary) -> None:  # noqa: ANN001
    if bar is not None:
        bar.update(1)
        bar.set_postfix(stored=summary.stored, dup=summary.duplicates, failed=summary.failed)


def _report(bar, line: str) -> None:  # noqa: ANN001
    if bar is not None:
        bar.write(line, file=sys.stderr)
    else:
        print(line, file=sys.stderr)
