"""The CAMEO table, our trigger dictionary and PETRARCH .verbs import."""

from __future__ import annotations

import csv

from conftest import shared_path

from dateline.code.events import cameo
from dateline.code.events.verbs import DATA, load_lexicon, read_dictionary, read_petrarch_verbs, read_triggers

PETRARCH_VERBS = """\
<!-- a comment -->
&CURRENCY
+DOLLARS
+GOLDEN_GOBLIN_GALLEONS

&MONEY
+&CURRENCY
+CASH

--- ABANDON  [345]  ---
ABANDON    # a note
- * DIPLOMATIC TIES [901]
- * &MONEY [903]

--- ARRIVE  [032:033]  ---
ARRIVE
- + WAS * IN $ [224]

--- BREAK [1717] ---
BREAK { BROKE BROKEN  }
- % HAVE * [191]
"""


def test_every_cameo_code_is_in_the_table():
    path = shared_path("reference", "cameo-codes.csv")
    codes = [r["code"] for r in csv.DictReader(path.open(encoding="utf-8"))]
    assert len(codes) == 312
    for code in codes:
        entry = cameo.table()[code]
        assert entry.root == code[:2] and entry.quad_class == cameo.quad_class(code[:2])


def test_quad_classes_and_plover_types():
    assert cameo.lookup("041").plover == "CONSULT" and cameo.lookup("041").quad_class == 1
    assert cameo.lookup("0331").plover == "AGREE"
    assert cameo.lookup("061").quad_class == 2 and cameo.lookup("112").quad_class == 3
    assert cameo.lookup("190").quad_class == 4 and cameo.lookup("190").plover == "ASSAULT"
    assert cameo.lookup("084").plover == "RETREAT" and cameo.lookup("083").plover == "CONCEDE"
    assert cameo.lookup("010").plover is None and cameo.lookup("020").plover == "REQUEST"
    assert cameo.lookup("041").reciprocal and not cameo.lookup("042").reciprocal


def test_codes_outside_the_table_keep_their_root():
    entry = cameo.lookup("1717")
    assert entry.root == "17" and entry.quad_class == 4 and entry.plover == "COERCE"
    assert cameo.lookup("abc").quad_class == 0


def test_our_dictionary_parses_and_reaches_cameo_codes():
    triggers = read_triggers(DATA)
    assert len(triggers) > 300
    by_rule = {t.rule.split(":", 2)[2]: t for t in triggers}
    call = by_rule["phone *call with"]
    assert call.head == "call" and call.kind == "noun" and call.target_prep == "with"
    refuse = by_rule["refuse to grant"]
    assert refuse.head == "refuse" and [sorted(w) for w in refuse.words] == [["to"], ["grant"]]
    unknown = {t.code for t in triggers} - set(cameo.table()) - {"---"}
    assert not unknown


def test_petrarch_verbs_blocks_synsets_and_markers(tmp_path):
    path = tmp_path / "mine.verbs.txt"
    path.write_text(PETRARCH_VERBS, encoding="utf-8")
    triggers = read_petrarch_verbs(path)
    defaults = {(t.head, t.code, t.reverse_code) for t in triggers if not t.words and not t.before}
    assert {("abandon", "345", None), ("arrive", "032", "033"), ("break", "1717", None),
            ("broke", "1717", None), ("broken", "1717", None)} <= defaults
    money = next(t for t in triggers if t.code == "903")
    assert money.words == (frozenset({"dollars", "golden goblin galleons", "cash"}),)
    passive = next(t for t in triggers if t.code == "224")
    assert passive.target_is_subject and passive.source_prep == "in" and passive.before == (frozenset({"was"}),)
    assert next(t for t in triggers if t.code == "191").compound
    assert all(not t.cameo for t in triggers)


def test_petrarch_validation_dictionary_loads_as_user_dictionary():
    path = shared_path("gold", "events", "petrarch2-unittest", "PETR.Validate.verbs.txt")
    triggers = read_dictionary(path)
    assert len(triggers) > 500
    lexicon = load_lexicon((str(path),), False)
    assert {t.code for t in lexicon.candidates("verb", "restore")} >= {"064", "112"}


