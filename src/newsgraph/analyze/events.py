"""Stage: political and violent events, typed in PLOVER, built from the earlier stages' records.

A trigger word from ontology/data/en/event_triggers.tsv ("stormed", "protests", "detained",
"opened fire") starts an event; the dependency parse gives its actors (subject and object, the
agent of a passive, "by"/"against"/"on" phrases of a noun), an instrument its mode ("killed in a
bomb blast"), and the words above it its modality ("ordered ... to open fire", "threatened to",
"did not", "reportedly"). Actors are the entities stage's entities where a mention covers the
argument; place, time, counts, the claim the event rests on and the quotes about it come from the
places, dates, counts and quotes stages. Reports of one event within the article (the lead and
the body) are merged into one record. PLOVER types and modes map to CAMEO and ACLED through
newsgraph.ontology.events.

Precision over recall: a word that is an event only with a certain argument ("released
prisoners", not "released a video") says so in the lexicon, and nouns that merely name a kind of
event ("an agreement", "talks") need an argument or a verb that makes them happen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.analyze.countries import iso3_for
from newsgraph.analyze.counts import conjunction_root
from newsgraph.analyze.entities import load_lexicons as load_actor_lexicons
from newsgraph.analyze.entities import match_actor_noun
from newsgraph.analyze.textspans import doc_text, paragraph_index, paragraph_starts
from newsgraph.ontology import events as ontology
from newsgraph.ontology import read_data_table
from newsgraph.records import (
    Claim,
    Count,
    Document,
    Entity,
    Event,
    EventActor,
    Mention,
    Place,
    Quote,
    TimeExpr,
)

SUBJECT_DEPS = {"nsubj", "csubj"}
PARTS = {"VERB": "verb", "AUX": "verb", "NOUN": "noun", "ADJ": "adj"}  # event_triggers.tsv's part
SINGLING_OUT = {"especially", "particularly", "notably", "mainly", "chiefly", "including"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
OBJECT_DEPS = {"dobj", "obj", "attr"}
ATTACHED_DEPS = {"dobj", "prt", "prep", "advmod", "acomp", "oprd", "compound", "amod", "pobj"}
TARGET_PREPS = {"against", "on", "at", "upon", "of", "with", "between"}
NOUN_SOURCE_DEPS = {"poss", "compound", "amod"}
LIGHT_VERBS = {"stage", "hold", "launch", "carry", "mount", "conduct", "reach", "sign", "make",
               "impose", "announce", "declare", "issue", "begin", "start", "lead", "organize",
               "organise", "call", "join", "unleash", "order", "use", "fire", "resort",
               "undertake", "remain", "stand", "extend"}  # fmt: skip
# nouns that name a kind of event without saying one happened: need an argument or a light verb
ABSTRACT_TYPES = {"AGREE", "CONSULT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION",
                  "CONCEDE", "COOPERATE", "AID", "SUPPORT", "RETREAT", "MOBILIZE"}  # fmt: skip
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
UNARMED_SECTORS = {"CVL", "JRN", "EDU", "LAB", "REF", "BUS"}
ARMED_SECTORS = {"MIL", "COP", "REB", "UAF", "SPY", "CRM"}
PROTEST_GROUPS = {"protesters", "rioters", "demonstrators", "strikers", "marchers"}
MOB_GROUPS = {"mob", "mobs", "rioters", "crowd", "crowds", "villagers", "vigilante", "vigilantes"}
PEACEFUL_WORDS = {"peaceful", "peacefully", "nonviolent", "non-violent", "unarmed"}
PROTEST_TOPIC_PREPS = {"against", "over", "about", "on", "for"}
VIOLENT_MODES_OF_PROTESTERS = {None, "destroy", "beat", "primitive", "sideAB"}
THREAT_MODES = {("ASSAULT", None): "violence", ("COERCE", "arrest"): "arrest",
                ("SANCTION", None): "restrict", ("SANCTION", "expel"): "expel",
                ("SANCTION", "discontinue"): "relations", ("COERCE", "restrict"): "restrict",
                ("COERCE", "curfew"): "restrict",
                ("SANCTION", "withdraw"): "relations"}  # fmt: skip
FACTUAL = ("asserted", "reported")
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "throughout", "around"}
VAGUE_HEADS = {"hundred", "thousand", "dozen", "score", "million", "ten", "scores", "hundreds",
               "thousands", "dozens", "tens", "millions", "handful", "group"}  # fmt: skip
# "a cache of weapons", "a convoy of troops", "members of the forces": the argument is what the
# noun holds
QUANTITY_NOUNS = {"lot", "total", "cache", "haul", "quantity", "number", "stockpile", "consignment",
                  "stock", "batch", "ton", "tonne", "dollar", "euro", "pound",
                  "convoy", "column", "patrol", "kg", "kilogram", "kilo", "member",
                  "swathe", "swath", "stretch", "part"}  # fmt: skip
FOLDED_DEPS = {"advcl", "conj", "dep", "xcomp", "dobj", "nsubj"}  # "a bombing killed 26"
REPORTED_TAGS = {"VBD", "VBZ", "VBP"}  # a finite clause says what happened, not what to do
FUTURE_AUX = {"will", "would", "shall", "'ll", "wo"}
CONDITIONAL_AUX = {"may", "might", "could"}  # "may halt mediation if ...": a conditional threat
CONDITION_MARKS = {"if", "unless"}
OBLIGATION_AUX = {"must"}  # not "should": "agreed that they should cooperate" asks no one
# verbs by which an actor announces its own act ("plans to march", "vowed to retaliate"); not
# "expect" or "hope", which say nothing of who will act
INTENT_VERBS = {"plan", "intend", "vow", "warn", "threaten", "prepare", "decide", "aim", "pledge",
                "promise", "offer", "ready", "willing", "prepared", "committed"}  # fmt: skip
# participles that add the actor's reasons to the news: "refused ..., saying it would ..."
JUSTIFYING_VERBS = {"say", "add", "claim", "insist", "argue", "explain", "cite"}
OF_SOURCE_TYPES = {"PROTEST", "MOBILIZE", "RETREAT"}
SPECIFIC_WEAPON_OVERRIDES = {None, "explosives", "firearms", "heavy-weapons", "sideAB"}
AERIAL_MODES = {"aerial", "drone"}
GERUND_ADJUNCT_PREPS = {"after", "before", "by", "while", "upon"}  # "after seizing the town"
HARMED = {"dead", "injured", "wounded", "hurt"}  # "left seven people dead"
CLAUSE_DEPS = {"acl", "relcl", "advcl", "xcomp", "ccomp"}
TIME_MARKS = {"after", "when", "as"}  # "killed after a volcano erupted"
FIRING_VERBS = {"fire", "launch", "use", "drop"}  # verbs whose object is the weapon used
LOADED_MODES = {"heavy-weapons", "explosives", "aerial", "drone"}  # munitions that may carry gas
# clauses below a word that are not its own description ("bombs loaded with gas" describes them)
EMBEDDED_CLAUSE_DEPS = {"relcl", "advcl", "ccomp", "xcomp", "pcomp"}
NON_STATE_ARMED_SECTORS = {"REB", "UAF", "CRM"}
PEACE_TALK_WORDS = {"peace", "ceasefire", "truce", "armistice"}
UNSPECIFIC_GATHERINGS = {"crowd", "gathering"}
DEFIANCE_VERBS = {"defy", "flout", "violate", "breach", "ignore", "brave"}
RESTRICTIONS = {("COERCE", "restrict"), ("COERCE", "curfew")}  # and any SANCTION: "banned"
AIRCRAFT_OVERRIDES = {None, "explosives", "firearms", "heavy-weapons", "sideAB", "destroy",
                      "targeted"}  # fmt: skip
UNNAMED_ATTACKERS = {"gunman", "gunmen", "assailant", "attacker", "bandit", "suspect", "shooter"}
# nouns that govern an event's modality: "gave the order to open fire", "the threat to",
# "lack of police action", "the absence of the police"
GOVERNING_NOUNS = {"ordered", "threatened", "negated", "planned"}  # "its demand that Israel ease"
# "arrested over the protests", "detained before the rally": the protest is no scene of the arrest
CHARGE_PREPS = {"over", "for", "after", "following", "against", "about", "before", "ahead"}
TOPIC_PREPS = {"into", "about", "over", "regarding", "concerning"}  # "demanded a probe into"
NO_ONE = {"nobody", "none", "noone"}  # subjects that say the act did not happen
HISTORICAL_DAYS = 365  # a dated event this long before publication is background
COARSE_GRANULARITIES = {"month", "season", "quarter", "year", "decade"}
OPEN_SIGNALS = {"since", "until", "till"}  # a date that bounds a period running to another
PAST_WORDS = {"last", "previous", "earlier"}  # "last month", "the previous year"
ANTECEDENT_PREPS = {"after", "following", "over"}  # the event came first, or is the topic
TAKEOVER_WORDS = {"control", "hand", "handover", "seize", "capture", "recapture", "retake",
                  "advance", "enter", "overrun", "occupy", "takeover"}  # fmt: skip
UNOPPOSED_NOUNS = {"fight", "fighting", "resistance", "battle", "clash", "bloodshed", "shot"}
MAX_ACTOR_TOKENS = 8
PHRASE_BREAKS = {"relcl", "acl", "punct", "cc", "conj"}
VIOLENT_TYPES = {"ASSAULT", "PROTEST"}
INSTRUMENT_RANK = {"firearms": 1, "explosives": 2, "heavy-weapons": 3, "aerial": 4, "drone": 4,
                   "suicide-attack": 5, "unconventional": 5}  # fmt: skip
GENERIC_ACLED = {None, "Armed clash", "Attack", "Peaceful protest"}
ACLED_WEAPON_RANK = {"Suicide bomb": 2, "Chemical weapon": 2, "Grenade": 2, "Air/drone strike": 2,
                     "Shelling/artillery/missile attack": 1, "Violent demonstration": 1,
                     "Excessive force against protesters": 1,
                     "Remote explosive/landmine/IED": -1,
                     "Looting/property destruction": -1}  # fmt: skip


@dataclass(frozen=True)
class TriggerEntry:
    words: tuple[str, ...]
    part: str  # verb | noun | any
    type: str
    mode: str | None
    conditions: frozenset[str]
    requires: tuple[str, frozenset[str]] | None  # ("source" | "target", allowed kinds)
    modality: str | None = None  # a word that itself says the act did not happen: "inaction"


@dataclass(frozen=True)
class VerdictEntry:
    """A word by which the one who says a clause rejects or accuses (event_verdicts.tsv)."""

    part: str  # verb | noun | adj
    target: str  # subject | agent | of: where the one rejected or accused is
    type: str
    mode: str | None


@dataclass(frozen=True)
class Lexicons:
    triggers: dict[str, list[TriggerEntry]]  # first lemma -> entries, longest first
    instruments: dict[str, tuple[str, frozenset[str]]]  # lemma -> (mode, conditions)
    object_kinds: dict[str, set[str]]  # lemma -> {weapon, building, person, disaster}
    modality: dict[tuple[str, str], str]  # (lemma, where) -> modality
    intents: dict[tuple[str, str], tuple[str, str | None]]  # (act type, how) -> declared event
    verdicts: dict[str, VerdictEntry]  # lemma -> the act of saying it


@cache
def load_lexicons(language: str = "en") -> Lexicons:
    """The events stage's tables, read once per language."""
    triggers: dict[str, list[TriggerEntry]] = {}
    for phrase, part, type_, mode, conditions, requires, modality in read_data_table(
        "event_triggers.tsv", language, 7
    ):
        ontology.event_type(type_)  # an unknown type fails at load time, naming it
        if mode:
            ontology.event_mode(type_, mode)
        words = tuple(phrase.split())
        entry = TriggerEntry(words, part, type_, mode or None, _set(conditions, ","),
                             _requirement(requires), modality or None)  # fmt: skip
        triggers.setdefault(words[0], []).append(entry)
    for entries in triggers.values():
        entries.sort(key=lambda e: -len(e.words))
    instruments: dict[str, tuple[str, frozenset[str]]] = {}
    object_kinds: dict[str, set[str]] = {}
    for lemma, kind, mode, conditions in read_data_table("event_objects.tsv", language, 4):
        object_kinds.setdefault(lemma, set()).add(kind)
        if kind == "instrument":
            instruments[lemma] = (mode, _set(conditions, ","))
    modality = {
        (lemma, where): value
        for lemma, value, where in read_data_table("event_modality.tsv", language, 3)
    }
    intents = {
        (act, how): (declared, mode or None)
        for act, how, declared, mode in read_data_table("plover_intents.tsv", None, 4)
    }
    verdicts = {
        lemma: VerdictEntry(part, target, type_, mode or None)
        for lemma, part, target, type_, mode in read_data_table("event_verdicts.tsv", language, 5)
    }
    return Lexicons(triggers, instruments, object_kinds, modality, intents, verdicts)


