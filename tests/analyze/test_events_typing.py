"""Event typing rules (issue 6) on short texts written for these tests: which event a text is
mainly about, weapons, armed targets, protests, troop movements and demands."""

import pytest

from newsgraph.analyze.events import in_background_clause, main_event
from newsgraph.analyze.pipeline import analyze_document
from newsgraph.records import Document


def events_of(text: str):
    document = Document(text=text, source="test", source_kind="text", published="2022-03-04")
    analysis = analyze_document(document)
    assert not analysis.errors
    return analysis.events


def main_of(text: str):
    main = main_event(events_of(text))
    assert main is not None
    return main


def test_a_rejection_outranks_the_deployment_it_rejects():
    main = main_of(
        "The council rejected a call for its peacekeeping troops to be deployed in the north."
    )
    assert main.type == "REJECT"


def test_a_named_weapon_outranks_a_generic_killing():
    main = main_of(
        "Two villagers were killed and five wounded in an airstrike on the market on Monday."
    )
    assert main.acled_sub_event_type == "Air/drone strike"


def test_a_suicide_bomber_outranks_the_blast():
    main = main_of(
        "A suicide bomber blew himself up outside the ministry on Sunday. "
        "The blast killed four guards and wounded a passer-by."
    )
    assert main.acled_sub_event_type == "Suicide bomb"


def test_relative_and_purpose_clauses_are_background():
    import spacy

    from newsgraph.analyze.pipeline import model_name

    nlp = spacy.load(model_name())
    doc = nlp("They demanded the return of land seized by the army.")
    assert in_background_clause(next(t for t in doc if t.lower_ == "seized"))
    assert not in_background_clause(next(t for t in doc if t.lower_ == "demanded"))


def test_warplanes_make_an_air_strike():
    main = main_of("Government warplanes bombed the rebel town of Tessit on Friday.")
    assert (main.mode, main.acled_sub_event_type) == ("aerial", "Air/drone strike")


def test_a_participle_shares_the_subject_of_its_clause():
    main = main_of("Warplanes hit a depot near the border, killing several guards.")
    assert main.acled_sub_event_type == "Air/drone strike"


def test_destroying_mines_disrupts_weapons_use():
    main = main_of("Army engineers destroyed 40 landmines and 12 roadside bombs near the bridge.")
    assert main.acled_sub_event_type == "Disrupted weapons use"


def test_an_attack_on_a_military_base_is_a_battle():
    main = main_of("Insurgent fighters attacked a military base outside the provincial capital.")
    assert main.acled_sub_event_type == "Armed clash"


def test_a_thrown_grenade_is_a_grenade_attack():
    main = main_of("A grenade was hurled at a police patrol in the old town on Tuesday.")
    assert main.acled_sub_event_type == "Grenade"


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of rebel fighters have defected to the government side.",
        "New units of troops have been formed in the eastern district.",
        "The army is moving troops to the desert region near the border.",
    ],
)
def test_armed_groups_changing_are_a_change_to_group_activity(text):
    main = main_of(text)
    assert (main.type, main.acled_sub_event_type) == ("MOBILIZE", "Change to group/activity")


def test_projectiles_thrown_make_a_demonstration_violent():
    main = main_of("Protesters threw bottles and stones at police during the march in the capital.")
    assert main.acled_sub_event_type == "Violent demonstration"


@pytest.mark.parametrize(
    "text",
    [
        "Students marched in a peaceful protest over the deadly shooting of a teenager.",
        "Thousands rallied in the capital against gun violence.",
        "Riot police watched as nurses marched to the ministry.",
    ],
)
def test_peaceful_or_violence_as_topic_stays_a_peaceful_protest(text):
    main = main_of(text)
    assert main.acled_sub_event_type == "Peaceful protest"


def test_tear_gas_on_rioters_belongs_to_the_riot():
    main = main_of("Police fired tear gas to disperse a crowd of rioters in the port city.")
    assert main.acled_sub_event_type == "Violent demonstration"


def test_lifting_a_ban_is_a_concession_not_a_ban():
    main = main_of("The government lifted the ban on opposition rallies on Monday.")
    assert main.type == "CONCEDE"
    banned = [e for e in events_of("The government lifted the ban on opposition rallies.")
              if e.type == "COERCE"]  # fmt: skip
    assert all(e.modality == "negated" for e in banned)


