"""Pure clean-up of model text: no HTML, images, links or URLs survive (links are built by code only)."""

from __future__ import annotations

import re

from rag.markdown_links import IMAGE, LINK

# Script/style bodies are code, not prose: drop them with their tags.
_SCRIPT = re.compile(r"<\s*(script|style|iframe|object)\b.*?(<\s*/\s*\1\s*>|$)", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?(-->|$)", re.S)
# A tag, or an unclosed one running to the end of the line ("<img src=x onerror=...").
_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^>\n]*(>|$)", re.M)
# After rag.markdown_links' whole links and images (parentheses in the address): what is left of one cut short.
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\](\([^)\n]*\)?|\[[^\]\n]*\])")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\n]*)\)?")
_MD_REF_DEF = re.compile(r"^\s*\[[^\]\n]+\]:\s*\S+.*$", re.M)
# A URL's characters: a ")" only closing a "(" of its own ("wiki/Pay_(review)"), so "(see www.x.org)" keeps its ")"
_URL_CHARS = r"(?:[^\s<>\"'()\]]|\([^\s<>\"'()\]]*\)|\()"
_URL = re.compile(
    rf"(?:\b(?:https?|ftp|file|javascript|vbscript|mailto|data):{_URL_CHARS}*"
    rf"|\bwww\.{_URL_CHARS}+"
    rf"|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{{2,}}/{_URL_CHARS}*)",  # bare domain with a path
    re.I,
)
_ENTITY_LT = re.compile(r"&(lt|#0*60|#x0*3c);", re.I)
_ENTITY_GT = re.compile(r"&(gt|#0*62|#x0*3e);", re.I)
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([.,;:!?])")
_EMPTY_PARENS = re.compile(r"\(\s*\)|\[\s*\]")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\s*\n\s*\n\s*")
_NUMERIC = re.compile(r"\s*\d+(?:\s*[,\-\u2013]\s*\d+)*\s*")
_GONE = "\x00"  # where a URL was taken out
# Brackets that held little but a URL ("(see mip.social/x.)", "(visit unison.org.uk for help)"): they go with it.
# "read the leaflet at <URL>" would read "read the leaflet at."
_URL_PLACE = re.compile(r"\b(?:at|on|via)\s+\x00", re.I)
_URL_ASIDE = re.compile(r"\(\s*(?:\w+\s+){0,3}\x00[^()\w]*(?:\w+\s*){0,2}[.!?]?\s*\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")  # where a sentence that held any other URL is cut off


def urls_named(text: str, placeholder: str) -> str:
    """The text with each URL replaced by the placeholder, sentence punctuation after it kept: a quote stays whole
    where sanitize_answer would leave "can be found at:." (links are built by code only)."""
    named = _URL.sub(lambda m: placeholder + _drop_url(m).strip(), text)
    return named.replace(f"({placeholder})", placeholder)  # "(https://...)": the placeholder says what it is


def _drop_url(m: re.Match) -> str:
    # Sentence punctuation right after a URL belongs to the sentence, not the URL.
    url = m.group(0)
    return " " + url[len(url.rstrip(".,;:!?")) :]


def _link_text(m: re.Match) -> str:
    label = m.group(1).strip()
    # "[1](http://...)": the model meant a citation marker; keep the marker, drop the URL.
    return f"[{label}]" if _NUMERIC.fullmatch(label) else label


def sanitize_answer(text: str) -> str:
    """Remove HTML, markdown images and links, bare URLs; collapse whitespace (paragraph breaks kept).

    Example: 'See ![x](http://e.x/a.png) <b>this</b> [site](http://e.x).' -> 'See this site.'
    """
    # Encoded angle brackets could be decoded into tags by a renderer: decode, then strip as tags.
    text = _ENTITY_GT.sub(">", _ENTITY_LT.sub("<", text))
    text = _SCRIPT.sub(" ", text)
    text = _COMMENT.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _MD_IMAGE.sub(" ", IMAGE.sub(" ", text))
    text = _MD_REF_DEF.sub(" ", text)
    text = _MD_LINK.sub(_link_text, LINK.sub(_link_text, text))
    text = _URL.sub(lambda m: _GONE + _drop_url(m), text.replace(_GONE, ""))
    text = _URL_ASIDE.sub(" ", text)
    text = _URL_PLACE.sub("in the article", text)
    # A sentence whose URL was its point says nothing once it is gone: "To join, you can visit for help [3]." (a walk)
    text = "\n".join(" ".join(s for s in _SENTENCE_END.split(line) if _GONE not in s) for line in text.split("\n"))
    text = text.replace("<", " ").replace(">", " ")
    text = _EMPTY_PARENS.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = _BLANKS.sub("\n\n", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return text.strip()
