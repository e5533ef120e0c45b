"""A replica's answer for a stream whose session it does not hold: a 404 nginx can act on (rag/web/queue_session.py)."""

from types import SimpleNamespace

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from rag.web.queue_session import QUEUE_DATA, UnknownSessionIs404


def client(blocks) -> TestClient:
    inner = Starlette(routes=[Route(QUEUE_DATA, lambda request: PlainTextResponse("stream")),
                              Route("/other", lambda request: PlainTextResponse("other"))])
    return TestClient(UnknownSessionIs404(inner, blocks))


def test_a_stream_for_a_session_held_elsewhere_is_a_404_and_a_held_one_streams():
    blocks = SimpleNamespace(_queue=SimpleNamespace(pending_messages_per_session={"held": []}))
    c = client(blocks)
    assert c.get(QUEUE_DATA, params={"session_hash": "elsewhere"}).status_code == 404
    assert c.get(QUEUE_DATA).status_code == 404  # no session named: none held
    r = c.get(QUEUE_DATA, params={"session_hash": "held"})
    assert (r.status_code, r.text) == (200, "stream")
    assert c.get("/other", params={"session_hash": "elsewhere"}).text == "other"


def test_without_gradio_s_session_table_the_stream_goes_on_as_before():
    c = client(SimpleNamespace())  # a Gradio release without the table: Gradio's own answer stands
    assert c.get(QUEUE_DATA, params={"session_hash": "any"}).status_code == 200


def test_the_gradio_installed_keeps_the_session_table_the_middleware_reads():
    import gradio as gr

    with gr.Blocks() as demo:
        gr.Markdown("x")
    assert isinstance(demo._queue.pending_messages_per_session, dict)  # else the 404 is never sent (see module doc)
