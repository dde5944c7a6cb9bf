"""The events stage on short texts written for these tests."""

import pytest

from newsgraph.analyze.events import load_lexicons, main_event
from newsgraph.analyze.pipeline import analyze_document
from newsgraph.records import Document


def events_of(text: str, published: str = "2022-03-04"):
    document = Document(text=text, source="test", source_kind="text", published=published)
    analysis = analyze_document(document)
    assert not analysis.errors
    return analysis


def only_event(text: str):
    analysis = events_of(text)
    assert len(analysis.events) == 1, [(e.type, e.trigger) for e in analysis.events]
    return analysis, analysis.events[0]


def actor_texts(event, role):
    return [a.text for a in event.actors_in(role)]


def test_lexicons_load_with_known_types_and_modes():
    lexicons = load_lexicons()
    assert any(e.type == "COERCE" and e.mode == "arrest" for e in lexicons.triggers["arrest"])
    assert lexicons.instruments["tear gas"][0] == "crowd-control"


def test_arrest_with_actors_place_time_count_and_acled_type():
    analysis, event = only_event("Police arrested 20 protesters in Lagos on Thursday.")
    assert (event.type, event.mode, event.modality) == ("COERCE", "arrest", "asserted")
    assert actor_texts(event, "source") == ["Police"]
    assert actor_texts(event, "target") == ["20 protesters"]
    place = next(p for p in analysis.places if p.id == event.place_id)
    assert (place.name, event.place_basis) == ("Lagos", "clause")
    time = next(t for t in analysis.times if t.id == event.time_id)
    assert time.value == "2022-03-03"
    count = next(c for c in analysis.counts if c.id in event.count_ids)
    assert (count.type, count.low) == ("detained", 20)
    assert event.cameo == "173" and event.quad_class == 4
    # arresting demonstrators is ACLED's "Protest with intervention"
    assert event.acled_sub_event_type == "Protest with intervention"
    assert text_at(analysis, event.trigger_span) == "arrested"


def text_at(analysis, span):
    return analysis.document.text[span[0] : span[1]]


def test_instrument_gives_the_mode_and_victims_make_it_an_attack_on_civilians():
    _, event = only_event("Gunmen killed five villagers in an attack on Sunday.")
    assert (event.type, event.mode) == ("ASSAULT", "firearms")
    assert event.acled_sub_event_type == "Attack"
    assert len(event.other_spans) == 1  # "attack" names the same killing


def test_what_was_fired_decides_the_mode():
    _, event = only_event("Police fired tear gas to disperse the protesters.")
    assert (event.type, event.mode) == ("ASSAULT", "crowd-control")
    assert actor_texts(event, "target") == ["the protesters"]  # tear gas is no target
    assert event.acled_sub_event_type == "Protest with intervention"


def test_violence_by_protesters_is_a_riot():
    _, event = only_event(
        "Protesters stormed the airport, entered government buildings, and set fire to "
        "the main administration office."
    )
    assert (event.type, event.mode) == ("PROTEST", "riot")
    assert event.acled_event_type == "Riots"
    assert len(event.other_spans) == 1  # "set fire" is part of the same riot


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Soldiers did not fire on the crowd.", "negated"),
        ("The army denied that it had shelled the village.", "denied"),
        ("The president ordered troops to open fire on the rioters.", "ordered"),
        ("Protesters reportedly stormed the parliament.", "reported"),
        ("Workers plan to strike next week.", "planned"),
    ],
)
def test_modality(text, modality):
    analysis = events_of(text)
    violent = [e for e in analysis.events if e.type in ("ASSAULT", "PROTEST")]
    assert [e.modality for e in violent] == [modality]


def test_threat_takes_its_mode_from_what_is_threatened():
    analysis = events_of("The minister threatened to impose sanctions on the company.")
    threat = main_event(analysis.events)
    assert (threat.type, threat.mode, threat.modality) == ("THREATEN", "restrict", "asserted")
    sanction = next(e for e in analysis.events if e.type == "SANCTION")
    assert sanction.modality == "threatened"


