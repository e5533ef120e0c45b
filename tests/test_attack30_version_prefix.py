"""`rag rollback --to v0001` or `rag verify --version 1` (a version's number, as `rag status` lists them by) said "no
index version 'v0001': see `rag status`" only, and `rag verify` of a version not kept went on to say that no kept
version is sound, so an app serves nothing, while CURRENT's was sound and served. Now the one meant is named, and the
note on what is served comes only when CURRENT's version is the one that failed."""

import json

from tests.test_attack30_status_damaged import _two_versions, run_cli


def test_a_versions_number_or_start_names_the_version_meant(tmp_path, monkeypatch, capsys):
    index, first, second = _two_versions(tmp_path, monkeypatch, capsys)
    for args in (["rollback", "--to", first[:5]], ["rollback", "--to", "1"], ["verify", "--version", "v1"]):
        status, out, err = run_cli(capsys, *args)
        assert status == 2 and f"did you mean {first}? Give the whole name" in err, (args, err)
        assert "serves nothing" not in out + err, args
    assert (index / "CURRENT").read_text().strip() == second  # nothing switched
    status, out, err = run_cli(capsys, "rollback", "--to", "v000")  # the start of both: no guess
    assert status == 2 and "did you mean" not in err and f"(kept: {first}, {second})" in err
    status, out, _ = run_cli(capsys, "verify", "--version", "2", "--json")
    said = json.loads(out)
    assert status == 2 and said["serving"] == second and f"did you mean {second}?" in said["error"]
