"""Pure text cleaning shared by every parser: hyphen joining, reflow, bullets, slugs."""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left
from collections import Counter

_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# Starts only where a run of letters starts (a match inside a run would start at its first letter anyway): without
# the look-behind, a run of n letters and no hyphen costs n^2 steps (100 KB of letters took 9 s; docs/benchmarks.md).
_LINE_HYPHEN = re.compile(r"(?<![A-Za-z])[A-Za-z]+-[ \t]*\n[ \t]*\n?[ \t]*[A-Za-z]+")
# Prefixes that keep their hyphen when the document gives no evidence either way.
KEEP_PREFIXES = frozenset(
    "co non self ex anti pre post part full well long short high low cross cost mid "
    "semi multi".split()
)
# Second halves that mark a compound when the document gives no evidence: "drop-in", "middle-class".
_COMPOUND_TAILS = frozenset(
    "in of on up off out to class based led term level scale end life only thin free time wide "
    "friendly related making tailored specific owned".split()
)
_SUFFIXES = frozenset("ing less ever ed ly ment ness tion tions able ible ful ship ance ence ity".split())
_CLOSERS = "\"'”’)]"
_TERMINAL = re.compile(r"([.!?…]|//|\[[A-Z]{2}\])[\s" + re.escape(_CLOSERS) + r"]*$")
_BULLET = re.compile(r"^\s*(?:[-•»◦▪■●\ufffd\uf0b7]|- »)\s*")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
# Characters no reader sees: control codes (but tab, line feed and form feed), zero-width spaces, word joiners,
# direction marks and embeddings, a byte-order mark mid-text. A PDF's or editor's "pa\u200by rise" was stored so:
# no search for "pay" found it, and the article view showed a bell's or a terminal escape's code.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


# Typographic ligatures as one character (U+FB00-FB06): a real PDF's fonts map their ligature glyphs so, and pdftotext
# keeps them; "staﬀ" and "ﬁnance" were stored as such, found by no search for "staff" (BM25 reads "ﬀ" as a letter of
# its own) and split by every [A-Za-z] rule (a tester's find).
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})


def spell_ligatures(text: str) -> str:
    """Ligature characters as their letters: "staﬀ ﬁnance" -> "staff finance"."""
    return text.translate(_LIGATURES)


def drop_invisible(text: str) -> str:
    """Text without characters no reader sees (_INVISIBLE); a vertical tab (Word's line break) becomes a line end."""
    return _INVISIBLE.sub("", text.replace("\x0b", "\n"))


def clean_inline(text: str) -> str:
    """NFC, odd spacing glyphs to spaces, collapsed whitespace."""
    text = unicodedata.normalize("NFC", text).replace("\u02db", " ").replace("\u00ad", "")
    return _SPACES.sub(" ", text).strip()


class Vocabulary(Counter):
    """Word counts that also answer "which words start with ..." by binary search over the sorted words.

    join_hyphenated asks that at every split word: scanning every word of the issue each time, 100 KB of split
    fragments took 16 s to ingest, growing with the square of the text (a tester's find). Built once, read only.
    """

    def _sorted(self) -> tuple[list[str], list[int], list[str]]:
        if getattr(self, "_index", None) is None:
            words = sorted(self)
            totals = [0]
            for w in words:
                totals.append(totals[-1] + self[w])
            self._index = (words, totals, [w for w in words if "-" not in w])
        return self._index

    def prefixed(self, prefix: str) -> tuple[int, int]:
        """(how many different words start with prefix, their counts summed), the prefix itself among them."""
        words, totals, _ = self._sorted()
        lo, hi = _prefix_range(words, prefix)
        return hi - lo, totals[hi] - totals[lo]

    def plain_word_starts(self, prefix: str) -> bool:
        """True when a word without a hyphen starts with prefix."""
        plain = self._sorted()[2]
        i = bisect_left(plain, prefix)
        return i < len(plain) and plain[i].startswith(prefix)


def _prefix_range(words: list[str], prefix: str) -> tuple[int, int]:
    """The slice of sorted words that start with prefix."""
    lo = bisect_left(words, prefix)
    if not prefix:
        return lo, len(words)
    return lo, bisect_left(words, prefix[:-1] + chr(ord(prefix[-1]) + 1), lo)


def vocabulary(text: str) -> Vocabulary:
    """Lower-cased word counts, ignoring words split by a line-break hyphen."""
    unsplit = _LINE_HYPHEN.sub(" ", text)  # both halves of a split word are left out
    return Vocabulary(w.lower() for w in _WORD.findall(unsplit))


