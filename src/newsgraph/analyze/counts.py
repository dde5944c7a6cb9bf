"""Stage: figures about people and force (killed, injured, detained, deployed, crowd ...) as
honest ranges.

A figure is a run of number tokens ("3,000", "twenty-six", "tens of thousands", "two-thirds",
"dozens", "a" before a singular noun, "another" standing alone, "a third person": at least 3) read
from the tables in ontology/data/en. The dependency parse then finds what it counts (the noun it
modifies, or "Dozens of people") and the trigger that gives the count its type: a verb whose
passive subject or object it is ("18 ... had been killed", "killing six"), an intransitive verb it
is the subject of ("thousands marched"), a participle or predicate adjective ("hundreds more
injured", "left dozens dead"), a running total ("the death toll rose to 164") or the counted noun
itself ("164 fatalities"). A figure without a trigger is not a count; figures of measure, money,
time, ages, ranks and percentages never are, and a weapon, an animal or a vehicle ("shot a dog")
is counted only as seized. Modality (ordered, threatened, reported) is left to
the events stage: such counts are kept; what did not happen ("could have died", "nearly died", "no
one was hurt") is no count. A person coordinated with a figure ("a woman and her son were killed",
"his wife and then himself") is another victim of the same trigger, and so is a bare person listed
beside a figure in a headline ("Father, two daughters shot to death" is 3).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.analyze.textspans import overlaps
from newsgraph.ontology import read_data_table
from newsgraph.records import Count, Mention, Place, TimeExpr

NOT_PEOPLE_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"}
# names a figure cannot count ("3 Main Street", "7 Eleven"); NORP can ("168 Liberians")
NAMED_NOT_PEOPLE = {"GPE", "LOC", "FAC", "ORG", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT"}
# types a singular "a"/"an" can count: a victim or a person acted on, not "a rally" of a crowd
SINGULAR_TYPES = {"killed", "injured", "casualties", "detained", "kidnapped", "missing", "expelled"}
CURRENCY = {"$", "£", "€", "¥", "us$"}
NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "attr", "appos", "ROOT", "oprd"}
MODIFIER_DEPS = {"nummod", "quantmod", "amod", "compound", "det", "advmod", "npadvmod"}
COPULAS = {"be", "remain", "lie", "become", "stay"}
SINGULAR_ARTICLES = {"a", "an"}
# "another" before a singular noun is one more person: "Another child was hospitalized"
ONE_MORE = SINGULAR_ARTICLES | {"another"}
# "another" standing for a person by itself: "three were killed and another injured"
ANOTHER_DEPS = {"nsubj", "nsubjpass", "conj", "dobj"}
DEFINITE = {"the", "this", "that"}
ARTICLES = SINGULAR_ARTICLES | {"the"}
NOT_COUNTED = {"measure", "event"}  # count_units.tsv kinds whose figures are not counts
# count_units.tsv "thing" (a weapon, animal, vehicle ...) is counted by these types alone: "40
# rifles were seized", but "shot a dog" and "a bullet struck a truck" hurt no person
THING_TYPES = {"seized"}
PERSON_DEPS = {"nsubj", "nsubjpass", "dobj", "conj"}  # "conj": "a man and his son were killed"
RANGE_WORDS = {"between", "and", "to"}
FATALLY = {"fatally", "mortally"}
COUNTERFACTUAL_MODALS = {"could", "would", "should", "might"}  # with "have": it did not happen
ALMOST = {"nearly", "almost"}  # "nearly died": did not
ONE_PERSON_PRONOUNS = {"he", "she"}  # "he died": one victim, named earlier
ONE_PERSON_REFLEXIVES = {"himself", "herself"}  # "themselves" says not how many
# a number called or dialled, or naming a call, is a phone number: "called 911 reporting he had
# been shot", "a 911 call", "911 dispatcher"
PHONE_VERBS = {"call", "dial", "phone", "text", "ring"}
PHONE_NOUNS = {"call", "caller", "dispatch", "dispatcher", "operator", "line", "center"}
HARMS = {"injury", "wound"}  # nouns that name what a victim suffered, not a victim
REFLEXIVES = {"himself", "herself", "themselves", "self", "myself", "yourself"}
# longest stretch from a number to its noun ("a 17-year-old Juneau high school student"), so a
# parse error cannot swallow a clause (GVA dev articles)
MAX_OBJECT_TOKENS = 10
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Trigger:
    type: str  # a count type, or "" for "experience" verbs (the type comes from the object)
    part: str  # verb | adj | noun | state | total | experience
    role: str  # patient | agent | any | -
    cumulative: bool


@dataclass(frozen=True)
class Lexicons:
    triggers: dict[tuple[str, str], Trigger]  # (lemma, part) -> trigger
    gdelt: dict[str, str | None]  # count type -> GDELT count type
    vague: dict[str, tuple[int, int | None]]
    numbers: dict[str, tuple[int, str]]  # word -> (value, kind)
    cues: list[tuple[tuple[str, ...], str, int]]  # longest first
    units: dict[str, str]  # noun lemma -> force | measure
    persons: dict[str, tuple[str, str]]  # noun lemma -> (gender, kin role) for person pairs
    ordinals: dict[str, int]  # "second" -> 2: "a second victim" is the second of them


@cache
def load_lexicons(language: str = "en") -> Lexicons:
    """The counts stage's tables, read once per language."""
    triggers = {
        (lemma, part): Trigger("" if kind == "-" else kind, part, role, cumulative == "yes")
        for lemma, part, role, kind, cumulative in read_data_table("count_types.tsv", language, 5)
    }
    gdelt = {
        kind: (None if code == "-" else code)
        for kind, code, _ in read_data_table("count_type_codes.tsv", language, 3)
    }
    vague = {
        phrase: (int(low), int(high) if high else None)
        for phrase, low, high in read_data_table("vague_numbers.tsv", language, 3)
    }
    numbers = {
        word: (int(value), kind)
        for word, value, kind in read_data_table("number_words.tsv", language, 3)
    }
    cues = sorted(
        (
            (tuple(cue.split()), qualifier, int(shift))
            for cue, qualifier, shift in read_data_table("count_qualifiers.tsv", language, 3)
        ),
        key=lambda row: -len(row[0]),
    )
    units = dict(read_data_table("count_units.tsv", language, 2))
    persons = {
        lemma: (gender, role)
        for lemma, gender, role in read_data_table("count_persons.tsv", language, 3)
    }
    ordinals = {
        word: int(value) for word, value in read_data_table("count_ordinals.tsv", language, 2)
    }
    return Lexicons(triggers, gdelt, vague, numbers, cues, units, persons, ordinals)


@Language.factory(
    "newsgraph_counts",
    requires=["doc._.entities", "doc._.places", "doc._.times"],
    assigns=["doc._.counts"],
)
def make_counts(nlp: Language, name: str) -> CountStage:
    return CountStage()


