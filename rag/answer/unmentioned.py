"""Pure: the member's rare words that the passages an answer cites never use.

A question next to what the archive covers ("how much maternity pay do NHS managers get?") retrieves passages about
managers' pay and is answered from them with quotes that sound sure; the refusal decision cannot tell it from a
reworded question (docs/evals.md, session 17: on every signal measured, such questions look like the dev set's
paraphrases). What can be said for certain is which of the member's words the cited passages do not contain, as a
search engine says "Missing: maternity". Only words the whole archive uses at most MAX_DF times are named: a common
word missing from one passage ("year", "get") says nothing, while a word the archive hardly knows, missing from the
sources, is the part of the question they may not answer.
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from rag.answer.agents import doer_words
from rag.answer.citations import is_refusal, kept_sentences
from rag.answer.descriptions import role_asked
from rag.answer.terms import IRREGULAR, SAME_CHANGE, content_terms, document_frequencies, stem
from rag.contact_details import CONTACT_WORDS, holds_details
from rag.textnorm import normalize

# Passages of the whole archive that may use a word for it to be named when the sources lack it: passages overlap, so
# a word said once is often in two.
MAX_DF = 2
MAX_NAMED = 3
# A name the member gives (a capital past the question's first word: "Scotland", "GPs") is what the question is about
# more surely than any other word: named when the archive holds it in at most this many passages. Extractive dev set,
# 208 answers: 2 of 42 unanswerable questions answered newly told (q096 and q236 on Scotland's pay), 1 of 166
# answerable newly told a true word that would worry no one ("Tories" under "Conservatives")
MAX_DF_NAME = 10
# (not an acronym: "VSM" is held by "very senior managers", which the notice does not know)
_NAME = re.compile(r"(?<=\s)(?![A-Z]+s?\b)[A-Z][\w'\u2019-]*")
# Words about the question's frame, not its subject: what a member calls the magazine and its parts, and indefinite
# pronouns ("did the magazine say anything about ...?").
_FRAME = frozenset("anything something everything nothing magazine article articles piece issue wrote written".split()
                   # a contraction typed without its apostrophe, and a verb of being told: no subject of the question
                   # ("None of the sources cited uses the words "bullied" or "wont"" under "HR wont do anything", and
                   # "told" under "i've been told my post is at risk": walk 26b)
                   + "wont dont cant isnt arent doesnt didnt wasnt werent havent hasnt shouldnt wouldnt couldnt im ive "
                     "told".split())
# In the notice only: a question's own frame ("what does that mean for me?", "what happens if ..."), named as a word no
# source uses under a walk's follow-ups
_ASKING = frozenset("mean means meaning happen happens happened happening exactly precisely actually really".split()
                    # the kind of figure asked for: "what percentage of NHS staff are satisfied with pay?" was told no
                    # source uses "percentage" under "only a third of staff are satisfied with their pay"
                    + "percentage percentages proportion proportions percent".split()
                    # when it is asked of, which the answer's dates say: "what about last year?" was told no source
                    # uses "last", and "what am I supposed to do?" no source "supposed" (walk 34)
                    + "last next previous recent recently latest current currently now today ago year years month "
                      "months week weeks supposed".split()
                    # ... and a request for an example of what was asked before ("give me an example")
                    + "example examples give show instance instances like such".split())
# ... and the word "how" asks with: "how long do they have to decide?" asks for a time, under sources saying "within
# two months", which were told no source uses "long"
_HOW = re.compile(r"\bhow\s+(long|often|soon|far|old|big|large|quickly|late|early|many|much)\b", re.I)  # "how many use
# it?" was told no source uses "many" (a session-26 batch)
# Numbers written as words past twelve (rag.answer.terms reads "two" to "twelve" as figures): a walk's "eighteen" was
# named under sources saying "18"
_NUMBER_WORDS = dict(zip(("thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
                          "sixty seventy eighty ninety hundred").split(),
                         "13 14 15 16 17 18 19 20 30 40 50 60 70 80 90 100".split()))
# Words asking for a contact detail, said by none: "020 3437 1473" says no "ring" (walk 32)
_CONTACT = frozenset(CONTACT_WORDS.split())
_LONGEST = 30  # letters: a longer run is a pasted token, not a word a member typed
_WORD = re.compile(r"[^\W\d_]{4,}(?:'[^\W\d_]+)?")
_SHORT_WORD = re.compile(r"[^\W\d_]{3,}(?:'[^\W\d_]+)?")  # a follow-up's own words: "and GPs?"


def by_key(df: Mapping[str, int]) -> dict[str, int]:
    """Passages holding each word (df: passages holding each stemmed content term, each form its own:
    word_frequencies), under unmentioned's keys."""
    passages: dict[str, int] = {}
    for term, count in df.items():
        passages[_key(term)] = passages.get(_key(term), 0) + count
    return passages


