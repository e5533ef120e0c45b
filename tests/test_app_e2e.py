"""The real app, launched on loopback with a tiny index and the stub LLM, driven by gradio_client."""

from __future__ import annotations

import re
import statistics
import threading
import time
import urllib.request

import pytest

from rag.answer.citations import NOT_IN_ARCHIVE
from rag.answer.prompts import CHECK_INSTRUCTION
from tests.app_server import ISSUE_A, ISSUE_B, build_tiny_index, running_app, stub_responder
from tests.openai_stub import Fail, Reply

pytestmark = pytest.mark.slow
QUESTION = "What did Jason Killens say about ambulance response times?"


def responder(messages):
    last = messages[-1]["content"] if messages else ""
    if "weather" in last.lower() and "Passages" in last:
        return NOT_IN_ARCHIVE
    return stub_responder(messages)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("e2e"), responder=responder, rate_per_minute=1000) as running:
        print(f"\n[bench] app start to ready (hash embedder, tiny index): {running.start_to_ready_s:.2f} s")
        yield running


def _client(app):
    from gradio_client import Client

    return Client(app.url, verbose=False)


def _msgs(chat) -> list:
    return chat["value"] if isinstance(chat, dict) else chat  # the app sends messages with their vote buttons


def _content(message: dict) -> str:
    content = message["content"]
    return content if isinstance(content, str) else " ".join(part.get("text", "") for part in content)


