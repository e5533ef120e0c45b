"""index/.lock as a named pipe (made by a tool, or a restore of a backup that turned it into one): `rag ingest`,
`remove` and `rollback` opened it to append and waited for a reader for ever, `make serve` hanging with it (tester 29).
It is refused as a folder there is, saying what to do."""

import os
import threading

import pytest

from rag.errors import RagError
from rag.index import store


def test_a_named_pipe_for_the_lock_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / ".lock")
    said = []

    def build():
        try:
            with store.build_lock(tmp_path):
                said.append("locked")
        except RagError as exc:
            said.append(str(exc))

    worker = threading.Thread(target=build, daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # free the waiting open, so the test run ends
        os.close(os.open(tmp_path / ".lock", os.O_RDONLY | os.O_NONBLOCK))
        pytest.fail("the build waited on the named pipe")
    assert said == [f"{tmp_path / '.lock'} is a named pipe (FIFO), not a file: move it away (mv {tmp_path / '.lock'} "
                    f"{tmp_path / '.lock.old'}), then run the command again; the published index is unchanged"]