COMMON = 500  # this frequent in pyspellchecker's English list, a closed form is a word ("followup": 50, "throughout": 37,313)


@functools.lru_cache(maxsize=1)
def _english_counts():
    from spellchecker import SpellChecker  # 160,000 words in 0.1 s: loaded only when a split word has no evidence

    return SpellChecker(language="en", distance=1).word_frequency


def english_count(word: str) -> int:
    """How common a lower-case word is in English (pyspellchecker's frequency list; 0 when it is not a word)."""
    return _english_counts()[word]


def join_hyphenated(left: str, right: str, vocab: Counter) -> str:
    """Join a word split as "left-" / "right" across a line break, keeping real hyphens.

    Example: ("man", "agers") -> "managers"; ("co", "production") -> "co-production"
    """
    head = re.search(r"[A-Za-z]+$", left)
    tail = re.match(r"[A-Za-z]+", right)
    if not head or not tail:
        return f"{left}-{right}"
    a, b = head.group(0), tail.group(0)
    if b[0].isupper():  # "pre-Covid", "Anne-Marie": capitals never start a syllable split
        return f"{left}-{right}"
    joined, hyphened = (a + b).lower(), f"{a}-{b}".lower()
    words = vocab if isinstance(vocab, Vocabulary) else Vocabulary(vocab)
    # Compound words elsewhere in the document carry the hyphen; plain words don't.
    with_hyphen = vocab.get(hyphened, 0) + words.prefixed(hyphened + "-")[1]
    longer = words.prefixed(joined)[0] - (joined in vocab)
    without = vocab.get(joined, 0) + longer
    if with_hyphen > without:
        return f"{left}-{right}"
    if without:
        return left + right
    if a.lower() in KEEP_PREFIXES:
        return f"{left}-{right}"
    if english_count(joined) >= COMMON:
        return left + right  # "through-out", "members-hip": halves that are words, a common closed form
    if b.lower() in _COMPOUND_TAILS:
        return f"{left}-{right}"
    if b.lower() in _SUFFIXES:
        return left + right  # "pull-ing", "point-less": a suffix is never a word of its own here
    stem = joined[: max(len(joined) - 2, 4)]
    if vocab.get(a.lower()) and vocab.get(b.lower()) and len(a) > 2 and len(b) > 2:
        if not words.plain_word_starts(stem):
            return f"{left}-{right}"  # two real words and no sign of the closed form: "paper-thin"
    return left + right


def joins_without_space(left: str, right: str, vocab: Counter) -> bool:
    """True when two fragments are one word split by the layout (drop cap "J"+"ust", "tech"+"nology").

    Example: ("R", "eform") -> True; ("the", "radar") -> False
    """
    if not (left.isalpha() and right.isalpha() and right[0].islower()):
        return False
    joined, tail = (left + right).lower(), right.lower()
    if vocab.get(joined, 0) > vocab.get(tail, 0):
        return True
    return tail in _SUFFIXES and vocab.get(left.lower(), 0) > 0


# What a word joined across line-break hyphens may grow to: "pay-" on each of 40,000 lines was joined into one word
# of 120,000 letters, each join searching it whole (200 KB of markdown: over 2 minutes holding the build lock).
_JOINED_MAX = 2_000
# The end of a paragraph that whether it goes on, and joining it to what does, read: each piece joined to a paragraph
# made it read the paragraph whole, so 200 KB of short pieces that end no sentence ("and the pay of managers" after
# each blank line) took 107 s as markdown, 43 s as text (a megabyte: some 45 and 18 minutes), holding the build lock.
_END = 400


def paragraph_end(text: str) -> str:
    """The last words of a paragraph (about _END characters, cut at a space): what ends it, and its last words."""
    cut = text.rfind(" ", 0, max(0, len(text) - _END))
    return text[cut + 1:] if cut >= 0 else text


def join_on(paragraph: str, text: str, vocab: Counter) -> str:
    """join_lines([paragraph, text]) for a paragraph join_lines made (already clean), rejoining only its end."""
    cut = paragraph.rfind(" ", 0, max(0, len(paragraph) - _END)) if len(paragraph) > 4 * _END else -1
    if cut < 0:
        return join_lines([paragraph, text], vocab)
    return paragraph[:cut] + " " + join_lines([paragraph[cut + 1:], text], vocab)


