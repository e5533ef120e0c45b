"""Which indexed issue a `rag remove` argument that is no issue id meant: its number or season, its folder's path (or
its issue.toml's), the id with a stray space or in other capitals. Named, never removed by: removing is explicit."""

from __future__ import annotations

import fnmatch
import re
from pathlib import PurePath


def unknown_issue(given: str, indexed: dict[str, tuple[object, str]]) -> str:
    """The refusal for `rag remove GIVEN`. indexed: id -> (number, season) of every issue the version served holds."""
    known = ", ".join(sorted(indexed)) or "none"
    if not given.strip():  # `rag remove "$ISSUE"` with ISSUE unset
        return (f"rag remove {given!r} names no issue (an unset shell variable?): give the id of an indexed issue "
                f"(indexed: {known}); see `rag status`")
    return f"no indexed issue {given!r} (indexed: {known}){_hint(given, indexed)}; see `rag status`"


def _hint(given: str, indexed: dict[str, tuple[object, str]]) -> str:
    said = re.sub(r"^(?:issue\s+|number\s+|no\.\s*|no\s+)", "", given.strip().lstrip("#").casefold()).lstrip("#")
    named = [i for i in sorted(indexed) if said in {str(indexed[i][0]), indexed[i][1].casefold()}]
    if named:  # `rag remove 68` (a number or season, as `rag ask --issue` takes) is pointed to the id
        return (f"; {given!r} is the number or season of {', '.join(named)}: an issue is removed by its id, "
                f"`rag remove {named[0]}`")
    path = PurePath(given.strip().rstrip("/\\"))  # `rag remove corpus/2026-summer-68/`, as ingest takes
    folder = path.parent.name if path.name == "issue.toml" else path.name
    if folder in indexed and folder != given.strip():
        what = "its issue.toml's path" if path.name == "issue.toml" else "a folder's path"
        return (f"; {given!r} is {what}: an issue is removed by its id, `rag remove {folder}` (its folder is left "
                "where it is)")
    if given.strip() in indexed:  # pasted with a space or a line end
        return f"; {given!r} has a space at its start or end: the id is {given.strip()}, `rag remove {given.strip()}`"
    other = [i for i in sorted(indexed) if i.casefold() == folder.casefold()]
    if other:
        return f"; ids are written as `rag status` lists them: `rag remove {other[0]}`"
    if any(c in given for c in "*?["):
        matched = fnmatch.filter(sorted(indexed), given.strip())
        these = f": {', '.join(matched)} {'match' if len(matched) > 1 else 'matches'} it" if matched else ""
        return f"; rag remove takes ids, not patterns{these}: give each id to remove (`rag remove ID ID ...`)"
    return ""
