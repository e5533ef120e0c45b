"""The members' chat app: Settings -> answering pipeline -> Gradio UI -> serve (wiring only)."""

from rag.config import load_settings


def main() -> None:
    """Build everything from the environment (RAG_*, GRADIO_SERVER_PORT) and serve until stopped."""
    from rag.qa import build_pipeline  # loads the index, embedder and LLM
    from rag.webapp import build_app, launch_app  # gradio is heavy: only when serving

    settings = load_settings()
    pipeline = build_pipeline(settings)
    launch_app(build_app(pipeline, settings), pipeline, settings)


if __name__ == "__main__":
    main()
