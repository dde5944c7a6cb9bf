"""A bounded, ordered pool of worker processes: the analyzers of `newsgraph ingest --workers N`.

The reader (the caller's generator) hands items to the pool, N processes run a function on them,
and the caller (the single store writer) gets the results back in input order. At most
`max_in_flight` items are between the reader and the writer at any time, so memory does not grow
with the size of the corpus: when the window is full the pool waits for the oldest result before
it reads the next item.

Workers ignore SIGINT: on Ctrl-C the caller's process gets the KeyboardInterrupt, the pool drops
the items not started, lets each worker finish the one it holds, and stops them.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Generic, TypeVar

Context = TypeVar("Context")
Argument = TypeVar("Argument")
Result = TypeVar("Result")

IN_FLIGHT_PER_WORKER = 4  # enough to keep every worker busy while the writer works


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class BoundedPool(Generic[Argument, Result]):
    """Run `function` in `workers` processes (spawned: nothing of the parent's state, no open
    database, is inherited) with at most `max_in_flight` items submitted and not yet returned.

    Use as a context manager; `imap` yields `(context, result)` in input order."""

    def __init__(
        self,
        function: Callable[[Argument], Result],
        workers: int,
        max_in_flight: int | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.function = function
        self.workers = workers
        self.max_in_flight = max(1, max_in_flight or IN_FLIGHT_PER_WORKER * workers)
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> BoundedPool[Argument, Result]:
        self._executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_ignore_sigint,
        )
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Drop the items not started, let running ones finish, stop the workers."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def imap(
        self, items: Iterable[tuple[Context, Argument | None]]
    ) -> Iterator[tuple[Context, Result | None]]:
        """For each `(context, argument)`: `(context, function(argument))`, in input order. An
        argument of None is not sent to a worker (its result is None) but keeps its place."""
        if self._executor is None:
            raise RuntimeError("use BoundedPool as a context manager")
        window: deque[tuple[Context, Future | None]] = deque()
        for context, argument in items:
            future = None if argument is None else self._executor.submit(self.function, argument)
            window.append((context, future))
            # a full window waits for its oldest item; results already done go out at once
            while window and (
                len(window) >= self.max_in_flight or window[0][1] is None or window[0][1].done()
            ):
                yield _resolve(window.popleft())
        while window:
            yield _resolve(window.popleft())


def _resolve(entry: tuple[Context, Future | None]) -> tuple[Context, object]:
    context, future = entry
    return context, None if future is None else future.result()
