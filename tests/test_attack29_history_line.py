"""A damaged line in index/HISTORY (cut short by an editor, a copy) refused every later `rag rollback`, saying only to
choose a version with `rag rollback --to`: the line stayed, and so did the refusal, for good (tester 29). It says to
correct or delete the line too."""

import pytest

from rag.errors import RagError
from rag.index import history


def test_a_damaged_history_line_says_how_to_read_the_history_again(tmp_path):
    log = tmp_path / "HISTORY"
    log.write_text('{"version": "v0001-20261204T041513", "event": "pub\n')
    history.append(log, "v0002-20261204T041517", "publish")
    with pytest.raises(RagError, match=r"HISTORY, line 1 is damaged: choose the version to serve with `rag rollback "
                                       r"--to VERSION` \(see `rag status`\), and correct or delete that line so that "
                                       "`rag rollback` can read the history again"):
        history.served(log)
