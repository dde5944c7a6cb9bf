"""The counts stage on sentences written for these tests, and the running example's counts."""

from __future__ import annotations

import pytest

from newsgraph.analyze import analyze_document
from newsgraph.analyze.counts import load_lexicons, read_value
from newsgraph.records import Document


def analyse(text: str, published: str | None = None):
    document = Document(text=text, source="test", source_kind="text", published=published)
    analysis = analyze_document(document)
    assert analysis.errors == []
    return analysis


def summary(count) -> tuple:
    return (count.type, count.low, count.high, count.qualifier)


def counts_of(text: str) -> list[tuple]:
    return [summary(c) for c in analyse(text).counts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One police officer was killed in the clashes.", [("killed", 1, 1, "exact")]),
        ("Gunmen attacked the village, killing six.", [("killed", 6, 6, "exact")]),
        (
            "More than 3,000 people have been detained.",
            [("detained", 3001, None, "at_least")],
        ),
        ("At least 26 people were arrested.", [("detained", 26, None, "at_least")]),
        ("Up to 40 protesters were injured.", [("injured", None, 40, "at_most")]),
        (
            "About 3,600 soldiers would be deployed to the region.",
            [("deployed", 3600, 3600, "approximately")],
        ),
        ("Nearly 200 people were evacuated.", [("evacuated", 200, 200, "approximately")]),
        (
            "Between 10 and 20 people were wounded in the attack.",
            [("injured", 10, 20, "range")],
        ),
        ("Twenty-six miners are missing.", [("missing", 26, 26, "exact")]),
        ("The death toll rose to 164.", [("killed", 164, 164, "exact")]),
        ("Tens of thousands marched in the capital.", [("crowd", 20000, 99999, "vague")]),
        ("A handful of activists were detained.", [("detained", 3, 6, "vague")]),
        ("Several people were kidnapped.", [("kidnapped", 3, 9, "vague")]),
        ("Scores of families fled the fighting.", [("displaced", 40, 99, "vague")]),
        ("Police seized 40 rifles.", [("seized", 40, 40, "exact")]),
        ("Four people were shot.", [("casualties", 4, 4, "exact")]),
        ("Two men were fatally shot.", [("killed", 2, 2, "exact")]),
        ("A 34-year-old woman is dead after the shooting.", [("killed", 1, 1, "exact")]),
        ("A 12-year-old boy was in critical condition.", [("injured", 1, 1, "exact")]),
        ("At least two people suffered injuries.", [("injured", 2, None, "at_least")]),
        ("The bombing killed 23 people.", [("killed", 23, 23, "exact")]),
        ("The victim died at the hospital.", [("killed", 1, 1, "exact")]),
        ("He was pronounced dead at the hospital.", [("killed", 1, 1, "exact")]),
        ("She died at the scene.", [("killed", 1, 1, "exact")]),
        ("The man was found with a gunshot wound.", [("casualties", 1, 1, "exact")]),
        ("The child suffered a non-life threatening injury.", [("injured", 1, 1, "exact")]),
        ("A man accidentally shot himself in the hand.", [("casualties", 1, 1, "exact")]),
    ],
)
def test_count_type_value_and_qualifier(text, expected):
    assert counts_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The pipeline is 3,000 kilometres long.",
        "The repairs cost $3,000.",
        "Kazakhstan is the world's ninth-largest nation by landmass.",
        "Peaceful assembly was legalized in 2020.",
        "Turnout rose by 45 percent.",
        "A 45-year-old man was arrested.",  # one detained man; the 45 is his age
        "Williams, 22, was charged.",  # the 22 is an age
        "Police were called to the 4800 block of Main Street.",
        "Three people were not injured.",
        "Thousands of Nigerians were converging for a rally to protest the law.",
        "The 18 security personnel returned to their base.",  # no trigger: not a count
    ],
)
def test_figures_that_are_not_counts_of_people(text):
    for count in analyse(text).counts:
        assert count.number_text != "" or count.type == "detained", count
        assert not any(ch.isdigit() for ch in count.number_text), count


def test_age_is_not_the_count_but_the_person_is():
    (count,) = analyse("A 45-year-old man was arrested.").counts
    assert summary(count) == ("detained", 1, 1, "exact")
    assert count.object == "45-year-old man"


def test_two_counts_sharing_one_verb():
    analysis = analyse("18 security personnel and 26 armed criminals had been killed.")
    assert [(summary(c), c.object) for c in analysis.counts] == [
        (("killed", 18, 18, "exact"), "security personnel"),
        (("killed", 26, 26, "exact"), "armed criminals"),
    ]
    assert analysis.counts[0].trigger_span == analysis.counts[1].trigger_span