def test_what_another_must_do_is_a_request():
    main = main_of("The minister said the neighbouring country must return the seized ship.")
    assert main.type == "REQUEST"
    assert [a.text for a in main.actors_in("target")] == ["the neighbouring country"]


def test_we_must_is_no_request():
    assert all(e.type != "REQUEST" for e in events_of("We must remain calm, the mayor said."))


def test_a_reiterated_demand_is_made():
    main = main_of("The union reiterated its demand that the company raise wages.")
    assert main.type == "REQUEST" and main.modality in ("asserted", "reported")


def test_a_conditional_sanction_is_a_threat():
    main = main_of("The union may halt its aid to the region if the fighting continues.")
    assert main.type == "THREATEN"


def test_extending_a_curfew_is_announced_coercion():
    main = main_of("The governor said he will extend the curfew in the capital.")
    assert main.type == "THREATEN"


def test_a_refusal_outranks_the_reason_given_for_it():
    main = main_of(
        "The president refused to meet the envoy in the capital, saying he would only welcome "
        "him at the border."
    )
    assert main.type == "REJECT"


def test_opposing_a_mediation_is_a_rejection():
    main = main_of("The government is opposed to Norwegian mediation in the talks.")
    assert main.type == "REJECT"


def test_refusing_refugees_rejects_assistance():
    main = main_of("The minister said the country will not accept any more refugees.")
    assert (main.type, main.mode) == ("REJECT", "assist")


def test_put_under_investigation_is_an_investigation():
    main = main_of("A local official has been put under investigation for corruption.")
    assert (main.type, main.mode) == ("ACCUSE", "investigate")


def test_reducing_supplies_is_a_sanction():
    main = main_of("The agency reduced food supplies to the camp on Tuesday.")
    assert main.type == "SANCTION"


def acled_of(text: str) -> str | None:
    return main_of(text).acled_sub_event_type


def test_clashes_later_in_the_paragraph_make_the_march_a_riot():
    events = events_of(
        "Thousands of farmers marched through the capital on Sunday. Clashes broke out later "
        "near the parliament."
    )
    march = next(e for e in events if e.type == "PROTEST")
    assert march.mode == "riot"


def test_protesters_blocking_roads_is_a_violent_demonstration():
    assert acled_of("Truck drivers blocked roads in the capital on Monday.") == (
        "Violent demonstration"
    )


def test_a_claim_of_responsibility_is_the_news_about_an_attack():
    from newsgraph.evaluate.case2021 import snippet_label

    claimed = events_of("The group claimed responsibility for the bomb attack on the market.")
    assert snippet_label(claimed, all_types=True) == "ATTRIB"
    assert snippet_label(claimed, all_types=False) != "ATTRIB"
    unclaimed = events_of("No group claimed responsibility for the bomb attack on the market.")
    assert snippet_label(unclaimed, all_types=True) != "ATTRIB"


def test_militants_taking_a_district_overtake_territory():
    assert acled_of("The militants captured a district in the north on Friday.") == (
        "Non-state actor overtakes territory"
    )


def test_an_attack_on_a_military_base_is_a_battle_even_with_people_killed():
    assert acled_of("Gunmen attacked a military base, killing 14 people.") == "Armed clash"


def test_a_convoy_of_soldiers_is_armed():
    assert acled_of("Rebels attacked a convoy of soldiers near the border.") == "Armed clash"