def test_background_event_is_historical():
    analysis = events_of("The president resigned in 2015 after mass protests.")
    resignation = next(e for e in analysis.events if e.type == "RETREAT")
    assert (resignation.mode, resignation.modality) == ("resign", "historical")


def test_reported_event_rests_on_the_claim():
    analysis = events_of("State media reported that 12 soldiers had been killed in the attack.")
    event = main_event(analysis.events)
    claim = next(c for c in analysis.claims if c.id == event.claim_id)
    assert event.type == "ASSAULT" and event.modality == "reported"
    assert claim.claimant_text.lower() == "state media"


@pytest.mark.parametrize(
    "text",
    [
        "Three people were killed in a car crash on the highway.",
        "The company released a new video on Tuesday.",
        "The report describes an agreement.",
    ],
)
def test_no_event_is_invented(text):
    assert events_of(text).events == []


def test_two_reports_of_one_event_in_an_article_are_merged():
    analysis = events_of(
        "Police arrested dozens of protesters in Lagos on Thursday.\n\n"
        "The governor said the arrests were lawful. Police arrested the protesters after "
        "they blocked a highway."
    )
    arrests = [e for e in analysis.events if e.mode == "arrest"]
    assert len(arrests) == 1 and len(arrests[0].other_spans) >= 1


def test_main_event_prefers_a_factual_specific_event():
    analysis = events_of("A suicide bomber blew himself up at a checkpoint, killing four.")
    assert main_event(analysis.events).mode == "suicide-attack"
    assert main_event([]) is None


@pytest.mark.parametrize(
    ("text", "act", "declared"),
    [
        ("The union will boycott the talks.", ("PROTEST", "planned"), ("THREATEN", None)),
        ("Japan will send aid to the flood victims.", ("AID", "planned"), ("AGREE", None)),
        ("The rebels would not meet the envoy.", ("CONSULT", "negated"), ("REJECT", "meet")),
        ("The militants vowed to retaliate.", ("ASSAULT", "threatened"), ("THREATEN", "violence")),
    ],
)
def test_an_announced_or_refused_act_is_also_its_declaration(text, act, declared):
    events = events_of(text).events
    assert [(e.type, e.modality) for e in events if e.type == act[0]] == [act]
    found = [(e.type, e.mode, e.modality) for e in events if e.type == declared[0]]
    assert found == [(*declared, "asserted")]


def test_must_is_a_request_by_the_speaker():
    analysis = events_of("The government must withdraw its troops, the opposition said.")
    request = next(e for e in analysis.events if e.type == "REQUEST")
    assert [a.text for a in request.actors_in("source")] == ["the opposition"]
    assert actor_texts(request, "target") == ["The government"]


def test_expected_events_are_not_threats():
    events = events_of("Police expect more protests on Friday.").events
    assert "THREATEN" not in {e.type for e in events}


def test_what_is_fired_or_used_decides_the_weapon():
    _, event = only_event("Mortar shells fired by the rebels hit a market, injuring ten people.")
    assert (event.type, event.mode) == ("ASSAULT", "heavy-weapons")
    chemical = main_event(
        events_of("The militants used poison gas in an attack on the town.").events
    )
    assert chemical.mode == "unconventional"


def test_gunmen_attacking_a_bus_attack_civilians():
    _, event = only_event("Gunmen opened fire on a bus near the border.")
    assert event.acled_sub_event_type == "Attack"


def test_a_protest_with_clashes_in_its_sentence_is_a_riot():
    analysis = events_of("Thousands protested in the capital, and clashes broke out with police.")
    protest = next(e for e in analysis.events if e.type == "PROTEST")
    assert protest.mode == "riot"