def _set(text: str, separator: str) -> frozenset[str]:
    return frozenset(part.strip() for part in text.split(separator) if part.strip())


def _requirement(text: str) -> tuple[str, frozenset[str]] | None:
    if not text:
        return None
    role, _, kinds = text.partition("=")
    return role.strip(), _set(kinds, "|")


@Language.factory(
    "newsgraph_events",
    requires=["doc._.entities", "doc._.mentions", "doc._.places", "doc._.times", "doc._.counts",
              "doc._.quotes", "doc._.claims"],
    assigns=["doc._.events"],
)  # fmt: skip
def make_events(nlp: Language, name: str) -> EventStage:
    return EventStage()


class EventStage:
    """Adds `doc._.events`; needs the records of every earlier stage."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = extract_events(doc)
        return doc


@dataclass
class Context:
    """Lookups from tokens to the earlier stages' records."""

    doc: Doc
    document: Document | None
    lexicons: Lexicons
    entities: dict[str, Entity]
    mention_at: dict[int, Mention]  # token index -> the mention covering it
    place_at: dict[int, Place]
    places: dict[str, Place]  # by id
    times: dict[str, TimeExpr]  # by id
    counts: list[Count]
    quotes: list[Quote]
    claims: list[Claim]
    published: date | None
    focus_place_id: str | None = None
    text: str = ""  # doc.text, read once: spaCy rebuilds it from the tokens on every access
    roundup_types: set[str] = field(default_factory=set)  # see `roundup_types`


@dataclass
class Draft:
    """An event while it is being built (token-level), before it becomes a record."""

    entry: TriggerEntry
    trigger: list[Token]
    sentence: Span
    type: str
    mode: str | None
    sources: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    conditions: set[str] = field(default_factory=set)
    modality: str = "asserted"
    modality_cue: str | None = None
    depth: int = 0  # distance of the trigger from its sentence's root: the main event is shallow
    also: list[list[Token]] = field(default_factory=list)  # triggers folded into this one
    modality_token: Token | None = None  # the word behind the modality

    @property
    def head(self) -> Token:
        """The trigger's syntactic head: "opened" of "opened fire", "gas" of "tear gas"."""
        inside = set(self.trigger)
        return next(
            (t for t in self.trigger if t.head not in inside or t.head == t), self.trigger[0]
        )


def extract_events(doc: Doc, language: str = "en") -> list[Event]:
    """Every event of the document, in text order, reports of one event merged."""
    context = build_context(doc, load_lexicons(language))
    drafts: list[Draft] = []
    for sentence in doc.sents:
        drafts.extend(sentence_drafts(sentence, context))
    mark_paragraph_riots(drafts, context)
    events = [make_event(draft, context) for draft in drafts]
    return merge_reports(events, context)


def build_context(doc: Doc, lexicons: Lexicons) -> Context:
    """Lookups over the records the earlier stages left on `doc._`."""
    document = doc._.document
    places = doc._.places or []
    return Context(
        doc=doc,
        document=document,
        lexicons=lexicons,
        entities={e.id: e for e in doc._.entities or []},
        mention_at=tokens_covered(doc, doc._.mentions or []),
        place_at=tokens_covered(doc, places),
        places={p.id: p for p in places},
        times={t.id: t for t in doc._.times or []},
        counts=doc._.counts or [],
        quotes=doc._.quotes or [],
        claims=doc._.claims or [],
        published=publication_date(document),
        focus_place_id=doc._.focus_place_id,
        text=doc_text(doc),
    )


def tokens_covered(doc: Doc, records: list) -> dict[int, object]:  # noqa: ANN001
    """Token index -> the record whose span covers the token."""
    covered: dict[int, object] = {}
    for record in records:
        span = doc.char_span(*record.span, alignment_mode="expand")
        for token in span or ():
            covered.setdefault(token.i, record)
    return covered


def publication_date(document: Document | None) -> date | None:
    if document is None or not document.published:
        return None
    try:
        return date.fromisoformat(document.published[:10])
    except ValueError:
        return None


# --- triggers -----------------------------------------------------------------------------


def sentence_drafts(sentence: Span, context: Context) -> list[Draft]:
    """The events whose triggers are in `sentence`, their arguments and modality set."""
    used: set[int] = set()
    drafts: list[Draft] = []
    for token in sentence:
        if token.i in used:
            continue
        draft = first_event(token, sentence, context)
        if draft is None:
            continue
        used.update(t.i for t in draft.trigger)
        refine_type(draft, context)
        drafts.append(draft)
    for draft in drafts:
        set_modality(draft, drafts, context)
    drafts = fold_dependents(drop_cues(drafts))
    for draft in drafts:
        if draft.also and draft.type == "ASSAULT":
            join_sides(draft, context)
    mark_interventions(drafts, context)
    declared = [d for d in (declared_act(draft, drafts, context) for draft in drafts) if d]
    triggers = {t.i for d in drafts for t in d.trigger}
    spoken = [spoken_act(t, sentence, context) for t in sentence if t.i not in triggers]
    return sorted(drafts + declared + [d for d in spoken if d], key=lambda d: d.head.i)


def spoken_act(token: Token, sentence: Span, context: Context) -> Draft | None:
    """An act done by saying a clause: a demand ("must") or a verdict ("was nonsense")."""
    return obliged_request(token, sentence, context) or spoken_verdict(token, sentence, context)


def drop_cues(drafts: list[Draft]) -> list[Draft]:
    """An inaction word that is the modality cue of another event ("the police failed to
    arrest them") is no event of its own: the act it negates is, with its actors."""
    kept = []
    for draft in drafts:
        governed = [d for d in drafts if d is not draft and d.modality_token in draft.trigger]
        if not governed or draft.entry.modality is None:
            kept.append(draft)
            continue
        for other in governed:
            own = [t for t in other.sources if t not in draft.trigger]  # not "the failure"
            other.sources = own or draft.sources
    return kept


def obliged_request(verb: Token, sentence: Span, context: Context) -> Draft | None:
    """ "X said China must drop barriers": a REQUEST by whoever says it to the verb's subject,
    where the obliged act is no event of the lexicon (those get theirs from `declared_act`)."""
    if verb.pos_ != "VERB":  # first: this runs for every token
        return None
    must = [c for c in verb.children if c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX]
    if not must or any(c.dep_ == "neg" for c in verb.children):
        return None
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not subjects or subjects[0].pos_ == "PRON":
        return None  # "we must act": no one is asked
    entry = TriggerEntry((must[0].lower_,), "any", "REQUEST", None, frozenset(), None)
    draft = Draft(entry, [verb], sentence, "REQUEST", None, depth=depth(verb))
    draft.sources, draft.targets = claimant_tokens(draft, context), subjects
    return draft if draft.sources else None


def spoken_verdict(token: Token, sentence: Span, context: Context) -> Draft | None:
    """ "He said calls for talks were nonsense": a REJECT of the calls by whoever says it; "said
    the unrest was masterminded by terrorists", "said the protests are a consequence of the
    authorities' repression": an ACCUSE of them (event_verdicts.tsv). Only inside a claim."""
    entry = context.lexicons.verdicts.get(token.lemma_.lower())  # first: runs for every token
    if entry is None or PARTS.get(token.pos_) != entry.part:
        return None
    if entry.part != "verb" and token.dep_ not in ("attr", "acomp"):
        return None  # "as a consequence of": no one is blamed
    if any(c.dep_ == "neg" for c in (*token.children, *token.head.children)):
        return None  # "was not nonsense"
    targets = verdict_targets(token, entry.target, context)
    if not targets:
        return None
    words = (token.lemma_.lower(),)
    trigger = TriggerEntry(words, entry.part, entry.type, entry.mode, frozenset(), None)
    draft = Draft(trigger, [token], sentence, entry.type, entry.mode, depth=depth(token))
    draft.sources, draft.targets = claimant_tokens(draft, context), targets
    return draft if draft.sources else None


def verdict_targets(token: Token, where: str, context: Context) -> list[Token]:
    """Who or what a verdict word rejects or blames (see event_verdicts.tsv's target column)."""
    if where == "subject":
        return [c for c in token.head.children if c.dep_ in SUBJECT_DEPS]
    if where == "agent":
        agents = [g for c in token.children if c.dep_ == "agent" for g in c.children
                  if g.dep_ == "pobj"]  # fmt: skip
        subjects = [c for c in token.children if c.dep_ == "nsubj" and names_actor(c, context)]
        return agents or subjects
    objects = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    for noun in objects:
        owners = [c for c in noun.children if c.dep_ == "poss" and names_actor(c, context)]
        if owners or names_actor(noun, context):
            return owners or [noun]
    return []


def declared_act(draft: Draft, drafts: list[Draft], context: Context) -> Draft | None:
    """The PLOVER event of announcing, refusing or demanding an act (plover_intents.tsv): "will
    boycott" is a THREATEN, "will send aid" an AGREE, "would not meet" a REJECT, "must withdraw"
    a REQUEST. None when the sentence already has an event at the word that declares it."""
    how = declaration(draft)
    cue = draft.modality_token
    if how is None or cue is None:
        return None
    if any(cue in d.trigger for d in drafts):
        return None  # "threatened to strike": the THREATEN is there already
    found = context.lexicons.intents.get((draft.type, how))
    if found is None:
        return None
    type_, mode = found
    if type_ == "THREATEN":
        mode = THREAT_MODES.get((draft.type, draft.mode)) or THREAT_MODES.get((draft.type, None))
    trigger = [cue] if cue.pos_ == "VERB" else draft.trigger
    entry = TriggerEntry(tuple(t.lemma_.lower() for t in trigger), "any", type_, mode,
                         frozenset(), None)  # fmt: skip
    declared = Draft(entry, trigger, draft.sentence, type_, mode, list(draft.sources),
                     list(draft.targets), depth=draft.depth)  # fmt: skip
    if how == "obliged":  # "X must withdraw": the speaker asks X
        declared.sources, declared.targets = claimant_tokens(draft, context), list(draft.sources)
    return declared


def claimant_tokens(draft: Draft, context: Context) -> list[Token]:
    """The head word of whoever claims the sentence holding the draft ("the opposition said")."""
    claim = claim_covering(draft, context)
    if claim is None or claim.claimant_span is None:
        return []
    span = context.doc.char_span(*claim.claimant_span, alignment_mode="expand")
    return [span.root] if span is not None else []


def declaration(draft: Draft) -> str | None:
    """How an act is stated: future (will, plans to, vowed to), refused (will not, would not),
    obliged (must, should), or None for an act stated as done, ordered, or supposed."""
    cue = draft.modality_token
    word = cue.lower_ if cue is not None else ""
    # "vowed to", "ready to": the actor's own word; "a plan of attacks" may be anyone's reading
    intent = cue is not None and cue.lemma_ in INTENT_VERBS and cue.pos_ != "NOUN"
    announced = word in FUTURE_AUX or intent
    if draft.modality in ("planned", "threatened") and announced:
        return "future"
    if draft.modality == "negated" and cue is not None:
        future = any(c.lower_ in FUTURE_AUX for c in draft.head.children if c.dep_ == "aux")
        return "refused" if future or cue.lemma_ in ("refuse", "decline") else None
    if draft.modality == "hypothetical" and word in OBLIGATION_AUX:
        return "obliged"
    if draft.modality == "hypothetical" and word in CONDITIONAL_AUX and has_condition(draft.head):
        return "future"  # PLOVER 3.11: an act stated as conditional is a threat (or promise)
    return None


