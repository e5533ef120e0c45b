"""Pure citation handling: parse [n] markers, check support, build Citations from hits."""

from __future__ import annotations

import re
from typing import Callable, Iterator, Sequence

from rag.answer.sanitize import sanitize_answer
from rag.sentences import split_sentences
from rag.textnorm import normalize
from rag.types import Citation, Hit

NOT_IN_ARCHIVE = "The archive does not cover this."

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing done down during each either else ever few for
    from further get gets got had has have having he her here hers herself him himself his how i if in
    into is it its itself just let me might more most much must my myself no nor not now of off on once
    only or other our ours ourselves out over own per please same shall she should so some such than that
    the their theirs them themselves then there these they this those through to too under until up upon
    us very was we were what when where which while who whom whose why will with within would yes yet you
    your yours yourself yourselves tell say said says according percent cent""".split()
)
_NUMBER_WORDS = dict(zip("two three four five six seven eight nine ten eleven twelve".split(), map(str, range(2, 13))))
_TERM = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W\d_]+(?:'[^\W\d_]+)?|\d+")
# [1], [1, 2], [1-3], [1; 2], [Passage 2]; never [1](url), which is a link.
_MARKER = re.compile(
    r"\[\s*(?:(?:passages?|sources?|refs?)\s*)?(\d{1,3}(?:\s*(?:[,;&\-\u2013\u2014]|and)\s*\d{1,3})*)\s*\](?!\()",
    re.I,
)
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")
# A marker used as a word: "The passage from [1] states that ..." read "The passage from states that ..." once its
# marker moved to the sentence's end; "According to [2], pay rose" read ", pay rose".
_MARKER_NOUN = re.compile(r"\b(?:the\s+)?(?:passages?|sources?|texts?)\s+(?:from\s+|in\s+|of\s+)?(?=\[\s*\d)", re.I)
_MARKER_LEAD = re.compile(r"^(?:according to|as (?:stated|mentioned|reported|noted) in|in|from)\s+(\[[^\]]*\])\s*,\s*",
                          re.I)


def _marker_not_a_word(sentence: str) -> str:
    """The sentence with a marker used as a word read as the article it stands for, or moved off its lead-in.

    Example: "According to [2], pay rose." -> "[2] Pay rose."; "The passage from [1] says so." -> "The article [1]
    says so."
    """
    lead = _MARKER_LEAD.match(sentence)
    if lead and sentence[lead.end():]:
        rest = sentence[lead.end():]
        sentence = f"{lead.group(1)} {rest[0].upper()}{rest[1:]}"
    return _MARKER_NOUN.sub(lambda m: "The article " if m.start() == 0 or sentence[:m.start()].rstrip().endswith(
        ("]", ".")) else "the article ", sentence)
# What a marker's words leave behind once the marker moves to the sentence's end: "..., as mentioned in."
# Only an aside (", as mentioned in", "as stated in", "according to"): "Leave is covered in [1]." reads well as it is.
_DANGLING = re.compile(r"(?:,\s*(?:as\s+)?|\s+as\s+)(?:mentioned|stated|shown|noted|described|reported|covered|"
                       r"explained|outlined|set out) in\s*(?=[.!?]?$)|[,;]?\s*\baccording to\s*(?=[.!?]?$)", re.I)
# A sentence the model left unfinished ("The outcome of the case was [1].") states nothing, however it is cited.
# (Not one ending ":": it may lead in a list the model writes below it.)
_UNFINISHED = re.compile(r"(?:\b(?:is|was|are|were|be|been|the|a|an|of|than|by|to|from|with|and|or|including)|,)"
                         r"\s*[.!?]?$", re.I)
_MAX_RANGE = 20
_REFUSALS = (
    "archive does not cover", "archive doesn't cover", "not covered", "not in the archive",
    "passages do not", "passages don't", "passage does not", "passages provided do not",
    "no information", "not enough information", "does not mention", "do not mention", "not mentioned",
    "no mention", "don't know", "do not know", "cannot answer", "can't answer", "unable to answer",
    "does not say", "doesn't say", "do not say", "not provided", "does not provide", "do not provide",
    "not specified", "no relevant", "cannot find", "can't find", "could not find", "no answer",
)


_UNDOUBLED = frozenset("bdgmnprt")  # a consonant doubled before -ing / -ed ("cutting"), not "ll" ("falling")


def stem(term: str) -> str:
    """Crude suffix stripping, applied alike to claims and passages so plurals and tenses match."""
    if term[0].isdigit() or len(term) <= 3:
        return term
    for suffix, repl in (("'s", ""), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if term.endswith(suffix) and len(term) - len(suffix) >= 3 and not term.endswith("ss"):
            base = term[: -len(suffix)] + repl
            if suffix in ("ing", "ed") and len(base) >= 4 and base[-1] == base[-2] and base[-1] in _UNDOUBLED:
                base = base[:-1]  # "cutting" -> "cut", "planned" -> "plan", as "cut" and "plan" stay
            return base
    return term


def content_terms(text: str) -> list[str]:
    """Stemmed non-stopword terms in order; numbers keep decimals, lose % and thousands commas, "two" -> "2"."""
    out = []
    for t in _TERM.findall(normalize(text)):
        t = _NUMBER_WORDS.get(t, t)
        if t[0].isdigit():
            t = re.sub(r",(?=\d{3}\b)", "", t).rstrip("%")
        elif t in STOPWORDS or len(t) < 2:
            continue
        out.append(stem(t))
    return out


def _expand(body: str) -> list[int]:
    nums: list[int] = []
    for part in re.split(r"\s*(?:[,;&]|and)\s*", body):
        bounds = [int(x) for x in re.findall(r"\d+", part)]
        if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] <= _MAX_RANGE:
            nums.extend(range(bounds[0], bounds[1] + 1))
        else:
            nums.extend(bounds)
    return nums


def _iter_markers(text: str) -> Iterator[tuple[re.Match, list[int]]]:
    for m in _MARKER.finditer(text):
        yield m, _expand(m.group(1))


def parse_markers(text: str) -> list[int]:
    """Cited numbers in order of first appearance. Example: "a [2] b [1-3]" -> [2, 1, 3]."""
    seen: dict[int, None] = {}
    for _, nums in _iter_markers(text):
        seen.update(dict.fromkeys(nums))
    return list(seen)


def strip_markers(text: str) -> str:
    """Text with every [n] marker removed and the spacing repaired."""
    return _SPACE_BEFORE_PUNCT.sub(r"\1", re.sub(r"[ \t]{2,}", " ", _MARKER.sub("", text))).strip()


def is_refusal(text: str) -> bool:
    """True when the answer as a whole says the archive/passages do not answer the question."""
    sentences = split_sentences(strip_markers(text))
    if not sentences or len(sentences) > 2:
        return False
    first = normalize(sentences[0])
    return first.startswith(normalize(NOT_IN_ARCHIVE)[:-1]) or any(p in first for p in _REFUSALS)


def passage_text(hit: Hit) -> str:
    """The passage as the model saw it (header + text): the date and headline can support a claim."""
    return f"{hit.issue_title}, {hit.date}, {hit.article}. {hit.text}"


def lexical_support(claim: str, passage: str) -> float:
    """Share of the claim's content terms found in the passage; numbers weigh double."""
    terms = dict.fromkeys(content_terms(strip_markers(claim)))
    if not terms:
        return 1.0
    have = set(content_terms(passage))
    weight = {t: 2.0 if t[0].isdigit() else 1.0 for t in terms}
    return sum(w for t, w in weight.items() if t in have) / sum(weight.values())


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
# A month a claim names is a fact to find like a number ("The Health Bill will become law on July 2026 [1]", from a
# passage naming no month); "may" is left out: it is more often the verb.
_MONTH_TERMS = frozenset(stem(m) for m in _MONTHS if m != "may")
_ISO_DATE = re.compile(r"\b(?:19|20)\d\d-(0[1-9]|1[0-2])-\d\d\b")


