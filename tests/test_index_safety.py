"""A damaged or tampered index is refused with a message, never served and never a traceback; rollback goes
to the version that was really served before (issue 11, holes 3, 4, 5)."""

import random
import shutil
from pathlib import Path

import pytest

from rag import cli
from rag.errors import IndexUnavailable, RagError
from rag.fileio import sha256_file
from rag.index import store
from rag.index.chunking import ChunkerSettings
from rag.index.embedders import HashEmbedder
from rag.index.ingest import ParsedIssue, execute, plan
from rag.index.reader import load_index
from rag.testing import build_index, sample_corpus

CHUNKER = ChunkerSettings(60, 15)
ISSUE_68 = Path(__file__).resolve().parent.parent / "corpus" / "2026-summer-68"


def words(text):
    return len(text.split())


def publish(index_dir, corpus, current=None):
    parsed = [ParsedIssue(i, arts, f"hash-{i.issue_id}-{len(arts)}", f"src-{i.issue_id}") for i, arts in corpus]
    p = plan(parsed, current, words, CHUNKER)
    with store.build_lock(index_dir):
        return execute(p, index_dir, current, HashEmbedder(), CHUNKER)


def three_versions(index_dir):
    """v1 (one issue), v2 (both), v3 (the 2024 issue cut to one article), each served in turn."""
    corpus = sample_corpus()
    v1 = publish(index_dir, corpus[:1])
    v2 = publish(index_dir, corpus, load_index(index_dir))
    issue, articles = corpus[1]
    v3 = publish(index_dir, [(issue, articles[:1])], load_index(index_dir))
    return v1, v2, v3


# hole 3: rollback goes to the version served before

def test_rollback_never_goes_to_a_version_that_was_never_served(tmp_path):
    v1, v2, v3 = three_versions(tmp_path)
    # v3's build was killed after its folder moved into versions/ and before CURRENT switched:
    (tmp_path / "CURRENT").write_text(v2 + "\n")
    history = tmp_path / "HISTORY"
    if history.exists():
        history.write_text("".join(history.read_text().splitlines(keepends=True)[:-1]))
    issue, articles = sample_corpus()[0]
    v4 = publish(tmp_path, [(issue, articles[:2])], load_index(tmp_path))
    assert store.current_version(tmp_path) == v4 and v3 in store.list_versions(tmp_path)
    assert store.rollback(tmp_path) == v2  # v3 was never live
    assert load_index(tmp_path).version == v2


def test_rollback_walks_back_through_what_was_served_and_undoes_a_switch(tmp_path):
    v1, v2, v3 = three_versions(tmp_path)
    assert store.rollback(tmp_path) == v2
    assert store.rollback(tmp_path) == v1
    with pytest.raises(RagError, match="no earlier"):
        store.rollback(tmp_path)
    store.set_current(tmp_path, v3)  # `rag rollback --to v3`
    store.set_current(tmp_path, v2)
    assert store.rollback(tmp_path) == v3  # back to what was served before the last switch


def test_rollback_without_a_history_is_refused_clearly(tmp_path):
    three_versions(tmp_path)
    (tmp_path / "HISTORY").unlink(missing_ok=True)  # an index written before histories were kept
    with pytest.raises(RagError, match=r"rollback --to"):
        store.rollback(tmp_path)


# hole 4: CURRENT must name a version folder inside versions/

def test_undecodable_current_is_refused_by_every_reader(tmp_path, capsys, monkeypatch):
    build_index(tmp_path)
    (tmp_path / "CURRENT").write_bytes(b"v0001-\xff\xfe\n")
    with pytest.raises(IndexUnavailable, match="CURRENT"):
        load_index(tmp_path)
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path))
    monkeypatch.setenv("RAG_EMBEDDER", "hash")
    monkeypatch.setenv("RAG_LLM_MODEL", "extractive")
    for args in (["verify"], ["status"], ["status", "--json"], ["retrieve", "pay", "--json"], ["ingest", str(ISSUE_68)]):
        status = cli.main(args)
        _, err = capsys.readouterr()
        assert status == 2 and "CURRENT" in err and "rollback --to" in err, (args, err)


