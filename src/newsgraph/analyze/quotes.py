"""Stage: quotations with their speakers resolved, and claims with their claimants.

Two sources of evidence are combined. The surface gives the quotation marks: direct quotes,
partial quotes inside a sentence, quotes that run on into the next paragraph, unbalanced marks
(closed at the paragraph's end and flagged) and nested single quotes. The dependency parse gives
the attribution frames: a reporting verb (lexicon in ontology/data/en/reporting_verbs.tsv) with
its subject as the source and its clausal complement as the content ("X said (that) …",
"X told Reuters that …", "X accused Y of …"), a content clause before the cue ("…, local media
reported"), "according to X", and cues with no named source ("reportedly", "there were reports
of", an agentless "were reported"). Beliefs and intentions count as attributions too (PolNeAR's
guidelines): thought and intention verbs ("hopes to", "sees X as Y"), an impression with no
source ("X seems to …"), cue nouns (ontology/data/en/attribution_nouns.tsv: "her decision to …",
"Trump's claim that …", "her hope is that …"), "made it clear that …" and "in his view, …" /
"in a new poll, …". A cue with no subject shares the subject of the clause above it ("began by
saying …"); content too short to name anything is a parse's leftover and dropped.

Each quotation takes the frame that covers it (its content lies in the quote, or the quote lies
in its content) or the frame next to it in its sentence; a quote paragraph with no frame continues
the speaker of the quote directly before it. Speakers are entities of the entities stage, found
through the mention at the subject's head ("he" is already linked to its antecedent).

Every quote but a scare-quoted label is also a Claim; unnamed cues give claims of their own; a
count that no claim covers is asserted by the outlet, so every figure has a source.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsgraph.analyze.textspans import (
    Marked,
    doc_text,
    overlaps,
    paragraph_index,
    paragraph_starts,
    scan_quotations,
)
from newsgraph.ontology import read_data_lines, read_data_table
from newsgraph.records import Claim, Count, Entity, Mention, Quote

Range = tuple[int, int]

OPENING_DOUBLE = {"“": "”", "«": "»", "„": "“"}
SENTENCE_END = ".!?"
# A quote this short (in words), with no verb and not a sentence, is a label someone uses
# ("terrorist bandits", "armed criminals"): the running example and PolNeAR's scare quotes.
LABEL_MAX_WORDS = 4
UNATTRIBUTED_MAX_WORDS = 5  # a quote no one is given this short is a label
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CONTENT_DEPS = {"ccomp", "parataxis"}
CHANNEL_DEPS = {"dobj", "dative", "iobj"}
# The complements of "seem"/"appear" that make them a cue: "seems to …", "appears uneasy",
# "appears that …", "seemed a long shot".
SEEM_DEPS = {"xcomp", "acomp", "ccomp", "attr", "oprd"}
# What a cue noun reports: its clause ("claim that …", "decision to …") or prepositional object.
NOUN_CLAUSE_DEPS = {"acl", "ccomp"}
NOUN_PREPS = {"for", "on", "about", "against", "over"}
# "in his view, …", "in a new poll, …": a clause attributed by a prepositional phrase.
IN_VIEW_NOUNS = {"view", "opinion", "estimation", "poll", "survey"}
# The links through which a verb with no subject shares the subject of the clause above it.
INHERITS_SUBJECT = {"advcl", "conj", "xcomp", "pcomp", "prep"}
INHERIT_STEPS = 2
COMMA_CUE_WORDS = 6  # "…, a senior White House official said, …": the longest name between commas
# What a verb with no clause reports when its object is the content ("called for tax cuts",
# "cited remarks", "declined to comment"): these dependents, and "for"/"of"… phrases.
OBJECT_DEPS = {"dobj", "xcomp", "attr", "oprd"}
CLEAR_WORDS = {"clear", "plain"}  # "made (it) clear that …"
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
SHORT_CONTENT_WORDS = 2  # up to this many words, content must name something
COORDINATORS = {"but", "and"}  # what joins a clause that goes on with the reported content
UNQUOTED_WORDS = 6  # more unquoted words than this: the reported clause is more than its quote
TOPIC_PREPS = {"about", "of"}  # what "speak" and "talk" report: their topic
OBJECT_PREPS = {"for", "of", "about", "on", "against", "over", "that"}
# Entity kind -> Quote.speaker_kind.
SPEAKER_KINDS = {"person": "person", "organization": "organization", "country": "organization",
                 "media": "outlet", "group": "anonymous"}  # fmt: skip
# A paragraph that opens with a name (up to five capitalised words) and a colon.
_COLON_CUE = re.compile(r"(?m)^((?:[A-Z][\w.’'-]*\s){0,4}[A-Z][\w.’'-]*)(:)[ \t]+(?:\S[^\n]*)$")


@dataclass(frozen=True)
class Cues:
    """The attribution lexicons of ontology/data/<language>/, loaded once."""

    verbs: dict[str, tuple[str, str]]  # lemma -> (stance, class)
    phrases: dict[tuple[str, ...], str]  # lower-cased words -> role
    nouns: dict[str, str]  # lemma -> stance
    channels: re.Pattern[str]
    phrase_starts: frozenset[str]  # the first words of `phrases`: most tokens start none


@cache
def load_cues(language: str = "en") -> Cues:
    """The reporting verbs, attribution phrases and channel patterns for `language`."""
    verbs = {
        lemma: (stance, kind)
        for lemma, stance, kind in read_data_table("reporting_verbs.tsv", language, 3)
    }
    phrases = {
        tuple(phrase.split()): role
        for phrase, role in read_data_table("attribution_phrases.tsv", language, 2)
    }
    nouns = dict(read_data_table("attribution_nouns.tsv", language, 2))
    channel_lines = read_data_lines("speech_channels.tsv", language)
    channels = re.compile("|".join(f"(?:{line})" for line in channel_lines), re.IGNORECASE)
    starts = frozenset(words[0] for words in phrases if words)
    return Cues(verbs, phrases, nouns, channels, starts)


@Language.factory(
    "newsgraph_quotes",
    requires=["doc._.entities", "doc._.mentions", "doc._.counts"],
    assigns=["doc._.quotes", "doc._.claims"],
)
def make_quotes(nlp: Language, name: str) -> QuoteStage:
    return QuoteStage()


class QuoteStage:
    """Finds quotations and attributed claims and resolves who makes them."""

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        outlet = document.outlet if document is not None else None
        quotes, claims = extract_quotations(
            doc, doc._.entities or [], doc._.mentions or [], doc._.counts or [], outlet,
            load_cues(),
        )  # fmt: skip
        doc._.quotes, doc._.claims = quotes, claims
        return doc


# --- attribution frames from the parse -------------------------------------------------------


@dataclass
class Frame:
    """One attribution found in the parse: cue, source and content (char offsets)."""

    cue: Range
    cue_text: str
    lemma: str
    sentence: int  # index of the sentence in doc.sents
    source_head: Token | None = None
    source: Range | None = None
    content: Range | None = None
    stance: str = "asserts"
    role: str = "verb"  # verb | according_to | unnamed | passive
    channel: str | None = None
    channel_token: Token | None = None
    consumed: bool = False  # a direct quote took it


@dataclass
class Context:
    """Lookups computed once per document."""

    doc: Doc
    text: str  # doc.text, which spaCy rebuilds from every token on each access
    sentences: list[Span]
    sentence_starts: list[int]
    paragraphs: list[int]
    quoted: list[Range]
    mention_at: dict[int, Mention]  # token index -> mention
    entities: dict[str, Entity]

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect_right(self.sentence_starts, offset) - 1)

    def paragraph_of(self, offset: int) -> int:
        return paragraph_index(self.paragraphs, offset)

    def is_quoted(self, offset: int) -> bool:
        index = bisect_right(self.quoted, (offset, 1 << 62)) - 1
        return index >= 0 and self.quoted[index][0] <= offset < self.quoted[index][1]


def build_context(doc: Doc, entities: list[Entity], mentions: list[Mention],
                  quoted: list[Range]) -> Context:  # fmt: skip
    sentences = list(doc.sents)
    mention_at: dict[int, Mention] = {}
    for mention in mentions:
        span = doc.char_span(*mention.span, alignment_mode="expand")
        for token in span or []:
            mention_at[token.i] = mention
    text = doc_text(doc)
    return Context(
        doc=doc,
        text=text,
        sentences=sentences,
        sentence_starts=[s.start_char for s in sentences],
        paragraphs=paragraph_starts(text),
        quoted=quoted,
        mention_at=mention_at,
        entities={e.id: e for e in entities},
    )


def find_frames(context: Context, cues: Cues) -> list[Frame]:
    """Every attribution frame in the document, in text order."""
    frames: list[Frame] = []
    for number, sentence in enumerate(context.sentences):
        for token in sentence:
            if context.is_quoted(token.idx):
                continue
            frame = (
                verb_frame(token, number, context, cues)
                or noun_frame(token, number, context, cues)
                or phrase_frame(token, number, context, cues)
                or copula_frame(token, number, context, cues)
                or make_clear_frame(token, number, context)
            )
            if frame is not None and frame.content and not says_something(frame.content, context):
                frame.content = None  # kept bare: a direct quote beside it may need its cue
            if frame is not None:
                frames.append(frame)
    frames += colon_frames(context)
    frames.sort(key=lambda f: f.cue)
    inherit_passive_sources(frames, context)
    return frames


def colon_frames(context: Context) -> list[Frame]:
    """ "PENCE: Well, look, …" (a transcript) and "Pat Caddell: Voters Worried …" (a
    headline): a short name, a colon, and what the named one says."""
    frames = []
    for match in _COLON_CUE.finditer(context.text):
        name = context.doc.char_span(*match.span(1), alignment_mode="expand")
        if name is None or any(t.pos_ in ("VERB", "AUX") for t in name):
            continue
        colon = match.start(2)
        content = strip_range(context.text, colon + 1, match.end())
        frame = Frame(cue=(colon, colon + 1), cue_text=":", lemma=":",
                      sentence=context.sentence_of(colon), content=content,
                      source_head=name.root, source=match.span(1))  # fmt: skip
        frames.append(frame)
    return frames


def verb_frame(token: Token, number: int, context: Context, cues: Cues) -> Frame | None:
    """A reporting verb with its subject and content: "X said (that) …", "…, X said"."""
    if token.pos_ not in ("VERB", "AUX"):  # first: the cheaper test, and most tokens fail it
        return None
    entry = cues.verbs.get(token.lemma_.lower()) or third_person_entry(token, cues)
    if entry is None:
        return None
    stance, kind = entry
    if kind == "seem":
        return seem_frame(token, number, context, stance)
    if kind == "view" and not any(c.dep_ == "ccomp" or c.lower_ == "as" for c in token.children):
        return None  # "see the crowd" is no view; "sees Cruz as a uniter" is
    subject = find_subject(token, context) or inherited_subject(token, context)
    agent = next((c for c in token.children if c.dep_ == "agent"), None)
    if agent is not None:
        subject = next((c for c in agent.children if c.dep_ == "pobj"), subject)
    passive = (subject is not None and subject.dep_ == "nsubjpass" and agent is None
               and kind in ("speech", "report") and token.lemma_.lower() != "tell")  # fmt: skip
    content = clip_to_paragraph(content_range(token, kind, passive, context), token, context)
    if (
        content is not None
        and content[0] <= token.idx < content[1]
        and not (passive or is_parenthetical(token))
    ):
        content = None  # a parse that folds the cue into its own content
    interrupting = comma_cue(token, context) if content is None and kind == "speech" else None
    if interrupting is not None:
        content, subject = interrupting
    if content is None and (kind != "speech" or subject is None):
        return None  # a bare "X said" is kept: a direct quote beside it may need its cue
    frame = Frame(cue=cue_range(token), cue_text=cue_text(token), lemma=token.lemma_.lower(),
                  sentence=number, content=content, stance=stance)  # fmt: skip
    if passive:
        frame.role = "passive"
    elif subject is not None and subject.lower_ != "there" and not expletive_it(subject, token):
        frame.source_head = subject
        frame.source = phrase_range(subject)
    attach_channel(frame, token, context, cues)
    return frame


def comma_cue(verb: Token, context: Context) -> tuple[Range, Token] | None:
    """ "The mill was a powerhouse, Ms. Varga said, until …": a short "<name> said" between
    commas inside a sentence the parser broke up; the sentence around it is the content and
    the name's last noun its source. Quoted text on either side is a direct quote's."""
    doc, sentence = context.doc, verb.sent
    left = verb.i - 1
    while left > sentence.start and doc[left].text != "," and verb.i - left <= COMMA_CUE_WORDS:
        left -= 1
    right = verb.i + 1
    if doc[left].text != "," or right >= sentence.end or doc[right].text != ",":
        return None
    name = [t for t in doc[left + 1 : verb.i] if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not name or left - 1 < sentence.start or right + 1 >= sentence.end - 1:
        return None
    if context.is_quoted(doc[left - 1].idx) or context.is_quoted(doc[right + 1].idx):
        return None
    content = clip_to_paragraph(token_range(doc, sentence.start, sentence.end - 1), verb, context)
    return (content, name[-1]) if content is not None else None


def copula_frame(token: Token, number: int, context: Context, cues: Cues) -> Frame | None:
    """ "Her hope is that …", "The consensus has been that …": a cue noun as the subject of
    "be" with a clause; the noun's possessor is the source, with none the cue is unnamed."""
    if token.lemma_ != "be" or token.dep_ in ("aux", "auxpass"):
        return None
    subject = find_subject(token, context)
    if subject is None or subject.pos_ != "NOUN" or subject.lemma_.lower() not in cues.nouns:
        return None
    clause = next((c for c in token.children if c.dep_ == "ccomp" and c.i > token.i), None)
    if clause is None:
        return None
    content = clause_range([clause], token, context)
    if content is None:
        return None
    cue = (min(t.idx for t in subject.subtree if t.i <= subject.i), token.idx + len(token))
    frame = Frame(cue=cue, cue_text=context.text[cue[0] : cue[1]], lemma=token.lemma_,
                  sentence=number, content=content, stance=cues.nouns[subject.lemma_.lower()],
                  role="unnamed")  # fmt: skip
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    if owner is not None:
        frame.role, frame.source_head, frame.source = "verb", owner, phrase_range(owner)
    return frame


