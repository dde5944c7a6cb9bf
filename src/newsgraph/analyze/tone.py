"""Stage: tone (GDELT's V1.5 tone) of the document, of each quote and claim and toward each actor;
the document's themes.

**Document tone** has GDELT's seven V1.5 components (GKG codebook 2.1, V1.5TONE), each but the
last a percentage of the words of the text:

- *Positive score*: the share of words with a positive connotation (in the tone lexicon);
- *Negative score*: the share of words with a negative connotation (a positive number);
- *Tone*: Positive score minus Negative score (-100..+100; news mostly lies within -10..+10);
- *Polarity*: the share of words found in the tone lexicon, how charged the text is (Positive
  plus Negative: a text can be neutral in Tone and highly charged);
- *Activity reference density*: the share of words that are activity words;
- *Self/group reference density*: the share of words that are self/group pronouns;
- *Word count*: the words of the text.

Where ours differs from GDELT's, and why:

- The lexicon. GDELT's tonal dictionary is not published. Ours is VADER's (the vaderSentiment
  package's vader_lexicon.txt, MIT, 7,500 entries rated -4..+4 by people), read from the
  installed package, plus additions and removals in ontology/data/en/tone_words.tsv: VADER was
  rated on social media and lacks much of the vocabulary of conflict news ("corruption",
  "unrest", "clashes"). A word is looked up as written, then by its lemma ("clashed" -> "clash").
- A word counts as tonal only when its valence is at least MIN_VALENCE in size: VADER's weakest
  entries ("want" 0.3, "challenge" 0.3) are barely tonal for its raters, and counting every word
  equally (as GDELT does) would give them the weight of "killed".
- Only content words can carry tone: no function words (so the preposition "like" is not
  positive, the determiner "no" not negative) and no names (proper nouns and named entities:
  "Hope", "Amnesty International"). GDELT matches every word.
- Words are spaCy's tokens with a letter or a digit: "don't" is two words, "Kassym-Jomart" two,
  punctuation none. GDELT counts words split by white space.
- As GDELT, no negation and no intensifiers: the components count words, "not good" is positive.
- Activity words and self/group pronouns: GDELT publishes neither list. Ours are lemmas of
  physical action and confrontation (ontology/data/en/activity_words.tsv) and first-person
  pronouns, singular and plural (self_group_pronouns.tsv): third-person pronouns in news mostly
  carry attribution ("he said"), not self/group discourse.

**Quotes and claims** get the same seven components over their content span (`Quote.tone`,
`Claim.tone`). **Toward an actor** (`ActorTone`): the words that govern each of its mentions
(the verb or noun a mention depends on, through a preposition; the predicate of a copula, "the
government is rich"; a verb it controls, "terrorists continue to damage"), and its own modifiers
(adjectives, appositions, relative clauses): tone = (positive - negative) / words read x 100, as
for a text, with the spans of the tonal words kept as evidence; and the tone of the sentences
that mention it.

**Themes**: a controlled list (ontology/data/themes.tsv: GKG-style themes and every PLOVER
context), each with the spans that triggered it: words and phrases (en/theme_triggers.tsv,
matched on lemmas), and the earlier stages' records (theme_records.tsv): an arrest event gives
ARREST, a killed count KILL, an event's PLOVER context its theme.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.ontology import MissingLexicon, read_data_lines, read_data_table
from newsgraph.records import (
    ActorTone,
    Claim,
    Count,
    Event,
    Mention,
    Quote,
    Span,
    Theme,
    Tone,
)

LEXICON_PACKAGE = "vaderSentiment"
LEXICON_FILE = "vader_lexicon.txt"
# |valence| below this is not tonal: VADER's raters gave "want" 0.3 and "like" (the verb) 1.5
MIN_VALENCE = 0.5
# parts of speech that cannot carry tone (function words, names, numbers, symbols)
NO_TONE_POS = {"ADP", "AUX", "CCONJ", "DET", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ",
               "SPACE", "SYM", "X"}  # fmt: skip
NAME_ENTS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT",
             "LAW", "LANGUAGE"}  # fmt: skip
# how a mention's own modifiers attach (they describe the actor)
MODIFIER_DEPS = {"amod", "appos", "relcl", "acl"}
PREDICATE_DEPS = {"acomp", "attr", "oprd"}  # "the government is rich", "... is a thug"
NOT_FACTUAL = {"negated"}  # events that give no theme
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class Lexicons:
    valence: dict[str, float]  # word or lemma (lower case) -> valence, -4..+4
    activity: frozenset[str]  # lemmas
    self_group: frozenset[str]  # words (lower case)
    triggers: dict[str, list[tuple[tuple[str, ...], str]]]  # first word -> (words, theme)
    themes: dict[str, str]  # theme -> the PLOVER context it covers ("" none)
    by_context: dict[str, str]  # PLOVER context -> theme
    by_event: dict[tuple[str, str], str]  # (PLOVER type, mode or "*") -> theme
    by_count: dict[str, str]  # GDELT count type -> theme


def read_sentiment_lexicon() -> dict[str, float]:
    """VADER's word valences from the installed vaderSentiment package (single words only:
    emoticons and the few phrases are left out)."""
    try:
        path = resources.files(LEXICON_PACKAGE) / LEXICON_FILE
        text = path.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise MissingLexicon(
            f"the tone stage needs {LEXICON_FILE} of the {LEXICON_PACKAGE} package: {error}"
        ) from None
    valence = {}
    for line in text.splitlines():
        word, _, rest = line.partition("\t")
        if word and " " not in word and any(c.isalpha() for c in word):
            valence[word] = float(rest.partition("\t")[0])
    return valence


@cache
def load_lexicons(language: str = "en") -> Lexicons:
    """The tone stage's tables, read once per language."""
    valence = read_sentiment_lexicon()
    for word, value in read_data_table("tone_words.tsv", language, 2):
        if value == "-":
            valence.pop(word, None)
        else:
            valence[word] = float(value)
    themes = {theme: context for theme, context, _ in read_data_table("themes.tsv", None, 3)}
    triggers: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, theme in read_data_table("theme_triggers.tsv", language, 2):
        if theme not in themes:
            raise ValueError(f"{language}/theme_triggers.tsv: unknown theme {theme!r}")
        words = tuple(phrase.split())
        triggers.setdefault(words[0], []).append((words, theme))
    for entries in triggers.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    by_event: dict[tuple[str, str], str] = {}
    by_count: dict[str, str] = {}
    for record, kind, mode, theme in read_data_table("theme_records.tsv", None, 4):
        if theme not in themes:
            raise ValueError(f"theme_records.tsv: unknown theme {theme!r}")
        if record == "event":
            by_event[(kind, mode)] = theme
        else:
            by_count[kind] = theme
    return Lexicons(
        valence=valence,
        activity=frozenset(read_data_lines("activity_words.tsv", language)),
        self_group=frozenset(w for w, _ in read_data_table("self_group_pronouns.tsv", language, 2)),
        triggers=triggers,
        themes=themes,
        by_context={context: theme for theme, context in themes.items() if context},
        by_event=by_event,
        by_count=by_count,
    )


