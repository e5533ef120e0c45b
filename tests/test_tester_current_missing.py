"""index/CURRENT deleted (by hand, a copy that left it out) while versions are kept and HISTORY says one was served:
a tester's find. It was read as "no index", so `rag status` said to build one and `rag ingest corpus/NEW-ISSUE` (step 3
of the maintainer guide) published a version holding that one issue alone: every other issue silently left what members
search. Now it is damage, said as any damaged CURRENT is, and the ways out work."""

import json

from rag.index import reader
from tests.conftest import isolated_corpus, run_cli

run = run_cli


def _two_issues_served(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run(capsys, "ingest", str(corpus))[0] == 0
    second = tmp_path / "new" / "2026-autumn-69"
    second.mkdir(parents=True)
    text = (corpus / "2026-summer-68" / "000_14b77b378cd60039.txt").read_text(encoding="utf-8")
    # every passage changed: a copy of issue 68's passages is refused (tests/test_tester23_copied_issue.py)
    (second / "issue.txt").write_text(text.replace("pay", "salary").replace(" the ", " this "), encoding="utf-8")
    (second / "issue.toml").write_text('title = "Issue 69"\nseason = "autumn 2026"\ndate = "2026-09-01"\n'
                                       'source = "issue.txt"\n')
    return corpus, second, tmp_path / "index"


def test_a_missing_current_is_damage_not_no_index(tmp_path, monkeypatch, capsys):
    corpus, new_issue, index = _two_issues_served(tmp_path, monkeypatch, capsys)
    served = json.loads(run(capsys, "status", "--json")[1])["current"]
    (index / "CURRENT").unlink()

    status, out, err = run(capsys, "status", "--json")
    assert status == 2 and "CURRENT is damaged (it is missing" in json.loads(out)["error"]
    assert served in err and "rag rollback --to VERSION" in err

    status, _, err = run(capsys, "ingest", str(new_issue))  # refused: it would have published issue 69 alone
    assert status == 2 and "CURRENT is damaged" in err
    assert not (index / "CURRENT").exists()

    loaded, why = reader.load_serving(index)  # an app started now serves what was served
    assert loaded.version == served and "CURRENT is damaged" in why

    assert run(capsys, "rollback", "--to", served)[0] == 0
    assert run(capsys, "ingest", str(new_issue))[0] == 0
    assert sorted(json.loads(run(capsys, "status", "--json")[1])["issues"]) == ["2026-autumn-69", "2026-summer-68"]


def test_a_rebuild_mends_a_missing_or_folder_current(tmp_path, monkeypatch, capsys):
    corpus, _, index = _two_issues_served(tmp_path, monkeypatch, capsys)
    (index / "CURRENT").unlink()
    status, _, err = run(capsys, "ingest", str(corpus), "--rebuild")
    assert status == 0, err
    assert run(capsys, "status")[0] == 0
    (index / "CURRENT").unlink()
    (index / "CURRENT").mkdir()  # a folder in its place is damage too, not "no index"
    status, _, err = run(capsys, "status")
    assert status == 2 and "CURRENT is damaged (it is not a file)" in err


def test_a_first_build_killed_before_current_was_written_is_still_no_index(tmp_path, monkeypatch, capsys):
    """Nothing was ever served (no HISTORY): the next ingest builds as on a fresh clone."""
    corpus, _, index = _two_issues_served(tmp_path, monkeypatch, capsys)
    (index / "CURRENT").unlink()
    (index / "HISTORY").unlink()
    status, out, _ = run(capsys, "status")
    assert status == 1 and "no index" in out
    assert run(capsys, "ingest", str(corpus))[0] == 0


def test_a_folder_where_current_or_history_should_be_is_named_as_such(tmp_path, monkeypatch, capsys):
    """Was "make index writable by this user, or free some disk space there": neither helps."""
    corpus, new_issue, index = _two_issues_served(tmp_path, monkeypatch, capsys)
    served = json.loads(run(capsys, "status", "--json")[1])["current"]
    (index / "CURRENT").unlink()
    (index / "CURRENT").mkdir()
    status, _, err = run(capsys, "rollback", "--to", served)
    assert status == 2 and f"cannot write {index / 'CURRENT'}: it is a folder, not a file; move it away" in err
    assert "disk space" not in err
    (index / "CURRENT").rmdir()
    assert run(capsys, "rollback", "--to", served)[0] == 0
    (index / "HISTORY").unlink()
    (index / "HISTORY").mkdir()
    status, _, err = run(capsys, "ingest", str(new_issue))
    assert status == 2 and f"cannot write {index / 'HISTORY'}: it is a folder, not a file" in err
    assert "disk space" not in err
