"""Who said a sentence the last answer quoted: the follow-up "who said that?" answered from the article itself.

A quotation often runs over several sentences, and only the first names its speaker: in issue 68, "Commenting on the
award, MiP chief executive Jon Restell said: "We welcome the fact ..." is followed by "However, our long standing
policy is that VSMs should get the same pay rise ..."", which names nobody. A walk asked "who said that" after that
second sentence was quoted and was refused: the speaker is named in the sentence before, here across a passage
boundary, and the question's own words find nothing. Pure functions over the index's passages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from rag.answer.claim_support import FULL_NAME, SAYING
from rag.sentences import passage_sentences
from rag.textnorm import words_key
from rag.types import Chunk

# "who said that?", "who says this", "who wrote that?", "whose words are those?", "who was quoted saying that?"
_WHO_SAID = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:who\b.{0,20}?\b(?:said|says|say|saying|wrote|writes|write|"
                       r"quoted|quote)\b|whose (?:words|quote)\b(?:\s+(?:are|is|were|was))?)"
                       r"(?:\s+(?:it|that|this|these|those|so)\b)?\W*$", re.I)
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{20,}?)[\"\u201d]")
# A sentence giving someone's words: a verb of saying ("said:", "told the conference", "she added")
_SAYS = re.compile(rf"\b(?:{SAYING}|say|commented|comments|continued|continues|stressed|stresses|urged|urges|"
                   r"according to)\b", re.I)
_PRONOUN_SAYS = re.compile(r"\b(?:he|she|they)\s+(?:\w+\s+)?(?:said|says|added|adds|told|tells|warned|warns|argued|"
                           r"argues|explained|explains|continued|continues|went on)\b|\b(?:said|says|added|adds)\s+"
                           r"(?:he|she|they)\b", re.I)
_OPENS, _CLOSES = "\u201c", "\u201d"
_LOOK_BACK = 6  # sentences a quotation or a "she added" may reach back to its speaker


def asks_who_said_that(question: str) -> bool:
    """A follow-up asking who said what was just quoted ("who said that?", "whose words are those?"), not one asking
    who said something it names ("who said the cuts were reckless?")."""
    return bool(_WHO_SAID.match(" ".join(question.split())))


def quoted_in(answer: str) -> list[str]:
    """The passages' words an answer quotes, in order ("..." or \u201c...\u201d, 20 characters or more)."""
    return [m.group(1).strip() for m in _QUOTED.finditer(answer)]


@dataclass(frozen=True)
class Speaker:
    sentence: str  # the sentence naming who said the quoted words
    chunk: Chunk  # a passage holding that sentence (and the quoted one, where one passage holds both)
    quoted: str  # the quoted words it was asked about
    own_words: bool = False  # nobody is quoted: the sentence is the article's own narration


def _names_someone(sentence: str) -> bool:
    return bool(FULL_NAME.search(sentence))  # "Jon Restell", "Victoria Atkins": two capitalised words or more


def _open_before(sentences: Sequence[str]) -> list[bool]:
    """For each sentence, whether a quotation opened before it is still open where it starts."""
    out, curly, straight = [], 0, 0
    for s in sentences:
        out.append(curly > 0 or straight % 2 == 1)
        curly = max(0, curly + s.count(_OPENS) - s.count(_CLOSES))
        straight += s.count('"')
    return out


def _speaking(sentence: str) -> bool:
    """The sentence names someone as saying something ("Jon Restell said:"), not "she added"."""
    return bool(_SAYS.search(sentence)) and _names_someone(sentence) and not _PRONOUN_SAYS.search(sentence)


