"""The quotes stage: quotation marks, attribution frames, speakers, channels and claims."""

from __future__ import annotations

import pytest

from newsgraph.analyze.pipeline import load_pipeline
from newsgraph.analyze.textspans import scan_quotations
from newsgraph.records import Count


def analyze(text: str, counts: list[Count] | None = None):
    """Run the whole pipeline on `text`; with `counts`, the quotes stage is rerun over them."""
    nlp = load_pipeline()
    doc = nlp(text)
    if counts is not None:
        doc._.counts = counts
        doc = nlp.get_pipe("newsgraph_quotes")(doc)
    return doc


def entity_name(doc, entity_id):
    return next((e.name for e in doc._.entities if e.id == entity_id), None)


def quote_starting(doc, beginning):
    return next(q for q in doc._.quotes if q.content.startswith(beginning))


def count_at(text: str, words: str, number: int = 1) -> Count:
    start = text.index(words)
    return Count(f"c{number}", (start, start + len(words)), words, "killed", None, None, "vague")


# --- quotation marks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "flags"),
    [
        ("He said “yes” and left.", ["yes"], [[]]),
        ('He said "yes" and left.', ["yes"], [[]]),
        ("He said ''yes'' and left.", ["yes"], [[]]),
        ("“We stay,” she said. “We are tired", ["We stay,", "We are tired"],
         [[], ["unbalanced_marks"]]),
        ("“First part.\n\n“Second part,” he said.", ["First part.\n\n“Second part,"],
         [["spans_paragraphs"]]),
        ("“It was ‘fakes’ all along,” he said.", ["It was ‘fakes’ all along,"],
         [["nested_quote"]]),
        ("Closing ” alone and “open\n\nNext paragraph.", ["open"], [["unbalanced_marks"]]),
    ],
)  # fmt: skip
def test_scan_quotations_recovers_every_mark_pattern(text, expected, flags):
    found = scan_quotations(text)
    assert [text[q.start : q.end] for q in found] == expected
    assert [q.flags for q in found] == flags


def test_scan_quotations_never_raises_on_odd_marks():
    for text in ["“", "”", '"', "“a“b“c", "a”b”\n\n“", "''"]:
        scan_quotations(text)


# --- quotations and speakers ---------------------------------------------------------------------


def test_quotes_direct_with_pronoun_speaker_resolves_to_named_person():
    doc = analyze(
        "President Joe Biden spoke on Monday.\n\n"
        "“We will not back down,” he said. “The law is clear.”"
    )
    first = quote_starting(doc, "We will not")
    second = quote_starting(doc, "The law is clear")
    assert first.kind == "direct" and first.cue == "said"
    assert entity_name(doc, first.speaker_entity_id) == "Joe Biden"
    assert first.speaker_kind == "person"
    assert second.speaker_entity_id == first.speaker_entity_id  # continues the speaker
    assert "continues_speaker" in second.flags


def test_quotes_partial_inside_sentence_belongs_to_subject():
    doc = analyze("President Joe Biden ordered troops to “hold the line” on Friday.")
    quote = quote_starting(doc, "hold the line")
    assert quote.kind == "partial"
    assert entity_name(doc, quote.speaker_entity_id) == "Joe Biden"


def test_quotes_paragraph_continuation_keeps_speaker():
    doc = analyze(
        "“The first thing we did was call the police,” said Maria Lopez. “Then we waited.\n\n"
        "“Nobody came for hours,” she added."
    )
    spanning = quote_starting(doc, "Then we waited")
    assert "spans_paragraphs" in spanning.flags
    assert entity_name(doc, spanning.speaker_entity_id) == "Maria Lopez"


def test_quotes_unbalanced_marks_are_flagged_and_attributed():
    doc = analyze(
        "Several protesters rejected that.\n\n"
        "“We are neither thugs nor terrorists,” one woman said. “The only thing here is "
        "corruption\n\nThe police did not comment."
    )
    first = quote_starting(doc, "We are neither")
    second = quote_starting(doc, "The only thing")
    assert "unbalanced_marks" in second.flags
    assert second.content.endswith("corruption")
    assert first.speaker_kind == "anonymous"
    assert second.speaker_entity_id == first.speaker_entity_id


def test_quotes_another_man_and_his_next_quote_are_not_the_earlier_speaker():
    doc = analyze(
        "“They need to be destroyed,” President Kassym-Jomart Tokayev said.\n\n"
        "Another man told Reuters that people “want the truth.”\n\n"
        "“We have our pain, and we want to share it,” he said."
    )
    told = quote_starting(doc, "want the truth")
    pain = quote_starting(doc, "We have our pain")
    tokayev = quote_starting(doc, "They need")
    assert told.speaker_kind == "anonymous"
    assert told.channel == "told Reuters"
    assert entity_name(doc, told.channel_entity_id) == "Reuters"
    assert pain.speaker_entity_id == told.speaker_entity_id
    assert pain.speaker_entity_id != tokayev.speaker_entity_id