def tone_from_counts(
    words: int, positive: int, negative: int, activity: int = 0, self_group: int = 0
) -> Tone:
    """GDELT's V1.5 components from word counts: percentages of `words` (4 decimals)."""
    if words <= 0:
        return Tone(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0)

    def share(n: int) -> float:
        return round(100 * n / words, 4)

    return Tone(
        tone=share(positive - negative),
        positive=share(positive),
        negative=share(negative),
        polarity=share(positive + negative),
        activity=share(activity),
        self_group=share(self_group),
        word_count=words,
    )


def token_valence(token: Token, lexicons: Lexicons) -> float:
    """The token's valence, 0.0 when it cannot carry tone or is not tonal enough."""
    return valence_of(token.lower_, token.lemma_.lower(), token.pos_, token.ent_type_, lexicons)


def valence_of(lower: str, lemma: str, pos: str, ent_type: str, lexicons: Lexicons) -> float:
    if pos in NO_TONE_POS or ent_type in NAME_ENTS:
        return 0.0
    value = lexicons.valence.get(lower)
    if value is None:
        value = lexicons.valence.get(lemma, 0.0)
    return value if abs(value) >= MIN_VALENCE else 0.0


def is_word(text: str) -> bool:
    """A token with a letter or a digit is a word."""
    return _LETTER_OR_DIGIT.search(text) is not None