def test_current_pointing_outside_versions_is_not_served(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    build_index(elsewhere)
    index_dir = tmp_path / "index"
    build_index(index_dir)
    outside = elsewhere / "versions" / store.current_version(elsewhere)
    (index_dir / "CURRENT").write_text(f"../../elsewhere/versions/{outside.name}\n")
    with pytest.raises(IndexUnavailable, match="CURRENT"):
        load_index(index_dir)
    (index_dir / "CURRENT").write_text("v9999-20300101T000000\n")
    with pytest.raises(IndexUnavailable, match="CURRENT"):
        load_index(index_dir)


def test_a_version_folder_that_is_a_symlink_out_is_not_served(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    build_index(elsewhere)
    index_dir = tmp_path / "index"
    build_index(index_dir)
    name = "v0002-20300101T000000"
    (index_dir / "versions" / name).symlink_to(elsewhere / "versions" / store.current_version(elsewhere))
    (index_dir / "CURRENT").write_text(name + "\n")
    with pytest.raises(IndexUnavailable, match="CURRENT"):
        load_index(index_dir)


def test_manifest_that_names_another_version_is_refused(tmp_path):
    v1, v2, _ = three_versions(tmp_path)
    shutil.rmtree(tmp_path / "versions" / v2)
    shutil.copytree(tmp_path / "versions" / v1, tmp_path / "versions" / v2)  # a folder copied over another
    store.set_current(tmp_path, v2)
    with pytest.raises(IndexUnavailable, match=v1):
        load_index(tmp_path)


# hole 5: the manifest is verified too

def _manifest(index_dir):
    return index_dir / "versions" / store.current_version(index_dir) / "manifest.json"


def _legacy(index_dir):
    """A version as written before manifests had a checksum file (format 1, the sidecar removed), served: its
    manifest. A format-2 version without the file has lost it (tests/test_tester23_manifest_sum.py)."""
    from tests.legacy_index import write_format1

    folder = index_dir / "versions" / write_format1(index_dir, load_index(index_dir))
    (folder / store.MANIFEST_SUM).unlink()
    return folder / "manifest.json"


def _flip(path, offset, bit=0):
    data = bytearray(path.read_bytes())
    data[offset] ^= 1 << bit
    path.write_bytes(bytes(data))


def _offset(path, text):
    return path.read_bytes().index(text.encode())


@pytest.mark.parametrize("legacy", [False, True], ids=["checksummed", "legacy-no-checksum"])
def test_flipped_bit_in_a_manifest_key_is_a_message_not_a_keyerror(tmp_path, legacy):
    build_index(tmp_path)
    manifest = _legacy(tmp_path) if legacy else _manifest(tmp_path)
    _flip(manifest, _offset(manifest, '"files"') + 2, 1)  # "files" -> "fhles"
    with pytest.raises(IndexUnavailable, match="manifest"):
        load_index(tmp_path)
    with pytest.raises(IndexUnavailable, match="manifest"):
        store.verify(tmp_path)


@pytest.mark.parametrize("legacy", [False, True], ids=["checksummed", "legacy-no-checksum"])
def test_a_wrong_chunk_count_in_the_manifest_fails_verify(tmp_path, legacy):
    idx = build_index(tmp_path)
    manifest = _legacy(tmp_path) if legacy else _manifest(tmp_path)
    text = manifest.read_text()
    n = len(idx.chunks)
    manifest.write_text(text.replace(f'"chunks": {n},', f'"chunks": {n + 100},', 1))
    with pytest.raises(IndexUnavailable, match="manifest"):
        store.verify(tmp_path)
    with pytest.raises(IndexUnavailable, match="manifest"):
        load_index(tmp_path)


def test_every_version_written_now_has_a_manifest_checksum(tmp_path):
    build_index(tmp_path)
    folder = _manifest(tmp_path).parent
    assert (folder / "manifest.json.sha256").read_text().split()[0] == sha256_file(folder / "manifest.json")


def test_random_bit_flips_anywhere_in_the_version_are_refused_with_a_message(tmp_path):
    build_index(tmp_path)
    folder = _manifest(tmp_path).parent
    pristine = tmp_path.parent / "pristine"
    shutil.copytree(folder, pristine)
    rng = random.Random(11)
    files = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    for rel in files:
        for _ in range(4):
            size = (folder / rel).stat().st_size
            _flip(folder / rel, rng.randrange(size), rng.randrange(8))
            with pytest.raises(IndexUnavailable):
                load_index(tmp_path)
            shutil.copy(pristine / rel, folder / rel)
    assert load_index(tmp_path).chunks


def test_legacy_manifest_bit_flips_load_or_are_refused_never_a_traceback(tmp_path):
    build_index(tmp_path)
    manifest = _legacy(tmp_path)
    good = manifest.read_bytes()
    rng = random.Random(5)
    refused = 0
    for _ in range(150):
        _flip(manifest, rng.randrange(len(good)), rng.randrange(8))
        try:
            load_index(tmp_path)
            problems = store.verify(tmp_path)
        except IndexUnavailable:
            refused += 1
        else:
            assert isinstance(problems, list)
        manifest.write_bytes(good)
    assert refused > 50


def test_cli_on_a_damaged_manifest_exits_2_with_a_message(tmp_path, capsys, monkeypatch):
    build_index(tmp_path)
    manifest = _manifest(tmp_path)
    manifest.write_text(manifest.read_text().replace('"files"', '"fhles"'))
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path))
    monkeypatch.setenv("RAG_EMBEDDER", "hash")
    for args in (["verify"], ["status"], ["retrieve", "pay"]):
        status = cli.main(args)
        _, err = capsys.readouterr()
        assert status == 2 and "manifest" in err and "rag rollback" in err, (args, err)


