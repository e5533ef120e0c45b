"""Two builds at once after `index/.lock` was deleted (a maintainer told "another build is writing" who believed none
was, or an index shared over a network filesystem whose locks do not reach every machine): the build that started
first published last, over the other's version, made from the version both had started from. Issue 72, published
by the second, was silently dropped from what members search. A build now publishes only while CURRENT still names
the version it started from; otherwise nothing is published, and it says why and what to do."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rag.errors import RagError
from rag.index import ingest, store
from rag.index.embedders import HashEmbedder

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("nurse manager pay band trust board union member review staff ward budget policy contract rota leave pension "
         "audit care patient service grading appraisal").split()


def _issue(folder: Path, number: int, season: str, date: str) -> Path:
    """A small made-up issue of its own words (no clash with another's text, number or source)."""
    import random

    rnd = random.Random(number)
    folder.mkdir(parents=True)
    lines = []
    for a in range(6):
        lines.append(f"# Article {a} of issue {number} on {rnd.choice(WORDS)}\n")
        lines += [" ".join(f"{' '.join(rnd.choice(WORDS) for _ in range(12)).capitalize()}." for _ in range(4)) + "\n"
                  for _ in range(6)]
    (folder / "issue.md").write_text("\n".join(lines), encoding="utf-8")
    (folder / "issue.toml").write_text(f'title = "Healthcare Manager issue {number}, {season}"\nnumber = {number}\n'
                                       f'season = "{season}"\ndate = "{date}"\nsource = "issue.md"\n', encoding="utf-8")
    return folder


class SecondBuildMeanwhile(HashEmbedder):
    """Runs another build (after deleting .lock, as a maintainer might) the first time it is asked to embed."""

    def __init__(self, meanwhile):
        super().__init__()
        self.meanwhile = meanwhile

    def embed_documents(self, texts):
        if self.meanwhile:
            meanwhile, self.meanwhile = self.meanwhile, None
            meanwhile()
        return super().embed_documents(texts)


def test_a_build_does_not_publish_over_one_published_while_it_ran(tmp_path):
    index, count = tmp_path / "index", lambda t: len(t.split())
    shutil.copytree(ROOT / "corpus" / "2026-summer-68", tmp_path / "corpus" / "2026-summer-68")
    first = ingest.run(index, HashEmbedder(), count, paths=[tmp_path / "corpus"]).version
    spring, summer = _issue(tmp_path / "a" / "2027-spring-71", 71, "spring 2027", "2027-03-01"), \
        _issue(tmp_path / "b" / "2027-summer-72", 72, "summer 2027", "2027-06-01")
    published = []

    def other_build():  # another process, as it would be (its half-written folder is named with its pid)
        (index / ".lock").unlink()
        code = ("import sys; from pathlib import Path; from rag.index import ingest; from rag.index.embedders import "
                "HashEmbedder; print(ingest.run(Path(sys.argv[1]), HashEmbedder(), lambda t: len(t.split()), "
                "paths=[Path(sys.argv[2])]).version)")
        done = subprocess.run([sys.executable, "-c", code,
                               str(index), str(summer)], cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        published.append(done.stdout.strip())

    with pytest.raises(RagError, match=r"CURRENT changed while this build ran .* run the command again"):
        ingest.run(index, SecondBuildMeanwhile(other_build), count, paths=[spring])
    assert published and store.current_version(index) == published[0] != first
    assert sorted(store.read_manifest(index)["issues"]) == ["2026-summer-68", "2027-summer-72"]  # 72 still served
    assert store.list_versions(index) == [first, published[0]]  # the refused build's version is gone
    assert ingest.run(index, HashEmbedder(), count, paths=[spring]).version  # run again: both issues
    assert sorted(store.read_manifest(index)["issues"]) == ["2026-summer-68", "2027-spring-71", "2027-summer-72"]