class CountStage:
    def __init__(self, *, language: str = "en") -> None:
        self.lexicons = load_lexicons(language)

    def __call__(self, doc: Doc) -> Doc:
        doc._.counts = extract_counts(
            doc,
            self.lexicons,
            mentions=doc._.mentions or [],
            places=doc._.places or [],
            times=doc._.times or [],
        )
        return doc


# --- figures -----------------------------------------------------------------------------


@dataclass
class Figure:
    """A number phrase read from the text, before it is known what it counts."""

    start: int  # token indices of the number phrase (the cue excluded)
    end: int
    low: int | None
    high: int | None
    qualifier: str
    share: float | None = None  # "two-thirds": a proportion, not an amount
    cue_start: int | None = None  # where "more than" / "about" begins


def extract_counts(
    doc: Doc,
    lexicons: Lexicons,
    mentions: list[Mention] | None = None,
    places: list[Place] | None = None,
    times: list[TimeExpr] | None = None,
) -> list[Count]:
    """Every count in the doc, in text order."""
    counts: list[Count] = []
    for figure in find_figures(doc, lexicons):
        count = build_count(doc, figure, lexicons)
        if count is not None:
            counts.append(count)
    taken = {doc.char_span(*c.object_span, alignment_mode="expand").root.i
             for c in counts if c.object_span}  # fmt: skip
    counts.extend(build_incident_counts(doc, lexicons))
    counts.extend(build_person_counts(doc, lexicons, taken))
    counts.extend(build_listed_persons(doc, counts, lexicons))
    counts.extend(build_listed_items(doc, counts, lexicons))
    counts.sort(key=lambda c: c.span)
    for number, count in enumerate(counts, 1):
        count.id = f"c{number}"
        link_count(doc, count, mentions or [], places or [], times or [])
    return counts


def find_figures(doc: Doc, lexicons: Lexicons) -> list[Figure]:
    """Number phrases: maximal runs of number tokens, plus "a" before a singular noun."""
    figures: list[Figure] = []
    i = 0
    while i < len(doc):
        end = number_run_end(doc, i, lexicons)
        if end > i:
            figure = read_figure(doc, i, end, lexicons)
            if figure is not None:
                figures.append(figure)
            i = end
        elif (nth := ordinal_after(doc, i, lexicons)) is not None:
            figures.append(Figure(i, i + 2, nth, None, "at_least"))  # "a third person died"
            i += 2
        elif doc[i].lower_ in ONE_MORE and is_singular_count_noun(doc[i].head, lexicons):
            if doc[i].lower_ not in SINGULAR_ARTICLES and names_the_dead(doc[i].head, lexicons):
                i += 1  # "Another dead in mass shooting": a toll that rose, not one victim
                continue
            figures.append(Figure(i, i + 1, 1, 1, "exact"))
            i += 1
        elif doc[i].lower_ == "another" and doc[i].dep_ in ANOTHER_DEPS:
            figures.append(Figure(i, i + 1, 1, 1, "exact"))  # "two were killed and another hurt"
            i += 1
        else:
            i += 1
    return figures


def ordinal_after(doc: Doc, i: int, lexicons: Lexicons) -> int | None:
    """ "a third person", "a fourth victim": the ordinal's value when "a"/"an", an ordinal and
    the singular noun they both modify follow from `i` (the person is the Nth of them)."""
    if doc[i].lower_ not in SINGULAR_ARTICLES or i + 2 >= len(doc):
        return None
    nth, noun = lexicons.ordinals.get(doc[i + 1].lower_), doc[i].head
    if nth is None or noun.i <= i + 1 or doc[i + 1].head != noun:
        return None
    return nth if is_singular_count_noun(noun, lexicons) else None


def is_ordinal(doc: Doc, figure: Figure, lexicons: Lexicons) -> bool:
    return figure.end - figure.start == 2 and doc[figure.start + 1].lower_ in lexicons.ordinals


def names_the_dead(noun: Token, lexicons: Lexicons) -> bool:
    """ "dead", "death", "fatality": a noun that is itself a killed trigger."""
    lemma = noun.lemma_.lower()
    return any(
        getattr(lexicons.triggers.get((word, part)), "type", None) == "killed"
        for word in (lemma, noun.lower_)
        for part in ("adj", "noun")
    )


def number_kind(word: str, lexicons: Lexicons) -> str:
    """The kind of a number word in number_words.tsv (unit, scale, fraction ...); "" for others."""
    found = lexicons.numbers.get(word)
    return found[1] if found else ""


def is_number_token(token: Token, lexicons: Lexicons) -> bool:
    word = token.lower_
    return bool(_DIGITS.match(word)) or (
        word in lexicons.numbers and lexicons.numbers[word][1] not in ("article", "multiplier")
    )


def number_run_end(doc: Doc, start: int, lexicons: Lexicons) -> int:
    """End (exclusive) of the number phrase starting at `start`, or `start` when none does.
    Joins "twenty - six", "3.5 million", "tens of thousands", "a dozen", "two - thirds"."""
    token = doc[start]
    word = token.lower_
    if word in SINGULAR_ARTICLES or word == "tens":
        following = doc[start + 1].lower_ if start + 1 < len(doc) else ""
        scale = number_kind(following, lexicons) == "scale" or following in ("few",)
        if word == "tens" and following == "of":
            return number_run_end(doc, start + 2, lexicons) if start + 2 < len(doc) else start
        if not (scale or following in ("handful", "couple")):
            return start
        return start + 2
    if word in lexicons.vague:
        end = start + 1
        # "hundreds of thousands": a vague scale of a vague scale
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ in lexicons.vague:
            end += 2
        return end
    if not is_number_token(token, lexicons):
        return start
    end = start + 1
    while end < len(doc):
        current = doc[end]
        if (
            is_number_token(current, lexicons)
            and joins_number(doc[end - 1], current, lexicons)
            or current.lower_ == "and"
            and end + 1 < len(doc)
            and (
                number_kind(doc[end + 1].lower_, lexicons) == "unit"
                and number_kind(doc[end - 1].lower_, lexicons) == "scale"
            )
        ):
            end += 1
        elif current.text == "-" and end + 1 < len(doc) and is_number_token(doc[end + 1], lexicons):
            if not (
                doc[end - 1].like_num and doc[end + 1].like_num and doc[end + 1].text.isdigit()
            ):
                end += 1  # "twenty-six", "two-thirds"; "10-20" is a range, read by `read_range`
            else:
                break
        else:
            break
    return end


def joins_number(previous: Token, current: Token, lexicons: Lexicons) -> bool:
    """Whether a number word goes on the number before it: after digits only a scale ("3.5
    million", "2 dozen"), and digits go on no number ("Channel 3 four men" are not 7)."""
    if _DIGITS.match(current.lower_):
        return False
    if _DIGITS.match(previous.lower_):
        return number_kind(current.lower_, lexicons) == "scale"
    return True


