"""Magazine PDFs from issue 68's text, parsed and scored against what was printed (docs/parsing.md).

Usage: .venv/bin/python benchmarks/pdf_parse.py [--parser new|old] [--styles 2col,3col] [--json] [--keep DIR] [--jitter PT]
"old" is the PDF parser of commit fd403a1 (one gutter, size-only headings), read from git.
--keep DIR leaves one issue folder per style (PDF + issue.toml): `rag ingest DIR/3col --dry-run --report`.
--jitter PT moves every word by up to PT points each way before the (new) parser's pure part runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rag.sentences import split_sentences  # noqa: E402
from rag.textnorm import normalize  # noqa: E402
from tests.magazine_pdf import STYLES, Magazine, build_magazine, jittered, source_articles  # noqa: E402

OLD_COMMIT = "fd403a1"


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", normalize(text)))


def old_parser():
    """The parser as it was before issue 14, loaded from git."""
    src = subprocess.run(["git", "show", f"{OLD_COMMIT}:rag/corpus/parse_pdf.py"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    path = Path(tempfile.mkdtemp()) / "old_parse_pdf.py"
    path.write_text(src, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_parse_pdf", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["old_parse_pdf"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod.parse_pdf


def _match(mag: Magazine, parsed: list) -> list:
    """Each printed article's parsed counterpart: same headline, else the one that opens with its text."""
    heads = {}
    for a in parsed:
        heads.setdefault(_norm(a.headline), a)
    out = []
    for t in mag.articles:
        hit = heads.get(_norm(t.headline))
        if hit is None:
            start = " ".join(_norm(t.standfirst or t.paragraphs[0]).split()[:10])
            hit = next((a for a in parsed if start in _norm(a.text)[:800]), None)
        out.append(hit)
    return out


def _count(text: str, phrase: str) -> int:
    return len(re.findall(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text))


def score(mag: Magazine, parsed: list, seconds: float, cpu: float) -> dict:
    """What a maintainer checks: articles, headlines, pages, sentences, furniture and adverts."""
    matched = _match(mag, parsed)
    texts = [_norm(a.text) for a in parsed]
    whole = " \n ".join(texts)
    sample = mag.sentences(200)
    intact = sum(1 for _, s in sample if _norm(s) in whole)
    right = sum(1 for i, s in sample if matched[i] is not None and _norm(s) in _norm(matched[i].text))
    printed = " ".join(_norm(p) for t in mag.articles for p in [t.headline, t.standfirst or "", *t.paragraphs])
    labels = {_norm(x) for x in mag.sections} | {"healthcare manager summer 2026"}
    furniture = sum(max(0, _count(whole, lab) - _count(printed, lab)) for lab in labels if lab)
    adverts = sum(1 for ad in mag.adverts if any(_norm(s) in whole for p in ad.split("\n")[1:] for s in split_sentences(p)
                                                 if len(s.split()) >= 6 and _norm(s) not in printed))
    quotes = sum(1 for q in mag.pull_quotes if _count(whole, _norm(q)) > _count(printed, _norm(q)))
    out_sents = [s for a in parsed for p in a.paragraphs for s in split_sentences(p.text) if len(s.split()) >= 6]
    foreign = sum(1 for s in out_sents if _norm(s) not in printed)
    stands = [(t, a) for t, a in zip(mag.articles, matched) if t.standfirst]
    ok_stand = sum(1 for t, a in stands if a is not None and _norm(a.paragraphs[0].text) == _norm(t.standfirst)
                   and _norm(t.standfirst)[:30] not in _norm(a.headline))
    found = [(t, a) for t, a in zip(mag.articles, matched) if a is not None]
    used = {id(a) for a in matched if a is not None}
    return {
        "pages": mag.pages,
        "articles printed": len(mag.articles),
        "articles out": len(parsed),
        "found": len(found),
        "spurious": sum(1 for a in parsed if id(a) not in used),
        "headlines exact": sum(1 for t, a in found if _norm(a.headline) == _norm(t.headline)),
        "pages right": sum(1 for t, a in found if a.page == t.page),
        "standfirsts kept": f"{ok_stand}/{len(stands)}",
        "sentences intact": intact,
        "intact, right article": right,
        "sampled": len(sample),
        "furniture in text": furniture,
        "adverts in archive": adverts,
        "pull quotes in text": quotes,
        "output sentences not printed in an article": f"{foreign}/{len(out_sents)}",
        "parse s (wall)": round(seconds, 2),
        "parse s (cpu)": round(cpu, 2),
    }


def run(parser: str, styles: list[str], keep: Path | None = None, jitter: float = 0.0) -> dict:
    parse = old_parser() if parser == "old" else None
    if parse is None and jitter:
        from rag.corpus.parse_pdf import layout_parse, read_pdf_pages

        def parse(path, issue_id):
            return layout_parse(jittered(read_pdf_pages(path), jitter), issue_id).articles
    elif parse is None:
        from rag.corpus.parse_pdf import parse_pdf as parse
    articles, adverts = source_articles()
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in styles:
            folder = (keep or Path(tmp)) / name
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "issue.toml").write_text(f'title = "Healthcare Manager issue 68 as a {name} PDF"\nnumber = 68\n'
                                               'season = "summer 2026"\ndate = "2026-06-01"\nsource = "issue.pdf"\n')
            path = folder / "issue.pdf"
            mag = build_magazine(articles, adverts, STYLES[name], path)
            t0, c0 = time.perf_counter(), time.process_time()
            parsed = parse(path, "bench")
            out[name] = score(mag, parsed, time.perf_counter() - t0, time.process_time() - c0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parser", choices=["new", "old"], default="new")
    ap.add_argument("--styles", default=",".join(STYLES))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", type=Path, help="write the issue folders here instead of a temporary folder")
    ap.add_argument("--jitter", type=float, default=0.0, help="move each word by up to this many points")
    args = ap.parse_args()
    res = run(args.parser, args.styles.split(","), args.keep, args.jitter)
    if args.json:
        print(json.dumps(res, indent=2))
        return
    keys = list(next(iter(res.values())))
    print("| " + " | ".join(["", *res]) + " |")
    print("|" + "---|" * (len(res) + 1))
    for k in keys:
        print("| " + " | ".join([k, *(str(r[k]) for r in res.values())]) + " |")


if __name__ == "__main__":
    main()
