"""Pure: the contact details a passage holds (telephone numbers, email addresses, postal addresses), named.

A member asks for "MiP's phone number" or "where is the union's office?"; the passage holds "020 3437 1473"
or "Centenary House, 93-95 Borough High St, London, SE1 1NL": no word of the question is in it, and a small
embedder does not link the two. A passage holding such a detail is indexed (embedded and counted for BM25)
with a short note naming the kind, so the question finds it; the passage members see is unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# UK numbers as printed: "020 3437 1473", "0800 0 857 857" (a leading 0 and 9-11 digits, spaces allowed)
_PHONE = re.compile(r"(?<![\d.,£$\u20ac])\b0\d{2,4}(?: ?\d){6,8}\b")
# Starts where a run of [\w.+-] starts (a match inside a run would match from its start too): without the
# look-behind, a long run without an "@" (a line of base64) cost n^2 steps
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@ ?[\w-]+(?:\.[\w-]+)+")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b")
_KINDS = (
    (_PHONE, "phone number (telephone) to call"),
    (EMAIL, "email address to write to"),
    (_POSTCODE, "postal address: where to find or write to them"),
)


def contact_note(text: str) -> str:
    """'Contact details: phone number (telephone) to call, email address to write to.' or '' if there are none."""
    kinds = [name for pattern, name in _KINDS if pattern.search(text)]
    return f"Contact details: {', '.join(kinds)}." if kinds else ""


def with_contact_note(sentence: str) -> str:
    """A sentence as embedded: followed by its contact note, if it has one."""
    note = contact_note(sentence)
    return f"{sentence} {note}" if note else sentence


# The kind of detail a question asks for: "what's MiP's phone number", "who do I email", "where is their office"
# ("fax" is none of these: the archive prints no fax number). An office asks for an address where the question asks
# where, or names whose office: "can my manager make me come into the office three days a week ...?" was quoted the
# masthead's "Published by: Managers in Partnership, Centenary House, ..." first (walk 32)
# ... and "call" or "address" as a verb of another deed asks for none: "what did MiP call for?", "what did the unions
# call on ministers to do?", "can I call a meeting?", "what are the four priority areas MiP wants the government to
# address?" (quoted the masthead's postal address alone: the lead's member questions, session 34), nor "ring-fenced"
_VERB_BEFORE = r"(?<!\bto )(?<!\bcan )(?<!\bcould )(?<!\bshould )(?<!\bmust )(?<!\bwill )(?<!\bwould )(?<!\bmay )" \
               r"(?<!\bmight )(?<!\bdo )(?<!\bdoes )(?<!\bdid )(?<!\bnot )(?<!\band )(?<!\bor )"
# an address as a thing: after a determiner or an owner ("the address", "MiP's address", "what address"), or ending
# what is asked ("... address?", "address of the union"); not "how should managers address bullying?"
_ADDRESS = (r"(?:(?:(?<=\bthe )|(?<=\byour )|(?<=\btheir )|(?<=\bits )|(?<=\bour )|(?<=\bmy )|(?<=\ban )|"
            r"(?<=\bwhat )|(?<=\bwhich )|(?<=\bpostal )|(?<=\boffice )|(?<=s\u2019 )|(?<='s )|(?<=\u2019s )|"
            r"(?<=^))address|"
            r"address(?=\s*(?:$|[?.!,]|of\b|for\b|is\b|please\b|to write\b|and\b|or\b)))")
_ASKS_KIND = (
    (re.compile(r"\b(?:phone|telephone|tel|helpline|ring(?!-)|call(?!-|\s+(?:for|on|upon|out|off|in|a|an|the)\b))\b",
                re.I), _PHONE),
    (re.compile(r"\be-?mail\b", re.I), EMAIL),
    (re.compile(r"\b(?:(?<!email )(?<!e-mail )(?<!web )" + _VERB_BEFORE + _ADDRESS + r"|postcode)\b|"
                r"\bwhere\b[^?.]*\b(?:based|located|office|headquarters|hq)\b|^\W*(?:office|headquarters|hq)\b|"
                r"\b(?:head|mip|managers in partnership|union|its)(?:['\u2019]s?)? (?:office|headquarters|hq)\b",
                re.I), _POSTCODE),
)
# Words that ask for a detail, which no passage holding one need repeat ("020 3437 1473" says no "phone number")
CONTACT_WORDS = ("phone telephone tel helpline ring call number email e-mail mail address postal postcode office "
                 "headquarters hq contact details detail reach write touch hold")


_HOW_TO_REACH = re.compile(r"\bhow (?:do|can|could|should|would) (?:i|we|you|members?|one) (?:contact|reach|get in "
                          r"(?:touch|contact) with|get hold of|email|e-mail|phone|ring|call|write to)\b|"
                          r"\bcontact (?:details|number|address)\b", re.I)


def asks_for_details(question: str) -> bool:
    """Whether the question asks how to reach someone, or for a phone number, email or postal address: "how do i
    contact mip", "whats the mip phone number" (not "who is my rep?", which a name answers)."""
    return bool(_HOW_TO_REACH.search(question)) or any(asks.search(question) for asks, _ in _ASKS_KIND)


