"""Stage: actors — people, organizations, groups, countries, media — with all their mentions
clustered, and each actor's title, affiliation, country and PLOVER sector.

No coreference model ships offline, so clustering is built from what the parse and the text
give: full names and surnames, acronyms and their expansions, known aliases, group nouns from a
lexicon, definite descriptions ("the Kazakh leader", "the organization") and third-person
pronouns linked to the most recent compatible person. Every rule keeps to the near context
(the same or the previous two paragraphs) because that is where news text resolves them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.analyze.countries import iso3_for
from newsgraph.analyze.textspans import (
    doc_text,
    inside_any,
    paragraph_index,
    paragraph_starts,
    quoted_ranges,
)
from newsgraph.ontology import read_data_lines, read_data_table
from newsgraph.records import Entity, Mention, Place

# How far back (in paragraphs) a pronoun or a description looks for its antecedent.
ANTECEDENT_PARAGRAPHS = 2
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}  # fmt: skip
ORGANIZATION_PRONOUNS = {"it", "its", "itself"}
NO_COUNTRY_MODIFIERS = {"international", "foreign", "global", "western", "world"}
# Groups and offices that belong to the article's own country unless the text says otherwise.
DOMESTIC_SECTORS = {"CVL", "COP", "MIL", "GOV", "CRM", "REB", "OPP", "LAB", "EDU", "BUS", "UAF"}
SECURITY_GROUPS = {"security forces", "police", "military"}
CIVILIAN_GROUP_SECTORS = {"CVL", "OPP", "LAB", "EDU", "BUS", "REF"}
_ACRONYM = re.compile(r"((?:[A-Z][\w'’-]*\s+)(?:(?:of|for|the|and|on|in|de|[A-Z][\w'’-]*)\s+)*"
                      r"[A-Z][\w'’-]*)\s+\(([A-Z][A-Z.&-]{1,9})\)")  # fmt: skip
_POSSESSIVE = re.compile(r"(?:['’]s?)$")


@dataclass(frozen=True)
class OrgInfo:
    name: str
    kind: str
    sector: str
    country: str | None


@dataclass(frozen=True)
class Lexicons:
    actor_nouns: dict[str, tuple[str, str, str]]  # lemma phrase -> (group, kind, sector)
    person_nouns: dict[str, tuple[str, str | None]]  # lemma -> (gender, sector)
    titles: dict[str, str | None]  # title -> sector
    title_words: frozenset[str]  # every word of every title ("prime", "minister")
    organizations: dict[str, OrgInfo]  # name or alias -> info
    org_keywords: dict[str, tuple[str, str]]  # word -> (kind, sector)
    organization_nouns: frozenset[str]  # "the company" refers back to an organization
    legal_suffixes: frozenset[str]  # "Inc.", "PLC": dropped when comparing names


@cache
def load_lexicons(language: str = "en") -> Lexicons:
    """The actor lexicons of ontology/data/<language>/, loaded once."""
    titles = {
        title: None if sector == "-" else sector
        for title, sector in read_data_table("person_titles.tsv", language, 2)
    }
    orgs: dict[str, OrgInfo] = {}
    for name, aliases, kind, sector, country in read_data_table("organizations.tsv", language, 5):
        info = OrgInfo(name, kind, sector, None if country in ("", "-") else country)
        for alias in [name, *filter(None, aliases.split(";"))]:
            orgs[alias] = info
    return Lexicons(
        actor_nouns={
            phrase: (group, kind, sector)
            for phrase, group, kind, sector in read_data_table("actor_nouns.tsv", language, 4)
        },
        person_nouns={
            lemma: (gender, None if sector == "-" else sector)
            for lemma, gender, sector in read_data_table("person_nouns.tsv", language, 3)
        },
        titles=titles,
        title_words=frozenset(word for title in titles for word in title.split()),
        organizations=orgs,
        org_keywords={
            word: (kind, sector)
            for word, kind, sector in read_data_table("organization_keywords.tsv", language, 3)
        },
        organization_nouns=frozenset(read_data_lines("organization_nouns.tsv", language)),
        legal_suffixes=frozenset(read_data_lines("legal_suffixes.txt", language)),
    )


@dataclass
class Draft:
    """A mention before clustering: token span, how it refers, and what it says of its actor."""

    start: int  # token indices into the Doc
    end: int
    kind: str  # name | surname | acronym | description | pronoun | group | anonymous
    entity_kind: str  # person | organization | media | group | country
    key: str | None = None  # the cluster key; None until resolved
    sector: str | None = None
    country: str | None = None  # ISO alpha-3
    title: str | None = None
    gender: str | None = None
    canonical: str | None = None  # a known name for the cluster
    place_id: str | None = None
    affiliation_token: int | None = None  # a token inside the affiliated actor's mention
    anonymous: bool = False
    confidence: float = 0.8


@Language.factory(
    "newsgraph_entities",
    requires=["doc.ents", "doc._.places"],
    assigns=["doc._.entities", "doc._.mentions"],
)
def make_entities(nlp: Language, name: str) -> EntityStage:
    return EntityStage()


class EntityStage:
    """Finds actor mentions, clusters them into entities and fills their attributes."""

    def __call__(self, doc: Doc) -> Doc:
        entities, mentions = extract_entities(doc, doc._.places or [], load_lexicons())
        doc._.entities, doc._.mentions = entities, mentions
        return doc


def extract_entities(
    doc: Doc, places: list[Place], lexicons: Lexicons
) -> tuple[list[Entity], list[Mention]]:
    """Entities and their mentions for one parsed document."""
    context = Context.build(doc, places)
    drafts = drop_overlaps(
        collect_named(doc, context, lexicons)
        + collect_known_organizations(doc, context, lexicons)
        + collect_groups(doc, context, lexicons)
        + collect_anonymous(doc, context, lexicons)
        + collect_descriptions(doc, context, lexicons)
        + collect_pronouns(doc, context)
    )
    assign_name_keys(doc, drafts, lexicons)
    resolve_references(doc, drafts, context)
    affiliate_anonymous(doc, drafts, context)
    return build_entities(doc, [d for d in drafts if d.key], context, lexicons)


@dataclass
class Context:
    """What the rules look up often, computed once per document."""

    paragraphs: list[int]
    quotes: list[tuple[int, int]]
    place_by_token: dict[int, Place]
    focus_country: str | None  # ISO alpha-3 of the focus place

    @classmethod
    def build(cls, doc: Doc, places: list[Place]) -> Context:
        place_by_token: dict[int, Place] = {}
        for place in places:
            span = doc.char_span(*place.span, alignment_mode="expand")
            for token in span or []:
                place_by_token[token.i] = place
        focus = next((p for p in places if p.id == doc._.focus_place_id), None)
        return cls(
            paragraphs=paragraph_starts(doc_text(doc)),
            quotes=quoted_ranges(doc_text(doc)),
            place_by_token=place_by_token,
            focus_country=iso3_for(focus.country) if focus and focus.country else None,
        )

    def paragraph_of(self, doc: Doc, token_index: int) -> int:
        return paragraph_index(self.paragraphs, doc[token_index].idx)

    def country_of_tokens(self, tokens: list[Token]) -> str | None:
        """The country named by a place or demonym among `tokens` ("Russian", "Kazakhstan")."""
        for token in tokens:
            place = self.place_by_token.get(token.i)
            if place is not None and place.country:
                return iso3_for(place.country)
        return None


# --- collecting mentions -------------------------------------------------------------------


def collect_named(doc: Doc, context: Context, lexicons: Lexicons) -> list[Draft]:
    """PERSON, ORG and country GPE entities from the NER (after the NER-fix stage)."""
    drafts = []
    place_names = {p.text for p in context.place_by_token.values() if p.geonames_id}
    for ent in merge_adjacent_persons(doc):
        span = trim_possessive(ent)
        if span is None:
            continue
        place = context.place_by_token.get(span.start)
        if span.text in place_names and ent.label_ in ("PERSON", "ORG"):
            continue  # "Comas" tagged PERSON once and resolved as a place elsewhere
        if ent.label_ == "PERSON" and place is None:
            drafts.append(person_name_draft(doc, span, context, lexicons))
        elif ent.label_ == "ORG" and place is None and not precedes_title(span, lexicons):
            drafts.append(organization_draft(span, context, lexicons))
        elif ent.label_ in ("GPE", "LOC") and is_country_actor(span, place):
            drafts.append(country_draft(span, place))
    return drafts


def precedes_title(span: Span, lexicons: Lexicons) -> bool:
    """ "Interior Minister X": the ORG word is part of X's title, not an actor of its own."""
    following = span.doc[span.end] if span.end < len(span.doc) else None
    return following is not None and following.lower_ in lexicons.title_words


