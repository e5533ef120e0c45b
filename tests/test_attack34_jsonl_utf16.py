"""Tester 34: a questions file (or any JSON Lines input) saved as UTF-16, as Windows Notepad's "Unicode" saves it,
was "line 1: not UTF-8 (byte 1 of the line)", where issue.toml and text sources name UTF-16 and the iconv line."""

from __future__ import annotations

import pytest

from rag.errors import InputError
from rag.fileio import read_jsonl


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_jsonl_file_saved_as_utf16_is_named_so(tmp_path, encoding):
    path = tmp_path / "questions.jsonl"
    path.write_bytes('{"id": "a", "question": "pay rise?", "type": "fact"}\n'.encode(encoding))
    with pytest.raises(InputError) as said:
        list(read_jsonl(path, fix="one object per line"))
    assert "is saved as UTF-16" in str(said.value) and f"iconv -f utf-16 -t utf-8 {path}" in str(said.value)


def test_utf8_with_a_few_nul_escapes_is_still_read(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "a", "question": "pay\\u0000 rise?"}\n')
    assert [obj["id"] for _, obj in read_jsonl(path, fix="")] == ["a"]
