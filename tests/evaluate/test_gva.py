"""The gva scorer on tiny hand-made incidents, and the CI floor on the first dev incidents."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import eval_data

from newsgraph.evaluate import gva
from newsgraph.evaluate.registry import load_floors, run_evaluator
from newsgraph.records import Count

FLOORS = load_floors()


def count(kind: str, low: int | None, trigger: tuple[int, int], qualifier: str = "exact") -> Count:
    return Count(id="c", span=trigger, text="", type=kind, low=low, high=low,
                 qualifier=qualifier, trigger_span=trigger)  # fmt: skip


def test_counts_sharing_a_trigger_are_added_up():
    counts = [
        count("killed", 18, (5, 11)),
        count("killed", 26, (5, 11)),
        count("killed", 3, (40, 46)),
    ]
    assert gva.sum_by_trigger(counts, "killed") == [44, 3]


def test_vague_counts_give_no_figure():
    assert gva.sum_by_trigger([count("killed", 24, (0, 6), "vague")], "killed") == []


def test_article_figures_take_the_first_figure_of_each_type():
    figures = gva.derive_article_figures(
        [count("casualties", 4, (0, 4)), count("killed", 1, (9, 15)), count("killed", 3, (30, 36))]
    )
    assert figures == gva.Figures(killed=1, injured=None, shot=4)


def test_incident_figures_agree_across_articles_and_subtract_the_dead_from_the_shot():
    articles = [gva.Figures(1, None, 4), gva.Figures(1, None, None), gva.Figures(2, None, None)]
    assert gva.derive_incident_figures(articles) == (1, 3)
    assert gva.derive_incident_figures([]) == (0, 0)


def test_the_killer_of_a_murder_suicide_is_among_the_dead():
    text = "A man shot and killed his wife before turning the gun on himself."
    victims = [count("killed", 1, (20, 26))]
    victims[0].span = (27, 35)  # "his wife", after its verb: the killer's victim
    figures = gva.derive_article_figures(victims)
    assert gva.add_the_killer(figures, victims, text).killed == 2
    dead = [count("killed", 2, (18, 22))]
    dead[0].span = (0, 10)  # "Two people are dead": the killer is among them
    dead_figures = gva.derive_article_figures(dead)
    assert gva.add_the_killer(dead_figures, dead, "Two people are dead in a murder-suicide.") == (
        dead_figures
    )
    assert gva.add_the_killer(figures, victims, "A man shot and killed his wife.") == figures


def write_gva(folder: Path) -> Path:
    incidents = [
        {"incident_uri": "1", "num_killed": 2, "num_injured": 0},
        {"incident_uri": "2", "num_killed": 0, "num_injured": 1},
        {"incident_uri": "3", "num_killed": 0, "num_injured": 0},  # no article: not scored
    ]
    docs = [
        {"incident_id": "1", "doc_id": "a", "title": "", "dct": "2017-04-02",
         "content": "Two men were shot and killed on Saturday, police said."},
        {"incident_id": "2", "doc_id": "b", "title": "", "dct": "2017-04-03",
         "content": "A 12-year-old boy was wounded in an accidental shooting."},
        {"incident_id": "3", "doc_id": "c", "title": "", "dct": "", "content": ""},
    ]  # fmt: skip
    (folder / "incidents.jsonl").write_text("\n".join(map(json.dumps, incidents)), "utf-8")
    (folder / "docs.jsonl").write_text("\n".join(map(json.dumps, docs)), "utf-8")
    return folder


def test_evaluate_gva_on_hand_made_incidents(tmp_path):
    result = gva.evaluate_gva(write_gva(tmp_path), None)
    assert result["n_incidents"] == 2
    assert (result["killed_accuracy"], result["injured_accuracy"]) == (1.0, 1.0)
    assert result["baseline"]["killed_accuracy"] == 0.5


@pytest.mark.slow
def test_gva_accuracy_stays_above_floor():
    data_dir = eval_data("gva")
    floor = FLOORS["gva"]
    started = time.monotonic()
    result = run_evaluator("gva", data_dir, floor["limit"])
    assert result["n_incidents"] == floor["limit"]
    assert result["killed_accuracy"] >= floor["killed_accuracy"]
    assert result["injured_accuracy"] >= floor["injured_accuracy"]
    assert time.monotonic() - started < 60


def test_a_written_figure_comes_before_a_person_named_without_one():
    named = Count(
        id="",
        span=(0, 5),
        text="Smith",
        type="killed",
        low=1,
        high=1,
        qualifier="exact",
        trigger="killed",
        trigger_span=(10, 16),
        confidence=0.5,
    )
    written = Count(
        id="",
        span=(20, 30),
        text="Two people",
        type="killed",
        low=2,
        high=2,
        qualifier="exact",
        trigger="died",
        trigger_span=(31, 35),
        confidence=0.8,
    )
    assert gva.derive_article_figures([named, written]).killed == 2
    assert gva.derive_article_figures([named]).killed == 1


def test_a_headline_that_calls_the_shooting_deadly_gives_one_killed():
    empty = gva.Figures(None, None, None)
    assert gva.implied_by_headline(empty, "Man killed in accidental shooting") == gva.Figures(
        1, None, None
    )
    assert gva.implied_by_headline(empty, "Teen shot in Gwinnett County") == gva.Figures(
        None, None, 1
    )
    assert gva.implied_by_headline(gva.Figures(2, 1, None), "Deadly shooting") == gva.Figures(
        2, 1, None
    )
    assert gva.implied_by_headline(empty, "Police investigate shooting") == empty


def test_more_headline_words_say_someone_died_or_was_hit():
    empty = gva.Figures(None, None, None)
    for headline in ("Teen's shooting death ruled a homicide", "Police probe killing of man"):
        assert gva.implied_by_headline(empty, headline) == gva.Figures(1, None, None)
    for headline in ("Father shoots son in New Town", "Man accidentally shooting himself"):
        assert gva.implied_by_headline(empty, headline) == gva.Figures(None, None, 1)
    assert gva.implied_by_headline(empty, "Teen hospitalized after gun fires") == gva.Figures(
        None, None, 1
    )


def person(kind: str, start: int, confidence: float = 0.5, low: int = 1) -> Count:
    return Count(id="", span=(start, start + 2), text="he", type=kind, low=low, high=low,
                 qualifier="exact", trigger_span=(start + 3, start + 9),
                 confidence=confidence)  # fmt: skip


def test_the_dead_victims_injured_figure_is_dropped():
    # "A man was killed ... he was in critical condition": the named person is the dead victim
    assert gva.derive_article_figures(
        [person("killed", 0, 0.8), person("injured", 20)]
    ) == gva.Figures(1, None, None)
    # "A man was critically wounded ... he died": one injured before one killed
    assert gva.derive_article_figures(
        [person("injured", 0, 0.8), person("killed", 20)]
    ) == gva.Figures(1, None, None)
    # "A man was killed and a woman was wounded": both written, the killed first
    assert gva.derive_article_figures(
        [person("killed", 0, 0.8), person("injured", 20, 0.8)]
    ) == gva.Figures(1, 1, None)
    # "Two were wounded ... one of them died": not the single victim
    assert gva.derive_article_figures(
        [person("injured", 0, 0.8, low=2), person("killed", 20)]
    ) == gva.Figures(1, 2, None)


def test_a_victim_also_hit_after_the_dead_is_injured():
    text = "A cook was killed in the robbery. His cousin was also hit by a bullet."
    counts = [count("killed", 1, (11, 17)), count("casualties", 1, (54, 57))]
    counts[1].span = (34, 44)
    figures = gva.derive_article_figures(counts)
    assert figures == gva.Figures(killed=1, injured=None, shot=1)
    assert gva.add_also_hit(figures, counts, text) == gva.Figures(1, 1, 1)
    plain = "A cook was killed in the robbery. His cousin was hit by a bullet."
    counts[1].trigger_span = (49, 52)
    assert gva.add_also_hit(figures, counts, plain) == figures


def test_counts_of_an_earlier_incident_are_dropped():
    from newsgraph.records import TimeExpr

    old = TimeExpr(id="t1", span=(0, 9), text="June 2015", type="DATE", value="2015-06",
                   low="2015-06-01", high="2015-06-30")  # fmt: skip
    recent = TimeExpr(id="t2", span=(40, 46), text="Monday", type="DATE", value="2017-03-06",
                      low="2017-03-06", high="2017-03-06")  # fmt: skip
    earlier, today = count("killed", 2, (20, 26)), count("killed", 1, (50, 56))
    earlier.time_id, today.time_id = "t1", "t2"
    kept = gva.drop_background([earlier, today], [old, recent], "2017-03-08")
    assert kept == [today]
    assert gva.drop_background([earlier, today], [old, recent], None) == [earlier, today]


def at(
    kind: str, low: int, span: tuple[int, int], trigger: tuple[int, int], obj: str = ""
) -> Count:
    made = count(kind, low, trigger)
    made.span, made.object, made.confidence = span, obj or None, 0.8
    return made


def test_figures_of_a_sentence_about_several_shootings_are_dropped():
    text = (
        "Six people were hurt in four separate shootings overnight. A cook was shot on Elm Street."
    )
    hurt = at("injured", 6, (0, 10), (16, 20))
    shot = at("casualties", 1, (59, 65), (70, 74))
    assert gva.drop_roundups([hurt, shot], text) == [shot]
    assert gva.drop_roundups([shot], "A cook was shot on Elm Street.") == [shot]


def test_others_in_the_sentence_of_the_first_figure_add_to_it():
    text = "Two clerks were in serious condition and three others were hurt."
    clerks = at("injured", 2, (0, 10), (26, 35))
    others = at("injured", 3, (40, 52), (58, 62), "others")
    figures = gva.derive_article_figures([clerks, others])
    assert gva.add_others(figures, [clerks, others], text).injured == 5
    apart = "Two clerks were in serious condition. Later three others were hurt."
    assert gva.add_others(figures, [clerks, others], apart).injured == 2


def test_others_shot_after_the_dead_survived():
    text = "A guard was killed and two other people were shot."
    guard = at("killed", 1, (0, 7), (16, 22))
    rest = at("casualties", 2, (27, 43), (49, 53), "other people")
    figures = gva.derive_article_figures([guard, rest])
    assert figures == gva.Figures(1, None, 2)
    assert gva.add_others(figures, [guard, rest], text) == gva.Figures(1, 2, 2)


def test_the_headline_figure_comes_before_the_body():
    body, headline = gva.Figures(1, None, 3), gva.Figures(2, 1, None)
    assert gva.merge_headline(body, headline) == gva.Figures(2, 1, 3)
    assert gva.merge_headline(body, None) == body


def test_an_article_without_the_dead_counts_them_among_its_injured():
    # one article, written before a victim died, has two wounded; two later ones one dead and
    # one wounded
    early, late = gva.Figures(None, 2, None), gva.Figures(1, 1, None)
    assert gva.derive_incident_figures([early, late, late]) == (1, 1)
    assert gva.derive_incident_figures([early, late]) == (1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "The farmer shot his brother and then himself.",
        "Police said she fatally shot herself after the attack.",
        "He killed two neighbors, his wife and himself.",
    ],
)
def test_more_ways_to_tell_of_a_murder_suicide(text):
    assert gva.SUICIDE.search(text)


def test_the_killer_of_a_murder_suicide_is_among_those_shot_too():
    text = "A man shot 3 coworkers, killing 1, before killing himself."
    shot, dead = count("casualties", 3, (6, 10)), count("killed", 1, (24, 31))
    shot.span, dead.span = (11, 22), (32, 33)
    for made in (shot, dead):
        made.confidence = 0.8
    figures = gva.derive_article_figures([shot, dead])
    assert gva.add_the_killer(figures, [shot, dead], text) == gva.Figures(2, None, 4)


def test_counts_dated_by_a_whole_year_are_a_statistic():
    from newsgraph.records import TimeExpr

    year = TimeExpr(id="t1", span=(30, 37), text="in 2017", type="DATE", value="2017",
                    granularity="year", low="2017-01-01", high="2017-12-31")  # fmt: skip
    tally, today = count("killed", 141, (10, 14)), count("killed", 1, (50, 56))
    tally.time_id = "t1"
    assert gva.drop_background([tally, today], [year], "2017-03-08") == [today]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Two Juveniles Shot in Dayton", "Two juveniles shot in Dayton"),
        ("Police: 2 Dead, 3 Hurt In Shooting", "Police: 2 dead, 3 hurt in shooting"),
        ("Man Killed Near Elm Street", "Man killed near elm street"),
        ("Two men shot in Dayton", "Two men shot in Dayton"),  # sentence case: left alone
    ],
)
def test_a_title_case_headline_is_lower_cased_after_its_numbers(title, expected):
    assert gva.headline_case(title) == expected


def test_a_headline_murder_suicide_is_told_in_its_article(tmp_path):
    incidents = [{"incident_uri": "1", "num_killed": 3, "num_injured": 0}]
    doc = {
        "incident_id": "1",
        "doc_id": "a",
        "dct": "2017-04-02",
        "title": "Man kills his wife and her son",
        "content": "A man killed his wife and her son, then turned the gun on himself.",
    }
    (tmp_path / "incidents.jsonl").write_text(json.dumps(incidents[0]), "utf-8")
    (tmp_path / "docs.jsonl").write_text(json.dumps(doc), "utf-8")
    assert gva.evaluate_gva(tmp_path, None)["killed_accuracy"] == 1.0


def test_counts_after_a_line_heading_other_stories_are_dropped():
    text = "A man was shot on Elm Street.\n\nMore stories you may like\n\n25 hurt in explosion"
    shot = at("casualties", 1, (0, 5), (10, 14))
    hurt = at("injured", 25, (58, 60), (61, 65))
    assert gva.drop_sidebars([shot, hurt], text) == [shot]
    opening = "Related Coverage: Man shot\n\nA man was shot on Elm Street."
    assert gva.drop_sidebars([shot], opening) == [shot]  # a body that opens with one: kept


def test_one_or_two_injured_told_past_the_lead_are_dropped():
    dead = at("killed", 1, (0, 5), (10, 16))
    quoted = at("injured", 1, (400, 407), (420, 424))  # "a child being hurt like this"
    assert gva.derive_article_figures([dead, quoted]) == gva.Figures(1, None)
    lead = at("injured", 1, (40, 47), (60, 67))  # "... and his brother was wounded"
    assert gva.derive_article_figures([dead, lead]) == gva.Figures(1, 1)
    many = at("injured", 12, (400, 410), (420, 424))  # a mass shooting's wounded: kept
    assert gva.derive_article_figures([dead, many]) == gva.Figures(1, 12)


def test_as_many_as_gives_the_figure_reported():
    most = count("casualties", None, (10, 14), "at_most")
    most.high = 4  # "as many as four people were shot"
    assert gva.count_value(most) == 4


@pytest.mark.parametrize(
    "title", ["Child grazed by bullet in Columbus", "Man charged in wounding of 4-year-old"]
)
def test_more_headline_words_say_someone_was_hit(title):
    assert gva.implied_by_headline(gva.Figures(None, None), title) == gva.Figures(None, None, 1)


def test_the_nth_person_wounded_is_the_nth_victim_not_n_injured():
    dead = at("killed", 3, (0, 12), (18, 22))  # "Three people died ..."
    fourth = at("injured", 4, (30, 45), (50, 57))  # "... a fourth person was wounded"
    fourth.number_text, fourth.qualifier, fourth.high = "a fourth", "at_least", None
    figures = gva.derive_article_figures([dead, fourth])
    assert figures == gva.Figures(3, None, 4)
    assert gva.derive_incident_figures([figures]) == (3, 1)


def test_one_shot_beside_the_dead_in_their_sentence_survived():
    text = "A juvenile was killed and a driver was shot on the job. A boy was shot too."
    dead = at("killed", 1, (0, 10), (15, 21), "juvenile")
    shot = at("casualties", 1, (26, 34), (39, 43), "driver")
    figures = gva.Figures(1, None, 1)
    assert gva.add_survivor(figures, [dead, shot], text) == gva.Figures(1, 1, 1)
    he = at("casualties", 1, (26, 34), (39, 43), "he")  # "... and he was shot": the dead
    assert gva.add_survivor(figures, [dead, he], text) == figures
    later = at("casualties", 1, (56, 61), (66, 70), "boy")  # another sentence
    assert gva.add_survivor(figures, [dead, later], text) == figures


def test_a_stop_right_before_a_capital_ends_a_sentence():
    text = "A man was killed early Sunday.Police said a woman was shot."
    dead = at("killed", 1, (0, 5), (10, 16))
    shot = at("casualties", 1, (42, 49), (54, 58))
    assert not gva.in_one_sentence(text, dead, shot)
    woman = at("casualties", 1, (33, 40), (45, 49))
    assert gva.in_one_sentence("A man was killed in St.Louis and a woman was shot.", dead, woman)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Police kill gunman after shooting rampage injures three", gva.Figures(None, 3)),
        ("Shooting Kills 2, Wounds 5 Others", gva.Figures(2, 5)),
        ("Fight at party leaves 4 hurt", gva.Figures(None, 4)),
        ("Men shoot 20 rounds at a house", gva.Figures(None, None)),  # rounds are no people
        ("Three shootings kill five in four hours", gva.Figures(None, None)),  # a roundup
    ],
)
def test_a_headlines_present_tense_verb_gives_its_figure(title, expected):
    assert gva.read_headline_verbs(gva.Figures(None, None), title) == expected
    counted = gva.Figures(1, 1, 1)  # the headline's own counts come first
    assert gva.read_headline_verbs(counted, title) == counted


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("2 teens, man wounded in shooting", gva.Figures(None, 3)),
        ("Father and two children found dead in home", gva.Figures(3, None)),
        ("Officer, suspect wounded in exchange of gunfire", gva.Figures(None, 2)),
        ("Police: Teen boy, 3 women shot on Elm Street", gva.Figures(None, None, 4)),
        ("Mother, children found dead", gva.Figures(None, None)),  # "children": how many?
        ("Boy, 2 men injured in weekend shootings", gva.Figures(None, None)),  # a roundup
    ],
)
def test_people_listed_at_a_headlines_start_are_added_up(title, expected):
    assert gva.read_headline_list(gva.Figures(None, None), title) == expected


def test_one_hurt_and_another_shot_in_their_sentence_are_two():
    text = "A girl was grazed by a bullet, and a man was shot in the leg. A boy was shot too."

    def hurt(kind: str, who: str, verb: str, start: int = 0) -> Count:
        begin, at_verb = text.index(who, start), text.index(verb, start)
        return at(kind, 1, (begin, begin + len(who)), (at_verb, at_verb + len(verb)), who[2:])

    girl, man = hurt("injured", "A girl", "grazed"), hurt("casualties", "a man", "shot")
    figures = gva.Figures(None, 1, 1)
    assert gva.add_second_hurt(figures, [girl, man], text) == gva.Figures(None, 2, 1)
    boy = hurt("casualties", "A boy", "shot", text.index("A boy"))  # another sentence
    assert gva.add_second_hurt(figures, [girl, boy], text) == figures
    dead = gva.Figures(1, 1, 1)  # beside the dead, see add_survivor
    assert gva.add_second_hurt(dead, [girl, man], text) == dead


def test_taking_ones_own_life_tells_of_a_murder_suicide():
    assert gva.SUICIDE.search("He shot three bandmates and then take his own life, police said.")
    assert not gva.SUICIDE.search("She shot her son and then tried to take her own life.")


def test_one_death_told_past_the_lead_after_the_wounded_is_dropped():
    shot = at("casualties", 1, (0, 5), (10, 14))  # "A boy was shot ..."
    later = at("killed", 1, (400, 405), (410, 416))  # "... a man was killed last week"
    assert gva.derive_article_figures([shot, later]) == gva.Figures(None, None, 1)
    lead = at("killed", 1, (40, 45), (50, 56))  # "... and a man was killed"
    assert gva.derive_article_figures([shot, lead]) == gva.Figures(1, None, 1)
    many = at("killed", 3, (400, 405), (410, 416))  # more dead: kept
    assert gva.derive_article_figures([shot, many]) == gva.Figures(3, None, 1)


def test_one_injured_named_as_the_dead_is_the_dead_victim():
    dead = at("killed", 1, (0, 14), (20, 26), "16-year-old")  # "... has killed a 16-year-old"
    hurt = at("injured", 1, (60, 74), (40, 47), "16-year-old")  # "critically injured a 16-..."
    assert gva.derive_article_figures([dead, hurt]) == gva.Figures(1, None)
    other = at("injured", 1, (60, 74), (40, 47), "18-year-old")  # someone else
    assert gva.derive_article_figures([dead, other]) == gva.Figures(1, 1)
    man = at("killed", 1, (0, 5), (10, 16), "man")  # "A man was killed ..."
    another = at("injured", 1, (30, 35), (40, 47), "man")  # "... a man was wounded"
    assert gva.derive_article_figures([man, another]) == gva.Figures(1, 1)  # two men, maybe