def _numbers_missing(claim: str, passage: str) -> bool:
    """A number or a month in the claim that the passage does not state (an ISO date, such as the issue's own in the
    passage's header, states its month)."""
    have = set(content_terms(passage)) | {stem(_MONTHS[int(m) - 1]) for m in _ISO_DATE.findall(passage)}
    return any((t[0].isdigit() or t in _MONTH_TERMS) and t not in have for t in content_terms(claim))


_TITLES = frozenset("dr mr mrs ms sir dame professor prof lord lady baroness cllr".split())
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*")
_WORD = re.compile(r"[\w'\u2019-]+")


def _bare(word: str) -> str:
    return re.sub(r"['\u2019]s?$", "", word)


def names_missing(claim: str, passage: str, question: str) -> list[str]:
    """The names in a claim that the passage does not state, besides those the question gives: for a question whose
    answer is a name, the answer. A name is a run of capitalised words (one word alone opening the sentence is no
    name); its last word, titles aside, must be in the passage ("Dr Phil Hammond won the 2024 general election [1]"
    cited a calendar naming no Hammond). Example: names_missing("Jon Restell said so.", "Restell said", "") -> []."""
    words = _WORD.findall(normalize(passage))  # "Rees-Mogg" whole, and "Party-IKIP" (a dash normalised) in parts
    have = {_bare(w) for w in words} | {_bare(part) for w in words for part in w.split("-")}
    asked = {_bare(w) for w in _WORD.findall(normalize(question))}
    missing = []
    for m in _CAPITALISED_RUN.finditer(claim):
        words = m.group(0).split()
        opens = not claim[: m.start()].strip() or claim[: m.start()].rstrip()[-1:] in ".:!?\"\u201c"
        last = _bare(normalize(words[-1]))
        if (opens and len(words) < 2) or last in _TITLES or last in asked:
            continue
        if last not in have:
            missing.append(m.group(0))
    return missing


