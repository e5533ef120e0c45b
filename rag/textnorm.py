"""Pure text normalisation and evidence coverage, as eval-format.md defines them."""

from __future__ import annotations

import re
import unicodedata

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u00ad": "",
    }
)
_HYPHEN_BREAK = re.compile(r"(\w)-\s*\n\s*(\w)|(\w)- (?=[a-z])")
_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")


def _join_hyphen(m: re.Match) -> str:
    if m.group(1):
        return m.group(1) + m.group(2)
    return m.group(3)


def normalize(text: str) -> str:
    """NFKC, plain quotes and dashes, line-break hyphens joined, spaces collapsed, casefolded.

    Example: "Man-\\nagers \u2019 pay" -> "managers ' pay"
    """
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    text = _HYPHEN_BREAK.sub(_join_hyphen, text)
    return _WS.sub(" ", text).strip().casefold()


def tokens(text: str) -> list[str]:
    """Word tokens of normalised text."""
    return _TOKEN.findall(normalize(text))


def covers(passage: str, span: str, min_share: float = 0.7) -> bool:
    """True when the passage contains the span, or >= min_share of its tokens as one contiguous run."""
    p, s = normalize(passage), normalize(span)
    if not s:
        return False
    if s in p:
        return True
    span_tokens = _TOKEN.findall(s)
    if not span_tokens:
        return False
    return longest_common_run(_TOKEN.findall(p), span_tokens) >= min_share * len(span_tokens)


def longest_common_run(a: list[str], b: list[str]) -> int:
    """Length of the longest contiguous token run shared by a and b (dynamic programming)."""
    if not a or not b:
        return 0
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best = cur[j]
        prev = cur
    return best


def without_invisible(text: str) -> str:
    """The text without invisible format characters (zero-width spaces and joiners, direction marks and overrides,
    byte-order marks: Unicode category Cf), which would make a blank question look typed."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def words_key(text: str) -> str:
    """The text's words, normalised, lower case, one space apart: for finding one text's words in another's."""
    return " ".join(re.findall(r"\w+", normalize(text).lower()))