def test_ground_changes_hands_only_by_a_territorial_act():
    retaken = main_event(events_of("Government troops recaptured the town from the rebels.").events)
    assert retaken.acled_sub_event_type == "Government regains territory"
    attacked = main_event(events_of("Soldiers attacked the village at dawn.").events)
    assert attacked.acled_sub_event_type != "Government regains territory"


def test_looting_is_property_destruction_unless_protesters_loot():
    analysis = events_of("Dozens of shops were looted in the township overnight.")
    assert main_event(analysis.events).acled_sub_event_type == "Looting/property destruction"
    analysis = events_of("Protesters looted shops in the city centre.")
    assert main_event(analysis.events).acled_event_type == "Riots"


def test_a_side_pushed_back_tells_who_regains_ground():
    analysis = events_of("The militants were pushed back from three villages.")
    assert main_event(analysis.events).acled_sub_event_type == "Government regains territory"


def test_force_that_kills_protesters_is_excessive():
    analysis = events_of("Police fired tear gas at the protesters, and two people were killed.")
    force = next(e for e in analysis.events if e.mode == "crowd-control")
    assert force.acled_sub_event_type == "Excessive force against protesters"


def test_a_roundup_keeps_killings_at_different_places_apart():
    analysis = events_of(
        "Two people were killed in Lagos on Monday.\n\n"
        "Six people were killed in Kano.\n\nOne man was killed after a dispute."
    )
    killings = [e for e in analysis.events if e.type == "ASSAULT"]
    assert len(killings) == 3


def test_police_firing_is_by_the_police():
    analysis = events_of("One person was killed in police firing in the old city.")
    event = main_event(analysis.events)
    assert [a.sector for a in event.actors_in("source")] == ["COP"]


@pytest.mark.parametrize(
    "text",
    [
        "The police remained mute spectators as the mob set fire to shops.",
        "Police failed to intervene when the mob attacked the houses.",
        "The police turned a blind eye to the looting.",
    ],
)
def test_police_inaction_is_a_negated_police_act(text):
    events = events_of(text).events
    inaction = [e for e in events if e.modality == "negated"]
    assert [[a.sector for a in e.actors_in("source")] for e in inaction] == [["COP"]]


def test_a_poison_gas_attack_is_a_chemical_attack_not_an_accident():
    analysis = events_of("The army carried out a poisonous gas attack on the town.")
    assert main_event(analysis.events).acled_sub_event_type == "Chemical weapon"


def test_a_protest_broken_up_by_police_is_a_protest_with_intervention():
    analysis = events_of("Police suppressed a peaceful student demonstration in the city.")
    protest = next(e for e in analysis.events if e.type == "PROTEST")
    assert protest.acled_sub_event_type == "Protest with intervention"


def test_ground_taken_outranks_generic_fighting():
    analysis = events_of(
        "Rebels took full control of the area amid ongoing fighting with tribesmen."
    )
    assert main_event(analysis.events).acled_sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("There was total inaction on the part of the police.", "inaction"),
        ("The policemen preferred to stand as passive onlookers.", "passive onlookers"),
        ("The police have not been able to arrest the kidnappers.", "arrest"),
        ("The police were unwilling to register cases against the rioters.", "register cases"),
        ("The constables on duty did not act despite the slogans.", "act"),
    ],
)
def test_police_inaction_phrases_are_negated_police_acts(text, trigger):
    found = [e for e in events_of(text).events if e.trigger == trigger]
    assert [(e.modality, [a.sector for a in e.actors_in("source")]) for e in found] == [
        ("negated", ["COP"])
    ]


def test_no_one_arrested_is_a_negated_arrest():
    for text in ("Nobody was arrested after the march.", "Not a single rioter was arrested."):
        arrests = [e for e in events_of(text).events if e.mode == "arrest"]
        assert [e.modality for e in arrests] == ["negated"], text


def test_a_delay_in_deploying_the_army_negates_the_deployment():
    found = [e for e in events_of("They denounced the delay in army deployment.").events]
    deployment = next(e for e in found if e.type == "MOBILIZE")
    assert deployment.modality == "negated"