def has_condition(verb: Token) -> bool:
    """ "may halt mediation if cooperation founders": a clause of "if" or "unless" on the verb."""
    return any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
        for c in verb.children
    )


def mark_interventions(drafts: list[Draft], context: Context) -> None:
    """A protest that police break up, disperse or arrest in the same sentence is a protest with
    intervention (ACLED), or met with excessive force when people are killed or injured (not by
    force used in the past: "rallied to mourn protesters killed last month"). An
    arrest beside a protest is of its protesters ("activists were detained while trying to hold
    a demonstration")."""
    protests = [d for d in drafts if d.type == "PROTEST" and d.mode in (None, "demo", "obstruct")]
    held = [p for p in protests if p.modality in FACTUAL]  # not "ahead of planned protests"
    for draft in drafts:
        arrest = draft.type == "COERCE" and draft.mode == "arrest"
        if arrest and any(not arrested_for(draft.head, p.head) for p in held):
            draft.conditions.add("protesters")
    stopped = any(
        (d.type == "ASSAULT" and d.mode == "crowd-control")
        or ("protesters" in d.conditions and d.type in ("ASSAULT", "COERCE"))
        for d in drafts
        if d.modality != "historical"  # "rallied to mourn protesters killed last month"
    )
    if not stopped:
        return
    for draft in drafts:
        if draft.type == "PROTEST" and draft.mode in (None, "demo", "obstruct"):
            draft.conditions.add("intervention")
            if harms_people(draft, context, any_type=True):
                draft.conditions.add("serious_harm")


def arrested_for(arrest: Token, protest: Token) -> bool:
    """ "arrested over last week's protests", "detained people who join the protests", "a
    protest over the detention of": one is the other's cause or topic, not its scene."""
    above_protest = [protest, *protest.ancestors]
    above_arrest = [arrest, *arrest.ancestors]
    common = next((t for t in above_protest if t in above_arrest), None)
    if common is None:
        return False
    path = above_protest[: above_protest.index(common)] + above_arrest[: above_arrest.index(common)]
    return any(t.dep_ == "relcl" or (t.dep_ == "prep" and t.lower_ in CHARGE_PREPS) for t in path)


def fold_dependents(drafts: list[Draft]) -> list[Draft]:
    """One event named twice in a sentence becomes one draft: "killed ... in an attack", "a bomb
    exploded, killing three", "stormed the airport ... and set fire to the office"."""
    kept: list[Draft] = []
    for draft in sorted(drafts, key=lambda d: d.depth):
        governor = next((k for k in kept if folds_into(draft, k)), None)
        if governor is None:
            kept.append(draft)
            continue
        governor.also.append(draft.trigger)
        if draft.mode != "destroy" or governor.type != "ASSAULT":
            governor.mode = governor.mode or draft.mode  # "killed ten and destroyed two
            # vehicles": the damage is part of the attack, not what the attack was
        if draft.mode == "sideAB" and "protesters" in draft.conditions:
            governor.mode = "sideAB"  # "fired tear gas while clashing with protesters": a riot
        governor.conditions |= draft.conditions
        if "armed" in governor.conditions:  # "attacked a military base, killing 14 people"
            governor.conditions.discard("civilians")  # the people died in a battle
        if "protesters" in governor.conditions:  # "killed six after opening fire on
            governor.conditions.discard("civilians")  # protesters": the dead are protesters
        governor.targets += [t for t in draft.targets if t not in governor.targets]
        governor.sources += [t for t in draft.sources if t not in governor.sources]
        folded = set(draft.trigger)  # "bombings killed 26": the bombing is no actor of its own
        governor.sources = [t for t in governor.sources if t not in folded]
        governor.targets = [t for t in governor.targets if t not in folded]
    return sorted(kept, key=lambda d: d.head.i)


def join_sides(draft: Draft, context: Context) -> None:
    """An attack told twice in a sentence has the sides of both reports: "militants killed 38
    people in an attack on a military base" is a battle, the dead its soldiers."""
    if any(is_armed(t, context) for t in draft.sources) and any(
        is_armed(t, context) for t in draft.targets
    ):
        draft.conditions.add("armed")
        draft.conditions.discard("civilians")


def is_armed(token: Token, context: Context) -> bool:
    """An armed side, as set_acled_conditions reads it: its sector or its noun."""
    return sector_of(token, context) in ARMED_SECTORS or "armed" in argument_kinds(token, context)


def coordinated_heads(token: Token) -> list[Token]:
    """The words a verb is coordinated with or subordinate to, up a chain of conj/dep/advcl."""
    found = []
    while token.dep_ in FOLDED_DEPS and token.head != token and len(found) < 4:
        token = token.head
        found.append(token)
    return found


def folds_into(draft: Draft, governor: Draft) -> bool:
    same_kind = draft.type == governor.type and draft.modality == governor.modality
    head = draft.head
    if not same_kind:
        return False
    if head.dep_ in FOLDED_DEPS and governor.head in coordinated_heads(head):
        return True
    # "shells fired by the rebels hit a market, injuring ten": what the shells did is their firing
    if head.dep_ == "acl" and head.head in governor.sources:
        return True
    if governor.head.dep_ == "acl" and governor.head.head in draft.sources:
        return True
    if head.dep_ == "relcl" and head.head == governor.head and governor.head.pos_ == "NOUN":
        return True  # "an attack where a mast was destroyed": what the attack did
    head = conjunction_root(head)  # "killed during protests and clashes"
    preposition = head.head
    return (
        head.dep_ == "pobj"
        and preposition.lower_ in ("in", "during")
        and (preposition.head == governor.head or preposition.head in governor.head.conjuncts)
    )


def first_event(token: Token, sentence: Span, context: Context) -> Draft | None:
    """The longest lexicon entry starting at `token` that is an event here (an entry whose
    required argument is missing gives way to the next: "struck" by workers or by a missile)."""
    for entry, tokens in matching_entries(token, context.lexicons):
        draft = Draft(entry, tokens, sentence, entry.type, entry.mode,
                      conditions=set(entry.conditions), depth=depth(token))  # fmt: skip
        if draft.head.pos_ == "NOUN" and draft.head.dep_ == "compound":
            continue  # "riot police", "strike force": the noun names a kind of actor or thing
        find_arguments(draft, context)
        if is_event(draft, context):
            return draft
    return None


def matching_entries(
    token: Token, lexicons: Lexicons
) -> Iterator[tuple[TriggerEntry, list[Token]]]:
    """Lexicon entries that start at `token`, longest first, with the tokens each covers."""
    part = "verb" if mistagged_verb(token) else PARTS.get(token.pos_)
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
        return
    for entry in trigger_entries(token, lexicons):
        # a phrase of "any" part may start with a modifier: "sexually assault", "ethnic cleansing"
        phrase_of_any = entry.part == "any" and len(entry.words) > 1
        if entry.part not in ("any", part) or (part is None and not phrase_of_any):
            continue
        tokens = phrase_tokens(token, entry.words)
        if tokens is not None:
            yield entry, tokens


def trigger_entries(token: Token, lexicons: Lexicons) -> list[TriggerEntry]:
    """The lexicon entries of the token's lemma, or of its "-ed" form's stem where the tagger's
    lemma is another word ("raped" -> "rap")."""
    found = lexicons.triggers.get(token.lemma_.lower())
    lower = token.lower_
    past = token.tag_ in ("VBD", "VBN") or mistagged_verb(token)
    if found or not past or not lower.endswith("ed"):
        return found or []
    return lexicons.triggers.get(lower[:-1]) or lexicons.triggers.get(lower[:-2]) or []


def mistagged_verb(token: Token) -> bool:
    """An "-ed" word tagged as an adjective that takes a direct object is a verb the tagger
    missed: "pelted stones and torched vehicles"."""
    return (
        token.pos_ == "ADJ"
        and token.lower_.endswith("ed")
        and any(c.dep_ == "dobj" for c in token.children)
    )


def phrase_tokens(token: Token, words: tuple[str, ...]) -> list[Token] | None:
    """The tokens of a phrase starting at `token`: the next tokens in a row, or (two words) a
    word attached to the trigger ("opened fire", "reached a deal", "set the office on fire")."""
    if len(words) == 1:
        return [token]
    doc = token.doc
    following = doc[token.i : token.i + len(words)]
    if len(following) == len(words) and all(
        is_word(t, w) for t, w in zip(following, words, strict=True)
    ):
        return list(following)
    if len(words) == 2:
        for child in attached_words(token):
            if is_word(child, words[1]):
                return [token, child]
    return None


def is_word(token: Token, lemma: str) -> bool:
    """The token is a form of the lexicon's lemma, also where the tagger's lemma is another
    word's ("bases" -> "basis")."""
    lower = token.lower_
    return token.lemma_.lower() == lemma or lower == lemma or lower in (lemma + "s", lemma + "es")


def attached_words(token: Token) -> list[Token]:
    """Words attached to a verb: objects, particles, and objects of its prepositions; the
    subject of a passive ("points were set up", "a deal was reached"), and what an object
    counts ("established a number of barracks")."""
    found = []
    for child in token.children:
        if child.dep_ in ATTACHED_DEPS or (child.dep_ == "nsubjpass" and token.pos_ == "VERB"):
            found.append(child)
            found.extend(g for g in child.children if g.dep_ in ("pobj", "compound"))
            if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in QUANTITY_NOUNS:
                found.append(quantity_of(child))
    return found


def depth(token: Token) -> int:
    steps = 0
    while token.head.i != token.i and steps < 50:  # spaCy makes a new Token each access
        token, steps = token.head, steps + 1
    return steps


# --- arguments ----------------------------------------------------------------------------


def find_arguments(draft: Draft, context: Context) -> None:
    """Sources and targets of the trigger from the dependency parse."""
    head = draft.head
    if head.pos_ in ("VERB", "AUX") or mistagged_verb(head):
        verb_arguments(draft, head)
        if not draft.sources and head.tag_ == "VBG":  # "police firing" parsed as a verb
            modifiers = [c for c in head.children if c.dep_ in NOUN_SOURCE_DEPS]
            draft.sources.extend(c for c in modifiers if names_actor(c, context))
    elif head.pos_ == "ADJ":
        adjective_arguments(draft, head, context)
    else:
        noun_arguments(draft, head, context)
    draft.sources = with_conjuncts(draft.sources)
    draft.targets = [t for t in with_conjuncts(draft.targets) if t not in draft.sources]


