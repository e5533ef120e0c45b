"""A really launched chat app for the slow tests: tiny index (HashEmbedder) + stub OpenAI LLM + Gradio."""

from __future__ import annotations

import contextlib
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from rag.config import Settings
from rag.types import Article, Issue, Paragraph
from tests.openai_stub import StubOpenAIServer

ISSUE_A = Issue("2026-summer-68", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026",
                "a.md", 68, None)
ISSUE_B = Issue("2024-summer", "Healthcare Manager, summer 2024", "2024-06-01", "summer 2024", "b.txt", None,
                "https://publisher.example/hm-2024-summer.pdf")
PLANTED_EMAIL = "jane.doe@mip.example"
FILLER = ("Managers met with staff representatives every week to review rotas, budgets and the backlog of "
          "appointments across the trust. ")
ARTICLES = [
    Article(ISSUE_A.issue_id, "01-ambulance-chief", "London Ambulance chief Jason Killens talks",
            (Paragraph(FILLER * 3, 4),
             Paragraph("Jason Killens said ambulance response times improved after the control room "
                       "was reorganised and crews were rostered around peak demand.", 5),
             Paragraph(FILLER * 2, 5)), page=4),
    Article(ISSUE_A.issue_id, "02-ai-managers", "Why managing AI responsibly is the next big challenge",
            (Paragraph("Managers must check AI tools for bias and keep a human in the loop for "
                       "clinical decisions, the article argues.", 8),), page=8),
    Article(ISSUE_B.issue_id, "01-election", "Reasons to be cheerful <script>alert('x')</script>",
            (Paragraph("Wes Streeting will face a dense knot of problems after the general election "
                       "of 4 July 2024.", 2),), page=2),
    # A planted address and web address: they must reach members as text, never as links.
    Article(ISSUE_B.issue_id, "02-join", "Join MiP for representation",
            (Paragraph(f"Members can write to the membership team at {PLANTED_EMAIL} or visit "
                       "www.mip.example/join for advice about representation at work.", 3),), page=3),
]
HOSTILE = ("Response times improved [1]. <script>alert(1)</script><img src=x onerror=alert(2)> "
           "![tracker](http://evil.example/t.png) [click me](http://evil.example/phish)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_tiny_index(index_dir: Path, issues=None) -> str:
    """Publish the tiny articles (of both issues, or those given) as an index version (hashing embedder)."""
    from rag.index import ingest
    from rag.index.chunking import ChunkerSettings
    from rag.index.embedders import HashEmbedder
    from rag.tokens import tiktoken_counter

    chunker = ChunkerSettings(max_tokens=60, overlap_tokens=10)
    parsed = [ingest.ParsedIssue(issue, [a for a in ARTICLES if a.issue_id == issue.issue_id], f"h-{issue.issue_id}",
                                 f"s-{issue.issue_id}") for issue in (issues or (ISSUE_A, ISSUE_B))]
    p = ingest.plan(parsed, None, tiktoken_counter(), chunker)
    return ingest.execute(p, index_dir, None, HashEmbedder(), chunker)


def stub_responder(messages: list[dict]) -> str:
    """Cite passage 1 with its own words, so citation checks keep it; 'hostile' asks for markup."""
    last = messages[-1]["content"] if messages else ""
    if "hostile" in last.lower():
        return HOSTILE
    if "standalone" in (messages[0].get("content", "") if messages else "").lower():
        return last.splitlines()[-1][:200]
    return "Jason Killens said ambulance response times improved after the control room was reorganised [1]."


@dataclass
class RunningApp:
    url: str
    settings: Settings
    stub: StubOpenAIServer
    start_to_ready_s: float
    demo: object
    pipeline: object


@contextlib.contextmanager
def running_app(tmp_path: Path, **overrides) -> Iterator[RunningApp]:
    """Index + stub LLM + the real app on a free loopback port; everything stopped afterwards."""
    index_dir = tmp_path / "index"
    build_tiny_index(index_dir, overrides.pop("issues", None))
    live = overrides.pop("live", False)
    with StubOpenAIServer(responder=overrides.pop("responder", stub_responder)) as stub:
        settings = Settings(index_dir=index_dir, corpus_dir=tmp_path / "corpus", data_dir=tmp_path / ".data",
                            embedder="hash", llm_model="openai/stub", llm_api_base=stub.url, llm_api_key="x",
                            llm_retries=0, llm_timeout=20,
                            **{"min_relevance": 0.0, "port": free_port(), **overrides})  # the default floor is for MiniLM cosines
        from rag.answer.build import build_pipeline
        from rag.web.app import build_app, launch_app

        t0 = time.perf_counter()
        pipeline = build_pipeline(settings)
        if live:  # as app.py serves it: following index/CURRENT
            from rag.answer.live import LivePipeline

            pipeline = LivePipeline(pipeline, index_dir)
        demo = build_app(pipeline, settings)
        _, url, _ = launch_app(demo, pipeline, settings, prevent_thread_lock=True, quiet=True)
        ready = time.perf_counter() - t0
        try:
            yield RunningApp(url.rstrip("/"), settings, stub, ready, demo, pipeline)
        finally:
            demo.close()