def _text(chat) -> str:
    return _content(_msgs(chat)[-1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


def test_answer_with_citations_and_working_links(app):
    chat, status, notice, question = _client(app).predict(QUESTION, "", api_name="/ask")
    text = _text(chat)
    assert "Killens" in text and "Answered" in status and notice == ""
    assert question != QUESTION  # taken (the box was emptied as it was; later steps leave it to the member)
    markers = re.findall(r'<a class="cite" href="#(s-[0-9a-f]+-(\d+))"', text)
    assert markers
    for anchor, n in markers:  # every [n] points at a card of this answer that says [n]
        card = re.search(rf'<li class="src" id="{anchor}">(.*?)</li>', text).group(1)
        assert f'<span class="src-n">[{n}]</span>' in card
    links = re.findall(r'href="(/article/[^"]+)"', text)
    path, chunk_id = links[0].split("#p-")
    assert path.endswith(f"?hl={chunk_id}")  # the server highlights the passage too, not only :target
    code, page = _get(app.url + path)
    assert code == 200 and f'id="p-{chunk_id}"' in page and "passage hl" in page
    assert "Jason Killens said ambulance response times improved" in page
    cited_request = app.stub.requests[-1]["messages"][-1]["content"]
    assert "Jason Killens" in cited_request  # the passage reached the LLM


def test_follow_up_carries_the_conversation(app):
    client = _client(app)
    client.predict(QUESTION, "", api_name="/ask")
    before = len(app.stub.requests)
    chat, *_ = client.predict("And what did he say about the crews?", "", api_name="/ask")
    sent = " ".join(str(m.get("content")) for r in app.stub.requests[before:] for m in r["messages"])
    assert "Killens" in sent and len(_msgs(chat)) == 4  # two turns in one conversation
    ids = re.findall(r'<div class="answer st-\w+" id="a-([0-9a-f]+)"', " ".join(_content(m) for m in _msgs(chat)))
    assert len(set(ids)) == 2  # each answer's [n] links stay within its own sources
    chat, *_ = client.predict(api_name="/new_chat")
    assert _msgs(chat) == []


def test_a_misspelt_word_is_searched_as_the_archive_spells_it_and_said_so(app):
    """A walk's "flexable workin rights?" was searched with its typos: the real app, its real word list."""
    chat, *_ = _client(app).predict("What do managres review every weke?", "", api_name="/ask")
    text = _text(chat)
    assert "Searched for: What do managers review every week?" in text
    assert "rotas" in text  # the passage on what managers review, found and sent


def test_issue_filter_limits_sources(app):
    chat, *_ = _client(app).predict("general election problems", ISSUE_B.issue_id, api_name="/ask")
    sources = _text(chat)
    assert ISSUE_B.title in sources and "issue 68" not in sources
    assert 'href="https://publisher.example/hm-2024-summer.pdf#page=2"' in sources
    assert "&lt;script&gt;" in sources and "<script>" not in sources


def test_answerability_check_over_http(tmp_path):
    with running_app(tmp_path, responder=responder, answer_check=True) as checked:
        client = _client(checked)
        checked.stub.enqueue(Reply("No."))  # the check says no: refused, and no answer is asked for
        chat, status, *_ = client.predict(QUESTION, "", api_name="/ask")
        assert NOT_IN_ARCHIVE in _text(chat) and 'class="src"' not in _text(chat) and "Not in the archive" in status
        assert len(checked.stub.requests) == 1 and checked.stub.requests[0]["max_tokens"] == 3
        assert checked.stub.requests[0]["messages"][-1]["content"].endswith(CHECK_INSTRUCTION)
        checked.stub.enqueue(Fail(500), Fail(500))  # a check that fails refuses nothing: the answer falls back
        chat, _, notice, _ = client.predict(QUESTION, "", api_name="/ask")
        assert "could not answer" in notice and "/article/" in _text(chat)


def test_refusal_has_no_sources_only_further_reading(app):
    chat, status, *_ = _client(app).predict("What is the weather in ambulance control rooms?", "", api_name="/ask")
    assert NOT_IN_ARCHIVE in _text(chat) and "Not in the archive" in status
    assert 'class="src"' not in _text(chat) and 'class="cite"' not in _text(chat)
    links = re.findall(r'<a class="([^"]+)" href="/article/', _text(chat))  # the nearest articles, never cited
    assert links and set(links) == {"further-link"}


def test_llm_failure_gives_quoted_passages_and_a_banner(app):
    app.stub.enqueue(Fail(500))
    chat, status, notice, _ = _client(app).predict(QUESTION, "", api_name="/ask")
    assert "banner" in notice and "could not answer" in notice
    assert "/article/" in _text(chat) and ">[1]</a>" in _text(chat)
    assert "could not answer" not in _text(chat)  # said once above the chat, not inside the answer


def test_empty_and_overlong_questions_get_clear_messages(app):
    client = _client(app)
    _, status, *_ = client.predict("   ", "", api_name="/ask")
    assert "type a question" in status
    long = "why " * 400
    chat, status, _, question = client.predict(long, "", api_name="/ask")
    assert f"limit is {app.settings.max_question_chars}" in status and question == long and _msgs(chat) == []


def test_rate_limit_per_client(tmp_path):
    with running_app(tmp_path, rate_per_minute=2) as small:
        client = _client(small)
        statuses = [client.predict(QUESTION, "", api_name="/ask")[1] for _ in range(3)]
    assert "Answered" in statuses[0] and "Answered" in statuses[1]
    assert "faster than this service allows" in statuses[2]


def _ask_many(app, n: int, timeout: float) -> list[tuple[str, float]]:
    """n clients asking at once; each outcome is 'answered', 'busy' or 'error: ...' with its latency."""
    from gradio_client import Client

    outcomes: list[tuple[str, float]] = [("not finished", timeout)] * n
    start = threading.Barrier(n)

    def one(i: int) -> None:
        try:
            client = Client(app.url, verbose=False)
            start.wait(timeout=60)
            t0 = time.perf_counter()
            try:
                status = client.submit(QUESTION, "", api_name="/ask").result(timeout=timeout)[1]
                kind = "answered" if "Answered" in status else f"error: {status}"
            except Exception as e:  # gradio_client raises when the queue is full
                kind = "busy" if "queue is full" in str(e).lower() else f"error: {e!r}"
            outcomes[i] = (kind, time.perf_counter() - t0)
        except Exception as e:
            outcomes[i] = (f"error: {e!r}", timeout)

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout + 90)
    return outcomes


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def test_thirty_clients_at_once_are_all_answered_or_told_busy(tmp_path):
    slow = lambda m: responder(m)  # noqa: E731 - same answers as the other tests
    with running_app(tmp_path, responder=slow, rate_per_minute=1000) as app:
        app.stub.enqueue(*[Reply(stub_responder([]), chunk_delay=0.01)] * 30)
        outcomes = _ask_many(app, 30, timeout=120)
    kinds = [k for k, _ in outcomes]
    assert all(k in ("answered", "busy") for k in kinds), kinds
    answered = [s for k, s in outcomes if k == "answered"]
    assert len(answered) >= 2
    print(f"\n[bench] 30 clients at once (concurrency={app.settings.concurrency}, queue={app.settings.max_queue}): "
          f"{len(answered)} answered, {kinds.count('busy')} told busy; "
          f"median {statistics.median(answered):.2f} s, p95 {_p95(answered):.2f} s, max {max(answered):.2f} s")


def test_a_full_queue_tells_clients_they_are_busy(tmp_path):
    with running_app(tmp_path, rate_per_minute=1000, max_queue=3, concurrency=1) as app:
        app.stub.enqueue(*[Reply(stub_responder([]), delay=1.0)] * 12)
        outcomes = _ask_many(app, 12, timeout=60)
    kinds = [k for k, _ in outcomes]
    assert all(k in ("answered", "busy") for k in kinds), kinds
    assert kinds.count("busy") >= 1 and kinds.count("answered") >= 1
    assert max(s for k, s in outcomes if k == "busy") < 10  # told at once, not after a wait


def test_an_issue_published_while_the_app_runs_is_served_without_a_restart(tmp_path):
    with running_app(tmp_path, issues=(ISSUE_A,), live=True, rate_per_minute=1000) as app:
        article = "/article/2024-summer/02-join"
        assert _get(app.url + article)[0] == 404
        chat, *_ = _client(app).predict("How do I join MiP?", "", api_name="/ask")
        assert "/article/2024-summer/" not in _text(chat)
        version = build_tiny_index(tmp_path / "index", (ISSUE_A, ISSUE_B))  # the maintainer publishes an issue
        assert app.pipeline.refresh() == version  # app.py's watcher does this every RAG_INDEX_CHECK_S
        assert _get(app.url + article)[0] == 200
        chat, *_ = _client(app).predict("How do I join MiP?", "", api_name="/ask")
        assert "/article/2024-summer/02-join" in _text(chat)


def test_app_py_started_on_a_damaged_version_serves_the_newest_sound_one(tmp_path):
    """`python app.py` (as make serve starts it) on a damaged published version: members are served by the newest
    sound version and the log says why, instead of no app at all."""
    from tests.deploy_stack import Replica

    index_dir = tmp_path / "index"
    sound = build_tiny_index(index_dir, (ISSUE_A,))
    damaged = build_tiny_index(index_dir, (ISSUE_A, ISSUE_B))
    victim = next(p for p in sorted((index_dir / "versions" / damaged).rglob("*.npy")) if p.is_file())
    victim.unlink()
    victim.write_bytes(b"not an array")
    env = {"RAG_INDEX_DIR": str(index_dir), "RAG_CORPUS_DIR": str(tmp_path / "corpus"),
           "RAG_DATA_DIR": str(tmp_path / ".data"), "RAG_EMBEDDER": "hash", "RAG_LLM_MODEL": "extractive",
           "RAG_MIN_RELEVANCE": "0"}
    replica = Replica("damaged", env, tmp_path / "app.log").start(timeout=180)
    try:
        status, page = _get(f"http://{replica.address}/")
        assert status == 200 and f"index {sound}" in page and f"index {damaged}" not in page  # the about line
        log = (tmp_path / "app.log").read_text()
        assert f"warning: index version {damaged} is damaged" in log and f"serving {sound}" in log
    finally:
        replica.stop()
