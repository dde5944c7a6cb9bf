"""Framings: the labels each side puts on the actors, with who used them and about whom.

Two sources, both read from the analysis records only (quotes, mentions, entities, events, the
text):

- scare quotes: a Quote of kind "label" ("terrorist bandits") is its speaker's label; the actor
  it names is the event actor or mention the label sits in.
- direct and partial quotes: a label noun (ontology/data/en/framing_labels.tsv) among the
  speaker's own words. Said of a subject ("We are neither thugs nor terrorists") it is a
  `predicate` framing of that subject, `negated` when the speaker rejects it (not, never, no,
  neither … nor, isn't …; a "but" in between undoes the negation: "not thugs but patriots").
  The subject is resolved by these rules, in order: "we"/"us" is the speaker's group (the
  speaker's affiliation, e.g. "one woman" of the protesters, else the speaker); "I" is the
  speaker; a mention ending just before the verb is its entity; "they"/"these"/"those" is the
  nearest group or organization mentioned before the quote (within NEARBY_CHARS) other than the
  speaker and the speaker's group; else unknown. Used to refer to someone ("terrorists continue
  to damage property") it is a `reference` framing of the entity the mention resolves to, for
  the label nouns marked `any` (predicate-only labels such as "victim" label no one when used
  to refer).
Indirect quotes are the outlet's paraphrase, not the speaker's words, and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from newsgraph.analyze.textspans import overlaps
from newsgraph.crossdoc.duplicates import outlet_name
from newsgraph.crossdoc.records import Framing
from newsgraph.ontology import read_data_table
from newsgraph.records import Analysis, Entity, Event, Mention, Quote, Span

QUOTE_KINDS = ("direct", "partial")  # the speaker's own words
NEARBY_CHARS = 600  # how far before a quote "they" looks for its group
MAX_MODIFIERS = 2  # words between the verb and the label that are neither listed nor verbs
LOOKBACK_WORDS = 8  # how far left of a label the copula is looked for

BE = {"am", "is", "are", "was", "were", "be", "been", "being"}
BE_NEGATED = {"isn't", "aren't", "wasn't", "weren't", "ain't"}
SUBJECT_BE = {  # contractions that hold the subject and the verb
    "i'm": "i", "we're": "we", "they're": "they", "you're": "you", "he's": "he",
    "she's": "she", "it's": "it", "that's": "that",
}  # fmt: skip
NEGATIONS = {"not", "never", "no", "neither", "nor", "n't"}
PASS_WORDS = {  # may stand between the verb and the label: "we are not just some thugs"
    "a", "an", "the", "and", "or", "just", "only", "mere", "merely", "simply", "all", "some",
    "real", "true", "either", "also", "nothing", "but", "rather", "of", "bunch", "group",
}  # fmt: skip
GROUP_SELF = {"we", "us"}
SELF = {"i", "me"}
OTHERS = {"they", "these", "those", "them"}
STOPS = {  # a preposition or a clause word before the label: not said of the subject
    "with", "by", "for", "against", "from", "to", "at", "in", "on", "about", "like", "than",
    "as", "into", "among", "between", "without", "after", "before", "who", "that", "which",
    "there", "here",
}  # fmt: skip
BREAKS = re.compile(r"[.;:!?\"“”]")  # a gap with these ends the walk left

WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")


@dataclass(frozen=True)
class Word:
    text: str  # lower case, ’ as '
    span: Span


@dataclass(frozen=True)
class LabelHit:
    first: int  # word indexes, inclusive
    last: int
    use: str  # any | predicate


def collect_framings(analysis: Analysis, events: Iterable[Event] | None = None) -> list[Framing]:
    """Every framing in the document (see the module docstring), or only those about the
    actors of `events` or said in their sentences. Ordered by position in the text."""
    only_these = events is not None
    events = list(analysis.events if events is None else events)
    framings = scare_quote_framings(analysis, events) + quoted_label_framings(analysis)
    if only_these:
        sentences = [event.sentence_span for event in events]
        actor_ids = {a.entity_id for event in events for a in event.actors if a.entity_id}
        framings = [
            f
            for f in framings
            if (f.target_entity_id and f.target_entity_id in actor_ids)
            or any(overlaps(f.span or (0, 0), s) for s in sentences)
        ]
    return sorted(framings, key=lambda f: (f.span or (0, 0), f.label))


def scare_quote_framings(analysis: Analysis, events: list[Event]) -> list[Framing]:
    """Scare-quoted labels (Quote.kind == "label"), naming the actor phrase they sit in."""
    names = {entity.id: entity.name for entity in analysis.entities}
    # an actor known as an entity goes by its name ("bandits"), not the phrase around the label
    actor_phrases = [
        (actor.span, names.get(actor.entity_id or "", actor.text), actor.entity_id)
        for event in events
        for actor in event.actors
    ]
    actor_phrases += [(c.object_span, c.object, None) for c in analysis.counts if c.object_span]
    framings = []
    for quote in analysis.quotes:
        if quote.kind != "label":
            continue
        target, target_id = next(
            ((text, entity_id) for span, text, entity_id in actor_phrases
             if overlaps(quote.content_span, span)),
            (None, None),
        )  # fmt: skip
        if target_id is None and (mention := mention_over(analysis, quote.content_span)):
            target_id = mention.entity_id
            target = target or names.get(target_id)
        framings.append(
            framing(analysis, quote, quote.content, quote.content_span, "scare_quote", False,
                    target, target_id)
        )  # fmt: skip
    return framings


def quoted_label_framings(analysis: Analysis) -> list[Framing]:
    """Label nouns in the speakers' own words (direct and partial quotes)."""
    text = analysis.document.text
    labels = [q.content_span for q in analysis.quotes if q.kind == "label"]
    entities = {entity.id: entity for entity in analysis.entities}
    framings: list[Framing] = []
    seen: set[Span] = set()
    for quote in analysis.quotes:
        if quote.kind not in QUOTE_KINDS:
            continue
        words = split_words(text, quote.content_span)
        for hit in find_labels(words):
            span = (words[hit.first].span[0], words[hit.last].span[1])
            if span in seen or any(overlaps(span, label) for label in labels):
                continue  # nested quotes; scare quotes are framings of their own
            predicate = predicate_of(words, text, hit)
            if predicate is None and hit.use != "any":
                continue
            if predicate is not None:
                negated, subject = predicate
                target_id = resolve_subject(analysis, entities, quote, words, subject)
                kind = "predicate"
            else:
                negated = hit.first > 0 and words[hit.first - 1].text in {"no", "not"}
                mention = mention_over(analysis, span)
                target_id = mention.entity_id if mention else None
                kind = "reference"
            seen.add(span)
            target = entities[target_id].name if target_id in entities else None
            framings.append(
                framing(analysis, quote, text[span[0] : span[1]], span, kind, negated, target,
                        target_id)
            )  # fmt: skip
    return framings


