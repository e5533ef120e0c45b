"""Issue folders in shapes a maintainer may hand over: each is read, or said, never skipped without a word."""

import json

import pytest

from rag import cli
from tests.conftest import isolated_corpus

TOML = 'title = "T"\nseason = "autumn 2026"\ndate = "2026-09-01"\nsource = "hm69.txt"\n'
TEXT = "Managers get a pay rise\n\nBoard-level managers get a 3% pay rise this year, the review body said.\n" * 20


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    return isolated_corpus(tmp_path, monkeypatch)


def run(capsys, *args):
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_an_issue_folder_one_level_too_deep_is_named_not_skipped_silently(corpus, capsys):
    """corpus/2026/autumn-69 (issues filed by year) was skipped with 'issues unchanged' and no warning."""
    nested = corpus / "2026" / "autumn-69"
    nested.mkdir(parents=True)
    (nested / "issue.toml").write_text(TOML)
    (nested / "hm69.txt").write_text(TEXT)
    status, out, err = run(capsys, "ingest", str(corpus))
    assert status == 0 and f"{nested} is an issue folder inside another folder" in err
    assert f"mv {nested} {corpus / 'autumn-69'}" in err
    assert "has files but no issue.toml" not in err  # corpus/2026 holds none of its own: one warning, the right one
    status, out, err = run(capsys, "ingest", str(corpus), "--json")
    assert status == 0 and any("autumn-69" in w for w in json.loads(out)["warnings"])
    status, out, err = run(capsys, "ingest", str(corpus), "--strict")
    assert status == 2 and "autumn-69" in err
    (corpus / "2026" / "autumn-69").rename(corpus / "autumn-69")  # as the warning says
    status, out, err = run(capsys, "ingest", str(corpus))
    assert status == 0 and "issues added: autumn-69" in out and "warning" not in err


def test_an_issue_folders_own_sub_folders_and_hidden_folders_are_not_issues(corpus, capsys):
    (corpus / "2026-summer-68" / "old" / "x").mkdir(parents=True)
    (corpus / "2026-summer-68" / "old" / "x" / "issue.toml").write_text(TOML)
    (corpus / ".trash" / "autumn-69").mkdir(parents=True)
    (corpus / ".trash" / "autumn-69" / "issue.toml").write_text(TOML)
    status, out, err = run(capsys, "ingest", str(corpus))
    assert status == 0 and "warning" not in err


def _folder(root, source: str):
    folder = root / "2026-autumn-69"
    folder.mkdir()
    (folder / "issue.toml").write_text(TOML.replace("hm69.txt", source), encoding="utf-8")
    return folder


def test_a_source_named_in_another_unicode_form_is_read(corpus, capsys):
    """issue.toml says 'ausgabe-für.txt' (NFC), the file copied from a Mac is named with u + U+0308 (NFD): the same name
    on screen, and it was 'not found: fix the name or add the file'."""
    import unicodedata

    folder = _folder(corpus, "ausgabe-für.txt")
    (folder / unicodedata.normalize("NFD", "ausgabe-für.txt")).write_text(TEXT)
    status, out, err = run(capsys, "ingest", str(folder))
    assert status == 0 and "issues added: 2026-autumn-69" in out, err


def test_a_source_in_another_unicode_form_still_stays_inside_its_folder(tmp_path):
    import unicodedata

    from rag.corpus.folders import load_issue
    from rag.errors import InputError

    (tmp_path / "secret.txt").write_text(TEXT)
    folder = _folder(tmp_path, "ausgabe-für.txt")
    (folder / unicodedata.normalize("NFD", "ausgabe-für.txt")).symlink_to(tmp_path / "secret.txt")
    with pytest.raises(InputError, match="not found"):
        load_issue(folder)


def test_a_missing_source_names_what_the_folder_holds_and_a_folder_is_called_one(tmp_path):
    from rag.corpus.folders import load_issue
    from rag.errors import InputError

    folder = _folder(tmp_path, "HM69.txt")
    (folder / "hm69.txt").write_text(TEXT)
    with pytest.raises(InputError, match=r"HM69\.txt not found: .*\(the folder holds 'hm69\.txt'\); fix the name"):
        load_issue(folder)
    (folder / "HM69.txt").mkdir()
    with pytest.raises(InputError, match=r"HM69\.txt is a folder, not a file"):
        load_issue(folder)


def test_an_issue_served_whose_folder_is_gone_is_named_and_stays_served(corpus, capsys, tmp_path):
    """`rm -r corpus/2024-summer && rag ingest corpus/` said only 'issues unchanged: 2026-summer-68' (a tester's find).
    Removing is explicit, so the issue stays served; the warning says how to take it out."""
    (corpus / "autumn-69").mkdir()
    (corpus / "autumn-69" / "issue.toml").write_text(TOML)
    (corpus / "autumn-69" / "hm69.txt").write_text(TEXT)
    assert run(capsys, "ingest", str(corpus))[0] == 0
    (corpus / "autumn-69").rename(tmp_path / "moved-away")
    status, out, err = run(capsys, "ingest", str(corpus))
    assert status == 0 and "warning: autumn-69 is served but no issue folder in" in err
    assert "`rag remove autumn-69`" in err and "issues unchanged: 2026-summer-68" in out
    status, out, err = run(capsys, "ingest", str(corpus), "--json")
    assert status == 0 and any("autumn-69 is served" in w for w in json.loads(out)["warnings"])
    status, out, err = run(capsys, "ingest", str(corpus / "2026-summer-68"))  # one issue folder alone: no corpus
    assert status == 0 and "warning" not in err
    status, out, err = run(capsys, "status", "--json")
    assert "autumn-69" in out  # still served
    assert run(capsys, "remove", "autumn-69")[0] == 0
    status, out, err = run(capsys, "ingest", str(corpus))
    assert status == 0 and "warning" not in err
