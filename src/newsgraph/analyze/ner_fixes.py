"""Stage: correct the statistical NER's entity spans and labels before the other stages read them.

spaCy's small English model makes errors that are cheap to fix with the rest of the document:
it reads ALL-CAPS headlines badly, includes determiners and possessive endings in names, labels
the same surname differently in one article, and misses acronyms next to their expansion. Each
fix below is a small function over (start, end, label) triples; `NerFixes` applies them in
order and writes `doc.ents` once. Only `doc.ents` changes. Toponym fixes are the places stage's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from newsgraph.ontology import MissingLexicon, read_data_lines, read_data_table

Ent = tuple[int, int, str]  # (first token, end token, label), token offsets into the doc

# The fixes in the order they run, with what removing each one costs on CoNLL-2003 dev (train +
# valid, entity F1 with all the others on: 68.76; bare spaCy sm 61.73): recase_caps 0.61,
# trim_edges 3.62, known_names 0.02, titled_persons 0.02, acronyms 0.07, demonyms 0.10,
# harmonize_labels 0.26, propagate_names 2.05.
FIXES = (
    "recase_caps",
    "trim_edges",
    "known_names",
    "titled_persons",
    "acronyms",
    "demonyms",
    "harmonize_labels",
    "propagate_names",
)
LEADING_DROPS = {"the"}  # a determiner is not part of the name ("the United States")
TRAILING_DROPS = {"'s", "’s", "'", "’"}  # possessive endings ("Central Asia’s")
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}  # names, not titles or events
NAME_JOINERS = {"-", "--", "–", "—", "v", "v.", "vs", "vs."}  # between two names: "A v B"
# A sentence counts as ALL-CAPS when at least this share of its words of 2+ letters are upper
# case. CoNLL-2003 dev F1 barely moves between 0.6 and 1.0 (68.99 to 69.00); 0.8 leaves room
# for a mixed-case name in a headline.
CAPS_SHARE = 0.8


@Language.factory(
    "newsgraph_ner_fixes",
    requires=["doc.ents"],
    assigns=["doc.ents"],
    default_config={"fixes": list(FIXES)},
)
def make_ner_fixes(nlp: Language, name: str, fixes: list[str]) -> NerFixes:
    ner = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
    return NerFixes(nlp.vocab, ner=ner, fixes=fixes)


class NerFixes:
    """Apply the enabled fixes to doc.ents (see the module docstring)."""

    def __init__(self, vocab: Vocab, *, ner=None, fixes: Iterable[str] = FIXES) -> None:
        self.ner = ner
        self.fixes = tuple(fixes)
        self.name_matcher = build_name_matcher(vocab)
        self.title_matcher = build_title_matcher(vocab)

    def __call__(self, doc: Doc) -> Doc:
        ents = [(e.start, e.end, e.label_) for e in doc.ents]
        for fix in self.fixes:
            ents = self.apply_fix(fix, doc, ents)
        set_entities(doc, ents)
        return doc

    def apply_fix(self, fix: str, doc: Doc, ents: list[Ent]) -> list[Ent]:
        """Run one named fix (see FIXES)."""
        if fix == "recase_caps":
            return recase_caps_sentences(doc, ents, self.ner) if self.ner is not None else ents
        if fix == "known_names":
            return label_known_names(doc, ents, self.name_matcher)
        if fix == "titled_persons":
            return label_titled_persons(doc, ents, self.title_matcher)
        return PLAIN_FIXES[fix](doc, ents)


def set_entities(doc: Doc, ents: list[Ent]) -> None:
    """Write the entities back; where two overlap the longer one wins."""
    spans = [Span(doc, start, end, label=label) for start, end, label in ents if start < end]
    doc.set_ents(filter_spans(spans), default="outside")


# --- ALL-CAPS sentences -------------------------------------------------------------------------


def is_caps_sentence(sentence: Span) -> bool:
    """True when nearly all the sentence's words of two or more letters are upper case."""
    words = [t.text for t in sentence if t.is_alpha and len(t.text) > 1]
    return bool(words) and sum(w.isupper() for w in words) >= CAPS_SHARE * len(words)


