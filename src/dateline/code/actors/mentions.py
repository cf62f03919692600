"""Named actor mentions: dictionary and NER pieces composed into coded phrases.

A phrase such as "US Secretary of State Antony Blinken" is read left to right
as pieces ("atoms"): a country or organisation (US), an agent noun giving a
role (Secretary of State) and a person (Antony Blinken). Adjacent atoms, joined
only by modifiers, "'s" or "of", form one mention whose code is the country
plus the role (USAGOV), named after the person. The article's own title wins
over the built-in dictionary of people; a person titled once keeps that code
for the rest of the article ("Biden" later is still USAGOV).

Linear composition is deliberate: it does not depend on the parser getting
a long title right, which small models often do not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dateline.code.actors.dictionary import ActorDictionary, DatedCode, Entry, Match
from dateline.code.actors.index import ActorMention
from dateline.code.actors import namesakes
from dateline.code.actors.cities import city_country

UNKNOWN = "---"
INTERNATIONAL = {"IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS", "IGN"}
NER_ACTOR_LABELS = {"PERSON": "person", "ORG": "org", "GPE": "place", "NORP": "group"}
MODIFIERS = {
    "new", "former", "senior", "top", "deputy", "acting", "chief", "vice", "interim", "then",
    "outgoing", "incoming", "first", "late", "current", "ex", "ex-", "veteran", "powerful", "main",
    "led", "two", "three", "both",
}
POSSESSIVE = {"'s", "’s", "'", "’"}
GLUE = POSSESSIVE | {"of", "for", "-"}
DETERMINERS = {"the", "this", "that", "these", "those"}
SUBJECTS = {"nsubj", "nsubjpass"}
PLACE_TYPES = {"country", "capital", "demonym", "region"}
PROPER_NAME_LABELS = {"ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}  # not PERSON: titles sit inside
GENERIC_TITLES = {"leader", "official", "spokesperson", "aide", "deputy"}
FOREIGN_FORCES = {"MIL", "SPY"}
ELITE_MARKERS = {"former", "ex", "ex-"}
HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "lady": "f", "madam": "f"}
COORDINATORS = {",", "and", "or", "&", "as", "well", "both"}
CONJUNCTIONS = {"and", "or", "&"}
SPREADING = {"of", "in"}  # "ambassadors of", "lawmakers in": the agent spans the list that follows
DETERMINED = {"the", "a", "group", "number", "of", "other", "several", "some", "his", "her", "its", "their"}
"""What may follow a conjunction before the next actor ("Fabius and a group of deputies");
after a comma alone it starts a new phrase ("Israel, a Saudi-owned weekly reports")."""


@dataclass
class Atom:
    """A piece of an actor phrase: tokens [start, end) and what they are."""

    start: int
    end: int
    kind: str  # actor | agent | person
    entry: Entry | None = None
    code: str | None = None

    @property
    def type(self) -> str:
        return self.entry.type if self.entry else "person"


@dataclass
class Phrase:
    """Adjacent atoms read as one actor."""

    atoms: list[Atom] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.atoms[0].start

    @property
    def end(self) -> int:
        return self.atoms[-1].end

    def first(self, kind: str) -> Atom | None:
        return next((a for a in self.atoms if a.kind == kind), None)

    def last(self, kind: str) -> Atom | None:
        return next((a for a in reversed(self.atoms) if a.kind == kind), None)


def known(code: str | None) -> bool:
    """A code naming a country or organisation (not None, not ``---``: "Kurds" live in several)."""
    return bool(code) and not code.startswith(UNKNOWN)


def compose_code(base: str | None, role: str | None) -> str | None:
    """Country/organisation code plus an agent role, CAMEO style.

    ``RUS`` + ``GOV`` -> ``RUSGOV``; a prefix role ``NGO~`` + ``RUS`` ->
    ``NGORUS``; a base that already has a role (``RUSGOV`` for the Kremlin) or
    is international (``IGOWSTNAT``) keeps its own code, as actor entries take
    precedence over agents (codebook 3.2.2). International codes take roles
    other than GOV ("NATO Secretary General" stays IGOWSTNAT). No base gives
    ``---ROLE`` (PETRARCH's unknown-country mark).
    """
    if not role:
        return base
    if role.endswith("~"):
        return role[:-1] + (base or "")
    if not base:
        return UNKNOWN + role
    if base[:3] in INTERNATIONAL:
        return base if role.startswith("GOV") else base + role  # "UN peacekeepers" -> IGOUNOMIL
    return base if len(base) > 3 else base + role


def atoms_for(doc: Any, dictionary: ActorDictionary, date: str | None) -> list[Atom]:
    """Dictionary matches plus NER entities the dictionary does not cover, in order."""
    ents = doc.ents  # spaCy builds the tuple on each access
    persons = [e for e in ents if e.label_ == "PERSON"]
    matches = dictionary.match([t.text for t in doc])
    matched = {i for m in matches for i in range(m.start, m.end)}
    names = [e for e in ents if e.label_ in PROPER_NAME_LABELS]
    atoms = [a for m in matches
             if (a := _atom(doc, m, date, persons, matched)) and not _in_name(doc, a, names, matched)]
    covered = {i for a in atoms for i in range(a.start, a.end)}
    for ent in ents:
        typ = NER_ACTOR_LABELS.get(ent.label_)
        if not typ:
            continue
        free = [t.i for t in ent if t.i not in covered and not _outside_name(t)]
        if not free or free != list(range(free[0], free[-1] + 1)) or free[-1] != ent.end - 1:
            continue
        atoms.append(_ner_atom(doc, free[0], free[-1] + 1, typ, dictionary.cities))
    for ent in ents:
        if ent.label_ == "ORG":
            atoms = _country_named_org(doc, ent, atoms, dictionary)
    atoms.sort(key=lambda a: a.start)
    return namesakes.resolve(doc, atoms) if dictionary.cities else atoms  # built-in places only, as cities


def _ner_atom(doc: Any, start: int, end: int, typ: str, cities: bool) -> Atom:
    """An entity the dictionary does not know; a place may be a city of known country,
    unless a name runs into it ("Kenzo Oshima" tagged as a place is a man)."""
    name = doc[start:end].text
    split_name = start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title
    country = city_country(name) if cities and typ == "place" and not split_name else None
    if country:
        return Atom(start, end, "actor", Entry(name=name, codes=(DatedCode(country),), type="place",
                                               source="geonames"), country)
    return Atom(start, end, "person" if typ == "person" else "actor", Entry(name=name, type=typ, source="ner"))


def _country_named_org(doc: Any, ent: Any, atoms: list[Atom], dictionary: ActorDictionary) -> list[Atom]:
    """An organisation the dictionary does not know, named after one country, is of that
    country ("Rwandan Patriotic Front", "Kenya Anti-Corruption Commission", "National Union
    for the Total Independence of Angola"), in the role its head noun gives ("Serbian
    Workers' Union" -> SRBLAB)."""
    inside = [a for a in atoms if ent.start <= a.start and a.end <= ent.end]
    places = [a for a in inside if a.kind == "actor" and a.code and a.type in PLACE_TYPES]
    if len(places) != 1 or any(a.code and a is not places[0] or a.type == "person" for a in inside):
        return atoms  # a known organisation, two countries, or a title ("Russian President")
    words = [t for t in ent if not (t.is_punct or t.is_stop or t.tag_ == "POS")]
    if all(places[0].start <= t.i < places[0].end for t in words):
        return atoms
    # the last word too: the parse may hang the name on a noun after it ("Indian Army officials")
    heads = (ent.root, ent[-1])
    roles = [e.role for head in heads for e in dictionary.lookup(head.text) if e.kind == "agent" and e.role]
    start = ent.start + (doc[ent.start].lower_ in DETERMINERS)
    entry = Entry(name=doc[start:ent.end].text, type="org", source="ner")
    merged = Atom(start, ent.end, "actor", entry, compose_code(places[0].code, roles[0] if roles else None))
    return [a for a in atoms if a not in inside] + [merged]


def _outside_name(token: Any) -> bool:
    """Tokens NER puts in an entity that are not the name: "the", "'s", "Mrs"."""
    low = token.lower_
    return token.is_punct or token.tag_ == "POS" or low in DETERMINERS or low in GLUE or \
        low.rstrip(".") in HONORIFICS


def _atom(doc: Any, m: Match, date: str | None, persons: list[Any], matched: set[int]) -> Atom | None:
    entry = m.entry
    if entry.kind == "agent":
        if doc[m.end - 1].pos_ not in ("NOUN", "PROPN"):
            return None  # "official visit", "general election"
        if any(p.start <= m.start and m.end == p.end for p in persons):
            return None  # a surname, not a title: "Martin Luther King", "King said"
        return Atom(m.start, m.end, "agent", entry)
    if entry.type in PLACE_TYPES and any(_extends(doc, p, m) for p in persons):
        return None  # "Michael Jordan" is not Jordan
    if entry.type == "person" and any(_namesake(doc, p, m, entry, matched) for p in persons):
        return None  # "Jeb Bush" is not George Bush
    kind = "person" if entry.type == "person" else "actor"
    return Atom(m.start, m.end, kind, entry, entry.code_at(date))


def _namesake(doc: Any, person: Any, m: Match, entry: Entry, matched: set[int]) -> bool:
    """A PERSON entity holding the matched surname plus a given name that is not the
    entry's (initials, honorifics and titles aside: "Vladimir V. Putin", "Mr. Putin")."""
    if not (person.start <= m.start and m.end <= person.end):
        return False
    own = {w.lower() for w in entry.name.split()}
    return any(t.is_alpha and len(t) > 1 and t.lower_ not in own and t.lower_.rstrip(".") not in HONORIFICS
               for t in person if t.i not in matched)


def _in_name(doc: Any, atom: Atom, names: list[Any], matched: set[int]) -> bool:
    """An agent word inside a proper name the dictionary does not know ("National"
    in "National Review", "University" in "University of Chicago") is no agent."""
    if atom.kind != "agent" or atom.type == "person" or doc[atom.start].is_lower:
        return False  # a title before a name stays a title ("President Umbardacil")
    for ent in names:
        if ent.start <= atom.start and atom.end <= ent.end:
            rest = [t for t in ent if t.i not in matched and not (t.is_punct or t.is_stop or t.tag_ == "POS")]
            return bool(rest)
    return False


def _extends(doc: Any, person: Any, m: Match) -> bool:
    """Whether the PERSON entity holds name words beyond the match (not just "'s")."""
    if not (person.start <= m.start and m.end <= person.end):
        return False
    return any(not (t.is_punct or t.tag_ == "POS") for t in doc[person.start:person.end]
               if not m.start <= t.i < m.end)


def _glue(doc: Any, start: int, end: int) -> bool:
    """Tokens [start, end) may sit inside one actor phrase ("Romania's new", "of the")."""
    for i in range(start, end):
        t = doc[i]
        low = t.lower_
        if low in GLUE or low in MODIFIERS or t.pos_ == "ADJ":
            continue
        if t.dep_ in ("compound", "amod") and i < t.head.i <= end:
            continue  # "Serbian Labour Minister", "Turkish Kurd refugees"
        if low in ("in", "from") or low == "the" and i > 0 and doc[i - 1].lower_ in ("of", "in", "from"):
            continue
        if low in CONJUNCTIONS and start < i < end - 1 and doc[i - 1].pos_ == doc[i + 1].pos_ == "ADJ":
            continue  # "Ithilen's awful and evil minister": adjectives, not two actors
        return False
    return True


def _joins(doc: Any, phrase: Phrase, atom: Atom) -> bool:
    left = phrase.atoms[-1]
    if atom.start < left.end:
        return False
    if left.kind == "person":
        return _led_by(left, atom)
    if not _glue(doc, left.end, atom.start):
        return False
    between = {doc[i].lower_ for i in range(left.end, atom.start)}
    if between & {"in", "from"}:
        return _located(left, atom, "from" in between)
    if "of" in between and left.kind != "agent":
        return False  # "the borders of Russia"; but "president of Armenia"
    if between & POSSESSIVE and left.kind != "actor":
        return False
    return not (atom.kind == "actor" and known(atom.code) and phrase.first("actor") and not between & POSSESSIVE)


def _led_by(person: Atom, atom: Atom) -> bool:
    """"the Bush administration", "the Assad regime": a government named after its leader."""
    return atom.start == person.end and atom.kind == "agent" and atom.type == "org" and atom.entry.role == "GOV"


def _located(left: Atom, atom: Atom, origin: bool) -> bool:
    """Agents from a country are of it ("soldiers from Gondor"); so are agents in it
    ("rebels in Darfur", "police in Arnor"), except troops and spies, often abroad ("troops in Ukraine").
    The place must be known: an unknown one says nothing of the agent's country."""
    role = (left.entry.role or "")[:3] if left.kind == "agent" else ""
    return bool(role) and (origin or role not in FOREIGN_FORCES) and atom.kind == "actor" and bool(atom.code) \
        and atom.type not in ("person", "demonym")


def phrases(doc: Any, atoms: list[Atom]) -> list[Phrase]:
    out: list[Phrase] = []
    for atom in atoms:
        if out and _joins(doc, out[-1], atom):
            out[-1].atoms.append(atom)
        else:
            out.append(Phrase([atom]))
    return out


def _is_plural(doc: Any, phrase: Phrase) -> bool:
    head = doc[phrase.end - 1]
    return head.tag_ in ("NNS", "NNPS") and phrase.last("agent") is not None


def mention_for(doc: Any, phrase: Phrase) -> ActorMention | None:
    """Compose one phrase into a coded mention (None for a bare anaphor like "bloc")."""
    base, agent, person = _base(phrase), phrase.last("agent"), phrase.first("person")
    role = _role(phrase)
    if not base and not person and agent and agent.entry.type == "anaphor":
        return _bare_anaphor(doc, phrase, agent) if _describes(doc, phrase, agent, person) else None
    code, rule = _code(doc, phrase, base, person, role)
    code = _prefixed(phrase, role, code)
    span = doc[phrase.start:phrase.end]
    kind = "name" if base or person else "agent"
    if _describes(doc, phrase, agent, person):
        kind = "description"
    if person and phrase.atoms[-1] is agent:
        person = None  # "the Bush administration" is the government, not the man
    return ActorMention(
        text=span.text, start=span.start_char, end=span.end_char,
        token_start=phrase.start, token_end=phrase.end,
        name=_name(doc, phrase, base, agent, person), code=code, kind=kind, rule=rule,
        confidence=_confidence(rule, code),
        type="person" if person or (agent and agent.entry.type == "person") else (agent or base).type,
        plural=_is_plural(doc, phrase),
        gender=_gender(doc, person),
        title=agent.entry.cls if agent else None,
    )


def _code(doc: Any, phrase: Phrase, base: Atom | None, person: Atom | None, role: str | None):
    """The phrase's code and the rule that gave it: the article's own title first,
    then the dictionary's entry for the person."""
    if base and not role and not person and _people_noun(doc, phrase.atoms[-1]):
        role = "CVL"  # "Palestinians", "Iraqi Kurds": the people of a country
    if base and role and _ethnic(doc, phrase, base):
        return compose_code(None, role), "ethnic"  # their country is where they live, not the demonym's
    if base:
        code, rule = compose_code(base.code, role), "apposition" if (role and person) else "dictionary"
        if base.type == "capital" and not role and doc[phrase.end - 1].dep_ in SUBJECTS:
            code, rule = compose_code(code, "GOV"), "capital-metonym"  # "Moscow will react"
    elif person and person.code and role and person.code[:3] not in INTERNATIONAL:
        code, rule = compose_code(person.code[:3], role), "dictionary+title"  # "President Obama"
    elif person and person.code:
        code, rule = person.code, "dictionary"
    elif role:
        code, rule = compose_code(None, role), "agent"
    else:
        code, rule = None, "ner"
    if code and any(doc[i].lower_ in ELITE_MARKERS for i in range(_modified_from(doc, phrase.start), phrase.end)):
        code, rule = (code[:3] + "ELI" if code[:3] not in INTERNATIONAL else code), rule + "+former"
    return code, rule


def _prefixed(phrase: Phrase, role: str | None, code: str | None) -> str | None:
    """Prefix roles ("MSF" -> ``NGO~``) that are not the phrase's role still lead its
    code: "An MSF Arnor diplomat" -> ``NGO`` + ``ARNGOV``."""
    prefixes = [a.entry.role[:-1] for a in phrase.atoms
                if a.kind == "agent" and a.entry.role and a.entry.role.endswith("~") and a.entry.role != role]
    return "".join(prefixes) + code if known(code) and prefixes else code


def _ethnic(doc: Any, phrase: Phrase, base: Atom) -> bool:
    """"ethnic Albanians", "ethnic Turkish leaders": a demonym naming an ethnic group."""
    return base.type == "demonym" and any(
        doc[i].lower_ == "ethnic" for i in range(_modified_from(doc, phrase.start), base.start))


def _gender(doc: Any, person: Atom | None) -> str | None:
    """From the dictionary, else from an honorific just before the name ("Mrs May")."""
    if person is None:
        return None
    if person.entry and person.entry.gender:
        return person.entry.gender
    before = doc[person.start - 1].lower_.rstrip(".") if person.start else ""
    return HONORIFICS.get(before)


def _people_noun(doc: Any, base: Atom) -> bool:
    """A plural demonym used as a noun ("Palestinians protested"), not as an adjective."""
    head = doc[base.end - 1]
    return base.kind == "actor" and base.type == "demonym" and head.tag_ in ("NNS", "NNPS") \
        and head.dep_ not in ("amod", "compound")


def _role(phrase: Phrase) -> str | None:
    """The phrase's role: its last agent's, unless that is a generic title after a more
    telling agent ("rebel leaders" -> REB, "military spokesman" -> MIL)."""
    agents = [a for a in phrase.atoms if a.kind == "agent" and a.entry.role]
    if not agents:
        return None
    last = agents[-1]
    if last.entry.cls in GENERIC_TITLES and len(agents) > 1:
        return agents[-2].entry.role
    return last.entry.role


def _base(phrase: Phrase) -> Atom | None:
    """The most specific organisation or country of the phrase ("Russia's Kremlin" -> Kremlin)."""
    actors = [a for a in phrase.atoms if a.kind == "actor"]
    return max(actors, key=lambda a: (known(a.code), len(a.code or ""))) if actors else None


def _describes(doc: Any, phrase: Phrase, agent: Atom | None, person: Atom | None) -> bool:
    """A definite title with no name ("the Russian leader", "The Kremlin aide",
    "the two presidents", "the alliance") may refer back to an actor named earlier."""
    if person or not agent or agent.entry.type not in ("person", "anaphor"):
        return False
    i = _modified_from(doc, phrase.start) - 1
    return i >= 0 and doc[i].lower_ in DETERMINERS


def _modified_from(doc: Any, start: int) -> int:
    """Where the modifiers before token `start` begin ("the two | presidents", "Former | Russian")."""
    i = start
    while i > 0 and (doc[i - 1].lower_ in MODIFIERS or doc[i - 1].like_num or doc[i - 1].pos_ == "ADJ"):
        i -= 1
    return i


def _bare_anaphor(doc: Any, phrase: Phrase, agent: Atom) -> ActorMention:
    span = doc[phrase.start:phrase.end]
    return ActorMention(
        text=span.text, start=span.start_char, end=span.end_char, token_start=phrase.start,
        token_end=phrase.end, name=None, code=None, kind="description", rule="anaphor", type="anaphor",
        plural=_is_plural(doc, phrase), title=agent.entry.cls,
    )


def _name(doc: Any, phrase: Phrase, base: Atom | None, agent: Atom | None, person: Atom | None) -> str:
    if person:
        return person.entry.name if person.entry and person.entry.source != "ner" else \
            doc[person.start:person.end].text
    if base and not agent:
        return base.entry.name
    return doc[phrase.start:phrase.end].text


def _confidence(rule: str, code: str | None) -> float:
    if not code:
        return 0.3
    if code.startswith(UNKNOWN):
        return 0.5
    return 0.9 if rule.startswith(("apposition", "dictionary")) else 0.7


def coordinate(doc: Any, mentions: list[ActorMention]) -> None:
    """Give coordinated mentions ("the US, NATO and Russia") one `group` id, and let
    conjuncts share a role or a country."""
    next_group = 0
    for left, right in zip(mentions, mentions[1:]):
        gap = {t.lower_ for t in doc[left.token_end:right.token_start]}
        if not gap or not gap <= COORDINATORS | (DETERMINED if gap & CONJUNCTIONS else set()) \
                or not gap & (CONJUNCTIONS | {","}):
            continue
        if not gap & CONJUNCTIONS and not _conjoined(doc, left, right):
            continue  # "killing 11 people, Ukrainian officials said": a comma alone must be a list
        if left.group is None:
            left.group, next_group = next_group, next_group + 1
        right.group = left.group
        _share_role(left, right)
        _share_country(left, right)
        _share_place(doc, left, right)
        _spread_agent(doc, left, right)


def _conjoined(doc: Any, left: ActorMention, right: ActorMention) -> bool:
    """The parse makes the right phrase a conjunct of the left one or of a word in it ("the US,
    NATO and Russia", "the ambassadors of Arnor, Osgiliath and Gondor"), or its apposition (a
    list the parser misread: "Mordor, the Shire, Fornost and Bree")."""
    root = doc[right.token_start:right.token_end].root
    left_tokens = doc[left.token_start:left.token_end]
    return any(root in t.conjuncts for t in left_tokens) or (root.dep_ == "appos" and root.head in left_tokens)


def _share_country(left: ActorMention, right: ActorMention) -> None:
    """"Danish media and government": the bare agent takes its partner's country."""
    if right.code and right.code.startswith(UNKNOWN) and left.country and left.title:
        right.code, right.kind, right.rule = left.country + right.code[3:], "name", "coordinated-country"


def _spread_agent(doc: Any, left: ActorMention, right: ActorMention) -> None:
    """"The ambassadors of Arnor, Osgiliath and Gondor", "lawmakers in Fornost and Gondor":
    a bare country listed after an agent's "of"/"in" country is under the same agent."""
    if right.rule != "dictionary" or right.title or right.type == "person" or not known(right.code) \
            or len(right.code) != 3 or not (left.title and known(left.code) and len(left.code) > 3):
        return
    if left.rule == "spread-agent" or any(t.lower_ in SPREADING for t in doc[left.token_start:left.token_end]):
        right.code = compose_code(right.code, left.code[3:])
        right.title, right.type, right.plural, right.rule = left.title, left.type, left.plural, "spread-agent"


def _share_place(doc: Any, left: ActorMention, right: ActorMention) -> None:
    """"Lawmakers and officials in Fornost": a bare agent joined by "and" to an agent
    placed by "of"/"in" is of the same place."""
    gap = {t.lower_ for t in doc[left.token_end:right.token_start]}
    if left.code and left.code.startswith(UNKNOWN) and right.title and known(right.code) and gap <= CONJUNCTIONS \
            and any(t.lower_ in SPREADING for t in doc[right.token_start:right.token_end]):
        left.code, left.kind, left.rule = right.country + left.code[3:], "name", "coordinated-place"


def _share_role(left: ActorMention, right: ActorMention) -> None:
    """"Hungarian and Romanian officials": the bare demonym takes its partner's role."""
    if left.rule != "dictionary" or left.type not in ("demonym", "country") or not right.code:
        return
    if right.title and known(right.code) and left.code and len(left.code) == 3:
        left.code = compose_code(left.code, right.code[3:]) if len(right.code) > 3 else left.code
        left.title, left.type, left.plural, left.rule = right.title, right.type, right.plural, "coordinated-agent"


def abbreviated(doc: Any, mentions: list[ActorMention]) -> None:
    """A name in parentheses right after a coded one abbreviates it ("the European Union
    (EU)"): with no known code of its own, it takes the name's, and so do its later uses
    in the article ("the EU said")."""
    full: dict[str, ActorMention] = {}
    for left, right in zip([None, *mentions], mentions):
        if right.kind != "name" or known(right.code):
            continue
        if left and known(left.code) and _parenthesised(doc, left, right):
            full.setdefault(right.text, left)
        named = full.get(right.text)
        if named:
            right.code, right.name, right.title, right.type = named.code, named.name, named.title, named.type
            right.rule, right.confidence = right.rule + "+abbreviation", max(right.confidence, named.confidence - 0.1)


def _parenthesised(doc: Any, left: ActorMention, right: ActorMention) -> bool:
    """`right` stands in parentheses right after `left`: "European Union (EU)"."""
    before, after = doc[left.token_end:right.token_start], doc[right.token_end:right.token_end + 1]
    return [t.text for t in before] == ["("] and [t.text for t in after] == [")"]


def apposed(doc: Any, mentions: list[ActorMention]) -> None:
    """A name with no known code takes its apposition's ("Kenzo Oshima, the United
    Nations Emergency Relief Coordinator," -> IGOUNO; "John Mbeke, a Liberian official,"
    -> LBRGOV): the two phrases name one actor."""
    at = {i: m for m in mentions for i in range(m.token_start, m.token_end)}
    for m in mentions:
        if m.kind != "name" or known(m.code):
            continue
        for t in doc[m.token_start:m.token_end]:
            other = next((at.get(c.i) for c in t.children if c.dep_ == "appos" and at.get(c.i) is not m), None)
            if other is not None and known(other.code):
                m.code, m.title, m.rule = other.code, m.title or other.title, m.rule + "+appositive"
                m.confidence = max(m.confidence, other.confidence - 0.1)
                break


ALIAS_CONFIDENCE = 0.85
"""A later bare name is as sure as the mention that coded the person, at most this."""


def remember_people(mentions: list[ActorMention]) -> None:
    """Within one article, a person's first titled or coded mention fixes the code of
    later bare mentions of the same name ("Biden" after "US President Joe Biden")."""
    known: dict[str, ActorMention] = {}
    for m in mentions:
        if m.type != "person" or m.kind != "name" or not m.name:
            continue
        keys = _name_keys(m.name)
        bare = m.rule in ("dictionary", "ner") and m.token_end - m.token_start <= len(m.name.split())
        prior = next((known[k] for k in keys if k in known), None)
        if prior and bare and prior.code:
            m.name, m.code, m.gender = prior.name, prior.code, m.gender or prior.gender
            m.title = m.title or prior.title
            m.rule, m.confidence = "article-alias", max(m.confidence, min(prior.confidence, ALIAS_CONFIDENCE))
            continue
        if m.country:  # a known country: "---GOV" guesses are not spread
            for k in keys + _family_name_first(m.name):
                known.setdefault(k, m)


def _family_name_first(name: str) -> list[str]:
    """The first word of a longer name, for names written family name first ("Zhao" after
    "Zhao Lijian", "Xi" after "Xi Jinping"); only a later one-word mention can match it."""
    words = _name_keys(name)
    return [words[0].split()[0]] if words and " " in words[0] else []


def _name_keys(name: str) -> list[str]:
    words = [w for w in name.lower().replace("’s", "").replace("'s", "").split() if w[:1].isalpha()]
    return [" ".join(words), words[-1]] if words else []


def named_mentions(doc: Any, dictionary: ActorDictionary, date: str | None) -> list[ActorMention]:
    """All name and agent mentions of `doc`, coded, coordinated and abbreviated (`remember_people`
    runs after their countries are filled from context)."""
    mentions = [m for p in phrases(doc, atoms_for(doc, dictionary, date)) if (m := mention_for(doc, p))]
    coordinate(doc, mentions)
    abbreviated(doc, mentions)
    apposed(doc, mentions)
    return mentions
