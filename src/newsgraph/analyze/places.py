"""Stage: find toponyms and resolve them to GeoNames entries; pick the focus location.

(Stub: filled in by the places work.)
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory(
    "newsgraph_places", requires=["doc.ents"], assigns=["doc._.places", "doc._.focus_place_id"]
)
def make_places(nlp: Language, name: str) -> PlaceStage:
    return PlaceStage()


class PlaceStage:
    def __call__(self, doc: Doc) -> Doc:
        doc._.places = []
        doc._.focus_place_id = None
        return doc