def adjective_arguments(draft: Draft, adjective: Token, context: Context) -> None:
    """ "the police were sluggish": the subject; "the police deployment was inadequate": the
    actor of the event noun it is said of."""
    if adjective.dep_ != "acomp":
        return
    subject = next((c for c in adjective.head.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return
    actors = [c for c in subject.children if c.dep_ in NOUN_SOURCE_DEPS and names_actor(c, context)]
    draft.sources.extend(actors or [subject])


def verb_arguments(draft: Draft, verb: Token) -> None:
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN"  # "shells fired by", "57 persons arrested"
    )
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and not passive:
            draft.sources.append(child)
        elif child.dep_ in PASSIVE_SUBJECT_DEPS | OBJECT_DEPS and child not in draft.trigger:
            draft.targets.append(child)
        elif child.dep_ == "agent":
            draft.sources.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "prep" and targets_of(child, draft):
            draft.targets.extend(g for g in child.children if g.dep_ == "pobj")
    if not draft.sources:
        draft.sources.extend(inherited_subject(verb))
    if verb.dep_ == "acl" and not passive and not draft.sources:
        draft.sources.append(verb.head)  # "police officers firing on the crowd"
    if verb.dep_ == "acl" and passive and not draft.targets:
        draft.targets.append(verb.head)  # "protesters detained on Friday"


def targets_of(preposition: Token, draft: Draft) -> bool:
    """A preposition that names the recipient: "fired on", "clashed with"; "took control over
    five positions": what "over" names is the ground controlled."""
    if preposition.lower_ in TARGET_PREPS:
        return not draft.targets
    return preposition.lower_ == "over" and any(t.lemma_ == "control" for t in draft.trigger)


def inherited_subject(verb: Token) -> list[Token]:
    """The subject a verb shares with the verb it is coordinated with or controlled by:
    "stormed the airport and set fire to ...", "ordered troops to open fire" (the object)."""
    current = verb
    for _ in range(4):
        if current.dep_ in ("conj", "dep"):
            current = current.head
            found = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        elif current.dep_ in ("xcomp", "acomp"):  # "were not able to arrest"
            governor = current.head
            objects = [c for c in governor.children if c.dep_ in OBJECT_DEPS]
            found = objects or [c for c in governor.children if c.dep_ in SUBJECT_DEPS]
            current = governor
        elif current.dep_ == "advcl" and current.tag_ == "VBG" and not has_mark(current):
            current = current.head  # "warplanes hit the base, killing several fighters"
            found = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        elif current.dep_ == "pcomp" and current.head.lower_ == "for":
            return blamed_for(current.head)
        elif current.dep_ == "pcomp" and current.head.lower_ in GERUND_ADJUNCT_PREPS:
            current = current.head.head  # "advanced after seizing the town": who advanced
            found = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        else:
            return []
        if found:
            return found
    return []


def blamed_for(preposition: Token) -> list[Token]:
    """ "criticised the centre for not arresting them", "a constable was suspended for refusing
    to act": who is blamed (or praised, or punished) for a deed is who did it."""
    governor = preposition.head
    if governor.pos_ not in ("VERB", "AUX"):
        return []
    objects = [c for c in governor.children if c.dep_ in OBJECT_DEPS]
    return objects or [c for c in governor.children if c.dep_ in PASSIVE_SUBJECT_DEPS]


def has_mark(verb: Token) -> bool:
    return any(c.dep_ == "mark" for c in verb.children)


def noun_arguments(draft: Draft, noun: Token, context: Context) -> None:
    for child in noun.children:
        if child in draft.trigger:
            continue
        if child.dep_ in NOUN_SOURCE_DEPS and names_actor(child, context):
            draft.sources.append(child)
            draft.sources.extend(t for t in hyphen_partners(child) if names_actor(t, context))
        elif child.dep_ == "compound" and any(
            names_actor(t, context) for t in hyphen_partners(child)
        ):
            draft.sources.extend(t for t in hyphen_partners(child) if names_actor(t, context))
        elif child.dep_ == "prep" and (child.lower_ == "by" or of_is_source(child, draft, context)):
            draft.sources.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
            draft.targets.extend(
                g for g in child.children if g.dep_ == "pobj" and g not in draft.trigger
            )
    draft.targets.extend(left_harmed(noun))
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head  # "resorted to firing"
    light = noun.dep_ in ("dobj", "attr") or (
        noun.dep_ == "pobj" and noun.head.lower_ in ("to", "as")  # "resorted to", "stood as"
    )
    if light and verb.lemma_ in LIGHT_VERBS and not draft.sources:
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        draft.sources.extend(subjects or inherited_subject(verb))
    draft.sources.extend(part_of_actor(noun))


def left_harmed(noun: Token) -> list[Token]:
    """ "the attacks left seven people dead": whom an event noun leaves dead or hurt."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_ != "leave":
        return []
    left = [c for c in verb.children if c.dep_ == "dobj"]
    states = [*verb.children, *(g for c in left for g in c.children)]  # "left 7 dead", "7 dead"
    return left if any(c.lower_ in HARMED for c in states) else []


def hyphen_partners(token: Token) -> list[Token]:
    """ "a police-VHP clash": the names joined to a noun's modifier by a hyphen."""
    if not any(c.lower_ == "-" for c in token.children):
        return []
    return [c for c in token.children if c.dep_ == "compound"]


def part_of_actor(noun: Token) -> list[Token]:
    """ "inaction on the part of the police": the actor of an event noun."""
    for on in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "on"):
        for part in (g for g in on.children if g.dep_ == "pobj" and g.lower_ == "part"):
            of = [c for c in part.children if c.dep_ == "prep" and c.lower_ == "of"]
            return [g for o in of for g in o.children if g.dep_ == "pobj"]
    return []


def of_is_source(preposition: Token, draft: Draft, context: Context) -> bool:
    """ "protests of workers", "a contingent of the CSTO", "the inaction of the police": who
    acts, for types without a recipient and for agentive nouns (event_objects.tsv); "the killing
    of protesters" names the victims."""
    agentive = "agentive" in context.lexicons.object_kinds.get(draft.head.lemma_.lower(), ())
    return preposition.lower_ == "of" and (draft.type in OF_SOURCE_TYPES or agentive)


def names_actor(token: Token, context: Context) -> bool:
    """Whether a modifier of an event noun names who acts ("police raids", "Kazakh protests",
    "the army's attack"), not what kind of event it is ("internet blackout", "fuel protests")."""
    if token.dep_ == "poss" and token.pos_ == "PRON":
        return True  # "my appeal", "their protest": the speaker or the group named before
    return token.i in context.mention_at or token.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")


def counted_noun(token: Token) -> Token:
    """ "Hundreds of workers", "dozens of people": the people, not the number."""
    if token.pos_ in ("NUM", "NOUN") and token.lemma_.lower() in VAGUE_HEADS | {"number", "crowd"}:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        noun = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
        return noun or token
    if token.pos_ == "NUM":  # "one of the groups": the groups
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        return next((g for g in of.children if g.dep_ == "pobj"), token) if of else token
    return token


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    found: list[Token] = []
    for token in tokens:
        if token.pos_ in ("PRON", "DET") and token.lower_ in ("that", "which", "who"):
            token = token.head.head if token.head.dep_ == "relcl" else token
        if token.ent_type_ in ("DATE", "TIME"):
            continue  # "attacked on Sunday"
        token = counted_noun(token)
        found.append(token)
        found.extend(c for c in token.conjuncts if c not in found)
        found.extend(c for c in singled_out(token) if c not in found)
    return found


def singled_out(token: Token) -> list[Token]:
    """ "the local bureaucracy, especially the police": a member named in apposition."""
    return [
        c
        for c in token.children
        if c.dep_ == "appos" and any(g.lower_ in SINGLING_OUT for g in c.children)
    ]


# --- filters and type refinements ---------------------------------------------------------


def is_event(draft: Draft, context: Context) -> bool:
    """Whether the trigger names an event here (see the module docstring)."""
    if draft.entry.requires is not None and not meets_requirement(draft, context):
        return False
    if has_disaster_cause(draft, context) or is_medical(draft, context.lexicons):
        return False
    head = draft.head
    restriction = draft.type == "SANCTION" or (draft.type, draft.mode) in RESTRICTIONS
    if restriction and head.dep_ == "amod" and head.tag_ == "VBN":
        return False  # "the banned nerve agent", "an outlawed party": a state, not an act
    if restriction and is_defied(head):
        return False  # "protesters defied a ban": the ban is background, the defiance news
    if draft.entry.modality is not None and has_object(draft):
        return False  # "the police watched" as a mob ran riot, not "watched the situation"
    if head.pos_ == "NOUN" and draft.type in ABSTRACT_TYPES:
        light = head.dep_ in ("dobj", "attr", "nsubjpass") and head.head.lemma_ in LIGHT_VERBS
        return light or bool(draft.sources or draft.targets)
    return True


def is_defied(token: Token) -> bool:
    """A restriction that people defy: "defied a police ban", "despite a curfew"."""
    while token.dep_ == "conj":  # "defied the rain and a police ban"
        token = token.head
    defied = token.dep_ == "dobj" and token.head.lemma_ in DEFIANCE_VERBS
    return defied or (token.dep_ == "pobj" and token.head.lower_ == "despite")


def has_object(draft: Draft) -> bool:
    """A direct object outside the trigger: an inaction verb has none ("stood and watched")."""
    return draft.head.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c not in draft.trigger for c in draft.head.children
    )


def meets_requirement(draft: Draft, context: Context) -> bool:
    assert draft.entry.requires is not None
    role, kinds = draft.entry.requires
    arguments = draft.sources if role == "source" else draft.targets
    return (
        any(argument_kinds(a, context) & kinds for a in arguments)
        or ("*" in kinds and bool(arguments))
        or ("weapon" in kinds and any(holds_weapons(a, context.lexicons) for a in arguments))
    )


def holds_weapons(token: Token, lexicons: Lexicons) -> bool:
    """A place or thing whose own clause says it holds weapons: "found a hideout used to store
    arms", "seized a truck loaded with explosives"."""
    return any(
        "weapon" in noun_kinds(t, lexicons)
        for clause in token.children
        if clause.dep_ in ("acl", "relcl")
        for t in clause.subtree
        if t.dep_ in ("dobj", "pobj")
    )


def argument_kinds(token: Token, context: Context) -> set[str]:
    """What an argument is: its entity's sector and kind, the object kinds of its noun (through
    "a cache of weapons"), "place"."""
    token = quantity_of(token)
    kinds = noun_kinds(token, context.lexicons)
    entity = entity_of(token, context)
    if entity is not None:
        kinds.update(filter(None, (entity.sector, entity.kind)))
        if entity.kind in ("person", "group"):
            kinds.add("person")
        if entity.kind == "country":
            kinds.add("place")
    if token.i in context.place_at or token.ent_type_ in ("GPE", "LOC", "FAC"):
        kinds.add("place")
    if token.ent_type_ in ("PERSON", "NORP"):
        kinds.add("person")
    return kinds


def quantity_of(token: Token) -> Token:
    """ "a cache of weapons", "a total of 40 rifles": the things, not the amount."""
    if token.lemma_.lower() not in QUANTITY_NOUNS:
        return token
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((g for g in of.children if g.dep_ == "pobj"), token) if of else token


