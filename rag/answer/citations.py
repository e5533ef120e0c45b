"""Pure citation handling: parse [n] markers, check support, build Citations from hits."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Iterator, Mapping, Sequence

from rag.answer.claim_numbers import numbers_misplaced
from rag.answer.claim_shapes import copies_a_heading, quotes_whole, said_before
from rag.answer.claim_support import ClaimCheck, lexical_support, same_article_instead, supported
from rag.answer.issue_names import issue_named
from rag.answer.reported import reported_held
from rag.answer.restated import said_in_one_place
from rag.answer.sanitize import sanitize_answer
from rag.answer.terms import STOPWORDS, content_terms, stem  # noqa: F401  (re-exported: much of rag imports them here)
from rag.sentences import split_sentences
from rag.textnorm import normalize
from rag.types import Citation, Hit

NOT_IN_ARCHIVE = "The archive does not cover this."

# [1], [1, 2], [1-3], [1; 2], [Passage 2]; never [1](url), which is a link.
_MARKER = re.compile(
    r"\[\s*(?:(?:passages?|sources?|refs?)\s*)?(\d{1,3}(?:\s*(?:[,;&\-\u2013\u2014]|and)\s*\d{1,3})*)\s*\](?!\()",
    re.I,
)
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")
# A marker used as a word: "The passage from [1] states that ..." read "The passage from states that ..." once its
# marker moved to the sentence's end; "According to [2], pay rose" read ", pay rose".
_MARKER_NOUN = re.compile(r"\b(?:the\s+)?(?:passages?|sources?|texts?)\s+(?:from\s+|in\s+|of\s+)?(?=\[\s*\d)", re.I)
# A marker opening a sentence as its subject: "... challenges. [2] emphasizes the importance of ..." (the local model,
# a walk); split as written, [2] closes the sentence before and this one reads "emphasizes the importance of ...".
# Only before a verb of saying ("says", "also notes"): "[1][2] and provide ..." read as "The article and provide" (a
# walk).
# So too opening the answer or a paragraph: "[1] states that ESMs at the top of their pay bands ..." read "states that
# ESMs ..." (the local model, session 27).
_MARKER_SUBJECT = re.compile(r"(^[ \t]*|[.!?][\"'\u2019\u201d)]*[ \t]+)((?:\[\s*\d[\d\s,;\-]*\]\s*)+?)[ \t]*"
                             r"(?=(?:also\s+)?[a-z]+s\b)", re.M)
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
                       r"explained|outlined|set out) in\s*(?=[.!?]?$)|[,;]?\s*\baccording to\s*(?=[.!?]?$)"
                       # a quotation's source given as its marker: 'X said "racism ... unchallenged" in [1].' (a walk)
                       r"|(?<=[\"\u201d])\s+(?:in|from)\s*(?=[.!?]?$)", re.I)
# A sentence the model left unfinished ("The outcome of the case was [1].") states nothing, however it is cited; nor
# does one ending on the prompt's gap mark, copied with a subheading ("ICB powers, patient records and Healthwatch
# ... [2]", a walk). (Not one ending ":": it may lead in a list the model writes below it.)
_UNFINISHED = re.compile(r"(?:\b(?:is|was|are|were|be|been|the|a|an|of|than|by|to|from|with|and|or|including)|,|"
                         r"\u2026|\.\.\.)\s*[.!?]?$", re.I)
# ... and one cut off where the model stopped writing, with no stop: "... and a perception among staff that [3]" (a
# session-25 batch; "Local managers need the freedom to get on with that." is whole)
_CUT_OFF = re.compile(r"\b(?:that|which|whose|their|such|because|whether)\s*$", re.I)
# With the issues' titles and dates, the words of a sentence about the archive itself, not about what was asked
_ABOUT_THE_ARCHIVE = frozenset(content_terms("the newest latest current issue in the archive magazine edition"))
_THE_NEWEST = frozenset(content_terms("newest latest archive"))  # (not a bare issue title: "which issue said so?")
_MAX_RANGE = 20
_REFUSALS = (
    "archive does not cover", "archive doesn't cover", "not covered", "not in the archive",
    "passages do not", "passages don't", "passage does not", "passages provided do not",
    "no information", "not enough information", "does not mention", "do not mention", "not mentioned",
    "no mention", "don't know", "do not know", "cannot answer", "can't answer", "unable to answer",
    "does not say", "doesn't say", "do not say", "not provided", "does not provide", "do not provide",
    "not specified", "no relevant", "cannot find", "can't find", "could not find", "no answer",
)


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


def _attach(claim: str, nums: Sequence[int]) -> str:
    """Put markers before the sentence's final full stop, as the prompt asks: "... rise [1]."."""
    if not nums:
        return claim
    markers = "".join(f"[{n}]" for n in nums)
    if claim and claim[-1] in ".!?":
        return f"{claim[:-1].rstrip()} {markers}{claim[-1]}"
    return f"{claim} {markers}"


