"""`rag rollback` to a version built with another embedder than RAG_EMBEDDER names (one kept from before a switch of
embedder, or the switch undone with RAG_EMBEDDER left set) said only "current index version is now ...", while the app
so configured refused it and kept serving what it had, and `rag ask` said to rebuild (tester 29). The rollback is done
as asked (the maintainer may be switching the embedder back too), and a warning says what the app will do and what
to set."""

import json

from rag.index import ingest
from rag.index.embedders import HashEmbedder
from tests.conftest import isolated_corpus, run_cli


class OtherEmbedder(HashEmbedder):
    name = "other-embedder-v1"


def test_a_rollback_to_another_embedders_version_says_the_app_will_refuse_it(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    first = ingest.run(tmp_path / "index", OtherEmbedder(), lambda t: len(t.split()), paths=[corpus]).version
    assert run_cli(capsys, "ingest", str(corpus), "--rebuild")[0] == 0  # RAG_EMBEDDER=hash
    second = json.loads(run_cli(capsys, "status", "--json")[1])["current"]
    status, out, err = run_cli(capsys, "rollback", "--json")
    said = json.loads(out)
    assert status == 0 and said["version"] == first
    assert said["warnings"] == [f"{first} was built with other-embedder-v1, but RAG_EMBEDDER=hash embeds with "
                                "hash-embedder-v1: an app so configured refuses it and keeps serving what it has, and "
                                "`rag ask` refuses it; set RAG_EMBEDDER to the one it was built with (for the app "
                                "too), or serve a version built with the one configured (`rag rollback --to VERSION`)"]
    assert err == f"warning: {said['warnings'][0]}\n"
    status, out, err = run_cli(capsys, "rollback", "--to", second, "--json")  # the hash version: nothing to say
    assert status == 0 and json.loads(out)["warnings"] == [] and err == ""