class Tally:
    """Per-token word, positive, negative, activity and self/group flags of one doc, with prefix
    sums so that the tone of any stretch of tokens costs two subtractions per component."""

    def __init__(self, doc: Doc, lexicons: Lexicons) -> None:
        self.starts: list[int] = []
        self.lowers: list[str] = []
        self.lemmas: list[str] = []
        self.valence: list[float] = []
        flags = []
        for token in doc:  # one pass: each attribute read once
            lower, lemma = token.lower_, token.lemma_.lower()
            self.starts.append(token.idx)
            self.lowers.append(lower)
            self.lemmas.append(lemma)
            word = is_word(lower)
            value = valence_of(lower, lemma, token.pos_, token.ent_type_, lexicons) if word else 0.0
            self.valence.append(value)
            flags.append((
                int(word), int(value > 0), int(value < 0),
                int(word and lemma in lexicons.activity),
                int(word and lower in lexicons.self_group),
            ))  # fmt: skip
        self.sums = [list(accumulate(column, initial=0)) for column in zip(*flags, strict=True)]
        if not flags:
            self.sums = [[0] for _ in range(5)]

    def token_range(self, span: Span) -> tuple[int, int]:
        """Tokens starting inside the character span."""
        return bisect_left(self.starts, span[0]), bisect_left(self.starts, span[1])

    def counts(self, start: int, end: int) -> list[int]:
        return [column[end] - column[start] for column in self.sums]

    def tone(self, ranges: Iterable[tuple[int, int]]) -> Tone:
        total = [0] * 5
        for start, end in ranges:
            total = [a + b for a, b in zip(total, self.counts(start, end), strict=True)]
        return tone_from_counts(*total)

    def span_tone(self, span: Span) -> Tone:
        return self.tone([self.token_range(span)])


@Language.factory(
    "newsgraph_tone",
    requires=["doc._.mentions", "doc._.counts", "doc._.quotes", "doc._.claims", "doc._.events"],
    assigns=["doc._.tone", "doc._.actor_tones", "doc._.themes"],
)
def make_tone(nlp: Language, name: str) -> ToneStage:
    return ToneStage()


class ToneStage:
    """Adds `doc._.tone`, `doc._.actor_tones`, `doc._.themes` and the tone of each quote and
    claim (`Quote.tone`, `Claim.tone`)."""

    def __call__(self, doc: Doc) -> Doc:
        lexicons = load_lexicons()
        tally = Tally(doc, lexicons)
        quotes: list[Quote] = doc._.quotes or []
        claims: list[Claim] = doc._.claims or []
        quote_tones = [tally.span_tone(q.content_span) for q in quotes]
        claim_tones = [tally.span_tone(c.content_span) for c in claims]
        doc._.tone = tally.tone([(0, len(doc))])
        doc._.actor_tones = actor_tones(doc, tally, doc._.mentions or [])
        doc._.themes = extract_themes(doc, lexicons, doc._.events or [], doc._.counts or [], tally)
        for quote, tone in zip(quotes, quote_tones, strict=True):
            quote.tone = tone
        for claim, tone in zip(claims, claim_tones, strict=True):
            claim.tone = tone
        return doc


def governing_tokens(doc: Doc, start: int, end: int) -> set[int]:
    """Token indices of the words that govern or modify the mention doc[start:end]."""
    root = doc[start:end].root
    found: set[int] = set()
    for child in root.children:
        if child.dep_ in MODIFIER_DEPS and not start <= child.i < end:
            found.add(child.i)
    governor = root.head
    if governor.i == root.i:
        return found
    if governor.pos_ == "ADP" and governor.head.i != governor.i:
        governor = governor.head  # "violence against protesters" -> "violence"
    found.add(governor.i)
    for child in governor.children:
        if child.i == root.i:
            continue
        if child.dep_ in PREDICATE_DEPS or child.dep_ == "xcomp":
            found.add(child.i)
    return {i for i in found if not start <= i < end}


