"""The running example end to end (../shared/examples/kazakhstan-unrest-2022.txt)."""

import pytest

import newsgraph

OPENING = "ALMATY, Kazakhstan. — Kazakhstan President Kassym-Jomart Tokayev has ordered"


def test_running_example_is_cleaned_with_dateline_and_date(example_path, tmp_path):
    summary = newsgraph.ingest(example_path, db=tmp_path / "n.db", published="2022-01-07")
    assert (summary.stored, summary.failed) == (1, 0)
    document = newsgraph.extract(example_path, published="2022-01-07", analyze=False).document

    assert document.text.startswith(OPENING)  # "Listen Live" is gone from the body
    assert "Listen Live" not in document.text
    assert [(f.kind, f.detail) for f in document.quality_flags] == [
        ("boilerplate_line", "Listen Live")
    ]
    assert (document.dateline.place, document.dateline.region) == ("Almaty", "Kazakhstan")
    assert document.text[slice(*document.dateline.span)] == "ALMATY, Kazakhstan"
    assert (document.published, document.published_precision) == ("2022-01-07", "day")
    assert document.language == "en"
    assert document.title is None  # the article has no headline line


def test_running_example_keeps_curly_quotes_and_dashes_exactly(example_path):
    raw = example_path.read_text(encoding="utf-8")
    document = newsgraph.extract(example_path, analyze=False).document
    for fragment in ["“kill without warning”", "‘fakes’", "Kazakhstan’s", "oil-rich nation — all"]:
        assert fragment in document.text
    # every paragraph of the original body is in the clean text, unchanged
    for paragraph in raw.split("\n\n")[1:]:
        assert paragraph.strip() in document.text


@pytest.fixture(scope="module")
def example_analysis():
    from conftest import EXAMPLE, require_shared

    return newsgraph.extract(require_shared(EXAMPLE), published="2022-01-07")


def actor(analysis, mention_text):
    """The entity with a mention of exactly this text (the first one)."""
    mention = next(m for m in analysis.mentions if m.text == mention_text)
    return next(e for e in analysis.entities if e.id == mention.entity_id)


def mentions_of(analysis, entity):
    return {m.text for m in analysis.mentions if m.entity_id == entity.id}


# The actors table of kazakhstan-unrest-2022.expected.md: (a mention, the entity's name, kind,
# sector, country, other mentions that must be in the same entity).
EXPECTED_ACTORS = [
    ("Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev", "person", "GOV", "KAZ",
     {"Tokayev", "The Kazakh leader", "he"}),
    ("Nursultan Nazarbayev", "Nursultan Nazarbayev", "person", "GOV", "KAZ", {"Nazarbayev"}),
    ("Vladimir Putin", "Vladimir Putin", "person", "GOV", "RUS", set()),
    ("Xi Jinping", "Xi Jinping", "person", "GOV", "CHN", set()),
    ("Stanislav Zas", "Stanislav Zas", "person", "IGO", None, set()),
    ("Paul Stronski", "Paul Stronski", "person", "NGO", None, set()),
    ("Marie Struthers", "Marie Struthers", "person", "NGO", None, set()),
    ("CSTO", "Collective Security Treaty Organization", "organization", "IGO", None,
     {"Collective Security Treaty Organization", "The organization"}),
    ("Amnesty International", "Amnesty International", "organization", "NGO", None, {"Amnesty"}),
    ("Reuters", "Reuters", "media", "JRN", None, set()),
    ("CNN", "CNN", "media", "JRN", "USA", set()),
    ("Sputnik", "Sputnik", "media", "JRN", "RUS", set()),
    ("TASS", "TASS", "media", "JRN", "RUS", set()),
    ("Kazakh state media", "state media", "media", "JRN", "KAZ", set()),
    ("local media", "local media", "media", "JRN", "KAZ", set()),
    ("international media", "international media", "media", "JRN", None, set()),
    ("several protesters", "protesters", "group", "CVL", "KAZ", {"Protesters"}),
    ("security forces", "security forces", "group", "COP", "KAZ",
     {"18 security personnel", "law enforcement agencies", "the army"}),
]  # fmt: skip


@pytest.mark.parametrize(("mention", "name", "kind", "sector", "country", "others"),
                         EXPECTED_ACTORS)  # fmt: skip
def test_running_example_actor(example_analysis, mention, name, kind, sector, country, others):
    entity = actor(example_analysis, mention)
    assert (entity.name, entity.kind, entity.sector, entity.country) == (
        name, kind, sector, country
    )  # fmt: skip
    assert others <= mentions_of(example_analysis, entity)


def test_running_example_titles_and_affiliations(example_analysis):
    assert actor(example_analysis, "Kassym-Jomart Tokayev").title == "President"
    zas = actor(example_analysis, "Stanislav Zas")
    assert (zas.title, zas.affiliation_name) == (
        "secretary-general", "Collective Security Treaty Organization"
    )  # fmt: skip
    stronski = actor(example_analysis, "Paul Stronski")
    assert stronski.affiliation_name == "Carnegie Endowment for International Peace"
    struthers = actor(example_analysis, "Marie Struthers")
    assert struthers.title == "director for Eastern Europe and Central Asia"
    assert struthers.affiliation_name == "Amnesty International"


