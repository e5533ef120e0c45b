"""Pure checks of a claim against passages: its words, its names, who says it (its numbers and months:
rag.answer.claim_numbers)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from rag.answer.bylines import named_only_as_interviewer
from rag.answer.claim_numbers import dates_misplaced, numbers_misplaced, numbers_missing
from rag.answer.claim_wording import quotes_altered, right_altered
from rag.answer.descriptions import description_moved, role_not_given
from rag.answer.durations import duration_of_something_else
from rag.answer.polarity import negation_dropped, opposite_said
from rag.answer.purposes import detail_for_other_purpose
from rag.answer.restated import premise_terms, restates, said_by_someone_before, said_in_one_place, sentence_saying
from rag.answer.terms import content_terms
from rag.contact_details import details_not_in
from rag.sentences import split_sentences
from rag.textnorm import normalize
from rag.types import Hit


def lexical_support(claim: str, passage: str) -> float:
    """Share of the claim's content terms found in the passage; numbers weigh double. (The claim without its
    markers.)"""
    terms = dict.fromkeys(content_terms(claim))
    if not terms:
        return 1.0
    have = set(content_terms(passage))
    weight = {t: 2.0 if t[0].isdigit() else 1.0 for t in terms}
    return sum(w for t, w in weight.items() if t in have) / sum(weight.values())


_TITLES = frozenset("dr mr mrs ms sir dame professor prof lord lady baroness cllr".split())
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)*")
_WORD = re.compile(r"[\w'\u2019-]+")


def _bare(word: str) -> str:
    return re.sub(r"['\u2019]s?$", "", word)


def words_of(text: str) -> set[str]:
    """A text's words, bare of "'s": "Rees-Mogg" whole, and "Party-IKIP" (a dash normalised) in parts as well."""
    words = _WORD.findall(normalize(text))
    return {_bare(w) for w in words} | {_bare(part) for w in words for part in w.split("-")}


def names_missing(claim: str, passage: str, question: str) -> list[str]:
    """The names in a claim that the passage does not state, besides those the question gives: for a question whose
    answer is a name, the answer. A name is a run of capitalised words (one word alone opening the sentence is no
    name); its last word, titles aside, must be in the passage ("Dr Phil Hammond won the 2024 general election [1]"
    cited a calendar naming no Hammond). Example: names_missing("Jon Restell said so.", "Restell said", "") -> []."""
    have = words_of(passage)
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


# A name in full: "Prince Obike", "Helga Pile" (two or more capitalised words)
FULL_NAME = re.compile(r"\b[A-Z][a-z][\w'\u2019-]*(?:\s+[A-Z][a-z][\w'\u2019-]*)+")


def last_name(run: str) -> str:
    words = [w for w in run.split() if _bare(normalize(w)) not in _TITLES]
    return _bare(normalize(words[-1])) if words else ""


def subject_swapped(claim: str, passage: str, question: str) -> bool:
    """True when the claim opens on a name the question does not give, and the passage's sentence that says the rest
    of the claim names the question's own person instead, or the other way round ("John Martin worked as an
    emergency medical technician in London ..." for "Where did Jason Killens work before?", from "Killens's own path
    included working as an emergency medical technician in London ...", John Martin named a sentence before)."""
    opening = _CAPITALISED_RUN.match(claim.strip())
    if not opening or len(opening.group(0).split()) < 2:
        return False
    subject = last_name(opening.group(0))
    asked = {last_name(m.group(0)) for m in _CAPITALISED_RUN.finditer(question) if m.start() > 0} - {""}
    rest = set(content_terms(claim.strip()[opening.end():]))
    sentences = split_sentences(passage)
    if not rest or not sentences:
        return False
    said = max(sentences, key=lambda s: len(rest & set(content_terms(s))))
    words = words_of(said)
    if subject in words_of(question):
        # ... or opens on the question's own person while that sentence is another's, named in full where it opens
        # ("Helga Pile is an employment law specialist at Thompsons" from "Jo Seery is an employment law specialist
        # at Thompsons", a walk's answer to "Who is Helga Pile?")
        other = _CAPITALISED_RUN.match(said.strip())
        return (bool(other) and len(other.group(0).split()) >= 2 and subject not in words
                and len(rest & set(content_terms(said))) >= 0.6 * len(rest))
    return bool(asked) and bool(asked & words) and subject not in words


# Verbs a claim says who said something with; a passage sentence reports words with these and a few more
SAYING = ("said|says|told|tells|warned|warns|argued|argues|added|adds|explained|explains|insisted|insists|admitted|"
           "admits|claimed|claims|wrote|writes")
# "were told to cut their running costs" says what someone was told, not who said it
_ATTRIBUTION = re.compile(r"\b((?<!were )(?<!was )(?<!been )(?<!being )told|" + SAYING.replace("told|", "")
                          + r"|according to)\b", re.I)


