"""Words split by a line-break hyphen are joined in time growing with the text, not its square: join_hyphenated
scanned every word of the issue at each split word, so a tester's 100 KB of hyphen-split fragments took 16 s to
ingest (200 KB about a minute), holding the build lock."""

import random
import signal
import time
from collections import Counter

import pytest

from rag.corpus.cleaning import join_hyphenated, vocabulary
from rag.corpus.folders import load_issue


def _fragments(size: int) -> str:
    rng = random.Random(21)

    def word() -> str:
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 6)))

    lines: list[str] = []
    length = 0
    while length < size:
        lines += [f"{word()}-", f"{word()} {word()}-"]
        length += len(lines[-2]) + len(lines[-1]) + 2
    return "\n".join(lines)


@pytest.fixture
def alarm():
    """Fails the test at the deadline instead of letting the old code run for a minute."""
    def expire(*_):
        raise TimeoutError("parsing took over 10 s: join_hyphenated is scanning the whole vocabulary again")
    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("source", ["i.txt", "i.md"])
def test_200_kb_of_split_fragments_parses_in_seconds(tmp_path, alarm, source):
    folder = tmp_path / "2030-spring"
    folder.mkdir()
    heading = "# Pay award" if source.endswith(".md") else "Pay award"
    (folder / source).write_text(heading + "\n\n" + _fragments(200_000) + "\n", encoding="utf-8")
    (folder / "issue.toml").write_text(f'title = "T"\nseason = "s"\ndate = "2030-03-01"\nsource = "{source}"\n')
    started = time.monotonic()
    _, articles = load_issue(folder)
    assert articles and time.monotonic() - started < 10  # before: about 60 s (the alarm stops it at 10)


def test_the_joins_are_decided_as_before():
    vocab = vocabulary("managers co-production well-being wellbeing paper thin sign-in sign in")
    assert join_hyphenated("man", "agers", vocab) == "managers"  # the closed form is in the text
    assert join_hyphenated("co", "production", vocab) == "co-production"  # so is the hyphened one
    assert join_hyphenated("paper", "thin", vocab) == "paper-thin"  # two words, no closed form
    assert join_hyphenated("sign", "in", vocab) == "sign-in"
    assert join_hyphenated("pull", "ing", vocab) == "pulling"  # a suffix
    # A plain Counter (not built by vocabulary) is still read the same way.
    assert join_hyphenated("man", "agers", Counter({"managers": 1})) == "managers"
    assert join_hyphenated("well", "being", Counter({"well-being": 2, "wellbeing": 1})) == "well-being"
