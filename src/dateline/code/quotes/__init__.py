"""Quote attribution: who said what, with content, cue and speaker spans.

Rules over the shared spaCy parse (no second model):

- a reporting verb from the cue lexicon (`cues.py`) takes its subject as
  the source and its clausal complements as the content ("X said that ...",
  "..., X said");
- a quotation right before or after the cue clause is content too, so split
  quotes ("A," he said. "B.") and colon-introduced quotes come out whole, and a
  complement lying in a quotation grows to the whole quotation (quotes running
  over sentences or paragraphs);
- a source phrase ("according to X, ...") takes its object as the source and the
  rest of its clause as the content.

plus inverted and parenthetical cues ("A, he says, B", "As X noted, ..."),
speaker labels ("KERRY: ..."), unsourced cues ("X is expected to ...") and
nesting (docs/quotes.md lists them all). A cue without content ("he pointed
out." on its own) gives no quote. Speakers are resolved through
`speakers.SpeakerResolver`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import dropwhile, takewhile
from typing import Any

from dateline.analyse.nlp import doc_text
from dateline.code.quotes.cues import Cue, CueLexicon, load_lexicon, user_paths
from dateline.code.quotes.marks import CLOSERS as CLOSING
from dateline.code.quotes.marks import quotation_spans
from dateline.code.quotes.speakers import SpeakerResolver
from dateline.model import Quote
from dateline.pipeline import Analysis, component

Span = tuple[int, int]

SUBJECTS = ("nsubj",)
INHERITS_SUBJECT = ("conj", "advcl", "xcomp", "pcomp", "acomp")
WHETHER = ("if", "whether")
SUBJECT_FRAMES = ("nsubj", "nsubjpass")
"""Frames that make the subject content and leave the source unnamed ("X seems to")."""
OWN_CLAUSES = ("conj",)
"""Clauses inside content that are attributions of their own when they have a cue and a subject
or clause of their own (relative and adverbial ones were tried and cost precision on PolNeAR train)."""
HOSTED = ("advcl", "ccomp", "parataxis")
COMPLEMENTS = {"ccomp", "xcomp", "attr", "oprd", "acomp"}
"""A sentence-final cue with one of these after it is not closing a preceding clause."""
_WORD = re.compile(r"\w")
_WORDS = re.compile(r"[^\W\d_]{2,}")
_SET_OFF = re.compile(r"[,?!][”\"»]?\s*$")
MODIFIED_NOUN_WEIGHT = 0.6
"""Least cue weight for "the X <cue>ed by Y" (weaker cues are right under half the time there)."""
NOMINAL = ("PROPN", "PRON", "NOUN", "DET", "ADJ")
SOURCE_CUT = {"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc"}
_GAP_BEFORE = re.compile(r"[ \t,—–]*")
_GAP_TO_CUE = re.compile(r"[ \t,]*[^\n\"“”«»]{1,60}?")
_COLON_BEFORE = re.compile(r"\w:[ \t]*\Z")
_QUOTE_AFTER = re.compile(r"[ \t,:]*[\"“«]")
_GAP_AFTER = re.compile(r"[\s,:;]*")
_GAP_NEXT_SENTENCE = re.compile(r"[\s,:;.]*")
_EDGE = " \t\n,;:–—-"
_LABEL = re.compile(r"^[ \t]*([A-Z][\w.’' -]{1,40}?):[ \t]+(?=\S)[^\n]*?()$", re.M)
LABEL_NOUNS = {"poll", "survey", "study", "report", "statement", "transcript", "source", "official"}
LABEL_CUE = Cue(text=":", kind="speech", weight=0.7)
POLL_NOUNS = {"poll", "survey", "study", "report", "analysis", "average"}
IN_POLL_CUE = Cue(text="in", kind="evidence", weight=0.6)
SECTION_WORDS = {"update", "related", "photo", "photos", "video", "watch", "read", "note", "correction", "caption"}
"""Capitalised words that head a line without naming a speaker ("Update: ...")."""


@dataclass
class Attribution:
    """A quote before speaker resolution: spans and the tokens they came from."""

    cue: Cue
    cue_span: Span
    source_head: Any | None
    source_span: Span | None
    parts: list[Span]
    sentence: Span
    rule: str
    inherited: bool = False
    nested: bool = False


def token_range(tokens: list[Any]) -> Span | None:
    tokens = [t for t in tokens if not (t.is_punct or t.is_space)] or tokens
    if not tokens:
        return None
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def trim(text: str, span: Span) -> Span | None:
    """`span` without spaces and separating punctuation at its edges (None when nothing is left)."""
    s, e = span
    while s < e and text[s] in _EDGE:
        s += 1
    while e > s and text[e - 1] in _EDGE:
        e -= 1
    return (s, e) if s < e else None


def named_head(subj: Any) -> Any:
    """A described subject's name: "The head of the PAC, Mike Murphy, praised" → Murphy."""
    if subj.pos_ == "NOUN":
        names = [c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if names:
            return names[0]
    return subj


def source_tokens(head: Any) -> list[Any]:
    """The source phrase: the subject with its modifiers, without clauses or appositions."""
    out = [head]
    for child in head.children:
        if child.dep_ not in SOURCE_CUT:
            out.extend(source_tokens(child))
    return out


def subject(verb: Any, deps: tuple[str, ...] = SUBJECTS) -> Any | None:
    """The verb's subject (nearest one); else the agent of a passive ("reported by X"), a
    count before it ("4 in 10 say"), the object after an inverted cue, the noun a participle modifies ("a group backing X"),
    or the subject shared with the verb it hangs on ("X is expected to endorse", "by
    saying", "..., saying")."""
    subjects = [c for c in verb.children if c.dep_ in deps]
    subjects = [c for c in subjects if c.ent_type_ not in ("DATE", "TIME")] or subjects
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    if agents:
        return agents[0]
    counts = [
        c for c in verb.lefts
        if c.dep_ in ("nummod", "npadvmod") and c.pos_ in ("NUM", "NOUN") and c.ent_type_ not in ("DATE", "TIME")
    ]
    if counts:
        return counts[-1]  # "About 4 in 10 say ...": the parser left the poll share without a subject arc
    inverted = [c for c in verb.rights if c.dep_ == "dobj" and c.pos_ in ("PROPN", "NOUN")]
    if inverted and any(c.dep_ == "ccomp" and c.i < verb.i and c.left_edge.is_quote for c in verb.children):
        return inverted[0]  # "“...,” added a South Carolina Democrat": the parser took the speaker for an object
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head
    head = verb.head.head if verb.dep_ == "pcomp" else verb.head
    if verb.dep_ in INHERITS_SUBJECT and head != verb:
        return subject(head, SUBJECTS + ("nsubjpass",) if verb.dep_ == "xcomp" else SUBJECTS)
    return None


def reduced_passive(verb: Any) -> bool:
    """ "when asked whether ...": a bare passive participle clause, whose asker is not the
    main clause's subject (PolNeAR names no source)."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "advcl"
        and any(c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "if", "after", "while") for c in verb.children)
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "agent") for c in verb.children)
    )


def content_dependents(verb: Any, frames: tuple[str, ...]) -> list[Any]:
    """The verb's dependents that are content under the cue's frames ("ccomp", "prep:for",
    "whether" for an if/whether clause the parser attached as adverbial)."""
    out = []
    clausal = any(c.dep_ in ("ccomp", "xcomp") and c.dep_ in frames for c in verb.children)
    for child in verb.children:
        if child.dep_ == "dobj" and clausal:
            continue  # the addressee: "asked Moscow not to ...", "told reporters that ..."
        if child.dep_ in frames:
            out.append(child)
        elif child.dep_ == "prep" and f"prep:{child.lower_}" in frames:
            out.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
        elif child.dep_ == "advcl" and "whether" in frames and any(m.lower_ in WHETHER for m in child.children):
            out.append(child)
        elif child.dep_ == "advcl" and any(m.dep_ == "mark" and f"prep:{m.lower_}" in frames for m in child.children):
            out.append(child)  # "calling for the US to step up": a for-clause the parser made adverbial
    return out


FALLBACK_FRAMES = ("dobj", "ccomp", "xcomp", "oprd", "acomp")
FALLBACK_PREPOSITIONS = ("for", "about", "against", "of", "as")
"""What a cue verb is about when none of its frames is there ("asked for a photo", "rails
against X"); places and times ("spoke at", "in", "on", "from") are not content (PolNeAR train)."""


def other_dependents(verb: Any) -> list[Any]:
    """A cue verb's object-like dependents outside its frames."""
    out = [c for c in verb.children if c.dep_ in FALLBACK_FRAMES]
    out += [
        o
        for c in verb.children
        if c.dep_ == "prep" and c.i > verb.i and c.lower_ in FALLBACK_PREPOSITIONS
        for o in c.children
        if o.dep_ in ("pobj", "pcomp")
    ]
    return out


def misattached_that_clause(verb: Any, frames: tuple[str, ...]) -> list[Any]:
    """A "that" clause the parser hung on a noun after the cue as a relative clause ("said
    during a news conference that he may wait"): "that" as complementizer, not relative pronoun."""
    if "ccomp" not in frames:
        return []
    clauses = [
        t
        for t in verb.subtree
        if t.i > verb.i
        and t.dep_ in ("relcl", "acl") and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)
    ]
    return clauses[:1]


def cue_of(token: Any, lexicon: CueLexicon) -> Cue | None:
    """The lexicon's cue for a verb (not a modifier, unless "self-described"); any verb
    introducing a colon counts too."""
    if token.pos_ not in ("VERB", "AUX"):
        return None
    if token.dep_ in ("amod", "compound") and not any(c.lower_ == "self" for c in token.lefts):
        return None
    particles = tuple(c.lower_ for c in token.children if c.dep_ == "prt")
    cue = lexicon.verb(token.lemma_.lower(), particles)
    if cue is None and token.pos_ == "VERB" and any(c.text == ":" and c.i > token.i for c in token.children):
        return Cue(text=token.lemma_.lower(), kind="speech", weight=0.5)  # "Trump boomed: ..."
    return cue


def cue_span(token: Any) -> Span:
    """The cue as written: the verb with its particle ("pointed out")."""
    tokens = [token] + [c for c in token.children if c.dep_ == "prt"]
    return token_range(tokens) or (token.idx, token.idx + len(token))


class QuoteFinder:
    """Finds the attributions of one parsed article."""

    def __init__(self, doc: Any, lexicon: CueLexicon):
        self.doc = doc
        self.text = doc_text(doc)
        self.lexicon = lexicon
        self._phrases: dict[str, list[tuple[tuple[str, ...], Cue]]] = {}  # by first word, in the lexicon's order
        for words, cue in lexicon.phrases.items():
            self._phrases.setdefault(words[0], []).append((words, cue))
        self.quotations = quotation_spans(self.text)
        self._quote_starts = [q[0] for q in self.quotations]
        self._sentences = {i: sent for sent in doc.sents for i in range(sent.start, sent.end)}
        self._breaks = [m.start() for m in re.finditer(r"\n", self.text)]

    def sent(self, token: Any) -> Any:
        """The sentence of `token` (looked up: spaCy's `Token.sent` walks the document each time)."""
        return self._sentences[token.i]

    def paragraph(self, token: Any) -> int:
        """Which line `token` is on: the parser sometimes runs a sentence over a paragraph
        break ("she added that ... \n\n Sanders also praised ..."), content never does."""
        return bisect_left(self._breaks, token.idx)

    def in_paragraph(self, tokens: Any, cue: Any) -> list[Any]:
        """`tokens` on the cue's line."""
        line = self.paragraph(cue)
        return [t for t in tokens if self.paragraph(t) == line]

    def complement_spans(self, complements: list[Any], cue: Any) -> list[Span]:
        """The character spans of the complements' subtrees, kept to the cue's line."""
        return [r for c in complements if (r := token_range(self.in_paragraph(c.subtree, cue)))]

    def find(self) -> list[Attribution]:
        found = []
        for token in self.doc:
            if self.quoted(token.idx):
                continue
            if (cue := cue_of(token, self.lexicon)) is not None:
                found.append(self.from_verb(token, cue))
            elif token.pos_ == "NOUN" and (cue := self.lexicon.nouns.get(token.lemma_.lower())) is not None:
                found.append(self.from_noun(token, cue))
            elif token.dep_ == "acomp" and (cue := self.lexicon.adjectives.get(token.lemma_.lower())) is not None:
                found.append(self.from_adjective(token, cue))
            elif token.dep_ == "advmod" and (cue := self.lexicon.adverbs.get(token.lower_)) is not None:
                found.append(self.from_adverb(token, cue))
            elif (phrase := self.phrase_at(token)) is not None:
                found.append(self.from_phrase(token, *phrase))
        found = [a for a in found if a is not None]
        self.attach_following_quotations(found)
        found = [a for a in found if any(_WORD.search(self.text, s, e) for s, e in a.parts)]
        found += self.speaker_labels()
        found += self.colon_sources(found)
        mark_nested(found)
        return found

    def quoted(self, offset: int) -> bool:
        """Inside a quotation: a speaker's own words, not the reporter's attribution."""
        i = bisect_left(self._quote_starts, offset) - 1
        return i >= 0 and self.quotations[i][0] < offset < self.quotations[i][1]

    def from_verb(self, verb: Any, cue: Cue) -> Attribution | None:
        if any(c.dep_ in cue.frames and c.dep_ in SUBJECT_FRAMES for c in verb.children):
            return self.unsourced(verb, cue)
        if reduced_passive(verb):
            return self.agentless_passive(verb, cue)
        subj = subject(verb)
        if subj is None or (subj not in verb.children and self.quoted(subj.idx)):
            return self.after_quotation(verb, cue) or self.agentless_passive(verb, cue) or self.sourceless(verb, cue)
        complements = content_dependents(verb, cue.frames) or misattached_that_clause(verb, cue.frames)
        if subj.head.dep_ == "agent" and subj.head.head == verb:
            complements += [c for c in verb.children if c.dep_ == "nsubjpass"]
        cut = {t.i for c in complements for t in self.own_attributions(c)}
        kept = [self.in_paragraph([t for t in c.subtree if t.i not in cut], verb) for c in complements]
        parts = [r for tokens in kept if (r := token_range(tokens))]
        inside = {t.i for c in complements for t in c.subtree}
        clause = [t for t in verb.subtree if t.i not in inside and not t.is_quote and not self.quoted(t.idx)]
        clause_span = token_range(clause)
        rule = "verb-complement" if parts else "verb"
        before = self.quotation_before(clause_span[0]) if clause_span else None
        if before and all(c.dep_ in ("dobj", "dative") and len(list(c.subtree)) <= 3 for c in complements):
            parts, rule = [before], "verb-quotation"  # '"Why?" she asked him': not "him"
        if not parts:
            parts = self.host_clause(verb, subj)
            rule = "verb-host-clause" if parts else rule
        if not parts:
            parts = self.preceding_clause(verb, subj)
            rule = "verb-preceding-clause" if parts else rule
        if not parts:
            parts = self.modified_noun(verb, cue, subj)
            rule = "verb-modified-noun" if parts else rule
        if not parts:
            parts = self.complement_spans(other_dependents(verb), verb)
            rule = "verb-object" if parts else rule
        return Attribution(
            cue=cue,
            cue_span=cue_span(verb),
            source_head=named_head(subj),
            source_span=token_range(source_tokens(named_head(subj))),
            inherited=subj not in verb.children,
            parts=self.grow(parts, cue_span(verb)),
            sentence=(self.sent(verb).start_char, self.sent(verb).end_char),
            rule=rule,
        )

    def from_noun(self, noun: Any, cue: Cue) -> Attribution | None:
        """ "Trump's comments on Muslims", "criticism of X from Y", "X is a supporter of Y": the
        possessor (the object of "from"/"by", the subject of a predicate noun) is the source and the noun's frame dependents are the content; without
        one the attribution is unsourced ("amid complaints about X"), as PolNeAR marks it."""
        by = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")]
        owners = [c for c in noun.children if c.dep_ == "poss"] + [o for c in by for o in c.children if o.dep_ == "pobj"]
        if not owners and noun.dep_ == "attr" and (subj := subject(noun.head)) is not None:
            owners = [named_head(subj)]  # "Sarandon is a supporter of Sanders"
        complements = [c for c in content_dependents(noun, cue.frames) if c.dep_ != "acl" or _is_that_clause(c)]
        if not complements:
            return None
        owner = [t for t in source_tokens(owners[0]) if t.dep_ != "case"] if owners else []
        at = (noun.idx, noun.idx + len(noun))
        return Attribution(
            cue=cue,
            cue_span=at,
            source_head=owners[0] if owners else None,
            source_span=token_range(owner),
            parts=self.grow(self.complement_spans(complements, noun), at),
            sentence=(self.sent(noun).start_char, self.sent(noun).end_char),
            rule="noun",
        )

    def from_adjective(self, adj: Any, cue: Cue) -> Attribution | None:
        """ "X is confident that ...", "X is proud of ...": the copula's subject is the source;
        the clause may hang on the adjective or on the copula."""
        verb = adj.head
        subj = subject(verb)
        complements = content_dependents(adj, cue.frames)
        complements += [c for c in verb.children if c.dep_ == "ccomp" and "ccomp" in cue.frames]
        if subj is None or not complements:
            return None
        parts = self.complement_spans(complements, adj)
        cue_at = (min(verb.idx, adj.idx), max(verb.idx + len(verb), adj.idx + len(adj)))
        return Attribution(
            cue=cue,
            cue_span=cue_at,
            source_head=named_head(subj),
            source_span=token_range(source_tokens(named_head(subj))),
            inherited=subj not in verb.children,
            parts=self.grow(parts, cue_at),
            sentence=(self.sent(adj).start_char, self.sent(adj).end_char),
            rule="adjective",
        )

    def from_adverb(self, adverb: Any, cue: Cue) -> Attribution | None:
        """ "The Club for Growth is reportedly spending $1.5 million": the clause the adverb
        modifies, without it, is content that nobody is named for."""
        clause = [t for t in self.in_paragraph(adverb.head.subtree, adverb) if t != adverb]
        before, after = [t for t in clause if t.i < adverb.i], [t for t in clause if t.i > adverb.i]
        parts = [p for p in (token_range(before), token_range(after)) if p]
        if adverb.head.pos_ not in ("VERB", "AUX") or not parts:
            return None
        at = (adverb.idx, adverb.idx + len(adverb))
        return Attribution(
            cue=cue,
            cue_span=at,
            source_head=None,
            source_span=None,
            parts=self.grow(parts, at),
            sentence=(self.sent(adverb).start_char, self.sent(adverb).end_char),
            rule="adverb",
        )

    def own_attributions(self, content: Any) -> list[Any]:
        """Coordinated clauses in `content` that are attributions of their own, with a subject
        ("A, and three-quarters said B") or a clause of their own ("said A and predicted that
        B"): PolNeAR gives them their own attribution, not the outer one."""
        return [
            t
            for conj in content.subtree
            if conj.dep_ in OWN_CLAUSES and conj.i > content.i and (cue := cue_of(conj, self.lexicon)) is not None
            and any(c.dep_ == "nsubj" or (c.dep_ == "ccomp" and c.dep_ in cue.frames) for c in conj.children)
            for t in [*conj.subtree, *(s for s in conj.head.children if s.dep_ == "cc" and s.i < conj.i)]
        ]

    def agentless_passive(self, verb: Any, cue: Cue) -> Attribution | None:
        """ "Farook's name was announced on a police scanner", "he was asked about X": a cue verb
        in the passive with no agent names no source; its complements are the content, else
        its passive subject."""
        if not any(c.dep_ == "auxpass" for c in verb.children) and not reduced_passive(verb):
            return None
        complements = content_dependents(verb, cue.frames) or [c for c in verb.children if c.dep_ == "nsubjpass"]
        return self.without_source(verb, cue, complements, "agentless-passive")

    def sourceless(self, verb: Any, cue: Cue) -> Attribution | None:
        """A cue verb with no subject to be found ("a website called X", "arguing that ..."):
        its complements are content that names no source."""
        complements = [c for c in content_dependents(verb, cue.frames) if c.dep_ not in SUBJECT_FRAMES]
        return self.without_source(verb, cue, complements, "sourceless")

    def without_source(self, verb: Any, cue: Cue, complements: list[Any], rule: str) -> Attribution | None:
        """An attribution naming no source, its content the complements on the cue's line."""
        parts = self.complement_spans(complements, verb)
        if not parts:
            return None
        return Attribution(
            cue=cue,
            cue_span=cue_span(verb),
            source_head=None,
            source_span=None,
            parts=self.grow(parts, cue_span(verb)),
            sentence=(self.sent(verb).start_char, self.sent(verb).end_char),
            rule=rule,
        )

    def unsourced(self, verb: Any, cue: Cue) -> Attribution | None:
        """ "X seems to ...", "X is expected to ...": the subject is part of the content and
        nobody is named as the source (a cue whose frames list nsubj or nsubjpass)."""
        if any(c.dep_ == "agent" for c in verb.children):
            return None
        complements = content_dependents(verb, cue.frames)
        if not any(c.dep_ not in SUBJECT_FRAMES for c in complements):
            return None
        parts = [r for c in complements if (r := token_range(list(c.subtree)))]
        return Attribution(
            cue=cue,
            cue_span=cue_span(verb),
            source_head=None,
            source_span=None,
            parts=_merge(parts),
            sentence=(self.sent(verb).start_char, self.sent(verb).end_char),
            rule="unsourced",
        )

    def after_quotation(self, verb: Any, cue: Cue) -> Attribution | None:
        """ "“...,” Ramos, 58, told AFP" when the parser lost the subject: the noun
        phrase between the quotation and the cue is the source."""
        sent = self.sent(verb)
        q = self.quotation_before(verb.idx, _GAP_TO_CUE)
        if q is None or q[1] <= sent.start_char:
            return None
        between = [t for t in sent if q[1] <= t.idx < verb.idx]
        names = list(takewhile(lambda t: t.pos_ in NOMINAL, dropwhile(lambda t: t.pos_ not in NOMINAL, between)))
        if not names or any(t.pos_ in ("VERB", "AUX") for t in between):
            return None
        return Attribution(
            cue=cue,
            cue_span=cue_span(verb),
            source_head=names[-1],
            source_span=token_range(names),
            parts=self.grow([q], cue_span(verb)),
            sentence=(sent.start_char, sent.end_char),
            rule="quotation-source-cue",
        )

    def modified_noun(self, verb: Any, cue: Cue, subj: Any) -> list[Span]:
        """ "a call echoed by Japan", "the views expressed by Biden": a participle's by-agent
        is the source and the noun phrase it modifies (up to the participle) the content;
        "a self-described socialist": "self" is the source, the words after it the content.

        The noun is the participle's object, so only cues whose content is an object
        qualify, and only strong ones: "a statement released by", "a report written by"
        are events, not attributions, in PolNeAR train."""
        noun = verb.head
        if "dobj" not in cue.frames or cue.weight < MODIFIED_NOUN_WEIGHT or noun.pos_ not in NOMINAL:
            return []
        if verb.dep_ == "amod" and subj.lower_ == "self" and subj.head == verb:
            tokens = [t for t in noun.subtree if verb.i < t.i <= noun.i]
        elif verb.dep_ == "acl" and verb.tag_ == "VBN" and subj.head.dep_ == "agent" and verb.i > noun.i:
            tokens = [t for t in noun.subtree if t.i < verb.i]
        else:
            return []
        span = token_range(self.in_paragraph(tokens, verb))
        return [span] if span else []

    def host_clause(self, verb: Any, subj: Any) -> list[Span]:
        """For "..., X said", "A, X says, B" or "As X noted, ..." parsed with the cue hanging
        on the content's verb: that clause without the cue, which a comma must set off."""
        head = verb.head
        if verb.dep_ not in HOSTED or head == verb or subj not in verb.children:
            return []
        own = token_range(list(verb.subtree))
        whole = token_range(self.in_paragraph(head.subtree, verb))
        if own is None or whole is None:
            return []
        leading_as = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and own[0] == whole[0]
        if not leading_as and not _SET_OFF.search(self.text, whole[0], own[0]):
            return []
        parts = [trim(self.text, (whole[0], own[0])), trim(self.text, (own[1], whole[1]))]
        return [p for p in parts if p]

    def phrase_at(self, token: Any) -> tuple[Cue, Any] | None:
        """A source phrase starting at `token` ("according to", "in a CNN poll, ..."), with its last word."""
        if token.lower_ == "in" and token.is_sent_start and token.head.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "pobj" and c.lemma_.lower() in POLL_NOUNS for c in token.children
        ):
            return IN_POLL_CUE, token
        for words, cue in self._phrases.get(token.lower_, ()):
            end = token.i + len(words)
            if end <= len(self.doc) and tuple(t.lower_ for t in self.doc[token.i : end]) == words:
                return cue, self.doc[end - 1]
        return None

    def from_phrase(self, first: Any, cue: Cue, last: Any) -> Attribution | None:
        objects = [c for c in last.children if c.dep_ == "pobj"]
        if not objects or first.head == first:
            return None
        phrase = token_range(list(first.subtree)) or (first.idx, last.idx + len(last))
        clause = token_range(self.in_paragraph(first.head.subtree, first))
        if clause is None:
            return None
        parts = [p for p in (trim(self.text, (clause[0], phrase[0])), trim(self.text, (phrase[1], clause[1]))) if p]
        return Attribution(
            cue=cue,
            cue_span=(first.idx, last.idx + len(last)),
            source_head=objects[0],
            source_span=token_range(source_tokens(objects[0])),
            parts=self.grow(parts, phrase),
            sentence=(self.sent(first).start_char, self.sent(first).end_char),
            rule="source-phrase",
        )

    def preceding_clause(self, verb: Any, subj: Any) -> list[Span]:
        """For a sentence-final "..., X said." whose content the parser missed: the words before it.

        A sentence starting in lower case was split in error, so the previous
        sentence is taken in too.
        """
        sent = self.sent(verb)
        start = subj.left_edge.idx
        if verb.i < subj.i or not self.text[sent.start_char : start].rstrip().endswith(","):
            return []
        if any(c.dep_ in COMPLEMENTS for c in verb.rights) or verb.right_edge.i < sent.end - 2:
            return []
        if _QUOTE_AFTER.match(self.text, verb.idx + len(verb)):
            return []  # "..., Ryan said, “Sure. ...”": the quotation after it is the content
        if not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in self.doc[sent.start : subj.left_edge.i]):
            return []
        first = sent.start_char
        if self.text[first : first + 1].islower() and sent.start > 0:
            first = self.sent(self.doc[sent.start - 1]).start_char
        span = trim(self.text, (first, start))
        return [span] if span else []

    def speaker_labels(self) -> list[Attribution]:
        """Transcript and interview lines: a paragraph opening with a short name and a colon
        ("KERRY: ...", "Sen. Tim Kaine: ..."); the rest of the paragraph is content."""
        found = []
        for m in _LABEL.finditer(self.text):
            label = self.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            content = trim(self.text, (m.end(1) + 1, m.end(2)))
            if label is None or content is None or not _is_name(label) or not _has_words(self.text, content):
                continue
            found.append(
                Attribution(
                    cue=LABEL_CUE,
                    cue_span=(m.end(1), m.end(1) + 1),
                    source_head=label.root,
                    source_span=(m.start(1), m.end(1)),
                    parts=[content],
                    sentence=(m.start(), m.end(2)),
                    rule="speaker-label",
                )
            )
        return found

    def colon_sources(self, found: list[Attribution]) -> list[Attribution]:
        """ "... surprise Republican pollster Daron Shaw: “...”": a quotation opened right after
        a colon takes the noun phrase before the colon as its source, unless already claimed."""
        claimed = [p for a in found for p in a.parts]
        out = []
        for q in self.quotations:
            colon = _COLON_BEFORE.search(self.text, max(q[0] - 8, 0), q[0])
            if colon is None or any(_overlaps(q, p) for p in claimed):
                continue
            before = self.doc.char_span(colon.start(), colon.start() + 1, alignment_mode="expand")
            noun = before[-1] if before else None
            if noun is None or noun.pos_ not in ("PROPN", "NOUN") or self.quoted(noun.idx):
                continue
            head = noun.head if noun.dep_ == "conj" else noun
            out.append(
                Attribution(
                    cue=LABEL_CUE,
                    cue_span=(colon.start() + 1, colon.start() + 2),
                    source_head=head,
                    source_span=token_range([t for t in head.subtree if t.i <= noun.i]),
                    parts=[trim(self.text, q) or q],
                    sentence=(self.sent(noun).start_char, q[1]),
                    rule="colon-source",
                )
            )
        return out

    def quotation_before(self, start: int, gap: re.Pattern = _GAP_BEFORE) -> Span | None:
        """The quotation ending just before `start` on the same line, with only `gap` between
        (spaces, commas and dashes by default: "“...,” he said", "«...», — said Zakharova",
        also across a sentence break the parser made: "“... figure!” he wrote")."""
        i = bisect_left(self._quote_starts, start) - 1
        while i >= 0 and self.quotations[i][1] > start:
            i -= 1
        if i >= 0 and gap.fullmatch(self.text, self.quotations[i][1], start):
            return self.quotations[i]
        return None

    def grow(self, parts: list[Span], cue: Span) -> list[Span]:
        """Widen each part to the quotations it touches (not those holding the cue), merge, trim."""
        grown = []
        for s, e in parts:
            for q in self.quotations:
                if q[0] < e and s < q[1] and not (q[0] <= cue[0] < q[1]):
                    s, e = min(s, q[0]), max(e, q[1])
            if (span := trim(self.text, (s, e))) is not None:
                grown.append(span)
        return _merge(grown)

    def attach_following_quotations(self, found: list[Attribution]) -> None:
        """A quotation right after a cue clause and not yet claimed is that cue's content.

        Within the sentence ("he said: "...""), or in the next sentence when the
        cue already has a quotation before it ("A," he said. "B.").
        """
        claimed = {q for a in found for q in self.quotations if any(_overlaps(q, p) for p in a.parts)}
        for a in sorted(found, key=lambda a: a.cue_span, reverse=True):  # the nearest cue first
            after = max(a.cue_span[1], a.source_span[1] if a.source_span else 0)
            clause_end = self.clause_end(a, after)
            quoted_before = any(p[1] <= a.cue_span[0] and ends_quoted(self.text, p[1]) for p in a.parts)
            gap = _GAP_NEXT_SENTENCE if quoted_before else _GAP_AFTER
            for q in self.quotations:
                if q in claimed or q[0] < clause_end:
                    continue
                if gap.fullmatch(self.text, clause_end, q[0]):
                    a.parts = _merge(a.parts + [q])
                    a.rule += "+following"
                    claimed.add(q)
                break

    def clause_end(self, a: Attribution, after: int) -> int:
        """End of the cue's clause: the cue plus what follows it in the sentence up to content or punctuation."""
        tokens = [t for t in self.doc.char_span(a.sentence[0], a.sentence[1], alignment_mode="expand") or []]
        end = after
        for t in tokens:
            if t.idx < after:
                continue
            if t.is_punct or t.is_quote or any(p[0] <= t.idx < p[1] for p in a.parts):
                break
            end = t.idx + len(t)
        return end


