"""Pure answerability decision: do the retrieved passages state an answer to this question?

One cosine cannot tell a near-topic question the archive does not answer (the ransom in an attack it
covers) from one it does: both retrieve the right article. The decision combines several signals of
the passages the answer would be built from (signals()), weighted by a logistic regression fitted on
the calibration half of the dev set (benchmarks/calibrate_refusal.py writes the weights file):

- answer type: "how many / how much" wants a number, "when" a date, "who" a name; does a sentence
  that covers the question's terms hold one (a number the question itself gives does not count)?
- coverage: the idf-weighted share of the question's terms (idf over the whole index) in the best
  sentence, and in the top passages together; the rarest question term missing from all of them;
- dense: the best passage cosine and the best sentence cosine;
- lexical: the best BM25 score; agreement: how many of the top 3 hits share the first one's article.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from rag.answer.citations import content_terms, strip_markers
from rag.answer.evidence import list_units
from rag.sentences import passage_sentences
from rag.types import Hit

FEATURES = ("dense", "sentence_cos", "coverage", "typed_support", "typed", "passages_coverage",
            "missing_rare", "bm25", "agreement", "cover_cos", "typed_cos", "slot")

_MONEY_Q = re.compile(r"\b(paid|pay rise|salary|salaries|cost|costs|price|prices|fee|fees|charge|budget|deficit|"
                      r"compensation|grant|ransom|worth|spend|spent|funding|money)\b")
_SHARE_Q = re.compile(r"\b(percentage|proportion|share|fraction|turnout|rate)\b")
# Checked before the money words: "how long did he spend" asks for a duration.
_DURATION_Q = re.compile(r"\bhow (many|long|old|often|far|soon|big|large|high|low)\b")
_COUNT_Q = re.compile(r"\b(how much|by how|what (number|figure|amount|size|total)|time limit|deadline|average|"
                      r"(phone|telephone|fax|mobile) number|which (section|clause|band|grade|number|segment))\b")
# "who", "where" and "when" ask only as the question's own word, not as a relative pronoun or a clause
# ("hackers who lock up ...", "what happens to my pay when I go part time?")
_ASKING = r"(?:^|[,;:?]\s*|\b(?:and|but|so|then|to|of|for|with|by|from|about)\s+)"
# "when should I ..." asks for a circumstance, not a date
_DATE = re.compile(_ASKING + r"when(?! (should|can|could|must|do|would) (i|we|you|they|my)\b)\b|"
                   r"\b(what|which) (year|date|day|month)\b|\bsince when\b")
_PERSON_Q = re.compile(_ASKING + r"(who|whom|whose)\b|\bwhich (\w+ ){0,2}(person|minister|thinker|psychologist|"
                       r"philosopher|theorist|manager|director|executive|official|leader|chair|secretary|mp|writer|"
                       r"author)\b")
_ORG_Q = re.compile(r"\bwhich (\w+ ){0,2}(company|companies|firm|party|parties|organisation|organisations|body|bodies|"
                    r"trust|trusts|union|unions|group|charity|hospital|council|board|agency|department|regulator|"
                    r"watchdog|quango|supplier|provider)\b")
_PLACE_Q = re.compile(_ASKING + r"where\b|\bwhich (\w+ ){0,2}(region|area|country|county|city|town|venue|place|site|"
                      r"nation)\b")
_NAME = re.compile(r"\bwhich (\w+ ){0,2}(play|book|report|programme|scheme|film|show)\b|"
                   r"\bwhat (?:is|was|were|are|'s) the (?:name|title)s? of\b")
_NUMBER = re.compile(r"[£$\u20ac]?\d[\d,.]*%?|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|half|third|quarter|dozen|"
                     r"doubled?)\b", re.I)
_MONEY = re.compile(r"[£$\u20ac]\s?\d|\d\s?%|\b(per ?cent|pounds|millions?|billions?|bn)\b", re.I)
_SHARE = re.compile(r"\d\s?%|\b(per ?cent|half|halves|third|thirds|quarter|quarters|one in|in (ten|\d+)|"
                    r"two-thirds|majority|minority)\b", re.I)
_DATE_WORD = re.compile(r"\b(1[89]\d\d|20\d\d|january|february|march|april|may|june|july|august|september|october|"
                        r"november|december|spring|summer|autumn|winter|monday|tuesday|wednesday|thursday|friday)\b",
                        re.I)
_ASKING_TERMS = frozenset(("many", "much"))
EVERY_TERM = 1.0 - 1e-9  # coverage when a sentence holds every term of the question
_PAIR = 0.9  # a pair of sentences covers more terms by being longer: it counts a little less
_PROPER = re.compile(r"(?<=[a-z,;:\u2019'\"]\s)[A-Z][a-z]+|\b[A-Z]{2,}\b")
# A person: a name, a title before one, or a role; an organisation: a name, an acronym, or a body's name.
_PERSON = re.compile(_PROPER.pattern + r"|\b(Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Lady|Baroness|Professor|Cllr)\.? [A-Z]\w+|"
                     r"\b(chief executive|chair(?:man|woman|person)?|director|secretary|minister|president|founder|"
                     r"editor|officer|spokes(?:person|man|woman)|convenor|organiser|trustee|columnist|author)s?\b")
_ORG = re.compile(_PROPER.pattern + r"|\b[A-Z]{2,}s?\b|\b(?:[A-Z][\w\u2019'&-]+ (?:of |for |and )?){1,5}(?:Trust|Board|"
                  r"Council|Union|Association|Group|Committee|Department|Services?|Foundation|College|Institute|Agency|"
                  r"Authority|Commission|Partnership|Network|Party|Society|Federation|Confederation|Fund|Office|Ltd|"
                  r"plc|Company|Hospitals?|Alliance|Forum|Centre|Unit)\b")
_ANSWER = {"money": _MONEY, "share": _SHARE, "count": _NUMBER, "date": _DATE_WORD, "name": _PROPER,
           "person": _PERSON, "org": _ORG, "place": _PROPER}
_NAMED = frozenset(("name", "person", "org", "place"))
# The thing counted: "how many charities closed" -> charities, closed; a number next to it answers.
_FOCUS = re.compile(r"\bhow (?:many|much) ((?:[a-z][a-z'-]* ?){1,6})")
_FOCUS_SKIP = frozenset("more extra additional of the".split())  # "how many more jobs" counts jobs
_FOCUS_STOP = frozenset("did do does is are was were has have had will would can could should in on at for to by from "
                        "with of per under over since during the a an".split())


# A question opening so asks yes or no, why, when, who or where: "Do managers get paid for overtime?", "Why was the
# pay rise delayed?", "When was that pay rise announced?"
_NOT_AN_AMOUNT = re.compile(r"^\W*(why|when|who|whom|whose|where|do|does|did|is|are|was|were|am|can|could|should|"
                            r"will|would|has|have|had|must|may|might)\b")


def question_kind(question: str) -> str:
    """The type of answer asked for: "money", "share", "count", "date", "person", "org", "place", "name" or "other".

    Words about money or shares make a sum or share the answer only when the question asks for one: not when it
    asks yes or no, why, when, who or where.
    """
    q = question.casefold()
    amount = not _NOT_AN_AMOUNT.search(q)
    for kind, pattern in (("count", _DURATION_Q), ("money", _MONEY_Q), ("share", _SHARE_Q), ("count", _COUNT_Q),
                          ("date", _DATE), ("person", _PERSON_Q), ("org", _ORG_Q), ("place", _PLACE_Q),
                          ("name", _NAME)):
        if (amount or kind not in ("money", "share")) and pattern.search(q):
            return kind
    return "other"


def asks_for_a_name(question: str) -> bool:
    """Who, which body, where, what name: the answer is a name (a person, an organisation, a place, a title)."""
    return question_kind(question) in _NAMED


def holds_answer_of_kind(sentence: str, kind: str, question_terms: frozenset[str]) -> bool:
    """True when the sentence holds a number / sum / share / date / name the question does not already give."""
    if kind == "other":
        return True
    for m in _ANSWER[kind].finditer(sentence):
        terms = content_terms(m.group(0))
        if not terms or not set(terms) <= question_terms:
            return True
    return False


def asks_date_not_given(question: str, answer: str) -> bool:
    """A "when" question whose answer states no date ("when was that?" answered by what was said): the date of
    the issue that reported it is the best the archive can add."""
    if question_kind(question) != "date":
        return False
    return not holds_answer_of_kind(strip_markers(answer), "date", frozenset(content_terms(question)))


def question_focus(question: str) -> frozenset[str]:
    """The terms of what a "how many / how much" question counts ("how many votes did" -> {"vote"}), else empty."""
    m = _FOCUS.search(question.casefold())
    if not m:
        return frozenset()
    words = []
    for w in m.group(1).split():
        if not words and w in _FOCUS_SKIP:
            continue
        if w in _FOCUS_STOP:
            break
        words.append(w)
    return frozenset(t for w in words for t in content_terms(w) if not t[0].isdigit())


def answer_next_to_terms(sentence: str, kind: str, question_terms: frozenset[str], reach: int = 4,
                         focus: frozenset[str] = frozenset()) -> bool:
    """True when an answer of the kind sits within reach words of the focus (else of any question term).

    "shed 544 substantive jobs" answers "how many jobs"; a number three clauses away usually does not.
    """
    if kind == "other" or kind in _NAMED:  # a name is told apart by its capitals, which need the whole sentence
        return holds_answer_of_kind(sentence, kind, question_terms)
    words = sentence.split()
    anchor = focus or question_terms
    near = [i for i, w in enumerate(words) if set(content_terms(w)) & anchor]
    for i in range(len(words)):
        pair = " ".join(words[i:i + 2])  # "£2 million", "24 %", "one in"
        if not any(abs(i - k) <= reach for k in near):
            continue
        for m in _ANSWER[kind].finditer(pair):
            terms = set(content_terms(m.group(0)))  # none for "per cent", "half": an answer, as in holds_answer_of_kind
            if m.start() < len(words[i]) and (not terms or not terms <= question_terms):
                return True
    return False


def idf_table(texts: Sequence[str]) -> tuple[dict[str, int], int]:
    """Document frequency of every content term over the texts, and their number."""
    df: dict[str, int] = {}
    for text in texts:
        for t in set(content_terms(text)):
            df[t] = df.get(t, 0) + 1
    return df, len(texts)


def _idf(term: str, df: Mapping[str, int], n_docs: int) -> float:
    return math.log(1 + n_docs / (1 + df.get(term, 0)))


def signals(question: str, hits: Sequence[Hit], sentence_sims: Sequence[Sequence[float]], *, best_dense: float,
            best_lexical: float, df: Mapping[str, int], n_docs: int) -> dict[str, float]:
    """The FEATURES of a question and the passages the answer would come from (best first)."""
    # "how many / how much" ask, they are no term a sentence must hold ("How many jobs are NHS trusts planning to cut?"
    # was refused: no sentence says "many"); chosen on the calibration half (refused 0.781 -> 0.812, none wrongly)
    q_terms = [t for t in dict.fromkeys(content_terms(question)) if t not in _ASKING_TERMS]
    weight = {t: _idf(t, df, n_docs) for t in q_terms}
    total = sum(weight.values()) or 1.0

    def share(ts: frozenset[str]) -> float:  # the idf-weighted share of the question's terms in ts
        return sum(w for t, w in weight.items() if t in ts) / total

    q_set = frozenset(q_terms)
    kind = question_kind(question)
    focus = question_focus(question) if kind in ("count", "money") else frozenset()

    best_cov = best_typed = best_single = 0.0
    best_cos = cover_cos = typed_cos = best_slot = 0.0
    union: set[str] = set()
    for i, hit in enumerate(hits):
        sentences = passage_sentences(hit.text)  # as sentence_sims were computed: index j is one sentence
        terms = [frozenset(content_terms(s)) for s in sentences]
        if i < 3:
            union.update(*terms)
        sims = [float(x) for x in (sentence_sims[i] if i < len(sentence_sims) else ())]
        best_cos = max([best_cos, *sims])
        cosines = [sims[j] if j < len(sims) else 0.0 for j in range(len(sentences))]
        for ts, cos in zip(terms, cosines):
            cov = share(ts)
            if cov > best_single:
                best_single, cover_cos = cov, cos
        # An answer of the kind asked, in a sentence or in a list: "Your employer must:" / "respond within two months"
        # answers "how long does an employer have to respond?" only read together (rag.sentences keeps the items as
        # lines of their own), and a list's lead-in names no subject: the article's headline does ("Your employer
        # must:" under "Flexible and hybrid working: what are your rights?").
        headline = frozenset(content_terms(hit.article))
        statements = list(zip(sentences, terms, cosines)) + [
            (" ".join(sentences[k] for k in unit), frozenset().union(headline, *(terms[k] for k in unit)),
             max(cosines[k] for k in unit)) for unit in list_units(sentences)]
        for text, ts, cos in statements:
            if holds_answer_of_kind(text, kind, q_set):
                typed_cos = max(typed_cos, cos)
                if answer_next_to_terms(text, kind, q_set, focus=focus):
                    best_slot = max(best_slot, share(ts))
        # A fact is often split over two sentences: score each sentence and each adjacent pair.
        windows = [(sentences[j], terms[j], 1.0) for j in range(len(sentences))]
        windows += [(sentences[j] + " " + sentences[j + 1], terms[j] | terms[j + 1], _PAIR)
                    for j in range(len(sentences) - 1)]
        for text, ts, factor in windows:
            cov = factor * share(ts)
            best_cov = max(best_cov, cov)
            if cov > best_typed and holds_answer_of_kind(text, kind, q_set):
                best_typed = cov
    missing = [w for t, w in weight.items() if t not in union]
    return {
        "dense": float(best_dense),
        "sentence_cos": best_cos,
        "coverage": best_cov,
        "typed_support": best_typed,
        "typed": 0.0 if kind == "other" else 1.0,
        "passages_coverage": share(frozenset(union)),
        "missing_rare": max(missing, default=0.0) / math.log(1 + n_docs) if n_docs else 0.0,
        "bm25": math.log1p(max(best_lexical, 0.0)),
        "cover_cos": cover_cos,
        "typed_cos": typed_cos,
        "slot": best_slot,
        "agreement": sum(h.article_id == hits[0].article_id and h.issue == hits[0].issue for h in hits[1:3]) / 2
        if hits else 0.0,
    }


@dataclass(frozen=True)
class AnswerabilityModel:
    """Logistic regression over standardised FEATURES; answerable when P >= threshold."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    embedder: str  # the cosines were measured with this embedder; another one makes the weights meaningless

    def probability(self, values: Mapping[str, float]) -> float:
        z = self.bias + sum(w * (values[f] - m) / s for f, m, s, w in zip(self.features, self.mean, self.scale,
                                                                          self.weights))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def answerable(self, values: Mapping[str, float]) -> bool:
        """P >= threshold, or a sentence holds every term of the question and an answer of the kind asked next to
        them. The regression weighs coverage against that slot (a near-topic question covers its terms with no
        answer beside them), and past the dev set's range the two can cancel: "Who is the health secretary?" was
        refused (P 0.44) with both at 1.0. On the dev set each question in this case is answerable, and was answered."""
        if values.get("slot", 0.0) >= values.get("coverage", 1.0) >= EVERY_TERM:
            return True
        return self.probability(values) >= self.threshold

    def to_json(self) -> dict:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "weights": list(self.weights), "bias": self.bias, "threshold": self.threshold,
                "embedder": self.embedder}


def model_from_json(data: Mapping) -> AnswerabilityModel:
    """The model a weights file describes; ValueError when it is not one."""
    try:
        model = AnswerabilityModel(
            features=tuple(data["features"]), mean=tuple(map(float, data["mean"])),
            scale=tuple(float(s) or 1.0 for s in data["scale"]), weights=tuple(map(float, data["weights"])),
            bias=float(data["bias"]), threshold=float(data["threshold"]), embedder=str(data["embedder"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not an answerability weights file ({exc})") from exc
    if not set(model.features) <= set(FEATURES) or not (
            len(model.features) == len(model.mean) == len(model.scale) == len(model.weights)):
        raise ValueError("answerability weights name unknown features or have mismatched lengths")
    return model


def load_model(path: Path) -> AnswerabilityModel | None:
    """The weights file at path, or None when there is none (the pipeline then uses the cosine floor only)."""
    if not path.is_file():
        return None
    return model_from_json(json.loads(path.read_text(encoding="utf-8")))


def split_of(item_id: str) -> str:
    """"calibration" or "heldout": a fixed split of eval items by a hash of their id (about half each)."""
    return "heldout" if hashlib.sha256(f"heldout:{item_id}".encode()).digest()[0] % 2 else "calibration"
