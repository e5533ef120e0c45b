"""A running app follows index/CURRENT: new and rolled-back versions are served without a restart; a damaged
one is refused and the version serving stays; a question is answered by one version from start to end."""

import threading

from rag.answer.live import LivePipeline
from rag.answer.pipeline import DoneEvent, Pipeline, SourcesEvent
from rag.config import Settings
from rag.index import store
from rag.index.embedders import HashEmbedder
from rag.testing import ScriptedLLM, build_index, sample_corpus

NEW, OLD = sample_corpus()
QUESTION = "What pay award were Agenda for Change staff offered in 2024?"  # only in the 2024 issue


def _pipeline(index, llm=None) -> Pipeline:
    s = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0)
    return Pipeline(settings=s, index=index, embedder=HashEmbedder(), llm=llm, count_tokens=lambda t: len(t.split()))


def _issues(pipeline) -> set[str]:
    return {i.issue_id for i in pipeline.index.issues}


def test_a_new_version_is_served_without_a_restart_and_a_rollback_too(tmp_path):
    first = build_index(tmp_path, [NEW])
    live = LivePipeline(_pipeline(first), tmp_path)
    assert live.refresh() is None and _issues(live) == {"2026-summer"}
    assert "5.5%" not in live.answer(QUESTION).answer

    second = build_index(tmp_path, [NEW, OLD])  # the maintainer publishes the 2024 issue
    assert live.refresh() == second.version and live.index.version == second.version
    assert _issues(live) == {"2026-summer", "2024-summer"} and "5.5%" in live.answer(QUESTION).answer
    assert live.llm_name == "extractive" and live.settings.min_relevance == 0.0  # the rest is the same pipeline

    store.rollback(tmp_path)
    assert live.refresh() == first.version and _issues(live) == {"2026-summer"}


def test_a_damaged_version_is_refused_and_the_serving_one_stays(tmp_path):
    first = build_index(tmp_path, [NEW])
    live = LivePipeline(_pipeline(first), tmp_path)
    second = build_index(tmp_path, [NEW, OLD])
    folder = tmp_path / "versions" / second.version
    victim = max((p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and p.name != "manifest.json"),
                 key=lambda p: p.stat().st_size)
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.unlink()  # a new file: the hard-linked original other versions share is untouched
    victim.write_bytes(bytes(data))
    assert live.refresh() is None
    assert live.index.version == first.version and "still serving " + first.version in live.problem
    assert live.answer("What pay rise will very senior managers receive?").citations  # and it still answers
    (tmp_path / "CURRENT").write_bytes(b"\xff\xfe")  # a damaged pointer too
    assert live.refresh() is None and live.index.version == first.version


def test_a_question_started_before_the_switch_ends_on_its_own_version(tmp_path):
    first = build_index(tmp_path, [NEW])
    gate, reached = threading.Event(), threading.Event()

    def responder(messages):
        reached.set()
        gate.wait(10)  # the switch happens while this answer is being written
        return "Very senior managers will receive a 3% pay rise [1]."

    live = LivePipeline(_pipeline(first, ScriptedLLM(responder=responder)), tmp_path)
    events = []
    worker = threading.Thread(target=lambda: events.extend(live.stream("What pay rise will very senior managers get?")))
    worker.start()
    assert reached.wait(10)
    build_index(tmp_path, [NEW, OLD])
    assert live.refresh() is not None
    gate.set()
    worker.join(10)
    sources = next(e for e in events if isinstance(e, SourcesEvent))
    done = next(e for e in events if isinstance(e, DoneEvent))
    assert done.answer.index_version == first.version and done.answer.citations
    assert {h.issue for h in sources.hits} == {"2026-summer"}


def test_the_watcher_keeps_going_after_a_failed_round(tmp_path):
    first = build_index(tmp_path, [NEW])
    calls = []

    def flaky(folder, embedder):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk hiccup")  # not a RagError: the watcher must survive it
        from rag.index.reader import load_index
        return load_index(folder, embedder_name=embedder)

    live = LivePipeline(_pipeline(first), tmp_path, load=flaky)
    second = build_index(tmp_path, [NEW, OLD])
    stop = threading.Event()
    watcher = threading.Thread(target=live.watch, args=(0.05, stop), daemon=True)
    watcher.start()
    for _ in range(100):
        if live.index.version == second.version:
            break
        threading.Event().wait(0.05)
    stop.set()
    watcher.join(2)
    assert live.index.version == second.version and len(calls) >= 2


def test_a_restart_on_a_damaged_version_serves_the_newest_sound_one(tmp_path, monkeypatch):
    """A walk found `python app.py` refusing to start on a damaged CURRENT although sound versions were kept."""
    import pytest

    from rag.answer.build import build_pipeline
    from rag.errors import IndexUnavailable
    from rag.index.reader import load_index, load_serving

    first = build_index(tmp_path, [NEW])
    second = build_index(tmp_path, [NEW, OLD])
    third = build_index(tmp_path, [OLD])
    for version in (second.version, third.version):  # the two newest are damaged
        folder = tmp_path / "versions" / version
        victim = next(p for p in sorted(folder.rglob("*.npy")) if p.is_file())
        victim.unlink()
        victim.write_bytes(b"not an array")
    with pytest.raises(IndexUnavailable, match="damaged"):
        load_index(tmp_path)  # the CLI and ingest still refuse it, saying what to do
    index, problem = load_serving(tmp_path)
    assert index.version == first.version and third.version in problem and "rag rollback" in problem
    assert store.current_version(tmp_path) == third.version  # serving the old one changes nothing on disk
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path))
    warned = []
    settings = Settings(index_dir=tmp_path, embedder="hash", llm_model="extractive", min_relevance=0.0)
    pipeline = build_pipeline(settings, last_good=True, warn=warned.append)
    assert pipeline.index.version == first.version and warned == [problem]
    with pytest.raises(IndexUnavailable):
        build_pipeline(settings)
    for name in store.list_versions(tmp_path):  # nothing sound at all: the damage is the answer
        if name != first.version:
            continue
        victim = next(p for p in sorted((tmp_path / "versions" / name).rglob("*.npy")) if p.is_file())
        victim.unlink()
        victim.write_bytes(b"not an array")
    with pytest.raises(IndexUnavailable, match=third.version):
        load_serving(tmp_path)


def test_a_damaged_current_pointer_at_start_serves_the_newest_sound_version(tmp_path):
    from rag.index.reader import load_serving

    build_index(tmp_path, [NEW])
    second = build_index(tmp_path, [NEW, OLD])
    (tmp_path / "CURRENT").write_text("../../elsewhere/v9999-x")
    index, problem = load_serving(tmp_path)
    assert index.version == second.version and "CURRENT" in problem


def test_a_restart_falls_back_to_the_version_served_last_not_one_never_served(tmp_path):
    from rag.index.reader import load_serving

    first = build_index(tmp_path, [NEW])
    second = build_index(tmp_path, [NEW, OLD])
    store.switch_to(tmp_path, first.version)  # a maintainer went back to the first
    third = build_index(tmp_path, [OLD])  # and published again from there
    victim = next(p for p in sorted((tmp_path / "versions" / third.version).rglob("*.npy")) if p.is_file())
    victim.unlink()
    victim.write_bytes(b"not an array")
    index, _ = load_serving(tmp_path)
    assert index.version == first.version != second.version  # served last before the damaged one, not the newest name