def noun_kinds(token: Token, lexicons: Lexicons) -> set[str]:
    """Kinds of event_objects.tsv for a noun, its two-word form first ("explosive device")."""
    lemma = token.lemma_.lower()
    if token.tag_ == "NNPS" and lemma.endswith("s"):
        lemma = lemma[:-1]  # "Land Forces were formed": a name's plural is left unlemmatized
    modifiers = [c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod")]
    for modifier in modifiers:
        found = lexicons.object_kinds.get(f"{modifier} {lemma}")
        if found:
            return set(found)
    return set(lexicons.object_kinds.get(lemma, ()))


def is_medical(draft: Draft, lexicons: Lexicons) -> bool:
    """A trigger word in its medical sense: "a cardiac arrest", "a heart attack"."""
    modifiers = [c for c in draft.head.children if c.dep_ in ("compound", "amod")]
    return any("medical" in lexicons.object_kinds.get(c.lemma_.lower(), ()) for c in modifiers)


def has_disaster_cause(draft: Draft, context: Context) -> bool:
    """An accident or a natural disaster kills or injures, no one attacks: "killed in a crash"."""
    if draft.type != "ASSAULT":
        return False
    objects = context.lexicons.object_kinds
    modifiers = [c for c in draft.head.children if c.dep_ in ("compound", "amod")]
    causes = [t for c in draft.head.children if c.dep_ in ("prep", "agent") for t in c.subtree]
    causes += draft.sources + disaster_clause_subjects(draft.head)  # "a tsunami killed 222"
    words = modifiers if draft.entry.mode is not None else modifiers + causes
    return any(
        "disaster" in objects.get(t.lemma_.lower(), ())
        and instrument_of(t, context.lexicons) is None  # "a poison gas attack" is an attack
        for t in words
    )


def disaster_clause_subjects(verb: Token) -> list[Token]:
    """The subject of a clause that says when people died: "were killed after a volcano
    erupted", "died when the bridge collapsed"."""
    return [
        s
        for c in verb.children
        if c.dep_ == "advcl" and any(m.lower_ in TIME_MARKS for m in c.children if m.dep_ == "mark")
        for s in c.children
        if s.dep_ in SUBJECT_DEPS
    ]


def refine_type(draft: Draft, context: Context) -> None:
    """Mode from an instrument, violence by or around protesters as a riot, and the ACLED
    conditions the actors imply."""
    if is_armed_raid(draft, context) or deploys_riot_gear(draft, context.lexicons):
        draft.type, draft.mode = "ASSAULT", None
    if draft.type == "ASSAULT" and draft.mode == "destroy" and burns_people(draft, context):
        draft.mode = None  # "set ablaze by a mob": an attack on the man, not on property
    if draft.type == "ASSAULT":
        set_instrument_mode(draft, context.lexicons)
    if draft.type in ("REQUEST", "REJECT") and draft.mode is None and asks_for_help(draft, context):
        draft.mode = "assist"
    set_protest_mode(draft, context)
    set_acled_conditions(draft, context)
    if draft.type == "ASSAULT" and "territory" in draft.conditions and unopposed(draft.head):
        draft.type, draft.mode = "COERCE", "seize"  # ground taken without a fight


def unopposed(verb: Token) -> bool:
    """ "advanced on the town and entered without fighting", "took the city unopposed": ground
    changes hands with no battle, ACLED's non-violent transfer of territory."""
    for word in (verb, *verb.conjuncts, *(c for c in verb.children if c.dep_ == "advcl")):
        for child in word.children:
            if child.lower_ == "unopposed":
                return True
            without = child.lower_ == "without" and child.dep_ in ("prep", "conj")
            if without and any(t.lemma_.lower() in UNOPPOSED_NOUNS for t in child.subtree):
                return True  # "without firing a shot", "without engaging in clashes"
    return False


def set_instrument_mode(draft: Draft, lexicons: Lexicons) -> None:
    """The weapon decides an attack's mode: what was fired or used ("fired tear gas", "shells
    fired by"), an instrument attached to the trigger, or the most specific weapon the sentence
    names (a suicide bomber, a grenade, a chemical agent)."""
    fired = [t for t in draft.targets if is_fired_object(t, draft, lexicons)]
    if fired:
        found = instrument_of(fired[0], lexicons)
        assert found is not None
        draft.mode = found[0]
        draft.conditions.update(found[1])
        draft.targets = [t for t in draft.targets if t not in fired]
    # "the missile destroyed the warship": what destroyed it is the attack's weapon
    generic = draft.mode in (None, "sideAB", "targeted", "destroy") or (
        draft.mode == "firearms" and draft.head.lemma_ == "fire" and not fired
    )  # "fired" says nothing of the weapon: mortars are fired too
    instrument = find_instrument(draft, lexicons) if generic else None
    if instrument is not None:
        draft.mode = instrument[0]
        draft.conditions.update(instrument[1])
    platform = attacking_aircraft(draft, lexicons)
    if platform is not None and draft.mode in AIRCRAFT_OVERRIDES:
        draft.mode = (
            platform  # "warplanes bombed", "the Air Force destroyed", "jets fired a missile"
        )
    specific = sentence_weapon(draft.sentence, lexicons, draft.head)
    carried = (
        specific is not None
        and specific[0] == "unconventional"
        and any(instrument_of(t, lexicons) == specific for t in own_clause_words(draft.head))
    )  # "an air raid with poison gas" is a chemical attack; "airstrikes after a chlorine
    # attack" are not
    overridden = SPECIFIC_WEAPON_OVERRIDES | (AERIAL_MODES if carried else set())
    if specific is not None and draft.mode in overridden:
        draft.mode = specific[0]  # "a suicide bomber blew himself up ... the blast killed"
        draft.conditions.update(specific[1])
    elif draft.mode in LOADED_MODES and (load := chemical_load(draft, lexicons)) is not None:
        draft.mode = load[0]
        draft.conditions.update(load[1])


def chemical_load(draft: Draft, lexicons: Lexicons) -> tuple[str, frozenset[str]] | None:
    """The next sentence says the attack's munitions carried a chemical agent: "rebels fired
    shells into the city. Residents suspect the shells contained poisonous gas"."""
    doc = draft.sentence.doc
    if draft.sentence.end >= len(doc):
        return None
    munitions = {t.lemma_.lower() for t in draft.head.subtree if instrument_of(t, lexicons)}
    for token in doc[draft.sentence.end].sent if munitions else ():
        found = instrument_of(token, lexicons)
        if found is None or found[0] != "unconventional" or token.dep_ not in OBJECT_DEPS:
            continue
        subjects = [c for c in token.head.children if c.dep_ in SUBJECT_DEPS]
        if any(c.lemma_.lower() in munitions for c in subjects):
            return found
    return None


def burns_people(draft: Draft, context: Context) -> bool:
    """What is destroyed is people, not things: "a man was set ablaze"."""
    things = {"building", "place", "weapon", "armed"}
    return bool(draft.targets) and all(
        not argument_kinds(t, context) & things and "person" in argument_kinds(t, context)
        for t in draft.targets
    )


def is_armed_raid(draft: Draft, context: Context) -> bool:
    """A raid by insurgents, militias or gangs is an attack ("militants raided the village");
    by police or troops it is a search or seizure."""
    if draft.type != "COERCE" or draft.mode != "seize" or draft.head.lemma_ != "raid":
        return False
    sectors = {sector_of(t, context) for t in draft.sources}
    return bool(sectors & NON_STATE_ARMED_SECTORS)


def deploys_riot_gear(draft: Draft, lexicons: Lexicons) -> bool:
    """ "police deployed tear gas", "deployed water cannon": riot gear deployed is riot gear used
    (its instrument gives the mode); "deployed drones" stays a deployment."""
    if draft.type != "MOBILIZE" or not draft.targets:
        return False
    gear = [instrument_of(t, lexicons) for t in draft.targets]
    return all(g is not None and g[0] == "crowd-control" for g in gear)


def own_clause_words(token: Token) -> list[Token]:
    """The words below a token outside the clauses embedded in it ("airstrikes on groups it
    accused of a chlorine attack": not the chlorine)."""
    return [
        t for t in token.subtree
        if not any(step.dep_ in EMBEDDED_CLAUSE_DEPS for step in path_up(t, token))
    ]  # fmt: skip


def path_up(token: Token, top: Token) -> list[Token]:
    """The token and its ancestors below `top`."""
    path = []
    while token != top:
        path.append(token)
        token = token.head
    return path


def set_protest_mode(draft: Draft, context: Context) -> None:
    """A protest with violence in its sentence is a riot; violence by protesters is a riot (or
    vandalism), not an assault."""
    if draft.type == "PROTEST" and draft.mode in (None, "demo") and violent_protest(draft, context):
        draft.mode = "riot"
    source_groups = {group_key(t, context) for t in draft.sources}
    rioting = source_groups & PROTEST_GROUPS and draft.mode in VIOLENT_MODES_OF_PROTESTERS
    if draft.type == "ASSAULT" and rioting:
        draft.type, draft.mode = "PROTEST", "vandalize" if draft.mode == "destroy" else "riot"


def violent_protest(draft: Draft, context: Context) -> bool:
    """A word of violence in the protest's sentence ("clashes", "threw stones"), unless the
    protest is called peaceful or the violence is what it is about ("against gun violence",
    "to decry the violence")."""
    if any(is_peaceful_word(t) for t in draft.head.subtree):
        return False
    objects = context.lexicons.object_kinds
    topic = {t.i for t in draft.targets for t in t.subtree}
    for child in draft.head.children:
        about = child.dep_ == "prep" and child.lower_ in PROTEST_TOPIC_PREPS
        purpose = child.dep_ in ("advcl", "xcomp") and child.i > draft.head.i
        if about or purpose:
            topic.update(t.i for t in child.subtree)
    return any(
        "violence" in objects.get(t.lemma_.lower(), ()) and t.i not in topic
        and not is_peaceful_word(t) and not names_armed_unit(t, objects)
        and not is_aim_object(t)
        for t in draft.sentence
    )  # fmt: skip


def is_aim_object(token: Token) -> bool:
    """The object of an infinitive, whatever the infinitive is attached to: "took to the streets
    in other areas to decry the arrests and violence" names the protest's aim, not a riot."""
    token = conjunction_root(token)
    verb = token.head
    return token.dep_ in OBJECT_DEPS and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )


def mark_paragraph_riots(drafts: list[Draft], context: Context) -> None:
    """A protest whose paragraph reports violence in another sentence is a riot: news tells the
    march first and the clashes next ("Thousands marched on Saturday. There were scuffles ...")."""
    protests = [
        d for d in drafts
        if d.type == "PROTEST" and d.mode in (None, "demo") and "intervention" not in d.conditions
        and not any(is_peaceful_word(t) for t in d.sentence)
    ]  # fmt: skip
    if not protests:  # most documents: no sentence needs reading
        return
    starts = paragraph_starts(context.text)
    wanted = {paragraph_index(starts, d.sentence.start_char) for d in protests}
    violent: set[int] = set()  # paragraphs with a sentence of violence
    for sentence in context.doc.sents:
        paragraph = paragraph_index(starts, sentence.start_char)
        if (
            paragraph in wanted
            and paragraph not in violent
            and any(is_violence_report(t, context.lexicons.object_kinds) for t in sentence)
        ):
            violent.add(paragraph)
    for draft in protests:
        if paragraph_index(starts, draft.sentence.start_char) in violent:
            draft.mode = "riot"


def is_violence_report(token: Token, objects: dict[str, set[str]]) -> bool:
    """A noun or verb of violence that says some happened ("clashes erupted", "there were
    scuffles"), not what a protest is about ("against police violence") nor a kind of force
    ("riot police") nor a manner ("a violent crackdown")."""
    kinds = objects.get(token.lemma_.lower(), ())
    if token.pos_ not in ("NOUN", "VERB") or "violence" not in kinds:
        return False
    first = conjunction_root(token)  # "to decry the arrests and violence"
    about = first.dep_ == "pobj" and first.head.lower_ in PROTEST_TOPIC_PREPS
    about = about or first.dep_ in OBJECT_DEPS - {"attr"}  # "condemned the violence"
    return not about and not names_armed_unit(token, objects) and not is_peaceful_word(token)


def names_armed_unit(token: Token, objects: dict[str, set[str]]) -> bool:
    """ "riot police", "riot squad": a word that names a kind of force, not violence."""
    return token.dep_ == "compound" and "armed" in objects.get(token.head.lemma_.lower(), ())


def is_peaceful_word(token: Token) -> bool:
    """ "peaceful", "peacefully", "non-violent" (one token or three)."""
    if token.lower_ in PEACEFUL_WORDS:
        return True
    before = token.doc[max(token.i - 2, 0) : token.i]
    return token.lower_ == "violent" and any(t.lower_ == "non" for t in before)


def set_acled_conditions(draft: Draft, context: Context) -> None:
    """Facts about the sides that ACLED's sub-event types depend on (see plover_acled.tsv)."""
    source_groups = {group_key(t, context) for t in draft.sources}
    target_groups = {group_key(t, context) for t in draft.targets}
    on_protest = bool(target_groups & PROTEST_GROUPS) or attacks_a_protest(draft, context.lexicons)
    if on_protest:
        draft.conditions.add("protesters")
    if "rioters" in target_groups:
        draft.conditions.add("rioters")
    if source_groups & MOB_GROUPS or people_attack_a_gathering(draft, context):
        draft.conditions.add("mob")
    source_sectors = {sector_of(t, context) for t in draft.sources} - {None}
    target_sectors = {sector_of(t, context) for t in draft.targets} - {None}
    target_kinds = {k for t in draft.targets for k in argument_kinds(t, context)}
    source_kinds = {k for t in draft.sources for k in argument_kinds(t, context)}
    armed_target = bool(target_sectors & ARMED_SECTORS) or "armed" in target_kinds
    soft = bool(target_kinds & {"person", "building"}) or (
        target_sectors and target_sectors <= UNARMED_SECTORS
    )
    unnamed_attacker = any(t.lemma_.lower() in UNNAMED_ATTACKERS for t in draft.sources)
    mob = "mob" in draft.conditions  # a mob's victims make mob violence, not an attack
    if not armed_target and (soft or unnamed_attacker) and not on_protest and not mob:
        draft.conditions.add("civilians")
    if (source_sectors & ARMED_SECTORS or "armed" in source_kinds) and armed_target:
        draft.conditions.add("armed")
    if takes_territory(draft, target_kinds, context.lexicons):
        draft.conditions.add("territory")
    else:
        draft.conditions.discard("territory")  # the trigger's own, for posts or an aim
    stores = draft.mode in ("seize", "destroy") and any(
        holds_weapons(t, context.lexicons) for t in draft.targets
    )  # "seized a truck loaded with explosives"
    if "weapon" in target_kinds or stores:
        draft.conditions.add("weapons")
    if draft.type == "CONSULT" and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in PEACE_TALK_WORDS
        for c in draft.head.children
    ):
        draft.conditions.add("peace")  # "peace talks", "ceasefire negotiations"
    if harms_people(draft, context):
        draft.conditions.add("serious_harm")
    draft.conditions.add(actor_side(source_sectors, target_sectors))


