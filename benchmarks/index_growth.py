"""How the index grows: a synthetic archive of 10 to 400 issues, measured at each size (issue 11, "Growth").

Each synthetic issue is a copy of one of the two real issues with its own id, title, date and one sentence of
its own in every article (so every chunk is unique), written to a corpus folder on disk so that `rag ingest`
sees real files. The bulk of the archive is built from the real issues parsed once (parsing 400 copies would
only measure the parser); the issue added at each size is parsed for real. Embedding is the hashing fake of
rag/index/embedders.py (same vectors, cached per feature so the build is fast); the real embedder's cost per issue is
measured apart with --real-embedder.

Per size: chunks; time to add one issue (`ingest.run` in a child process, its embedding time and peak RSS
apart); bytes written by that publish (files of the new version that share no inode with another version);
disk used by all kept versions (each inode counted once, after 4 more one-issue publishes fill the 5 kept);
load time and RSS of the published index and the median time of `retrieve` over dev questions (child
process); an unchanged `rag ingest CORPUS` (the CLI, in a child process).

Run on any checkout (the module paths of before and after the rag/ stage folders both work):
    .venv/bin/python benchmarks/index_growth.py --sizes 10,50,100,200,400 --out benchmarks/index_growth.json
    PYTHONPATH=/tmp/old-checkout .venv/bin/python benchmarks/index_growth.py --label before ...
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def _mod(new: str, old: str):
    """The module under its stage-folder path, or its flat path on a checkout from before the move."""
    try:
        return importlib.import_module(new)
    except ImportError:
        return importlib.import_module(old)


store = _mod("rag.index.store", "rag.index")
reader = _mod("rag.index.reader", "rag.index_reader")
ingest = _mod("rag.index.ingest", "rag.ingest")
folders = _mod("rag.corpus.folders", "rag.corpus")
chunking = _mod("rag.index.chunking", "rag.chunking")
hashing = _mod("rag.index.embedders", "rag.testing")  # where the hash embedder lives
config = importlib.import_module("rag.config")


class CachedHashEmbedder(hashing.HashEmbedder):
    """The hash embedder's vectors, bit for bit, with hashed features and whole texts cached; times itself."""

    def __init__(self, dim: int = 256):
        super().__init__(dim)
        self._features: dict[str, tuple[int, float]] = {}
        self._texts: dict[str, np.ndarray] = {}
        self.seconds = 0.0

    def _vector(self, text: str) -> np.ndarray:
        cached = self._texts.get(text)
        if cached is not None:
            return cached
        words = [w for w in hashing._WORD.findall(text.lower()) if w not in hashing._STOP]
        feats = words + [f"{a} {b}" for a, b in zip(words, words[1:])]
        pairs = [self._features.get(f) or self._feature(f) for f in feats]
        vec = np.zeros(self.dim, dtype=np.float32)
        if pairs:
            idx, sign = zip(*pairs)
            vec = np.bincount(idx, weights=sign, minlength=self.dim).astype(np.float32)
        norm = np.linalg.norm(vec)
        vec = vec / norm if norm else vec
        self._texts[text] = vec
        return vec

    def _feature(self, feature: str) -> tuple[int, float]:
        import hashlib

        h = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "little")
        self._features[feature] = pair = (h % self.dim, 1.0 if (h >> 40) & 1 else -1.0)
        return pair

    def embed_documents(self, texts):
        start = time.perf_counter()
        try:
            return super().embed_documents(texts)
        finally:
            self.seconds += time.perf_counter() - start


def _settings():
    return config.load_settings({})


def _chunker():
    s = _settings()
    return chunking.ChunkerSettings(s.chunk_tokens, s.chunk_overlap)


def _limits():
    s = _settings()
    return folders.SourceLimits(s.max_text_source_kb * 1024, s.max_pdf_source_mb << 20)


def _count_tokens():
    from rag.tokens import tiktoken_counter

    return tiktoken_counter()


# --- the synthetic archive -------------------------------------------------------------------------------