def test_vague_counts_with_one_verb_each():
    analysis = analyse("Dozens were reported killed and hundreds more injured in clashes.")
    assert [summary(c) for c in analysis.counts] == [
        ("killed", 24, 99, "vague"),
        ("injured", 200, 999, "vague"),
    ]


def test_person_coordinated_with_a_written_figure_is_a_second_victim():
    analysis = analyse("A woman and her young son were killed on Friday.")
    assert [(summary(c), c.confidence) for c in analysis.counts] == [
        (("killed", 1, 1, "exact"), 0.8),
        (("killed", 1, 1, "exact"), 0.8),
    ]
    assert analysis.counts[0].trigger_span == analysis.counts[1].trigger_span


def test_killer_who_killed_a_victim_and_then_himself_is_a_second_dead():
    analysis = analyse("The farmer killed his brother and then himself.")
    assert [summary(c) for c in analysis.counts] == [("killed", 1, 1, "exact")] * 2
    assert analysis.counts[0].trigger_span == analysis.counts[1].trigger_span
    # "themselves" does not say how many killers there were
    assert counts_of("The gunmen killed four guards and then themselves.") == [
        ("killed", 4, 4, "exact")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The boy said he could have died.",  # a counterfactual
        "The hiker would've been killed without the helmet.",
        "The driver nearly died.",
        "Luckily no one was hurt.",  # nobody
    ],
)
def test_what_did_not_happen_is_not_a_count(text):
    assert counts_of(text) == []


def test_clause_with_its_own_subject_does_not_count_its_head():
    (count,) = analyse("Officers searched the garage where a teenager was shot.").counts
    assert (summary(count), count.object) == (("casualties", 1, 1, "exact"), "teenager")


def test_running_total_is_cumulative():
    (count,) = analyse("The death toll rose to 164 on Sunday.").counts
    assert count.cumulative and count.gdelt_type == "KILL"


def test_force_unit_is_counted_as_a_unit():
    (count,) = analyse("A brigade of airborne forces had arrived in the capital.").counts
    assert (summary(count), count.unit, count.object) == (
        ("deployed", 1, 1, "exact"),
        "brigade",
        "airborne forces",
    )


def test_fraction_is_a_share_without_an_amount():
    (count,) = analyse("Two-thirds of the protesters were students.").counts
    assert count.share == pytest.approx(2 / 3) and count.low is None and count.high is None


def test_count_spans_point_into_the_text():
    text = "Officials said about 3,600 CSTO personnel would be deployed, and 12 were arrested."
    for count in analyse(text).counts:
        assert text[count.span[0] : count.span[1]] == count.text
        assert text[count.trigger_span[0] : count.trigger_span[1]] == count.trigger
        if count.object_span:
            assert text[count.object_span[0] : count.object_span[1]] == count.object


def test_gdelt_types_cover_every_gdelt_count_type():
    codes = {code for code in load_lexicons().gdelt.values() if code}
    assert codes == {"KILL", "WOUND", "ARREST", "KIDNAP", "PROTEST", "SEIZE", "AFFECT"}


@pytest.mark.parametrize(
    ("words", "value"),
    [(["3,000"], 3000), (["3.5", "million"], 3500000), (["twenty", "six"], 26),
     (["a", "dozen"], 12), (["two", "hundred", "and", "five"], 205)],
)  # fmt: skip
def test_read_value(words, value):
    assert read_value(words, load_lexicons()) == value


def test_count_links_place_and_entity_in_its_sentence():
    analysis = analyse("Police in Almaty arrested 40 protesters on Thursday.")
    (count,) = analysis.counts
    place = next(p for p in analysis.places if p.id == count.place_id)
    assert place.text == "Almaty"
    assert count.entity_id is not None


# --- the running example --------------------------------------------------------------------

EXAMPLE_COUNTS = [  # type, low, high, qualifier, object, the evidence text it must include
    ("killed", 24, 99, "vague", None, "dozens"),
    ("killed", 18, 18, "exact", "security personnel", "18 security personnel"),
    ("killed", 26, 26, "exact", "armed criminals", "26 “armed criminals”"),
    ("detained", 3001, None, "at_least", "people", "More than 3,000 people"),
    ("killed", 24, 99, "vague", None, "Dozens"),
    ("injured", 200, 999, "vague", None, "hundreds"),
    ("deployed", 3600, 3600, "approximately", "CSTO personnel", "about 3,600 CSTO personnel"),
    ("deployed", 1, 1, "exact", "airborne forces", "a brigade of airborne forces"),
]


def test_running_example_counts(example_path):
    text = example_path.read_text(encoding="utf-8")
    analysis = analyse(text, published="2022-01-07")
    found = [
        (c.type, c.low, c.high, c.qualifier, c.object, text[c.span[0] : c.span[1]])
        for c in analysis.counts
    ]
    assert found == EXAMPLE_COUNTS
    brigade = analysis.counts[-1]
    assert brigade.unit == "brigade"