def people_attack_a_gathering(draft: Draft, context: Context) -> bool:
    """People named by their nationality or faith, not a force, who attack a rally or a crowd:
    "a group of Turks attacked a peaceful rally" is mob violence."""
    if draft.type != "ASSAULT" or not draft.sources:
        return False
    people = all(t.ent_type_ == "NORP" and sector_of(t, context) is None for t in draft.sources)
    return people and any("gathering" in noun_kinds(t, context.lexicons) for t in draft.targets)


def attacks_a_protest(draft: Draft, lexicons: Lexicons) -> bool:
    """Force used on a protest named as such ("attacked a peaceful demonstration", "fired on
    the march"); not on any crowd, which may be a market's, nor by people named by their
    nationality or faith ("a group of Turks attacked a rally": violence between groups)."""
    forceful = draft.type == "ASSAULT" or (draft.type == "COERCE" and draft.mode is None)
    if not forceful or any(t.ent_type_ == "NORP" for t in draft.sources):
        return False
    modifiers = [c for c in draft.head.children if c.dep_ in ("compound", "amod")]
    return any(
        "gathering" in noun_kinds(t, lexicons) and t.lemma_.lower() not in UNSPECIFIC_GATHERINGS
        for t in draft.targets + modifiers
    )  # "attacked a peaceful demonstration", "a protest crackdown"


def actor_side(source_sectors: set[str], target_sectors: set[str]) -> str:
    """Whether the state acts: from the actor's sector, else from the other side's ("the
    militants were pushed back": the state pushed them)."""
    if source_sectors:
        return "state_actor" if source_sectors & STATE_SECTORS else "non_state_actor"
    if target_sectors and not target_sectors & STATE_SECTORS and target_sectors & ARMED_SECTORS:
        return "state_actor"
    return "non_state_actor" if target_sectors & STATE_SECTORS else "unknown_actor"


def harms_people(draft: Draft, context: Context, any_type: bool = False) -> bool:
    """Force against a crowd that kills or wounds: a killed or injured figure, or a word of harm
    ("violently", "excessive force", "injuries"), in the sentence (ACLED: excessive force, not an
    intervention)."""
    crowd_force = draft.type in ("ASSAULT", "COERCE") and draft.mode in (
        "crowd-control",
        "firearms",
        None,
    )  # a crackdown (COERCE) as well
    if not (crowd_force or any_type):
        return False
    start, end = draft.sentence.start_char, draft.sentence.end_char
    objects = context.lexicons.object_kinds
    hurt = any("harm" in objects.get(t.lemma_.lower(), ()) for t in draft.sentence)
    return hurt or any(
        count.type in ("killed", "injured") and start <= count.span[0] < end
        for count in context.counts
    )


def takes_territory(draft: Draft, target_kinds: set[str], lexicons: Lexicons) -> bool:
    """Ground changes hands: a territorial trigger ("recaptured", "took control"), or a place
    seized or captured ("seized the town"); not military posts overrun in a battle ("overran
    several checkpoints") nor a capture that is only an attack's aim ("an attack to capture").
    A withdrawal hands over ground only where the text says another side takes it."""
    if draft.type == "RETREAT" and draft.mode == "withdraw":
        return taken_over(draft)
    if takes_posts_only(draft, lexicons) or in_purpose_clause(draft.head):
        return False
    if "territory" in draft.entry.conditions:
        return True
    required = draft.entry.requires
    by_place = required is not None and "place" in required[1]
    seized = draft.type == "COERCE" and draft.mode == "seize"
    return (by_place or seized) and "place" in target_kinds


def taken_over(draft: Draft) -> bool:
    """The withdrawal's paragraph says someone takes the ground it leaves ("allowed Daesh to
    seize it", "leaving it in the hands of", "handed control of the camp to", "in the face of an
    advance"): ACLED's non-violent transfer of territory. A pull-back alone ("US forces have
    withdrawn from a key base") is a change to the group's activity. A word that only describes
    who holds a place ("the regime-controlled area") says nothing of a change."""
    doc = draft.head.doc
    text = doc_text(doc)
    starts = paragraph_starts(text)
    own = paragraph_index(starts, draft.sentence.start_char)
    end = starts[own + 1] if own + 1 < len(starts) else len(text)
    paragraph = doc.char_span(starts[own], end, alignment_mode="expand") or doc
    return any(
        t.lemma_.lower() in TAKEOVER_WORDS and t.dep_ not in ("amod", "compound") for t in paragraph
    )


def takes_posts_only(draft: Draft, lexicons: Lexicons) -> bool:
    """The places taken are military posts ("overran several checkpoints", "took control of
    five positions"): ACLED codes the battle, not a change of territory."""
    taken = [t for t in draft.targets if "place" in noun_kinds(t, lexicons) or t.ent_type_]
    posts = [t for t in draft.targets if "post" in noun_kinds(t, lexicons)]
    return bool(posts) and all(t in posts for t in taken)


def in_purpose_clause(token: Token) -> bool:
    """An infinitive that gives an act's aim, not its outcome: "an attack to capture the
    positions", "launched an offensive to retake the town"."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    return infinitive and (
        (token.dep_ == "acl" and token.head.pos_ == "NOUN") or token.dep_ == "advcl"
    )


def is_fired_object(token: Token, draft: Draft, lexicons: Lexicons) -> bool:
    """An instrument that is what the trigger acts with: its object ("fired tear gas") or, in
    the passive, its subject or the noun it describes ("shells fired by ...")."""
    if draft.entry.mode == "destroy":
        return False  # "destroyed 342 mines": what is destroyed, not what destroys
    described = draft.head.dep_ == "acl" and token == draft.head.head
    role = token.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS or described
    return role and instrument_of(token, lexicons) is not None


def instrument_of(token: Token, lexicons: Lexicons) -> tuple[str, frozenset[str]] | None:
    """The mode an instrument noun gives: "tear gas" (with its compound), "machetes"."""
    compounds = [c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod")]
    lemma = token.lemma_.lower()
    pairs = [f"{c} {lemma}" for c in compounds]
    if token.i > 0:  # "poisonous gas attack": both words modify "attack"
        pairs.append(f"{token.doc[token.i - 1].lemma_.lower()} {lemma}")
    if token.dep_ == "compound":
        pairs.append(f"{lemma} {token.head.lemma_.lower()}")
    found = (lexicons.instruments.get(pair) for pair in pairs)
    return next((f for f in found if f), None) or lexicons.instruments.get(lemma)


def attacking_aircraft(draft: Draft, lexicons: Lexicons) -> str | None:
    """ "aerial" or "drone" when the attacker named as the source is an aircraft."""
    for source in draft.sources:
        found = instrument_of(source, lexicons)
        if found is not None and found[0] in ("aerial", "drone"):
            return found[0]
    return None


def sentence_weapon(
    sentence: Span, lexicons: Lexicons, head: Token | None = None
) -> tuple[str, frozenset[str]] | None:
    """A suicide attack, a grenade or a chemical agent named anywhere in the sentence: the most
    specific kind of attack the sentence reports; not one in a relative clause away from the
    trigger `head` ("captured villages near a town that was the scene of a chemical attack")."""
    for token in sentence:
        found = instrument_of(token, lexicons)
        if not found or not (
            found[0] in ("suicide-attack", "unconventional") or "grenade" in found[1]
        ):
            continue
        if head is None or not in_other_relative_clause(token, head):
            return found
    return None


def in_other_relative_clause(token: Token, head: Token) -> bool:
    """A relative clause holds the token but not the trigger."""
    above_head = {head.i, *(a.i for a in head.ancestors)}
    return any(a.dep_ == "relcl" and a.i not in above_head for a in [token, *token.ancestors])


def asks_for_help(draft: Draft, context: Context) -> bool:
    """ "appealed for troops", "a request for assistance"."""
    objects = context.lexicons.object_kinds
    return any(
        "assistance" in objects.get(g.lemma_.lower(), ())
        for c in draft.head.children
        if c.dep_ == "prep" and c.lower_ == "for"
        for g in c.children
        if g.dep_ == "pobj"
    )


def find_instrument(draft: Draft, lexicons: Lexicons) -> tuple[str, frozenset[str]] | None:
    """An instrument word attached to the trigger or its arguments ("bomb attack", "killed by
    gunmen", "attacked with machetes", "killed in an explosion")."""
    head = draft.head
    nearby = [c for c in head.children if c.dep_ in ("compound", "amod", "nmod")]
    for child in head.children:
        if child.dep_ in ("prep", "agent") or child.lemma_ == "use":  # "attacked using mortars"
            nearby.extend(t for t in child.subtree)
    for verb in head.conjuncts:  # "launched missiles and destroyed the batteries"
        if verb.lemma_ in FIRING_VERBS:
            nearby.extend(c for c in verb.children if c.dep_ in OBJECT_DEPS)
    for argument in draft.sources:
        nearby.extend(argument.subtree)
    found = [f for f in (instrument_of(t, lexicons) for t in nearby) if f]
    # "using anti-aircraft guns and mortars": the heavier weapon names the attack
    return max(found, key=lambda f: INSTRUMENT_RANK.get(f[0], 0), default=None)


def entity_of(token: Token, context: Context) -> Entity | None:
    mention = context.mention_at.get(token.i)
    return context.entities.get(mention.entity_id) if mention is not None else None


def group_key(token: Token, context: Context) -> str:
    """ "protesters" for "an anti-government protester", "Hamas" for a named group."""
    entity = entity_of(token, context)
    if entity is not None and token.pos_ != "NOUN":
        return entity.name.lower()
    name = token.lemma_.lower()
    return name if name.endswith("s") else name + "s"


def sector_of(token: Token, context: Context) -> str | None:
    """The actor's PLOVER sector: its entity's, else that of the group named before the noun
    ("Taliban militants", "ISIS forces"), else the noun's own (actor_nouns.tsv: militants REB)."""
    entity = entity_of(token, context)
    if entity is not None and (entity.sector or entity.kind == "person"):
        return entity.sector
    if token.pos_ not in ("NOUN", "PROPN"):
        return None  # "The Somali National Army" is an army even where the entity has no sector
    named = [entity_of(c, context) for c in token.children if c.dep_ in ("compound", "poss")]
    group = next((e for e in named if e is not None and e.kind != "country"), None)
    if group is not None and group.sector:
        return group.sector
    found, _start = match_actor_noun(token, load_actor_lexicons())
    sector = found[2] if found is not None else None
    if group is not None and sector in STATE_SECTORS:
        return None  # "ISIS forces" are not the army that "forces" alone would be
    return sector or None


# --- modality -----------------------------------------------------------------------------


def set_modality(draft: Draft, drafts: list[Draft], context: Context) -> None:
    """What the text commits to: the first cue found on the trigger, then above it."""
    found = own_modality(draft.head, context.lexicons) or governed_modality(draft, context)
    if draft.entry.modality is not None:  # "remained mute spectators": the word says it
        draft.modality, draft.modality_cue = draft.entry.modality, draft.head.text
    elif found is not None:
        draft.modality, draft.modality_token = found[0], found[1]
        draft.modality_cue = found[1].text
    if draft.type == "THREATEN" and draft.mode is None:
        embedded = [d for d in drafts if d is not draft and governs(draft.head, d.head)]
        for other in embedded:
            draft.mode = THREAT_MODES.get((other.type, other.mode)) or THREAT_MODES.get(
                (other.type, None)
            )
            if draft.mode:
                break
    if draft.modality == "asserted" and is_historical(draft, context):
        draft.modality, draft.modality_cue = "historical", None


def own_modality(token: Token, lexicons: Lexicons) -> tuple[str, Token] | None:
    """A negation, modal or hedge on the trigger itself (or its auxiliary chain); a negation
    wins over a modal: "would not meet" is negated."""
    found: list[tuple[str, Token]] = []
    for child in token.children:
        if child.dep_ in ("neg", "aux", "advmod") or (child.dep_ == "det" and child.lower_ == "no"):
            value = lexicons.modality.get((child.lower_, "aux"))
            if value:
                found.append((value, child))
        if child.dep_ == "mark":
            value = lexicons.modality.get((child.lower_, "mark"))
            if value:
                found.append((value, child))
    if not found and token.dep_ == "advcl":
        found = [
            (value, child)
            for child in token.children
            if child.dep_ == "mark" and (value := lexicons.modality.get((child.lower_, "mark")))
        ]
    found += [("negated", t) for t in negated_subjects(token)]
    negations = [f for f in found if f[0] == "negated"]
    return (negations or found or [None])[0]


def negated_subjects(token: Token) -> list[Token]:
    """A subject that says no one did or underwent the act: "nobody was arrested", "no
    policeman intervened", "not a single activist has been arrested"."""
    subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
    return [
        s for s in subjects
        if s.lower_ in NO_ONE
        or any(c.lower_ in ("no", "not") and c.dep_ in ("det", "neg") for c in s.children)
    ]  # fmt: skip


def governed_modality(draft: Draft, context: Context) -> tuple[str, Token] | None:
    """A verb above the trigger that orders, threatens, plans, denies it ("ordered troops to
    open fire", "vowed to retaliate", "denied attacking")."""
    token = draft.head
    clausal = False  # a clause lies between the trigger and the word above it
    for _ in range(3):
        if token.dep_ not in ("xcomp", "ccomp", "pcomp", "dobj", "pobj", "prep", "conj", "acl",
                              "advcl", "acomp"):  # fmt: skip
            return None
        if token.dep_ == "conj":
            token = token.head
            continue
        own_clause = any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in token.children)
        if token.dep_ == "advcl" and own_clause:
            return None  # "failed to intervene when the mob attacked": the attack happened
        governor = token.head
        if token.dep_ == "prep" and token.lower_ in TOPIC_PREPS and governor.pos_ == "VERB":
            return None  # "demanded a probe into the firing" with "into" parsed on the verb
        value = governing_value(governor, context.lexicons, below=token)
        if value == "ordered" and is_reported_clause(token):
            value = None  # "told reporters that rebels attacked": a report, not an order
        if governor.lower_ == "without" and clausal:
            value = None  # "kill without warning to crush the protests": the protests happen
        clausal = clausal or token.dep_ in CLAUSE_DEPS
        if value and governor.i not in {t.i for t in draft.trigger}:
            return value, governor
        if topic_of_noun(token):
            return None  # "demanded a probe into the firing": the probe is demanded, not the firing
        own = own_modality(governor, context.lexicons)
        if own is not None and (own[0] in ("negated", "hypothetical") or light_object(token)):
            return own  # "did not intervene", "will carry out raids"
        token = governor
    return None