def read_figure(doc: Doc, start: int, end: int, lexicons: Lexicons) -> Figure | None:
    """The value of doc[start:end] with its qualifier cue; None for what is not an amount."""
    words = [t.lower_ for t in doc[start:end] if t.text != "-"]
    phrase = " ".join(words)
    if phrase in lexicons.vague:
        low, high = lexicons.vague[phrase]
        figure = Figure(start, end, low, high, "vague")
    elif words[-1] in lexicons.vague and len(words) > 1:  # "tens of thousands" spelled oddly
        return None
    else:
        share = read_share(words, lexicons)
        if share is not None:
            figure = Figure(start, end, None, None, "exact", share=share)
        else:
            value = read_value(words, lexicons)
            if value is None:
                return None
            figure = Figure(start, end, value, value, "exact")
    apply_range(doc, figure, lexicons)
    if figure.qualifier != "range":
        apply_cue(doc, figure, lexicons)
    return figure


def read_value(words: list[str], lexicons: Lexicons) -> int | None:
    """ "3,000" -> 3000, "3.5 million" -> 3500000, "twenty six" -> 26, "a dozen" -> 12."""
    total, current = 0.0, 0.0
    for word in words:
        if word == "and":
            continue
        if _DIGITS.match(word):
            current += float(word.replace(",", ""))
            continue
        value, kind = lexicons.numbers.get(word, (0, ""))
        if kind in ("unit", "article"):
            current += value
        elif kind == "scale":
            current = (current or 1) * value
            if value >= 1000:
                total, current = total + current, 0.0
        else:
            return None
    result = total + current
    return int(result) if result == int(result) else None


def read_share(words: list[str], lexicons: Lexicons) -> float | None:
    """ "two thirds" -> 0.667, "three quarters" -> 0.75; None when the last word is no fraction."""
    if len(words) < 2 or number_kind(words[-1], lexicons) != "fraction":
        return None
    numerator = read_value(words[:-1], lexicons)
    if numerator is None:
        return None
    return numerator / lexicons.numbers[words[-1]][0]


def apply_range(doc: Doc, figure: Figure, lexicons: Lexicons) -> None:
    """ "between 10 and 20", "10 to 20", "10-20": the figure becomes a range ending further on."""
    end = figure.end
    if end + 1 >= len(doc) or doc[end].lower_ not in ("to", "-", "and") or figure.low is None:
        return
    if doc[end].lower_ == "and" and not (
        figure.start > 0 and doc[figure.start - 1].lower_ == "between"
    ):
        return
    if figure.qualifier == "vague":
        return
    second_end = number_run_end(doc, end + 1, lexicons)
    if second_end == end + 1:
        return
    words = [t.lower_ for t in doc[end + 1 : second_end] if t.text != "-"]
    high = read_value(words, lexicons)
    if high is None or high <= figure.low:
        return
    figure.high, figure.end, figure.qualifier = high, second_end, "range"
    if figure.start > 0 and doc[figure.start - 1].lower_ == "between":
        figure.cue_start = figure.start - 1


def apply_cue(doc: Doc, figure: Figure, lexicons: Lexicons) -> None:
    """ "more than 3,000" -> low 3001, open; "about 3,600" -> approximately; "up to 40"."""
    for cue, qualifier, shift in lexicons.cues:
        begin = figure.start - len(cue)
        if begin < 0 or tuple(t.lower_ for t in doc[begin : figure.start]) != cue:
            continue
        figure.cue_start = begin
        if figure.low is None:  # a share: keep the cue, values stay unknown
            figure.qualifier = qualifier
        elif qualifier == "at_least":
            figure.low = (figure.low or 0) + shift
            figure.high = None
            figure.qualifier = "at_least"
        elif qualifier == "at_most":
            figure.high = (figure.high or 0) + shift
            figure.low = None if figure.qualifier != "vague" else figure.low
            figure.qualifier = "at_most"
        elif figure.qualifier != "vague":
            figure.qualifier = qualifier
        return


def is_singular_count_noun(noun: Token, lexicons: Lexicons) -> bool:
    """A singular noun after "a"/"an" that a count can be about ("a man", "a 12-year-old")."""
    if noun.tag_ not in ("NN", "JJ") or lexicons.units.get(noun.lemma_.lower()) in NOT_COUNTED:
        return False
    if noun.tag_ == "JJ":  # "a 12-year-old was ...": the age phrase stands for the person
        return noun.lower_ == "old" and noun.dep_ in NOMINAL_DEPS
    return True


# --- what the figure counts ----------------------------------------------------------------


def build_count(doc: Doc, figure: Figure, lexicons: Lexicons) -> Count | None:
    """The Count a figure makes, or None when it is not a count of people or force."""
    if is_excluded(doc, figure, lexicons):
        return None
    head = figure_head(doc, figure)
    if (shot := misread_shot(doc, figure)) is not None:
        kind = refine_shooting(shot, "casualties", lexicons)  # "Four shot to death"
        count = make_count(doc, (kind, shot, False), (figure.start, figure.end), None, lexicons)
        count.low, count.high, count.qualifier = figure.low, figure.high, figure.qualifier
        return count
    counted, object_span, unit = counted_noun(doc, figure, head, lexicons)
    if counted is None:
        return None
    found = classify(counted, lexicons)
    if found is None and object_span is not None and not has_clause(counted):
        found = noun_trigger(doc[object_span[1] - 1], lexicons)
    if found is None:
        return None
    kind = found[0]
    if lexicons.units.get(counted.lemma_.lower()) == "thing" and kind not in THING_TYPES:
        return None
    if (
        (figure.end - figure.start == 1 or is_ordinal(doc, figure, lexicons))
        and doc[figure.start].lower_ in ONE_MORE
        and (
            not (unit or kind in SINGULAR_TYPES)
            or counted.tag_ in ("NNS", "NNPS")
            or (found[1] is counted and counted.lemma_.lower() in HARMS)
        )
    ):
        return None  # "suffered a non-life-threatening injury": the harm, not another victim
    start_token = figure.cue_start if figure.cue_start is not None else figure.start
    count = make_count(doc, found, (start_token, figure.end), object_span, lexicons)
    count.low, count.high, count.qualifier = figure.low, figure.high, figure.qualifier
    count.unit, count.share = unit, figure.share
    return count


def misread_shot(doc: Doc, figure: Figure) -> Token | None:
    """ "Five shot during party": the tagger reads the headline's verb as the noun "a shot";
    more than one of a singular noun cannot be, so they are five people shot."""
    if figure.end >= len(doc) or (figure.low or 0) < 2:
        return None
    shot = doc[figure.end]
    if shot.lower_ != "shot" or shot.tag_ != "NN" or doc[figure.end - 1].head != shot:
        return None
    if shot.dep_ in ("dobj", "pobj", "conj", "attr"):
        return None  # "heard 5 shot": shots heard
    after = doc[shot.i + 1 : shot.i + 3]
    if (
        len(after) == 2
        and after[0].lower_ == "at"
        and (after[1].tag_ == "PRP" or after[1].lower_ == "each")
    ):
        return None  # "the two shot at each other": they fired
    return shot