def test_the_first_publish_on_an_index_without_history_records_what_was_served(tmp_path):
    v1, v2, _ = three_versions(tmp_path)
    store.set_current(tmp_path, v2)
    (tmp_path / "HISTORY").unlink()  # as if v1..v3 were written before HISTORY existed, v2 being served
    issue, articles = sample_corpus()[0]
    v4 = publish(tmp_path, [(issue, articles[:2])], load_index(tmp_path))
    assert store.current_version(tmp_path) == v4
    assert store.rollback(tmp_path) == v2


def test_rollback_to_repairs_a_damaged_current_from_the_cli(tmp_path, capsys, monkeypatch):
    v1, v2, v3 = three_versions(tmp_path)
    (tmp_path / "CURRENT").write_bytes(b"\xff")
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path))
    assert cli.main(["rollback"]) == 2 and "rollback --to" in capsys.readouterr().err
    assert cli.main(["rollback", "--to", "../../etc"]) == 2 and "no index version" in capsys.readouterr().err
    assert cli.main(["rollback", "--to", v2]) == 0
    assert load_index(tmp_path).version == v2
    assert store.rollback(tmp_path) == v3  # v3 was served before CURRENT was damaged


def test_before_is_the_last_served_version_still_kept():
    from rag.index.history import before

    assert before(["v1", "v2", "v4"], "v4", ["v1", "v2", "v3", "v4"]) == "v2"
    assert before(["v1", "v2", "v4"], "v4", ["v1", "v3", "v4"]) == "v1"  # v2 was pruned
    assert before(["v1", "v2"], "v3", ["v1", "v2", "v3"]) == "v2"  # HISTORY lost v3's line
    assert before(["v1"], "v1", ["v1"]) is None


def test_a_damaged_current_names_the_damaged_versions_kept_as_such(tmp_path):
    """A walk broke a version's chunks and CURRENT: the message offered the broken version to roll back to."""
    v1, v2, v3 = three_versions(tmp_path)
    chunks = next(p for p in (tmp_path / "versions" / v3).rglob("chunks.jsonl") if p.stat().st_nlink == 1)  # v3's own
    chunks.write_bytes(chunks.read_bytes()[:-20])
    (tmp_path / "CURRENT").write_bytes(b"\xff")
    with pytest.raises(store.IndexUnavailable) as err:
        store.current_version(tmp_path)
    assert f"{v3} (damaged)" in str(err.value) and f"{v2}," in str(err.value) and f"{v1}," in str(err.value)


# retention: the five newest sound versions are kept