def is_reported_clause(token: Token) -> bool:
    """ "told reporters that rebels attacked (had attacked)": a finite clause under "tell" reports
    what happened; "told troops to fire", "ordered that troops be withdrawn" give orders."""
    perfect = token.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in token.children
    )
    return token.dep_ == "ccomp" and (token.tag_ in REPORTED_TAGS or perfect)


def topic_of_noun(token: Token) -> bool:
    """A preposition that makes the event the topic of another noun: "a probe into", "a report
    on", "anger over", "demanded a probe into" (not "of": "a wave of strikes" is the strikes)."""
    if token.dep_ != "prep":
        return False
    return token.lower_ in TOPIC_PREPS or (
        token.lower_ != "of" and token.head.pos_ in ("NOUN", "PROPN")
    )


def light_object(token: Token) -> bool:
    """The object of a verb that only makes the noun happen: "will carry out raids"."""
    return token.dep_ == "dobj" and token.head.lemma_ in LIGHT_VERBS | {"effect"}


def governing_value(governor: Token, lexicons: Lexicons, below: Token | None = None) -> str | None:
    """The modality a governing word gives: a verb ("ordered"), a noun of order or threat
    ("the order to"), or a verb whose object is such a noun ("gave the order to"), unless that
    object is the word `below` it ("reiterated its demand": the demand is made)."""
    value = lexicons.modality.get((governor.lemma_.lower(), "governs"))
    if governor.pos_ == "ADJ":
        return value  # "ready to", "willing to"
    if governor.pos_ == "VERB":
        objects = [c for c in governor.children if c.dep_ == "dobj" and c != below]
        nouns = (lexicons.modality.get((c.lemma_.lower(), "governs")) for c in objects)
        return value or next((v for v in nouns if v in GOVERNING_NOUNS), None)
    return value if value in GOVERNING_NOUNS else None


def governs(above: Token, below: Token) -> bool:
    return above in below.ancestors


def is_historical(draft: Draft, context: Context) -> bool:
    """A date in the trigger's clause that puts the event in the background: one that ends a
    year or more before publication, or in a text without a publication date one that is a
    bare year or a month or year back (`is_background_date`)."""
    in_past = ends_long_before if context.published is not None else is_background_date
    start, end = draft.sentence.start_char, draft.sentence.end_char
    for time in context.times.values():
        if not (start <= time.span[0] < end) or time.type != "DATE" or not in_past(time, context):
            continue
        if in_clause(draft.head, context.doc.char_span(*time.span, alignment_mode="expand")):
            return True
    return False


def ends_long_before(time: TimeExpr, context: Context) -> bool:
    """The date ends a year or more before publication."""
    if not time.high or context.published is None:
        return False
    try:
        last = date.fromisoformat(time.high[:10])
    except ValueError:
        return False
    return (context.published - last).days >= HISTORICAL_DAYS


def is_background_date(time: TimeExpr, context: Context) -> bool:
    """Undated text: a bare year ("the 2017 chemical attack", "withdrew in 2012") or a month or
    year back ("killed last month", "a year ago"). News dates its own events by the day; a
    year, or a month back, puts an event in the background of the one reported."""
    if time.granularity not in COARSE_GRANULARITIES or time.signal in OPEN_SIGNALS:
        return False  # "for the first time since 2012" dates no event to 2012
    words = time.text.lower().split()
    bare_year = time.granularity == "year" and any(len(w) == 4 and w.isdigit() for w in words)
    return bare_year or (bool(words) and (words[0] in PAST_WORDS or words[-1] == "ago"))


def clause_between(token: Token, top: Token) -> bool:
    """Whether a clause boundary lies on the path from `token` up to `top`."""
    while token != top and token.head != token:
        if token.dep_ in ("ccomp", "advcl", "relcl", "xcomp", "acl"):
            return True
        token = token.head
    return False


def in_clause(trigger: Token, span: Span | None) -> bool:
    """Whether a time expression hangs off the trigger's own clause, not a neighbouring one."""
    if span is None:
        return False
    root = span.root
    return root.head == trigger or (root in trigger.subtree and not clause_between(root, trigger))


# --- records ------------------------------------------------------------------------------


def make_event(draft: Draft, context: Context) -> Event:
    trigger_start = draft.trigger[0].idx
    trigger_span = token_span(draft.trigger)
    cameo = ontology.plover_to_cameo(draft.type, draft.mode)
    acled = ontology.acled_for(draft.type, draft.mode, draft.conditions)
    actors = [make_actor("source", t, context) for t in draft.sources]
    actors += [make_actor("target", t, context) for t in draft.targets]
    claim = claim_covering(draft, context)
    place_id, place_basis = event_place(draft, context)
    return Event(
        id="",
        type=draft.type,
        mode=draft.mode,
        trigger=context.text[trigger_span[0] : trigger_span[1]],
        trigger_span=trigger_span,
        sentence_span=(draft.sentence.start_char, draft.sentence.end_char),
        modality=reported_modality(draft, claim),
        modality_cue=draft.modality_cue if draft.modality != "asserted" else claim_cue(claim),
        contexts=list(ontology.cameo_code(cameo).contexts) if cameo else [],
        cameo=cameo,
        quad_class=ontology.quad_class(draft.type),
        acled_event_type=acled[0] if acled else None,
        acled_sub_event_type=acled[1] if acled else None,
        actors=[a for a in actors if a is not None],
        place_id=place_id,
        place_basis=place_basis,
        time_id=event_time(draft, context),
        count_ids=event_counts(draft, context),
        claim_id=claim.id if claim is not None else None,
        quote_ids=[q.id for q in context.quotes if inside(trigger_start, q.content_span)],
        other_spans=[token_span(tokens) for tokens in draft.also],
        confidence=confidence(draft),
    )


def token_span(tokens: list[Token]) -> tuple[int, int]:
    last = max(tokens, key=lambda t: t.i)
    return min(t.idx for t in tokens), last.idx + len(last)


def reported_modality(draft: Draft, claim: Claim | None) -> str:
    """An asserted event inside someone else's claim is reported; a denial is denied."""
    if draft.modality != "asserted" or claim is None or claim.claimant_kind == "outlet":
        return draft.modality
    return "denied" if claim.stance == "denies" else "reported"


def claim_cue(claim: Claim | None) -> str | None:
    return claim.cue if claim is not None and claim.claimant_kind != "outlet" else None


def claim_covering(draft: Draft, context: Context) -> Claim | None:
    """The narrowest claim whose content holds the trigger (another's before the outlet's); a
    claim whose cue is part of the event's own clause ("marched to demand") does not count."""
    position = draft.head.idx
    own = draft.head.subtree
    first, last = min(t.idx for t in own), max(t.idx + len(t) for t in draft.head.subtree)
    holding = [
        c for c in context.claims
        if inside(position, c.content_span)
        and not (c.cue_span and first <= c.cue_span[0] < last)
    ]  # fmt: skip
    if not holding:
        return None
    return min(holding, key=lambda c: (c.claimant_kind == "outlet", span_length(c.content_span)))


def inside(position: int, span: tuple[int, int]) -> bool:
    return span[0] <= position < span[1]


def span_length(span: tuple[int, int]) -> int:
    return span[1] - span[0]


def make_actor(role: str, token: Token, context: Context) -> EventActor | None:
    mention = context.mention_at.get(token.i)
    entity = context.entities.get(mention.entity_id) if mention is not None else None
    if entity is not None and mention is not None:
        return EventActor(role, mention.text, mention.span, entity.id, entity.country,
                          entity.sector)  # fmt: skip
    if token.pos_ in ("PRON", "DET") or token.is_stop:
        return None
    # the phrase up to the head and its own dependents: "Kazakh security forces", not the
    # relative clause or the next conjunct (a conjunct is an actor of its own)
    words = [t for t in token.subtree if t == token or t.dep_ not in PHRASE_BREAKS]
    words = [t for t in words if t.i <= token.i or of_phrase(t, token)]
    words = [t for t in words if abs(t.i - token.i) < MAX_ACTOR_TOKENS]
    first, last = min(t.i for t in words), max(t.i for t in words)
    phrase = context.doc[first : last + 1]
    place = context.place_at.get(token.i)
    country = place.country if place is not None else None
    return EventActor(role, phrase.text, (phrase.start_char, phrase.end_char), None,
                      iso3_for(country), None)  # fmt: skip


def of_phrase(word: Token, head: Token) -> bool:
    """Whether a word after an actor's head belongs to its name: "the town of Kidal", "members
    of the opposition" (not "26 people, including 13 attackers")."""
    for ancestor in [word, *word.ancestors]:
        if ancestor.head == head:
            return ancestor.dep_ == "prep" and ancestor.lower_ == "of"
    return False


