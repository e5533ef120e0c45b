"""Pure: a follow-up pointing at one item of the last answer ("what does [2] say exactly?", "tell me more about the
second one", "source 3"), asked about what that answer cites there: the article's headline in a list of articles, the
quoted sentence, or the answer's own sentence.

A walk's "tell me more about the second one", after a list of five articles, was searched as "which articles are there
about pay the second one?" and answered about two other articles; its "what does [2] say exactly?" lost the "[2]" (a
citation marker is no word to search) and was refused.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from rag.answer.about_archive import courtesy
from rag.answer.citations import is_refusal, parse_markers, strip_markers
from rag.answer.events import Event, without_search
from rag.answer.quote_text import QUOTED_SPAN

_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
             "5th": 5, "sixth": 6, "6th": 6, "last": -1}
_ITEM = r"(?:one|article|story|piece|source|item|link|passage|quote|reference)"
_POINTER = re.compile(
    r"\[\s*(?P<marker>\d{1,2})\s*\]"
    r"|\b(?:source|reference|citation|passage|quote|item|number|no\.)\s*#?\s*(?P<number>\d{1,2})\b"
    r"|\b(?:the\s+)?(?P<ordinal>" + "|".join(_ORDINALS) + r")\s+" + _ITEM + r"\b", re.I)
_QUOTED = re.compile(r"^\W*[\"\u201c](.+?)[\"\u201d]")
_QUOTE_ENDS = re.compile(r"[\"\u201c]([^\"\u201c\u201d]+)[\"\u201d][.!?]?$")
_SEGMENT = re.compile(r"[^\n]+?(?:\[\d[^\]]*\](?:\s*\[\d[^\]]*\])*[.!?]?|$)")


_NO_SUCH = "The answer before cites "  # no_such_item's reply
_PLACE = "\x00"  # where the pointer stood, as only_points reads the question
_SAYS = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|then|sorry)\W+)*(?:"
    r"what\s+(?:does|did|do)\s+\x00\s+(?:actually\s+)?(?:say|says|said|quote|read)(?:\s+exactly)?(?:\s+again)?"
    r"|(?:(?:can|could)\s+you\s+)?(?:show|read|quote|give)\s+(?:me\s+)?\x00(?:\s+(?:in\s+full|again|out))?"
    r"|what(?:'s|\u2019s|\s+is|\s+was)\s+(?:in\s+)?\x00"
    r"|\x00)(?:\s+please)?\W*$", re.I)

def cited_items(answer: str) -> list[tuple[int, str]]:
    """(marker, what it cites) for each cited part of an answer, in order: a quoted string's words (a headline in a
    list of articles, a quoted sentence), else the sentence the marker ends, without its markers."""
    out = []
    for segment in _SEGMENT.findall(answer):
        markers = parse_markers(segment)
        if not markers:
            continue
        bare = strip_markers(segment)
        quoted = _QUOTED.match(bare) or _QUOTE_ENDS.search(bare)  # a headline first; a quote after a lead-in
        text = quoted.group(1) if quoted else bare
        text = " ".join(text.split()).strip(" .")
        if text:
            out.extend((n, text) for n in markers)
    return out


def pointed_at(question: str, history: Sequence[tuple[str, str]]) -> str:
    """The question with its pointer at an item of the last answer replaced by what that answer cites there, quoted:
    "tell me more about the second one" -> 'tell me more about "Reforming NHS pay: what's at stake?"'; "" when it
    points at nothing (no pointer, no answer before, a refusal, no such item)."""
    pointed = pointed_item(question, history)
    if pointed is None:
        return ""
    m, _, text = pointed
    return f'{question[:m.start()]}"{text}"{question[m.end():]}'


def pointer_in(question: str) -> re.Match | None:
    """The question's pointer at an item ("[2]", "source 2", "the second one"), or None."""
    return _POINTER.search(question)


def only_points(question: str) -> bool:
    """The whole question asks what an item of the answer before says ("what does [3] say?"), whatever that answer."""
    m = pointer_in(question)
    return bool(m) and bool(_SAYS.match(" ".join(f"{question[:m.start()]}{_PLACE}{question[m.end():]}".split())))


def answer_pointed_into(history: Sequence[tuple[str, str]]) -> str:
    """The last answer a pointer points into: not a reply read off an answer before ("what does [1] say?" -> "Source 1
    of the answer before ...", "... it has no [9]"), whose numbers are not the answer's. A walk's "tell me more about
    the second one" after "The answer before cites [1]; it has no [2]." was searched as 'tell me more about "; it has
    no"'. "" when there is none."""
    return next((a for q, a in reversed(history) if not read_off_an_answer(q, a)), "")


