"""Stage: figures about people and force (killed, injured, detained, deployed, crowd ...) as
honest ranges.

(Stub: filled in by the counts work.)
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory(
    "newsgraph_counts",
    requires=["doc._.entities", "doc._.places", "doc._.times"],
    assigns=["doc._.counts"],
)
def make_counts(nlp: Language, name: str) -> CountStage:
    return CountStage()


class CountStage:
    def __call__(self, doc: Doc) -> Doc:
        doc._.counts = []
        return doc