def ends_quoted(text: str, end: int) -> bool:
    """The span ending at `end` closes with a quotation mark."""
    return text[end - 1] in CLOSING or text[max(end - 2, 0) : end] in CLOSING


def _is_that_clause(clause: Any) -> bool:
    """A "that" or "to" clause ("his claim that ...", "a call to ..."), not a participle ("views expressed by")."""
    return clause.tag_ not in ("VBN", "VBG") or any(c.dep_ == "mark" for c in clause.children)


def _has_words(text: str, span: Span) -> bool:
    """At least two words (a table row "Clinton: 547." is no statement)."""
    return len(_WORDS.findall(text, *span)) >= 2


def _is_name(label: Any) -> bool:
    """A speaker label is a name (PERSON/ORG entity, proper nouns only, all caps, a single
    capitalised word as in headlines "Sanders: Clinton Email Story Has Moved", or a source
    noun such as "Poll") of at most six words."""
    if len(label) > 6 or any(t.pos_ in ("VERB", "AUX") for t in label):
        return False
    return (
        label.text.isupper()
        or label.root.lemma_.lower() in LABEL_NOUNS
        or any(t.ent_type_ in ("PERSON", "ORG") for t in label)
        or all(t.pos_ == "PROPN" for t in label if t.is_alpha)
        or (len(label) == 1 and label[0].is_title and label[0].lower_ not in SECTION_WORDS)
    )