def speaker_of(j: int, sentences: Sequence[str]) -> int | None:
    """The index of the sentence naming who said sentence j: j itself ("X said ..."), the sentence a quotation open
    at j was opened in ("X said: "..."), the one it closes in ("... ," Restell said.), or, for "she added", the last
    sentence before naming someone who spoke. None when no sentence near says who (or the text names nobody)."""
    inside = _open_before(sentences) + [False]
    at = j
    if not _SAYS.search(sentences[j]) and not inside[j]:
        # a quotation opened in j and closed later: its speaker may be named where it closes
        closes = next((k for k in range(j + 1, min(len(sentences), j + 1 + _LOOK_BACK)) if not inside[k + 1]), None)
        if inside[j + 1] and closes is not None and _SAYS.search(sentences[closes]):
            at = closes
    if _speaking(sentences[at]):
        return at
    pronoun = bool(_PRONOUN_SAYS.search(sentences[at]))
    if not inside[j] and not pronoun:
        return None
    for k in range(j - 1, max(-1, j - 1 - _LOOK_BACK), -1):
        if _speaking(sentences[k]):
            return k
        if not inside[k] and not pronoun and not _PRONOUN_SAYS.search(sentences[k]):
            return None  # the quotation opened in sentence k, which names nobody as speaking
    return None


def narrated(j: int, sentences: Sequence[str]) -> bool:
    """Sentence j is the article's own words: no quotation is open at it, it holds no quotation mark, and no verb
    of saying gives it to anyone."""
    s = sentences[j]
    return (not _open_before(sentences)[j] and not re.search(r"[\"\u201c\u201d]", s) and not _SAYS.search(s)
            and not _PRONOUN_SAYS.search(s))


def _article_sentences(chunks: Sequence[Chunk]) -> list[tuple[str, Chunk]]:
    """An article's sentences in reading order, each with the first passage holding it (passages overlap)."""
    out: list[tuple[str, Chunk]] = []
    recent: list[str] = []
    for c in sorted(chunks, key=lambda c: c.position):
        for s in passage_sentences(c.text):
            k = words_key(s)
            if k in recent:
                continue  # the overlap with the passage before
            out.append((s, c))
            recent = (recent + [k])[-12:]
    return out


# "who said 'our long standing policy is that VSMs should get ...'?": a member asking who said words they quote
_WHO_SAID_WORDS = re.compile(r"^\W*(?:who|which \w+)\s+(?:said|says|wrote|writes)\s*(?:that\s+|:\s*)?"
                             r"(?P<words>.{20,}?)\W*$", re.I | re.S)


def asked_words(question: str) -> str | None:
    """The words a "who said ...?" question quotes (20 characters or more), or None."""
    m = _WHO_SAID_WORDS.match(" ".join(question.split()))
    return m.group("words").strip(" \"'\u201c\u201d\u2018\u2019") if m else None


def who_said(answer: str, chunks: Sequence[Chunk]) -> Speaker | None:
    """Who said the first words the answer quotes (who_said_words), or None when it quotes nothing."""
    quotes = [q for q in quoted_in(answer) if len(words_key(q)) >= 20]
    return who_said_words(quotes[0], chunks) if quotes else None


def who_said_words(words: str, chunks: Sequence[Chunk]) -> Speaker | None:
    """Who said these words of the archive: the sentence naming the speaker, or the sentence holding them (own_words)
    when it is the article's own narration; None when no passage holds them or who said them cannot be told."""
    wanted = words_key(words)[:120]
    if len(wanted) < 20:
        return None
    holders = sorted({(c.issue_id, c.article_id) for c in chunks if wanted in words_key(c.text)})
    for key in holders:
        passages = [c for c in chunks if (c.issue_id, c.article_id) == key]
        sentences = _article_sentences(passages)
        texts = [s for s, _ in sentences]
        for j, s in enumerate(texts):
            if wanted[:60] not in words_key(s) and words_key(s) not in wanted:
                continue
            k = speaker_of(j, texts)
            if k is None and narrated(j, texts):
                return Speaker(s, sentences[j][1], words, own_words=True)
            if k is None:
                return None
            both = [c for c in passages
                    if words_key(texts[k]) in words_key(c.text) and words_key(s) in words_key(c.text)]
            return Speaker(texts[k], both[0] if both else sentences[k][1], words)
    return None