def test_telling_reporters_what_happened_is_no_order():
    events = events_of("The governor told reporters that gunmen attacked a police post.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.modality != "ordered"


def test_violent_dispersal_of_a_protest_is_excessive_force():
    assert acled_of("Police violently dispersed the peaceful protest in the capital.") == (
        "Excessive force against protesters"
    )


def test_an_agreement_between_two_sides_is_an_event():
    events = events_of("The ceasefire agreement between the government and the rebels took effect.")
    assert any(e.acled_sub_event_type == "Agreement" for e in events)


def test_freeing_villages_regains_territory():
    assert acled_of("Army troops freed several villages from the militants.") == (
        "Government regains territory"
    )


def test_a_suspicious_package_found_is_a_disrupted_weapon():
    assert acled_of("Police discovered a suspicious package at the station.") == (
        "Disrupted weapons use"
    )


def test_setting_up_bases_establishes_a_base():
    assert acled_of("Government troops set up two new bases near the border.") == (
        "Headquarters or base established"
    )


def test_demonstrators_gathering_is_a_protest():
    assert main_of("Demonstrators gathered outside the embassy on Friday.").type == "PROTEST"


def test_a_chlorine_gas_attack_is_a_chemical_attack():
    assert acled_of("Dozens were hurt in a chlorine gas attack on the town.") == "Chemical weapon"


def test_what_a_missile_destroys_is_a_missile_attack():
    assert acled_of("A missile fired by the army destroyed the warship.") == (
        "Shelling/artillery/missile attack"
    )


def test_the_heavier_weapon_names_the_attack():
    assert acled_of("Militants attacked the soldiers using guns and mortars.") == (
        "Shelling/artillery/missile attack"
    )


def test_arrests_at_a_protest_are_an_intervention_not_arrests_over_one():
    at = acled_of("Police detained ten activists while they were trying to hold a demonstration.")
    assert at == "Protest with intervention"
    over = events_of("Police arrested five men over last week's protest.")
    arrest = next(e for e in over if e.type == "COERCE")
    assert arrest.acled_sub_event_type == "Arrests"


def test_militants_seizing_a_village_overtake_territory():
    assert acled_of("Militants seized a village near the border.") == (
        "Non-state actor overtakes territory"
    )


def test_ground_taken_in_clashes_is_regained_territory():
    text = "The army took control of the town after fierce clashes with the militants."
    assert acled_of(text) == "Government regains territory"


def test_pepper_spray_fired_is_crowd_control():
    main = main_of("Police fired tear gas and pepper spray at the crowd in the square.")
    assert main.mode == "crowd-control"


def test_a_misread_past_tense_still_finds_its_trigger():
    # the tagger lemmatizes "raped" as "rap"
    assert acled_of("Soldiers raped, beat and assaulted villagers, the report said.") == (
        "Sexual violence"
    )


def test_intercepted_packages_are_disrupted_weapons():
    assert acled_of("Postal inspectors intercepted two packages addressed to the minister.") == (
        "Disrupted weapons use"
    )


def test_evacuating_the_wounded_is_aid():
    assert main_of("Army helicopters evacuated the wounded from the town on Friday.").type == "AID"


def test_members_of_armed_forces_are_armed():
    main = main_of("Fifty members of the rebel forces defected to the government on Monday.")
    assert main.type == "MOBILIZE"


def test_force_used_while_clashing_with_protesters_is_a_riot():
    text = "Police fired tear gas while clashing with protesters near the parliament on Sunday."
    assert acled_of(text) == "Violent demonstration"


@pytest.mark.parametrize(
    "text",
    [
        "The rebels used mustard gas against an army unit, leaving 20 soldiers injured.",
        "Chlorine was likely used as a weapon in the town in July.",
        "Civilians suffered from poisonous gas used by the militants in the area.",
        "The town was hit by an air raid with poison gas on Monday.",
        "A helicopter dropped two barrel bombs loaded with a poison gas on the farms.",
    ],
)
def test_a_chemical_agent_used_is_a_chemical_attack(text):
    assert acled_of(text) == "Chemical weapon"


def test_airstrikes_after_a_chemical_attack_stay_air_strikes():
    text = "The army launched airstrikes on groups it accused of carrying out a chlorine attack."
    assert acled_of(text) == "Air/drone strike"


def test_a_banned_agent_is_no_ban():
    text = "The banned nerve agent sarin was used in an attack on the village, the watchdog said."
    assert acled_of(text) == "Chemical weapon"


def test_overrunning_military_posts_is_a_battle_not_territory():
    text = "The militants attacked and overran several checkpoints, killing five police officers."
    assert acled_of(text) == "Armed clash"


def test_a_capture_that_is_an_attacks_aim_takes_no_territory():
    text = "The rebels' attack to capture the town of Marib was repelled by the army on Monday."
    assert "territory" not in (acled_of(text) or "")


def test_a_die_in_is_a_protest():
    assert acled_of("Hundreds of activists participated in a die-in outside parliament.") == (
        "Peaceful protest"
    )


def test_officers_attacking_a_demonstration_use_force_against_protesters():
    text = "Officers attacked and injured a peaceful student demonstration in the capital."
    assert acled_of(text) == "Excessive force against protesters"


def test_a_defied_ban_is_background_to_the_protest():
    events = events_of("Thousands of protesters defied a police ban and marched through the city.")
    assert "COERCE" not in {e.type for e in events}
    assert "PROTEST" in {e.type for e in events}


def test_a_raid_by_militants_on_villagers_is_an_attack():
    text = "A group of armed militants raided the village and attacked the local population."
    assert acled_of(text) == "Attack"


def test_a_police_raid_stays_a_seizure():
    assert main_of("Police raided the house and seized drugs.").type == "COERCE"


def test_insurgents_setting_upon_a_base_attack_it():
    text = "The insurgents set upon a military base outside the city on Sunday."
    assert main_of(text).type == "ASSAULT"


def test_peace_talks_are_an_agreement_in_acled():
    text = "The rebels started peace talks with the government on Monday."
    assert acled_of(text) == "Agreement"
    assert acled_of("The ministers held talks on trade in Paris on Monday.") is None


def test_a_crackdown_on_protesters_is_an_intervention_or_force():
    text = "The government began a crackdown on peaceful demonstrators in the capital."
    assert acled_of(text) == "Protest with intervention"
    deadly = "The government began a deadly crackdown on peaceful demonstrators in the capital."
    assert acled_of(deadly) == "Excessive force against protesters"


@pytest.mark.parametrize(
    "text",
    [
        "Several mortar rounds landed near the compound on Thursday, witnesses said.",
        "The warship was hit by a surface-to-surface missile in the coastal waters.",
        "A rocket struck near the embassy on Sunday morning.",
    ],
)
def test_a_projectile_that_hits_or_lands_is_a_shelling(text):
    assert acled_of(text) == "Shelling/artillery/missile attack"


def test_workers_who_strike_still_protest():
    assert main_of("Workers struck for higher wages on Monday.").type == "PROTEST"


def test_taking_over_localities_takes_territory():
    text = "The rebels have taken over four localities in the territory."
    assert acled_of(text) == "Non-state actor overtakes territory"


@pytest.mark.parametrize(
    "text",
    [
        "Seven people were murdered by vigilantes in the north of the country.",
        "A man was set ablaze by an angry mob in the village on Wednesday.",
        "An angry mob vandalized five temples in the town on Sunday.",
    ],
)
def test_violence_by_a_mob_is_mob_violence(text):
    assert acled_of(text) == "Mob violence"


def undated_events(text: str):
    document = Document(text=text, source="test", source_kind="text")
    analysis = analyze_document(document)
    assert not analysis.errors
    return analysis.events


@pytest.mark.parametrize(
    "text",
    [
        "The driver is charged with sexual assault in the first degree.",
        "Sexual violence against women by the soldiers has left many of them injured.",
    ],
)
def test_sexual_assault_and_violence_are_sexual_violence(text):
    assert acled_of(text) == "Sexual violence"


def test_an_exchange_of_fire_is_a_clash_and_of_prisoners_a_release():
    assert acled_of("Soldiers were engaged in a fire exchange with the militants.") == (
        "Armed clash"
    )
    main = main_of("The rebels and the army exchanged prisoners near the city on Tuesday.")
    assert (main.type, main.mode) == ("RETREAT", "release")


def test_an_undated_text_puts_an_event_named_by_its_year_in_the_background():
    events = undated_events(
        "Government forces captured two villages on Wednesday, inching closer to a town that "
        "was the scene of a deadly 2017 chemical weapons attack."
    )
    chemical = next(e for e in events if e.mode == "unconventional")
    assert chemical.modality == "historical"
    assert main_event(events).acled_sub_event_type == "Government regains territory"


@pytest.mark.parametrize(
    "text",
    [
        "Government forces seized control of the highway on Tuesday for the first time since "
        "2012.",  # "since 2012" does not date the capture
        "The leaders are mobilising two thousand men to seize the town.",  # no year
    ],
)
def test_a_period_or_a_number_is_no_background_year(text):
    assert all(e.modality != "historical" for e in undated_events(text))


def test_a_protest_for_people_killed_last_month_is_not_met_with_force():
    events = undated_events(
        "Thousands of protesters rallied on Saturday to mourn dozens of demonstrators killed "
        "last month."
    )
    protest = next(e for e in events if e.type == "PROTEST")
    assert protest.acled_sub_event_type == "Peaceful protest"


def test_a_withdrawal_transfers_territory_only_where_another_side_takes_it():
    assert acled_of("US forces have withdrawn from a key base near the border.") == (
        "Change to group/activity"
    )
    assert acled_of(
        "The army withdrew from the town on Sunday, leaving it in the hands of the rebels."
    ) == ("Non-violent transfer of territory")
    assert acled_of("The rebels handed over the town to the army on Sunday.") == (
        "Non-violent transfer of territory"
    )


def test_a_phrase_reaches_through_a_quantity_and_a_passive():
    assert acled_of("The army has established a number of barracks near the border.") == (
        "Headquarters or base established"
    )
    assert main_of("A deal was reached between the two parties on Monday.").type == "AGREE"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("A landmine went off in the market on Monday.", "Remote explosive/landmine/IED"),
        (
            "Artillery units pounded the positions of the militants.",
            "Shelling/artillery/missile attack",
        ),
        ("Rioters fought with police officers outside the parliament.", "Violent demonstration"),
    ],
)
def test_more_attack_phrases(text, label):
    assert acled_of(text) == label