def _attach(claim: str, nums: Sequence[int]) -> str:
    """Put markers before the sentence's final full stop, as the prompt asks: "... rise [1]."."""
    if not nums:
        return claim
    markers = "".join(f"[{n}]" for n in nums)
    if claim and claim[-1] in ".!?":
        return f"{claim[:-1].rstrip()} {markers}{claim[-1]}"
    return f"{claim} {markers}"


def _citation(n: int, hit: Hit, supported: bool) -> Citation:
    # Every field comes from index metadata: the model's text never reaches a link.
    return Citation(
        n=n, chunk_id=hit.chunk_id, text=hit.text, issue=hit.issue, issue_title=hit.issue_title,
        date=hit.date, article=hit.article, page=hit.page, url=hit.url,
        publisher_url=hit.publisher_url, supported=supported,
    )


def validate(
    answer_text: str,
    sent_hits: Sequence[Hit],
    *,
    support: Callable[[str, str], float] | None = None,
    threshold: float = 0.5,
    support_threshold: float = 0.6,
    unsupported: str = "remove",
    add_threshold: float | None = 0.8,
    name_asked_by: str = "",
) -> tuple[str, list[Citation]]:
    """Sanitise, drop out-of-range and unsupported markers, and return (text, citations in first-use order).

    A marker n in a sentence is kept when the sentence's content terms are mostly in passage n
    (lexical >= threshold), or support(sentence, passage) >= support_threshold with no number
    missing from the passage, or it shares a multi-cited sentence whose cited passages together
    cover it. unsupported="flag" keeps such markers with Citation.supported=False instead.
    add_threshold: an uncited sentence this well covered by one passage gets that passage's marker
    (None disables). Numbers are never renumbered: they match the sources shown before generation.
    name_asked_by: the question, when the answer it asks for is a name (who, which body, where): a name in a claim
    that the question does not give must then be in the passages cited for it (names_missing).
    """
    if unsupported not in ("remove", "flag"):
        raise ValueError('unsupported must be "remove" or "flag"')
    text = sanitize_answer(answer_text)
    if is_refusal(text):
        return strip_markers(text), []  # a refusal carries no references
    passages = [passage_text(h) for h in sent_hits]
    flagged: set[int] = set()
    said: set[str] = set()  # a small model sometimes writes the same sentence twice
    paragraphs = []
    for para in _markers_join_previous(re.split(r"\n\s*\n", text)):
        rebuilt = []
        for sentence in _markers_join_previous(_quotes_whole(split_sentences(para))):
            cited = [n for n in parse_markers(sentence) if 1 <= n <= len(sent_hits)]
            sentence = _marker_not_a_word(sentence)
            claim = _DANGLING.sub("", strip_markers(sentence))
            if not claim or normalize(claim) in said or _UNFINISHED.search(claim):
                continue
            said.add(normalize(claim))
            kept = _supported(claim, cited, passages, support, threshold, support_threshold)
            misnamed = bool(name_asked_by and kept and names_missing(
                claim, " ".join(passages[n - 1] for n in kept), name_asked_by))
            if misnamed:
                # The answer's name is not where it is cited from: only another passage of the same article (the
                # prompt labels an article once, and the model may cite its first passage for a later one's fact)
                # that holds the name and backs the claim stands in for it; no other passage is guessed.
                kept = _same_article_instead(claim, kept, sent_hits, passages, name_asked_by, threshold)
            if unsupported == "flag":
                flagged.update(n for n in cited if n not in kept)
                kept = cited
            if not kept and not misnamed and add_threshold is not None and len(content_terms(claim)) >= 3:
                scores = [lexical_support(claim, p) for p in passages]
                best = scores.index(max(scores)) if scores else -1
                if best >= 0 and scores[best] >= add_threshold and not _numbers_missing(claim, passages[best]) and not (
                        name_asked_by and names_missing(claim, passages[best], name_asked_by)):
                    kept = [best + 1]
            if len(claim.split()) <= 1 and not kept and len(split_sentences(text)) > 1:
                continue  # a leftover such as "See." once a link was removed
            rebuilt.append(_attach(claim, kept))
        if rebuilt:
            paragraphs.append(" ".join(s for s in rebuilt if s))
    cleaned = "\n\n".join(paragraphs)
    citations = [_citation(n, sent_hits[n - 1], n not in flagged) for n in parse_markers(cleaned)]
    return cleaned, citations