def merge_adjacent_persons(doc: Doc) -> list[Span]:
    """The NER sometimes splits a long name ("Marisol Quispe" + "Huamán"): PERSON entities
    with nothing between them are one name."""
    merged: list[Span] = []
    for ent in doc.ents:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.label_ == ent.label_ == "PERSON"
            and (previous.end == ent.start)
        ):
            merged[-1] = Span(doc, previous.start, ent.end, label="PERSON")
        else:
            merged.append(ent)
    return merged


def is_country_actor(span: Span, place: Place | None) -> bool:
    """A country named as a participant, not as a modifier ("Kazakhstan President")."""
    is_country = place is not None and place.precision == "country"
    return is_country and span.root.dep_ not in ("compound", "amod", "poss")


def trim_possessive(span: Span) -> Span | None:
    """The entity without a trailing possessive ("Tokayev’s" -> "Tokayev") or leading "the"."""
    start, end = span.start, span.end
    while end > start and span.doc[end - 1].tag_ == "POS":
        end -= 1
    if end > start and span.doc[start].lower_ == "the":
        start += 1
    return span.doc[start:end] if end > start else None


def person_name_draft(doc: Doc, span: Span, context: Context, lexicons: Lexicons) -> Draft:
    title_tokens, country_tokens = preceding_title(doc, span.start, context, lexicons)
    title = " ".join(t.text for t in title_tokens) or None
    draft = Draft(
        span.start,
        span.end,
        "name" if len(span) > 1 else "surname",
        "person",
        title=title,
        sector=lexicons.titles.get(title.lower()) if title else None,
        country=context.country_of_tokens(country_tokens),
        confidence=0.9,
    )
    attach_apposition(doc, span, draft, lexicons)
    return draft