def make_clear_frame(token: Token, number: int, context: Context) -> Frame | None:
    """ "She made (it) clear that …": "make" with "clear" and a clause is a statement."""
    if token.lemma_.lower() != "make" or token.pos_ != "VERB":
        return None
    clear = next((c for c in token.children if c.lower_ in CLEAR_WORDS and c.i > token.i), None)
    if clear is None:
        return None
    clauses = [c for c in (*token.children, *clear.children)
               if c.dep_ in ("ccomp", "advcl") and c.i > clear.i]  # fmt: skip
    subject = find_subject(token, context) or inherited_subject(token, context)
    content = clause_range(clauses, token, context) if clauses else None
    if content is None or subject is None:
        return None
    return Frame(cue=(token.idx, clear.idx + len(clear)),
                 cue_text=context.text[token.idx : clear.idx + len(clear)],
                 lemma="make clear", sentence=number, content=content,
                 source_head=subject, source=phrase_range(subject))  # fmt: skip


def clause_range(clauses: list[Token], cue: Token, context: Context) -> Range | None:
    """The span of the clauses' subtrees, kept in the cue's paragraph."""
    first = min(min(t.i for t in c.subtree) for c in clauses)
    last = max(max(t.i for t in c.subtree) for c in clauses)
    return clip_to_paragraph(token_range(context.doc, first, last), cue, context)