def collect_word_cases(doc: Doc, caps: set[int]) -> dict[str, str]:
    """The usual casing of each word in the document's mixed-case text, keyed by its lower case.

    Sentence-initial words say nothing about their case, so they are not counted."""
    forms: dict[str, Counter[str]] = {}
    for sentence in doc.sents:
        if sentence.start in caps:
            continue
        for token in sentence[1:]:
            if token.is_alpha:
                forms.setdefault(token.lower_, Counter())[token.text] += 1
    return {lower: counts.most_common(1)[0][0] for lower, counts in forms.items()}


def recase_word(word: str, cases: dict[str, str]) -> str:
    """The word as the mixed-case text writes it; a function word in lower case; else Title."""
    if not word.isupper():
        return word
    lower = word.lower()
    if lower in cases:
        return cases[lower]
    if lower in STOP_WORDS:
        return lower
    return word.title()


def recase_caps_sentences(doc: Doc, ents: list[Ent], ner) -> list[Ent]:
    """Re-run the NER on ALL-CAPS sentences written in the document's own casing.

    The model learnt names from their capital letters, so in a headline every word looks like
    one, or none does; the body of the article says how each word is normally written."""
    sentences = [s for s in doc.sents if is_caps_sentence(s)]
    if not sentences:
        return ents
    cases = collect_word_cases(doc, {s.start for s in sentences})
    recased = []
    for sentence in sentences:
        words = [recase_word(t.text, cases) for t in sentence]
        words[0] = words[0][:1].upper() + words[0][1:]
        spaces = [bool(t.whitespace_) for t in sentence]
        recased.append(Doc(doc.vocab, words=words, spaces=spaces))
    kept = [e for e in ents if not any(s.start <= e[0] < s.end for s in sentences)]
    for sentence, parsed in zip(sentences, ner.pipe(recased), strict=True):
        kept.extend(
            (sentence.start + e.start, sentence.start + e.end, e.label_) for e in parsed.ents
        )
    return sorted(kept)


# --- span edges ---------------------------------------------------------------------------------