def test_courting_arrest_is_a_protest_not_an_arrest():
    events = events_of("The activists will court arrest.").events
    assert ("PROTEST", "demo") in [(e.type, e.mode) for e in events]
    assert not [e for e in events if e.mode == "arrest"]


def test_the_topic_of_a_demanded_probe_still_happened():
    text = "The party demanded a judicial probe into the police firing on its activists."
    firing = next(e for e in events_of(text).events if e.trigger == "firing")
    assert firing.modality in ("asserted", "reported")  # not "planned": the probe is demanded


def test_arrests_carried_out_by_a_future_light_verb_are_planned():
    text = "If need be, we will effect preventive arrests of the troublemakers."
    arrests = next(e for e in events_of(text).events if e.mode == "arrest")
    assert arrests.modality == "planned"


def test_a_cardiac_arrest_or_heart_attack_is_no_event():
    assert events_of("He suffered a cardiac arrest last month.").events == []
    assert events_of("The minister died of a heart attack.").events == []


def test_a_hyphenated_pair_of_actors_are_the_sides_of_a_clash():
    text = "One person died in a police-VHP clash in Bengal."
    clash = next(e for e in events_of(text).events if e.trigger == "clash")
    assert "police" in actor_texts(clash, "source")


def test_failing_to_act_is_inaction_and_failing_to_arrest_is_a_negated_arrest():
    _, event = only_event("The police failed to move in time.")
    assert (event.type, event.modality) == ("COERCE", "negated")
    assert actor_texts(event, "source") == ["The police"]
    _, arrest = only_event("The police failed to arrest the attackers.")
    assert (arrest.mode, arrest.trigger, arrest.modality) == ("arrest", "arrest", "negated")
    assert actor_texts(arrest, "source") == ["The police"]


def test_the_failure_of_an_actor_to_arrest_names_the_actor_as_source():
    text = "The failure of the police to arrest the attackers angered residents."
    arrest = next(e for e in events_of(text).events if e.mode == "arrest")
    assert (arrest.modality, actor_texts(arrest, "source")) == ("negated", ["the police"])


def test_who_is_blamed_for_a_deed_did_it():
    text = "A constable was suspended for not taking timely action against the mob."
    action = next(e for e in events_of(text).events if e.type == "COERCE")
    assert action.modality == "negated"
    assert actor_texts(action, "source") == ["A constable"]


def test_police_who_watch_do_nothing_but_police_watching_something_is_no_event():
    _, event = only_event("Fifty policemen stood and watched as the crowd grew.")
    assert (event.type, event.modality) == ("COERCE", "negated")
    assert events_of("Police are watching the situation closely.").events == []


def test_a_sluggish_or_inadequate_police_is_inaction():
    _, event = only_event("Witnesses said the police were sluggish.")
    assert (event.modality, actor_texts(event, "source")) == ("negated", ["the police"])
    text = "Witnesses said the police deployment was inadequate."
    inadequate = next(e for e in events_of(text).events if e.trigger == "inadequate")
    assert (inadequate.modality, actor_texts(inadequate, "source")) == ("negated", ["police"])
    assert events_of("The food was inadequate.").events == []


def test_a_member_singled_out_in_apposition_is_an_actor_too():
    text = (
        "Residents condemned the apathy of the local bureaucracy, especially the police, in "
        "restoring order."
    )
    apathy = next(e for e in events_of(text).events if e.trigger == "apathy")
    assert "the police" in actor_texts(apathy, "source")


def test_an_event_that_a_probe_is_demanded_into_happened_however_into_attaches():
    text = (
        "The VHP on Sunday demanded a judicial probe into the police firing on its activists "
        "at Taldih in which one person was killed."
    )
    firing = next(e for e in events_of(text).events if e.trigger == "firing")
    assert firing.modality in ("asserted", "reported")
