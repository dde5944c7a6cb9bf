"""Stage: time expressions normalised against the publication date.

The logic is the pure `newsgraph.analyze.timex.find_time_expressions` (rules over the raw text);
this stage feeds it the document's text and publication date and stores the TimeExpr records
in `doc._.times`. Without a publication date relative expressions stay unresolved (TIMEX3
placeholders such as "XXXX-WXX-5", anchor "unresolved").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analyze.textspans import doc_text
from newsgraph.analyze.timex import find_time_expressions


@Language.factory("newsgraph_dates", requires=["doc._.document"], assigns=["doc._.times"])
def make_dates(nlp: Language, name: str) -> DateStage:
    """The dates stage (no settings: the lexicons live in ontology/data/en/time_*.tsv)."""
    return DateStage()


class DateStage:
    """Adds `doc._.times`: the TimeExpr records of the document, in text order."""

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        published = document.published if document is not None else None
        language = (document.language if document is not None else None) or "en"
        doc._.times = find_time_expressions(doc_text(doc), published, language)
        return doc