def word_frequencies(texts: Sequence[str]) -> dict[str, int]:
    """Passages holding each stemmed content term, each irregular form its own ("took" is not "take"), for by_key."""
    return document_frequencies(texts, irregular=False)


def unmentioned(question: str, cited: Sequence[str], passages: Mapping[str, int], max_df: int = MAX_DF, *,
                follow_up: bool = False) -> list[str]:
    """The question's words (lower case, first MAX_NAMED) that no cited text holds and at most max_df passages of
    the archive hold (passages: by_key of the archive's document frequencies), or MAX_DF_NAME for a name it gives.
    follow_up: the question was read with the conversation before it, so each of its own words (not numbers) is what
    it asks, however common in the archive:
    an attacker's "and GPs?" after questions on VSMs' and nurses' pay was answered with the Agenda for Change award
    and no word that no source names GPs."""
    named = _missing(question, cited, passages, max_df, verbs=True)
    names = " ".join(_NAME.findall(" " + question.strip().split(None, 1)[-1]))  # (not the question's first word)
    named.update((k, w) for k, w in _missing(names, cited, passages, max(max_df, MAX_DF_NAME), verbs=True,
                                              pattern=_SHORT_WORD).items() if k not in named)
    every = _missing(question, cited, passages, None, verbs=True, pattern=_SHORT_WORD)
    if follow_up:
        named.update((k, w) for k, w in every.items() if k not in named)
    # the role a "who" question asks about, however common: "who is the general secretary of MiP?" was quoted "General
    # seat: Adrian O'Malley ..." with no word that no source cited says "secretary" (a batch, session 35)
    role = role_asked(question)
    named = {**{k: w for k, w in every.items() if set(content_terms(w)) & role}, **named}
    details = any(holds_details(text) for text in cited)  # "how can I ring the union?" under "020 3437 1473 // ..."
    return [w for w in named.values() if not (details and w in _CONTACT)][:MAX_NAMED]


def without_unheld_words(answer: str, question: str, sent: Sequence[str], passages: Mapping[str, int]) -> str:
    """A model's answer without its sentences that use a word of the member's that no passage it was given holds
    (as unmentioned names them; sent: those passages' texts). Asked "What is the mileage rate for NHS managers?"
    with passages on managers' pay, none saying "mileage", the local model wrote "The mileage rate for NHS managers
    is 3% [1]": every other check passed it, as its one added term, 3, is in the passage. A sentence saying the
    sources do not answer is kept, for the pipeline to read as a decline."""
    missing = set(_missing(question, sent, passages, MAX_DF))
    if not missing:
        return answer
    return kept_sentences(answer, lambda s: is_refusal(s) or not missing & _keys(s))