def uncited_item(question: str, history: Sequence[tuple[str, str]]) -> tuple[int, int] | None:
    """(the number, the turn of history it points into) when the whole question asks what an item says by a number
    the answer before does not cite ("what does [4] say?" after an answer citing [1] to [3]): the chat shows that
    source folded, "read, not cited" (walks 26b and 27 were told the answer had no [4]). None otherwise."""
    m = pointer_in(question)
    if not m or m.group("ordinal") or not only_points(question):
        return None
    turn = next((i for i in reversed(range(len(history))) if not read_off_an_answer(*history[i])), None)
    if turn is None or is_refusal(history[turn][1]):
        return None
    n = int(m.group("marker") or m.group("number"))
    return None if n in {k for k, _ in cited_items(history[turn][1])} else (n, turn)


def said_no_such_item(answer: str) -> bool:
    """A reply telling the member the answer before has no such item ("... it has no [9]")."""
    return answer.startswith(_NO_SUCH)


def read_off_an_answer(question: str, answer: str) -> bool:
    """A turn whose reply was read off the answer before ("what does [1] say?", "... it has no [9]"), or said only
    to a greeting or thanks, not an answer of its own."""
    return only_points(question) or answer.startswith(_NO_SUCH) or bool(courtesy(question))


def pointed_item(question: str, history: Sequence[tuple[str, str]]) -> tuple[re.Match, int, str] | None:
    """(the pointer in the question, the marker it points at, what the last answer cites there), or None when it
    points at nothing (no pointer, no answer before, a refusal, no such item)."""
    m = _POINTER.search(question)
    last = answer_pointed_into(history)
    if not m or not last or is_refusal(last):
        return None
    items = cited_items(last)
    numbers = sorted({n for n, _ in items})
    if m.group("ordinal"):
        k = _ORDINALS[m.group("ordinal").lower()]
        wanted = numbers[k] if k < 0 and numbers else (numbers[k - 1] if 0 < k <= len(numbers) else None)
    else:
        wanted = int(m.group("marker") or m.group("number"))
    text = next((t for n, t in items if n == wanted), None)
    return None if text is None or wanted is None else (m, wanted, text)




def quotes_its_subject(question: str) -> bool:
    """The question quotes three or more words (a headline, a sentence of the last answer, as pointed_at writes them):
    it names what it asks about, and the conversation's words would only pull its search elsewhere ('tell me more about
    "Reforming NHS pay: what's at stake?"' was searched with "Healthcare Manager articles pay" added, and its first
    quote came from a Welsh election story)."""
    return any(len(m.group(1).split()) >= 3 for m in QUOTED_SPAN.finditer(question))


def no_such_item(question: str, history: Sequence[tuple[str, str]]) -> str:
    """What to tell a member whose follow-up points at an item the last answer does not cite ("what does [9] say?"
    after an answer citing [1] to [3]: walk 25's was asked as another source and refused); "" when it points at one,
    or at nothing, or there is no answer before to point into."""
    m = _POINTER.search(question)
    last = answer_pointed_into(history)
    if not m or not last or is_refusal(last) or pointed_at(question, history):
        return ""
    numbers = sorted({n for n, _ in cited_items(last)})
    if not numbers:
        return ""
    # "[1] to [3]" for a run of three or more, else each: "[1] and [2]" ("[1] to [2]" read oddly: walk 26)
    named = ", ".join(f"[{n}]" for n in numbers[:-1]) + f" and [{numbers[-1]}]" if len(numbers) > 1 else (
        f"[{numbers[0]}]")
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        named = f"[{numbers[0]}] to [{numbers[-1]}]"
    ordinal = m.group("ordinal")
    missing = f"{ordinal.lower()} source" if ordinal else f"[{m.group('marker') or m.group('number')}]"
    return (f"{_NO_SUCH}{named}; it has no {missing}. Ask about one of those, or ask your question in words.")


def no_such_item_events(question: str, history: Sequence[tuple[str, str]], total_ms: Callable[[], float],
                        version: str) -> list[Event]:
    """no_such_item said as the answer, nothing searched; [] when there is nothing to say."""
    said = no_such_item(question, history)
    return without_search(question, said, refused=True, notice="", total_ms=total_ms(), version=version) if said else []
