"""Pure: whether a question leans on the conversation before it ("and in 2024?", "what about nurses?", "what did he
say?", "what if my manager says no?", "what's step 6?") or asks something of its own ("whats direct discrimination",
"is there anything about the menopause?", a word typed as into a search box)."""

from __future__ import annotations

import re

from rag.answer.answer_kinds import ASKING_TERMS
from rag.answer.citations import content_terms
from rag.answer.rewrite_checks import PERSON_PRONOUNS, names_before_pronoun
from rag.textnorm import normalize, tokens

_FOLLOWUP_START = re.compile(
    r"^(and|but|also|or|so|then|what about|how about|what of|same for|same question|and what|"
    r"what else|tell me more|more about|more on|why( not)?\??$|how come|is that|was that|are they|"
    r"did (he|she|they|it)|does (he|she|it)|do they)\b"
)
PRONOUNS = frozenset("he she him her his hers they them their theirs it its that this those these there".split())
# "he", "she": someone named before, whatever else the question says ("what did he say about extra money for the NHS?")
# a question about something said or done in the turn before, ending on it: "... say that?", "... mean by this?"
_SAID_THAT = re.compile(r"\b(?:say|said|says|mean|meant|means|announce|announced|write|wrote|claim|claimed|do|did)"
                        r"(?: by)? (?:that|this|it)\W*$")
# "the current one", "the other ones", "that one": something the conversation named before
_ONE_BEFORE = re.compile(r"\b(?:the|that|this|those|these)(?: \w+)? ones?\b"
                         r"(?! (?:of|who|that|which|whose|in|at|for)\b)")
# "there" ending a question as a place ("how many staff work there?", "what is happening there?"), not the "there" of
# "is there ...?" / "are there?": the place is the one the conversation named (a batch's "how many staff work there?"
# after commissioning support units was searched alone and answered with NHS England's 15,000)
_THERE = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbe )(?<!\bbeen )\bthere$")


_NTH_ITEM = re.compile(r"\b(?:step|point|tip|item|rule|reason|stage|lesson|mistake|priority|goal|question)s? "
                       r"(?:no\.? ?)?\d+\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                       r"last|next) (?:step|point|tip|item|rule|reason|stage|lesson|mistake|priority|goal)\b")
_IS_THERE = re.compile(r"\b(is|are|was|were|be|been|isn't|aren't|wasn't|weren't) there\b")
ASKS_ITSELF = re.compile(r"^(?:what|whats|what's|who|whos|who's|when|where|which|how|why)\b")


# a response to something not named in the question: "what if my manager says no?" (after a question on flexible
# working: searched alone, it was answered first from an article on managers and government, a walk)
_RESPONSE_TO_IT = re.compile(r"\b(?:(?:says?|said) no|(?:refuses?|refused|rejects?|rejected|declines?|declined|"
                             r"disagrees?|objects?)(?: (?:it|that|this))?|turns? (?:it |that |this |me )?down|"
                             r"won'?t (?:agree|allow it|let me)|(?:does|did) ?n[o']?t (?:agree|reply|respond|answer))$")


# what someone should or can do, in a situation not named: "what should my line manager do?", "what can I do?" (a walk:
# after a question on the menopause at work, it was searched alone and answered on supporting autistic colleagues)
# "it" or "them" as what is done or asked of ("is MiP doing anything to stop it?", "what has MiP told the government
# about it?" after a question on cuts), or as what goes on ("if it carries on can I take them to a tribunal?"): what the
# conversation was about, whatever the question names besides (walk 33: each was searched alone, and answered from
# the discrimination guide)
_POINTS_BACK = re.compile(r"\b\w+ (?:it|them)$|^(?:and |but |so )?(?:if|when|what if|once) (?:it|they)\b")
_DO_IN_IT = re.compile(r"(?:\b(?:should|shall|can|could|must|would|will|ought)\b(?: \w+){1,3}|\bto) do$")
# a step put in order with what the conversation is about: "what should I do first?" after a question on direct
# discrimination, "should I update my CV first?" after one on getting back into work after redundancy (walk 30: both
# searched alone and refused)
_IN_ORDER = re.compile(r"\b(?:first|next|afterwards|after that|before that|instead)$")