def make_count(
    doc: Doc,
    found: Found,
    number: tuple[int, int],
    object_span: tuple[int, int] | None,
    lexicons: Lexicons,
) -> Count:
    """A Count of one, typed by `found`, with its evidence from the number to the object."""
    kind, trigger, cumulative = found
    end_token = max(number[1], object_span[1] if object_span else number[1])
    quoted = object_span and object_span[0] > 0 and end_token < len(doc)
    if quoted and doc[object_span[0] - 1].is_quote and doc[end_token].is_quote:
        end_token += 1  # 26 “armed criminals”: the quoted label whole
    evidence = doc[min(number[0], object_span[0] if object_span else number[0]) : end_token]
    object_text = object_chars = None
    if object_span is not None:
        words = doc[object_span[0] : object_span[1]]
        object_text, object_chars = words.text, (words.start_char, words.end_char)
    return Count(
        id="",
        span=(evidence.start_char, evidence.end_char),
        text=evidence.text,
        type=kind,
        low=1,
        high=1,
        qualifier="exact",
        number_text=doc[number[0] : number[1]].text,
        object=object_text,
        object_span=object_chars,
        cumulative=cumulative,
        gdelt_type=lexicons.gdelt.get(kind),
        trigger=trigger.text if trigger is not None else None,
        trigger_span=(trigger.idx, trigger.idx + len(trigger.text))
        if trigger is not None
        else None,
        confidence=0.8,
    )


def build_incident_counts(doc: Doc, lexicons: Lexicons) -> list[Count]:
    """ "a double homicide" (2 killed), "a triple shooting" (3 shot): a multiplier before a
    singular incident noun counts the people of that one incident; "four triple shootings" and
    "a double murder-suicide" are left alone."""
    counts = []
    for token in doc:
        value, kind = lexicons.numbers.get(token.lower_, (0, ""))
        if kind != "multiplier" or token.i > 0 and doc[token.i - 1].like_num:
            continue
        noun = incident_noun(token, lexicons)
        if noun is None:
            continue
        trigger = lexicons.triggers[(noun.lower_, "incident")]
        found = (trigger.type, noun, False)
        count = make_count(doc, found, (token.i, token.i + 1), None, lexicons)
        evidence = doc[token.i : noun.i + 1]
        count.span, count.text = (evidence.start_char, evidence.end_char), evidence.text
        count.low = count.high = value
        counts.append(count)
    return counts


def incident_noun(multiplier: Token, lexicons: Lexicons) -> Token | None:
    """The singular incident noun a multiplier modifies ("double homicide", "triple-shooting",
    "quadruple Four Hills shooting"), or None."""
    doc = multiplier.doc
    nearby = [multiplier.head] if multiplier.head.i > multiplier.i else []
    after = multiplier.i + 1
    if after < len(doc) and doc[after].text == "-":
        after += 1
    if after < len(doc):
        nearby.append(doc[after])
    for noun in nearby:
        following = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
        if (
            noun.i - multiplier.i <= 4
            and noun.tag_ in ("NN", "VBG")  # the parser may read "stabbing" as a verb
            and (noun.lower_, "incident") in lexicons.triggers
            and not (following is not None and following.text in ("-", "/"))
        ):
            return noun
    return None


def build_person_counts(doc: Doc, lexicons: Lexicons, taken: set[int]) -> list[Count]:
    """One person named or described without a number ("the victim died", "his son was shot",
    "Nygel Williams was killed"): a count of one, for victims and people acted on only; and the
    second person of a pair ("Father, daughter found dead", "a man and woman were shot")."""
    counts = []
    counted = set(taken)
    for token in doc:
        if token.i in taken or token.dep_ not in PERSON_DEPS or not is_one_person(token, lexicons):
            continue
        found = classify(token, lexicons)
        if found is None or found[0] not in SINGULAR_TYPES or found[1] is token:
            continue
        start = person_phrase_start(token)
        count = make_count(doc, found, (start, start), (start, token.i + 1), lexicons)
        # no number was written: the parse implies it, unless the person is coordinated with a
        # written figure ("a man and his son were killed": as plain as "two people"; "he and
        # three others were shot": four)
        coordinated = conjunction_root(token).i in taken or any(
            c.dep_ == "conj" and c.i in taken for c in token.children
        )
        count.confidence = 0.8 if coordinated else 0.5
        counts.append(count)
        counted.add(token.i)
    for first, second in person_pairs(doc, lexicons):
        found = classify(second, lexicons) or classify(first, lexicons)
        if found is None or found[0] not in SINGULAR_TYPES or found[1] in (first, second):
            continue
        for person in (first, second):
            if person.i in counted:
                continue
            start = person_phrase_start(person) if person is first else second.left_edge.i
            count = make_count(doc, found, (start, start), (start, person.i + 1), lexicons)
            # as plain as a figure when bare or when the first is one ("a man and woman")
            count.confidence = 0.8 if is_bare(first) or first.i in taken else 0.5
            counts.append(count)
            counted.add(person.i)
    return counts


def build_listed_persons(doc: Doc, counts: list[Count], lexicons: Lexicons) -> list[Count]:
    """A bare person listed beside a written figure is one more of the same count, as headlines
    write them: "Father, two daughters shot to death", "2 teens, man wounded" (3 each)."""
    covered = [c.object_span or c.span for c in counts]
    extra = []
    for count in counts:
        if (
            count.confidence < 0.8
            or not count.number_text
            or count.number_text.lower() in SINGULAR_ARTICLES
        ):
            continue
        evidence = doc.char_span(*count.span, alignment_mode="expand")
        if evidence is None or evidence[0].lower_ in SINGULAR_ARTICLES:
            continue
        before = [doc[evidence.start - 2]] if evidence.start >= 2 else []
        if before and not (
            doc[evidence.start - 1].text == ","
            and (before[0].i == before[0].sent.start or doc[before[0].i - 1].is_punct)
        ):
            before = []
        after = evidence.end + 1
        listed = before + (
            [doc[after]]
            if after < len(doc) and doc[after - 1].text in PAIR_WORDS and doc[after - 1].text != "&"
            else []
        )
        for person in listed:
            span = (person.idx, person.idx + len(person.text))
            if (
                person.lemma_.lower() not in lexicons.persons
                or person.tag_ not in ("NN", "NNP", "UH")
                or person.left_edge.i != person.i
                or any(overlaps(span, other) for other in covered)
            ):
                continue
            one = Count(**{**count.__dict__})
            one.span, one.text = span, person.text
            one.object, one.object_span = person.text, span
            one.low = one.high = 1
            one.qualifier, one.number_text = "exact", ""
            extra.append(one)
            covered.append(span)
    return extra


LIST_JOINS = {"and", "then", "&"}
LIST_DETERMINERS = {"his", "her", "their", "a", "an", "the", "its"}
MAX_ITEM_TOKENS = 4