def test_running_example_anonymous_speakers_are_distinct_protesters(example_analysis):
    woman, man = actor(example_analysis, "one woman"), actor(example_analysis, "Another man")
    assert woman is not man and woman.anonymous and man.anonymous
    assert woman.affiliation_name == man.affiliation_name == "protesters"
    # ", he said" after the man's quote is his, not Tokayev's
    he_mentions = [m for m in example_analysis.mentions if m.text == "he"]
    assert {m.entity_id for m in he_mentions} == {
        actor(example_analysis, "Kassym-Jomart Tokayev").id, man.id
    }  # fmt: skip


def test_running_example_model_mistakes_are_corrected(example_analysis):
    assert actor(example_analysis, "Nazarbayev").kind == "person"  # spaCy says ORG
    assert not any(m.text == "Nur-Sultan" for m in example_analysis.mentions)  # a place
    assert not any(e.name in ("Kazakh", "ALMATY") for e in example_analysis.entities)


# The events list of kazakhstan-unrest-2022.expected.md that the stage reaches: (type, modes
# accepted, modality, words of the trigger or a merged report).
EXPECTED_EVENTS = [
    ("PROTEST", {"riot", "demo"}, "asserted", "protests"),
    ("ASSAULT", {None, "firearms"}, "ordered", "kill"),
    ("COERCE", {"arrest"}, "asserted", "detained"),
    ("PROTEST", {"riot"}, "reported", "stormed"),
    ("COERCE", {"censor"}, "reported", "blackout"),
    ("COERCE", {"curfew", "martial-law"}, "reported", "curfew"),
    ("REQUEST", {None, "assist"}, "reported", "appeal"),
    ("MOBILIZE", {"troops"}, "asserted", "contingent"),
    ("SUPPORT", {None}, "asserted", "thanked"),
    ("RETREAT", {"resign"}, "historical", "stepping down"),
    ("CONCEDE", {None}, "historical", "legalized"),
    ("REJECT", {None}, "reported", "nonsense"),  # calls for a peaceful solution, by Tokayev
    ("ACCUSE", {"allege"}, "reported", "masterminded"),  # "terrorist bandits", by Tokayev
    ("ACCUSE", {"disapprove"}, "reported", "consequence"),  # the authorities, by Amnesty
]
# types the article holds events of (besides those above: the protesters' REJECT of Tokayev's
# framing, the critics' ACCUSE of Nazarbayev); anything else would be invented
ARTICLE_TYPES = {e[0] for e in EXPECTED_EVENTS} | {"THREATEN"}


def event_with(analysis, type_, words):
    text = analysis.document.text
    for event in analysis.events:
        spans = [event.trigger_span, *event.other_spans]
        if event.type == type_ and any(words in text[s:e] for s, e in spans):
            return event
    raise AssertionError(f"no {type_} event with {words!r}")


@pytest.mark.parametrize(("type_", "modes", "modality", "words"), EXPECTED_EVENTS)
def test_running_example_events(example_analysis, type_, modes, modality, words):
    event = event_with(example_analysis, type_, words)
    assert event.mode in modes
    assert event.modality == modality


def test_running_example_killings_rest_on_state_media_with_both_figures(example_analysis):
    killing = event_with(example_analysis, "ASSAULT", "killed")
    assert killing.modality == "reported"
    claim = next(c for c in example_analysis.claims if c.id == killing.claim_id)
    assert "state media" in claim.claimant_text.lower()
    figures = {(c.type, c.low) for c in example_analysis.counts if c.id in killing.count_ids}
    assert {("killed", 18), ("killed", 26)} <= figures


def test_running_example_verdicts_name_who_rejects_and_who_is_blamed(example_analysis):
    rejection = event_with(example_analysis, "REJECT", "nonsense")
    assert rejection.actors_in("source")[0].entity_id == actor(example_analysis, "Tokayev").id
    blamed = event_with(example_analysis, "ACCUSE", "consequence")
    assert [a.text for a in blamed.actors_in("source")] == ["Amnesty International"]
    assert [a.text for a in blamed.actors_in("target")] == ["the authorities"]
    accused = event_with(example_analysis, "ACCUSE", "masterminded").actors_in("target")
    assert "bandits" in accused[0].text


def test_running_example_storming_is_in_almaty_per_local_media(example_analysis):
    storming = event_with(example_analysis, "PROTEST", "stormed")
    place = next(p for p in example_analysis.places if p.id == storming.place_id)
    assert (place.geonames_id, storming.place_basis) == (1526384, "clause")
    claim = next(c for c in example_analysis.claims if c.id == storming.claim_id)
    assert claim.claimant_text == "local media"
    assert storming.acled_sub_event_type == "Violent demonstration"


def test_running_example_deployment_carries_the_3600_figure(example_analysis):
    deployment = event_with(example_analysis, "MOBILIZE", "deployed")
    figures = [c for c in example_analysis.counts if c.id in deployment.count_ids]
    assert [(c.type, c.low, c.qualifier) for c in figures] == [("deployed", 3600, "approximately")]
    assert deployment.modality == "planned"  # "would be deployed", as Zas told Sputnik


def test_running_example_curfew_runs_until_january_19(example_analysis):
    curfew = event_with(example_analysis, "COERCE", "curfew")
    time = next(t for t in example_analysis.times if t.id == curfew.time_id)
    assert time.value == "2022-01-19"


def test_running_example_invents_no_events_of_other_kinds(example_analysis):
    assert {e.type for e in example_analysis.events} <= ARTICLE_TYPES
    # false events counted: everything the expected list does not describe stays a handful
    assert len(example_analysis.events) <= 29
