"""Tester 34: `rag eval --out evals/reports/latest/results.jsonl` (--out taken for the results file's name) made a
folder named results.jsonl and wrote the three files into it; --out evals/reports/x.html likewise."""

from __future__ import annotations

import pytest

from rag.errors import InputError
from rag.evals.runner import prepare_out_dir


@pytest.mark.parametrize("name", ["results.jsonl", "summary.json", "report.HTML"])
def test_an_out_named_as_a_file_is_refused_before_any_question(tmp_path, name):
    with pytest.raises(InputError) as said:
        prepare_out_dir(tmp_path / "latest" / name)
    assert f"names a file ({name})" in str(said.value) and f"--out {tmp_path / 'latest'}," in str(said.value)
    assert not (tmp_path / "latest").exists()


def test_a_folder_already_there_is_used_whatever_its_name(tmp_path):
    (tmp_path / "run.json").mkdir()
    assert prepare_out_dir(tmp_path / "run.json") == tmp_path / "run.json"
    assert prepare_out_dir(tmp_path / "latest") == tmp_path / "latest"
