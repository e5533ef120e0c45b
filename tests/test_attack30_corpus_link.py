"""`rag ingest corpus/` where corpus is a symbolic link leading nowhere (the issues on a drive not mounted) said
"corpus does not exist", and a corpus folder holding only links leading nowhere "no issue folders in corpus", though
each link was there to see. Both now name the link, where it leads, and what to do."""

import pytest

from rag.corpus.folders import find_issue_dirs
from rag.errors import InputError


def test_a_corpus_link_leading_nowhere_is_named(tmp_path):
    (tmp_path / "corpus").symlink_to(tmp_path / "not-mounted" / "corpus")
    for path in (tmp_path / "corpus", tmp_path / "corpus" / "2026-summer-68"):
        with pytest.raises(InputError, match=f"^{tmp_path / 'corpus'} is a link to .*not-mounted/corpus, which leads "
                                             r"to nothing \(a drive not mounted"):
            find_issue_dirs(path)


def test_issue_links_leading_nowhere_are_named_when_no_issue_folder_is_found(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "2026-summer-68").symlink_to(tmp_path / "not-mounted" / "68")
    with pytest.raises(InputError, match=r"no issue folders in .*; .*corpus/2026-summer-68 is a link to "
                                         ".*not-mounted/68, which leads to nothing"):
        find_issue_dirs(tmp_path / "corpus")
