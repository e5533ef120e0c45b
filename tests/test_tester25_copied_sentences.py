"""An indexed issue supplied again in another form under a new number (its PDF's text after its markdown, or an export
chunked otherwise) shared no passage word for word with the indexed one, so the copy check let it through: a tester's
issue 68 re-extracted with pdf2txt.py and filed as issue 69 was published as 97 more passages, 389 of its 420
sentences issue 68's, so members got every answer twice. Half or more of an added issue's sentences (20 or more)
being another issue's is now refused like a word-for-word copy; the two real issues share 6 of their sentences."""

import re
import shutil
from pathlib import Path

import pytest

from rag.errors import InputError
from tests.test_tester23_copied_issue import ingested as _run
from tests.test_tester23_copied_issue import refiled_as_69

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "corpus" / "2026-summer-68"


def _reissued(corpus: Path) -> Path:
    """Issue 68's text with a short line under every headline (its passages cut elsewhere), filed as issue 69."""
    return refiled_as_69(corpus, lambda text: re.sub(r"(?m)^(# .*)\n", r"\1\n\nReprinted from our summer issue.\n",
                                                     text))


def test_an_issue_holding_an_indexed_issues_sentences_is_refused(tmp_path):
    shutil.copytree(OLD, tmp_path / "corpus" / "2026-summer-68")
    new = _reissued(tmp_path / "corpus")
    first = _run(tmp_path, tmp_path / "corpus" / "2026-summer-68")
    with pytest.raises(InputError) as err:
        _run(tmp_path, new)
    said = str(err.value)
    m = re.match(r"2026-autumn-69: (\d+) of its (\d+) sentences are sentences of 2026-summer-68 \(indexed\), so "
                 r"members would get each of them twice", said)
    assert m and int(m[1]) >= 0.9 * int(m[2]), said
    assert "run `rag remove 2026-summer-68` first" in said and "add --force" in said and "nothing was changed" in said
    assert (tmp_path / "index" / "CURRENT").read_text().strip() == first.version
    assert any("sentences of 2026-summer-68" in w for w in _run(tmp_path, new, dry_run=True).warnings)
    assert _run(tmp_path, new, force=True).plan.issues_added == ["2026-autumn-69"]


def test_the_two_issues_are_no_copies_of_each_other(tmp_path):
    for name in ("2024-summer", "2026-summer-68"):
        shutil.copytree(ROOT / "corpus" / name, tmp_path / "corpus" / name)
    outcome = _run(tmp_path, tmp_path / "corpus")
    assert outcome.version and not [w for w in outcome.warnings if "twice" in w]
