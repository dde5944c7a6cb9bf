"""The entities stage on small texts written for these tests."""

import pytest

from newsgraph.analyze import analyze_document
from newsgraph.records import Document


def analyse(text):
    analysis = analyze_document(Document(text=text, source="test", source_kind="text"))
    assert analysis.errors == []
    return analysis


def entity_with(analysis, mention_text):
    """The entity that has a mention with exactly this text."""
    mention = next(m for m in analysis.mentions if m.text == mention_text)
    return next(e for e in analysis.entities if e.id == mention.entity_id)


def mention_texts(analysis, entity):
    by_id = {m.id: m.text for m in analysis.mentions}
    return [by_id[i] for i in entity.mention_ids]


def test_mentions_point_into_the_text():
    text = "Police Chief Amina Odera said officers arrested 40 people. Odera said “calm” returned."
    analysis = analyse(text)
    for mention in analysis.mentions:
        assert text[mention.span[0] : mention.span[1]] == mention.text


def test_full_name_and_surname_are_one_person_with_a_title():
    analysis = analyse(
        "Interior Minister Daria Velinska ordered the curfew on Monday. "
        "Velinska said the measure would last a week."
    )
    velinska = entity_with(analysis, "Daria Velinska")
    assert entity_with(analysis, "Velinska") is velinska
    assert (velinska.kind, velinska.title, velinska.sector) == (
        "person",
        "Interior Minister",
        "GOV",
    )


def test_acronym_joins_its_expansion():
    analysis = analyse(
        "The Southern Trade Alliance (STA) met in Lima on Friday. "
        "The STA later said talks would resume."
    )
    alliance = entity_with(analysis, "STA")
    assert alliance.name == "Southern Trade Alliance"
    assert "Southern Trade Alliance" in mention_texts(analysis, alliance)


def test_known_organization_gets_kind_and_sector_and_its_alias_joins():
    analysis = analyse(
        "Amnesty International said the arrests were unlawful. Amnesty urged restraint. "
        "The group also wrote to CNN."
    )
    amnesty = entity_with(analysis, "Amnesty")
    assert (amnesty.name, amnesty.kind, amnesty.sector) == ("Amnesty International", "organization",
                                                          "NGO")  # fmt: skip
    cnn = entity_with(analysis, "CNN")
    assert (cnn.kind, cnn.sector) == ("media", "JRN")


def test_apposition_gives_title_and_affiliation():
    analysis = analyse(
        "The United Nations said aid was ready. The organization’s secretary-general, "
        "Marta Ivanova, told reporters that 200 trucks were waiting."
    )
    ivanova = entity_with(analysis, "Marta Ivanova")
    assert ivanova.title == "secretary-general"
    assert ivanova.affiliation_name == "United Nations"
    assert ivanova.sector == "IGO"  # from the affiliation
    assert entity_with(analysis, "The organization").name == "United Nations"


def test_pronoun_goes_to_the_most_recent_person_of_matching_gender():
    analysis = analyse(
        "Mayor Tomas Reyes said the protest was illegal.\n\n"
        "“We only want bread,” one woman said.\n\n"
        "Another man told Reuters that people want the truth.\n\n"
        "“We have loans to pay,” he said."
    )
    man = entity_with(analysis, "Another man")
    assert entity_with(analysis, "he") is man
    assert man.anonymous
    woman = entity_with(analysis, "one woman")
    assert woman is not man and woman.anonymous
    assert entity_with(analysis, "Tomas Reyes") not in (man, woman)


def test_pronouns_inside_quotes_are_left_to_the_speaker():
    analysis = analyse("Mayor Tomas Reyes said: “He will not stop us.”")
    assert [m.text for m in analysis.mentions if m.kind == "pronoun"] == []


@pytest.mark.parametrize(
    ("text", "mention", "group", "sector"),
    [
        ("Several protesters were hurt. The protesters marched again.", "Several protesters",
         "protesters", "CVL"),
        ("He ordered law enforcement agencies and the army to open fire.", "the army",
         "security forces", "COP"),
        ("Police said 18 security personnel had been killed.", "18 security personnel",
         "security forces", "COP"),
        ("State media reported the arrests.", "State media", "state media", "JRN"),
    ],
)  # fmt: skip
def test_group_nouns_become_group_actors(text, mention, group, sector):
    entity = entity_with(analyse(text), mention)
    assert (entity.name, entity.sector) == (group, sector)


def test_one_man_followed_by_a_name_is_that_person_not_an_anonymous_one():
    analysis = analyse(
        "The country was dominated by one man — Omar Haddad. Haddad ruled for years."
    )
    assert not any(e.anonymous for e in analysis.entities)
    assert entity_with(analysis, "Haddad").name == "Omar Haddad"


def test_company_noun_and_its_refer_to_the_company():
    analysis = analyse(
        "Meridian Motors Inc. said on Monday it would cut 2,000 jobs. "
        "The company blamed weak sales, and its shares fell."
    )
    company = entity_with(analysis, "Meridian Motors Inc.")
    assert {"The company", "its", "it"} <= set(mention_texts(analysis, company))


def test_expletive_it_is_not_a_mention():
    analysis = analyse("Meridian Motors cut jobs. It is likely that more cuts will follow.")
    assert "It" not in [m.text for m in analysis.mentions]


def test_initials_and_suffixes_join_name_variants():
    analysis = analyse(
        "General Motors Corporation said sales rose. GM also said General Motors would hire. "
        "The U.S. Air Force and the US Air Force are one."
    )
    gm = entity_with(analysis, "GM")
    assert {"General Motors Corporation", "General Motors"} <= set(mention_texts(analysis, gm))


def test_acronym_expansion_is_trimmed_to_the_letters_it_spells():
    from newsgraph.analyze.entities import acronym_expansions

    assert acronym_expansions("the United Kingdom's Royal Air Force (RAF) said")["RAF"] == (
        "Royal Air Force"
    )


def test_second_surname_joins_the_full_name():
    analysis = analyse(
        "Interior Minister Rodrigo Salcedo Paz said 1,500 officers would be deployed. "
        "Salcedo spoke at the palace."
    )
    minister = entity_with(analysis, "Salcedo")
    assert minister.name == "Rodrigo Salcedo Paz"
    assert minister.title == "Interior Minister"
    assert not any(e.name == "Interior" for e in analysis.entities)


def test_bodies_of_one_kind_with_different_remits_stay_apart():
    analysis = analyse(
        "The health ministry said two people died. The transport ministry disagreed."
    )
    assert entity_with(analysis, "The health ministry") is not entity_with(
        analysis, "The transport ministry"
    )


def test_possessor_description_gives_the_affiliation():
    analysis = analyse(
        "The Lima Urban Transport Federation called the strike. The federation’s leader, "
        "Marisol Quispe Huamán, said drivers were being extorted."
    )
    leader = entity_with(analysis, "Marisol Quispe Huamán")
    assert (leader.title, leader.affiliation_name) == ("leader", "Lima Urban Transport Federation")
