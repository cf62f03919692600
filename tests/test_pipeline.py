import json

from dateline.cli import main
from dateline.model import Article, Event, ActorRef


def test_article_json_round_trip():
    event = Event(
        id="e1", cameo="041", cameo_root="04", plover="CONSULT", quad_class=1, goldstein=1.0,
        date="2022-02-12", place="Moscow", source=ActorRef("Biden", "Joe Biden", "USAGOV", (10, 15)),
        target=None, trigger="phone call", sentence="...", spans={"trigger": (1, 2)},
    )
    article = Article(id="a", origin="x", content_hash="h", events=[event])
    again = Article.from_dict(json.loads(json.dumps(article.to_dict())))
    assert again == article


def test_process_json_on_seed(seed_path, capsys):
    assert main(["process", str(seed_path), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 1
    for key in ("id", "origin", "status", "error", "title", "text", "events", "quotes", "timexes"):
        assert key in rows[0]
    assert rows[0]["status"] == "ok"


def test_process_honours_max_bytes(seed_path, capsys):
    assert main(["process", str(seed_path), "--json", "--max-bytes", "1000"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["status"] == "error" and "too large" in row["error"]
