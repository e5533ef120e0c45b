"""`rag verify` and `rag rollback` had no --json (an argument error, exit 2): a cron job verifying the index, or a
deploy script rolling back, had to read English. Both now take --json like status, ingest and remove: one JSON object
on stdout, the same exit status as the text (verify: 1 when damaged), errors as {"error": ...}."""

import json
import shutil
from pathlib import Path

from tests.conftest import isolated_corpus, run_cli

ROOT = Path(__file__).resolve().parent.parent


def _two_versions(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    first = json.loads(run_cli(capsys, "status", "--json")[1])["current"]
    shutil.copytree(ROOT / "corpus" / "2024-summer", corpus / "2024-summer")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    second = json.loads(run_cli(capsys, "status", "--json")[1])["current"]
    return corpus, first, second


def test_verify_json_says_sound_or_damaged(tmp_path, monkeypatch, capsys):
    _, first, second = _two_versions(tmp_path, monkeypatch, capsys)
    status, out, _ = run_cli(capsys, "verify", "--json")
    assert status == 0 and json.loads(out) == {"version": second, "sound": True, "problems": [], "way_out": None}
    victim = tmp_path / "index" / "versions" / second / "segments" / "2024-summer" / "chunks.jsonl"
    victim.write_bytes(victim.read_bytes()[:-5])
    status, out, _ = run_cli(capsys, "verify", "--json")
    said = json.loads(out)
    assert status == 1 and said["sound"] is False and said["version"] == second
    assert said["problems"] == ["segments/2024-summer/chunks.jsonl does not match its checksum"]
    assert f"rag rollback --to {first}" in said["way_out"]
    status, out, _ = run_cli(capsys, "verify", "--version", "v9999-20990101T000000", "--json")
    assert status == 2 and "error" in json.loads(out)


def test_rollback_json_names_the_version_now_served(tmp_path, monkeypatch, capsys):
    corpus, first, second = _two_versions(tmp_path, monkeypatch, capsys)
    status, out, _ = run_cli(capsys, "rollback", "--json")
    said = json.loads(out)
    assert status == 0 and said["version"] == first and said["issues"] == ["2026-summer-68"]
    assert len(said["warnings"]) == 1 and "adds 2024-summer back" in said["warnings"][0]
    status, out, _ = run_cli(capsys, "rollback", "--to", second, "--json")
    assert status == 0 and json.loads(out)["version"] == second and json.loads(out)["warnings"] == []
    status, out, _ = run_cli(capsys, "rollback", "--to", "nope", "--json")
    assert status == 2 and "error" in json.loads(out)