# --- pairs, multipliers, headlines ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Uncle, nephew found dead in cabin", "killed"),  # a headline's bare pair
        ("Grandmother and grandson wounded in crash", "injured"),
        ("A man and woman were shot outside the bakery.", "casualties"),  # genders differ
        ("The mother and son were found dead on Tuesday.", "killed"),  # two sides of a relation
        ("Her husband and daughter were hurt in the blast.", "injured"),  # two kin of one person
    ],
)
def test_a_pair_of_persons_is_two_people(text, kind):
    analysis = analyse(text)
    assert [c.type for c in analysis.counts] == [kind, kind]
    assert analysis.counts[0].trigger_span == analysis.counts[1].trigger_span


def test_two_words_for_one_person_stay_one():
    assert counts_of("A husband and father was killed on Sunday.") == [("killed", 1, 1, "exact")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Detectives are investigating a double homicide near the lake.", ("killed", 2)),
        ("A teenager was hurt in a quadruple stabbing downtown.", ("casualties", 4)),
    ],
)
def test_a_multiplier_counts_the_people_of_one_incident(text, expected):
    assert [(c.type, c.low) for c in analyse(text).counts if c.trigger != "hurt"] == [expected]


def test_a_multiplier_before_a_plural_is_no_count():
    assert counts_of("The city saw three triple shootings last summer.") == []


def test_a_headline_participle_is_a_passive():
    assert counts_of("Three wounded in parking lot shooting") == [("injured", 3, 3, "exact")]


def test_a_graze_is_an_injury():
    assert counts_of("The cashier was grazed by a bullet.") == [("injured", 1, 1, "exact")]


def test_an_age_written_yo_is_not_a_count():
    assert all(c.low != 7 for c in analyse("A 7 yo girl was wounded on the porch.").counts)


def test_a_headline_participle_tagged_as_a_past_tense_is_a_passive():
    assert counts_of("Three cousins shot outside Elm Street bakery") == [
        ("casualties", 3, 3, "exact")
    ]
    assert counts_of("Two deputies shot at the fleeing truck.") == []


def test_a_second_verb_with_its_own_object_counts_some_of_the_first():
    assert counts_of("Gunman shoots 5 neighbors, killing 3") == [
        ("casualties", 5, 5, "exact"),
        ("killed", 3, 3, "exact"),
    ]


@pytest.mark.parametrize(
    "text",
    ["2 dead, 5 hurt in warehouse shooting", "Two dead, 6 wounded in Friday night shootout"],
)
def test_a_headline_list_of_figures_and_their_adjectives(text):
    assert [c.type for c in analyse(text).counts] == ["killed", "injured"]


def test_a_dozen_others_is_a_figure_not_an_article():
    counts = counts_of("The blast left one guard dead and a dozen others wounded.")
    assert ("injured", 12, 12, "exact") in counts


def test_an_adjective_of_another_phrase_gives_no_type():
    assert all(c.type != "killed" for c in analyse("Three injured, gunman dead at mall").counts)


@pytest.mark.parametrize(
    ("text", "kind", "total"),
    [
        ("Mother, three sons shot to death in Riverside home", "killed", 4),
        ("Grandfather, 2 grandchildren found dead in cabin", "killed", 3),
        ("Teen, 3 others wounded near stadium", "injured", 4),
    ],
)
def test_a_bare_person_listed_beside_a_figure_is_one_more(text, kind, total):
    assert sum(c.low for c in analyse(text).counts if c.type == kind) == total


def test_a_pronoun_coordinated_with_a_figure_is_as_plain_as_the_figure():
    counts = analyse("Police said she and two friends were shot outside the arena.").counts
    assert [(c.low, c.confidence) for c in counts if c.type == "casualties"] == [
        (1, 0.8),
        (2, 0.8),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "A neighbor called 911 to report that a man had been shot.",  # a phone number
        "The 911 dispatcher heard that a man was shot.",
        "Boy, 16, dies after being shot by his brother",  # an age between commas
    ],
)
def test_a_phone_number_or_an_age_is_no_count(text):
    assert all(c.low in (1, None) for c in analyse(text).counts)


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("2 adults, 2 children killed in house fire", 4),
        ("Father kills wife, son, daughter in Elm Street home", 3),
        ("Two men were shot, a neighbor said.", 2),  # after a figure: no list of victims
    ],
)
def test_people_listed_beside_a_count_share_its_trigger(text, total):
    counts = [c for c in analyse(text).counts if c.confidence >= 0.8]
    assert sum(c.low for c in counts) == total


