"""The versions in index/, read only: their names, the one CURRENT names, manifests checked against their
checksums, and verify (store.py writes them)."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path, PurePath
from typing import Sequence

from rag.errors import IndexUnavailable, RagError
from rag.fileio import sha256_file
from rag.index import history, segments
from rag.index.index_folder import dangling_link as dangling_link  # re-exported, as versions_dir: read through here
from rag.index.index_folder import versions_dir as versions_dir
from rag.index.index_folder import versions_unusable
from rag.index.manifest import CRLF_FIX, content_problems, crlf_converted, manifest_problems

FORMATS = (1, 2)  # what readers accept: versions written before segments still load and can be rolled back to
SUMMED = 2  # the first format every version of which has MANIFEST_SUM (format 1 versions were written before it)
CURRENT = "CURRENT"
MANIFEST_SUM = "manifest.json.sha256"  # the manifest's own checksum, `sha256sum -c` format
_VERSION_NAME = re.compile(r"v\d{4,}-\d{8}T\d{6}")


def version_number(name: str) -> int:
    """A version's number: 10000 for "v10000-20261204T100000"."""
    return int(name[1:name.index("-")])


def list_versions(index_dir: Path) -> list[str]:
    """Published versions, oldest first (by number: by name, v10000-... sorted before v9999-..., so pruning took the
    newest and the next publish was numbered 10000 again); real folders inside versions/ (never symlinks out of it)."""
    folder = versions_dir(index_dir)
    if not folder.is_dir():
        return []
    return sorted((p.name for p in folder.iterdir()
                   if _VERSION_NAME.fullmatch(p.name) and p.is_dir() and not p.is_symlink()),
                  key=lambda name: (version_number(name), name))


def current_version(index_dir: Path) -> str | None:
    """The version CURRENT names; None when there is no index; IndexUnavailable when CURRENT is damaged, or this user
    may not read it (a PermissionError traceback for every command)."""
    try:
        return _current_version(index_dir)
    except PermissionError as exc:
        raise IndexUnavailable(not_readable(index_dir, exc)) from exc


def _current_version(index_dir: Path) -> str | None:
    if not index_dir.exists() and (why := dangling_link(index_dir)):
        raise IndexUnavailable(why)
    if why := versions_unusable(index_dir):
        raise IndexUnavailable(why)
    pointer = index_dir / CURRENT
    if not pointer.is_file():
        gone = _current_gone(index_dir, pointer)
        if gone:  # was "no index": `rag ingest corpus/ISSUE` then published that one issue alone, dropping the rest
            raise IndexUnavailable(_bad_current(index_dir, gone))
        return None
    try:  # a byte-order mark (CURRENT saved by Notepad) is no damage: the name after it is plain
        name = pointer.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("ascii").strip()
    except UnicodeDecodeError:
        raise IndexUnavailable(_bad_current(index_dir, "it is not plain text")) from None
    if not name and not list_versions(index_dir):
        return None
    if not _VERSION_NAME.fullmatch(name) or name not in list_versions(index_dir):
        raise IndexUnavailable(_bad_current(index_dir, f"{name[:80]!r} is not a version folder in versions/"))
    return name


def _current_gone(index_dir: Path, pointer: Path) -> str:
    """Why a CURRENT that is not a file is damage ("" when there is simply no index yet): a folder in its place, or
    no CURRENT while HISTORY records versions served and versions are kept (deleted by hand, lost in a copy)."""
    if pointer.exists() or pointer.is_symlink():
        return "it is not a file"
    if not list_versions(index_dir):
        return ""
    try:
        served = history.served(index_dir / history.HISTORY)
    except RagError:  # a damaged HISTORY still says versions were served
        return "it is missing"
    if not served:  # a first build killed before CURRENT was written: nothing was ever served
        return ""
    return f"it is missing; HISTORY says {served[-1]} was served last"


def is_sound(index_dir: Path, name: str) -> bool:
    """Whether a kept version's manifest and every file it lists match their checksums."""
    try:
        return not verify(index_dir, name, deep=False, advise=False)
    except (IndexUnavailable, OSError):  # OSError: a file that cannot be read (permissions) is no sound version
        return False


def _kept_and_sound(index_dir: Path) -> str:
    """The versions kept, each damaged one said so ("v0021-... (damaged)"), to choose from: a walk was offered a
    version it had broken itself."""
    named = [name if is_sound(index_dir, name) else f"{name} (damaged)" for name in list_versions(index_dir)]
    return ", ".join(named) or "none"


def _bad_current(index_dir: Path, why: str) -> str:
    """CURRENT damaged: the last sound version HISTORY says was served is named to roll back to (the maintainer was
    left to pick one from the kept list, which does not say which members were getting)."""
    try:
        stack = history.served(index_dir / history.HISTORY)
    except RagError:
        stack = []
    kept = list_versions(index_dir)
    last = next((v for v in reversed(stack) if v in kept and is_sound(index_dir, v)), None)
    way = (f"run `rag rollback --to {last}` to serve {last} again, the last sound version served (index/HISTORY), "
           "or another kept version with `rag rollback --to VERSION`" if last else
           "serve a kept version with `rag rollback --to VERSION`")
    return (f"{index_dir / CURRENT} is damaged ({why}): {way} (kept: {_kept_and_sound(index_dir)}), or rebuild with "
            "`rag ingest corpus/ --rebuild`")