ORDER_VERBS = """\
--- ALLOW  [080] ---
ALLOW
- RECENTLY_*  [025]
- * THE NEATEST  [027]
- * EFFORT  [987]
"""


def test_petrarch_patterns_keep_order_adjacency_and_spelling(tmp_path):
    from dateline.analyse.nlp import load
    from dateline.code.events.triggers import match_at

    path = tmp_path / "order.verbs"
    path.write_text(ORDER_VERBS, encoding="utf-8")
    triggers = read_petrarch_verbs(path)
    assert next(t for t in triggers if t.code == "025").adjacent_before
    nlp = load()

    def code(text: str) -> str:
        doc = nlp(text)
        head = next(t for t in doc if t.lemma_ == "allow")
        return match_at(head, triggers).trigger.code

    assert code("Gollum recently allowed that Mordor is the neatest place.") == "027"
    assert code("Gollum recently did allow visits.") == "080"  # "did" between: not RECENTLY_*
    assert code("Gollum recently allowed visits.") == "025"
    assert code("Gollum allowed neatest the place.") == "080"  # words out of order
    assert code("Gollum allowed efforts.") == "080"  # EFFORT is not "efforts"


SLOT_VERBS = """\
&MONEY
+MONEY

--- WARN [160] ---
WARN
- * AT ^ +  [162]
- * &UNDEFINED_SET  [999]

--- RECEIVE [033] ---
RECEIVE
- + * &MONEY $  [071]
- * +  [034]
"""


def test_petrarch_actor_slots_and_undefined_synsets(tmp_path):
    path = tmp_path / "slots.verbs"
    path.write_text(SLOT_VERBS, encoding="utf-8")
    by_code = {t.code: t for t in read_petrarch_verbs(path)}
    assert by_code["162"].target_slot == (0, 1) and by_code["162"].source_slot is None
    money = by_code["071"]
    assert money.target_is_subject and money.source_slot == (0, 0) and money.target_slot is None
    assert by_code["034"].target_slot == (-1, 0)
    assert "999" not in by_code  # a pattern naming a synset the file lacks never matches


def petrarch_events(tmp_path, verbs: str, text: str, actors: dict[str, str]) -> set[tuple]:
    """(source, code, target) of `text` coded with the PETRARCH dictionary `verbs` and the given actors."""
    from dateline.analyse.nlp import load
    from dateline.code.actors import ActorIndex, ActorMention
    from dateline.code.events import code_sentences
    from dateline.model import Article
    from dateline.pipeline import Analysis

    path = tmp_path / "test.verbs"
    path.write_text(verbs, encoding="utf-8")
    doc = load()(text)
    mentions = []
    for phrase, code in actors.items():
        span = doc.char_span(text.find(phrase), text.find(phrase) + len(phrase))
        mentions.append(ActorMention(span.text, span.start_char, span.end_char, span.start, span.end, code=code))
    state = Analysis(article=Article(id="a", origin="t", content_hash="h", text=text), doc=doc,
                     actors=ActorIndex(mentions))
    events = code_sentences(state, load_lexicon((str(path),), False))
    return {(e.source.code, e.cameo, e.target.code if e.target else None) for e in events}


def test_petrarch_slot_skips_a_noun_phrase(tmp_path):
    events = petrarch_events(tmp_path, SLOT_VERBS, "Danish media warned at the Gondor of the Prince of Dol Amroth.",
                             {"Danish media": "DNKMED", "Gondor": "GON", "Prince of Dol Amroth": "DOL"})
    assert events == {("DNKMED", "162", "DOL")}


def test_petrarch_verb_phrase_coded_once(tmp_path):
    verbs = "--- URGE [023] ---\nURGE\n\n--- WIN [010] ---\nWIN\n"
    events = petrarch_events(tmp_path, verbs, "Calenardhon urged Bree on Monday to help win a greater role.",
                             {"Calenardhon": "CAL", "Bree": "BRE"})
    assert events == {("CAL", "023", "BRE")}