@pytest.mark.parametrize(
    ("text", "cue", "content", "speaker"),
    [
        ("Amnesty International said that the arrests were unlawful.", "said",
         "that the arrests were unlawful", "Amnesty International"),
        ("Paul Stronski told CNN the government was detached from reality.", "told",
         "the government was detached from reality", "Paul Stronski"),
        ("The curfew lasts until Sunday, according to local media.", "according to",
         "The curfew lasts until Sunday", "local media"),
        ("Critics accused Nursultan Nazarbayev of appointing relatives to key jobs.", "accused",
         "Nursultan Nazarbayev of appointing relatives to key jobs", None),
    ],
)  # fmt: skip
def test_quotes_indirect_speech_has_cue_content_and_source(text, cue, content, speaker):
    doc = analyze(text)
    quote = next(q for q in doc._.quotes if q.kind == "indirect")
    assert (quote.cue, quote.content) == (cue, content)
    if speaker is not None:
        assert entity_name(doc, quote.speaker_entity_id) == speaker


def test_quotes_channel_statement_is_recorded():
    doc = analyze(
        "“The government persecutes dissent,” said Marie Struthers of Amnesty International "
        "in a statement."
    )
    quote = quote_starting(doc, "The government")
    assert quote.channel == "in a statement"
    assert entity_name(doc, quote.speaker_entity_id) == "Marie Struthers"


def test_quotes_scare_quoted_label_is_the_claimants_framing():
    text = "Kazakh state media reported Friday that 26 “armed criminals” had been killed."
    doc = analyze(text)
    label = quote_starting(doc, "armed criminals")
    assert label.kind == "label"
    assert entity_name(doc, label.speaker_entity_id) == "state media"


# --- claims ----------------------------------------------------------------------------------


def test_claims_link_counts_inside_the_reported_content():
    text = "Kazakh state media reported Friday that 18 security personnel had been killed."
    doc = analyze(text, [count_at(text, "18 security personnel")])
    claim = next(c for c in doc._.claims if c.count_ids)
    assert claim.count_ids == ["c1"]
    assert claim.claimant_text == "state media" and claim.cue == "reported"
    assert claim.quote_id is not None


def test_claims_cue_after_content_is_found():
    text = "Protesters set fire to the main administration office, local media reported."
    doc = analyze(text)
    claim = next(c for c in doc._.claims if c.cue == "reported")
    assert claim.claimant_text == "local media"
    assert text[slice(*claim.content_span)].startswith("Protesters set fire")


@pytest.mark.parametrize(
    ("text", "cue", "counted"),
    [
        ("The protests reportedly left dozens dead.", "reportedly", "dozens"),
        ("There were also reports of dozens killed in Almaty.", "reports of", "dozens"),
    ],
)
def test_claims_unnamed_sources(text, cue, counted):
    doc = analyze(text, [count_at(text, counted)])
    claim = next(c for c in doc._.claims if c.cue == cue)
    assert claim.claimant_kind == "unnamed" and claim.claimant_entity_id is None
    assert claim.count_ids == ["c1"]


def test_claims_uncovered_count_is_asserted_by_the_outlet():
    text = "More than 3,000 people have been detained."
    doc = analyze(text, [count_at(text, "More than 3,000 people")])
    (claim,) = doc._.claims
    assert claim.claimant_kind == "outlet" and claim.claimant_text == "the outlet"
    assert claim.count_ids == ["c1"] and claim.cue is None


def test_claims_a_figure_belongs_to_the_narrowest_claim_holding_it():
    text = ("The ministry said 12 people were killed in the fighting, while opposition groups "
            "reported that 40 were killed.")  # fmt: skip
    doc = analyze(text, [count_at(text, "12 people"), count_at(text, "40", 2)])
    said = next(c for c in doc._.claims if c.cue == "said")
    reported = next(c for c in doc._.claims if c.cue == "reported")
    assert said.count_ids == ["c1"] and reported.count_ids == ["c2"]


def test_claims_denial_has_denies_stance():
    doc = analyze("The ministry denied that troops had fired on protesters.")
    claim = next(c for c in doc._.claims if c.cue == "denied")
    assert claim.stance == "denies"


