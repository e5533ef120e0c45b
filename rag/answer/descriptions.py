"""Pure: a claim that gives one name the description its passage gives another, or the role asked about that its
passage never gives the name.

A local model answered "Which company runs the pathology systems hit in the June 2024 London hospital
cyberattack?" with "Synlab, a firm majority-owned by European tech firm Synlab ..." [2], the passage saying
"Synnovis, a firm majority-owned by European tech firm Synlab": the name it gave is in the passage, so the name
check passed it.
"""

from __future__ import annotations

import re

from rag.answer.agents import deed_asked, doer_words
from rag.answer.terms import content_terms

_NAME = r"[A-Z][\w'\u2019&.-]*(?:\s+(?:of|and|for|the|&)?\s*[A-Z][\w'\u2019&.-]*)*"
# "Synlab, a firm majority-owned by": a name, a comma, and what it is, four words of it
_DESCRIBED = re.compile(r"(" + _NAME + r"),\s+((?:a|an|the)\s+(?:[\w'\u2019-]+\s+){2}[\w'\u2019-]+)")
_WORDS = 4  # words of the description read: "a firm majority-owned by"


def _last(name: str) -> str:
    return name.split()[-1].lower().strip(".'\u2019")


def description_moved(claim: str, passage: str) -> bool:
    """True when the claim describes a name with words that the passage uses, word for word, to describe another
    name, and never for the claim's."""
    claim, passage = " ".join(claim.split()), " ".join(passage.split())
    for m in _DESCRIBED.finditer(claim):
        name, description = m.group(1), m.group(2)
        given = [_last(p.group(1)) for p in _DESCRIBED.finditer(passage)
                 if p.group(2).lower().split()[:_WORDS] == description.lower().split()[:_WORDS]]
        if given and _last(name) not in given:
            return True
    return False


# "who is the editor of healthcare manager?", "who was the chair?": the role asked about, up to what it is of
_WHO_IS_ROLE = re.compile(r"^\W*who(?:'s| is| was| are| were)\s+(?:the\s+|a\s+|an\s+)?(?:new\s+|current\s+)?"
                          r"(?P<role>[a-z][a-z' -]*?)\s*(?:\b(?:of|at|for|in|on)\b.*)?\W*$", re.I)
_SAID_NEAR = 4  # words between a name and the role in the claim: "Victoria English is the editor"
# ... and in the passage, either side ("Craig Ryan, Editor"; "James Murray told a staff meeting shortly after
# replacing Wes Streeting as England's seventh health secretary")
_NEAR = 15


def role_asked(question: str) -> set[str]:
    """The terms of the role a "who" question asks about: "who is the editor of healthcare manager?" -> editor (_head);
    "who edits Healthcare Manager?" -> the verb's and its doer's words (rag.answer.agents: edit, editor), whose
    "Craig Ryan, Editor" was quoted second, after the masthead's "Opinions expressed are those of the contributors
    ..." (the lead's member questions, session 34). Empty for other questions."""
    asked = _WHO_IS_ROLE.match(" ".join(question.split()))
    if asked:
        return _head(asked.group("role"))
    verb = deed_asked(question)
    # (the verb's own word too: "who chairs MiP?" asks for its chair, whose doer's words "chairer", "chairor" no
    # passage uses; without it "MiP chair Geoff Underwood chairs MiP [1]" was held to a role no passage gives)
    return {t for word in (verb, *doer_words(verb)) for t in content_terms(word)} if verb else set()


def _head(role: str) -> set[str]:
    """The role's last word, the one saying what it is ("health minister" -> "minister": not the "head of health" of
    "UNISON Cymru head of health Tanya Bull", quoted first for "who is the health minister in Wales now?")."""
    return set(content_terms(role)[-1:])


def role_not_given(claim: str, passage: str, question: str) -> bool:
    """True when the question asks who holds a role and the claim gives it (beside the name, or naming no role at all)
    to someone the passage names, but never within a few words of that role. Walk 31's "who is the editor of
    healthcare manager" was answered "Victoria English is the editor of Healthcare Manager [1]", [1] the masthead's
    "Contributors: Victoria English, ... Craig Ryan, ..." (the editor's own line, "Craig Ryan, Editor", is in the
    editorial)."""
    role = role_asked(question)
    names = [n for n in re.findall(_NAME, claim) if len(n.split()) >= 2]
    if not role or not names:
        return False
    # A claim naming people with no word of the role gives it to them all the same: "who edits Healthcare Manager?"
    # was answered "Victoria English, Rhys McKenzie, Alison Moore, Jon Restell, Craig Ryan, Jo Seery, Gillian Smith
    # [1]", the masthead's contributors (the lead's member questions, session 34)
    unsaid = not any(set(content_terms(w)) & role for w in claim.split())
    for name in names:
        given = unsaid or _apart(claim, _last(name), role, _SAID_NEAR) is False
        if given and _apart(passage, _last(name), role, _NEAR):
            return True
    return False


def _apart(text: str, last: str, role: set[str], near: int) -> bool | None:
    """Whether the text names last (a name's last word) only more than near words from a word of the role; None when
    it does not name it."""
    words = text.split()
    at_name = [i for i, w in enumerate(words) if w.lower().strip(".,;:'\u2019()") == last]
    at_role = [i for i, w in enumerate(words) if set(content_terms(w)) & role]
    return None if not at_name else not any(abs(i - j) <= near for i in at_name for j in at_role)


def role_beside_name(sentence: str, question: str) -> bool:
    """For a question asking who holds a role, the sentence names someone (two words or more) within a few words of
    that role: "Craig Ryan, Editor c.ryan@..." for "who is the editor of healthcare manager" (walk 31's quotes opened
    on "Opinions expressed are those of the contributors ..."). False for other questions."""
    role = role_asked(question)
    return bool(role) and any(_apart(sentence, _last(n), role, _SAID_NEAR) is False
                              for n in re.findall(_NAME, sentence) if len(n.split()) >= 2)