def test_an_alarm_that_goes_off_is_no_explosion():
    assert not events_of("The fire alarm went off at noon.")


def test_what_a_protest_answers_is_not_its_main_event():
    main = main_of("A peaceful protest took place in the town following the arrest of two men.")
    assert main.type == "PROTEST"


def test_an_adjective_with_an_object_is_a_verb():
    import spacy

    from newsgraph.analyze.events import mistagged_verb
    from newsgraph.analyze.pipeline import model_name

    text = (
        "Two groups from different communities pelted stones on each other and torched "
        "vehicles parked nearby."
    )
    doc = spacy.load(model_name())(text)
    torched = next(t for t in doc if t.lower_ == "torched")
    if torched.pos_ == "ADJ":  # the tagger's error this rule is for
        assert mistagged_verb(torched)
    main = main_of(text)
    assert (main.trigger, main.acled_sub_event_type) == ("torched", "Looting/property destruction")
    assert not mistagged_verb(next(t for t in doc if t.lower_ == "different"))


# --- issue 6, round 8 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the damage done in a killing is part of the attack
        ("The rebels killed ten soldiers and destroyed four army vehicles.", "Armed clash"),
        # "over" names the ground controlled; positions are posts, so a battle won
        ("The rebel fighters took control over five army positions.", "Armed clash"),
        ("Government forces advanced on the rebel-held town on Sunday.",
         "Government regains territory"),
        ("Government forces advanced on the town and entered it without a fight.",
         "Non-violent transfer of territory"),
        ("Students took to the streets in several towns to decry the corruption and violence.",
         "Peaceful protest"),
        ("Rebels fired shells into two districts of the city on Tuesday. "
         "Residents suspect the shells contained poisonous gas.", "Chemical weapon"),
        ("Youths threw stones at the police station.", "Violent demonstration"),
        ("A man threw a grenade into the crowded market.", "Grenade"),
        ("Soldiers discovered a hideout used by the insurgents to store arms and ammunition.",
         "Disrupted weapons use"),
        ("Police seized a truck loaded with explosives near the border.",
         "Disrupted weapons use"),
        ("The unrest has spread to the township. A number of shops have been looted.",
         "Looting/property destruction"),
        ("The army launched missiles and destroyed several artillery batteries.",
         "Shelling/artillery/missile attack"),
        ("There were several attacks in the region overnight. "
         "A group of soldiers was attacked with a grenade.", "Grenade"),
        ("Militants detonated a suicide vehicle-borne explosive device at the hotel.",
         "Suicide bomb"),
        ("A dozen Armenians were hurt when a group of Turks attacked a peaceful rally in Lyon.",
         "Mob violence"),
        ("Four protesters were killed during demonstrations and clashes in the capital.",
         "Violent demonstration"),
        ("Gun attacks near the city have left seven people dead.", "Attack"),
        ("Militants killed 38 people in an attack on a military base on Thursday.",
         "Armed clash"),
        ("Land Forces were formed in the Armed Forces of the republic.",
         "Change to group/activity"),
        ("A police officer hits a demonstrator with his baton during the march.",
         "Excessive force against protesters"),
    ],
)  # fmt: skip
def test_round_eight_typing(text, label):
    assert acled_of(text) == label