def preceding_title(
    doc: Doc, start: int, context: Context, lexicons: Lexicons
) -> tuple[list[Token], list[Token]]:
    """Title words and place words right before a name: "Kazakhstan President [Tokayev]"."""
    titles: list[Token] = []
    places: list[Token] = []
    index = start - 1
    while index >= 0 and doc[index].pos_ in ("PROPN", "NOUN", "ADJ") and doc[index].dep_ in (
        "compound", "amod", "nmod"
    ):  # fmt: skip
        token = doc[index]
        if token.i in context.place_by_token:
            places.insert(0, token)
        elif token.lower_ in lexicons.title_words:
            titles.insert(0, token)
        elif titles and token.pos_ == "PROPN" and token.ent_type_ in ("ORG", ""):
            titles.insert(0, token)  # "Interior" in "Interior Minister", a department
        else:
            break
        index -= 1
    return titles, places


def attach_apposition(doc: Doc, name: Span, draft: Draft, lexicons: Lexicons) -> None:
    """Title and affiliation from an apposition: "the organization's secretary-general,
    Stanislav Zas", "Marie Struthers, Amnesty's director for Eastern Europe", or from
    "Paul Stronski of the Carnegie Endowment"."""
    left = left_apposition(doc, name.start, lexicons)
    if left is not None:
        title, possessor = left
        draft.title = draft.title or title
        draft.sector = draft.sector or lexicons.titles.get(title.lower())
        draft.affiliation_token = possessor
    title_noun = next((c for c in name.root.children if c.dep_ == "appos" and c.tag_ == "NN"),
                      None)  # fmt: skip
    if title_noun is not None and title_noun.lemma_.lower() in lexicons.titles:
        draft.title = draft.title or title_phrase(title_noun)
        draft.sector = draft.sector or lexicons.titles.get(title_noun.lemma_.lower())
        possessor = next((c for c in title_noun.children if c.dep_ == "poss"), None)
        if possessor is not None:
            draft.affiliation_token = possessor.i
    for child in name.root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
            if target is not None and target.ent_type_ == "ORG":
                draft.affiliation_token = target.i


