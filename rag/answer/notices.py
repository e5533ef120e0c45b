"""What an answer says about how it was made, in a member's words: quoted passages, and why."""

from __future__ import annotations

FALLBACK = "The AI model could not answer ({reason}), so these are quoted passages from the sources."
# Said when the model declined but the passages were judged to answer: the quotes are often right (a walk read "found
# no answer" above a correct answer as a contradiction), so it says what they are, not that nothing was found.
DECLINED = ("The AI model did not answer this one, so here are the articles' own sentences nearest to your "
            "question: check whether they answer it.")
WRITING = ("This assistant answers questions from the Healthcare Manager archive, in the articles' own words; it does "
           "not write letters, CVs or other documents, or say what it is told to say: ask it a question about the "
           "articles.")
NO_LLM = "Quoted passages from the sources (no AI model configured)."
NOTHING_TO_REWORD = ("There is no answer before this to put another way: the archive did not answer the last question. "
                     "Ask a question about the articles.")
ENGLISH = ("The archive and this assistant are in English: a question asked in English finds more. (Mae'r archif yn "
           "Saesneg. L'archive est en anglais. El archivo está en inglés.)")
NO_LLM_PLAINER = ("Quoted passages from the sources (no AI model configured): they are the articles' own words, so "
                  "they cannot be put more simply. Ask about the part that is unclear.")
# ... and with a model that could not put them more simply: the same quotes again, said as such ("summarise that" got
# the answer before word for word with no word why: walk 26b)
NOT_PLAINER = ("These are the articles' own words again: they could not be put more simply. Ask about the part that "
               "is unclear.")
OWN_WORDS = "Nobody is quoted saying this: these are the article's own words (its article and issue are under Sources)."
OWN_WORDS_BY = "Nobody is quoted saying this: these are the article's own words, by the writer its byline names."
_REFUSED_FAILURE = "The AI model could not answer ({reason})."


def joined(*parts: str) -> str:
    """Notices said together, in order, the empty ones left out."""
    return " ".join(p for p in parts if p)


def model_part(notice: str) -> tuple[str, str]:
    """(what the notice says of the model's failing, the rest): the first is said once above the chat, the rest
    under its answer (a walk's "every date quoted has passed" rode on a fallback notice into the banner, and left
    with the next question)."""
    for template in (FALLBACK, DECLINED, _REFUSED_FAILURE):
        head, _, tail = template.partition("{reason}")
        if notice.startswith(head):
            end = notice.find(tail, len(head)) if tail else len(head)
            if end >= 0:
                cut = end + len(tail)
                return notice[:cut], notice[cut:].strip()
    if notice.startswith(("The AI model", "The language model")):  # another wording, or a saved chat's older one
        first, _, rest = notice.partition(". ")
        return (first if first.endswith(".") else first + "."), rest.strip()
    return "", notice


def short(message: str, limit: int = 260) -> str:
    """A model's error message cut to fit a notice, at a word. (At 120 characters the advice was lost: "... set
    RAG_LLM_API_KEY (any value, e.g. RAG_LLM_API_KEY=none,...", tester 29.)"""
    if len(message) <= limit:
        return message
    cut = message[: limit - 3]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:(") + "..."


def refused(failure: str) -> str:
    """A refusal's notice: why the model could not answer (failure, its error), or none. No quotes follow a refusal,
    so a notice about quoted passages would point at nothing (a tester saw one)."""
    return _REFUSED_FAILURE.format(reason=failure) if failure else ""


def no_issue_of_year(year: str, cited_titles: list[str]) -> str:
    """An answer to a question about a year no issue is from: said, so the member does not take another year's figures
    for it (a walk's "and last year?", searched for 2025, was answered with 2026-27's award)."""
    if not year or not cited_titles:
        return ""
    titles = " and ".join(dict.fromkeys(cited_titles))
    return f"No issue in the archive is from {year}; these sources are from {titles}."


def other_year(year_issues: list[str], cited_titles: list[str]) -> str:
    """An answer to a question naming a year, cited from no issue of that year: said, so the member does not take
    another year's figures for the one asked about (a walk's "and what about 2024?" got 2026's pay rise)."""
    if not year_issues or not cited_titles:
        return ""
    return (f"No passage from the issue of the year you named answers this; these sources are from "
            f"{' and '.join(dict.fromkeys(cited_titles))}.")


def unmentioned(words: list[str]) -> str:
    """Words of the question, rare in the archive, that the cited passages never use (rag.answer.unmentioned)."""
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    # "use the word", not "mention": a source may say it in other words ("comedian" for a question's "comic")
    noun = "word" if len(words) == 1 else "words"
    return f"None of the sources cited uses the {noun} {listed}: check that they answer your question."
