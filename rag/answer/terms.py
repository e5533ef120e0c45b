"""Pure term handling shared by citations, quotes, evidence and refusals: a text's stemmed content terms."""

from __future__ import annotations

import re

from rag.textnorm import normalize

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
        t = stem(t)
        if t in STOPWORDS:  # "getting" is "get": a term no passage could hold ("what pay rise are vsms getting" was
            continue  # refused)
        out.append(t)
    return out