def test_opening_fire_on_protesters_kills_protesters():
    text = "Security forces opened fire on peaceful protesters, killing six people."
    assert acled_of(text) == "Excessive force against protesters"


def test_an_arrival_before_an_attack_is_its_prelude():
    main = main_of("Gunmen arrived on motorcycles and opened fire on the worshippers.")
    assert main.type == "ASSAULT"


def test_riot_gear_deployed_is_used():
    gassed = main_of("Police deployed tear gas to disperse the students.")
    assert (gassed.type, gassed.mode) == ("ASSAULT", "crowd-control")
    assert main_of("The army deployed drones along the border.").type == "MOBILIZE"


def test_pepper_spray_is_crowd_control():
    main = main_of("Police pepper-sprayed the students outside the parliament.")
    assert (main.type, main.mode) == ("ASSAULT", "crowd-control")


def test_a_deadly_crackdown_outranks_the_march():
    text = (
        "Three people died in a protest crackdown on Monday. "
        "Thousands of non-violent protesters marched in the capital."
    )
    assert acled_of(text) == "Excessive force against protesters"


def test_demonstrators_who_participate_protest():
    main = main_of("Hundreds of demonstrators participated outside the parliament on Monday.")
    assert main.type == "PROTEST"


def test_a_gerund_after_a_preposition_shares_the_subject():
    events = events_of("Rebel fighters advanced to the city after seizing the town of Dabiq.")
    seized = next(e for e in events if e.trigger == "seizing")
    assert [a.text for a in seized.actors_in("source")] == ["Rebel fighters"]