def mark_nested(found: list[Attribution]) -> None:
    """Flag attributions whose cue lies inside another one's content ("X said Y said ...")."""
    for a in found:
        a.nested = any(b is not a and any(s <= a.cue_span[0] < e for s, e in b.parts) for b in found)


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def is_direct(text: str, parts: list[Span], quotations: list[Span]) -> bool:
    """Content wholly in quotation marks (a leading "that" aside)."""
    for s, e in parts:
        inner = text[s:e]
        lead = len(inner) - len(inner.lstrip())
        if inner.lstrip().lower().startswith("that "):
            lead += 5
        s2 = s + lead
        while s2 < e and text[s2].isspace():
            s2 += 1
        if not any(q[0] <= s2 and e <= q[1] for q in quotations):
            return False
    return True


def to_quote(a: Attribution, text: str, quotations: list[Span], resolver: SpeakerResolver) -> Quote:
    content = (a.parts[0][0], a.parts[-1][1])
    speaker = None
    if a.source_head is not None:
        speaker_span = a.source_span or (a.source_head.idx, a.source_head.idx + len(a.source_head))
        speaker = resolver.resolve(a.source_head, speaker_span, text[speaker_span[0] : speaker_span[1]])
    direct = is_direct(text, a.parts, quotations)
    mixed = not direct and any(_overlaps(q, p) for q in quotations for p in a.parts)
    return Quote(
        text=" … ".join(text[s:e] for s, e in a.parts),
        direct=direct,
        cue=text[a.cue_span[0] : a.cue_span[1]],
        speaker=speaker,
        spans={"content": content, "cue": a.cue_span, "speaker": a.source_span},
        cue_lemma=a.cue.text,
        sentence=text[a.sentence[0] : a.sentence[1]].strip(),
        rule=a.rule,
        confidence=round(a.cue.weight * (0.8 if a.inherited else 1.0), 3),
        parts=list(a.parts),
        kind="direct" if direct else "mixed" if mixed else "indirect",
        cue_kind=a.cue.kind,
        nested=a.nested,
    )


def quotes_of(doc: Any, actors: Any = None, config: dict[str, Any] | None = None, body_start: int = 0) -> list[Quote]:
    """The quotes of one parsed article, in text order; content starts at `body_start` at the
    earliest (after the wire dateline, which the parser reads as the first sentence's start)."""
    finder = QuoteFinder(doc, load_lexicon(user_paths(config)))
    resolver = SpeakerResolver(doc, actors, finder.quotations)
    found = [a for a in finder.find() if clip(a, finder.text, body_start)]
    return [to_quote(a, finder.text, finder.quotations, resolver) for a in sorted(found, key=lambda a: a.parts[0])]


def clip(a: Attribution, text: str, start: int) -> bool:
    """Cut `a`'s content parts to begin at `start` or later; whether an attribution is left (none
    when its cue or source lies before `start`: the dateline's place is no speaker)."""
    if start:
        if a.cue_span[0] < start or (a.source_span and a.source_span[0] < start):
            return False
        a.parts = [p for s, e in a.parts if e > start and (p := trim(text, (max(s, start), e)))]
    return bool(a.parts)


@component("quotes")
def find_quotes(state: Analysis) -> None:
    state.article.quotes = quotes_of(state.doc, state.actors, state.config, state.article.body_start)