def actor_tones(doc: Doc, tally: Tally, mentions: list[Mention]) -> list[ActorTone]:
    """The tone toward each entity with mentions: of the words governing them, and of the
    sentences that mention it."""
    sentence_of = [0] * len(doc)
    sentences = []
    for number, sentence in enumerate(doc.sents):
        sentences.append((sentence.start, sentence.end))
        for i in range(sentence.start, sentence.end):
            sentence_of[i] = number
    words: dict[str, set[int]] = {}
    mentioned: dict[str, set[int]] = {}
    counted: dict[str, int] = {}
    for mention in mentions:
        start, end = tally.token_range(mention.span)
        if start >= end:
            continue
        words.setdefault(mention.entity_id, set()).update(governing_tokens(doc, start, end))
        mentioned.setdefault(mention.entity_id, set()).add(sentence_of[start])
        counted[mention.entity_id] = counted.get(mention.entity_id, 0) + 1
    records = []
    for entity_id, indices in words.items():
        read = [i for i in sorted(indices) if tally.sums[0][i + 1] - tally.sums[0][i]]
        positive = [i for i in read if tally.valence[i] > 0]
        negative = [i for i in read if tally.valence[i] < 0]
        tonal = sorted(positive + negative)
        governing = tone_from_counts(len(read), len(positive), len(negative))
        records.append(
            ActorTone(
                entity_id=entity_id,
                mentions=counted[entity_id],
                tone=governing.tone,
                positive=len(positive),
                negative=len(negative),
                words=len(read),
                spans=[(doc[i].idx, doc[i].idx + len(doc[i])) for i in tonal],
                sentence_tone=tally.tone(sentences[n] for n in sorted(mentioned[entity_id])),
            )
        )
    return records


def extract_themes(
    doc: Doc,
    lexicons: Lexicons,
    events: list[Event],
    counts: list[Count],
    tally: Tally | None = None,
) -> list[Theme]:
    """The document's themes, most evidence first, each with the spans that triggered it."""
    spans: dict[str, set[Span]] = {}
    event_ids: dict[str, list[str]] = {}
    tally = tally or Tally(doc, lexicons)
    lemmas, lowers, triggers = tally.lemmas, tally.lowers, lexicons.triggers
    i = 0
    while i < len(doc):
        if lemmas[i] not in triggers and lowers[i] not in triggers:
            i += 1
            continue
        matches = [
            (len(words), theme)
            for key in dict.fromkeys((lemmas[i], lowers[i]))
            for words, theme in lexicons.triggers.get(key, ())
            if i + len(words) <= len(doc)
            and all(word in (lemmas[i + k], lowers[i + k]) for k, word in enumerate(words))
        ]
        longest = max((n for n, _ in matches), default=0)
        for n, theme in matches:
            if n == longest:
                last = doc[i + n - 1]
                spans.setdefault(theme, set()).add((doc[i].idx, last.idx + len(last)))
        i += max(longest, 1)
    for event in events:
        if event.modality in NOT_FACTUAL:
            continue
        themes = {
            lexicons.by_event.get((event.type, event.mode or "")),
            lexicons.by_event.get((event.type, "*")),
            *(lexicons.by_context.get(c, c.upper()) for c in event.contexts),
        }
        for theme in themes - {None}:
            if theme in lexicons.themes:
                spans.setdefault(theme, set()).add(event.trigger_span)
                event_ids.setdefault(theme, []).append(event.id)
    for count in counts:
        theme = lexicons.by_count.get(count.gdelt_type or "")
        if theme:
            spans.setdefault(theme, set()).add(count.span)
    themes = [
        Theme(theme=theme, spans=sorted(found), event_ids=event_ids.get(theme, []))
        for theme, found in spans.items()
    ]
    themes.sort(key=lambda t: (-len(t.spans), t.theme))
    return themes


def combine_tones(tones: Iterable[Tone]) -> Tone:
    """One Tone for several texts, as if they were one: their word counts added up (the counts
    come back from the percentages exactly, as these keep 4 decimals)."""
    total = [0] * 5
    for tone in tones:
        words = tone.word_count
        shares = (tone.positive, tone.negative, tone.activity, tone.self_group)
        counts = [words, *(round(share * words / 100) for share in shares)]
        total = [a + b for a, b in zip(total, counts, strict=True)]
    return tone_from_counts(*total)


def speaker_tone(quotes: Iterable[Quote], speaker_ids: Iterable[str]) -> Tone | None:
    """How these speakers talk: the combined tone of their quotes, where quotes overlap ("… that
    people 'want the truth'" and "want the truth.") only the longest counted."""
    ids = set(speaker_ids)
    theirs = [q for q in quotes if q.speaker_entity_id in ids and q.tone is not None]
    theirs.sort(key=lambda q: q.content_span[0] - q.content_span[1])  # longest first
    kept: list[Quote] = []
    for quote in theirs:
        start, end = quote.content_span
        if not any(start < k.content_span[1] and k.content_span[0] < end for k in kept):
            kept.append(quote)
    return combine_tones(q.tone for q in kept if q.tone) if kept else None
