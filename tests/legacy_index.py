"""Write an index version the way versions were written before per-issue segments (format 1), to check that
such versions (the published index was one) still load, verify, roll back and are built upon."""

import json
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np

from rag.fileio import sha256_file
from rag.index import store, versions


def write_format1(index_dir: Path, idx, *, sentence_vectors: bool = True) -> str:
    """A format-1 copy of a loaded index as a new version (float32 vectors, a FAISS file, a bm25s folder)."""
    import bm25s
    import faiss
    import Stemmer

    existing = store.list_versions(index_dir)
    name = f"v{int(existing[-1][1:5]) + 1 if existing else 1:04d}-{time.strftime('%Y%m%dT%H%M%S')}"
    folder = index_dir / "versions" / name
    (folder / "bm25").mkdir(parents=True)
    (folder / "chunks.jsonl").write_text("".join(json.dumps(asdict(c)) + "\n" for c in idx.chunks), encoding="utf-8")
    faiss.write_index(idx.vectors, str(folder / "vectors.faiss"))
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize([c.embedding_text() for c in idx.chunks], stopwords="en",
                                   stemmer=Stemmer.Stemmer("english").stemWords, show_progress=False), show_progress=False)
    retriever.save(str(folder / "bm25"), allow_pickle=False, show_progress=False)
    (folder / "issues.json").write_text(json.dumps([r.to_json() for r in idx.records]), encoding="utf-8")
    if sentence_vectors:
        np.save(folder / "sentence_vectors.npy", idx.sentence_vectors.astype(np.float32), allow_pickle=False)
        np.save(folder / "sentence_counts.npy", idx.sentence_counts.astype(np.int32), allow_pickle=False)
    issues = {iid: {k: v for k, v in info.items() if k != "segment"} for iid, info in idx.manifest["issues"].items()}
    manifest = {"format": 1, "version": name, "created": "", "embedder": idx.manifest["embedder"],
                "chunker": idx.manifest["chunker"], "chunks": len(idx.chunks), "issues": issues,
                "files": {str(p.relative_to(folder)): sha256_file(p) for p in sorted(folder.rglob("*")) if p.is_file()}}
    text = json.dumps(manifest, indent=2).encode()
    (folder / "manifest.json").write_bytes(text)
    (folder / store.MANIFEST_SUM).write_bytes(versions.manifest_sum(text))
    store.set_current(index_dir, name, event="publish")
    return name
