"""A changed issue whose source was cut short (a copy or download interrupted, an export stopped early) was published
without a word: issue 68's file cut to 30 KB of its 111 KB said "chunks: 0 added, 1 changed, 116 removed" and members
lost three quarters of the issue (tester 29). Its text under half the served text's is refused, the version served
kept; --dry-run warns, --force publishes it, saying so. Text, not passages, is compared: a larger RAG_CHUNK_TOKENS
halves every issue's passages."""

import json

from tests.conftest import isolated_corpus, run_cli

SOURCE = "000_14b77b378cd60039.txt"


def _cut(corpus, share):
    path = corpus / "2026-summer-68" / SOURCE
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * share)])


def refused_kept_then_forced(capsys, corpus, damage, says: str) -> tuple[str, dict]:
    """Ingest the corpus, damage it, and check the next ingest is refused saying `says` with the served version kept,
    a dry run warns, and --force publishes it saying so; (the refusal's message, --force's JSON)."""
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    served = json.loads(run_cli(capsys, "status", "--json")[1])
    damage()
    status, _, refused = run_cli(capsys, "ingest", str(corpus))
    assert status == 2 and f"its source {SOURCE} {says}" in refused and "add --force; nothing was changed" in refused
    assert json.loads(run_cli(capsys, "status", "--json")[1]) == served
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--dry-run")
    assert status == 0 and says in err and "dry run: nothing was written" in out
    status, out, _ = run_cli(capsys, "ingest", str(corpus), "--force", "--json")
    said = json.loads(out)
    assert status == 0 and said["version"] and said["issues"]["changed"] == ["2026-summer-68"]
    assert any(says in w and w.endswith("published all the same, as --force asks") for w in said["warnings"])
    return refused, said


def test_an_issue_cut_short_is_refused_and_the_served_one_kept(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    corpus = isolated_corpus(tmp_path, monkeypatch)
    refused, _ = refused_kept_then_forced(capsys, corpus, lambda: _cut(corpus, 0.3), "looks cut short")
    assert refused.startswith("error: 2026-summer-68: its text is now ")


def test_an_issue_changed_a_little_or_chunked_otherwise_is_published(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    _cut(corpus, 0.8)  # the last fifth gone: a correction may do as much
    status, _, err = run_cli(capsys, "ingest", str(corpus))
    assert status == 0 and "cut short" not in err
    monkeypatch.setenv("RAG_CHUNK_TOKENS", "400")  # fewer, longer passages, the same text
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--json")
    assert status == 0 and json.loads(out)["issues"]["changed"] == ["2026-summer-68"] and "cut short" not in err