def inherited_subject(verb: Token, context: Context) -> Token | None:
    """The subject a verb with none shares with the clause above it: "…, saying that",
    "and added that", "began by saying"; not across a clause that has its own subject."""
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head  # "pastors supporting Mr. Cruz": the noun the participle modifies
    current = verb
    for _step in range(INHERIT_STEPS):
        if current.dep_ not in INHERITS_SUBJECT or current.head is current:
            return None
        current = current.head
        owner = next((c for c in current.children if c.dep_ == "poss"), None)
        subject = owner if current.pos_ == "NOUN" else find_subject(current, context)
        if subject is not None:
            return None if context.is_quoted(subject.idx) else subject
    return None


def noun_frame(token: Token, number: int, context: Context, cues: Cues) -> Frame | None:
    """A cue noun with its content after it: "her decision to X", "Trump's claim that X",
    "questions about X", "support for X" ("of" is left out: "the decision of the court" names
    the source). The possessor is the source; with none the cue is unnamed (a claim with no
    claimant). "in his view, …" is read here too."""
    if token.lower_ == "in" and token.dep_ == "prep":
        return in_view_frame(token, number, context)
    stance = cues.nouns.get(token.lemma_.lower()) if token.pos_ == "NOUN" else None
    if stance is None:
        return None
    content_head = next((c for c in token.children if c.i > token.i and holds_content(c)), None)
    if content_head is not None and content_head.dep_ == "prep":
        content_head = next((c for c in content_head.children if c.dep_ == "pobj"), None)
    if content_head is None:
        return None
    first = min(t.i for t in content_head.subtree)
    last = max(t.i for t in content_head.subtree)
    content = clip_to_paragraph(token_range(context.doc, first, last), token, context)
    if content is None:
        return None
    frame = Frame(cue=(token.idx, token.idx + len(token)), cue_text=token.text,
                  lemma=token.lemma_.lower(), sentence=number, content=content, stance=stance,
                  role="unnamed")  # fmt: skip
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is not None:
        frame.role = "verb"
        frame.source_head = owner
        frame.source = phrase_range(owner)
    return frame


def in_view_frame(prep: Token, number: int, context: Context) -> Frame | None:
    """ "In his view, …" and "In a Post-ABC poll, Clinton led …": the clause the phrase opens
    or closes is the view of the possessor, or the finding of the poll (its source)."""
    noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if noun is None or noun.lemma_.lower() not in IN_VIEW_NOUNS:
        return None
    if prep.head.pos_ not in ("VERB", "AUX"):
        return None  # "a rise in polls": the phrase must modify a clause
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if noun.lemma_.lower() in ("view", "opinion", "estimation") and owner is None:
        return None  # "in the view of" and "in view of" name no one here
    source = owner or noun
    sentence = context.sentences[number]
    phrase_last = max(t.idx + len(t) for t in prep.subtree)
    before = (sentence.start_char, prep.idx)
    after = (phrase_last, sentence.end_char)
    side = before if before[1] - before[0] >= after[1] - after[0] else after
    content = strip_range(context.text, *side)
    if content is None:
        return None
    return Frame(cue=(prep.idx, prep.idx + len(prep)), cue_text=prep.text, lemma="in",
                 sentence=number, content=content, source_head=source,
                 source=phrase_range(source))  # fmt: skip