def left_apposition(doc: Doc, name_start: int, lexicons: Lexicons) -> tuple[str, int | None] | None:
    """ "<possessor>'s <title>, <Name>": the title text and the possessor's head token. Read
    from the surface, since the small parser splits "secretary-general" and misattaches it."""
    if name_start < 2 or doc[name_start - 1].text != ",":
        return None
    index = name_start - 2
    while index >= 0 and (doc[index].pos_ in ("NOUN", "ADJ") or doc[index].tag_ == "HYPH"):
        index -= 1
    title_span = doc[index + 1 : name_start - 1]
    title = title_span.text.replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    if not title_span or title.lower() not in lexicons.titles:
        return None
    possessor = doc[index - 1] if index >= 1 and doc[index].tag_ == "POS" else None
    return title, possessor.i if possessor is not None else None


def title_phrase(noun: Token) -> str:
    """The title noun with its modifiers and "for/of" complements, without the possessor:
    "Amnesty's director for Eastern Europe and Central Asia" -> "director for Eastern ..."."""
    keep = [noun]
    for child in noun.children:
        modifier = child.dep_ in ("compound", "amod") and child.i < noun.i
        complement = child.dep_ == "prep" and child.lower_ in ("for", "of") and child.i > noun.i
        if modifier or complement:
            keep.extend(child.subtree)
    tokens = sorted(keep, key=lambda t: t.i)
    return noun.doc[tokens[0].i : tokens[-1].i + 1].text


def organization_draft(span: Span, context: Context, lexicons: Lexicons) -> Draft:
    info = lexicons.organizations.get(span.text)
    if info is not None:
        return Draft(span.start, span.end, "name", info.kind, sector=info.sector,
                     country=info.country, canonical=info.name, confidence=0.9)  # fmt: skip
    kind, sector = organization_kind(span, lexicons)
    country = context.country_of_tokens(list(span))
    return Draft(span.start, span.end, "acronym" if span.text.isupper() else "name", kind,
                 sector=sector, country=country)  # fmt: skip


def organization_kind(span: Span, lexicons: Lexicons) -> tuple[str, str | None]:
    """Kind and sector from the last keyword in the name ("Interior Ministry" -> GOV)."""
    for token in reversed(span):
        found = lexicons.org_keywords.get(token.lower_)
        if found:
            return found
    return "organization", None


def country_draft(span: Span, place: Place) -> Draft:
    return Draft(span.start, span.end, "name", "country", key=f"country:{place.geonames_id}",
                 country=iso3_for(place.country), canonical=place.name, place_id=place.id,
                 confidence=place.confidence)  # fmt: skip


def collect_known_organizations(doc: Doc, context: Context, lexicons: Lexicons) -> list[Draft]:
    """Known outlets and organizations the NER missed ("Sputnik", "TASS" as a non-entity)."""
    drafts = []
    for token in doc:
        info = lexicons.organizations.get(token.text)
        if info is None or token.ent_type_ in ("ORG", "PERSON") or not token.text[:1].isupper():
            continue
        drafts.append(Draft(token.i, token.i + 1, "name", info.kind, sector=info.sector,
                            country=info.country, canonical=info.name))  # fmt: skip
    return drafts


def collect_groups(doc: Doc, context: Context, lexicons: Lexicons) -> list[Draft]:
    """Group actors named by common nouns: "protesters", "Kazakh state media", "the army"."""
    drafts = []
    for token in doc:
        if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("PERSON", "ORG"):
            continue
        entry, phrase_start = match_actor_noun(token, lexicons)
        if entry is None or introduces_name(token, lexicons):
            continue
        group, kind, sector = entry
        start = group_start(token, phrase_start)
        modifiers = list(doc[start : token.i])
        no_country = any(t.lower_ in NO_COUNTRY_MODIFIERS for t in modifiers)
        country = None if no_country else context.country_of_tokens(modifiers)
        if country is None and not no_country and sector in DOMESTIC_SECTORS | {"JRN"}:
            country = context.focus_country
        qualifier = "international" if no_country and kind == "media" else (country or "")
        group = first_conjunct_group(token, group, lexicons)
        if kind == "organization":  # "the health ministry" and "the transport ministry" differ
            group = " ".join([*organization_modifiers(modifiers, context), group])
        drafts.append(Draft(start, token.i + 1, "group", kind, key=f"group:{group}:{qualifier}",
                            sector=sector, country=country, canonical=group,
                            confidence=0.7))  # fmt: skip
    return drafts