def trim_entity_edges(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """Drop a leading "the", a trailing possessive, and numbers or punctuation at either end
    of a name; split a name at a spaced dash or "v" between two names.

    A capitalized "The" inside a sentence is kept: there it is part of the name ("The Hague").
    Bare numbers next to a name are scores and table cells ("Chonan 1 0"), not the name."""
    trimmed = []
    for start, end, label in ents:
        if label in NAME_LABELS:
            start, end = trim_name_edges(doc, start, end)
            for first, last in split_joined_names(doc, start, end):
                trimmed.append((first, last, label))
            continue
        if end - start > 1 and is_dropped_article(doc[start]):
            start += 1
        if end - start > 1 and doc[end - 1].text in TRAILING_DROPS:
            end -= 1
        trimmed.append((start, end, label))
    return trimmed


def is_dropped_article(token: Token) -> bool:
    """A "the" before a name, unless capitalized inside a sentence ("at The Oval")."""
    return token.lower_ in LEADING_DROPS and (token.text.islower() or bool(token.is_sent_start))


def is_edge_noise(token: Token) -> bool:
    """A token that cannot begin or end a person's, organization's or place's name."""
    return token.is_punct or token.like_num or token.text in TRAILING_DROPS


def trim_name_edges(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while end - start > 1 and (is_dropped_article(doc[start]) or is_edge_noise(doc[start])):
        start += 1
    while end - start > 1 and is_edge_noise(doc[end - 1]):
        end -= 1
    return start, end


def split_joined_names(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Split "Gillingham v Chesterfield" or "A - B" (a dash with spaces) into two names."""
    parts = []
    first = start
    for index in range(start + 1, end - 1):
        token = doc[index]
        if token.lower_ in NAME_JOINERS and token.whitespace_ and doc[index - 1].whitespace_:
            parts.append((first, index))
            first = index + 1
    parts.append((first, end))
    return [trim_name_edges(doc, a, b) for a, b in parts if a < b]


# --- names across the document ------------------------------------------------------------------


def propagate_person_names(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """A single word that is part of a PERSON name elsewhere in the document is that person.

    "Nursultan Nazarbayev" ... "Nazarbayev" (tagged ORG or not at all) → PERSON."""
    names = set()
    for start, end, label in ents:
        if label == "PERSON" and end - start > 1:
            names.update(t.text for t in doc[start:end] if t.is_alpha and t.text[0].isupper())
    if not names:
        return ents
    fixed = []
    covered = set()
    for start, end, label in ents:
        if end - start == 1 and doc[start].text in names and label != "PERSON":
            label = "PERSON"
        fixed.append((start, end, label))
        covered.update(range(start, end))
    for token in doc:
        if token.i not in covered and token.text in names:
            fixed.append((token.i, token.i + 1, "PERSON"))
    return sorted(fixed)


def harmonize_labels(doc: Doc, ents: list[Ent], extend: bool = True) -> list[Ent]:
    """One label for one name within a document: the label most of its mentions have.

    With `extend`, a later mention the model missed gets that label too (only where every word
    is capitalized, so common words at a sentence start are not taken for names)."""
    votes: dict[tuple[str, ...], Counter[str]] = {}
    for start, end, label in ents:
        if label in NAME_LABELS:
            votes.setdefault(tuple(t.text for t in doc[start:end]), Counter())[label] += 1
    if not votes:
        return ents
    majority = {}
    for words, counts in votes.items():
        (label, top), *rest = counts.most_common(2)
        if not rest or top > rest[0][1]:
            majority[words] = label
    fixed = []
    covered = set()
    for start, end, label in ents:
        words = tuple(t.text for t in doc[start:end])
        fixed.append((start, end, majority.get(words, label)))
        covered.update(range(start, end))
    if extend:
        fixed.extend(find_unlabelled_mentions(doc, majority, covered))
    return sorted(fixed)


def find_unlabelled_mentions(
    doc: Doc, names: dict[tuple[str, ...], str], covered: set[int]
) -> list[Ent]:
    """Occurrences of the names outside any entity, with the name's label."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in names:
        if all(w[:1].isupper() for w in words if w[:1].isalpha()):
            by_first.setdefault(words[0], []).append(words)
    found = []
    for token in doc:
        for words in by_first.get(token.text, ()):
            end = token.i + len(words)
            span = range(token.i, end)
            if (
                end <= len(doc)
                and not covered.intersection(span)
                and tuple(t.text for t in doc[token.i : end]) == words
            ):
                found.append((token.i, end, names[words]))
                covered.update(span)
    return found


# --- lexicons and patterns ------------------------------------------------------------------------


@cache
def load_known_names(language: str = "en") -> dict[tuple[str, ...], str]:
    """Every name and alias in organizations.tsv (news agencies, international organizations),
    as a tuple of token texts → ORG."""
    names = {}
    for name, aliases, *_rest in read_data_table("organizations.tsv", language, 5):
        for written in [name, *filter(None, aliases.split(";"))]:
            names[tuple(written.split())] = "ORG"
    return names


@cache
def load_person_titles(language: str = "en") -> frozenset[str]:
    return frozenset(read_data_lines("ner_person_titles.tsv", language))


def build_name_matcher(vocab: Vocab, language: str = "en") -> PhraseMatcher:
    """One PhraseMatcher over token texts for the known names, keyed by label."""
    matcher = PhraseMatcher(vocab, attr="ORTH")
    by_label: dict[str, list[Doc]] = {}
    for words, label in load_known_names(language).items():
        by_label.setdefault(label, []).append(Doc(vocab, words=list(words)))
    for label, patterns in by_label.items():
        matcher.add(label, patterns)
    return matcher


def build_title_matcher(vocab: Vocab, language: str = "en") -> Matcher:
    """A title followed by capitalized words, hyphenated parts included ("Kassym-Jomart")."""
    title = {"ORTH": {"IN": sorted(load_person_titles(language))}}
    word = {"IS_ALPHA": True, "IS_LOWER": False}  # "Zas", "McCague", "ZAS"
    matcher = Matcher(vocab)
    patterns = [
        [title, word, {**word, "OP": "*"}],
        [title, word, {"ORTH": "-", "SPACY": False}, word, {**word, "OP": "*"}],
    ]
    matcher.add("TITLED_PERSON", patterns, greedy="LONGEST")
    return matcher


def replace_entities(ents: list[Ent], new: list[Ent], keep_longer: bool) -> list[Ent]:
    """Put the new entities in place of those they overlap; with `keep_longer`, an existing
    entity that strictly contains a new one wins."""
    result = list(ents)
    for start, end, label in new:
        overlapping = [e for e in result if e[0] < end and start < e[1]]
        if keep_longer and any(
            e[0] <= start and end <= e[1] and e[1] - e[0] > end - start for e in overlapping
        ):
            continue
        result = [e for e in result if e not in overlapping]
        result.append((start, end, label))
    return sorted(result)


def label_known_names(doc: Doc, ents: list[Ent], matcher: PhraseMatcher) -> list[Ent]:
    """Names from the lexicon get the lexicon's label, unless part of a longer entity."""
    found = [(start, end, doc.vocab.strings[key]) for key, start, end in matcher(doc)]
    return replace_entities(ents, filter_ents(found), keep_longer=True)


def label_titled_persons(doc: Doc, ents: list[Ent], matcher: Matcher) -> list[Ent]:
    """ "President Tokayev", "Mr. Zas": the words after a title are a PERSON, the title is not."""
    found = []
    for _, start, end in matcher(doc):
        found.append((start + 1, end, "PERSON"))
    return replace_entities(ents, filter_ents(found), keep_longer=False)


def filter_ents(ents: list[Ent]) -> list[Ent]:
    """Longest first, no overlaps (as spacy.util.filter_spans)."""
    chosen: list[Ent] = []
    taken: set[int] = set()
    for start, end, label in sorted(ents, key=lambda e: (e[0] - e[1], e[0])):
        if not taken.intersection(range(start, end)):
            chosen.append((start, end, label))
            taken.update(range(start, end))
    return sorted(chosen)


def label_acronyms(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """ "the Collective Security Treaty Organization (CSTO)": the acronym, here and everywhere
    else in the document, gets the label of the name it abbreviates."""
    acronyms = {}
    for start, end, label in ents:
        if label in NAME_LABELS and end + 2 < len(doc) and doc[end].text == "(":
            word, close = doc[end + 1], doc[end + 2]
            if close.text == ")" and is_acronym_of(word.text, doc[start:end]):
                acronyms[word.text] = label
    if not acronyms:
        return ents
    found = [(t.i, t.i + 1, acronyms[t.text]) for t in doc if t.text in acronyms]
    return replace_entities(ents, found, keep_longer=True)


def is_acronym_of(word: str, name: Span) -> bool:
    """An all-capitals word whose letters are, in order, capitals of the name ("CSTO")."""
    if not (2 <= len(word) <= 8 and word.isalpha() and word.isupper()):
        return False
    capitals = iter(c for c in name.text if c.isupper())
    return name.text[:1] == word[0] and all(letter in capitals for letter in word)


@cache
def load_demonyms(language: str = "en") -> frozenset[str]:
    """Adjectival and demonymic forms of place names ("Kazakh"), from demonyms.tsv (shared
    with the places stage); empty when the language has none."""
    try:
        lines = read_data_lines("demonyms.tsv", language)
    except MissingLexicon:
        return frozenset()
    return frozenset(line.split("\t")[0] for line in lines)


def relabel_demonyms(doc: Doc, ents: list[Ent]) -> list[Ent]:
    """ "Kazakh state media": a demonym is a nationality (NORP), never an ORG or a PERSON."""
    demonyms = load_demonyms()
    fixed = []
    for start, end, label in ents:
        if label in {"ORG", "PERSON"} and end - start == 1:
            word = doc[start].text
            if word in demonyms or word.title() in demonyms:
                label = "NORP"
        fixed.append((start, end, label))
    return fixed


PLAIN_FIXES = {
    "trim_edges": trim_entity_edges,
    "acronyms": label_acronyms,
    "demonyms": relabel_demonyms,
    "harmonize_labels": harmonize_labels,
    "propagate_names": propagate_person_names,
}