def holds_content(child: Token) -> bool:
    """A cue noun's dependent that holds what it reports: a clause or a preposition."""
    return child.dep_ in NOUN_CLAUSE_DEPS or (child.dep_ == "prep" and child.lower_ in NOUN_PREPS)


def expletive_it(subject: Token, verb: Token) -> bool:
    """ "It is believed that …" is no one's; "It said the campaign violated …" (a letter, a
    company) names its source: an active "it" with a reporting verb stands for something."""
    return subject.lower_ == "it" and (subject.dep_ != "nsubj" or verb.tag_ == "VBN")


def third_person_entry(token: Token, cues: Cues) -> tuple[str, str] | None:
    """The lemmatizer errs on some third-person forms ("hopes" -> "hop"): the form less "s"."""
    lemma = token.lemma_.lower()
    if token.lower_ in (lemma + "ing", lemma + "ed"):  # "hoping" -> "hop": the lemma less "e"
        return cues.verbs.get(lemma + "e")
    if token.tag_ != "VBZ" or not token.lower_.endswith("s"):
        return None
    return cues.verbs.get(token.lower_[:-1])


def seem_frame(token: Token, number: int, context: Context, stance: str) -> Frame | None:
    """ "Melania seems to have vanished", "It appears that …": an impression the writer
    reports from no one named. The content is the subject with the complement (the cue
    inside it), or the "that" clause; "appeared on Fox News" has no complement: no frame."""
    complements = [c for c in token.children if c.dep_ in SEEM_DEPS and c.i > token.i]
    if not complements:
        return None
    clause = next((c for c in complements if c.dep_ == "ccomp"), None)
    subject = find_subject(token, context)
    if clause is not None or subject is None or subject.lower_ in ("it", "there"):
        parts = [clause or complements[0]]
    else:
        parts = [subject, *complements]
    first = min(min(t.i for t in c.subtree) for c in parts)
    last = max(max(t.i for t in c.subtree) for c in parts)
    content = clip_to_paragraph(token_range(context.doc, first, last), token, context)
    if content is None:
        return None
    return Frame(cue=cue_range(token), cue_text=cue_text(token), lemma=token.lemma_.lower(),
                 sentence=number, content=content, stance=stance, role="unnamed")  # fmt: skip


def is_parenthetical(cue: Token) -> bool:
    """ "…, Mr. Obama said, …": the cue's phrase stands between commas."""
    doc = cue.doc
    first = min(t.i for t in cue.subtree)
    last = max(t.i for t in cue.subtree)
    while first < cue.i and doc[first].is_quote:  # quotation marks belong to the content
        first += 1
    while last > cue.i and doc[last].is_quote:
        last -= 1
    if doc[first].text != ",":  # the parser may hang the commas on the cue itself
        first -= 1
    if doc[last].text != ",":
        last += 1
    before = doc[first].text if first >= 0 else ""
    after = doc[last].text if last < len(doc) else ""
    return cue.dep_ in ("ccomp", "parataxis", "advcl") and before == "," and after == ","


def find_subject(verb: Token, context: Context) -> Token | None:
    """The verb's subject; when the parser gives two ("ALMATY, … Tokayev has ordered",
    "news agency TASS reported"), the one naming an actor, then the one nearest the verb."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) < 2:
        return subjects[0] if subjects else None
    return min(subjects, key=lambda s: (s.i not in context.mention_at, abs(verb.i - s.i)))


def clip_to_paragraph(content: Range | None, cue: Token, context: Context) -> Range | None:
    """Keep content inside the cue's paragraph: the parser sometimes joins a paragraph's last
    sentence to the next one."""
    if content is None:
        return None
    number = context.paragraph_of(cue.idx)
    start = max(content[0], context.paragraphs[number])
    following = context.paragraphs[number + 1] if number + 1 < len(context.paragraphs) else None
    end = min(content[1], following - 2) if following is not None else content[1]
    return strip_range(context.text, start, end) if end > start else None


def cue_range(token: Token) -> Range:
    """The cue verb with its auxiliaries and particles ("has learned", "pointed out")."""
    parts = [token] + [c for c in token.children if c.dep_ in ("aux", "auxpass", "prt", "neg")]
    return min(t.idx for t in parts), max(t.idx + len(t) for t in parts)


def cue_text(token: Token) -> str:
    return token.text


def content_range(token: Token, kind: str, passive: bool, context: Context) -> Range | None:
    """What the verb reports: its clausal complement, the clause it is a parenthetical of (when
    it has no object of its own), or its object ("accused Y of X", "…, while Z backed X")."""
    if passive:  # "Dozens were reported killed …": the whole sentence is reported
        return token_range(context.doc, token.sent.start, token.sent.end - 1)
    paragraph = context.paragraph_of(token.idx)
    clauses = [c for c in token.children if c.dep_ in CONTENT_DEPS
               and context.paragraph_of(c.idx) == paragraph]  # fmt: skip
    # (the parser may join a paragraph's first sentence to the quote that ends the one before)
    after = [c for c in clauses if c.i > token.i]
    if kind == "object":
        clauses = after  # "support", "want": what they take follows them, never a clause before
    if after and len(after) < len(clauses) and not is_parenthetical(token):
        clauses = after  # "X, a union that has been busing …, said her group planned …"
    if clauses:
        clauses += coordinated_clauses(token, clauses, context)
        first = min(min(t.i for t in c.subtree) for c in clauses)
        last = max(max(t.i for t in c.subtree) for c in clauses)
        if first < token.i < last and token.dep_ in ("relcl", "acl", "pcomp"):
            first = token.i + 1  # "a bill which critics said was discriminatory": after the cue
        return token_range(context.doc, first, last)
    objects = object_children(token, kind)
    if (
        token.dep_ in ("ccomp", "parataxis", "advcl")
        and (token.head.i < token.i or is_parenthetical(token))
        and not objects
    ):  # "…, referring to X" and "…, while Russia backed the government": X is its content
        return parenthetical_range(token, context)
    if objects:
        first = min(min(t.i for t in c.subtree) for c in objects)
        last = max(max(t.i for t in c.subtree) for c in objects)
        return token_range(context.doc, first, last)
    return None


def coordinated_clauses(cue: Token, clauses: list[Token], context: Context) -> list[Token]:
    """ "He said he would vote, but he does not want to campaign": a clause with a subject of
    its own that the parser coordinated with the cue instead of with its content goes on with
    what was said; a cue verb there starts a new attribution."""
    end = max(max(t.i for t in c.subtree) for c in clauses)
    found = []
    for conj in (c for c in cue.children if c.dep_ == "conj" and c.i > end):
        cc = next((c.lower_ for c in cue.children if c.dep_ == "cc" and end < c.i < conj.i), None)
        subject = next((c for c in conj.children if c.dep_ in SUBJECT_DEPS), None)
        if cc not in COORDINATORS or subject is None:
            continue
        if conj.lemma_.lower() in load_cues().verbs or context.is_quoted(conj.idx):
            continue
        found.append(conj)
    return found


def object_children(token: Token, kind: str) -> list[Token]:
    """The object dependents that hold a verb's content, after the verb. Speech verbs take
    only a direct object or infinitive ("said nothing", "promised to act"), so that "said
    in an interview" is no content; "tell"'s object is its audience."""
    if token.lemma_.lower() == "ask":  # "asked (him) if …", "asked about X": the question
        question = [c for c in token.children if c.i > token.i and (c.dep_ in ("advcl", "xcomp")
                    or (c.dep_ == "prep" and c.lower_ == "about"))]  # fmt: skip
        if question:
            return question
    if kind == "topic":  # "spoke about X", "spoke of X"; not "spoke on Tuesday"
        return [c for c in token.children if c.i > token.i and c.dep_ == "prep"
                and c.lower_ in TOPIC_PREPS]  # fmt: skip
    found = []
    for child in token.children:
        if child.i < token.i:
            continue
        is_prep = child.dep_ == "prep" and (
            child.lower_ in OBJECT_PREPS
            or (kind == "reference" and child.lower_ == "to")
            or (kind == "view" and child.lower_ == "as")
        )
        if child.dep_ in OBJECT_DEPS or (is_prep and kind != "speech"):
            found.append(child)
    if token.lemma_.lower() == "tell":
        found = [c for c in found if c.dep_ != "dobj"]
    if kind in ("report", "object", "view") and any(c.dep_ == "dobj" for c in found):
        # "show Clinton with a lead", "blamed Obama for the attack": the object with its phrases
        found += [c for c in token.children if c.i > token.i and c.dep_ == "prep"]
    return found