def citation_of(n: int, hit: Hit, supported: bool) -> Citation:
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
    question: str = "",
    names: bool = False,
    rarity: Mapping[str, int] | None = None,
    whole_texts: Sequence[str] | None = None,
    article_texts: Sequence[str] | None = None,
) -> tuple[str, list[Citation]]:
    """Sanitise, drop out-of-range and unsupported markers, and return (text, citations in first-use order).

    A marker n in a sentence is kept when the sentence's content terms are mostly in passage n
    (lexical >= threshold), or support(sentence, passage) >= support_threshold with no number
    missing from the passage, or it shares a multi-cited sentence whose cited passages together
    cover it. unsupported="flag" keeps such markers with Citation.supported=False instead.
    add_threshold: an uncited sentence this well covered by one passage gets that passage's marker
    (None disables). Numbers are never renumbered: they match the sources shown before generation.
    question: the question a model answered; a claim that only restates it ("Yes, MiP welcomed the bill") must be
    said in one place of a passage cited for it (claim_support.said_in_one_place), and is given no other passage.
    names: the question asks for a name (who, which body, where): a name in a claim that the question does not give
    must then be in the passages cited for it (names_missing). Both checks: claim_support.ClaimCheck.
    rarity: passages holding each term over the archive: a claim answering "why ...?" must find what it takes as given
    (the rarest of its terms from the question) in a passage cited for it (restated.premise_terms).
    whole_texts: each passage's whole text where the model saw chosen sentences of it (claim_support.supported).
    article_texts: each passage's whole article, which a claim's number is held to as well (claim_support.supported).
    """
    if unsupported not in ("remove", "flag"):
        raise ValueError('unsupported must be "remove" or "flag"')
    text = _MARKER_SUBJECT.sub(lambda m: f"{m.group(1).rstrip()}{' ' if m.group(1).strip() else ''}The article "
                               f"{m.group(2)}", sanitize_answer(answer_text))
    if is_refusal(text):
        return strip_markers(text), []  # a refusal carries no references
    passages = [passage_text(h) for h in sent_hits]
    whole = ([passage_text(replace(h, text=t)) for h, t in zip(sent_hits, whole_texts)] if whole_texts is not None
             else None)
    about_the_issues = _ABOUT_THE_ARCHIVE.union(*(content_terms(f"{h.issue_title} {h.date}") for h in sent_hits))
    flagged: set[int] = set()
    said: set[str] = set()  # a small model sometimes writes the same sentence twice
    told: list[frozenset[str]] = []  # ... or again in other words: "The SSRB report also highlighted ..." (a walk)
    paragraphs = []
    for para in _markers_join_previous(re.split(r"\n\s*\n", text)):
        rebuilt = []
        for sentence in _markers_join_previous(quotes_whole(split_sentences(para))):
            cited = [n for n in parse_markers(sentence) if 1 <= n <= len(sent_hits)]
            sentence = _marker_not_a_word(sentence)
            claim = _DANGLING.sub("", strip_markers(sentence))
            terms = frozenset(content_terms(claim))
            unfinished = _UNFINISHED.search(claim) or _CUT_OFF.search(claim)
            wordless = not any(c.isalnum() for c in claim)  # a stray '" [2]' after the last sentence (walk 30)
            if wordless or normalize(claim) in said or unfinished or said_before(terms, told) or (
                    question and not names and copies_a_heading(claim, sent_hits)):
                continue
            if question and claim.rstrip(" \"'\u201d\u2019)").endswith("?"):
                continue  # a model's question states nothing to cite: "Got an event that MiP members should know
                # about [3]?" answered "who do I contact at MiP?" (a walk), the noticeboard's call for events
            if terms & _THE_NEWEST and terms <= about_the_issues:
                continue  # "The newest issue in the archive is ... [1]": the prompt's own line, answering nothing
            if is_refusal(claim) and len(claim.split()) <= 10:
                continue  # "The archive does not cover this [1]." after an answer (the whole text is no refusal)
            said.add(normalize(claim))
            told.append(terms)
            kept = supported(claim, cited, passages, support, threshold, support_threshold, whole, article_texts)
            check = ClaimCheck.of(claim, question, names, rarity)
            misnamed = bool(kept) and not check.names_held(" ".join(passages[n - 1] for n in kept))
            if misnamed:
                # The answer's name is not where it is cited from: only another passage of the same article (the
                # prompt labels an article once, and the model may cite its first passage for a later one's fact)
                # that holds the name and backs the claim stands in for it; no other passage is guessed.
                kept = same_article_instead(check, kept, sent_hits, passages, threshold)
            if check.restated:
                kept = [n for n in kept if said_in_one_place(claim, passages[n - 1])]
            kept = [n for n in kept if check.premise_held(passages[n - 1])]
            if kept and not check.answer_held(" ".join(passages[n - 1] for n in kept)):
                kept = []
            if question:  # a model's words: what it reports someone saying, and who "he" is, are the passage's
                kept = [n for n in kept if reported_held(claim, question, passages[n - 1], threshold)]
            if unsupported == "flag":
                flagged.update(n for n in cited if n not in kept)
                kept = cited
            if not kept and not misnamed and add_threshold is not None and len(content_terms(claim)) >= 3:
                scores = [lexical_support(claim, p) for p in passages]
                best = scores.index(max(scores)) if scores else -1
                if best >= 0 and scores[best] >= add_threshold and check.backed_by(passages[best]) and (
                        whole is None or not (numbers_misplaced(claim, whole[best])
                                              or numbers_misplaced(claim, " ".join(whole)))) and (
                        article_texts is None or not numbers_misplaced(claim, article_texts[best])) and (
                        not question or reported_held(claim, question, passages[best], threshold)):
                    kept = [best + 1]
            if len(claim.split()) <= 1 and not kept and len(split_sentences(text)) > 1:
                continue  # a leftover such as "See." once a link was removed
            rebuilt.append(_attach(claim, kept))
        if rebuilt:
            paragraphs.append(" ".join(s for s in rebuilt if s))
    if paragraphs:  # a lead-in to a list the model never wrote ("Managing the environment, not the person: [3]")
        last = split_sentences(paragraphs[-1])
        if last and strip_markers(last[-1]).endswith(":"):
            paragraphs[-1:] = [" ".join(last[:-1])] if len(last) > 1 else []
    cleaned = "\n\n".join(paragraphs)
    citations = [citation_of(n, sent_hits[n - 1], n not in flagged) for n in parse_markers(cleaned)]
    return cleaned, citations