def served_meanwhile(index_dir: Path) -> str | None:
    """The version an app started now serves, as reader.load_serving picks it: CURRENT's when sound, else the last
    sound one served (HISTORY), else the newest sound one kept; None when no kept version is sound."""
    try:
        current = current_version(index_dir) or ""
    except IndexUnavailable:
        current = ""
    if current and is_sound(index_dir, current):
        return current
    return next((n for n in fallbacks(index_dir, current) if is_sound(index_dir, n)), None)


def no_such_version(index_dir: Path, name: str) -> str:
    """A version named that is not kept, with the one meant when the name is a kept one's number or start (`--to
    v0025`, `--version 25`: "no index version" alone, with the names to copy only in `rag status`)."""
    kept = list_versions(index_dir)
    folder = PurePath(name.strip().rstrip("/\\")).name  # `--to index/versions/v0025-.../`, tab-completed
    if folder in kept and folder != name.strip():
        return (f"{name!r} is the folder of index version {folder}: give the version's name alone, {folder} (kept: "
                f"{', '.join(kept)})")
    said = name.strip().lower().removeprefix("v")
    meant = [v for v in kept
             if said and (v.startswith(name.strip()) or said.isdigit() and version_number(v) == int(said))]
    whole = "Give the whole name" if meant and meant[0] != name.strip() else "Give it without the space"
    hint = f": did you mean {meant[0]}? {whole}" if len(meant) == 1 else ""
    return f"no index version {name!r} in {versions_dir(index_dir)}{hint} (kept: {', '.join(kept) or 'none'})"


def read_manifest(index_dir: Path, name: str | None = None, *, advise: bool = True) -> dict:
    """A version's manifest, checked against its checksum (when it has one) and for a sound shape; advise: say what
    to run in a refusal (way_out, which checks the other versions)."""
    name = current_version(index_dir) if name is None else name  # `--version ""` is no version, not the current one
    if name is None:
        raise IndexUnavailable(f"no index at {index_dir}: run `rag ingest corpus/` to build one")
    if name not in list_versions(index_dir):
        raise IndexUnavailable(no_such_version(index_dir, name))
    folder = versions_dir(index_dir) / name
    try:
        data = (folder / "manifest.json").read_bytes()
        expected = (folder / MANIFEST_SUM).read_bytes() if (folder / MANIFEST_SUM).exists() else None
    except PermissionError as exc:
        raise IndexUnavailable(not_readable(index_dir, exc)) from exc
    except OSError as exc:
        why = f"its manifest cannot be read ({exc.strerror or exc})"
        raise IndexUnavailable(_damaged(index_dir, name, why, advise)) from exc
    if expected is not None and expected != manifest_sum(data):
        why = f"manifest.json does not match its checksum ({MANIFEST_SUM})"  # a Windows clone: a rebuild was advised
        fix = CRLF_FIX if crlf_converted(data, expected, manifest_sum) else ""
        raise IndexUnavailable(_damaged(index_dir, name, why, advise, fix))
    try:
        manifest = json.loads(data.decode("utf-8"))
    except ValueError as exc:
        raise IndexUnavailable(_damaged(index_dir, name, f"manifest.json is not valid JSON ({exc})", advise)) from exc
    newer = manifest.get("format") if isinstance(manifest, dict) else None
    if isinstance(newer, int) and not isinstance(newer, bool) and newer > max(FORMATS):
        # not damage: a newer checkout wrote it (a tester's format 3 was called "damaged")
        raise IndexUnavailable(f"index version {name} was written by newer code (index format {newer}; this code reads "
                               f"{', '.join(map(str, FORMATS))}): update this checkout (git pull), or `rag rollback` "
                               "to a version it can read")
    problems = manifest_problems(manifest, name, FORMATS)
    if problems:
        raise IndexUnavailable(_damaged(index_dir, name, "manifest.json " + "; ".join(problems[:3]), advise))
    if expected is None and manifest["format"] >= SUMMED:  # it loaded, and `rag verify` said every file matched
        why = (f"{MANIFEST_SUM} is missing: every version of index format {manifest['format']} is written with one, so "
               "it was deleted or lost in a copy, and manifest.json cannot be checked")
        fix = (f"restore it from a copy of the index (git checkout -- {folder / MANIFEST_SUM} where it is committed); "
               "failing that, ")
        raise IndexUnavailable(_damaged(index_dir, name, why, advise, fix))
    return manifest