def parenthetical_range(token: Token, context: Context) -> Range | None:
    """ "Protesters … set fire to the office, local media reported" and "The museum, Mr.
    Obama said, would make visitors …": the content is the clause the cue interrupts or
    ends. An interrupting cue stays inside the range (a Quote has one content span)."""
    head = token.head
    cue_first = min(t.i for t in token.subtree)
    cue_last = max(t.i for t in token.subtree)
    first = min(t.i for t in head.subtree)
    last = max(t.i for t in head.subtree)
    if cue_first <= first:
        return None  # "He said, …": the verb's own complement, if any, holds the content
    if cue_last >= last - 1:  # the cue ends the clause (a full stop may follow)
        return token_range(context.doc, first, cue_first - 1)
    return token_range(context.doc, first, last)


def says_something(content: Range, context: Context) -> bool:
    """Reported content names something or is a clause: a short object with no noun, pronoun,
    number or finite verb ("…, adding", "talked about", "released Monday") is a parse's
    leftover, not what was said; "(critics said) was unlawful" is a clause."""
    span = context.doc.char_span(*content, alignment_mode="expand")
    words = [t for t in span or [] if not t.is_punct]
    if len(words) > SHORT_CONTENT_WORDS:
        return True
    if any(t.lemma_.lower() in load_cues().verbs and t.pos_ == "VERB" for t in words):
        return False  # "…, he said", "…, points out": another cue, not content
    return any(names_or_asserts(t) for t in words)


def names_or_asserts(token: Token) -> bool:
    """A noun, pronoun or number that is no date or time, or a finite verb."""
    if token.tag_ in FINITE_TAGS:
        return True
    return token.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and token.ent_type_ not in (
        "DATE",
        "TIME",
    )


def token_range(doc: Doc, first: int, last: int) -> Range | None:
    """Char range of tokens first..last, without punctuation at either end."""
    while first <= last and (doc[first].is_punct and doc[first].text not in '“"‘'):
        first += 1
    while last >= first and doc[last].is_punct and doc[last].text not in '”"’':
        last -= 1
    if last < first:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last])


def phrase_range(head: Token) -> Range:
    """The subject's noun phrase: its subtree, cut at a relative clause or a comma."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "punct", "appos", "cc", "conj") and child.i > head.i:
            continue
        tokens.extend(child.subtree)
    first = min(t.i for t in tokens)
    last = max(t.i for t in tokens)
    return token_range(head.doc, first, last) or (head.idx, head.idx + len(head))


def attach_channel(frame: Frame, verb: Token, context: Context, cues: Cues) -> None:
    """ "told Reuters" from the parse; "in a statement" from the channel patterns."""
    if verb.lemma_.lower() == "tell":
        target = next((c for c in verb.children if c.dep_ in CHANNEL_DEPS), None)
        if target is not None:
            frame.channel = f"{verb.text} {phrase_text(target)}"
            frame.channel_token = target
            return
    sentence = context.sentences[frame.sentence]
    text = context.text[sentence.start_char : sentence.end_char]  # = sentence.text, unbuilt
    for match in cues.channels.finditer(text):
        if not context.is_quoted(sentence.start_char + match.start()):
            frame.channel = match.group(0)
            return


def phrase_text(head: Token) -> str:
    start, end = phrase_range(head)
    return doc_text(head.doc)[start:end]


def phrase_frame(token: Token, number: int, context: Context, cues: Cues) -> Frame | None:
    """ "according to X", "reportedly", "there were reports of X"."""
    if token.lower_ not in cues.phrase_starts:  # every phrase looked up starts with this token
        return None
    doc = context.doc
    for length in (2, 1):
        words = tuple(t.lower_ for t in doc[token.i : token.i + length])
        role = cues.phrases.get(words)
        if role is not None and len(words) == length:
            break
    else:
        return None
    last = doc[token.i + length - 1]
    cue = (token.idx, last.idx + len(last))
    frame = Frame(cue=cue, cue_text=context.text[cue[0] : cue[1]], lemma=" ".join(words),
                  sentence=number, role="unnamed")  # fmt: skip
    if role == "source_follows":
        return according_frame(frame, last, context)
    if role == "unnamed_adverb":
        frame.content = adverb_content(token, context)
    elif role == "unnamed_noun":
        objects = [t for t in last.subtree if t.i > last.i] if last.lower_ == "of" else []
        if last.lower_ != "of":
            objects = [t for t in doc[last.i + 1 : token.sent.end]]
        frame.content = token_range(doc, objects[0].i, objects[-1].i) if objects else None
    return frame if frame.content else None


def according_frame(frame: Frame, to: Token, context: Context) -> Frame | None:
    """ "according to X, …" / "…, according to X": the rest of the sentence is the content."""
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    frame.role = "according_to"
    frame.source_head = source
    frame.source = phrase_range(source)
    sentence = context.sentences[frame.sentence]
    phrase_first = frame.cue[0]
    phrase_last = max(t.idx + len(t) for t in source.subtree)
    before = (sentence.start_char, phrase_first)
    after = (phrase_last, sentence.end_char)
    side = before if before[1] - before[0] >= after[1] - after[0] else after
    frame.content = strip_range(context.text, *side)
    return frame if frame.content else None


def strip_range(text: str, start: int, end: int) -> Range | None:
    """The range without surrounding spaces and commas or a final full stop."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-."):
        end -= 1
    return (start, end) if end > start else None


