"""Pure: a figure or date the archive says is still awaited is an answer ("not known yet: the award is delayed").

"whats the pay rise for agenda for change staff in 2024?" (a walk's "and in 2024?") was refused: the question wants a
figure and the 2024 issue gives none, because there was none yet: "NHS workers face another long wait for their 2024
pay award after the general election halted publication of the already-delayed report ...", under "General election
further delays pay rise for NHS staff". A sentence saying so, holding with its headline every term of the question and
no figure of the kind asked, answers it. Words of a delay that ended ("After a delay of more than two months, the
government finally accepted ...") do not count.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from rag.answer.answer_kinds import ASKING_TERMS, FIGURES, given_figures, holds_answer_of_kind, question_kind
from rag.answer.terms import content_terms
from rag.sentences import passage_sentences
from rag.types import Hit

_AWAITED = re.compile(r"\b(?:long wait|yet to be|not yet|halted|postponed|awaited|awaiting|on hold|still to be|"
                      r"(?:further|already[- ])delay(?:s|ed)?|delayed (?:again|until|by|indefinitely)|"
                      r"(?:has|have) not been (?:announced|published|agreed|decided|confirmed|set))\b", re.I)


def awaited_in(question: str, hits: Sequence[Hit], terms: Callable[[str], frozenset[str]]) -> Hit | None:
    """The first passage saying the figure or date the question asks for is still awaited, or None. terms: a text's
    content terms as the refusal decision reads them (acronyms with their words)."""
    kind = question_kind(question)
    if kind not in FIGURES:
        return None
    wanted = frozenset(content_terms(question)) - ASKING_TERMS
    figures = given_figures(question)
    for hit in hits:
        headline = terms(hit.article)
        awaited_headline = bool(_AWAITED.search(hit.article))
        for sentence in passage_sentences(hit.text):
            if ((awaited_headline or _AWAITED.search(sentence)) and wanted <= headline | terms(sentence)
                    and not holds_answer_of_kind(sentence, kind, wanted, figures)):
                return hit
    return None