# how, where or when to do something, the deed's object left unsaid: "how do I join?" after "what is MiP?" (the lead's
# member questions, session 34: searched alone, and quoted the FDA's Pride parade and an actor's union), "where do I
# apply?", "how can we complain?"
_BARE_DEED = re.compile(r"^(?:and |so |but |then )?(?:how|where|when) (?:do|can|could|should|would|shall|must|will) "
                        r"(?:i|we|you|members?|one) \w+(?: (?:up|in|on|for|to))?$")


# asking the answer before for an example of what it said: "give me an example" after "what counts as direct
# discrimination?" (a batch, session 35: searched alone and refused), "any examples?", "like what?", "such as?"
EXAMPLE_OF_IT = re.compile(r"^(?:(?:can|could|would) you |please )?(?:give|show|tell) (?:me|us) "
                           r"(?:an?|some|more|any)? ?(?:examples?|instances?|cases?)(?: of (?:it|that|this|them))?"
                           r"(?: please)?$|"
                           r"^(?:any|some|an|more|for|got an?) examples?$|^like what$|^such as$|^(?:e ?g|eg)$")


# one word asking more of the answer before, not a topic: "explain", "sources", "summarise"
_OF_THE_ANSWER = frozenset("explain elaborate continue expand detail details example examples source sources link "
                           "links summarise summarize summary quote quotes context".split())


def looks_like_followup(question: str) -> bool:
    """True for questions that lean on earlier turns: "and in 2024?", "what about nurses?", "what did he say?",
    "what if my manager says no?"."""
    q = normalize(question).strip(" ?!.")
    if not q:
        return False
    if _RESPONSE_TO_IT.search(q):
        return True
    if _FOLLOWUP_START.match(q) or EXAMPLE_OF_IT.match(q):
        return True
    words = tokens(q)
    if (len(words) == 1 and words[0].isalpha() and content_terms(q) and words[0] not in _OF_THE_ANSWER
            and not ASKS_ITSELF.match(q) and not question.rstrip().endswith("?")):
        return False  # a word typed as into a search box ("pay", "redundancy") starts a new topic: walk 27's "pay"
        # after "who is the chief executive of MiP?" was searched as "who is the chief executive of MiP pay?"
    if any(w in PERSON_PRONOUNS for w in words) and not names_before_pronoun(question):
        return True
    # the "there" of "is there anything about the menopause?" points at nothing (walk 29: merged with the flexible
    # working question before it and answered on flexible working)
    words = tokens(_IS_THERE.sub(r"\1", q))
    # ("many" / "much" ask, they name nothing: "how many people?" after a question on overseas staff at NHS England
    # was searched alone, a batch's, and answered with the app's 34 million users)
    named = [t for t in content_terms(q) if t not in ASKING_TERMS]
    if len(words) <= 3 and len(named) <= 2 and not (ASKS_ITSELF.match(q) and len(named) == 2):
        return True  # a fragment such as "in 2024?" or "for directors?" (not "whats direct discrimination", "who
        # chairs mip": a question word and two terms ask a question of their own; a walk's was merged with the turn
        # before, searched as "im being treated differently cos of my race what can i do whats direct discrimination?")
    # (not "Who is Chris Withers and what does he do?", its "he" the question's own: a walk got it merged with the turn
    # before; but "When did Sir Jim Mackey say that?" still leans on it: "that" is what he said before)
    own = names_before_pronoun(question) and not any(w in PRONOUNS - PERSON_PRONOUNS for w in words)
    if any(w in PRONOUNS for w in words) and len(content_terms(q)) <= 2 and not own:
        return True
    if _THERE.search(q) or _POINTS_BACK.search(q):
        return True
    if _DO_IN_IT.search(q) and len(content_terms(q)) <= 2:
        return True  # (not "I work in a CSU and I'm worried about the review. What should I do?": it names its case)
    if _IN_ORDER.search(q) and len(content_terms(_IN_ORDER.sub("", q))) <= 2:
        return True  # (not "what are the steps to take if my post is at risk first?": it names its case)
    if _BARE_DEED.match(q):
        return True
    if _SAID_THAT.search(q):
        return True  # "When did Sir Jim Mackey say that?": what he said is in the turn before (a second walk)
    if _NTH_ITEM.search(q) and len(content_terms(q)) <= 2:
        return True  # "what's step 6?": a numbered item of the list the conversation was about (walk 29)
    if _ONE_BEFORE.search(q):
        return True  # "what's the email address for the current one?": a thing named in an earlier turn (a walk)
    # "how much is the rise?": one thing, named as already known ("the"), and nothing else to search by (a walk)
    return "the" in words and len(content_terms(q)) <= 1