def adverb_content(adverb: Token, context: Context) -> Range | None:
    """The clause a "reportedly" modifies, without its coordinated clauses."""
    head = adverb.head
    tokens = [head] + [t for c in head.children if c.dep_ not in ("cc", "conj", "punct")
                       and c.dep_ not in SUBJECT_DEPS for t in c.subtree]  # fmt: skip
    first = min(t.i for t in tokens)
    last = max(t.i for t in tokens)
    return token_range(context.doc, first, last)


def inherit_passive_sources(frames: list[Frame], context: Context) -> None:
    """ "Dozens were reported killed" right after "…, local media reported": the agentless
    passive keeps the source of the sentence before it in the same paragraph."""
    previous: Frame | None = None
    for frame in frames:
        if frame.role == "passive" and previous is not None and previous.source is not None:
            same_paragraph = context.paragraph_of(previous.cue[0]) == context.paragraph_of(
                frame.cue[0]
            )
            if same_paragraph and frame.sentence - previous.sentence == 1:
                frame.source, frame.source_head = previous.source, previous.source_head
                frame.channel = previous.channel
        previous = frame


# --- quotations ------------------------------------------------------------------------------


def extract_quotations(
    doc: Doc,
    entities: list[Entity],
    mentions: list[Mention],
    counts: list[Count],
    outlet: str | None,
    cues: Cues,
) -> tuple[list[Quote], list[Claim]]:
    """Quotes and claims for one parsed document."""
    marked = scan_quotations(doc_text(doc))
    context = build_context(doc, entities, mentions, [(m.start, m.end) for m in marked])
    frames = find_frames(context, cues)
    quotes = attribute_marked(marked, frames, context)
    quotes += indirect_quotes(frames, context, len(quotes))
    quotes.sort(key=lambda q: q.content_span)
    for number, quote in enumerate(quotes, start=1):
        quote.id = f"q{number}"
    claims = build_claims(quotes, frames, counts, outlet, context)
    return quotes, claims


def attribute_marked(marked: list[Marked], frames: list[Frame], context: Context) -> list[Quote]:
    """A Quote for every quoted stretch, with its frame or the speaker it continues."""
    quotes: list[Quote] = []
    previous: Quote | None = None
    for mark in marked:
        kind = classify_quote(mark, context)
        quote = Quote(id="", content_span=(mark.start, mark.end),
                      content=context.text[mark.start : mark.end], kind=kind,
                      flags=list(mark.flags), confidence=0.5)  # fmt: skip
        frame = covering_frame(mark, frames) if kind != "direct" else None
        frame = frame or adjacent_frame(mark, frames, context)
        if frame is not None:
            apply_frame(quote, frame, context)
            if kind == "direct" and not reports_more(frame, context):
                frame.consumed = True
        elif previous is not None and continues_previous(mark, previous, context):
            same = context.paragraph_of(mark.start) == context.paragraph_of(
                previous.content_span[0]
            )
            copy_speaker(quote, previous, same)
            quote.flags.append("continues_speaker")
        else:
            apply_sentence_subject(quote, mark, context)
        if unattributed_phrase(quote):
            quote.kind = "label"  # "Shark Tank.", "Bobby!": a title or a chant nobody is given
        if quote.kind == "label" and frame is None and quote.speaker_entity_id is None:
            quote.flags.append("label_of_outlet")
        quotes.append(quote)
        if quote.kind != "label":
            previous = quote
    return quotes


def reports_more(frame: Frame, context: Context) -> bool:
    """ "He said that, “Of course we will,” if the vote holds": the reported clause holds more
    than its quotes, so it stays an attribution of its own (the quote shares its cue)."""
    if frame.content is None:
        return False
    span = context.doc.char_span(*frame.content, alignment_mode="expand")
    outside = [t for t in span or [] if not (t.is_punct or t.is_space or context.is_quoted(t.idx))
               and not frame.cue[0] <= t.idx < frame.cue[1]
               and not (frame.source and frame.source[0] <= t.idx < frame.source[1])]  # fmt: skip
    return len(outside) > UNQUOTED_WORDS


def unattributed_phrase(quote: Quote) -> bool:
    """A few quoted words with no cue and no speaker: a title, a slogan, a scare quote."""
    guessed = "continues_speaker" in quote.flags  # only carried over from a paragraph before
    unnamed = quote.speaker_span is None and quote.speaker_entity_id is None
    return (quote.kind != "label" and quote.cue_span is None and (unnamed or guessed)
            and len(quote.content.split()) <= UNATTRIBUTED_MAX_WORDS)  # fmt: skip