def _markers_join_previous(sentences: list[str]) -> list[str]:
    """A sentence or paragraph of markers only ("Text.\\n\\n[1]") belongs to the one before it."""
    out: list[str] = []
    for s in sentences:
        if out and not strip_markers(s):
            out[-1] = f"{out[-1]} {s}"
        else:
            out.append(s)
    return out


def dated(answer: str, cites: Sequence[Citation], lead: str = "As of") -> str:
    """For a "latest" question, lead with the issue and date of what the answer says first (its first [n]; the
    newest cited issue when it has none) unless the answer already names that issue (its title, or its season and
    year as the title gives them: "summer 2026"). An answer whose first claim comes from an old issue is dated by
    that issue, not by a newer one cited further on. A year alone is not enough: "a 3% rise for 2026-27" does not
    say which issue the news is from, or how recent it is. lead: the words before the issue ("Reported in" for a
    "when" question whose answer gives no date).

    Example: "Mabon ap Gwynfor is health minister [1]." ->
    "As of Healthcare Manager issue 68, summer 2026: Mabon ap Gwynfor is health minister [1]."
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
    return f"{lead} {issue_named(newest.issue_title, newest.date)}: {answer}"


def only_cited_sentences(text: str) -> str:
    """Drop the sentences left without a [n] marker: validation found no passage backing them.

    Example: "Pay rose 3% [1]. The backlog is huge." -> "Pay rose 3% [1]."
    """
    return kept_sentences(text, lambda s: bool(parse_markers(s)))


def kept_sentences(text: str, keep: Callable[[str], bool]) -> str:
    """The text with only the sentences keep accepts, its paragraphs kept apart; a paragraph left empty goes."""
    paragraphs = (" ".join(s for s in split_sentences(p) if keep(s)) for p in text.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p.strip())