def test_quotes_stage_handles_empty_and_quote_only_texts():
    for text in ["", "“", "“Yes.”", "Hello.\n\n\n\n“"]:
        doc = analyze(text)
        assert isinstance(doc._.quotes, list) and isinstance(doc._.claims, list)


# --- the running example -----------------------------------------------------------------------

# Its expected.md "Quotations" table: (the quote begins, the speaker's entity name).
EXAMPLE_QUOTES = [
    ("kill without warning", "Kassym-Jomart Tokayev"),
    ("terrorist bandits", "Kassym-Jomart Tokayev"),
    ("stabilized", "Kassym-Jomart Tokayev"),
    ("introduction of a state of emergency", "Kassym-Jomart Tokayev"),
    ("But terrorists continue", "Kassym-Jomart Tokayev"),
    ("I gave the order", "Kassym-Jomart Tokayev"),
    ("terrorist attacks", "Kassym-Jomart Tokayev"),
    ("specialists trained", "Kassym-Jomart Tokayev"),
    ("Their actions showed", "Kassym-Jomart Tokayev"),
    ("They need to be destroyed", "Kassym-Jomart Tokayev"),
    ("We are neither thugs", "one woman"),
    ("The only thing flourishing", "one woman"),
    ("want the truth", "Another man"),
    ("The government is rich", "Another man"),
    ("This is a government", "Paul Stronski"),
    ("nonsense", "Kassym-Jomart Tokayev"),
    ("What kind of negotiations", "Kassym-Jomart Tokayev"),
    ("for a short period of time", "Kassym-Jomart Tokayev"),
    ("special gratitude", "Kassym-Jomart Tokayev"),
    ("very promptly", "Kassym-Jomart Tokayev"),
    ("the leaders of the UN", "Kassym-Jomart Tokayev"),
    ("a direct consequence", "Amnesty International"),
    ("For years, the government", "Marie Struthers"),
]

# Its "Counts" table: (the count's words, who claims it: an entity name, "unnamed" or "outlet").
EXAMPLE_COUNTS = [
    ("18 security personnel", {"state media"}),
    ("26 “armed criminals”", {"state media"}),
    ("More than 3,000 people", {"state media", "outlet"}),  # ≈ in the table
    ("dozens dead", {"unnamed"}),
    ("Dozens", {"local media"}),
    ("hundreds more injured", {"local media"}),
    ("about 3,600 CSTO personnel", {"Stanislav Zas"}),
    ("a brigade of airborne forces", {"TASS"}),
]


@pytest.fixture(scope="module")
def example_doc():
    from conftest import EXAMPLE, require_shared

    import newsgraph

    document = newsgraph.extract(require_shared(EXAMPLE), published="2022-01-07", analyze=False)
    text = document.document.text if hasattr(document, "document") else document.text
    counts = [count_at(text, words, n) for n, (words, _who) in enumerate(EXAMPLE_COUNTS, 1)]
    return analyze(text, counts)


@pytest.mark.parametrize(("beginning", "speaker"), EXAMPLE_QUOTES)
def test_running_example_quotation_speakers(example_doc, beginning, speaker):
    quote = quote_starting(example_doc, beginning)
    assert entity_name(example_doc, quote.speaker_entity_id) == speaker


def test_running_example_channels(example_doc):
    assert quote_starting(example_doc, "want the truth").channel == "told Reuters"
    assert quote_starting(example_doc, "This is a government").channel == "told CNN"
    zas = next(q for q in example_doc._.quotes if "3,600" in q.content)
    assert entity_name(example_doc, zas.channel_entity_id) == "Sputnik"


@pytest.mark.parametrize(
    ("number", "claimants"), list(enumerate([c for _w, c in EXAMPLE_COUNTS], 1))
)
def test_running_example_count_claimants(example_doc, number, claimants):
    holding = [c for c in example_doc._.claims if f"c{number}" in c.count_ids]
    assert holding, "every count has a claim"
    tightest = min(holding, key=lambda c: c.content_span[1] - c.content_span[0])
    if tightest.claimant_kind in ("outlet", "unnamed"):
        who = tightest.claimant_kind
    else:
        who = entity_name(example_doc, tightest.claimant_entity_id) or tightest.claimant_text
    assert who in claimants


# --- beliefs, intentions and nominal cues (PolNeAR attributions beyond speech) -----------------


def claims_with_cue(doc, cue):
    return [c for c in doc._.claims if c.cue == cue]


def claim_text(doc, claim):
    return doc.text[claim.content_span[0] : claim.content_span[1]]


def test_seems_is_an_unnamed_impression_with_subject_and_complement():
    doc = analyze("Now Melania seems to have vanished from the campaign trail.")
    (claim,) = claims_with_cue(doc, "seems")
    assert claim.claimant_kind == "unnamed"
    assert claim_text(doc, claim).startswith("Melania") and "vanished" in claim_text(doc, claim)