# A passage sentence that reports someone's words: a quotation mark, or a verb of saying or finding
_REPORTED = re.compile(r"[\"\u201c\u201d\u2018]|\u2019(?!s)|\b(?:(?<!were )(?<!was )(?<!been )told|"
                       + SAYING.replace("told|", "") + r"|say|suggests?|suggested|found|finds|shows?|showed|reported|"
                       r"reports|estimates?|estimated|according|believes|thinks|commented|noted|notes|described|"
                       r"describes|stated|states|urged|urges|asked|asks|recalls|recalled|observes|jokes)\b", re.I)


def _reported(claim: str, attribution: re.Match) -> set[str]:
    """The terms of what a claim says was said: after its verb of saying, bar a leading "that" or colon."""
    return set(content_terms(re.sub(r"^\s*(?:that\b|:)\s*", "", claim[attribution.end():])))


def narration_attributed(claim: str, passage: str) -> bool:
    """True when the claim says someone said what the passage says in its own voice: the passage's sentence that the
    claim's reported words copy names no speaker, quotes nothing and has no verb of saying (a walk got "Sarah
    Woolnough ... said that further job losses would also be likely at England's 42 ICBs [1]", the reporter's line
    before her quote)."""
    m = _ATTRIBUTION.search(claim)
    if not m:
        return False
    words = _reported(claim, m)
    copied = sentence_saying(words, passage, 0.8) if len(words) >= 4 else ""
    if not copied:
        return False  # not one sentence's words: a summary, left to the other checks
    speaker = {_bare(normalize(w)) for w in _WORD.findall(claim[:m.start()]) if w[:1].isupper()}
    return not _REPORTED.search(copied) and not speaker & words_of(copied)


_PERSON = re.compile(r"^(?:[A-Z][a-z][\w'\u2019-]*\s+){0,3}[A-Z][a-z][\w'\u2019-]*$")  # "Atkins", "Jon Restell"


def speaker_swapped(claim: str, passage: str) -> bool:
    """True when the claim says a person said what the passage's sentence gives to someone else, named in full in that
    sentence, which does not name the claim's speaker (a walk's "Atkins said that management cuts were a "false
    economy" [1]": Jon Restell's words, in a passage naming Atkins elsewhere). A sentence naming no one ("..., he
    added") is left to the other checks."""
    m = _ATTRIBUTION.search(claim)
    run = _CAPITALISED_RUN.search(claim[: m.start()]) if m else None
    if not run or not _PERSON.match(run.group(0).strip()) or claim[run.end(): m.start()].strip():
        return False  # no person right before the verb of saying: "MiP said", "The union warned"
    speaker = last_name(run.group(0))
    words = _reported(claim, m)
    said = sentence_saying(words, passage, 0.6) if len(words) >= 3 and speaker not in _TITLES else ""
    if not said:
        return False  # not one sentence's words: a summary, left to the other checks
    if speaker in words_of(said):
        return False
    # someone else named there, or "She added: "This is part of my reforms ..."" (Victoria Atkins), given by a walk's
    # answer to Jon Restell, named only after it
    return bool({last_name(n) for n in FULL_NAME.findall(said)} - {speaker, ""}) or said_by_someone_before(
        said, speaker, passage)


def attributes(claim: str) -> bool:
    """True when the claim says who said or wrote something: the speaker it names must be the passage's (a follow-up
    once gave Jon Restell's words to the health secretary, named in the same prompt)."""
    return bool(_ATTRIBUTION.search(claim))