def split_words(text: str, span: Span) -> list[Word]:
    start = span[0]
    return [
        Word(m.group().lower().replace("’", "'"), (start + m.start(), start + m.end()))
        for m in WORD_RE.finditer(text[span[0] : span[1]])
    ]


def find_labels(words: list[Word]) -> list[LabelHit]:
    """The longest label phrase starting at each word, left to right, not overlapping."""
    lexicon = label_lexicon()
    longest = max((len(phrase) for phrase in lexicon), default=0)
    hits = []
    index = 0
    while index < len(words):
        for size in range(min(longest, len(words) - index), 0, -1):
            phrase = tuple(w.text for w in words[index : index + size])
            if phrase in lexicon:
                hits.append(LabelHit(index, index + size - 1, lexicon[phrase]))
                index += size
                break
        else:
            index += 1
    return hits


def predicate_of(words: list[Word], text: str, hit: LabelHit) -> tuple[bool, int] | None:
    """(negated, index of the verb) when the label is said of a subject through "be"; walking
    left over negations, coordinated labels, listed words and at most MAX_MODIFIERS others."""
    negated = undone = False
    modifiers = 0
    index = hit.first - 1
    right = words[hit.first].span[0]
    while index >= 0 and hit.first - index <= LOOKBACK_WORDS:
        word = words[index]
        if BREAKS.search(text[word.span[1] : right]):
            return None
        right = word.span[0]
        token = word.text
        if token in BE or token in SUBJECT_BE:
            return (negated and not undone, index)
        if token in BE_NEGATED:
            return (not undone, index)
        if token in NEGATIONS or token.endswith("n't"):
            negated = True
        elif token == "but" or token == "rather":
            undone = not negated  # "not thugs but patriots": the words right of "but" stand
        elif token in PASS_WORDS or any(h.first <= index <= h.last for h in find_labels([word])):
            pass
        elif token in STOPS or token.endswith("ing") or modifiers >= MAX_MODIFIERS:
            return None
        else:
            modifiers += 1
        index -= 1
    return None