def test_prunable_keeps_the_newest_sound_versions_and_the_current():
    versions = [f"v{n}" for n in range(1, 10)]
    damaged = {"v5", "v6", "v7", "v8"}
    assert store.prunable(versions, lambda v: v not in damaged, {"v9"}, keep=3) == ["v1", "v2"]  # v9, v4, v3 kept
    assert store.prunable(versions, lambda v: v not in damaged, {"v1"}, keep=3) == ["v2"]  # the one served stays
    assert store.prunable(versions, lambda v: True, {"v9"}, keep=3) == ["v1", "v2", "v3", "v4", "v5", "v6"]
    assert store.prunable(versions, lambda v: False, {"v9"}, keep=3) == []  # nothing sound: nothing to make room for
    asked = []
    store.prunable(versions, lambda v: asked.append(v) or True, {"v9"}, keep=3)
    assert asked == ["v9", "v8", "v7"]  # older versions are not verified


def test_a_run_of_damaged_versions_does_not_push_the_last_good_one_out(tmp_path):
    """A tester's find: retention counted damaged versions, so publishing past a run of them (here after
    `rag ingest --rebuild`, since a damaged current is not built on) deleted the last sound version."""
    corpus = sample_corpus()
    good = publish(tmp_path, corpus)
    damaged = []
    for n in range(store.KEEP_VERSIONS - 1):
        issue, articles = corpus[1]
        damaged.append(publish(tmp_path, [corpus[0], (issue, articles[: 1 + n % 2])], load_index(tmp_path)))
    for name in damaged:  # each version's own manifest: the files they share with `good` are untouched
        manifest = tmp_path / "versions" / name / "manifest.json"
        manifest.write_bytes(manifest.read_bytes().replace(b'"chunks"', b'"chunkz"', 1))
    assert [store.is_sound(tmp_path, v) for v in store.list_versions(tmp_path)] == [True] + [False] * len(damaged)
    newest = publish(tmp_path, corpus)  # a rebuild: nothing read from the damaged current
    assert store.list_versions(tmp_path) == [good, *damaged, newest]
    assert store.verify(tmp_path, good) == []
    sound = [newest]
    for n in range(store.KEEP_VERSIONS - 2):  # until `good` is the fifth newest sound version, nothing goes
        sound.append(publish(tmp_path, [corpus[n % 2]], load_index(tmp_path)))
    assert store.list_versions(tmp_path) == [good, *damaged, *sound]
    sound.append(publish(tmp_path, corpus, load_index(tmp_path)))  # then the next sound one takes its place
    assert store.list_versions(tmp_path) == sound and len(sound) == store.KEEP_VERSIONS


def test_the_version_served_before_a_publish_is_kept_for_rollback_however_old(tmp_path):
    """Served again with `rag rollback --to`, the oldest version is what an app falls back on and what `rag rollback`
    returns to after the next publish: it was pruned as the oldest."""
    corpus = sample_corpus()
    names = [publish(tmp_path, corpus[: 1 + n % 2]) for n in range(store.KEEP_VERSIONS)]
    store.switch_to(tmp_path, names[0])
    newest = publish(tmp_path, corpus, load_index(tmp_path))
    assert store.list_versions(tmp_path) == [*names, newest]
    assert store.rollback(tmp_path) == names[0]


def test_a_version_written_by_newer_code_is_said_so_not_called_damaged(tmp_path):
    """A tester's manifest with format 3 was "damaged": it is a newer checkout's, to be read by newer code."""
    import json

    from rag.index import versions

    build_index(tmp_path)
    name = store.current_version(tmp_path)
    folder = tmp_path / "versions" / name
    manifest = json.loads((folder / "manifest.json").read_text())
    text = json.dumps({**manifest, "format": max(versions.FORMATS) + 1}).encode()
    (folder / "manifest.json").write_bytes(text)
    (folder / store.MANIFEST_SUM).write_bytes(versions.manifest_sum(text))
    with pytest.raises(IndexUnavailable, match="written by newer code") as raised:
        load_index(tmp_path)
    assert "damaged" not in str(raised.value) and "git pull" in str(raised.value)
    text = json.dumps({**manifest, "format": "3"}).encode()  # not a format number at all: damaged
    (folder / "manifest.json").write_bytes(text)
    (folder / store.MANIFEST_SUM).write_bytes(versions.manifest_sum(text))
    with pytest.raises(IndexUnavailable, match="damaged"):
        load_index(tmp_path)
