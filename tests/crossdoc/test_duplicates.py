from __future__ import annotations

from helpers.syndicated import WIRE_STORY, syndicated_documents

from newsgraph.crossdoc import group_duplicates
from newsgraph.crossdoc.fingerprints import estimate_jaccard, minhash_signature
from newsgraph.records import Document


def document(text: str, outlet: str, published: str | None = None) -> Document:
    return Document(text=text, source=outlet, source_kind="text", outlet=outlet,
                    published=published)  # fmt: skip


def test_minhash_estimates_jaccard_of_shingles():
    edited = WIRE_STORY.replace("city centre", "city center")
    assert estimate_jaccard(minhash_signature(WIRE_STORY), minhash_signature(edited)) > 0.9
    other = "Share prices rose sharply in Tokyo on Monday as exporters gained on a weaker yen."
    assert estimate_jaccard(minhash_signature(WIRE_STORY), minhash_signature(other)) < 0.1


def test_group_duplicates_groups_copies_and_update_with_dates_and_outlets():
    documents = syndicated_documents()
    other = document("Share prices rose sharply in Tokyo on Monday as exporters gained.", "Nikkei")
    groups = group_duplicates([*documents, other])
    assert sorted(len(g.document_ids) for g in groups) == [1, 6]
    story = next(g for g in groups if len(g.document_ids) == 6)
    assert story.earliest_published == "2024-06-25T10:00:00+00:00"
    assert story.latest_published == "2024-06-26T08:00:00+00:00"
    assert story.latest_document_id == documents[-1].id
    assert story.outlets == ["Capital FM", "Citizen Digital", "Daily Nation", "The Star", "Wire"]


def test_group_duplicates_does_not_depend_on_order():
    documents = syndicated_documents()
    assert group_duplicates(documents) == group_duplicates(documents[::-1])


def test_group_duplicates_outlet_falls_back_to_url_host():
    doc = Document(text="Some text here.", source="x", source_kind="url",
                   url="https://www.example.org/a")  # fmt: skip
    assert group_duplicates([doc])[0].outlets == ["example.org"]


def test_minhash_permutations_are_independent_so_one_shared_phrase_is_no_copy():
    """Unrelated texts that share one run of words: every estimate stays near the true Jaccard
    (the earlier hash family let the smallest-hash shingle win most permutations: errors 0.5)."""
    import random

    from newsgraph.shingles import count_shingles

    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(2000)]
    for _ in range(40):
        shared = " ".join(rng.choice(vocabulary) for _ in range(12))
        first = " ".join(rng.choice(vocabulary) for _ in range(100)) + " " + shared
        second = shared + " " + " ".join(rng.choice(vocabulary) for _ in range(100))
        a, b = set(count_shingles(first)), set(count_shingles(second))
        true = len(a & b) / len(a | b)
        estimate = estimate_jaccard(minhash_signature(first), minhash_signature(second))
        assert abs(estimate - true) < 0.15
        assert len(group_duplicates([document(first, "A"), document(second, "B")])) == 2
