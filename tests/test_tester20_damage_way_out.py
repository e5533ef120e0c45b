"""A damaged index version is refused with the command that helps: `rag rollback --to` the sound version an app falls
back on, named, or, when every other kept version shares the damaged file (a publish hard-links the issues it keeps),
`rag ingest corpus/ --rebuild` alone. Before, every refusal said "run `rag rollback`", which was then refused in turn
when the version before shared the file (a tester's find)."""

import json
import shutil
from pathlib import Path

from tests.conftest import isolated_corpus, run_cli


def _two_versions(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    first = json.loads(run_cli(capsys, "status", "--json")[1])["current"]
    shutil.copytree(Path(__file__).resolve().parent.parent / "corpus" / "2024-summer", corpus / "2024-summer")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    second = json.loads(run_cli(capsys, "status", "--json")[1])["current"]
    return tmp_path / "index" / "versions", first, second


def _flip(path):
    data = bytearray(path.read_bytes())
    data[-3] ^= 1
    path.write_bytes(bytes(data))


def test_a_file_both_versions_share_sends_to_a_rebuild_not_a_rollback(tmp_path, monkeypatch, capsys):
    versions, first, second = _two_versions(tmp_path, monkeypatch, capsys)
    shared = versions / second / "segments" / "2026-summer-68" / "vectors.npy"
    assert shared.stat().st_nlink == 2  # the publish linked issue 68's files from the first version
    _flip(shared)
    for args in (["ask", "pay rise", "--llm", "extractive"], ["status"], ["verify"]):
        status, out, err = run_cli(capsys, *args)
        said = out + err
        assert status in (1, 2) and "so `rag rollback` cannot help: run `rag ingest corpus/ --rebuild`" in said, said
    status, _, err = run_cli(capsys, "rollback")
    assert status == 2 and "damaged" in err  # what the old message sent the maintainer to do


def test_damage_only_the_newest_version_holds_names_the_version_to_roll_back_to(tmp_path, monkeypatch, capsys):
    versions, first, second = _two_versions(tmp_path, monkeypatch, capsys)
    _flip(versions / second / "segments" / "2024-summer" / "chunks.jsonl")
    status, out, err = run_cli(capsys, "ask", "pay rise", "--llm", "extractive", "--json")
    said = json.loads(out)["error"]
    assert status == 2 and f"run `rag rollback --to {first}` to serve {first}" in said
    assert run_cli(capsys, "rollback", "--to", first)[0] == 0
    status, out, _ = run_cli(capsys, "ask", "pay rise", "--llm", "extractive", "--json")
    assert status == 0 and json.loads(out)["citations"]