def event_place(draft: Draft, context: Context) -> tuple[str | None, str | None]:
    """(place id, basis): a place in the trigger's own phrases ("in Almaty"), else one in its
    clause that is not part of an actor's name; else the article's focus place (its dateline's,
    or the one it is mostly about), marked as such: it stands in for the event's own, and a map
    or a cross-document match can tell the difference."""
    actor_tokens = {t.i for a in draft.sources + draft.targets for t in a.subtree}
    attached = {t.i for c in draft.head.children if c.dep_ in ("prep", "npadvmod", "advmod")
                for t in c.subtree}  # fmt: skip
    clause = clause_head(draft.head)
    candidates = [
        (i not in attached, i)
        for i in range(draft.sentence.start, draft.sentence.end)
        if is_event_place(i, context)
        and (i not in actor_tokens or is_locative(context.doc[i]))
        and (i in attached or not clause_between(context.doc[i], clause))
        and (clause in context.doc[i].ancestors or i in attached)
    ]
    if candidates:
        return context.place_at[min(candidates)[1]].id, "clause"
    if context.focus_place_id is None:
        return None, None
    dateline = context.document.dateline if context.document is not None else None
    return context.focus_place_id, "dateline" if dateline is not None else "article"


def is_locative(token: Token) -> bool:
    """ "protesters in Almaty": a place that says where, inside an actor's phrase."""
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS


def clause_head(token: Token) -> Token:
    """The verb whose clause holds the token (the token itself for a verb)."""
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token


def is_event_place(index: int, context: Context) -> bool:
    """A place name that is not part of an actor's name ("Russian President", "Almaty police")."""
    place = context.place_at.get(index)
    if place is None or place.form != "name" or place.precision == "historical":
        return False
    mention = context.mention_at.get(index)
    entity = context.entities.get(mention.entity_id) if mention is not None else None
    return entity is None or entity.kind == "country"


def event_time(draft: Draft, context: Context) -> str | None:
    """The date attached to the trigger's clause, else the sentence's only date."""
    start, end = draft.sentence.start_char, draft.sentence.end_char
    in_sentence = [
        t for t in context.times.values() if start <= t.span[0] < end and t.type == "DATE"
    ]
    spans = [context.doc.char_span(*t.span, alignment_mode="expand") for t in in_sentence]
    for time, span in zip(in_sentence, spans, strict=True):
        if in_clause(draft.head, span):
            return time.id
    if len(in_sentence) == 1 and spans[0] is not None:
        governor = spans[0].root.head  # "reported Friday that ...": the report's date
        return None if governor in draft.head.ancestors else in_sentence[0].id
    return None


def event_counts(draft: Draft, context: Context) -> list[str]:
    """Counts whose trigger is this event's trigger or hangs off it, or that count its actors."""
    trigger_tokens = {t.i for tokens in [draft.trigger, *draft.also] for t in tokens}
    actor_tokens = {t.i for a in draft.sources + draft.targets for t in a.subtree}
    found = []
    for count in context.counts:
        trigger = context.doc.char_span(
            *(count.trigger_span or count.span), alignment_mode="expand"
        )
        counted = context.doc.char_span(*count.span, alignment_mode="expand")
        by_trigger = trigger is not None and (
            trigger.root.i in trigger_tokens or trigger.root.head.i in trigger_tokens
        )
        of_actor = counted is not None and any(t.i in actor_tokens for t in counted)
        if by_trigger or of_actor:
            found.append(count.id)
    return found


def made_to_happen(noun: Token) -> bool:
    """A noun that a light verb makes happen: "organized a general strike", "held talks"."""
    return noun.dep_ in ("dobj", "attr") and noun.head.lemma_ in LIGHT_VERBS


def confidence(draft: Draft) -> float:
    """A rough score: arguments found, a verb trigger, a specific mode, a main clause."""
    score = 0.5 + 0.15 * bool(draft.sources) + 0.1 * bool(draft.targets)
    score += 0.1 * (draft.head.pos_ == "VERB" or made_to_happen(draft.head))
    score += 0.05 * (draft.mode is not None)
    score -= 0.02 * min(draft.depth, 5)
    score -= 0.1 * in_background_clause(draft.head)
    return round(min(score, 0.95), 2)


def in_background_clause(token: Token) -> bool:
    """A word in a clause that describes a noun or gives a purpose, not the sentence's news:
    "property seized by forces in the 1970s", "began a hunger strike to demand ..."; or in a
    phrase that names what another act answers ("a protest over the detention of")."""
    for step in [token, *token.ancestors]:
        if step.dep_ in ("relcl", "acl"):
            return True
        if step.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in step.children
        ):
            return True
        if step.dep_ == "advcl" and step.tag_ == "VBG" and step.lemma_ in JUSTIFYING_VERBS:
            return True  # "refused to meet him, saying he would welcome him elsewhere"
        if step.dep_ == "pobj" and step.head.lower_ in ANTECEDENT_PREPS:
            return True  # "protested over the detention of", "a protest following the arrest"
    return False


# --- one event, several reports -----------------------------------------------------------


def merge_reports(events: list[Event], context: Context) -> list[Event]:
    """Reports of one event in one article become one record (the first, with the others'
    evidence, counts and actors added); ids are given in text order afterwards."""
    merged: list[Event] = []
    context.roundup_types = roundup_types(events, context)
    for event in events:
        same = next((m for m in merged if same_event(m, event, context)), None)
        if same is None:
            merged.append(event)
            continue
        same.other_spans.append(event.trigger_span)
        same.count_ids += [c for c in event.count_ids if c not in same.count_ids]
        same.quote_ids += [q for q in event.quote_ids if q not in same.quote_ids]
        known = {(a.role, a.entity_id or a.text) for a in same.actors}
        same.actors += [a for a in event.actors if (a.role, a.entity_id or a.text) not in known]
        if same.mode is None and event.mode is not None:  # "the attacks ... was attacked with
            same.mode = event.mode  # a grenade": the report that names the weapon types it
            same.acled_event_type = event.acled_event_type
            same.acled_sub_event_type = event.acled_sub_event_type
        if same.modality != event.modality and "asserted" in (same.modality, event.modality):
            same.modality, same.modality_cue = "asserted", None  # the outlet says so itself
        same.place_id = same.place_id or event.place_id
        same.time_id = same.time_id or event.time_id
    for number, event in enumerate(merged, start=1):
        event.id = f"ev{number}"
    return merged


def same_event(a: Event, b: Event, context: Context) -> bool:
    """Same type, compatible mode, modality, place, time and actors, in different sentences."""
    if a.type != b.type or (a.mode and b.mode and a.mode != b.mode):
        return False
    factual = a.modality in FACTUAL and b.modality in FACTUAL
    if a.modality != b.modality and not factual:
        return False
    if a.place_id and b.place_id and place_key(a, context) != place_key(b, context):
        return False
    if a.time_id and b.time_id and time_key(a, context) != time_key(b, context):
        return False
    sources_a = {x.entity_id for x in a.actors_in("source") if x.entity_id}
    sources_b = {x.entity_id for x in b.actors_in("source") if x.entity_id}
    if sources_a and sources_b and not sources_a & sources_b:
        return False
    actors_a = {x.entity_id for x in a.actors if x.entity_id}
    if actors_a & {x.entity_id for x in b.actors if x.entity_id}:
        return True
    # the same word in two sentences is one event only where the text ties them to one place or
    # day: a round-up article reports many killings
    same_sentence = a.sentence_span == b.sentence_span
    same_word = trigger_lemma(a, context) == trigger_lemma(b, context) and not same_sentence
    if a.type in context.roundup_types:
        return same_word and anchored_together(a, b, context)
    return same_word


def roundup_types(events: list[Event], context: Context) -> set[str]:
    """Event types the article reports at more than one named place: a round-up ("two killed in
    Vijaynagar and six in Halad"), where the same word no longer means the same event."""
    places: dict[str, set[object]] = {}
    for event in events:
        if event.place_basis == "clause":
            places.setdefault(event.type, set()).add(place_key(event, context))
    return {type_ for type_, keys in places.items() if len(keys) > 1}


def anchored_together(a: Event, b: Event, context: Context) -> bool:
    """The same place named in both events' clauses, or the same day."""
    same_place = a.place_basis == b.place_basis == "clause" and (
        place_key(a, context) == place_key(b, context)
    )
    same_time = bool(a.time_id and b.time_id) and time_key(a, context) == time_key(b, context)
    return same_place or same_time


def trigger_lemma(event: Event, context: Context) -> str:
    span = context.doc.char_span(*event.trigger_span, alignment_mode="expand")
    return span[0].lemma_.lower() if span is not None else event.trigger.lower()


def place_key(event: Event, context: Context) -> object:
    place = context.places[event.place_id or ""]
    return place.geonames_id or place.text


def time_key(event: Event, context: Context) -> object:
    time = context.times[event.time_id or ""]
    return time.value or time.text


def main_event(events: list[Event]) -> Event | None:
    """The event a short text is mainly about: a factual one (asserted or reported) before
    others, then not a generic act of violence ("killed", "fighting") where the text also names
    a specific one ("bombing"), then not an explosion or destruction that may be any weapon's
    effect, then the most confident, then the first. Specificity only ranks violence against
    violence: "rejected a call for troops to be deployed" is a rejection. When
    violence wins, the attack with the most telling weapon among those equally factual and
    specific is the main one (a suicide bomber before the blast it set off)."""
    if not events:
        return None
    preludes = {id(e) for e in events if e.type == "MOBILIZE" and is_prelude(e, events)}

    def rank(e: Event) -> tuple[bool, bool, bool, bool]:
        factual = e.modality in FACTUAL
        return not factual, id(e) in preludes, is_generic_violence(e), weapon_rank(e) < 0

    main = min(events, key=lambda e: (*rank(e), -e.confidence, e.trigger_span))
    if main.type not in VIOLENT_TYPES:
        return main
    # a deadly crackdown on protesters is violence too: "three die in protest crackdown"
    violent = [e for e in events if e.type in VIOLENT_TYPES or weapon_rank(e) > 0]
    peers = [e for e in violent if rank(e) == rank(main)]
    return min(peers, key=lambda e: (-weapon_rank(e), -e.confidence, e.trigger_span))


def is_prelude(move: Event, events: list[Event]) -> bool:
    """A deployment or arrival of the ones who then fight: "militants arrived on motorcycles and
    opened fire" is the attack's news; a base set up is news of its own."""
    if move.acled_sub_event_type not in (None, "Change to group/activity"):
        return False
    movers = [a.text.lower() for a in move.actors_in("source")]
    return any(
        e.type == "ASSAULT"
        and e.modality in FACTUAL
        and any(
            a.text.lower().endswith(m) or m.endswith(a.text.lower())
            for a in e.actors_in("source")
            for m in movers
        )  # "troops" and "the troops", "Syrian forces" and "AFP Syrian forces"
        for e in events
    )


def weapon_rank(event: Event) -> int:
    """How much an attack's ACLED sub-event type says of the weapon: 2 for a suicide bomb,
    chemical weapon, grenade or aircraft, 1 for artillery, a riot (force used on rioters is part
    of the riot in ACLED) or deadly force on protesters, 0 otherwise, -1 for what may be the
    effect of any weapon (an explosion, a building destroyed)."""
    return ACLED_WEAPON_RANK.get(event.acled_sub_event_type or "", 0)


def is_generic_violence(event: Event) -> bool:
    """An attack or protest that says no more than "there was fighting" or "people were
    killed": no weapon or manner, and no ACLED type beyond a clash, an attack or a protest."""
    if event.type not in VIOLENT_TYPES:
        return False
    if event.type == "PROTEST" and event.mode == "riot" and not event.actors:
        return True  # "the unrest has spread": no one named, no act said
    generic_mode = event.mode in (None, "sideAB")
    generic_acled = event.acled_sub_event_type in GENERIC_ACLED
    return generic_mode and generic_acled
