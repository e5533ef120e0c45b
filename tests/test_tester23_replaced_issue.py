"""Another issue in a folder of the same name (a second corpus, a backup, a second "2027-spring") ingested on its own
replaced the indexed issue of that id without a word: "issues changed: 2027-spring". Its title and date both
differing now gets a warning naming both and the way back; a correction (one of them, or the text) does not."""

from rag.index import ingest
from rag.index.embedders import HashEmbedder

BODY = "The union said the pay offer fell short of what members asked for in its consultation this spring. " * 12


def _issue(root, title, date, extra=""):
    folder = root / "2027-spring"
    folder.mkdir(parents=True)
    (folder / "issue.toml").write_text(f'title = "{title}"\nseason = "spring"\ndate = "{date}"\nsource = "issue.md"\n')
    (folder / "issue.md").write_text(f"# Pay award news today\n\n{BODY}{extra}\n")
    return folder


def _run(tmp_path, folder):
    return ingest.run(tmp_path / "index", HashEmbedder(), lambda t: len(t.split()), paths=[folder])


def test_another_issue_under_an_indexed_id_is_said(tmp_path):
    _run(tmp_path, _issue(tmp_path / "a", "HM spring 2027", "2027-03-01"))
    outcome = _run(tmp_path, _issue(tmp_path / "b", "HM spring II 2027", "2027-04-01", "Pensions."))
    said = [w for w in outcome.warnings if "replaced by" in w]
    assert said == ["2027-spring: the issue indexed under this id ('HM spring 2027', 2027-03-01) is replaced by "
                    "'HM spring II 2027', 2027-04-01: if that is another issue, not a correction, `rag rollback` serves "
                    "the old one again; then give the new folder a name of its own (mv) and ingest it"]


def test_a_correction_is_not(tmp_path):
    _run(tmp_path, _issue(tmp_path / "a", "HM spring 2027", "2027-03-01"))
    for n, (title, date) in enumerate([("HM Spring 2027", "2027-03-01"), ("HM Spring 2027", "2027-03-02")]):
        outcome = _run(tmp_path, _issue(tmp_path / f"b{n}", title, date, f"Corrected {n}."))
        assert outcome.version and not any("replaced by" in w for w in outcome.warnings)