def test_appeared_with_no_complement_is_no_cue():
    doc = analyze("Clinton appeared on Fox News on Sunday morning.")
    assert not claims_with_cue(doc, "appeared")


def test_cue_noun_takes_its_possessor_as_source():
    doc = analyze(
        "Trump's claim that crime had doubled in Chicago was false, the mayor's office said."
    )
    (claim,) = claims_with_cue(doc, "claim")
    assert claim.claimant_text == "Trump"
    assert "crime had doubled in Chicago" in claim_text(doc, claim)


def test_trailing_participle_reports_its_own_object():
    doc = analyze("“I’m a unifier,” Trump said, referring to Barack Obama.")
    (claim,) = claims_with_cue(doc, "referring")
    assert claim_text(doc, claim).endswith("Barack Obama")


def test_third_person_form_the_lemmatizer_misses():
    doc = analyze("Mr. Clarke hopes to offset the emissions with pollution credits.")
    assert claims_with_cue(doc, "hopes")


def test_see_is_a_cue_only_as_a_view():
    doc = analyze("Critics see the program as an easy way to gain citizenship.")
    (claim,) = claims_with_cue(doc, "see")
    assert "easy way" in claim_text(doc, claim)
    assert not claims_with_cue(analyze("Reporters could see the crowd from the stage."), "see")


def test_report_verb_object_keeps_its_phrases():
    doc = analyze("Polling averages show Clinton with a lead in the low single digits.")
    (claim,) = claims_with_cue(doc, "show")
    assert "lead" in claim_text(doc, claim)


def test_in_his_view_attributes_the_clause_to_the_possessor():
    doc = analyze("In his view, the agreement would hurt American workers.")
    (claim,) = claims_with_cue(doc, "In")
    assert claim.claimant_span == (3, 6)  # "his"
    assert claim_text(doc, claim).startswith("the agreement would hurt")


def test_participle_modifying_a_noun_takes_the_noun_as_source():
    doc = analyze("The campaign recruited pastors supporting Mr. Cruz in Iowa.")
    (claim,) = claims_with_cue(doc, "supporting")
    assert doc.text[slice(*claim.claimant_span)] == "pastors"
    assert claim_text(doc, claim).startswith("Mr. Cruz")


def test_cue_between_commas_the_parser_hangs_on_the_cue():
    doc = analyze("The museum, Mr. Obama said, would make visitors face uncomfortable truths.")
    (claim,) = claims_with_cue(doc, "said")
    assert "uncomfortable truths" in claim_text(doc, claim)
    assert claim.claimant_text and "Obama" in claim.claimant_text


def test_cue_ignores_a_clause_the_parser_joins_from_the_paragraph_before():
    text = (
        "“No one has disputed a word I said.”\n\n"
        "Despite challenging the majority leader, Cruz said if elected president he could "
        "work effectively with GOP leadership."
    )
    doc = analyze(text)
    claim = next(c for c in claims_with_cue(doc, "said") if "GOP leadership" in claim_text(doc, c))
    assert "disputed" not in claim_text(doc, claim)


def test_lemmatizer_error_on_participle_is_corrected():
    doc = analyze("Republicans are hoping to win back the Senate in November.")
    (claim,) = claims_with_cue(doc, "hoping")
    assert "win back the Senate" in claim_text(doc, claim)


def test_asked_takes_the_question_not_the_person_asked():
    doc = analyze("A student asked Obama if he would ever visit the city again.")
    (claim,) = claims_with_cue(doc, "asked")
    assert claim_text(doc, claim).startswith("if he would ever visit")


def test_cue_inside_a_relative_clause_reports_what_follows_it():
    doc = analyze("The governor vetoed a bill which critics said was discriminatory.")
    (claim,) = claims_with_cue(doc, "said")
    assert "discriminatory" in claim_text(doc, claim)


def test_tout_is_an_object_cue():
    doc = analyze("Mr. Trump touted his plan to cut taxes for the middle class.")
    (claim,) = claims_with_cue(doc, "touted")
    assert "cut taxes" in claim_text(doc, claim)


def test_short_quote_with_no_cue_or_speaker_is_a_label():
    doc = analyze("The crowd chanted for the governor.\n\n“Bobby!”\n\nHe waved and left.")
    quote = quote_starting(doc, "Bobby")
    assert quote.kind == "label"


def test_cue_between_commas_before_a_quotation_mark():
    text = "The club's investment, Ms. Tanzer said, “is a perfect example of adapting” to change."
    doc = analyze(text)
    texts = [claim_text(doc, c) for c in claims_with_cue(doc, "said")]
    assert any(t.startswith("The club's investment") for t in texts), texts