def join_lines(lines: list[str], vocab: Counter) -> str:
    """Reflow broken lines into one paragraph, joining line-break hyphens.

    The paragraph is kept as the text before its last space-joined line (done, a list joined once at the end) and
    that line (tail), which every check and join below touches: rebuilt or searched whole at each line, a paragraph
    of 12,000 lines (a 1 MB export without blank lines) took over 5 minutes (a tester's find)."""
    done: list[str] = []
    tail = ""
    for raw in lines:
        line = clean_inline(raw)
        if not line:
            continue
        end = tail[-3:]  # enough for the end-anchored patterns below
        if not tail:
            tail = line
        elif re.search(r"[A-Za-z]-$", end) and re.match(r"[A-Za-z]", line) and (
                (space := tail.rfind(" ", max(0, len(tail) - _JOINED_MAX))) >= 0 or len(tail) < _JOINED_MAX):
            left, rest = (tail[:space], tail[space + 1:-1]) if space >= 0 else ("", tail[:-1])
            word, _, after = line.partition(" ")
            merged = join_hyphenated(rest, word, vocab)
            done += [left] if left else []
            tail = merged + (" " + after if after else "")
        elif tail.endswith(("—", "–", "/")) and not tail.endswith("//"):
            tail += line
        elif re.search(r"[\w.+-]@$", end) or (line.startswith("@") and re.search(r"[\w.+-]$", end)):
            tail += line  # an e-mail address broken at its "@" ("k.widlak@" / "miphealth.org.uk.")
        else:
            done.append(tail)
            tail = line
    return " ".join(done + [tail]).strip()


# An advert's call to action: opens with an invitation to act, or points at a QR code.
_CALL = re.compile(
    r"^(?:get involved|scan(?:ning)? (?:the|this|our|here)|join (?:us|today|now)|sign up|help us|nominate|register|"
    r"follow us|donate|find out more|call us|visit us|book now|apply now)\b|\bQR[ -]?code", re.I)


def furniture_kind(lines: list[str]) -> str:
    """"call to action", "masthead" or "" for a short run of lines (a text block, a markdown paragraph).

    A call to action: at most 4 lines and 12 words, no finished sentence (no "." or "?" at the end),
    opening with an invitation to act or pointing at a QR code. A masthead: one line of at most 4
    words in display capitals (60%+ of its letters, one all-capital word of 5+ letters), no sentence.
    """
    lines = [ln.strip() for ln in lines if ln.strip()]
    text = " ".join(lines)
    words = text.split()
    if len(lines) <= 4 and len(words) <= 12 and not text.endswith((".", "?")) and _CALL.search(text):
        return "call to action"
    letters = [c for c in text if c.isalpha()]
    caps = any(len(w) >= 5 and w.isalpha() and w.isupper() for w in words)
    if (len(lines) == 1 and len(words) <= 4 and len(letters) >= 6 and caps and not is_terminated(text)
            and sum(c.isupper() for c in letters) >= 0.6 * len(letters)):
        return "masthead"
    return ""


# A web address ending the last word: "...mip.org.uk", "mip.co/join" (read in the last word alone: searched over the
# whole text, "\S+...$" cost n^2 steps on a line of n characters without a space)
_ADDRESS_IN_WORD = re.compile(r"[\w-]\.(?:uk|org|com|net|law|ai|co|social)(?:/|$)")


def _ends_with_address(text: str) -> bool:
    """True when the last word is an e-mail address ("x@y", an "@" inside it) or ends with a web address."""
    word = text.rsplit(None, 1)[-1] if text else ""
    return "@" in word[1:-1] or bool(_ADDRESS_IN_WORD.search(word))


def is_terminated(text: str) -> bool:
    """True when text ends a sentence (full stop, question, quote close, "//" sign-off, web address)."""
    text = text.strip()
    return bool(_TERMINAL.search(text)) or _ends_with_address(text)


def starts_lower(text: str) -> bool:
    """True when the first letter (after quotes and brackets) is lower-case: a continuation."""
    m = re.search(r"[A-Za-z0-9]", text)
    return bool(m) and text[m.start()].islower()


def strip_bullet(text: str) -> tuple[str, bool]:
    """Remove a leading bullet glyph; report whether there was one."""
    m = _BULLET.match(text)
    if m and m.end() < len(text):
        return text[m.end():].strip(), True
    return text, False


def slug(text: str) -> str:
    """ASCII slug: "New UK health secretary!" -> "new-uk-health-secretary"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "untitled"


def article_id(order: int, headline: str) -> str:
    """Stable id within an issue: "03-new-uk-health-secretary"."""
    return f"{order:02d}-{slug(headline)[:40].strip('-')}"
