"""Pure: whether a question is written in another language than English, the archive's and the assistant's.

A walk's "que dois-je faire si je suis victime de discrimination au travail?" was searched as "que does-je fire si je
sums victime ...": the spelling step (rag.answer.spelling) read the French words as English typos. A question holding
two or more of the common little words of another language (its pronouns, articles, prepositions: none of them an
English word), or written mostly in another script, is taken as in another language: it is searched as written, and
the member is told the archive is in English.
"""

from __future__ import annotations

import re
from typing import Callable

# frequent function words of the languages most spoken in the UK after English, none of them English words
_OTHER = frozenset("""
je tu nous vous est sont les des une que qui pour dans avec sur aux du ne pas cette mon mes suis quel quelle comment
pourquoi où ou était
el los las una por para con yo mi como qué cuál cuándo dónde está soy tengo puedo muy también pero
der das und ist ich nicht ein eine mit für wie kann mein meine bei auf zu sich wir ihr über von sie auch aber noch nur
wird werden dass habe haben gesagt
il gli della sono perché cosa anche questo
os não é meu minha uma você
jak czy jest nie się mój moja jestem mam
yw fy ydy mae yn gyda sut pam pryd beth pwy ble sydd oes eich
""".split())
# two words that open a question in another language, each a word of English too or not: "Beth yw MiP?" (Welsh: "beth"
# is in the English word list, so walk 31 got no word that the archive is in English)
_OTHER_OPENINGS = re.compile(r"^\W*(?:beth|pwy|ble|sut|faint|pam|pryd) (?:yw|ydy|mae|oes|sydd)\b", re.I)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def in_another_language(question: str, known_word: Callable[[str], bool] | None = None) -> bool:
    """True for a question in another language than English ("que dois-je faire si je suis victime ...?", "¿Cuál es
    mi salario?", "Beth yw fy hawliau?", "Was hat MiP über Stellenabbau gesagt?", "Beth yw MiP?"); False for English
    however misspelt ("wat r my rites on flexable workin").
    known_word: whether a word is English, when known (a listed word that is English does not count)."""
    words = [w.lower() for w in _WORD.findall(question)]
    if not words:
        return False
    latin = [w for w in words if all(c.isascii() or "\u00c0" <= c <= "\u024f" for c in w)]
    if len(latin) * 2 < len(words):
        return True  # mostly another script (Arabic, Bengali, Chinese, ...)
    other = {w for w in latin if w in _OTHER and not (known_word is not None and known_word(w))}
    return len(other) >= 2 or bool(_OTHER_OPENINGS.search(question))
