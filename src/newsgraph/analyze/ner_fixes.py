"""Stage: correct the statistical NER's entity spans and labels before the other stages read them.

(Stub: filled in by the NER work; it must keep doc.ents valid and only change what it can justify.)
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("newsgraph_ner_fixes", requires=["doc.ents"], assigns=["doc.ents"])
def make_ner_fixes(nlp: Language, name: str) -> NerFixes:
    return NerFixes()


class NerFixes:
    def __call__(self, doc: Doc) -> Doc:
        return doc
