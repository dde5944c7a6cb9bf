"""The tone stage: GDELT's V1.5 tone components on hand-made texts, quote, claim and actor tone,
themes, and the running example."""

import pytest
from conftest import EXAMPLE, require_shared

from newsgraph.analyze.pipeline import STAGES, analyze_document, load_pipeline
from newsgraph.analyze.tone import (
    MIN_VALENCE,
    combine_tones,
    load_lexicons,
    speaker_tone,
    token_valence,
    tone_from_counts,
)
from newsgraph.records import Analysis, Document, Tone


def analysis_of(text: str, published: str = "2022-03-04") -> Analysis:
    document = Document(text=text, source="test", source_kind="text", published=published)
    analysis = analyze_document(document)
    assert not analysis.errors
    return analysis


def texts_at(analysis: Analysis, spans) -> list[str]:
    return [analysis.document.text[start:end] for start, end in spans]


def test_tone_stage_runs_after_events():
    assert STAGES[-1] == "newsgraph_tone" and STAGES.index("newsgraph_events") == len(STAGES) - 2
    assert not load_pipeline().analyze_pipes()["problems"]["newsgraph_tone"]


def test_tone_from_counts_gives_gdelt_percentages():
    # 8 words: 2 positive, 1 negative, 1 activity word, 1 self/group pronoun
    assert tone_from_counts(8, 2, 1, 1, 1) == Tone(12.5, 25.0, 12.5, 37.5, 12.5, 12.5, 8)
    assert tone_from_counts(0, 0, 0) == Tone(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0)
    assert tone_from_counts(3, 0, 1).tone == -33.3333  # 4 decimals


def test_document_tone_components_on_a_hand_made_text():
    # 5 words; "condemn", "terrible", "violence" negative in the lexicon; "We" a group pronoun
    tone = analysis_of("We condemn the terrible violence.").tone
    assert tone == Tone(tone=-60.0, positive=0.0, negative=60.0, polarity=60.0, activity=0.0,
                        self_group=20.0, word_count=5)  # fmt: skip


def test_activity_and_self_group_words_are_counted():
    # 8 words ("Hope Smith" two); "destroyed" negative and active; "our" a group pronoun; the
    # name "Hope" carries no tone
    tone = analysis_of("Hope Smith said the flood destroyed our homes.").tone
    assert tone == Tone(tone=-12.5, positive=0.0, negative=12.5, polarity=12.5, activity=12.5,
                        self_group=12.5, word_count=8)  # fmt: skip


def test_positive_and_negative_words_make_polarity():
    # 7 words: "corrupt" negative, "praised" and "brave" positive
    tone = analysis_of("The corrupt governor praised the brave volunteers.").tone
    assert (tone.positive, tone.negative, tone.tone, tone.polarity, tone.word_count) == (
        28.5714,
        14.2857,
        14.2857,
        42.8571,
        7,
    )


@pytest.mark.parametrize(
    "text, word",
    [
        ("He ran like a deer.", "like"),  # a preposition, not VADER's "like"
        ("They want more.", "want"),  # 0.3: below MIN_VALENCE
        ("They restored order.", "order"),  # removed by tone_words.tsv
        ("Hope Smith spoke.", "Hope"),  # a name
    ],
)
def test_words_that_carry_no_tone(text, word):
    doc = load_pipeline()(text)
    token = next(t for t in doc if t.text == word)
    assert token_valence(token, load_lexicons()) == 0.0


def test_lexicon_is_vader_with_news_additions():
    valence = load_lexicons().valence
    assert valence["killed"] < 0 and valence["peaceful"] > 0  # from vaderSentiment
    assert valence["corruption"] < 0 and valence["unrest"] < 0  # tone_words.tsv
    assert "share" not in valence and valence["want"] < MIN_VALENCE


def test_quote_and_claim_tone_cover_their_content():
    analysis = analysis_of("“We are terrified and angry,” said a resident.")
    (quote,) = analysis.quotes
    # the content: We are terrified and angry (5 words, 2 negative, 1 group pronoun)
    assert quote.tone == Tone(-40.0, 0.0, 40.0, 40.0, 0.0, 20.0, 5)
    claim = next(c for c in analysis.claims if c.quote_id == quote.id)
    assert claim.tone == quote.tone


def test_actor_tone_reads_the_words_governing_its_mentions():
    analysis = analysis_of("Police arrested 20 protesters in Lagos on Thursday.")
    names = {e.id: e.name.lower() for e in analysis.entities}
    tones = {names[a.entity_id]: a for a in analysis.actor_tones}
    police = tones["police"]
    assert (police.words, police.negative, police.tone) == (1, 1, -100.0)
    assert texts_at(analysis, police.spans) == ["arrested"]
    assert police.sentence_tone == analysis.tone  # one sentence


