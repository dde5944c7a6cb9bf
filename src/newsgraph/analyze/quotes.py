"""Stage: quotations with their speakers resolved, and claims with their claimants.

(Stub: filled in by the quotes-and-claims work.)
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory(
    "newsgraph_quotes",
    requires=["doc._.entities", "doc._.mentions", "doc._.counts"],
    assigns=["doc._.quotes", "doc._.claims"],
)
def make_quotes(nlp: Language, name: str) -> QuoteStage:
    return QuoteStage()


class QuoteStage:
    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = []
        doc._.claims = []
        return doc
