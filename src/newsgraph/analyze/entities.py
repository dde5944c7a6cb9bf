"""Stage: actors (people, organizations, groups, countries, media) with clustered mentions,
titles, affiliations, countries and sectors.

(Stub: filled in by the entities work.)
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory(
    "newsgraph_entities",
    requires=["doc.ents", "doc._.places"],
    assigns=["doc._.entities", "doc._.mentions"],
)
def make_entities(nlp: Language, name: str) -> EntityStage:
    return EntityStage()


class EntityStage:
    def __call__(self, doc: Doc) -> Doc:
        doc._.entities = []
        doc._.mentions = []
        return doc
