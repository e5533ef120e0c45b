"""issue.toml's table -> a checked Issue and layout hints; the issue id (its folder's name) checked. Pure: each
refusal is one InputError naming the field, what it holds and what is expected."""

from __future__ import annotations

import datetime
import os
import re
import shlex
import unicodedata
from pathlib import Path

from rag.errors import InputError
from rag.textnorm import tokens
from rag.types import Issue

MAX_TOML_BYTES = 64 * 1024  # a real issue.toml is under 2 KB, even with a [[contents]] table
# safe in a URL path and a file name as it is; not starting with '-', which every `rag` command read as an option
# (`rag remove -autumn-69`: "unrecognized arguments", tester 33)
_ISSUE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,99}")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# http(s), a host, then no character a link cannot hold as written (space, control, quote, angle bracket, backslash)
_WEB_ADDRESS = re.compile(r"https?://[^/?#\s\x00-\x1f\x7f\"'<>\\^`{|}]+([/?#][^\s\x00-\x1f\x7f\"<>\\^`{|}]*)?")
_TEXT_FIELDS = {"title": 'title = "Healthcare Manager issue 69, autumn 2026"', "season": 'season = "autumn 2026"',
                "source": 'source = "the-file-as-supplied.pdf"'}
_LAYOUT_KEYS = ("first_page", "not_page_starts")
_MAX_NUMBER = 9999  # four issues a year: a larger number is a typo (a tester's 99999999999999999 was taken)
_KEYS = ("title", "number", "season", "date", "source", "url", "layout", "contents")
_MAX_PAGE = 9999


def _shown(value) -> str:
    """A value as issue.toml wrote it: a TOML date or time as typed, not datetime.datetime(2026, 12, 1, 10, 0)."""
    text = value.isoformat() if isinstance(value, (datetime.date, datetime.time)) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _has_control(text: str) -> bool:
    """A control character or line break ("\\n", "\\t", NUL, U+2028); a no-break space is fine."""
    return any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in text)


_MAX_LINE = 200  # characters of a title or season; the real ones are under 60


def _hidden(text: str) -> str:
    """An invisible format character in the text, named ("U+202E (RIGHT-TO-LEFT OVERRIDE)"), or ""."""
    c = next((c for c in text if unicodedata.category(c) == "Cf"), "")
    return f"U+{ord(c):04X} ({unicodedata.name(c, 'a format character')})" if c else ""


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def suggested_id(name: str) -> str:
    """A folder's name made an issue id: "autumn 69" -> "autumn-69", b"deep\\xe9" (cp1252, read as "deep\\udce9") ->
    "deepe". The mv a message advises must give a name that is then accepted."""
    raw = os.fsencode(name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", "replace")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9._-]+", "-", plain).strip(".-")[:100].rstrip(".-") or "issue"


def shell_word(path) -> str:
    """A path as it is typed in a shell: quoted when it holds a space or a quote ('corpus/2026/autumn 69'), and bytes
    that are not UTF-8 as bash writes them ($'corpus/deep\\xe9'): the advice printed "mv corpus/2026/deep\\udce9 ...",
    which cannot be typed (a tester's find)."""
    text = str(path)
    try:
        text.encode("utf-8")
        if text.isprintable():  # (a newline in a name is typed as bash writes it, and keeps the message one line)
            return shlex.quote(text)
    except UnicodeEncodeError:
        pass
    raw = os.fsencode(text)
    return "$'" + "".join(chr(b) if 32 <= b < 127 and chr(b) not in "'\\" else f"\\x{b:02x}" for b in raw) + "'"


def is_issue_id(name: str) -> bool:
    """Whether a folder's name can be an issue id (check_issue_id says why not)."""
    return bool(_ISSUE_ID.fullmatch(name))


def check_issue_id(issue_id: str, folder: str = "") -> None:
    """An issue id is its folder's name, and it goes as it is into article links and index folders: letters,
    digits, '.', '_' and '-' only, not starting with '.' or '-'. folder: the folder, as messages name it."""
    if not is_issue_id(issue_id):
        how = (f"rename the folder (mv {shell_word(folder)} {shell_word(Path(folder).parent / suggested_id(issue_id))})"
               if folder and issue_id else "rename the folder (mv)")
        folder = folder if folder.isprintable() else repr(folder)  # a newline in the name: still one line
        raise InputError(
            f"{folder or 'issue folder'}: the folder's name {_shown(issue_id)} cannot be an issue id, which goes into "
            f"article links: {how} using letters, digits, '-', '_' and '.' only ('-' and '.' not first; at most "
            "100), e.g. 2026-autumn-69, and ingest again")


