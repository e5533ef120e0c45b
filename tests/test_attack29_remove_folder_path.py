"""`rag remove corpus/2026-summer-68/` (a folder's path, as `rag ingest` takes, tab-completed with its slash) was
refused as "no indexed issue 'corpus/2026-summer-68/'", the maintainer left to see that the id is what is wanted
(tester 29). The refusal names the id to give; nothing is removed by a path."""

import pytest

from tests.conftest import isolated_corpus, run_cli


@pytest.mark.parametrize("named", ["{corpus}/2026-summer-68/", "2026-summer-68/", "corpus/2026-summer-68"])
def test_a_folder_path_given_to_remove_names_the_id(tmp_path, monkeypatch, capsys, named):
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    given = named.format(corpus=corpus)
    status, _, err = run_cli(capsys, "remove", given, "--force")
    assert status == 2 and f"{given!r} is a folder's path: an issue is removed by its id, `rag remove " \
                           "2026-summer-68` (its folder is left where it is)" in err
    assert run_cli(capsys, "status", "--json")[1].count("2026-summer-68") >= 1  # still served
