"""Stage: time expressions normalised against the publication date.

(Stub: filled in by the dates work.)
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("newsgraph_dates", requires=["doc._.document"], assigns=["doc._.times"])
def make_dates(nlp: Language, name: str) -> DateStage:
    return DateStage()


class DateStage:
    def __call__(self, doc: Doc) -> Doc:
        doc._.times = []
        return doc
