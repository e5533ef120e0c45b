"""NUL bytes in a text or markdown source: one stray NUL (a bad copy, a tool's end marker) refused a whole issue as
"looks binary (NUL bytes)", though other control codes are read without them; UTF-16 saved without its byte-order mark
(every other byte NUL) was called binary too. A few NULs (one in 1,000 bytes or fewer) are now dropped, UTF-16 is named
with the iconv line, and a binary file is still refused, saying how many NULs it holds."""

import pytest

from rag.corpus.folders import read_text_source
from rag.errors import InputError

TEXT = ("# Pay award falls short\n\n" + "Managers across the NHS met this autumn to discuss the pay award. " * 20
        + "\n")


def test_a_stray_nul_is_dropped(tmp_path):
    path = tmp_path / "issue.md"
    path.write_bytes(TEXT.replace("pay award", "pay\x00 award", 1).encode())
    assert read_text_source(path) == TEXT


@pytest.mark.parametrize("form, named", [("utf-16-le", "utf-16le"), ("utf-16-be", "utf-16be")])
def test_utf16_without_its_mark_is_named(tmp_path, form, named):
    path = tmp_path / "issue.md"
    path.write_bytes(TEXT.encode(form))
    with pytest.raises(InputError, match=f"is UTF-16 text, not UTF-8: re-save it as UTF-8, e.g. iconv -f {named}"):
        read_text_source(path)


def test_a_binary_file_is_still_refused(tmp_path):
    path = tmp_path / "issue.md"
    path.write_bytes(TEXT.encode().replace(b" ", b"\x00"))
    with pytest.raises(InputError, match=r"looks binary \([\d,]+ NUL bytes in [\d,]+\)"):
        read_text_source(path)
