"""An issue whose source holds its text twice over (pages exported twice, two files joined with `cat`): published,
every passage twice in what members search, and each answer's sources a pair. Refused like another issue's copy
(--force publishes it with a warning); the real issues repeat no passage."""

import json
import shutil
from pathlib import Path

from tests.conftest import isolated_corpus, run_cli

ROOT = Path(__file__).resolve().parent.parent


def doubled(source: Path) -> None:
    text = source.read_text()
    source.write_text(text + "\n" + text)


def new_issue(corpus: Path) -> Path:
    """Issue 69 as markdown: eight articles of their own sentences."""
    folder = corpus / "2026-autumn-69"
    folder.mkdir()
    (folder / "issue.toml").write_text('title = "Healthcare Manager issue 69, autumn 2026"\nnumber = 69\n'
                                       'season = "autumn 2026"\ndate = "2026-09-01"\nsource = "hm69.md"\n')
    words = "managers trust board pay review staff union contract notice appeal budget team leave hours".split()
    articles = []
    for a in range(8):
        paras = [" ".join(f"The {words[(a + p + s) % 14]} item {a}-{p}-{s} was raised by {words[(a * s + p) % 14]} "
                          f"members in meeting {a * 100 + p * 10 + s}." for s in range(6)) for p in range(5)]
        articles.append(f"# Article {a} on {words[a]}\n\n" + "\n\n".join(paras))
    (folder / "hm69.md").write_text("\n\n".join(articles) + "\n")
    return folder / "hm69.md"


def test_an_issue_holding_its_text_twice_is_refused(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    served = (tmp_path / "index" / "CURRENT").read_text()
    doubled(new_issue(corpus))
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--json")
    assert status == 2
    said = json.loads(out)["error"]
    assert said.startswith("2026-autumn-69: ") and "passages are word for word other passages of its own" in said
    assert "add --force" in said and "nothing was changed" in said
    assert (tmp_path / "index" / "CURRENT").read_text() == served
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--force", "--json")
    assert status == 0
    assert any("other passages of its own" in w and "as --force asks" in w for w in json.loads(out)["warnings"])


def test_the_issue_once_is_published(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    new_issue(corpus)
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--json")
    assert status == 0 and not [w for w in json.loads(out).get("warnings", []) if "of its own" in w]


def test_an_issue_with_a_contents_table_holding_its_text_twice_says_so(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    folder = corpus / "2024-summer"
    shutil.copytree(ROOT / "corpus" / "2024-summer", folder)
    doubled(next(folder.glob("*.txt")))  # its [[contents]] entries' first words are found twice, in one paragraph
    status, _, err = run_cli(capsys, "ingest", str(corpus))
    assert status == 2
    assert "is found 2 times in the issue's text, each time in the same paragraph, so the source holds that text" in err


def test_the_real_issues_are_not_refused(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    shutil.copytree(ROOT / "corpus" / "2024-summer", corpus / "2024-summer")
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--json")
    assert status == 0 and not [w for w in json.loads(out).get("warnings", []) if "of its own" in w]
