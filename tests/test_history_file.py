"""index/HISTORY's appends (a tester's find: a HISTORY whose last line was cut short, with no newline, had the next
publish's record glued onto it, so the record was lost inside one damaged line)."""

import json

from rag.index import history


def test_a_record_after_a_line_cut_short_starts_a_line_of_its_own(tmp_path):
    path = tmp_path / "HISTORY"
    path.write_bytes(b'{"version": "v0001-20260101T000000", "event": "publish", "at": "x"}\n{"version": "v00')
    history.append(path, "v0002-20260102T000000", "publish")
    lines = path.read_bytes().splitlines()
    assert lines[1] == b'{"version": "v00'  # the damage stays as it was, for rollback to name
    assert json.loads(lines[2])["version"] == "v0002-20260102T000000"


def test_records_on_a_sound_file_add_no_blank_lines(tmp_path):
    path = tmp_path / "HISTORY"
    history.append(path, "v0001-20260101T000000", "publish")
    history.append(path, "v0002-20260102T000000", "publish")
    assert history.served(path) == ["v0001-20260101T000000", "v0002-20260102T000000"]
    assert path.read_bytes().count(b"\n") == 2 and b"\n\n" not in path.read_bytes()