def test_one_of_a_group_is_the_group():
    events = events_of("The town was quiet until one of the militias attacked a checkpoint.")
    attack = next(e for e in events if e.trigger == "attacked")
    assert [a.text for a in attack.actors_in("source")] == ["the militias"]


def test_protesters_returning_to_the_streets_protest():
    main = main_of("Thousands of protesters returned to the streets of the capital on Sunday.")
    assert main.type == "PROTEST"


@pytest.mark.parametrize(
    "text",
    [
        "A tsunami killed at least 43 people on the islands on Saturday.",
        "At least five people were killed after a volcano erupted off the coast.",
    ],
)
def test_a_disaster_that_kills_is_no_attack(text):
    assert not [e for e in events_of(text) if e.type == "ASSAULT"]


def test_what_an_attack_destroyed_is_part_of_the_attack():
    text = (
        "Soldiers exchanged fire with the militants after an attack in which a mast was destroyed."
    )
    events = events_of(text)
    assert not [e for e in events if e.acled_sub_event_type == "Looting/property destruction"]
    assert acled_of(text) == "Armed clash"


def test_ground_taken_without_firing_a_shot():
    events = events_of("Government troops took control of the town without firing a shot.")
    assert next(e for e in events if e.trigger == "firing").modality == "negated"
    assert main_event(events).acled_sub_event_type == "Non-violent transfer of territory"
    # "without" negates its own phrase, not a clause hung below it
    events = events_of("Police opened fire without any regard to crush the protest in the square.")
    assert next(e for e in events if e.type == "PROTEST").modality == "asserted"


def test_arrests_ahead_of_protests_are_arrests():
    text = "Police continue to arrest activists in anticipation of mass protests next week."
    events = events_of(text)
    assert next(e for e in events if e.type == "PROTEST").modality == "planned"
    assert acled_of(text) == "Arrests"