def organization_modifiers(modifiers: list[Token], context: Context) -> list[str]:
    """Words that tell one body from another ("health" ministry), not its country."""
    return [
        t.lower_
        for t in modifiers
        if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.i not in context.place_by_token
    ]


def match_actor_noun(token: Token, lexicons: Lexicons) -> tuple[tuple[str, str, str] | None, int]:
    """The longest lexicon phrase ending at `token` (compounds before it): ("law enforcement
    agency" -> security forces). Returns the entry and the phrase's first token index."""
    compounds = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
    starts = sorted({min(t.i for t in c.subtree) for c in compounds} | {c.i for c in compounds})
    for first in starts:
        words = [t.lemma_.lower() for t in token.doc[first : token.i + 1]]
        entry = lexicons.actor_nouns.get(" ".join(words))
        if entry:
            return entry, first
    for form in noun_forms(token):
        if form in lexicons.actor_nouns:
            return lexicons.actor_nouns[form], token.i
    return None, token.i


def noun_forms(token: Token) -> tuple[str, ...]:
    """Lemma-like forms to look up: a capitalised "Protesters" is tagged PROPN and keeps its
    plural lemma, so the singular is tried too."""
    lower = token.lower_
    return (token.lemma_.lower(), lower, lower[:-1] if lower.endswith("s") else lower)


