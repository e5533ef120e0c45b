"""`rag ingest --rebuild` publishes the folders given alone: an issue served now that they lack is not dropped
without a word."""

import json
import shutil

from rag import cli
from tests.conftest import isolated_corpus

ROOT_CORPUS = __import__("pathlib").Path(__file__).resolve().parent.parent / "corpus"


def run(capsys, *args):
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_rebuild_that_would_drop_a_served_issue_is_refused_unless_forced(tmp_path, monkeypatch, capsys):
    """The 2024 issue ingested from elsewhere (or its folder moved away), then `rag ingest corpus/ --rebuild`, as many
    messages advise: it was published without the 2024 issue, saying only 'issues added: 2026-summer-68'."""
    corpus = isolated_corpus(tmp_path, monkeypatch)
    elsewhere = tmp_path / "downloads" / "2024-summer"
    shutil.copytree(ROOT_CORPUS / "2024-summer", elsewhere)
    run(capsys, "ingest", str(corpus), str(elsewhere))
    before = run(capsys, "status", "--json")[1]
    status, out, err = run(capsys, "ingest", str(corpus), "--rebuild")
    assert status == 2 and "so 2024-summer (served now, in v0001-" in err and "add --force to leave it out" in err
    assert run(capsys, "status", "--json")[1] == before
    status, out, err = run(capsys, "ingest", str(corpus), "--rebuild", "--dry-run")
    assert status == 0 and "warning: --rebuild publishes only the issue folders given, so 2024-summer" in err
    status, out, err = run(capsys, "ingest", str(corpus), str(elsewhere), "--rebuild")  # every issue given: no word
    assert status == 0 and "2024-summer" in out and "warning" not in err
    status, out, err = run(capsys, "ingest", str(corpus), "--rebuild", "--force", "--json")
    assert status == 0 and any("2024-summer" in w for w in json.loads(out)["warnings"])
    assert list(json.loads(run(capsys, "status", "--json")[1])["issues"]) == ["2026-summer-68"]