def write_variant(base_dir: Path, corpus_dir: Path, k: int, base_issue) -> Path:
    """corpus_dir/syn-KKKK-BASE: the base issue's files with a title, date and closing line of its own."""
    folder = corpus_dir / f"syn-{k:05d}-{base_dir.name}"
    folder.mkdir(parents=True)
    toml = (base_dir / "issue.toml").read_text(encoding="utf-8")
    toml = re.sub(r'^title = .*$', f'title = "{base_issue.title} (synthetic copy {k})"', toml, count=1, flags=re.M)
    toml = re.sub(r'^date = .*$', f'date = "{_date(k, base_issue)}"', toml, count=1, flags=re.M)
    (folder / "issue.toml").write_text(toml, encoding="utf-8")
    src = base_issue.source_file
    text = (base_dir / src).read_text(encoding="utf-8")
    (folder / src).write_text(text + f"\nSynthetic archive note {k}: this copy exists for the growth benchmark.\n",
                              encoding="utf-8")
    return folder


def _date(k: int, base_issue) -> str:
    return f"{1000 + k % 9000:04d}{base_issue.date[4:]}"


def variant_parsed(folder: Path, k: int, base_issue, base_articles):
    """The variant as parsed issues look, built from the parsed base (one sentence of its own per article)."""
    from rag.types import Paragraph

    iid = folder.name
    issue = replace(base_issue, issue_id=iid, title=f"{base_issue.title} (synthetic copy {k})", date=_date(k, base_issue))
    articles = [replace(a, issue_id=iid, paragraphs=a.paragraphs + (Paragraph(
        f"Synthetic archive note {k}.{j}: copy {k} of this article, kept for the growth benchmark.",
        a.paragraphs[-1].page if a.paragraphs else a.page),)) for j, a in enumerate(base_articles)]
    scanned = ingest.scan_issues([folder], _limits(), _chunker())[0]
    return ingest.ParsedIssue(issue, articles, scanned.content_hash, scanned.source_sha256, scanned.parse_key)


def grow(index_dir: Path, corpus_dir: Path, bases, start: int, stop: int, embedder, count_tokens) -> None:
    """Add synthetic issues start..stop-1 to the archive (one publish per 50, as a maintainer's backlog would)."""
    for lo in range(start, stop, 50):
        parsed = []
        for k in range(lo, min(lo + 50, stop)):
            base_dir, issue, articles = bases[k % len(bases)]
            parsed.append(variant_parsed(write_variant(base_dir, corpus_dir, k, issue), k, issue, articles))
        current = reader.load_index(index_dir, embedder_name=embedder.name) if store.current_version(index_dir) else None
        p = ingest.plan(parsed, current, count_tokens, _chunker())
        with store.build_lock(index_dir):
            ingest.execute(p, index_dir, current, embedder, _chunker())
        del current, p, parsed


# --- measuring ---------------------------------------------------------------------------------------------

