"""A `rag eval` run on a full disk (a tester's find): writing results.jsonl was an OSError traceback, and a failure
writing summary.json or report.html left the new results.jsonl beside the earlier run's summary and report. Now one
message says what to do, and the folder's three files stay the earlier run's, agreeing. /dev/full stands for the disk:
every write to it fails with ENOSPC."""

import os
from pathlib import Path

import pytest

from rag.errors import InputError
from rag.evals.runner import run_eval
from tests.test_eval_run import GOOD, QUESTIONS, fake_ask

pytestmark = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
EARLIER = {"results.jsonl": "earlier results\n", "summary.json": "earlier summary\n", "report.html": "earlier report\n"}


def _earlier_run(folder: Path) -> Path:
    folder.mkdir()
    for name, text in EARLIER.items():
        (folder / name).write_text(text)
    return folder


@pytest.mark.parametrize("full", ["results.jsonl.partial", "summary.json.tmp", "report.html.tmp"])
def test_a_full_disk_is_said_and_the_earlier_run_stays_whole(tmp_path, full):
    out = _earlier_run(tmp_path / "run")
    os.symlink("/dev/full", out / full)
    with pytest.raises(InputError, match=r"No space left on device.*free some disk space there .* or give another "
                                         r"--out.*are as before"):
        run_eval(QUESTIONS[:2], fake_ask(GOOD), out, progress=False)
    assert {p.name: p.read_text() for p in out.iterdir()} == EARLIER  # nothing half-written left beside them
