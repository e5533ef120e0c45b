"""A rollback undoing a bad publish (an issue.toml edited wrongly: its number, its date) said nothing of the folder
still holding the edit, so the next `rag ingest corpus/` (and every `make serve`) published it again, silently undoing
the rollback. It now warns of each issue folder whose files differ from what the version rolled back to was made from
(as it did of folders that version lacks); a folder as it was says nothing."""

import json

from tests.conftest import isolated_corpus, run_cli


def test_a_rollback_warns_of_a_folder_changed_since_that_version(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    first = json.loads(run_cli(capsys, "status", "--json")[1])["current"]
    toml = corpus / "2026-summer-68" / "issue.toml"
    good = toml.read_text(encoding="utf-8")
    toml.write_text(good.replace('date = "2026-06-01"', 'date = "2026-07-01"'), encoding="utf-8")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    status, out, err = run_cli(capsys, "rollback", "--json")
    said = json.loads(out)
    assert status == 0 and said["version"] == first
    (warning,) = said["warnings"]
    assert warning.startswith(f"{corpus / '2026-summer-68'} has changed since {first} was published")
    assert "undoing the rollback for 2026-summer-68" in warning and warning in err
    toml.write_text(good, encoding="utf-8")  # put back as the first version had it: said of the second, not the first
    second = json.loads(run_cli(capsys, "status", "--json")[1])["versions"][-1]
    status, out, _ = run_cli(capsys, "rollback", "--to", second, "--json")
    assert status == 0 and [w for w in json.loads(out)["warnings"] if f"has changed since {second}" in w]
    status, out, _ = run_cli(capsys, "rollback", "--to", first, "--json")
    assert status == 0 and json.loads(out)["warnings"] == []