def build_listed_items(doc: Doc, counts: list[Count], lexicons: Lexicons) -> list[Count]:
    """People listed with commas beside a plain count share its trigger, as headlines write
    them: "2 adults, 2 children killed" (4), "Father kills wife, son, daughter" (3), "killed
    his wife, 2 sons" (3); each item a person noun, with its own number or none."""
    covered = [c.object_span or c.span for c in counts]
    extra: list[Count] = []
    for count in list(counts):
        if count.type not in SINGULAR_TYPES or count.trigger_span is None:
            continue
        evidence = doc.char_span(*count.span, alignment_mode="expand")
        if evidence is None:
            continue
        items = []
        start = evidence.start  # leftwards: ", ITEM" up to the list's start
        while start >= 2 and doc[start - 1].text == ",":
            begin = start - 1
            while begin > 0 and not (doc[begin - 1].is_punct or doc[begin - 1].is_sent_end):
                begin -= 1
                if start - 1 - begin > MAX_ITEM_TOKENS:
                    break
            item = read_item(doc, begin, start - 1, lexicons)
            if item is None or item[1] != start - 1:
                break
            items.append((begin, *item))
            start = begin
        # rightwards from a person named without a number ("kills wife, son, daughter"): after a
        # figure the list is what it is made of ("the four victims, three men and a woman")
        end = evidence.end if not count.number_text else len(doc)
        while end + 1 < len(doc) and doc[end].text == ",":
            item = read_item(doc, end + 1, min(len(doc), end + 1 + MAX_ITEM_TOKENS), lexicons)
            if item is None:
                break
            items.append((end + 1, *item))
            end = item[1]
        written = False
        for begin, value, stop, numbered in items:
            span = (doc[begin].idx, doc[stop - 1].idx + len(doc[stop - 1].text))
            if any(overlaps(span, other) for other in covered):
                continue
            one = Count(**{**count.__dict__})
            one.span, one.text = span, doc.text[span[0] : span[1]]
            one.object, one.object_span = one.text, span
            one.low = one.high = value
            one.qualifier, one.number_text, one.confidence = "exact", "", 0.8
            extra.append(one)
            covered.append(span)
            written = written or numbered
        if written:
            count.confidence = max(count.confidence, 0.8)  # as plain as its numbered neighbour
    return extra


def read_item(doc: Doc, start: int, limit: int, lexicons: Lexicons) -> tuple[int, int, bool] | None:
    """(people, end, numbered) of one list item from `start`: "[and|then] [his] [2] sons"."""
    i = start
    if i < limit and doc[i].lower_ in LIST_JOINS:
        i += 1
    if i < limit and doc[i].lower_ in LIST_DETERMINERS:
        i += 1
    value, numbered = 1, False
    if i < limit and is_number_token(doc[i], lexicons):
        value = read_value([doc[i].lower_], lexicons)
        numbered = True
        i += 1
    if value is None or i >= limit or doc[i].lemma_.lower() not in lexicons.persons:
        return None
    if doc[i].tag_ in ("NNS", "NNPS") and not numbered:
        return None  # "children" says not how many
    return value, i + 1, numbered


PAIR_WORDS = {",", "and", "&"}
RECIPROCAL = ({"parent", "child"}, {"grandparent", "grandchild"})


def person_pairs(doc: Doc, lexicons: Lexicons) -> Iterator[tuple[Token, Token]]:
    """Two nouns for one person each, side by side ("father, daughter", "a man and woman"), that
    are two people (see count_persons.tsv): "a husband and father" is one."""
    for first in doc:
        if first.lemma_.lower() not in lexicons.persons or first.tag_ not in ("NN", "NNP"):
            continue
        after = first.i + 1
        if after + 1 >= len(doc) or doc[after].lower_ not in PAIR_WORDS:
            continue
        if doc[after + 1].lower_ == "and":
            after += 1  # "father, and son"
        second = next(
            (t for t in doc[after + 1 : after + 4] if t.lemma_.lower() in lexicons.persons), None
        )
        if (
            second is None
            or second.tag_ not in ("NN", "NNP")
            or second.left_edge.i != after + 1
            or not is_bare(second)
        ):
            continue
        if is_bare(first) or are_two(first, second, lexicons):
            yield first, second


def is_bare(noun: Token) -> bool:
    """No determiner, possessive or number of its own ("Father, daughter found dead")."""
    before = noun.doc[noun.left_edge.i - 1] if noun.left_edge.i > 0 else None
    words = list(noun.doc[noun.left_edge.i : noun.i])
    if before is not None and before.tag_ in ("DT", "PRP$", "POS", "CD"):
        words.append(before)
    return not any(t.tag_ in ("DT", "PRP$", "POS", "CD") or t.like_num for t in words)


def are_two(first: Token, second: Token, lexicons: Lexicons) -> bool:
    """Under one determiner or possessive: genders that differ ("a man and woman"), the two sides
    of one relation ("the father and son"), or two kin of one possessor ("his wife and son")."""
    gender, role = lexicons.persons[first.lemma_.lower()]
    other_gender, other_role = lexicons.persons[second.lemma_.lower()]
    if "-" not in (gender, other_gender) and gender != other_gender:
        return True
    if {role, other_role} in RECIPROCAL:
        return True
    possessed = any(c.dep_ == "poss" for c in first.children)
    return possessed and "-" not in (role, other_role)


def conjunction_root(token: Token) -> Token:
    """The first conjunct of the coordination a token is part of ("a man and his son": man)."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def is_one_person(token: Token, lexicons: Lexicons) -> bool:
    """A named person, or a singular common noun with a definite determiner or a possessive."""
    if token.ent_type_ == "PERSON" and token.pos_ == "PROPN":
        return token.i == token_ent_end(token) - 1
    if token.lower_ in ONE_PERSON_PRONOUNS:
        return True
    if token.lower_ in REFLEXIVES:  # "his wife and himself": the subject, a second victim
        return token.dep_ == "conj" and token.lower_ in ONE_PERSON_REFLEXIVES
    if token.tag_ != "NN" or token.lemma_.lower() in lexicons.units:
        return False
    noun = lexicons.triggers.get((token.lemma_.lower(), "noun"))
    if noun is not None and noun.role == "event":  # "treated the death as a homicide"
        return False
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)


def token_ent_end(token: Token) -> int:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.end
    return token.i + 1


def person_phrase_start(token: Token) -> int:
    """First token of the person's phrase: "his 3-year-old son", "Nygel E. Williams"."""
    if token.ent_type_ == "PERSON":
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                return ent.start
    return min(t.i for t in token.subtree if t.i <= token.i)