@pytest.mark.parametrize(
    ("text", "kind", "low"),
    [
        ("Four people were killed. Another child was hospitalized.", "injured", 1),
        ("A man died and another man was wounded.", "injured", 1),
        ("A man was killed and two others were treated for minor injuries.", "injured", 2),
        ("Police said both victims were in stable condition.", "injured", 2),
    ],
)
def test_another_both_and_treated_count_victims(text, kind, low):
    assert [c.low for c in analyse(text).counts if c.type == kind] == [low]


def test_another_dead_in_a_headline_is_no_victim_of_its_own():
    assert not [c for c in analyse("Another dead in mass shooting on Christmas").counts]


def test_a_participle_after_coordinated_persons_is_all_of_theirs():
    counts = analyse("A girl and a woman wounded by gunfire were released.").counts
    assert [(c.type, c.low) for c in counts] == [("injured", 1), ("injured", 1)]


@pytest.mark.parametrize(
    ("text", "kind", "low"),
    [
        ("Five shot during party at banquet hall", "casualties", 5),
        ("Four shot to death in Mason County", "killed", 4),
    ],
)
def test_a_headline_number_before_shot_counts_people_shot(text, kind, low):
    assert [(c.type, c.low) for c in analyse(text).counts] == [(kind, low)]


def test_people_who_shot_at_each_other_are_no_count():
    assert not analyse("After the argument the two shot at each other.").counts


def test_a_noun_naming_what_happened_is_not_a_person():
    assert counts_of("Police treated the death as a homicide.") == []
    assert counts_of("The victim died at the hospital.") == [("killed", 1, 1, "exact")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A third person has died from the shooting.", [("killed", 3, None, "at_least")]),
        ("A second person was also injured.", [("injured", 2, None, "at_least")]),
    ],
)
def test_an_ordinal_person_is_the_nth_of_them(text, expected):
    assert counts_of(text) == expected


def test_an_ordinal_harm_is_no_person():
    assert all(c.low == 1 for c in analyse("He suffered a second wound to the leg.").counts)


def test_another_standing_alone_is_one_more_person():
    counts = analyse("Three people were killed, and another injured in the crash.").counts
    assert [(c.type, c.low) for c in counts] == [("killed", 3), ("injured", 1)]


def test_a_clause_with_its_own_subject_tells_of_someone_else():
    counts = analyse("Police received a report that a baby had been shot in a home.").counts
    assert [(c.type, c.text) for c in counts] == [("casualties", "a baby")]


def test_a_figure_before_a_noun_with_its_own_article_counts_nothing():
    text = "Image 1 of 1 An 11-month-old girl, injured by gunfire, was taken to a hospital."
    assert [(c.type, c.text) for c in analyse(text).counts] == [("injured", "An 11-month-old girl")]


def test_of_two_subjects_of_one_verb_the_nearer_is_its_own():
    text = (
        "A judge ordered on Tuesday that bail remain at $75,000 for a Calvert County man charged "
        "with attempted murder after a 9-year-old boy was shot in the head with a BB gun."
    )
    shot = [c.text for c in analyse(text).counts if c.type == "casualties"]
    assert shot == ["a 9-year-old boy"]


def test_a_verb_with_its_own_object_is_no_participle_of_the_noun():
    text = "Police said an adult playing with a gun shot a 13-year-old in the leg."
    shot = [c.text for c in analyse(text).counts if c.type == "casualties"]
    assert shot == ["a 13-year-old"]


def test_doors_down_measure_a_distance():
    text = "Terry is shaken up over the news an 11-year-old girl was shot just two doors down."
    assert [c.low for c in analyse(text).counts] == [1]


def test_a_second_object_joined_to_the_verb_is_its_object_too():
    text = "A man has been charged with shooting a 2-year-old and a 16-year-old on Christmas."
    shot = [c.text for c in analyse(text).counts if c.type == "casualties"]
    assert shot == ["a 2-year-old", "a 16-year-old"]


@pytest.mark.parametrize(
    "text", ["A stray bullet struck a parked truck.", "A deputy shot a dog that attacked him."]
)
def test_a_thing_or_an_animal_is_no_person(text):
    assert counts_of(text) == []


def test_a_murder_suicide_is_no_victim_of_its_own():
    text = "Police are investigating an apparent murder-suicide that left two people dead."
    assert counts_of(text) == [("killed", 2, 2, "exact")]


def test_a_person_joined_by_or_is_no_second_victim():
    counts = analyse("Her son said either his brother or a friend was dead.").counts
    assert [(c.type, c.low) for c in counts] == [("killed", 1)]


def test_digits_and_a_number_word_are_two_numbers():
    assert counts_of("A sergeant told Channel 3 four men were shot.") == [
        ("casualties", 4, 4, "exact")
    ]