def test_combined_tone_adds_up_word_counts_and_overlapping_quotes_count_once():
    assert combine_tones([tone_from_counts(3, 1, 0), tone_from_counts(7, 0, 2, 1)]) == (
        tone_from_counts(10, 1, 2, 1)
    )
    analysis = analysis_of("“We are terrified and angry,” said a resident.")
    speaker = analysis.quotes[0].speaker_entity_id
    assert speaker_tone(analysis.quotes * 2, [speaker]) == analysis.quotes[0].tone
    assert speaker_tone(analysis.quotes, ["nobody"]) is None


def test_themes_from_words_and_events_with_their_spans():
    analysis = analysis_of("Police arrested 20 protesters in Lagos on Thursday.")
    themes = {t.theme: t for t in analysis.themes}
    arrest = themes["ARREST"]
    assert texts_at(analysis, arrest.spans) == ["arrested", "20 protesters"]  # event, count
    assert arrest.event_ids == [analysis.events[0].id]
    assert texts_at(analysis, themes["PROTEST"].spans) == ["protesters"]
    assert "SPORTS" not in themes


def test_sports_theme_and_phrases_matched_on_lemmas():
    analysis = analysis_of("The team won the football tournament despite rising fuel prices.")
    themes = {t.theme: texts_at(analysis, t.spans) for t in analysis.themes}
    assert themes["SPORTS"] == ["football", "tournament"]
    assert themes["FUEL_PRICES"] == ["fuel prices"]


def test_every_theme_trigger_and_record_names_a_known_theme():
    lexicons = load_lexicons()
    triggered = {theme for entries in lexicons.triggers.values() for _, theme in entries}
    assert triggered <= set(lexicons.themes)
    assert lexicons.by_context["terrorism"] == "TERROR"
    assert {"PROTEST", "KILL", "ARREST", "STATE_OF_EMERGENCY", "INTERNET_BLACKOUT"} <= set(
        lexicons.themes
    )


def test_analysis_round_trips_tone_and_reads_records_without_it():
    analysis = analysis_of("“We are terrified and angry,” said a resident in Lagos.")
    again = Analysis.from_dict(analysis.to_dict())
    assert again == analysis
    old = analysis.to_dict()
    for key in ("tone", "actor_tones", "themes"):
        del old[key]
    for record in old["quotes"] + old["claims"]:
        del record["tone"]
    older = Analysis.from_dict(old)
    assert older.tone is None and older.themes == [] and older.quotes[0].tone is None


@pytest.fixture(scope="module")
def example() -> Analysis:
    path = require_shared(EXAMPLE)
    document = Document(
        text=path.read_text(encoding="utf-8"), source=str(path), source_kind="text",
        published="2022-01-07",
    )  # fmt: skip
    analysis = analyze_document(document)
    assert not analysis.errors
    return analysis


def test_running_example_document_is_negative(example):
    assert example.tone.tone < 0 and example.tone.negative > example.tone.positive
    assert example.tone.word_count > 850


def test_running_example_tokayev_and_protesters_speak_negatively(example):
    ids = {e.name: e.id for e in example.entities}
    tokayev = speaker_tone(example.quotes, [ids["Kassym-Jomart Tokayev"]])
    assert tokayev.tone < 0
    direct = [q for q in example.quotes if q.kind == "direct"]
    assert speaker_tone(direct, [ids["Kassym-Jomart Tokayev"]]).tone < 0
    # the protesters who spoke to international media: "one woman", "another man"
    protesters = [e.id for e in example.entities if e.sector == "CVL"]
    assert speaker_tone(example.quotes, protesters).tone < 0


def test_running_example_themes(example):
    themes = {t.theme: t for t in example.themes}
    expected = {"PROTEST", "KILL", "ARREST", "TERROR", "CORRUPTION", "STATE_OF_EMERGENCY",
                "INTERNET_BLACKOUT", "MILITARY", "FUEL_PRICES", "HUMAN_RIGHTS"}  # fmt: skip
    assert expected <= set(themes)
    assert "SPORTS" not in themes
    events = {e.id: e for e in example.events}
    # military deployment: the CSTO contingent's mobilization gives MILITARY
    assert any(events[i].type == "MOBILIZE" for i in themes["MILITARY"].event_ids)
    assert any(events[i].mode == "arrest" for i in themes["ARREST"].event_ids)
    text = example.document.text
    assert "internet blackout" in [text[s:e] for s, e in themes["INTERNET_BLACKOUT"].spans]