def is_excluded(doc: Doc, figure: Figure, lexicons: Lexicons) -> bool:
    """Money, dates, times, percentages, ranks, ages and measures are not counts of people."""
    first, last = doc[figure.start], doc[figure.end - 1]
    # the model marks "12-year-old" as a DATE ("a" before it is the person, not the age) and
    # bare figures ("Between 10 and 20") as DATEs: a DATE without a time word is tagged wrongly
    lone_article = first.lower_ in ONE_MORE and figure.end - figure.start == 1
    lone_article = lone_article or is_ordinal(doc, figure, lexicons)  # "second" is an ORDINAL
    if (
        not lone_article
        and any(t.ent_type_ in NOT_PEOPLE_ENTS for t in doc[figure.start : figure.end])
        and (first.ent_type_ not in ("DATE", "TIME") or has_time_word(doc, figure, lexicons))
    ):
        return True
    if figure.start > 0 and doc[figure.start - 1].lower_ in CURRENCY:
        return True
    if figure.start > 0 and doc[figure.start - 1].lower_ == "no":
        return True  # "no one died": nobody
    if is_phone_number(doc, figure):
        return True
    if figure.end < len(doc) and doc[figure.end].lower_ in ("%", "percent", "per", "a.m.", "p.m."):
        return True
    if (
        last.dep_ == "appos"
        and not has_participle(last)
        or (figure.start > 0 and doc[figure.start - 1].text == "," and last.head.pos_ == "PROPN")
    ):
        return True  # "Williams, 22, was shot": an age
    if is_bracketed_age(doc, figure, lexicons):
        return True
    if figure.end < len(doc) and doc[figure.end].text == "-" and figure.share is None:
        return True  # "45-year-old", "10-point", "3-2": a modifier, not a count
    if (
        first.like_num
        and first.text.isdigit()
        and len(first.text) == 4
        and figure.end - figure.start == 1
    ):
        return 1800 <= int(first.text) <= 2100  # a year the model did not tag
    return False


def is_bracketed_age(doc: Doc, figure: Figure, lexicons: Lexicons) -> bool:
    """ "Boy, 16, dies": a bare number between commas right after a noun is the person's age."""
    before, after = figure.start - 2, figure.end
    return (
        before >= 0
        and after < len(doc)
        and doc[figure.start - 1].text == ","
        and doc[after].text == ","
        and (doc[before].pos_ in ("NOUN", "PROPN") or doc[before].lower_ in lexicons.persons)
        and figure.end - figure.start == 1
        and doc[figure.start].text.isdigit()
        and int(doc[figure.start].text) < 120
    )


def is_phone_number(doc: Doc, figure: Figure) -> bool:
    """ "called 911", "dialed 999", "a 911 call", "911 dispatcher": a number called, not people."""
    if figure.start > 0 and doc[figure.start - 1].lemma_.lower() in PHONE_VERBS:
        return doc[figure.start - 1].pos_ == "VERB" and doc[figure.start].like_num
    following = doc[figure.end].lemma_.lower() if figure.end < len(doc) else ""
    return doc[figure.start].text.isdigit() and following in PHONE_NOUNS


def has_time_word(doc: Doc, figure: Figure, lexicons: Lexicons) -> bool:
    """Whether the DATE/TIME entity around a figure has a word other than numbers in it."""
    for token in doc[figure.start : figure.end + 1]:
        if token.ent_type_ not in ("DATE", "TIME"):
            continue
        ent_words = token.doc[token.i : token.i + 1]
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                ent_words = ent
        return any(
            t.is_alpha and t.lower_ not in lexicons.numbers and t.lower_ not in RANGE_WORDS
            for t in ent_words
        )
    return False


def figure_head(doc: Doc, figure: Figure) -> Token:
    """The token of the number phrase whose head lies outside it."""
    for token in doc[figure.start : figure.end]:
        if not figure.start <= token.head.i < figure.end or token.head.i == token.i:
            return token
    return doc[figure.end - 1]


def counted_noun(
    doc: Doc, figure: Figure, head: Token, lexicons: Lexicons
) -> tuple[Token | None, tuple[int, int] | None, str | None]:
    """(the token the parse places the count at, the object phrase's token span, a force unit).
    "18 security personnel" -> personnel; "Dozens of people" -> Dozens, object "people";
    "a brigade of airborne forces" -> brigade, object "airborne forces", unit "brigade"."""
    noun = head.head
    if noun.pos_ == "ADJ" and noun.i == figure.end and (noun.lower_, "adj") in lexicons.triggers:
        return noun, None, None  # "8 men shot, 2 dead", "1 dead, 3 hurt": it modifies its trigger
    if (
        head.dep_ in MODIFIER_DEPS
        and noun.pos_ in ("NOUN", "PROPN", "ADJ")
        and noun.i >= figure.end
        and noun.i - figure.end < MAX_OBJECT_TOKENS
        and not any(t.text == "," for t in doc[figure.end : noun.i])  # "Three injured, gunman"
    ):
        lemma = noun.lemma_.lower()
        if lexicons.units.get(lemma) in NOT_COUNTED or noun.ent_type_ in NAMED_NOT_PEOPLE:
            return None, None, None
        if noun.i > figure.end and lexicons.units.get(doc[figure.end].lower_) == "measure":
            return None, None, None  # "a 2 yo boy": the figure measures, the noun is counted
        if any(t.lower_ in ARTICLES for t in doc[figure.end : noun.i]):
            return None, None, None  # "Image 1 of 1 An 11-month-old girl": the noun has its own
        if lexicons.units.get(lemma) == "force":
            of_object = partitive_object(noun)
            return noun, of_object, lemma
        if noun.pos_ == "ADJ" and noun.lower_ != "old":
            return None, None, None
        start = figure.end
        while start < noun.i and (doc[start].is_punct or doc[start].lower_ == "more"):
            start += 1
        return noun, (start, noun.i + 1), None
    if head.pos_ in ("NOUN", "NUM", "PRON", "ADJ", "DET") or head.dep_ in NOMINAL_DEPS:
        if head.dep_ in MODIFIER_DEPS and head.head.i < head.i and not has_participle(head):
            return None, None, None  # "Highway 40", "Chapter 11"; not "1 dead, 3 injured"
        return head, partitive_object(head), None
    return None, None, None


def has_participle(token: Token) -> bool:
    """ "3 critically injured": a participle after the figure says what it counts."""
    return any(
        c.dep_ in ("acl", "amod") and c.i > token.i and c.tag_ == "VBN" for c in token.children
    )


def partitive_object(noun: Token) -> tuple[int, int] | None:
    """The noun phrase after "of" ("Dozens of people", "two of the victims"), as a token span."""
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                target = objects[0]
                start = min(t.i for t in target.subtree if t.i <= target.i)
                while start < target.i and (
                    target.doc[start].is_punct or target.doc[start].dep_ == "det"
                ):
                    start += 1
                return start, target.i + 1
    return None


# --- the trigger ---------------------------------------------------------------------------

Found = tuple[str, Token | None, bool]  # (type, trigger token, cumulative)


