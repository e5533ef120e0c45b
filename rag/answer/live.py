"""The pipeline a running app serves, following index/CURRENT: a newly published or rolled-back version is
loaded, verified and switched in without a restart; a damaged one is refused and the one serving stays.

Each question is answered by one pipeline from start to end (the switch happens between questions), so an
answer never mixes passages of two versions.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Callable

from rag.answer.pipeline import Pipeline
from rag.errors import RagError
from rag.index import store
from rag.index.reader import LoadedIndex, load_index

log = logging.getLogger(__name__)


class LivePipeline:
    """Stands where a Pipeline stands (every attribute is the current pipeline's); `refresh` follows CURRENT."""

    def __init__(self, pipeline: Pipeline, index_dir: Path,
                 load: Callable[[Path, str], LoadedIndex] | None = None):
        self.current = pipeline
        self.index_dir = Path(index_dir)
        self._load = load or (lambda folder, embedder: load_index(folder, embedder_name=embedder))
        self._lock = threading.Lock()
        self.problem = ""  # why the published version is not the one serving ("" when it is)

    def __getattr__(self, name: str):  # stream, answer, index, llm_*, settings...: the pipeline serving now
        if name == "current":  # not set yet: no recursion
            raise AttributeError(name)
        return getattr(self.current, name)  # `live.stream(...)` binds to one pipeline for the whole question

    def refresh(self) -> str | None:
        """Switch to the version CURRENT names if it differs and loads cleanly; returns the version switched to.

        A damaged CURRENT or version keeps the one serving (the problem is logged once and kept in .problem).
        """
        with self._lock:  # one load at a time: two would hold two extra indexes in memory
            try:
                published = store.current_version(self.index_dir)
                if published is None or published == self.current.index.version:
                    self.problem = ""
                    return None
                loaded = self._load(self.index_dir, self.current.embedder.name)
            except RagError as exc:
                message = f"index version not switched, still serving {self.current.index.version}: {exc}"
                if message != self.problem:
                    log.warning(message)
                self.problem = message
                return None
            self.current = self.current.with_index(loaded)
            self.problem = ""
            log.info("now serving index version %s", loaded.version)
            return loaded.version

    def watch(self, every_s: float, stop: threading.Event) -> None:
        """refresh() every every_s seconds until stop is set (run it in a daemon thread)."""
        while not stop.wait(every_s):
            try:
                self.refresh()
            except Exception:  # never let the watcher die: the next round tries again
                log.exception("checking for a new index version failed")