def holds_details(text: str) -> bool:
    """Whether the text gives a phone number, email address or postcode."""
    return any(pattern.search(text) for pattern, _ in _KINDS)


@dataclass(frozen=True)
class OwnBody:
    """One of the archive's own bodies as a question asks about it (asked) and a text names it (named); words: the
    terms of a question that name it, which a text giving its details need not repeat."""

    asked: re.Pattern
    named: re.Pattern
    words: frozenset[str]


# MiP: "MiP", its full name, "the union" ("where is the union's office?"; not "the trade union movement", q128's
# festival), named in a text by "MiP" or its full name, also in its web and email addresses ("miphealth.org.uk");
# the magazine: "the magazine", "Healthcare Manager", reached through its editor ("Craig Ryan, Editor c.ryan@...")
OWN_BODIES = (
    OwnBody(re.compile(r"\b(?:the|your|my|our) union\b(?!['\u2019]?s?\s+movement)|\bMiP\b|\bManagers in Partnership\b",
                       re.I), re.compile(r"\bMiP|\bManagers in Partnership\b", re.I),
            frozenset({"union", "mip", "manager", "partnership"})),
    OwnBody(re.compile(r"\b(?:the|your|this|our) magazine\b|\bHealthcare Manager\b", re.I),
            re.compile(r"\b(?i:editor)\b|\bHealthcare Manager\b"), frozenset({"magazine", "healthcare", "manager"})),
)


def own_body_asked(question: str) -> OwnBody | None:
    """The archive's own body the question asks about: "where is the union's office?" (MiP), "how can I contact the
    magazine?"; None for any other."""
    return next((body for body in OWN_BODIES if body.asked.search(question)), None)


def asks_a_kind(question: str) -> bool:
    """Whether the question names the kind of detail it wants (a phone number, an email, an address), not only
    "how do I contact ...?"."""
    return any(asks.search(question) for asks, _ in _ASKS_KIND)


def details_asked_and_held(question: str, text: str) -> bool:
    """Whether the question asks for a kind of contact detail that the text holds: "whats the mip phone number" and
    "020 3437 1473"."""
    return any(asks.search(question) and held.search(text) for asks, held in _ASKS_KIND)


def gives_detail_asked(question: str, text: str) -> bool:
    """Whether the text gives the kind of detail the question names, or any detail when it names none ("how do I
    contact MiP?")."""
    return details_asked_and_held(question, text) if asks_a_kind(question) else holds_details(text)


def details_of(text: str) -> set[str]:
    """The phone numbers and email addresses a text gives, spaces and case aside ("020 3437 1473" -> "02034371473")."""
    return {re.sub(r"\s+", "", m.group(0).lower()).rstrip(".") for pattern in (_PHONE, EMAIL)
            for m in pattern.finditer(text)}


def details_not_in(claim: str, text: str) -> bool:
    """Whether the claim gives a phone number or email address the text does not hold (spaces and case aside): the
    local model's "Members needing personal advice should contact MiP by emailing MemberAdvice@miphealth.org.uk [1]"
    cited a 2024 passage holding no address, the line being issue 68's (a walk's)."""
    def key(s: str) -> str:
        return re.sub(r"\s+", "", s.lower())
    held = key(text)
    return any(key(m.group(0)).rstrip(".") not in held for pattern in (_PHONE, EMAIL) for m in pattern.finditer(claim))
