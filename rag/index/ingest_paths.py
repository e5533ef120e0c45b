"""What `rag ingest` is given, beside the ingest itself: paths kept apart from the index, and each parsed issue's
report for --report."""

from __future__ import annotations

from pathlib import Path

from rag.errors import RagError
from rag.fileio import resolved


def index_apart(index_dir: Path, paths: list[str], corpus_dir: Path | None = None) -> None:
    """Refuse an index inside the corpus or a folder being ingested (a hidden one, corpus/.index, aside):
    RAG_INDEX_DIR=corpus or corpus/ISSUE was taken, the index put among the issue folders or inside one, where
    replacing the issue's folder deletes it (a tester's find)."""
    index = resolved(index_dir)
    for p in [*paths, *([str(corpus_dir)] if corpus_dir is not None else [])]:
        folder = resolved(p)
        if folder.is_relative_to(index) and (index / "versions").is_dir() and p not in paths:  # RAG_CORPUS_DIR=index
            # (the two settings swapped) was said as "rag ingest corpus/" given the index, to one who gave corpus/
            raise RagError(f"RAG_CORPUS_DIR={corpus_dir} is in the index (RAG_INDEX_DIR={index_dir}), not the folder "
                           "holding the issue folders: point RAG_CORPUS_DIR at that folder (the default is corpus/, "
                           "beside index/), or unset it")
        if folder.is_relative_to(index) and (index / "versions").is_dir():  # `rag ingest index/`, a slip for corpus/:
            # it was told to move the index
            raise RagError(f"{p} is the index (RAG_INDEX_DIR={index_dir}), not issue folders: give the folder holding "
                           "the issues, e.g. rag ingest corpus/")
        if folder.is_dir() and index.is_relative_to(folder) and not any(
                part.startswith(".") for part in index.relative_to(folder).parts):
            raise RagError(f"RAG_INDEX_DIR={index_dir} is in {p}, among the issue folders (where replacing an issue's "
                           "folder would delete it): point RAG_INDEX_DIR at a folder of its own (the default is "
                           "index/, beside corpus/), moving the index there (mv) first if it has one")


def parse_reports(outcome, paths: list[str], limits) -> list[dict]:
    """Each parsed issue's parse report (rag.corpus.parse_report), with its chunks per article and what was left out."""
    from rag.corpus.folders import left_out
    from rag.corpus.parse_report import parse_report
    from rag.index import issue_folders

    folders = {f.name: f for f in issue_folders.find_folders([Path(p) for p in paths])[0]}
    reports = []
    for parsed in outcome.parsed:
        counts: dict[str, int] = {}
        for c in outcome.plan.chunks:
            if c.issue_id == parsed.issue.issue_id:
                counts[c.article_id] = counts.get(c.article_id, 0) + 1
        dropped = left_out(folders[parsed.issue.issue_id], limits)
        reports.append(parse_report(parsed.issue, parsed.articles, counts, dropped))
    return reports
