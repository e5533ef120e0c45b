"""Issue folders beside the issues served: what an ingest, a rebuild, a removal or a rollback leaves out of what
members search, or brings back at the next `rag ingest corpus/` (each a warning or refusal saying what to do)."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from rag.corpus.issue_toml import is_issue_id
from rag.errors import InputError


def still_in_corpus(corpus_dir: Path, issue_ids: Sequence[str]) -> list[str]:
    """A warning for each removed issue whose folder is still in the corpus: the next `rag ingest corpus/` (and so
    `make serve`) would add it back. The folder is the maintainer's to move: removing never deletes their files."""
    return [f"{corpus_dir / i} is still in the corpus, so the next `rag ingest {corpus_dir}` (and `make serve`) "
            f"adds {i} back: move the folder out of {corpus_dir} to keep it out"
            for i in issue_ids if (Path(corpus_dir) / i / "issue.toml").is_file()]


def served_without_folder(paths: Sequence[Path], found: Sequence[str], served: Sequence[str]) -> list[str]:
    """A warning for each issue served whose folder none of the corpus folders given holds (its folder deleted or moved
    away): it stays served, as removing is explicit, but `rag ingest corpus/` said only "issues unchanged" of the rest
    (a tester's find). Only for paths that hold issue folders (a corpus), not an issue folder given alone."""
    corpora = [Path(p) for p in paths if Path(p).is_dir() and not (Path(p) / "issue.toml").is_file()]
    if not corpora:
        return []
    where = " or ".join(str(p) for p in corpora)
    return [f"{i} is served but no issue folder in {where} holds it (deleted or moved?): it stays served; "
            f"`rag remove {i}` takes it out of what members search, or put its folder back"
            for i in sorted(set(served) - set(found))]


def left_out_by_rebuild(index_dir: Path, found: Sequence[str]) -> tuple[str, list[str]]:
    """(the version served, its issues that no folder found has): a rebuild publishes only the folders found, so these
    would be dropped from what members search. With CURRENT or its manifest damaged (the damage a rebuild is run to
    mend, as the refusals advise), the version an app serves meanwhile: a rebuild from a corpus lacking an issue
    dropped it without a word. ("", []) when no readable version is served."""
    from rag.errors import RagError
    from rag.index import store, versions

    try:
        manifest = store.read_manifest(index_dir) if store.current_version(index_dir) else None
    except RagError:
        try:
            meanwhile = versions.served_meanwhile(index_dir)
            manifest = store.read_manifest(index_dir, meanwhile) if meanwhile else None
        except RagError:
            return "", []
    if manifest is None:
        return "", []
    return manifest["version"], sorted(set(manifest["issues"]) - set(found))


def back_on_next_ingest(corpus_dir: Path, indexed: dict[str, dict], version: str) -> list[str]:
    """After a rollback: a warning for each issue folder in the corpus that the version now served lacks, or holds
    as other files (content hash); the next `rag ingest corpus/` (and so `make serve`) would add it back or publish it
    as it is now, undoing the rollback for that issue. indexed: issue id -> its manifest entry."""
    from rag.corpus import folders as corpus_folders

    corpus_dir = Path(corpus_dir)
    folders = sorted(d.name for d in corpus_dir.iterdir() if (d / "issue.toml").is_file()
                     and not d.name.startswith(".")) if corpus_dir.is_dir() else []  # a hidden one is never ingested
    # a folder named as no id can be ('2026-été-70') is refused by the next ingest, not added back (tester 33)
    folders = [i for i in folders if is_issue_id(i)]
    out = [f"{corpus_dir / i} is not in {version}, so the next `rag ingest {corpus_dir}` (and `make serve`) adds "
           f"{i} back: move the folder out of {corpus_dir} to keep it out" for i in folders if i not in indexed]
    for i in (i for i in folders if indexed.get(i, {}).get("content_hash")):
        try:
            now = corpus_folders.issue_hashes(corpus_dir / i)[0]
        except (InputError, OSError):  # a folder the next ingest refuses: nothing is published from it
            continue
        if now != indexed[i]["content_hash"]:  # a rolled-back issue.toml fix came back with the next `make serve`
            out.append(f"{corpus_dir / i} has changed since {version} was published (its issue.toml or source), so "
                       f"the next `rag ingest {corpus_dir}` (and `make serve`) publishes it as it is now, undoing the "
                       f"rollback for {i}: put its files back as they were (git checkout, or a copy) to keep "
                       f"{version}'s")
    return out