def _child(args: dict) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", json.dumps(args)], capture_output=True, text=True,
                         env={**os.environ, "RAG_EMBEDDER": "hash"})
    if out.returncode:
        raise SystemExit(f"child {args['do']} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _memory_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process. Not ru_maxrss: Linux carries the parent's peak into a child
    across fork and exec, so a child started by a big parent reports the parent's."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def child_main(args: dict) -> None:
    index_dir = Path(args["index"])
    if args["do"] == "add":
        emb = CachedHashEmbedder()
        start = time.perf_counter()
        out = ingest.run(index_dir, emb, _count_tokens(), paths=[Path(args["folder"])], chunker=_chunker(),
                         limits=_limits(), force=True)  # a synthetic issue is a copy of a real one: --force
        result = {"seconds": time.perf_counter() - start, "embed_seconds": emb.seconds, "version": out.version}
    else:  # load + retrieve
        retrieve = _mod("rag.answer.retrieve", "rag.retrieve")
        start = time.perf_counter()
        idx = reader.load_index(index_dir, embedder_name="hash-embedder-v1")
        result = {"load_seconds": time.perf_counter() - start}
        result["load_rss_mb"] = _memory_mb("VmRSS")
        emb, times = hashing.HashEmbedder(), []
        for q in args["questions"]:
            t = time.perf_counter()
            retrieve.retrieve(idx, emb, q, k=10)
            times.append(time.perf_counter() - t)
        result["retrieval_median_ms"] = 1000 * statistics.median(times)
    result["peak_rss_mb"] = _memory_mb("VmHWM")
    print(json.dumps(result))


def _inodes(folder: Path) -> dict[tuple[int, int], int]:
    found = {}
    for p in folder.rglob("*"):
        if p.is_file() and not p.is_symlink():
            st = p.stat()
            found[(st.st_dev, st.st_ino)] = st.st_size
    return found


def new_bytes(index_dir: Path, version: str) -> int:
    """Bytes of the version's files that share no inode with any other kept version: what its publish wrote."""
    versions = index_dir / "versions"
    others: set = set()
    for v in store.list_versions(index_dir):
        if v != version:
            others |= set(_inodes(versions / v))
    return sum(size for ino, size in _inodes(versions / version).items() if ino not in others)


def disk_bytes(index_dir: Path) -> int:
    return sum(_inodes(index_dir / "versions").values())


def unchanged_ingest_seconds(index_dir: Path, corpus_dir: Path, runs: int = 3) -> float:
    env = {**os.environ, "RAG_INDEX_DIR": str(index_dir), "RAG_EMBEDDER": "hash"}
    code = "import sys; from rag.cli import main; sys.exit(main(sys.argv[1:]))"
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code, "ingest", str(corpus_dir), "--json"],
                             capture_output=True, text=True, env=env)
        times.append(time.perf_counter() - start)
        if out.returncode or json.loads(out.stdout)["version"] is not None:
            raise SystemExit(f"unchanged ingest published or failed: {out.stdout[-500:]} {out.stderr[-2000:]}")
    return statistics.median(times)


def git_commit(index_dir: Path) -> int:
    """Commit the whole index folder to a git repository inside it; the repository's loose objects in bytes."""
    def git(*args):
        return subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", *args],
                              cwd=index_dir, capture_output=True, text=True, check=True).stdout

    if not (index_dir / ".git").exists():
        git("init", "-q")
    git("add", "-A", "versions", "CURRENT", "HISTORY")
    git("commit", "-q", "-m", "publish", "--allow-empty")
    sizes = dict(line.split(": ") for line in git("count-objects", "-v").splitlines())
    return (int(sizes["size"]) + int(sizes["size-pack"])) * 1024


def measure(index_dir: Path, corpus_dir: Path, bases, n: int, questions: list[str], git: bool = False) -> dict:
    row = {"issues": n, "chunks": store.read_manifest(index_dir)["chunks"]}
    base_dir, issue, _ = bases[n % len(bases)]
    folder = write_variant(base_dir, corpus_dir, 90000 + n, issue)
    git_before = git_commit(index_dir) if git else 0
    add = _child({"do": "add", "index": str(index_dir), "folder": str(folder)})
    row.update(add_seconds=add["seconds"], add_embed_seconds=add["embed_seconds"], add_peak_rss_mb=add["peak_rss_mb"],
               written_bytes=new_bytes(index_dir, add["version"]))
    if git:  # what one more commit of index/ adds to the repository (zlib-compressed objects, before any gc)
        row["git_growth_bytes"] = git_commit(index_dir) - git_before
    changes = []
    for edit in range(store.KEEP_VERSIONS - 1):  # fill the kept versions: the same issue edited 4 times
        source = folder / issue.source_file
        source.write_text(source.read_text(encoding="utf-8") + f"Edited again ({edit}).\n", encoding="utf-8")
        change = _child({"do": "add", "index": str(index_dir), "folder": str(folder)})
        changes.append(change["seconds"])
        row.setdefault("change_written_bytes", []).append(new_bytes(index_dir, change["version"]))
    row["change_seconds_median"] = statistics.median(changes)
    row["kept_versions"] = len(store.list_versions(index_dir))
    row["disk_bytes"] = disk_bytes(index_dir)
    load = _child({"do": "load", "index": str(index_dir), "questions": questions})
    row.update(load_seconds=load["load_seconds"], load_rss_mb=load["load_rss_mb"], load_peak_rss_mb=load["peak_rss_mb"],
               retrieval_median_ms=load["retrieval_median_ms"])
    row["unchanged_ingest_seconds"] = unchanged_ingest_seconds(index_dir, corpus_dir)
    return row