def _same_article_instead(claim: str, cited: Sequence[int], hits: Sequence[Hit], passages: Sequence[str],
                          question: str, threshold: float) -> list[int]:
    """The best other passage of a cited passage's article that names what the claim names and backs it, or []."""
    articles = {(hits[n - 1].issue, hits[n - 1].article_id) for n in cited}
    scored = [(lexical_support(claim, p), k + 1) for k, (h, p) in enumerate(zip(hits, passages))
              if (h.issue, h.article_id) in articles and k + 1 not in cited]
    for score, n in sorted(scored, reverse=True):
        p = passages[n - 1]
        if score >= threshold and not _numbers_missing(claim, p) and not names_missing(claim, p, question):
            return [n]
    return []


def _quotes_whole(sentences: list[str]) -> list[str]:
    """A quotation of two sentences is one claim: '"Got an event to share? Send details to the editor." [1]' gets
    no marker of its own inside the quote marks."""
    out: list[str] = []
    for s in sentences:
        if out and out[-1].count('"') % 2:
            out[-1] = f"{out[-1]} {s}"
        else:
            out.append(s)
    return out


def _markers_join_previous(sentences: list[str]) -> list[str]:
    """A sentence or paragraph of markers only ("Text.\\n\\n[1]") belongs to the one before it."""
    out: list[str] = []
    for s in sentences:
        if out and not strip_markers(s):
            out[-1] = f"{out[-1]} {s}"
        else:
            out.append(s)
    return out


def _supported(
    claim: str,
    cited: Sequence[int],
    passages: Sequence[str],
    support: Callable[[str, str], float] | None,
    threshold: float,
    support_threshold: float,
) -> list[int]:
    if not cited:
        return []
    if len(content_terms(claim)) < 2:
        return list(cited)  # "Yes [1]." has nothing to check against
    joined = " ".join(passages[n - 1] for n in cited)
    if _numbers_missing(claim, joined):
        return []  # a number no cited passage states is a wrong fact, however many words match
    lex = {n: lexical_support(claim, passages[n - 1]) for n in cited}
    union = lexical_support(claim, joined) if len(cited) > 1 else 0.0
    kept = []
    for n in cited:
        ok = lex[n] >= threshold or (union >= threshold and lex[n] >= threshold / 2)
        if not ok and support is not None:
            ok = support(claim, passages[n - 1]) >= support_threshold
        if ok:
            kept.append(n)
    return kept


def dated(answer: str, cites: Sequence[Citation], lead: str = "As of") -> str:
    """For a "latest" question, lead with the issue and date of what the answer says first (its first [n]; the
    newest cited issue when it has none) unless the answer already names that issue (its title, or its season and
    year as the title gives them: "summer 2026"). An answer whose first claim comes from an old issue is dated by
    that issue, not by a newer one cited further on. A year alone is not enough: "a 3% rise for 2026-27" does not
    say which issue the news is from, or how recent it is. lead: the words before the issue ("Reported in" for a
    "when" question whose answer gives no date).

    Example: "Mabon ap Gwynfor is health minister [1]." ->
    "As of Healthcare Manager issue 68, summer 2026 (2026-06-01): Mabon ap Gwynfor is health minister [1]."
    """
    if not cites:
        return answer
    by_n = {c.n: c for c in cites}
    first = next((by_n[n] for n in parse_markers(answer) if n in by_n), None)
    newest = first or max(cites, key=lambda c: c.date)
    season = re.search(r"\b(?:spring|summer|autumn|winter) \d{4}\b", newest.issue_title or "", re.I)
    named = [newest.issue_title] + ([season.group(0)] if season else [])
    if any(n and n.casefold() in answer.casefold() for n in named):  # "In summer 2026 ..." dates itself
        return answer
    return f"{lead} {newest.issue_title} ({newest.date}): {answer}"


def only_cited_sentences(text: str) -> str:
    """Drop the sentences left without a [n] marker: validation found no passage backing them.

    Example: "Pay rose 3% [1]. The backlog is huge." -> "Pay rose 3% [1]."
    """
    paragraphs = []
    for para in text.split("\n\n"):
        kept = [s for s in split_sentences(para) if parse_markers(s)]
        if kept:
            paragraphs.append(" ".join(kept))
    return "\n\n".join(paragraphs)