def classify_quote(mark: Marked, context: Context) -> str:
    """direct (a sentence of its own, or introduced by a colon), partial (words quoted inside
    a sentence) or label (a few words with no verb: scare quotes)."""
    text = context.text
    sentence = context.sentences[context.sentence_of(mark.start)]
    before = text[max(sentence.start_char, 0) : mark.start].rstrip("“\"«' \n")
    paragraph_start = context.paragraphs[context.paragraph_of(mark.start)]
    at_start = not before or mark.start - 1 <= paragraph_start
    introduced = before.endswith((":", ",")) and len(before) > 1
    content = text[mark.start : mark.end]
    capital = content[:1].isupper()
    if at_start or (introduced and capital):
        return "direct"
    words = content.split()
    span = context.doc.char_span(mark.start, mark.end, alignment_mode="expand")
    has_verb = span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)
    if len(words) <= LABEL_MAX_WORDS and not has_verb and content.rstrip()[-1:] not in SENTENCE_END:
        return "label"
    return "partial"


def covering_frame(mark: Marked, frames: list[Frame]) -> Frame | None:
    """The frame whose content holds the quote (the tightest one): a partial quote or label
    inside reported speech belongs to its source."""
    holding = [f for f in frames if f.content and f.content[0] <= mark.start
               and mark.end <= f.content[1] + 1]  # fmt: skip
    return min(holding, key=lambda f: (f.source is None, f.content[1] - f.content[0]),
               default=None)  # fmt: skip


def adjacent_frame(mark: Marked, frames: list[Frame], context: Context) -> Frame | None:
    """The frame of a direct quote: one whose content lies in the quote, else the nearest cue
    outside the quote in the sentences the quote touches."""
    inside = [f for f in frames if f.content and overlaps(f.content, (mark.start, mark.end))
              and not (mark.start <= f.cue[0] < mark.end)]  # fmt: skip
    first = context.sentence_of(mark.start)
    last = context.sentence_of(max(mark.start, mark.end - 1))
    # The cue sentence after a quote that ends a sentence: “…,” he said.
    if last + 1 < len(context.sentences) and context.text[mark.end : mark.end + 2].strip(
    ) in (",", "", ",”"):  # fmt: skip
        last += 1
    paragraph = context.paragraph_of(mark.start)
    nearby = [f for f in frames if first <= f.sentence <= last and f.role != "unnamed"
              and context.paragraph_of(f.cue[0]) == paragraph
              and not (mark.start <= f.cue[0] < mark.end)]  # fmt: skip
    candidates = [f for f in inside if f in nearby] or nearby
    if not candidates:
        return None
    return min(candidates, key=lambda f: distance(f.cue, (mark.start, mark.end)))


def distance(cue: Range, quote: Range) -> int:
    """Characters between a cue and a quote; a cue after the quote is preferred on ties."""
    if cue[0] >= quote[1]:
        return cue[0] - quote[1]
    return quote[0] - cue[1] + 1


def apply_frame(quote: Quote, frame: Frame, context: Context) -> None:
    quote.cue, quote.cue_span = frame.cue_text, frame.cue
    quote.channel = frame.channel
    if frame.channel_token is not None:
        channel = context.mention_at.get(frame.channel_token.i)
        channel = channel or source_mention(frame.channel_token, context)
        quote.channel_entity_id = channel.entity_id if channel else None
    set_speaker(quote, frame.source_head, frame.source, context)
    quote.confidence = 0.8 if quote.speaker_entity_id else 0.6


def set_speaker(quote: Quote, head: Token | None, source: Range | None, context: Context) -> None:
    """Speaker entity from the mention at the source's head, else any person mention in it."""
    quote.speaker_span = source
    if head is None:
        return
    mention = named_apposition(head, context) or context.mention_at.get(head.i)
    mention = mention or source_mention(head, context)
    if mention is None:
        quote.speaker_kind = "anonymous" if head.pos_ in ("NOUN", "PROPN") else "unknown"
        return
    entity = context.entities.get(mention.entity_id)
    quote.speaker_entity_id = mention.entity_id
    quote.speaker_span = mention.span
    quote.speaker_kind = speaker_kind(entity)


def named_apposition(head: Token, context: Context) -> Mention | None:
    """ "The organization's secretary-general, Stanislav Zas": the person in apposition."""
    for child in head.children:
        mention = context.mention_at.get(child.i) if child.dep_ == "appos" else None
        if mention is not None and context.entities[mention.entity_id].kind == "person":
            return mention
    return None


def source_mention(head: Token, context: Context) -> Mention | None:
    """A mention inside the source phrase: a person's name first ("the secretary-general,
    Stanislav Zas"), then any actor."""
    start, end = phrase_range(head)  # not in a clause that modifies it ("pastors supporting X")
    found = [context.mention_at[t.i] for t in head.subtree
             if t.i in context.mention_at and start <= t.idx < end]  # fmt: skip
    people = [m for m in found if context.entities[m.entity_id].kind == "person"]
    return (people or found or [None])[0]


def speaker_kind(entity: Entity | None) -> str:
    if entity is None:
        return "unknown"
    if entity.anonymous:
        return "anonymous"
    return SPEAKER_KINDS.get(entity.kind, "unknown")


def continues_previous(mark: Marked, previous: Quote, context: Context) -> bool:
    """A quote with no attribution continues the previous quote's speaker when it follows it
    directly: later in the same paragraph, or opening the next paragraph."""
    if previous.speaker_span is None and previous.speaker_entity_id is None:
        return False
    here = context.paragraph_of(mark.start)
    there = context.paragraph_of(previous.content_span[0])
    if here == there:
        return True
    opens_paragraph = mark.start - 1 == context.paragraphs[here]
    return here == there + 1 and opens_paragraph


def copy_speaker(quote: Quote, previous: Quote, same_paragraph: bool) -> None:
    """The previous quote's speaker and channel; its cue too inside one paragraph, where
    “A,” he said. “B.” is one attribution."""
    if same_paragraph:
        quote.cue, quote.cue_span = previous.cue, previous.cue_span
    quote.speaker_entity_id, quote.speaker_kind = previous.speaker_entity_id, previous.speaker_kind
    quote.speaker_span = previous.speaker_span
    quote.channel, quote.channel_entity_id = previous.channel, previous.channel_entity_id
    quote.confidence = 0.6


