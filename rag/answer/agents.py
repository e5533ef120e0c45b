"""Pure: "who edits the magazine?" asks for its editor: the doer's word the archive uses, added to the question.

A member asks who does something with the verb ("who edits the magazine?", "who leads the union?"); the archive names
the person by the role ("Craig Ryan, Editor", "... leader of ..."). The verb and the role share no term, so the
masthead's "Published by: ..." and "Contributors: ..." were quoted for it (the lead's own member questions, session
33). Where the archive uses the doer's word made from the verb (edit -> editor, lead -> leader, organise -> organiser),
the question is searched with it too, in brackets, as an acronym's words are.
"""

from __future__ import annotations

import re
from typing import Collection

# "who edits ...", "who's leading ...", "who currently chairs ..." (one adverb at most)
_WHO_DOES = re.compile(r"^\s*who(?:'s|\u2019s|\s+(?:is|now|currently|actually))?\s+([a-z]{3,})\b", re.I)


# what follows "who" without saying a deed: "who is the editor?", "who was the MiP rep ...?"
_NOT_A_DEED = frozenset("the and are was were did does has have had can could will would should may might must "
                        "else wrote said".split())


def doer_words(verb: str) -> list[str]:
    """The words naming who does what verb says, longest stem first: "edits" -> editor, editer; "organises" ->
    organiser; "running" -> runner."""
    stems = [verb]
    for ending in ("ing", "ed", "es", "s"):
        if verb.endswith(ending) and len(verb) - len(ending) >= 3:
            stems.append(verb[: -len(ending)])
    out = []
    for stem in stems:
        base = stem[:-1] if stem.endswith("e") else stem
        doubled = stem + stem[-1] if re.search(r"[^aeiou][aeiou][bdgmnprt]$", stem) else stem
        out += [base + "or", base + "er", doubled + "er"]
    return list(dict.fromkeys(out))


def deed_asked(question: str) -> str | None:
    """The verb of a question asking who does something ("who edits the magazine?" -> "edits"), else None."""
    m = _WHO_DOES.match(question)
    verb = m.group(1).lower() if m else None
    return None if verb is None or verb in _NOT_A_DEED else verb


def with_doer(question: str, words: Collection[str]) -> str:
    """The question with the doer's word of its verb added in brackets when the archive uses it (words: the
    archive's words, lower case), else as it was: "who edits the magazine?" -> "who edits the magazine? (editor)"."""
    verb = deed_asked(question)
    if verb is None:
        return question
    found = next((w for w in doer_words(verb) if w in words), None)
    if not found or found in question.lower():
        return question
    return f"{question.rstrip()} ({found})"