def test_short_quote_carried_over_from_the_paragraph_before_is_a_label():
    text = "“We will win this state,” Mr. Smith said.\n\n“Bobby!”\n\nThe crowd cheered."
    doc = analyze(text)
    assert quote_starting(doc, "Bobby").kind == "label"
    assert quote_starting(doc, "We will win").kind == "direct"


# --- subjects shared with the clause above, clause boundaries, copular and idiom cues ----------


def test_cue_in_a_prepositional_clause_takes_the_subject_above_it():
    doc = analyze("The senator began by saying that the bill would fail in the House.")
    (claim,) = claims_with_cue(doc, "saying")
    assert doc.text[slice(*claim.claimant_span)] == "The senator"
    assert claim_text(doc, claim).endswith("would fail in the House")


def test_short_name_and_cue_between_commas_the_parser_breaks_up():
    doc = analyze("The mill was a powerhouse, Ms. Varga said, until it closed in 2003.")
    (claim,) = claims_with_cue(doc, "said")
    assert claim_text(doc, claim).startswith("The mill was a powerhouse")
    assert "Varga" in claim.claimant_text


def test_clause_after_the_cue_wins_over_one_the_parser_hangs_before_it():
    doc = analyze(
        "Ana Ruiz, director of a group that has been organizing rallies across the state, "
        "also said her members planned to march on Sunday."
    )
    texts = [claim_text(doc, c) for c in claims_with_cue(doc, "said")]
    assert texts == ["her members planned to march on Sunday"]


def test_speak_reports_its_topic_not_its_time():
    doc = analyze("The mayor spoke about the need for new housing. The mayor spoke on Tuesday.")
    (claim,) = claims_with_cue(doc, "spoke")
    assert claim_text(doc, claim) == "about the need for new housing"


def test_cue_noun_as_subject_of_be_reports_the_clause():
    doc = analyze("Her hope was that the city could not wait any longer.")
    (claim,) = claims_with_cue(doc, "Her hope was")
    assert claim_text(doc, claim) == "that the city could not wait any longer"
    assert claim.claimant_text == "Her"


def test_made_it_clear_is_a_statement():
    doc = analyze("The governor made it clear that she would veto the bill.")
    (claim,) = claims_with_cue(doc, "made it clear")
    assert claim_text(doc, claim) == "that she would veto the bill"
    assert claim.claimant_text == "The governor"


def test_short_content_that_names_nothing_is_no_attribution():
    doc = analyze("The union signed on Friday, noting that the deal was fair.")
    assert not claims_with_cue(doc, "signed")  # "on Friday" is when, not what
    assert claims_with_cue(doc, "noting")


def test_but_clause_coordinated_with_the_cue_goes_on_with_the_content():
    doc = analyze("Ms. Ortiz said she would vote for the plan, but she will not campaign for it.")
    (claim,) = claims_with_cue(doc, "said")
    assert claim_text(doc, claim).endswith("but she will not campaign for it")


def test_reported_clause_holding_a_quote_stays_an_attribution():
    text = (
        "The chairman said that “we will not resign” unless the board asks the whole team "
        "to leave next year."
    )
    doc = analyze(text)
    texts = [claim_text(doc, c) for c in claims_with_cue(doc, "said")]
    assert any("unless the board asks" in t for t in texts), texts


def test_releasing_or_considering_a_thing_is_no_attribution():
    doc = analyze("The campaign released its tax returns. The team considered the offer.")
    assert not claims_with_cue(doc, "released") and not claims_with_cue(doc, "considered")


def test_object_cue_in_a_while_clause_reports_its_object():
    doc = analyze(
        "China supported the government, while the United States backed some rebel groups."
    )
    (claim,) = claims_with_cue(doc, "backed")
    assert claim_text(doc, claim) == "some rebel groups"  # not the clause it is attached to


def test_object_cue_takes_no_clause_before_it():
    doc = analyze("Taxes are too high, many residents want lower fees.")
    (claim,) = claims_with_cue(doc, "want")
    assert claim_text(doc, claim) == "lower fees"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Sanders lamented that the party had lost its way.", "lamented",
         "that the party had lost its way"),
        ("She portrayed the senator as a danger to the country.", "portrayed",
         "the senator as a danger to the country"),
    ],
)  # fmt: skip
def test_evaluative_and_portrayal_verbs_are_cues(text, cue, content):
    doc = analyze(text)
    (claim,) = claims_with_cue(doc, cue)
    assert claim_text(doc, claim) == content