def real_embedder_cost() -> dict:
    """The bundled MiniLM on one real issue: its chunks and their sentences, as an ingest embeds them."""
    embedders = _mod("rag.index.embedders", "rag.embedders")
    sentences_module = _mod("rag.sentences", "rag.evidence")
    emb = embedders.make_embedder(_settings())
    out = {}
    for folder in sorted((ROOT / "corpus").iterdir()):
        issue, articles = folders.load_issue(folder, _limits())
        chunks = chunking.chunk_issue(issue, articles, _count_tokens(), _chunker())
        sentences = [s for c in chunks for s in sentences_module.passage_sentences(c.text)]
        start = time.perf_counter()
        emb.embed_documents([c.embedding_text() for c in chunks])
        emb.embed_documents(sentences)
        out[folder.name] = {"chunks": len(chunks), "sentences": len(sentences), "seconds": time.perf_counter() - start}
    return out


def table(rows: list[dict]) -> str:
    git = all("git_growth_bytes" in r for r in rows)
    lines = ["| issues | chunks | add one issue (of which embedding) | written by that publish | all kept versions "
             "| load (RSS) | retrieval median | unchanged ingest |" + (" git growth per publish |" if git else ""),
             "|---|---|---|---|---|---|---|---|" + ("---|" if git else "")]
    for r in rows:
        lines.append(
            f"| {r['issues']} | {r['chunks']:,} | {r['add_seconds']:.1f} s ({r['add_embed_seconds']:.1f} s) "
            f"| {_mb(r['written_bytes'])} | {_mb(r['disk_bytes'])} ({r['kept_versions']}) "
            f"| {r['load_seconds']:.1f} s ({r['load_rss_mb']:.0f} MB) | {r['retrieval_median_ms']:.1f} ms "
            f"| {r['unchanged_ingest_seconds']:.2f} s |" + (f" {_mb(r['git_growth_bytes'])} |" if git else ""))
    return "\n".join(lines)


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} KB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10,50,100,200,400")
    ap.add_argument("--label", default="after")
    ap.add_argument("--out", type=Path, help="append this run to a JSON file (one object per label)")
    ap.add_argument("--workdir", type=Path, help="where to build (default: a temporary folder, removed after)")
    ap.add_argument("--questions", type=int, default=40, help="dev questions timed through retrieve")
    ap.add_argument("--real-embedder", action="store_true", help="also time the default embedder on each real issue")
    ap.add_argument("--git", action="store_true", help="also commit index/ before and after each added issue and "
                    "record what the second commit adds to the repository")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child_main(json.loads(args.child))
        return 0
    import rag

    print(f"code: {Path(rag.__file__).parent}", file=sys.stderr)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="index-growth-"))
    index_dir, corpus_dir = work / "index", work / "corpus"
    corpus_dir.mkdir(parents=True, exist_ok=False)
    bases = [(d, *folders.load_issue(d, _limits())) for d in sorted((ROOT / "corpus").iterdir()) if d.is_dir()]
    questions = [json.loads(line)["question"] for line in (ROOT / "evals" / "questions.jsonl").read_text().splitlines()
                 if line.strip()][: args.questions]
    embedder, count_tokens = CachedHashEmbedder(), _count_tokens()
    rows, have = [], 0
    try:
        for n in [int(s) for s in args.sizes.split(",")]:
            start = time.perf_counter()
            grow(index_dir, corpus_dir, bases, have, n, embedder, count_tokens)
            have = n
            print(f"[{args.label}] built {n} issues in {time.perf_counter() - start:.0f} s; measuring", file=sys.stderr)
            rows.append(measure(index_dir, corpus_dir, bases, n, questions, git=args.git))
            print(json.dumps(rows[-1]), file=sys.stderr)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    result = {"label": args.label, "code": str(Path(rag.__file__).parent), "load_average": os.getloadavg(), "rows": rows}
    if args.real_embedder:
        result["real_embedder"] = real_embedder_cost()
    print(table(rows))
    if args.out:
        runs = json.loads(args.out.read_text()) if args.out.exists() else {}
        runs[args.label] = result
        args.out.write_text(json.dumps(runs, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
