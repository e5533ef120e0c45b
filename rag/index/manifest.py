"""Pure checks of a version's manifest: its shape, and its agreement with the chunks and issues it lists.

A manifest written before manifest.json.sha256 existed has no checksum of its own; these checks are what
stand between a flipped bit in it and a wrong answer, so every field the code relies on is checked here.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath

from rag.index.segments import FILES as _SEGMENT_FILES  # format 2: in each issue's folder under segments/

_HEX64 = re.compile(r"[0-9a-f]{64}")
_ISSUE_FIELDS = {"content_hash": str, "title": str, "date": str, "source_file": str, "chunks": int}
_OPTIONAL_ISSUE_FIELDS = {"source_sha256": str, "parse_key": str}
_REQUIRED_FILES = ("chunks.jsonl", "vectors.faiss", "issues.json")  # format 1



def _count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _safe_relative(rel: str) -> bool:
    path = PurePosixPath(rel)
    return bool(rel) and not path.is_absolute() and ".." not in path.parts and "\\" not in rel


def manifest_problems(m, name: str, formats: tuple[int, ...]) -> list[str]:
    """What is wrong with a parsed manifest (empty when its shape is sound and it names version `name`)."""
    if not isinstance(m, dict):
        return ["is not a JSON object"]
    problems = []
    if m.get("format") not in formats:
        problems.append(f"format {m.get('format')!r} is not one of {', '.join(map(str, formats))}")
    if m.get("version") != name:
        problems.append(f"names version {str(m.get('version'))[:40]!r}, not {name}")
    embedder = m.get("embedder")
    if not (isinstance(embedder, dict) and isinstance(embedder.get("name"), str)
            and _count(embedder.get("dim")) and embedder["dim"] > 0):
        problems.append("has no valid embedder name and dimension")
    if not isinstance(m.get("chunker"), dict):
        problems.append("has no chunker settings")
    if not _count(m.get("chunks")):
        problems.append("has no valid chunk count")
    issues = m.get("issues")
    if not isinstance(issues, dict):
        problems.append("has no issues table")
        issues = {}
    for issue_id, info in issues.items():
        if not isinstance(info, dict) or any(not isinstance(info.get(k), t) for k, t in _ISSUE_FIELDS.items()) \
                or any(k in info and not isinstance(info[k], t) for k, t in _OPTIONAL_ISSUE_FIELDS.items()) \
                or not _count(info.get("chunks")):
            problems.append(f"has a damaged entry for issue {issue_id[:40]!r}")
        elif m.get("format") == 2 and not (isinstance(info.get("segment"), str) and _safe_relative(info["segment"])
                                           and info["segment"].startswith("segments/")):
            problems.append(f"has no segment folder for issue {issue_id[:40]!r}")
    if not problems and sum(i["chunks"] for i in issues.values()) != m["chunks"]:
        problems.append(f"says {m['chunks']} chunks, but its issues add up to {sum(i['chunks'] for i in issues.values())}")
    files = m.get("files")
    if not isinstance(files, dict):
        problems.append("has no files table")
        files = {}
    for rel, digest in files.items():
        if not _safe_relative(rel) or not isinstance(digest, str) or not _HEX64.fullmatch(digest):
            problems.append(f"has a damaged files entry {rel[:60]!r}")
    if m.get("format") == 2:
        segments = [i["segment"] for i in issues.values() if isinstance(i, dict) and isinstance(i.get("segment"), str)]
        missing = [f"{s}/{f}" for s in segments for f in _SEGMENT_FILES if f"{s}/{f}" not in files]
        if len(set(segments)) != len(segments):
            problems.append("gives two issues the same segment folder")
    else:
        missing = [f for f in _REQUIRED_FILES if f not in files] if files else []
    if missing:
        problems.append(f"does not list {', '.join(missing[:3])}")
    return problems


def content_problems(m: dict, chunk_issue_ids: Counter, content_hashes: dict[str, str]) -> list[str]:
    """Where a (shape-checked) manifest disagrees with the chunks per issue and the issues' content hashes."""
    problems = []
    total = sum(chunk_issue_ids.values())
    if m["chunks"] != total:
        problems.append(f"says {m['chunks']} chunks, but chunks.jsonl holds {total}")
    if set(m["issues"]) != set(content_hashes):
        problems.append("lists other issues than issues.json")
    for issue_id, info in m["issues"].items():
        if info["chunks"] != chunk_issue_ids.get(issue_id, 0):
            problems.append(f"says issue {issue_id} has {info['chunks']} chunks, but chunks.jsonl holds "
                            f"{chunk_issue_ids.get(issue_id, 0)}")
        if content_hashes.get(issue_id, info["content_hash"]) != info["content_hash"]:
            problems.append(f"has another content hash for issue {issue_id} than issues.json")
    return problems


CRLF_FIX = ("its text files' line endings were converted to Windows ones (CRLF: a git checkout with "
            "core.autocrlf=true, or a copy or zip tool), so no checksum matches: check the index out again as written "
            "(git config core.autocrlf false, or a line `index/** -text` in .gitattributes; then delete index/ and git "
            "checkout -- index/); failing that, ")


def crlf_converted(data: bytes, expected: bytes, summed) -> bool:
    """Pure: whether a manifest and its checksum file disagree only because both had LF made CRLF. summed: data ->
    the checksum file's bytes (versions.manifest_sum)."""
    return b"\r\n" in data and expected.replace(b"\r\n", b"\n") == summed(data.replace(b"\r\n", b"\n"))