def introduces_name(token: Token, lexicons: Lexicons) -> bool:
    """ "news agency TASS", "Sputnik news agency": the noun describes a named organization."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    named = [c for c in token.children if c.dep_ == "compound" and is_named_org(c, lexicons)]
    return bool(named) or (following is not None and is_named_org(following, lexicons))


def is_named_org(token: Token, lexicons: Lexicons) -> bool:
    return token.ent_type_ == "ORG" or token.text in lexicons.organizations


def group_start(head: Token, phrase_start: int) -> int:
    """Where a group mention starts: its determiners, numbers and modifiers ("18 security
    personnel", "Kazakh state media"), without a leading quotation mark."""
    phrase = head.doc[phrase_start : head.i + 1]
    left = [c for token in phrase for c in token.children if c.i < phrase_start and c.dep_ in
            ("det", "nummod", "amod", "compound", "quantmod", "npadvmod")]  # fmt: skip
    start = min([phrase_start, *(min(t.i for t in c.subtree) for c in left)])
    while start < head.i and head.doc[start].is_punct:
        start += 1
    return start


def first_conjunct_group(token: Token, group: str, lexicons: Lexicons) -> str:
    """In "law enforcement agencies and the army", both conjuncts are the security forces."""
    if token.dep_ != "conj" or group not in SECURITY_GROUPS:
        return group
    entry, _start = match_actor_noun(token.head, lexicons)
    return entry[0] if entry and entry[0] in SECURITY_GROUPS else group


def collect_anonymous(doc: Doc, context: Context, lexicons: Lexicons) -> list[Draft]:
    """Unnamed individuals: "one woman", "another man", "a witness" — each a new person, unless
    a dash or comma names them right away ("one man — Nursultan Nazarbayev")."""
    drafts = []
    for token in doc:
        entry = lexicons.person_nouns.get(token.lemma_.lower())
        if entry is None or token.pos_ != "NOUN" or token.tag_ in ("NNS", "NNPS"):
            continue
        determiner = next((c for c in token.children if c.dep_ in ("det", "nummod")
                           and c.lower_ in ("one", "another", "a", "an")), None)  # fmt: skip
        if determiner is None or names_follow(doc, token.i + 1):
            continue
        gender, sector = entry
        drafts.append(Draft(determiner.i, token.i + 1, "anonymous", "person",
                            key=f"anonymous:{token.i}", gender=None if gender == "-" else gender,
                            sector=sector or "CVL", country=context.focus_country,
                            canonical=doc[determiner.i : token.i + 1].text, anonymous=True,
                            confidence=0.7))  # fmt: skip
    return drafts


def names_follow(doc: Doc, index: int) -> bool:
    """A dash or comma and then a person's name: the noun phrase introduces a named person."""
    return (
        index + 1 < len(doc)
        and doc[index].text in ("—", "–", "-", ",", ":")
        and doc[index + 1].ent_type_ == "PERSON"
    )


def collect_descriptions(doc: Doc, context: Context, lexicons: Lexicons) -> list[Draft]:
    """Definite descriptions that refer back: "The Kazakh leader", "the organization"."""
    drafts = []
    for token in doc:
        lemma = token.lemma_.lower()
        is_person = lemma in lexicons.titles and token.pos_ == "NOUN"
        is_organization = lemma in lexicons.organization_nouns and token.pos_ == "NOUN"
        if not (is_person or is_organization) or token.tag_ in ("NNS", "NNPS"):
            continue
        determiner = next((c for c in token.children if c.dep_ == "det"), None)
        if determiner is None or determiner.lower_ != "the" or token.ent_type_:
            continue
        modifiers = list(doc[determiner.i + 1 : token.i])
        if any(t.pos_ == "PROPN" and t.i not in context.place_by_token for t in modifiers):
            continue  # "the Carnegie president" names someone else
        drafts.append(Draft(determiner.i, token.i + 1, "description",
                            "person" if is_person else "organization",
                            title=token.text if is_person else None,
                            sector=lexicons.titles.get(lemma) if is_person else None,
                            country=context.country_of_tokens(modifiers),
                            confidence=0.6))  # fmt: skip
    return drafts


def collect_pronouns(doc: Doc, context: Context) -> list[Draft]:
    """Third-person singular pronouns outside quotations (inside, they are the speaker's):
    he/she for people, it/its for organizations (never an expletive "it is …")."""
    drafts = []
    for token in doc:
        if token.pos_ != "PRON" or inside_any(context.quotes, token.idx, token.idx + len(token)):
            continue
        gender = PRONOUN_GENDER.get(token.lower_)
        if gender is not None:
            drafts.append(Draft(token.i, token.i + 1, "pronoun", "person", gender=gender,
                                confidence=0.6))  # fmt: skip
        elif token.lower_ in ORGANIZATION_PRONOUNS and not is_expletive(token):
            drafts.append(Draft(token.i, token.i + 1, "pronoun", "organization", confidence=0.5))
    return drafts


def is_expletive(token: Token) -> bool:
    """ "It is likely that …", "it was raining": an "it" that refers to nothing."""
    if token.lower_ != "it":
        return False
    return token.dep_ == "expl" or token.head.lemma_ in ("be", "seem", "appear", "take", "rain")


def drop_overlaps(drafts: list[Draft]) -> list[Draft]:
    """One mention per stretch of text: names beat groups, longer beats shorter."""
    rank = {"name": 0, "surname": 0, "acronym": 0, "anonymous": 1, "description": 2, "group": 3,
            "pronoun": 4}  # fmt: skip
    kept: list[Draft] = []
    taken: set[int] = set()
    for draft in sorted(drafts, key=lambda d: (rank[d.kind], -(d.end - d.start), d.start)):
        tokens = set(range(draft.start, draft.end))
        if tokens & taken:
            continue
        kept.append(draft)
        taken |= tokens
    return sorted(kept, key=lambda d: d.start)


# --- clustering ------------------------------------------------------------------------------


def assign_name_keys(doc: Doc, drafts: list[Draft], lexicons: Lexicons) -> None:
    """Keys for named mentions: full names, surnames, acronyms, aliases, name prefixes."""
    acronyms = acronym_expansions(doc_text(doc))
    full_names = {}
    for draft in drafts:
        if draft.entity_kind == "person" and draft.kind == "name":
            name = name_text(doc, draft)
            draft.key = f"person:{name}"
            for part in name.split()[1:]:  # "Salcedo" of "Rodrigo Salcedo Paz" too
                full_names.setdefault(part, draft.key)
    org_names = [name_text(doc, d) for d in drafts
                 if d.entity_kind in ("organization", "media") and d.kind == "name"]  # fmt: skip
    for draft in drafts:
        if draft.key is not None or draft.kind not in ("name", "surname", "acronym"):
            continue
        name = name_text(doc, draft)
        if draft.entity_kind == "person" and draft.kind == "surname":
            draft.key = full_names.get(name, f"person:{name}")
        elif draft.entity_kind in ("organization", "media"):
            suffixes = lexicons.legal_suffixes
            draft.key = f"org:{organization_key(name, draft, acronyms, org_names, suffixes)}"


def name_text(doc: Doc, draft: Draft) -> str:
    return _POSSESSIVE.sub("", doc[draft.start : draft.end].text).strip()


def organization_key(
    name: str, draft: Draft, acronyms: dict[str, str], names: list[str], suffixes: frozenset[str]
) -> str:
    """One key per organization: its known name, the expansion of its acronym, the name its
    initials spell ("GM" -> "General Motors"), or the longer name it abbreviates ("Amnesty" ->
    "Amnesty International"); legal suffixes and "U.S." spellings do not count."""
    if draft.canonical:
        return draft.canonical
    expansion = acronyms.get(name)
    if expansion:
        return comparable_name(expansion, suffixes)
    key = comparable_name(name, suffixes)
    others = {comparable_name(n, suffixes) for n in names} - {key}
    if key.isupper() and 2 <= len(key) <= 6:
        spelled = [n for n in others if initials(n) == key]
        if len(spelled) == 1:
            return spelled[0]
    longer = [n for n in others if n.split()[0] == key]
    return longer[0] if len(longer) == 1 else key


def comparable_name(name: str, suffixes: frozenset[str]) -> str:
    """ "the U.S. Air Force" -> "US Air Force"; "Apple Inc." -> "Apple"."""
    words = strip_article(name).replace("U.S.", "US").replace("U.K.", "UK").split()
    while len(words) > 1 and (words[-1] in suffixes or words[-1] == ","):
        words.pop()
    return " ".join(words).rstrip(",")


def initials(name: str) -> str:
    """ "General Motors" -> "GM"; "Royal Air Force" -> "RAF" (function words skipped)."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def acronym_expansions(text: str) -> dict[str, str]:
    """ "Long Name (LN)" pairs; when the text before the parenthesis is longer than the name
    ("the United Kingdom's Royal Air Force (RAF)"), the tail whose initials spell it."""
    pairs = {}
    for long_form, short in _ACRONYM.findall(text):
        words = long_form.split()
        tails = [" ".join(words[k:]) for k in range(len(words))]
        spelled = next((t for t in tails if initials(t) == short.replace(".", "")), None)
        pairs[short] = spelled or long_form
    return pairs


def strip_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def resolve_references(doc: Doc, drafts: list[Draft], context: Context) -> None:
    """Give pronouns and descriptions the key of their antecedent: the most recent compatible
    mention within ANTECEDENT_PARAGRAPHS paragraphs."""
    for position, draft in enumerate(drafts):
        if draft.key is not None:
            continue
        paragraph = context.paragraph_of(doc, draft.start)
        for candidate in reversed(drafts[:position]):
            if paragraph - context.paragraph_of(doc, candidate.start) > ANTECEDENT_PARAGRAPHS:
                break
            if candidate.key and compatible(draft, candidate, drafts):
                draft.key = candidate.key
                break


def compatible(reference: Draft, candidate: Draft, drafts: list[Draft]) -> bool:
    """Can `reference` (a pronoun or description) point at `candidate`'s actor?"""
    if reference.entity_kind == "organization":
        named = candidate.kind in ("name", "acronym", "description")
        return candidate.entity_kind in ("organization", "media") and named
    if candidate.entity_kind != "person" or candidate.kind == "pronoun":
        return False
    if reference.gender and candidate.gender and reference.gender != candidate.gender:
        return False
    if reference.kind == "description" and candidate.anonymous:
        return False
    if reference.country:
        countries = {d.country for d in drafts if d.key == candidate.key and d.country}
        return not countries or reference.country in countries
    return True


def affiliate_anonymous(doc: Doc, drafts: list[Draft], context: Context) -> None:
    """ "Several protesters … rejected that. 'We are neither thugs …,' one woman said": an
    unnamed individual belongs to the civilian group mentioned just before."""
    for position, draft in enumerate(drafts):
        if not draft.anonymous:
            continue
        paragraph = context.paragraph_of(doc, draft.start)
        for candidate in reversed(drafts[:position]):
            if paragraph - context.paragraph_of(doc, candidate.start) > ANTECEDENT_PARAGRAPHS:
                break
            if candidate.kind == "group" and candidate.sector in CIVILIAN_GROUP_SECTORS:
                draft.affiliation_token = candidate.start
                break


# --- entities --------------------------------------------------------------------------------


def build_entities(
    doc: Doc, drafts: list[Draft], context: Context, lexicons: Lexicons
) -> tuple[list[Entity], list[Mention]]:
    """One Entity per key, in order of first mention, with Mention records and attributes."""
    clusters: dict[str, list[Draft]] = defaultdict(list)
    for draft in drafts:
        clusters[draft.key].append(draft)
    entity_ids = {key: f"e{n}" for n, key in enumerate(clusters, start=1)}
    mentions, entities = [], []
    for key, members in clusters.items():
        entity_id = entity_ids[key]
        mention_ids = []
        for draft in members:
            span = doc[draft.start : draft.end]
            mention_id = f"m{len(mentions) + 1}"
            mentions.append(Mention(mention_id, (span.start_char, span.end_char), span.text,
                                    entity_id, draft.kind))  # fmt: skip
            mention_ids.append(mention_id)
        entities.append(make_entity(doc, entity_id, members, mention_ids))
    link_affiliations(doc, entities, clusters, entity_ids, mentions)
    fill_domestic_country(entities, context)
    return entities, mentions


def make_entity(doc: Doc, entity_id: str, members: list[Draft], mention_ids: list[str]) -> Entity:
    named = [d for d in members if d.kind in ("name", "surname", "acronym")]
    first = members[0]
    name = next((d.canonical for d in members if d.canonical), None) or (
        max((name_text(doc, d) for d in named), key=len) if named else name_text(doc, first)
    )
    kind = next((d.entity_kind for d in named), first.entity_kind)
    if kind == "organization" and first.kind == "group":
        kind = "group"
    return Entity(
        id=entity_id,
        name=name,
        kind=kind,
        mention_ids=mention_ids,
        title=next((d.title for d in members if d.title), None),
        country=next((d.country for d in members if d.country), None),
        sector=next((d.sector for d in members if d.sector), None),
        place_id=next((d.place_id for d in members if d.place_id), None),
        anonymous=all(d.anonymous or d.kind == "pronoun" for d in members),
        confidence=max(d.confidence for d in members),
    )


def link_affiliations(
    doc: Doc,
    entities: list[Entity],
    clusters: dict[str, list[Draft]],
    entity_ids: dict[str, str],
    mentions: list[Mention],
) -> None:
    """Affiliation from the appositions found earlier; sector and country follow it."""
    by_id = {e.id: e for e in entities}
    token_entity = {}
    for mention in mentions:
        span = doc.char_span(*mention.span)
        for token in span or []:
            token_entity[token.i] = mention.entity_id
    for key, members in clusters.items():
        entity = by_id[entity_ids[key]]
        for draft in members:
            target = token_entity.get(draft.affiliation_token) if draft.affiliation_token else None
            if target and target != entity.id:
                affiliated = by_id[target]
                entity.affiliation, entity.affiliation_name = affiliated.id, affiliated.name
                entity.sector = entity.sector or affiliated.sector
                break


def fill_domestic_country(entities: list[Entity], context: Context) -> None:
    """State officials with no country named get the article's country ("the longtime
    president" of a Kazakhstan story); others stay unknown rather than guessed."""
    for entity in entities:
        is_official = entity.kind == "person" and entity.sector in ("GOV", "MIL", "COP")
        if entity.country is None and is_official:
            entity.country = context.focus_country
