"""An issue.toml's title and season are read in one Unicode form (NFC): a title typed on a Mac ("Cafe" + combining
acute) was stored as typed and told apart from the same title in NFC, so a second folder for the same issue passed the
title-and-date check and every passage was added twice (a tester's find)."""

from rag.corpus.issue_toml import issue_from_table
from tests.conftest import isolated_corpus, run_cli

NFD, NFC = "Cafe\u0301 issue", "Caf\u00e9 issue"


def _folder(corpus, name: str, title: str, text: str):
    folder = corpus / name
    folder.mkdir()
    (folder / "i.md").write_text(f"# Pay\n\n{text}\n", encoding="utf-8")
    (folder / "issue.toml").write_text(f'title = "{title}"\nseason = "spring 2030"\ndate = "2030-03-01"\n'
                                       'source = "i.md"\n', encoding="utf-8")


def test_title_and_season_are_nfc():
    issue = issue_from_table({"title": NFD, "season": "e\u0301te\u0301", "date": "2030-03-01", "source": "i.md"},
                             "x", "issue.toml")
    assert issue.title == NFC and issue.season == "\u00e9t\u00e9"


def test_a_second_folder_with_the_title_in_another_form_is_refused(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    _folder(corpus, "2030-spring", NFC, "Managers met to discuss the pay award for this year.")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    _folder(corpus, "2030-spring-again", NFD, "Managers met to discuss the pay award for this year. Again.")
    status, _, err = run_cli(capsys, "ingest", str(corpus))
    assert status == 2 and "both say title" in err, err