def classify(counted: Token, lexicons: Lexicons) -> Found | None:
    """The type of what `counted` stands for, from the verb or modifier the parse ties it to."""
    if is_alternative(counted):
        return None  # "either his brother or a friend was dead": one of them, not another
    found = modifier_trigger(counted, lexicons)
    for conjunct in (c for c in counted.conjuncts if c.i > counted.i and c.dep_ == "conj"):
        # "a girl and a woman wounded by gunfire": the participle is the last one's, and both's
        found = found or modifier_trigger(conjunct, lexicons)
    if found:
        return found
    node = counted
    while node.dep_ == "conj" and node.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ"):
        node = node.head  # "18 personnel and 26 criminals had been killed": the verb is shared
    if node.dep_ in ("nsubj", "nsubjpass") and has_nearer_subject(node):
        return None  # "A judge ordered ... after a boy was shot": the boy is the subject
    if node.dep_ == "nsubjpass":
        found = verb_trigger(node.head, lexicons, passive=True)
    elif node.dep_ == "nsubj":
        found = verb_trigger(node.head, lexicons, passive=False)
    elif node.dep_ in ("dobj", "oprd"):
        found = object_trigger(node, lexicons)
    elif node.dep_ in ("pobj", "attr"):
        found = total_trigger(node, lexicons) or death_of(node, lexicons)
    elif node.dep_ == "conj" and node.lower_ in REFLEXIVES and node.head.pos_ in ("VERB", "AUX"):
        found = object_trigger(node, lexicons)  # "killed his wife and then himself"
    elif is_second_object(node):
        found = object_trigger(node, lexicons)  # "shooting a 2-year-old and a 16-year-old"
    if found or has_clause(counted):
        return found
    return noun_trigger(counted, lexicons)


def is_alternative(noun: Token) -> bool:
    """A noun joined to the one before it by "or" ("his brother or a friend", "a man or
    woman"): the same person, named another way, not a second one."""
    return noun.dep_ == "conj" and any(
        c.dep_ == "cc" and c.lower_ in ("or", "nor") and c.i < noun.i for c in noun.head.children
    )


def has_nearer_subject(node: Token) -> bool:
    """Another subject of the same verb stands between the noun and the verb: the parser gave
    the verb two subjects, and the nearer one is its own."""
    verb = node.head
    return any(c.dep_ == node.dep_ and node.i < c.i < verb.i for c in verb.children)


def is_second_object(node: Token) -> bool:
    """A noun the parser joins to the verb instead of to its object ("charged with shooting a
    2-year-old and a 16-year-old": "old" a conjunct of "shooting"): a second object."""
    return (
        node.dep_ == "conj"
        and node.pos_ in ("NOUN", "PROPN", "ADJ")
        and node.head.pos_ == "VERB"
        and any(c.dep_ == "dobj" and c.i < node.i for c in node.head.children)
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in node.children)
    )


def modifier_trigger(noun: Token, lexicons: Lexicons) -> Found | None:
    """ "hundreds more injured", "six people killed in", "people who died"."""
    for child in noun.children:
        if child.dep_ == "amod" and any(t.text == "," for t in noun.doc[noun.i : child.i]):
            continue  # "Two injured, shooter dead": another phrase's adjective
        if child.dep_ == "acl" and has_own_subject(child):
            continue  # "a report that a baby had been shot": the clause tells of someone else
        if child.dep_ in ("amod", "acl") and child.i > noun.i and child.tag_ not in ("VB", "VBZ"):
            # an "acl" participle the tagger read as a past tense is one ("sons shot to death")
            participle = child.tag_ == "VBN" or child.dep_ == "acl" and child.tag_ == "VBD"
            # "a gun shot a 13-year-old": a verb with an object of its own is active, not the
            # noun's participle
            participle = participle and not has_own_object(child)
            found = word_trigger(child, lexicons, passive=participle)
            if not found and child.dep_ == "acl" and participle:
                found = verb_trigger(child, lexicons, passive=True)  # "2 children found dead"
        elif child.dep_ == "prep" and child.lower_ in ("in", "with"):
            # "2-year-old in critical condition", "a man with a gunshot wound"
            found = state_trigger(child, lexicons)
        elif child.dep_ == "relcl" and not has_own_subject(child):
            passive = any(c.dep_ == "nsubjpass" for c in child.children)
            found = verb_trigger(child, lexicons, passive=passive)
        else:
            continue
        if found:
            return found
    return None


