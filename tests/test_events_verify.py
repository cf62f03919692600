"""The event verifier: its probability is the event's confidence, its threshold drops the unlikely, and it is
trained without letting an event see its own annotation."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from dateline.code.events import domains, train, verify


def coded(text: str, config: dict | None = None):
    from dateline.model import Article
    from dateline.pipeline import analyse

    article = Article(id="1", origin="t", content_hash="h", text=text, language="en", published="2022-02-01")
    for _ in analyse([article], config=config or {}):
        pass
    return article


ACTS = ["Russian troops shelled the Ukrainian city of Kharkiv on Monday, killing three civilians.",
        "Israeli police arrested two Palestinian protesters in Jerusalem on Friday.",
        "Iran's foreign minister met his Turkish counterpart in Ankara on Tuesday."]


def test_confidence_is_the_verifiers_probability_and_the_threshold_drops():
    text = " ".join(ACTS)
    raw = coded(text, {"verify_events": False}).events
    kept = coded(text).events
    everything = coded(text, {"event_threshold": 0.0}).events
    nothing = coded(text, {"event_threshold": 1.01})
    assert len(raw) == len(everything) >= 3 and len(kept) <= len(raw)
    assert nothing.events == [] and f"verifier:{len(raw)}" in nothing.quality
    assert all(0.0 < e.confidence < 1.0 for e in everything)
    assert [e.confidence for e in everything] != [e.confidence for e in raw]  # the probability, not the rule score


def test_real_acts_outrank_figures_of_speech():
    acts = [e.confidence for text in ACTS for e in coded(text, {"event_threshold": 0.0}).events]
    figures = [e.confidence for text in ("She has demonstrated her skill as a negotiator in a long career.",
                                         "Critics said the plan threatens women's privacy and limits their choice.",
                                         "The senator is fighting an uphill battle in the polls this autumn.")
               for e in coded(text, {"event_threshold": 0.0}).events]
    assert acts and min(acts) > max(figures, default=0.0)


def test_folds_leave_out_their_own_documents_examples():
    from dateline.code.events import learned

    examples = learned.load_examples()
    gold = [i for i in examples.ids if i.startswith("realnews:")]
    for fold in range(train.FOLDS):
        kept = train.examples_without(examples, fold)["ids"]
        assert not any(train.fold_of(train.document_of(i.split(":", 1)[1].split("@")[0])) == fold
                       for i in kept if i.startswith("realnews:"))
        assert len(kept) < len(examples.ids) and sum(not i.startswith("realnews:") for i in kept) == \
            len(examples.ids) - len(gold)  # the dictionary and codebook examples stay


def test_precision_recall_of_a_threshold():
    right = np.array([True, True, False, False])
    assert train.precision_recall(right, np.array([True, False, True, False]), 4) == (0.5, 0.25)
    assert train.precision_recall(right, np.zeros(4, dtype=bool), 4) == (0.0, 0.0)


def test_train_verifier_says_what_is_missing_in_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "dateline", "train", "verifier", "--gold", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "train.jsonl" in result.stderr


def test_shipped_model_matches_the_features():
    verifier = verify.load()
    assert 0.0 < verifier.threshold < 1.0
    assert len(verifier.weights) == len(verify.described(coded(ACTS[0], {"verify_events": False}).events[0], None)) \
        + len(domains.load().names) + 2 * verify.DIMENSIONS + 2
    assert verifier.bank.vectors.shape == (len(verifier.bank.right), 2 * verify.DIMENSIONS)


def _rows(roots: list[int], vectors: list[list[float]]) -> np.ndarray:
    """Feature rows with a one-hot root and the same unit vector as trigger and phrase."""
    x = np.zeros((len(roots), len(verify.ROOTS) + 2 * verify.DIMENSIONS), dtype=np.float32)
    for row, (root, vector) in enumerate(zip(roots, vectors)):
        x[row, root] = 1.0
        unit = np.zeros(verify.DIMENSIONS, dtype=np.float32)
        unit[:len(vector)] = vector
        unit /= np.linalg.norm(unit)
        x[row, -2 * verify.DIMENSIONS:] = np.concatenate([unit, unit])
    return x


def test_neighbours_of_the_same_root_vote_and_a_document_never_votes_on_itself():
    # Two senses of one root: near (1, 0) the training events were right, near (0, 1) wrong; root 5 disagrees.
    bank_x = _rows([0, 0, 0, 0, 5, 5], [[1, 0.1], [1, 0], [0, 1], [0.1, 1], [1, 0], [1, 0.1]])
    bank = verify.Bank.of(bank_x, np.array([True, True, False, False, False, False]))
    shares = verify.neighbour_shares(_rows([0, 0, 5], [[1, 0.05], [0.05, 1], [1, 0]]), bank)
    assert shares.shape == (3, 2) and np.allclose(shares[:, 0], shares[:, 1])
    assert shares[0, 0] > 0.5 > shares[1, 0] and shares[2, 0] < 0.2
    groups = np.array(["a", "b", "c", "d", "e", "f"])
    alone = verify.neighbour_shares(bank_x[:1], bank, groups[:1], groups)
    assert alone[0, 0] < shares[0, 0]  # its own right vote left out


def test_the_lead_says_what_kind_of_news_an_article_is():
    names = domains.load().names
    for lead, kind in (("Arsenal beat Chelsea 2-1 in the Premier League on Saturday as Saka scored twice.", "sport"),
                       ("The phone's battery charges to 50 percent in 20 minutes and the camera is sharper.",
                        "technology"),
                       ("Shares of the retailer fell 8 percent after it cut its profit forecast for the year.",
                        "business"),
                       ("Russian forces shelled Kharkiv overnight and Ukrainian troops repelled an assault.",
                        "conflict")):
        profile = domains.profile(domains.lead(None, lead))
        assert names[int(np.argmax(profile))] == kind and abs(float(profile.mean())) < 1e-5


def test_a_domain_line_added_by_a_user_is_read(tmp_path):
    path = tmp_path / "domains.tsv"
    path.write_text("# mine\nfarming\tFarmers harvested wheat and sold cattle at the market.\n"
                    "war\tTroops attacked the city.\n")
    profile = domains.profile("The wheat harvest was good and cattle prices held.", path)
    assert domains.load(path).names == ("farming", "war") and profile[0] > profile[1]
