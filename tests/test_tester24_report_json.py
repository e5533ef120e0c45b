"""`rag ingest FOLDER --dry-run --report --json` printed the ingest's JSON and no report at all: a maintainer's tool
asking for the parse report as JSON (which rag.corpus.parse_report builds) got nothing, without a word. The JSON now
holds "reports", one per issue parsed, as the text report lists them."""

import json

from tests.conftest import isolated_corpus, run_cli


def test_the_parse_report_is_in_the_json(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    status, out, err = run_cli(capsys, "ingest", str(corpus / "2026-summer-68"), "--dry-run", "--report", "--json")
    assert status == 0, err
    (report,) = json.loads(out)["reports"]
    assert report["issue"] == "2026-summer-68" and report["totals"]["articles"] == len(report["articles"]) > 20
    assert report["totals"]["chunks"] == json.loads(out)["added"] == 159
    assert {"headline", "page", "words", "chunks", "flags"} <= set(report["articles"][0])
    text_status, text, _ = run_cli(capsys, "ingest", str(corpus / "2026-summer-68"), "--dry-run", "--report")
    assert text_status == 0 and all(a["headline"][:70] in text for a in report["articles"])


def test_without_report_the_json_is_as_before(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    status, out, _ = run_cli(capsys, "ingest", str(corpus / "2026-summer-68"), "--dry-run", "--json")
    assert status == 0 and "reports" not in json.loads(out)