def check_size(where: str, size: int) -> None:
    if size > MAX_TOML_BYTES:
        raise InputError(f"{where} is {size // 1024} KB; an issue.toml holds a few lines (limit "
                         f"{MAX_TOML_BYTES // 1024} KB): check that it is the issue's issue.toml")


def _iso_date(where: str, value) -> str:
    """YYYY-MM-DD, quoted or as a TOML date; any other form (20260601, 2026-W23-1, a time) is refused."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise InputError(f"{where}: date = {_shown(value)} is not a day written YYYY-MM-DD: write the issue's date "
                     'as date = "2026-06-01"')


def _url(where: str, value) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _WEB_ADDRESS.fullmatch(value):  # "https://" (no host), a NUL or
        # '"><script>' were published: every member's "publisher's edition" link led nowhere (tester 32)
        raise InputError(f"{where}: url = {_shown(value)} is not a web address: write the publisher's page of the "
                         'issue as url = "https://...", or leave url out')
    return value


def issue_from_table(raw: dict, issue_id: str, where: str) -> Issue:
    """The Issue an issue.toml describes; where: the file, as messages name it."""
    unknown = sorted(set(raw) - set(_KEYS))
    if unknown:  # "nubmer = 70" was ignored: an issue without its number, never told from another issue 70
        raise InputError(f"{where} has unknown keys {unknown}: check their spelling; issue.toml takes "
                         f"{', '.join(_KEYS[:6])}, a [layout] table and [[contents]] entries (see corpus/*/issue.toml)")
    needed = ("title", "season", "date", "source")
    missing = [k for k in needed if raw.get(k) is None]
    if missing:
        them = "it" if len(missing) == 1 else "them"
        raise InputError(f"{where} lacks {', '.join(missing)}: add {them} (see corpus/*/issue.toml)")
    blank = next((k for k in needed if isinstance(raw[k], str) and not raw[k].strip()), None)
    if blank:  # title = "   " was said as missing, which the maintainer could see it was not (tester 32's find)
        example = {**_TEXT_FIELDS, "date": 'date = "2026-06-01"'}[blank]
        raise InputError(f"{where} lacks {blank}: {blank} = {_shown(raw[blank])} is blank: write it between the "
                         f"quotes, e.g. {example}")
    for key, example in _TEXT_FIELDS.items():
        if not isinstance(raw[key], str):
            raise InputError(f"{where}: {key} = {_shown(raw[key])} is not text: write it in quotes, e.g. {example}")
        if _has_control(raw[key]):  # a NUL in source was a ValueError traceback; a line break splits the title
            raise InputError(f"{where}: {key} = {_shown(raw[key])} holds a control character (a line break, tab or "
                             f"\\u0000): write it on one line of plain text, e.g. {example}")
        # a title with U+202E was published and shown reversed beside every source
        if key != "source" and (hidden := _hidden(raw[key])):
            raise InputError(f"{where}: {key} = {_shown(raw[key])} holds {hidden}, which no reader sees (it may turn "
                             f"or hide the text around it where it is shown): type it again without it, e.g. {example}")
        if key != "source" and len(raw[key]) > _MAX_LINE:  # shown beside every source an answer cites
            raise InputError(f"{where}: {key} is {len(raw[key]):,} characters long; it is shown beside every source, "
                             f"so write it as printed on the cover, under {_MAX_LINE} characters, e.g. {example}")
    number = raw.get("number")
    if number is not None and not (_whole(number) and 1 <= number <= _MAX_NUMBER):
        raise InputError(f"{where}: number = {_shown(number)} is not an issue number: write a whole number from 1 to "
                         f"{_MAX_NUMBER} without quotes, e.g. number = 69, or leave number out when none is printed")
    check_layout(raw, where)
    if "contents" in raw:
        check_contents(raw["contents"], where)
    # NFC: a title typed on a Mac ("Cafe\u0301") was stored as typed and told apart from the same title in NFC, so a
    # second folder for the issue passed the title-and-date check (a tester's find)
    title, season = (unicodedata.normalize("NFC", raw[k]) for k in ("title", "season"))
    return Issue(issue_id=issue_id, title=title, date=_iso_date(where, raw["date"]), season=season,
                 source_file=raw["source"], number=number, url=_url(where, raw.get("url")))


def check_layout(raw: dict, where: str) -> dict:
    """The [layout] table (text sources' page hints), checked: {} when there is none."""
    layout = raw.get("layout", {})
    if not isinstance(layout, dict):
        raise InputError(f"{where}: layout = {_shown(layout)} is not a table: write it as a [layout] section with "
                         "first_page = 1 and/or not_page_starts = [\"first words of a line\"], or leave it out")
    unknown = sorted(set(layout) - set(_LAYOUT_KEYS))
    if unknown:
        raise InputError(f"{where}: [layout] has unknown keys {unknown}: use {' and '.join(_LAYOUT_KEYS)}")
    first = layout.get("first_page", 1)
    if not (_whole(first) and 1 <= first <= _MAX_PAGE):
        raise InputError(f"{where}: [layout] first_page = {_shown(first)} is not a page number: write the printed "
                         f"number of the source's first page, a whole number from 1 to {_MAX_PAGE}, e.g. "
                         "first_page = 1")
    starts = layout.get("not_page_starts", [])
    if not isinstance(starts, list) or not all(isinstance(s, str) and s.strip() for s in starts):
        raise InputError(f"{where}: [layout] not_page_starts = {_shown(starts)} is not a list of text: write the "
                         'first words of each line that is not a new page, e.g. not_page_starts = ["Managers met"]')
    return layout


_CONTENTS_KEYS = ("headline", "page", "starts_with")


def check_contents(entries, where: str = "issue.toml") -> list[dict]:
    """The [[contents]] entries ({headline, page?, starts_with?} tables), checked when issue.toml is read, before any
    parsing: a headline = 5 was called missing ("has no headline"), and a bad entry surfaced only after the source
    was parsed, without naming the file."""
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InputError(f"{where}: contents = {_shown(entries)} is not an array of tables: write each article the "
                         'automatic pass gets wrong as a [[contents]] section with headline = "..." (and page, '
                         "starts_with), or leave contents out")
    for n, e in enumerate(entries, 1):
        name = f"{where}: [[contents]] entry {n}"
        headline = e.get("headline")
        if headline is None or (isinstance(headline, str) and not headline.strip()):
            raise InputError(f'{name} has no headline: add headline = "..." as printed on the contents page')
        if not isinstance(headline, str) or _has_control(headline):
            raise InputError(f"{name}: headline = {_shown(headline)} is not one line of text: write it in quotes as "
                             'printed on the contents page, e.g. headline = "Pay award for senior managers"')
        name = f"{name} ({_shown(headline)})"
        unknown = sorted(set(e) - set(_CONTENTS_KEYS))
        if unknown:
            raise InputError(f"{name} has unknown keys {unknown}: use {', '.join(_CONTENTS_KEYS)}")
        if "page" in e and not (_whole(e["page"]) and 1 <= e["page"] <= _MAX_PAGE):
            raise InputError(f"{name}: page = {_shown(e['page'])} is not a page number: page must be a whole number "
                             f"from 1 to {_MAX_PAGE}, as printed, without quotes, e.g. page = 22")
        starts = e.get("starts_with")
        if "starts_with" in e and (not isinstance(starts, str) or not tokens(starts)):
            raise InputError(f"{name}: starts_with = {_shown(starts)} is not words of text: starts_with must be the "
                             'first few words of the article\'s body, in quotes, e.g. starts_with = "Managers met"')
    return entries


def toml_error(path: str, text: str, error: Exception) -> str:
    """What to say of an issue.toml tomllib cannot read: a key or table given twice named with both lines (tomllib
    says only "Cannot overwrite a value (at line 6, column 12)"), anything else as tomllib words it."""
    if isinstance(error, RecursionError):  # was a traceback (exit 1): tomllib reads nested brackets recursively
        return (f"{path} nests arrays or tables too deeply to be read (an issue.toml is a few flat lines and a "
                "[[contents]] table): check that it is the issue's issue.toml, and fix or replace it")
    at = re.search(r"at line (\d+)", str(error))
    lines = text.splitlines()
    if at and ("overwrite a value" in str(error) or "twice" in str(error)) and int(at.group(1)) <= len(lines):
        n = int(at.group(1))
        key = re.match(r"\s*(\[[^\]]*\]|[^=\s]+)", lines[n - 1])
        first = next((k + 1 for k in range(n - 1) if key and re.match(rf"\s*{re.escape(key.group(1))}\s*(=|$)",
                                                                         lines[k])), None)
        if key:
            was = f"lines {first} and {n}" if first else f"line {n}"
            return (f"{path} gives {key.group(1)} twice ({was}): keep the one that is right and delete the other, "
                    "then ingest again")
    return f"{path} is not valid TOML ({error}): fix the file and retry"