def resolve_subject(
    analysis: Analysis, entities: dict[str, Entity], quote: Quote, words: list[Word], verb: int
) -> str | None:
    """The entity the label is said of (see the module docstring), as an entity id."""
    token = words[verb].text
    subject = SUBJECT_BE.get(token) or (words[verb - 1].text if verb > 0 else None)
    speaker = entities.get(quote.speaker_entity_id or "")
    if subject in GROUP_SELF and speaker:
        return speaker.affiliation if speaker.affiliation in entities else speaker.id
    if subject in SELF and speaker:
        return speaker.id
    if token not in SUBJECT_BE and verb > 0:
        window = (words[max(0, verb - 4)].span[0], words[verb].span[0])
        before = [m for m in analysis.mentions if window[0] <= m.span[0] and m.span[1] <= window[1]]
        if before:
            return max(before, key=lambda m: m.span[1]).entity_id
    if subject in OTHERS:
        excluded = {speaker.id, speaker.affiliation} if speaker else set()
        start = quote.content_span[0]
        nearby = [
            m for m in analysis.mentions
            if start - NEARBY_CHARS <= m.span[0] and m.span[1] <= start
            and m.entity_id not in excluded
            and entities.get(m.entity_id, Entity("", "", "")).kind in {"group", "organization"}
        ]  # fmt: skip
        if nearby:
            return max(nearby, key=lambda m: m.span[1]).entity_id
    return None


def mention_over(analysis: Analysis, span: Span) -> Mention | None:
    """The mention that overlaps `span` the most, if any."""
    best = None
    best_overlap = 0
    for mention in analysis.mentions:
        shared = min(span[1], mention.span[1]) - max(span[0], mention.span[0])
        if shared > best_overlap:
            best, best_overlap = mention, shared
    return best


def framing(
    analysis: Analysis,
    quote: Quote,
    label: str,
    span: Span,
    kind: str,
    negated: bool,
    target: str | None,
    target_id: str | None,
) -> Framing:
    entities = {entity.id: entity for entity in analysis.entities}
    speaker = entities.get(quote.speaker_entity_id or "")
    return Framing(
        label=label,
        speaker=speaker.name if speaker else None,
        speaker_entity_id=quote.speaker_entity_id,
        target=target,
        document_id=analysis.document.id,
        quote_id=quote.id,
        outlet=outlet_name(analysis.document),
        published=analysis.document.published,
        kind=kind,
        negated=negated,
        target_entity_id=target_id,
        speaker_group=speaker.affiliation_name if speaker else None,
        span=span,
    )


@cache
def label_lexicon() -> dict[tuple[str, ...], str]:
    """Label phrases, singular and plural, as word tuples -> where they count (any | predicate)."""
    lexicon = {}
    for phrase, use, plural in read_data_table("framing_labels.tsv", columns=3):
        words = tuple(phrase.split())
        for form in (words[-1], plural or regular_plural(words[-1])):
            lexicon[(*words[:-1], form)] = use or "any"
    return lexicon


def regular_plural(noun: str) -> str:
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in set("aeiou"):
        return noun[:-1] + "ies"
    return noun + "s"