def apply_sentence_subject(quote: Quote, mark: Marked, context: Context) -> None:
    """A partial quote or label with no cue ("Tokayev ordered forces to “kill without
    warning”"): the subject of the nearest verb above the quote that has an actor as subject
    uses those words."""
    if quote.kind == "direct":
        return
    span = context.doc.char_span(mark.start, mark.end, alignment_mode="expand")
    if span is None:
        return
    for ancestor in span.root.ancestors:
        subject = find_subject(ancestor, context)
        if subject is None or context.is_quoted(subject.idx):
            continue
        if subject.i in context.mention_at:
            set_speaker(quote, subject, phrase_range(subject), context)
            quote.confidence = 0.5
        return


def indirect_quotes(frames: list[Frame], context: Context, offset: int) -> list[Quote]:
    """Reported speech: every frame with a named source not taken by a direct quote."""
    quotes = []
    for frame in frames:
        if frame.consumed or frame.content is None or frame.role in ("unnamed", "passive"):
            continue
        if frame.source is None or inside_quote(frame.content, context):
            continue
        start, end = frame.content
        quote = Quote(id="", content_span=frame.content, content=context.text[start:end],
                      kind="indirect")  # fmt: skip
        apply_frame(quote, frame, context)
        quotes.append(quote)
    return quotes


def inside_quote(content: Range, context: Context) -> bool:
    """True when most of the content is one quoted stretch (a direct quote already has it)."""
    index = bisect_left(context.quoted, (content[0] + 1, 0)) - 1
    for start, end in context.quoted[max(index, 0) : index + 2]:
        shared = min(end, content[1]) - max(start, content[0])
        if shared > 0.8 * (content[1] - content[0]):
            return True
    return False


# --- claims ----------------------------------------------------------------------------------


def build_claims(
    quotes: list[Quote],
    frames: list[Frame],
    counts: list[Count],
    outlet: str | None,
    context: Context,
) -> list[Claim]:
    """A claim per quote (labels excepted), per unnamed cue, and an outlet claim for each
    sentence whose counts no claim covers; each count is linked to the narrowest claim that
    holds it."""
    claims = [claim_from_quote(q, context) for q in quotes if q.kind != "label"]
    for frame in frames:
        if frame.role in ("unnamed", "passive") and frame.content and not frame.consumed:
            claims.append(claim_from_frame(frame, context))
    claims = drop_unnamed_inside_named(claims)
    claims.sort(key=lambda c: c.content_span)
    link_counts(claims, counts)
    claims += outlet_claims(claims, counts, outlet, context)
    for number, claim in enumerate(claims, start=1):
        claim.id = f"cl{number}"
    return claims


def claim_from_quote(quote: Quote, context: Context) -> Claim:
    entity = context.entities.get(quote.speaker_entity_id or "")
    claimant = entity.name if entity else span_text(context, quote.speaker_span)
    return Claim(
        id="",
        content_span=quote.content_span,
        cue=quote.cue,
        cue_span=quote.cue_span,
        claimant_entity_id=quote.speaker_entity_id,
        claimant_text=claimant,
        claimant_span=quote.speaker_span,
        claimant_kind="named" if claimant else "unnamed",
        stance=stance_of(quote.cue_span, context),
        quote_id=quote.id,
        confidence=quote.confidence,
    )


def stance_of(cue_span: Range | None, context: Context) -> str:
    """The stance of the cue verb's lexicon entry ("denied" -> denies)."""
    span = context.doc.char_span(*cue_span, alignment_mode="expand") if cue_span else None
    verbs = load_cues().verbs
    for token in span or []:
        entry = verbs.get(token.lemma_.lower())
        if entry is not None:
            return entry[0]
    return "asserts"


def claim_from_frame(frame: Frame, context: Context) -> Claim:
    """ "reportedly", "there were reports of", "were reported": named only when an agentless
    passive inherited the source of the sentence before."""
    mention = context.mention_at.get(frame.source_head.i) if frame.source_head else None
    entity = context.entities.get(mention.entity_id) if mention else None
    claimant = entity.name if entity else span_text(context, frame.source)
    return Claim(
        id="",
        content_span=frame.content,
        cue=frame.cue_text,
        cue_span=frame.cue,
        claimant_entity_id=entity.id if entity else None,
        claimant_text=claimant,
        claimant_span=frame.source,
        claimant_kind="named" if claimant else "unnamed",
        stance=frame.stance,
        confidence=0.6,
    )


def span_text(context: Context, span: Range | None) -> str | None:
    return context.text[span[0] : span[1]] if span else None


def drop_unnamed_inside_named(claims: list[Claim]) -> list[Claim]:
    """ "Protesters reportedly stormed …, local media reported": the named claim covers the
    "reportedly" one."""
    named = [c for c in claims if c.claimant_kind == "named"]
    return [
        c for c in claims
        if c.claimant_kind == "named" or not any(
            n.content_span[0] <= c.content_span[0] and c.content_span[1] <= n.content_span[1]
            for n in named
        )
    ]  # fmt: skip


def link_counts(claims: list[Claim], counts: list[Count]) -> None:
    """Each figure belongs to the narrowest claim whose content holds it: in "the ministry said
    12 were killed, while local media reported that dozens were", "dozens" is local media's."""
    for claim in claims:
        claim.count_ids = []
    for count in counts:
        holding = [
            c
            for c in claims
            if c.content_span[0] <= count.span[0] and count.span[1] <= c.content_span[1]
        ]
        if holding:
            narrowest = min(holding, key=lambda c: c.content_span[1] - c.content_span[0])
            narrowest.count_ids.append(count.id)


def outlet_claims(
    claims: list[Claim], counts: list[Count], outlet: str | None, context: Context
) -> list[Claim]:
    """The outlet asserts every count no claim covers: one claim per sentence holding them."""
    covered = {count_id for claim in claims for count_id in claim.count_ids}
    by_sentence: dict[int, list[Count]] = {}
    for count in counts:
        if count.id not in covered:
            by_sentence.setdefault(context.sentence_of(count.span[0]), []).append(count)
    result = []
    for number, members in sorted(by_sentence.items()):
        sentence = context.sentences[number]
        span = strip_range(context.text, sentence.start_char, sentence.end_char)
        result.append(Claim(id="", content_span=span or (sentence.start_char, sentence.end_char),
                            cue=None, claimant_text=outlet or "the outlet",
                            claimant_kind="outlet", count_ids=[c.id for c in members],
                            confidence=0.5))  # fmt: skip
    return result
