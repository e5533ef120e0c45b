"""The committed index checked out with Windows line endings (Git for Windows' core.autocrlf=true, or a zip or copy
tool): every version's manifest fails its checksum, and the refusal sent the maintainer to `rag ingest corpus/
--rebuild` (minutes of embedding per issue), an app started then serving nothing. It now says the line endings were
converted and how to check the index out as written; other damage is said as before."""

import json
from pathlib import Path

from tests.conftest import isolated_corpus, run_cli


def _text_files_to_crlf(index: Path) -> int:
    converted = 0
    for path in index.rglob("*"):
        data = path.read_bytes() if path.is_file() else b"\0"
        if b"\0" in data or b"\n" not in data:
            continue
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        path.write_bytes(data.replace(b"\n", b"\r\n"))
        converted += 1
    return converted


def _built(tmp_path, monkeypatch, capsys) -> Path:
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    return tmp_path / "index"


def test_an_index_with_crlf_line_endings_says_so(tmp_path, monkeypatch, capsys):
    index = _built(tmp_path, monkeypatch, capsys)
    assert _text_files_to_crlf(index) >= 4  # CURRENT, HISTORY, manifest.json and its checksum, chunks, record
    status, out, _ = run_cli(capsys, "status", "--json")
    assert status == 2
    said = json.loads(out)["error"]
    assert "line endings were converted to Windows ones (CRLF" in said and "core.autocrlf false" in said
    assert "git checkout -- index/" in said


def test_other_damage_to_the_manifest_is_said_as_before(tmp_path, monkeypatch, capsys):
    index = _built(tmp_path, monkeypatch, capsys)
    manifest = index / "versions" / (index / "CURRENT").read_text().strip() / "manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"format"', b'"formaT"', 1))
    status, out, _ = run_cli(capsys, "status", "--json")
    said = json.loads(out)["error"]
    assert status == 2 and "does not match its checksum" in said and "CRLF" not in said