def has_own_subject(clause: Token) -> bool:
    """ "the complex where a child was shot": the clause is about another noun, not its head."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and c.tag_ not in ("WDT", "WP", "WP$")
        and c.lower_ != "that"
        for c in clause.children
    )


def has_clause(noun: Token) -> bool:
    """ "several protesters who spoke to the media": the clause picks out some of them."""
    return any(c.dep_ in ("relcl", "acl") for c in noun.children)


def word_trigger(token: Token, lexicons: Lexicons, passive: bool) -> Found | None:
    """One verb or adjective as a trigger, by its role: a patient trigger needs `passive`."""
    if any(c.dep_ == "neg" for c in token.children) or is_counterfactual(token):
        return None  # "was not injured", "could have died"
    lemma = token.lemma_.lower()
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    if particles and (f"{lemma}_{particles[0]}", "verb") in lexicons.triggers:
        lemma = f"{lemma}_{particles[0]}"  # "passed away"
    # "are missing" comes as a VBG verb; "killed" stays a verb ("a bombing killed" is active)
    adjectival = (
        token.pos_ == "ADJ" or token.dep_ in ("amod", "acomp", "oprd") or token.tag_ == "VBG"
    )
    for part in ("adj", "verb") if adjectival else ("verb",):
        trigger = lexicons.triggers.get((token.lower_ if part == "adj" else lemma, part))
        if trigger is None and part == "adj":
            trigger = lexicons.triggers.get((lemma, part))
        if trigger is None or not trigger.type:
            continue
        if part == "verb" and trigger.role == "patient" and not passive:
            continue
        if part == "verb" and trigger.role == "agent" and passive:
            continue
        kind = refine_shooting(token, trigger.type, lexicons)
        if kind in ("killed", "injured") and is_either_or(token, lexicons):
            kind = "casualties"  # "killing or wounding 50"
        return kind, token, trigger.cumulative
    return None


def is_counterfactual(verb: Token) -> bool:
    """ "could have died", "would've been killed", "nearly died": what did not happen."""
    auxiliaries = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a in COUNTERFACTUAL_MODALS for a in auxiliaries) and any(
        a in ("have", "'ve", "of") for a in auxiliaries
    ):
        return True
    return any(c.dep_ == "advmod" and c.lower_ in ALMOST for c in verb.children)


def refine_shooting(verb: Token, kind: str, lexicons: Lexicons) -> str:
    """ "shot" counts casualties, but "fatally shot" / "shot dead" / "shot and killed" count
    the dead and "shot and wounded" the injured."""
    if kind not in ("casualties", "injured"):
        return kind
    for child in verb.children:
        if child.lower_ in FATALLY:
            return "killed"
        if kind != "casualties":
            continue
        if child.dep_ == "prep" and any(c.lemma_ == "death" for c in child.children):
            return "killed"  # "shot himself to death"
        if (
            child.dep_ in ("conj", "oprd", "acomp", "advcl", "xcomp")
            and not has_subject(child)
            and not has_own_object(child)
        ):
            # "shot and killed", "shot dead", "shot himself and died"
            found = word_trigger(child, lexicons, passive=True) or word_trigger(
                child, lexicons, passive=False
            )
            if found and found[0] in ("killed", "injured"):
                return found[0]
    return kind


def has_own_object(verb: Token) -> bool:
    """ "shoots 4 relatives, killing 2": the second verb counts some of them, not all."""
    return any(c.dep_ == "dobj" and c.lower_ not in REFLEXIVES for c in verb.children)


def has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def is_reflexive(verb: Token) -> bool:
    """ "shot himself": the subject is the one acted on."""
    return any(c.dep_ == "dobj" and c.lower_ in REFLEXIVES for c in verb.children)


def is_either_or(verb: Token, lexicons: Lexicons) -> bool:
    """ "killing or wounding": the second verb of an "or" pair of kill and injure verbs."""
    if verb.dep_ != "conj" or not any(c.lower_ == "or" for c in verb.head.children):
        return False
    trigger = lexicons.triggers.get((verb.head.lemma_.lower(), "verb"))
    return trigger is not None and trigger.type in ("killed", "injured")


def verb_trigger(verb: Token, lexicons: Lexicons, passive: bool) -> Found | None:
    """The clause's verb, or a verb/adjective it embeds ("were reported killed", "is dead",
    "was in critical condition", "suffered injuries", "are believed to have died")."""
    found = word_trigger(verb, lexicons, passive or is_reflexive(verb) or is_reduced_passive(verb))
    if not found and not passive and is_untagged_passive(verb):
        found = word_trigger(verb, lexicons, passive=True)  # a patient verb: "Two teens shot"
    if found:
        return found
    for child in verb.children:
        if child.dep_ in ("xcomp", "oprd", "acomp", "attr"):
            found = word_trigger(child, lexicons, passive=passive or child.tag_ == "VBN")
            if not found and child.dep_ == "xcomp":
                found = verb_trigger(child, lexicons, passive)
        elif child.dep_ == "prep" and child.lower_ == "in" and verb.lemma_ in COPULAS:
            found = state_trigger(child, lexicons)
        elif child.dep_ == "prep" and child.lower_ == "with" and passive:
            found = state_trigger(child, lexicons)  # "was found with a gunshot wound"
        elif child.dep_ == "dobj" and (verb.lemma_.lower(), "experience") in lexicons.triggers:
            found = noun_trigger(child, lexicons)
        else:
            continue
        if found:
            return found
    if verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children):
        return None
    return None


def is_reduced_passive(verb: Token) -> bool:
    """ "Two wounded in shooting": a headline's participle without an auxiliary or an object is
    a passive whose "were" was dropped."""
    return verb.tag_ == "VBN" and not any(
        c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children
    )


# what an active "shot" without an object is aimed at: "two men shot at police" fired
AIMED = {"at", "into", "through", "toward", "towards", "back", "up", "out", "off", "from"}


def is_untagged_passive(verb: Token) -> bool:
    """A reduced passive the tagger reads as a past tense ("Two teens shot near the
    fairgrounds", "a dozen others wounded"): no auxiliary, object or complement of its own, and
    not aimed somewhere ("shot at police")."""
    return verb.tag_ == "VBD" and not any(
        c.dep_ in ("aux", "auxpass", "dobj", "xcomp", "attr", "acomp", "dative", "prt")
        or c.lower_ in AIMED
        or c.dep_ == "ccomp"
        and c.i > verb.i
        for c in verb.children
    )


def state_trigger(preposition: Token, lexicons: Lexicons) -> Found | None:
    """ "in critical condition", "in hospital": the subject is injured; "with a gunshot
    wound": the subject was shot."""
    part = "state" if preposition.lower_ == "in" else "with"
    for child in preposition.children:
        trigger = lexicons.triggers.get((child.lemma_.lower(), part))
        if child.dep_ == "pobj" and trigger is not None:
            return trigger.type, child, False
    return None


def object_trigger(node: Token, lexicons: Lexicons) -> Found | None:
    """The figure is a verb's object: "killing six", "arrested 40 people", "left dozens dead",
    "the death toll reached 164"."""
    verb = node.head
    found = word_trigger(verb, lexicons, passive=True)
    if found:
        return found
    for child in verb.children:
        if child.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and child.i > node.i:
            found = word_trigger(child, lexicons, passive=True)
            if found:
                return found
    return subject_total(verb, lexicons)


def death_of(node: Token, lexicons: Lexicons) -> Found | None:
    """ "the death of a 49-year-old man", "the shooting death of his son"."""
    preposition = node.head
    if node.dep_ != "pobj" or preposition.lower_ != "of":
        return None
    trigger = lexicons.triggers.get((preposition.head.lemma_.lower(), "noun"))
    if trigger is not None and trigger.type == "killed" and preposition.head.tag_ == "NN":
        return "killed", preposition.head, False
    return None


def total_trigger(node: Token, lexicons: Lexicons) -> Found | None:
    """ "the death toll rose to 164", "the toll stood at 12", "the death toll is 164"."""
    verb = node.head.head if node.dep_ == "pobj" else node.head
    if node.dep_ == "pobj" and node.head.lower_ not in ("to", "at"):
        return None
    return subject_total(verb, lexicons)


def subject_total(verb: Token, lexicons: Lexicons) -> Found | None:
    """A running total named by the verb's subject ("the death toll", "the number of dead")."""
    for subject in verb.children:
        if subject.dep_ not in ("nsubj", "nsubjpass"):
            continue
        trigger = lexicons.triggers.get((subject.lemma_.lower(), "total"))
        if trigger is not None:
            return trigger.type, subject, True
        if subject.lemma_.lower() in ("number", "tally", "total", "count"):
            of_object = partitive_object(subject)
            if of_object is not None:
                found = noun_trigger(subject.doc[of_object[1] - 1], lexicons)
                if found:
                    return found[0], found[1], True
    return None


def noun_trigger(noun: Token, lexicons: Lexicons) -> Found | None:
    """The counted noun names its type itself: "164 fatalities", "3,000 troops", "40 arrests"."""
    for lemma in (noun.lemma_.lower(), noun.lower_):
        for part in ("noun", "adj"):
            trigger = lexicons.triggers.get((lemma, part))
            if trigger is not None and trigger.type:
                return trigger.type, noun, trigger.cumulative
    return None


# --- links ---------------------------------------------------------------------------------


def link_count(
    doc: Doc, count: Count, mentions: list[Mention], places: list[Place], times: list[TimeExpr]
) -> None:
    """The entity counted (a mention overlapping the object), and the time and place the
    figure's sentence gives (the one nearest its trigger)."""
    target = count.object_span or count.span
    for mention in mentions:
        if mention.span[0] < target[1] and target[0] < mention.span[1]:
            count.entity_id = mention.entity_id
            break
    sentence = sentence_of(doc, count.span[0])
    anchor = count.trigger_span[0] if count.trigger_span else count.span[0]
    count.time_id = nearest_in(sentence, anchor, times)
    count.place_id = nearest_in(sentence, anchor, places)


def sentence_of(doc: Doc, char: int) -> Span:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.sent if span is not None else doc[:]


def nearest_in(sentence: Span, anchor: int, records: list) -> str | None:
    """The id of the record inside the sentence closest to the anchor character."""
    inside = [
        r for r in records if sentence.start_char <= r.span[0] and r.span[1] <= sentence.end_char
    ]
    if not inside:
        return None
    return min(inside, key=lambda r: abs(r.span[0] - anchor)).id
