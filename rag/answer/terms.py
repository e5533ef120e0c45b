"""Pure term handling shared by citations, quotes, evidence and refusals: a text's stemmed content terms."""

from __future__ import annotations

import re
from typing import Iterable

from rag.textnorm import normalize

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing done down during each either else ever few for
    from further get gets got had has have having he her here hers herself him himself his how i if in
    into is it its itself just let me might more most much must my myself no nor not now of off on once
    only or other our ours ourselves out over own per please same shall she should so some such than that
    the their theirs them themselves then there these they this those through to too under until up upon
    us very was we were what when where which while who whom whose why will with within would yes yet you
    your yours yourself yourselves tell say said says according percent cent ones""".split()
)
_NUMBER_WORDS = dict(zip("two three four five six seven eight nine ten eleven twelve".split(), map(str, range(2, 13))))
# (a pay band is one term: "8a" was read as the number 8, which "Band 8C", "8 weeks" and "£8m" hold too, and "8a" alone
# was refused: walk 30)
_TERM = re.compile(r"\d+[a-z](?![\w%])|\d+(?:[.,]\d+)*%?|[^\W\d_]+(?:'[^\W\d_]+)?|\d+")

# Irregular past forms of common verbs, read as their verb: the suffix stripping below leaves "took", "lost" and
# "spent" as they are, so "how many jobs will NHS England lose" missed "NHS England has lost ..." and "how long did he
# spend" missed "he spent 20 years" (docs/evals.md, session 22). "found" and "left" are words of their own too (to
# found a trust, the left), and a verb that is a stopword ("told": tell) would take its form's term away: the stemmer
# leaves them be. The notices read them as verbs (rag.answer.unmentioned), and a model's sentence is judged by the form
# it uses: in a local run, the sentences dropped for such a word were two wrong ones ("will be built in Wales", which
# no source says; "drew on ... Senge", it was Schon) and one right one (session 18).
IRREGULAR = {form: verb for verb, forms in (
    ("arise", "arose arisen"), ("become", "became"), ("begin", "began begun"), ("break", "broke broken"),
    ("bring", "brought"), ("build", "built"), ("buy", "bought"), ("catch", "caught"), ("choose", "chose chosen"),
    ("deal", "dealt"), ("do", "done"), ("draw", "drew drawn"), ("drive", "drove driven"), ("fall", "fell fallen"),
    ("feel", "felt"), ("fight", "fought"), ("find", "found"), ("fly", "flew flown"), ("forget", "forgot forgotten"),
    ("freeze", "froze frozen"), ("give", "gave given"), ("go", "went gone"), ("grow", "grew grown"), ("hear", "heard"),
    ("hold", "held"), ("keep", "kept"), ("know", "knew known"), ("lead", "led"), ("leave", "left"), ("lend", "lent"),
    ("lose", "lost"), ("make", "made"), ("mean", "meant"), ("oversee", "oversaw overseen"), ("pay", "paid"),
    ("rise", "rose risen"), ("say", "said"), ("see", "seen"), ("sell", "sold"), ("send", "sent"),
    ("shake", "shook shaken"), ("show", "shown"), ("sleep", "slept"), ("speak", "spoke spoken"), ("spend", "spent"),
    ("stand", "stood"), ("steal", "stole stolen"), ("stick", "stuck"), ("strike", "struck"), ("take", "took taken"),
    ("teach", "taught"), ("tell", "told"), ("think", "thought"), ("throw", "threw thrown"),
    ("undertake", "undertook undertaken"), ("understand", "understood"), ("wear", "wore worn"),
    ("withdraw", "withdrew withdrawn"), ("write", "wrote written")) for form in forms.split()}
_OWN_WORDS = frozenset(("found", "left"))
# Words for a change in an amount, one term for each direction, read like the irregular forms: "how much is the VSM
# pay increase" (and "... uplift") was refused, its answer saying "a 3% pay rise", and the suffix stripping left
# "rises" and "rising" apart from "rise" (a batch of member questions, session 26; docs/evals.md). Not "raise" ("raise
# a grievance"), "boost" or "increment" (a pay point): words with another everyday meaning here.
SAME_CHANGE = {stemmed: term for term, forms in (
    ("rise", "ris increase increas uplift hike hik"), ("cut", "reduce reduc reduction decrease decreas"))
    for stemmed in forms.split()}
_UNDOUBLED = frozenset("bdgmnprt")  # a consonant doubled before -ing / -ed ("cutting"), not "ll" ("falling")


def stem(term: str, irregular: bool = True) -> str:
    """Crude suffix stripping, applied alike to claims and passages so plurals and tenses match; irregular: a past
    form as its verb ("lost" -> "lose"; IRREGULAR)."""
    if irregular and term not in _OWN_WORDS and IRREGULAR.get(term) not in STOPWORDS:
        term = IRREGULAR.get(term, term)  # (not "told" -> "tell", a stopword: "were told to cut" keeps its term)
    if term[0].isdigit() or len(term) <= 3:
        return term
    for suffix, repl in (("'s", ""), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if term.endswith(suffix) and len(term) - len(suffix) >= 3 and not term.endswith("ss"):
            base = term[: -len(suffix)] + repl
            if suffix in ("ing", "ed") and len(base) >= 4 and base[-1] == base[-2] and base[-1] in _UNDOUBLED:
                base = base[:-1]  # "cutting" -> "cut", "planned" -> "plan", as "cut" and "plan" stay
            return SAME_CHANGE.get(base, base) if irregular else base
    return SAME_CHANGE.get(term, term) if irregular else term


def content_terms(text: str, irregular: bool = True) -> list[str]:
    """Stemmed non-stopword terms in order; numbers keep decimals, lose % and thousands commas, "two" -> "2";
    irregular: past forms as their verbs (stem)."""
    out = []
    for t in _TERM.findall(normalize(text)):
        t = _NUMBER_WORDS.get(t, t)
        if t[0].isdigit():
            t = re.sub(r",(?=\d{3}\b)", "", t).rstrip("%")
        elif t in STOPWORDS or len(t) < 2:
            continue
        t = stem(t, irregular)
        if t in STOPWORDS:  # "getting" is "get": a term no passage could hold ("what pay rise are vsms getting" was
            continue  # refused)
        out.append(t)
    return out


def document_frequencies(texts: Iterable[str], irregular: bool = True) -> dict[str, int]:
    """Texts holding each content term (content_terms), each text counted once per term."""
    df: dict[str, int] = {}
    for text in texts:
        for t in set(content_terms(text, irregular)):
            df[t] = df.get(t, 0) + 1
    return df