def not_readable(index_dir: Path, exc: OSError) -> str:
    """What to do when this user may not read the index's files (written by another user: a root `rag ingest` under
    an app run as its own user, or a copy's permissions)."""
    return (f"{exc.filename} cannot be read by this user ({exc.strerror}): the index was written by another user? "
            f"make it readable (chmod -R a+rX {index_dir}) or run the command as its owner (ls -l {index_dir})")


def manifest_sum(data: bytes) -> bytes:
    """The manifest's checksum file, as `sha256sum` writes it."""
    return f"{hashlib.sha256(data).hexdigest()}  manifest.json\n".encode("ascii")


def _damaged(index_dir: Path, name: str, why: str, advise: bool = True, fix: str = "") -> str:
    said = f"index version {name} is damaged ({why})"
    return f"{said}: {fix}{way_out(index_dir, name)}" if advise else said


def fallbacks(index_dir: Path, current: str) -> list[str]:
    """Kept versions other than current, most recently served first (HISTORY), then the rest newest first."""
    kept = list_versions(index_dir)
    try:
        served = history.served(index_dir / history.HISTORY)
    except RagError:  # a damaged HISTORY: by name alone
        served = []
    order = [n for n in reversed(served) if n in kept] + list(reversed(kept))
    return [n for n in dict.fromkeys(order) if n != current]


def way_out(index_dir: Path, damaged: str, repair: bool = True) -> str:
    """What to run when a version is damaged: `rag rollback --to` the sound version an app falls back on, named, or
    a rebuild when no other is sound. "run `rag rollback`" was said when the version served before shared the damaged
    file (a publish hard-links the issues it keeps), so the rollback was refused in turn. repair: say that an ingest
    writes damaged issue files anew (not when the ingest itself could not)."""
    sound = next((n for n in fallbacks(index_dir, damaged) if is_sound(index_dir, n)), None)
    if sound:
        return (f"run `rag rollback --to {sound}` to serve {sound}, the last sound version served, or "
                "`rag ingest corpus/ --rebuild`")
    again = (" (or `rag ingest corpus/ --repair`, which writes only the damaged issues' files anew from their folders)"
             if repair else "")
    return ("no other kept version is sound (versions share the files of the issues they keep), so `rag rollback` "
            f"cannot help: run `rag ingest corpus/ --rebuild`{again}")


def damaged_issues(manifest: dict, problems: Sequence[str]) -> dict[str, list[str]] | None:
    """Issue id -> the problems verify found in its segment's files; None when one is in no issue's segment."""
    owner = {info["segment"]: iid for iid, info in manifest["issues"].items() if info.get("segment")}
    out: dict[str, list[str]] = {}
    for problem in problems:  # each opens on the file's path, which holds no space (issue ids hold none)
        iid = owner.get(problem.split(" ", 1)[0].rpartition("/")[0])
        if iid is None:
            return None
        out.setdefault(iid, []).append(problem)
    return out


def verify(index_dir: Path, name: str | None = None, *, deep: bool = True, advise: bool = True) -> list[str]:
    """Problems found in a version (missing or altered files; with deep, files that disagree with the
    manifest); empty when it is sound. A damaged manifest raises IndexUnavailable."""
    manifest = read_manifest(index_dir, name, advise=advise)
    folder = versions_dir(index_dir) / manifest["version"]
    problems = []
    for rel, digest in manifest["files"].items():
        path = folder / rel
        try:
            if not path.is_file():
                problems.append(f"{rel} is missing")
            elif sha256_file(path) != digest:
                problems.append(f"{rel} does not match its checksum")
        except PermissionError as exc:  # not damage, and no rebuild mends it: a traceback for every command
            raise IndexUnavailable(not_readable(index_dir, exc)) from exc
        except OSError as exc:  # a failing disk: the file is as good as damaged
            problems.append(f"{rel} cannot be read ({exc.strerror or exc})")
    if deep and not problems:
        try:
            ids, hashes = _chunk_ids_and_hashes(folder, manifest)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            return [f"the chunks or issue records cannot be read ({exc})"]
        wrong = content_problems(manifest, ids, hashes)
        if wrong:
            why = "manifest.json " + "; ".join(wrong[:3])
            raise IndexUnavailable(_damaged(index_dir, manifest["version"], why, advise))
    return problems


def _chunk_ids_and_hashes(folder: Path, manifest: dict) -> tuple[Counter, dict[str, str]]:
    """Chunks per issue id and each issue record's content hash, as the version's files hold them."""
    if manifest["format"] == 1:
        ids = Counter(json.loads(line)["issue_id"] for line in (folder / "chunks.jsonl").read_bytes().splitlines())
        records = json.loads((folder / "issues.json").read_bytes())
        return ids, {r["issue"]["issue_id"]: r["content_hash"] for r in records}
    ids, hashes = Counter(), {}
    for info in manifest["issues"].values():
        seg = folder / info["segment"]
        ids.update(json.loads(line)["issue_id"] for line in (seg / segments.CHUNKS).read_bytes().splitlines())
        record = json.loads((seg / segments.RECORD).read_bytes())
        hashes[record["issue"]["issue_id"]] = record["content_hash"]
    return ids, hashes