@dataclass(frozen=True)
class ClaimCheck:
    """What a passage must hold to back one claim, besides enough of its words: every number and month it states;
    when the question asks for a name (names), the names it gives beyond the question's; when the claim only
    restates the question (restated), the claim said in one place (said_in_one_place); and some of what it adds to
    the question (answer_held)."""

    claim: str
    question: str = ""
    names: bool = False
    restated: bool = False
    premise: frozenset[str] = frozenset()  # answering "why ...?": the rarest terms of what the claim takes as given
    added: frozenset[str] = frozenset()  # the claim's terms the question does not give: what it answers

    @classmethod
    def of(cls, claim: str, question: str, names: bool, df: Mapping[str, int] | None = None) -> "ClaimCheck":
        """names: the question asks for one; a claim saying who said something is held to its names as well.
        df: passages holding each term over the archive, for the premise of an answer to "why ...?"."""
        return cls(claim, question, names or attributes(claim), bool(question) and restates(claim, question),
                   premise_terms(claim, question, df) if question and df is not None else frozenset(),
                   frozenset(content_terms(claim)) - frozenset(content_terms(question)) if question else frozenset())

    def premise_held(self, passage: str) -> bool:
        """The passage says what the claim takes as given (its rarest terms), not only the reason it adds; and
        what a model's claim quotes, or the right it states, the passage says in those words (quotes_altered,
        right_altered)."""
        return ((not self.premise or self.premise <= set(content_terms(passage)))
                and not (self.question and (quotes_altered(self.claim, passage) or right_altered(self.claim, passage)
                                            or negation_dropped(self.claim, passage)
                                            or opposite_said(self.claim, passage)
                                            or detail_for_other_purpose(self.claim, passage, self.question)
                                            or duration_of_something_else(self.claim, passage, self.question))))

    def answer_held(self, passage: str) -> bool:
        """The passage holds some of what the claim adds to the question: "Leeds Teaching Hospitals offers redundancy
        pay [1]" (a walk, asked what redundancy terms Leeds offers) held the question's Leeds Teaching Hospitals, and
        so half its words, while passage [1] said nothing of pay or redundancy."""
        return not self.added or bool(self.added & set(content_terms(passage)))

    def names_held(self, passage: str) -> bool:
        # who said it is held to the passage even when the question names them: "What did James Murray say about
        # money?" was answered "James Murray said that the Conservatives announced ..." from the chancellor's claim
        asked = "" if attributes(self.claim) else self.question
        return ((not self.names or not names_missing(self.claim, passage, asked))
                and not (self.question and (subject_swapped(self.claim, passage, self.question)
                                            or narration_attributed(self.claim, passage)
                                            or speaker_swapped(self.claim, passage)
                                            or description_moved(self.claim, passage)
                                            or role_not_given(self.claim, passage, self.question)
                                            or named_only_as_interviewer(self.claim, passage))))

    def backed_by(self, passage: str) -> bool:
        return (not numbers_missing(self.claim, passage) and not numbers_misplaced(self.claim, passage)
                and not dates_misplaced(self.claim, passage) and self.names_held(passage)
                and self.premise_held(passage) and self.answer_held(passage)
                and (not self.restated or said_in_one_place(self.claim, passage)))


def same_article_instead(check: ClaimCheck, cited: Sequence[int], hits: Sequence[Hit], passages: Sequence[str],
                         threshold: float) -> list[int]:
    """The best other passage of a cited passage's article that backs the claim (ClaimCheck.backed_by and enough of
    its words), or []."""
    articles = {(hits[n - 1].issue, hits[n - 1].article_id) for n in cited}
    scored = [(lexical_support(check.claim, p), k + 1) for k, (h, p) in enumerate(zip(hits, passages))
              if (h.issue, h.article_id) in articles and k + 1 not in cited]
    for score, n in sorted(scored, reverse=True):
        if score >= threshold and check.backed_by(passages[n - 1]):
            return [n]
    return []


def supported(
    claim: str,
    cited: Sequence[int],
    passages: Sequence[str],
    support: Callable[[str, str], float] | None,
    threshold: float,
    support_threshold: float,
    whole: Sequence[str] | None = None,
    articles: Sequence[str] | None = None,
) -> list[int]:
    """The cited passages that back the claim. whole: the passages in full, where the model saw part of each (the
    prompt's chosen sentences): a number is also held to what the rest of its passage says it is of, and to what
    every passage sent says it is of ("Agenda for Change staff got a 3% pay rise [4]", [4] on board-level managers'
    3%, while another passage sent gives Agenda for Change staff 3.3%: a walk, twice). articles: each passage's whole
    article: a number is held to what the cited passages' articles say it is of too ("The pay rise for Agenda for
    Change staff is 3% [1]", a walk's third time: [1] held the 3% only in its headline, and the 3.3% paid to staff
    on Agenda for Change stood in another passage of the article, not sent)."""
    if not cited:
        return []
    if len(content_terms(claim)) < 2:
        return list(cited)  # "Yes [1]." has nothing to check against
    joined = " ".join(passages[n - 1] for n in cited)
    joined_whole = " ".join(whole[n - 1] for n in cited) if whole is not None else joined
    every_whole = " ".join(whole) if whole is not None else joined
    in_articles = " ".join(dict.fromkeys(articles[n - 1] for n in cited)) if articles is not None else ""
    if details_not_in(claim, joined_whole):
        return []  # a phone number or email address the cited passages do not give
    if (numbers_missing(claim, joined) or numbers_misplaced(claim, joined) or numbers_misplaced(claim, joined_whole)
            or numbers_misplaced(claim, every_whole) or (in_articles and numbers_misplaced(claim, in_articles))
            or dates_misplaced(claim, joined_whole)):
        # a number no cited passage states, or states of something else (in the part the model saw, or in the rest
        # of its passage: "below the 3.3% paid to NHS staff on Agenda for Change" was not sent with "a 3% pay
        # rise for board-level managers", and a walk was told Agenda for Change staff get 3%), is a wrong fact
        return []
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
