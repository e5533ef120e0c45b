"""A UTF-8 source cut short mid-character (an interrupted copy) or with a damaged byte is named as such: both were
told "re-save it as UTF-8, e.g. iconv -f cp1252 -t utf-8", which would turn every curly quote of the issue into three
characters (a tester's find). A file in another encoding is still sent to iconv."""

import pytest

from rag.corpus.folders import read_text_source
from rag.errors import InputError

TEXT = "Pay award\n\nManagers’ pay rose by 3% this year, the review body said.\n" * 20


def _refusal(tmp_path, data: bytes) -> str:
    (tmp_path / "i.txt").write_bytes(data)
    with pytest.raises(InputError) as e:
        read_text_source(tmp_path / "i.txt")
    return str(e.value)


def test_a_file_cut_mid_character_is_called_cut_short(tmp_path):
    data = TEXT.encode()
    said = _refusal(tmp_path, data[:data.rindex("’".encode()) + 1])
    assert "ends in the middle of a character, so it was cut short" in said and "cp1252" not in said


def test_a_damaged_byte_in_utf8_is_named_with_where_it_is(tmp_path):
    data = bytearray(TEXT.encode())
    data[500] = 0xFF
    said = _refusal(tmp_path, bytes(data))
    assert "is UTF-8 up to byte 500, where it holds bytes that are not" in said and "cp1252" not in said


def test_a_windows_file_is_still_sent_to_iconv(tmp_path):
    said = _refusal(tmp_path, TEXT.replace("’", "'").replace("Managers", "Managers\u00e9").encode("cp1252"))
    assert "iconv -f cp1252 -t utf-8" in said
