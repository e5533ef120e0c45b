"""Links in a corpus folder: one leading out of it to a folder without issue.toml (corpus/etc -> /etc, corpus/up ->
..) was called a folder to add an issue.toml to, and `--strict` refused the ingest for it; one leading nowhere (an
issue folder linked from a drive not mounted) was skipped without a word. Each is now named as a link, with where it
leads and what to do."""

import os
import shutil
from pathlib import Path

from rag.index.issue_folders import find_folders

ROOT = Path(__file__).resolve().parent.parent


def _corpus(tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus" / "2026-summer-68", corpus / "2026-summer-68")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "notes.txt").write_text("not an issue\n", encoding="utf-8")
    os.symlink(outside, corpus / "etc")
    os.symlink(tmp_path / "mnt" / "2026-autumn-69", corpus / "2026-autumn-69")
    return corpus


def test_a_link_out_of_the_corpus_is_named_as_a_link(tmp_path):
    found, warnings = find_folders([_corpus(tmp_path)])
    assert [f.name for f in found] == ["2026-summer-68"]
    (out,) = [w for w in warnings if "/etc " in w]
    assert f"is a link to {tmp_path / 'elsewhere'}, outside" in out and "rm " in out
    assert "add an issue.toml" not in out


def test_a_link_leading_nowhere_is_said(tmp_path):
    _, warnings = find_folders([_corpus(tmp_path)])
    (gone,) = [w for w in warnings if "2026-autumn-69" in w]
    assert f"is a link to {tmp_path / 'mnt' / '2026-autumn-69'}, which leads to nothing" in gone
    assert "so it was skipped" in gone


def test_a_folder_in_the_corpus_without_issue_toml_is_said_as_before(tmp_path):
    corpus = _corpus(tmp_path)
    (corpus / "drafts").mkdir()
    (corpus / "drafts" / "x.txt").write_text("x\n", encoding="utf-8")
    _, warnings = find_folders([corpus])
    assert [w for w in warnings if "drafts has files but no issue.toml" in w and "add an issue.toml" in w]
