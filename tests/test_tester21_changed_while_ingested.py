"""An issue whose files change while it is ingested (a copy or export still being written) is refused, not published
half-written: a tester's source copied in slowly during `rag ingest` was published with 114 of its chunks, its hash
taken before the parse, and served so until the next ingest parsed it again."""

import pytest

from rag.corpus.folders import SourceLimits
from rag.errors import InputError
from rag.index.chunking import ChunkerSettings
from rag.index.issue_folders import parse_issue, scan_issues


def _folder(tmp_path):
    folder = tmp_path / "2030-spring"
    folder.mkdir()
    (folder / "i.md").write_text("# Pay\n\nManagers met to discuss the pay award for this year.\n", encoding="utf-8")
    (folder / "issue.toml").write_text('title = "T"\nseason = "spring 2030"\ndate = "2030-03-01"\nsource = "i.md"\n')
    return folder


def test_a_source_written_to_after_it_was_hashed_is_refused(tmp_path):
    folder = _folder(tmp_path)
    (scanned,) = scan_issues([folder], SourceLimits(), ChunkerSettings())
    with open(folder / "i.md", "a", encoding="utf-8") as f:  # the rest of the copy arrives
        f.write("\n# Pensions\n\nThe scheme changes next year.\n")
    with pytest.raises(InputError, match="changed while they were being ingested .*run the command again"):
        parse_issue(scanned)


def test_an_issue_toml_edited_meanwhile_is_refused_and_a_steady_folder_parses(tmp_path):
    folder = _folder(tmp_path)
    (scanned,) = scan_issues([folder], SourceLimits(), ChunkerSettings())
    assert parse_issue(scanned).articles  # nothing changed
    (folder / "issue.toml").write_text('title = "T2"\nseason = "spring 2030"\ndate = "2030-03-01"\nsource = "i.md"\n')
    with pytest.raises(InputError, match="changed while"):
        parse_issue(scanned)
