"""Named, numbered reasons for rejecting an input. One boundary raises them (`Rejected`); the
ingest loop records them against the source and goes on with the batch."""

from __future__ import annotations

from enum import Enum


class Reason(Enum):
    """Why an input could not become a document. The value is (code, what the user reads)."""

    NOT_FOUND = ("E001", "no such file or folder")
    EMPTY = ("E002", "no text left after cleaning")
    TOO_LARGE = ("E003", "larger than the size limit")
    BINARY = ("E004", "binary content, not text or HTML")
    UNDECODABLE = ("E005", "the bytes are in no text encoding we can read")
    MALFORMED = ("E006", "malformed input")
    NO_MAIN_TEXT = ("E007", "no main text found in the HTML")
    FETCH_FAILED = ("E010", "could not fetch the URL")
    NOT_HTML = ("E011", "the URL did not return HTML, text or a feed")
    PRIVATE_ADDRESS = ("E012", "the URL resolves to a private or loopback address")
    BAD_URL = ("E013", "not an http(s) URL")
    COMPRESSION_BOMB = ("E014", "decompresses beyond the size limit")
    UNSUPPORTED = ("E015", "unsupported input type")

    @property
    def code(self) -> str:
        return self.value[0]

    @property
    def summary(self) -> str:
        return self.value[1]


class NewsgraphError(Exception):
    """Base class of the errors newsgraph raises on purpose."""


class Rejected(NewsgraphError):
    """An input that cannot become a document, with its typed reason."""

    def __init__(self, reason: Reason, detail: str = "", stage: str = "ingest") -> None:
        self.reason = reason
        self.detail = detail
        self.stage = stage
        message = f"{reason.code} {reason.summary}"
        super().__init__(f"{message}: {detail}" if detail else message)


class StoreError(NewsgraphError):
    """The database cannot be opened, migrated or written."""
