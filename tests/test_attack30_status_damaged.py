"""`rag status --json` and `rag verify --json` on a damaged CURRENT or manifest printed `{"error": ...}` alone (session
29's open item): none of the fields a cron job or deploy script reads (current, versions, problems; version, sound), and
nothing, in JSON or text, said whether members were still answered. Now the usual object comes, with "error" and
"problems" holding the message (which says what to do) and "serving" the version an app serves meanwhile (exit 2,
as before)."""

import json
import shutil
from pathlib import Path

from tests.conftest import isolated_corpus, run_cli

ROOT = Path(__file__).resolve().parent.parent


def _two_versions(tmp_path, monkeypatch, capsys) -> tuple[Path, str, str]:
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    first = json.loads(run_cli(capsys, "status", "--json")[1])["current"]
    shutil.copytree(ROOT / "corpus" / "2024-summer", corpus / "2024-summer")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    second = json.loads(run_cli(capsys, "status", "--json")[1])["current"]
    return tmp_path / "index", first, second


def test_a_damaged_current_still_gives_the_status_fields_and_what_members_get(tmp_path, monkeypatch, capsys):
    index, first, second = _two_versions(tmp_path, monkeypatch, capsys)
    (index / "CURRENT").write_text("v0009-garbage\n", encoding="utf-8")
    status, out, err = run_cli(capsys, "status", "--json")
    said = json.loads(out)
    assert status == 2 and said["current"] is None and said["versions"] == [first, second]
    assert said["serving"] == second and said["issues"] == {} and said["chunks"] == 0
    assert "CURRENT is damaged" in said["error"] and f"rag rollback --to {second}" in said["error"]
    assert said["problems"] == [said["error"]]

    status, out, err = run_cli(capsys, "status")
    assert status == 2 and f"rag rollback --to {second}" in err
    assert f"versions kept: {first}, {second}" in out and f"an app started now serves {second}" in out

    status, out, err = run_cli(capsys, "verify", "--json")
    said = json.loads(out)
    assert status == 2 and said["sound"] is False and said["version"] is None and said["serving"] == second
    assert "CURRENT is damaged" in said["problems"][0] and said["way_out"] == said["error"]
    status, out, err = run_cli(capsys, "verify")
    assert status == 2 and "CURRENT is damaged" in err and f"an app started now serves {second}" in out


def test_a_damaged_manifest_names_the_version_and_what_is_served_instead(tmp_path, monkeypatch, capsys):
    index, first, second = _two_versions(tmp_path, monkeypatch, capsys)
    manifest = index / "versions" / second / "manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"chunks"', b'"chunkz"', 1))
    status, out, err = run_cli(capsys, "status", "--json")
    said = json.loads(out)
    assert status == 2 and said["current"] == second and said["serving"] == first
    assert f"index version {second} is damaged" in said["error"] and f"rag rollback --to {first}" in said["error"]
    status, out, err = run_cli(capsys, "verify", "--json")
    said = json.loads(out)
    assert status == 2 and said["version"] == second and said["sound"] is False and said["serving"] == first


def test_with_no_sound_version_left_it_says_nothing_is_served(tmp_path, monkeypatch, capsys):
    index, first, second = _two_versions(tmp_path, monkeypatch, capsys)
    for name in (first, second):
        (index / "versions" / name / "manifest.json").write_bytes(b"{")
    (index / "CURRENT").write_text("nonsense\n", encoding="utf-8")
    status, out, err = run_cli(capsys, "status", "--json")
    assert status == 2 and json.loads(out)["serving"] is None
    status, out, err = run_cli(capsys, "status")
    assert status == 2 and "an app started now (as this user) serves nothing" in out