def _missing(question: str, cited: Sequence[str], passages: Mapping[str, int], max_df: int | None,
             verbs: bool = False, pattern: re.Pattern = _WORD) -> dict[str, str]:
    """{key: the question's word} for unmentioned's words, in the question's order (max_df None: however common);
    verbs: for the notice, an irregular past form counts as its verb ("took" as "take"), an adverb as its adjective
    ("flexibly" is held by "flexible working"), a noun as its verb or adjective ("diversity" by "diversify": _RELATIVES)
    and a number word as its figure ("eighteen" by "18"), and the
    question's asking words are not named."""
    held = _keys(" ".join(cited), verbs)
    changes = set(content_terms(" ".join(cited))) & set(SAME_CHANGE.values())  # a rise, a cut: in any of their words
    named: dict[str, str] = {}
    text = _HOW.sub("how", normalize(question)) if verbs else normalize(question)
    for word in pattern.findall(text):
        if len(word) > _LONGEST:
            continue  # no word: a walk's pasted 860-character token was quoted whole in the notice
        if verbs and (word in _ASKING or _NUMBER_WORDS.get(word) in held or _relative_held(word, held)):
            continue
        if changes and set(content_terms(word)) & changes:
            continue  # "uplift" is held by "rise" (rag.answer.terms.SAME_CHANGE): "None of the sources cited uses the
            # word "uplift"" came under the 3% pay rise (session 27)
        terms = [] if word in _FRAME else content_terms(word, irregular=False)
        key = _key(_IRREGULAR.get(terms[0], terms[0]) if verbs else terms[0]) if len(terms) == 1 else ""
        if not key or key in named or key in held or (max_df is not None and passages.get(key, 0) > max_df):
            continue
        named[key] = word
    return named


# A word and the word it is made from: an adverb and its adjective ("flexibly" is held by "flexible working",
# "legally" by "legal"); a noun and its verb or adjective, and back (a walk's "his views on diversity" was told no
# source uses "diversity" under a headline saying "We've got to diversify our workforce"); a verb and its noun ("are
# overseas staff being dismissed?" under "Overseas staff face dismissal", "how long do they have to decide?" under
# "notify you of their decision")
# (suffix, what may stand for it, letters left at least: an adverb of six letters or more, "notably" too)
_RELATIVES = (("ibly", ("ible",), 2), ("ably", ("able",), 2), ("ly", ("",), 4), ("ability", ("able",), 4),
              ("ibility", ("ible",), 4), ("ity", ("e", "", "ify"), 4), ("ify", ("ity", "e", ""), 4),
              ("ation", ("ate", "e", ""), 4), ("ment", ("",), 4),
              ("ed", ("al",), 4), ("e", ("al",), 4), ("al", ("e",), 4), ("ide", ("ision",), 3),
              ("ision", ("ide",), 3), ("ude", ("usion",), 3), ("usion", ("ude",), 3))


def _relative_held(word: str, held: set[str]) -> bool:
    """A word's relative by one of _RELATIVES is held: "flexibly" by "flexible", "diversity" by "diversify"; or a verb
    by its doer's word: "edits" by "Editor" (rag.answer.agents)."""
    if any(_key(t) in held for doer in doer_words(word) for t in content_terms(doer, irregular=False)):
        return True
    for suffix, endings, least in _RELATIVES:
        if word.endswith(suffix) and len(word) - len(suffix) >= least:
            for ending in endings:
                terms = content_terms(word[: -len(suffix)] + ending, irregular=False)
                if len(terms) == 1 and _key(terms[0]) in held:
                    return True
    return False


def _keys(text: str, verbs: bool = False) -> set[str]:
    return {_key(_IRREGULAR.get(t, t) if verbs else t) for t in content_terms(text, irregular=False)}


# Irregular past forms read as their verb in the notice only (four letters or more: shorter words are never named);
# unmentioned judges every word by its own form (irregular=False): rag.answer.terms.IRREGULAR says why.
_IRREGULAR = {form: verb for form, verb in IRREGULAR.items() if len(form) >= 4}


def _key(term: str) -> str:
    """A stem with one final "e" dropped: the stemmer makes "rates" "rat" but leaves "rate" as it is."""
    term = stem(term, irregular=False)  # "jones's" -> "jones" -> "jon", as "Jones" is stemmed
    return term[:-1] if len(term) > 3 and term.endswith("e") else term
