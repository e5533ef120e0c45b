"""The members' chat app: Settings -> answering pipeline -> Gradio UI -> serve (wiring only)."""

import os
import sys
import threading

from rag.config import load_settings
from rag.errors import RagError
from rag.settings_checks import unknown_warnings


def main(build_pipeline=None) -> int:
    """Build everything from the environment (RAG_*, GRADIO_SERVER_PORT) and serve until stopped. build_pipeline:
    Settings -> Pipeline, rag.answer.build.build_pipeline unless given (which loads the index, embedder and LLM)."""
    if build_pipeline is None:
        from rag.answer.build import build_pipeline
    from rag.answer.live import LivePipeline
    from rag.web.access import load_auth
    from rag.web.app import build_app, launch_app  # gradio is heavy: only when serving

    problems: list[str] = []
    try:
        settings = load_settings()  # a bad RAG_* value is one line saying which and what it takes
        # a RAG_ name that is no setting is said, as `rag serve` says it: RAG_INDEX_PATH=/srv/index served the default
        # index in silence (tester 34)
        for warning in unknown_warnings(os.environ, settings, writes=False):
            print(f"warning: {warning}", file=sys.stderr)  # (the maintainer's, not shown to members)
        load_auth(settings)  # a bad login setting is said now, not after the models load (tester 33)
        # A damaged published version: the last sound one served serves until `rag rollback` (or an ingest) fixes CURRENT.
        pipeline = LivePipeline(build_pipeline(settings, last_good=True, warn=problems.append), settings.index_dir)
    except RagError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
        pipeline.problem = problem
    # A version published (or rolled back) by `rag ingest` / `rag rollback` is served without a restart.
    threading.Thread(target=pipeline.watch, args=(settings.index_check_s, threading.Event()),
                     name="index-watch", daemon=True).start()

    def warm() -> None:
        problem = pipeline.warm_up()
        if problem:
            print(f"warning: {problem}; answers will be quoted passages until it is fixed", file=sys.stderr)

    threading.Thread(target=warm, name="llm-warm-up", daemon=True).start()
    launch_app(build_app(pipeline, settings), pipeline, settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
