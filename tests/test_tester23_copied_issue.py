"""A folder copied for a new issue with the old issue's file left in it (touched, or re-exported, so its bytes
differ) was published as a second copy of every passage under the new issue's name. Half or more of an added or
changed issue's passages word for word another issue's is now refused, saying what to do; --dry-run and --force warn."""

import re
import shutil
from pathlib import Path
from typing import Callable

import pytest

from rag.errors import InputError
from rag.index import ingest
from rag.index.embedders import HashEmbedder

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "corpus" / "2026-summer-68"
SOURCE = "000_14b77b378cd60039.txt"


def refiled_as_69(corpus: Path, text: Callable[[str], str]) -> Path:
    """Issue 68's folder filed as issue 69 of autumn 2026 under corpus, its text changed by text."""
    new = corpus / "2026-autumn-69"
    shutil.copytree(OLD, new)
    (new / SOURCE).write_text(text((OLD / SOURCE).read_text(encoding="utf-8")), encoding="utf-8")
    toml = (OLD / "issue.toml").read_text(encoding="utf-8")
    (new / "issue.toml").write_text(toml.replace("number = 68", "number = 69").replace("2026-06-01", "2026-09-01")
                                    .replace("issue 68, summer", "issue 69, autumn"), encoding="utf-8")
    return new


def ingested(tmp_path, *paths, **kw):
    return ingest.run(tmp_path / "index", HashEmbedder(), lambda t: len(t.split()), paths=list(paths), **kw)


def _copy(corpus):
    shutil.copytree(OLD, corpus / "2026-summer-68")
    return refiled_as_69(corpus, lambda text: text + "\nA late line.\n")


def test_a_new_issue_holding_an_indexed_issues_text_is_refused(tmp_path):
    new = _copy(tmp_path / "corpus")
    ingested(tmp_path, tmp_path / "corpus" / "2026-summer-68")
    with pytest.raises(InputError) as err:
        ingested(tmp_path, tmp_path / "corpus")
    said = str(err.value)
    m = re.match(r"2026-autumn-69: (\d+) of its (\d+) passages are word for word passages of 2026-summer-68 "
                 r"\(indexed\), so members would get each of them twice", said)
    assert m and int(m[1]) == int(m[2]) - 1  # all but the one holding the late line
    assert "run `rag remove 2026-summer-68` first" in said and "add --force" in said and "nothing was changed" in said
    dry = ingested(tmp_path, new, dry_run=True)
    assert any("word for word" in w for w in dry.warnings)
    forced = ingested(tmp_path, new, force=True)
    assert forced.version and forced.plan.issues_added == ["2026-autumn-69"]


def test_two_new_copies_in_one_run_are_refused(tmp_path):
    _copy(tmp_path / "corpus")
    with pytest.raises(InputError, match="word for word passages of 2026-summer-68, so .* move its folder out"):
        ingested(tmp_path, tmp_path / "corpus")
    assert not (tmp_path / "index").exists()
