"""Issue folders on their way into the index: found under the paths given, read and hashed (to tell which changed),
parsed; every folder that cannot be read is named in one refusal, whichever step finds it."""

from __future__ import annotations

import datetime
import errno
import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from rag.corpus.folders import SourceLimits
from rag.corpus.issue_toml import shell_word, suggested_id
from rag.corpus.source_files import misnamed_issue_toml
from rag.errors import InputError
from rag.fileio import dead_links
from rag.index.chunking import ChunkerSettings
from rag.types import Article, Issue


@dataclass(frozen=True)
class ParsedIssue:
    issue: Issue
    articles: list[Article]
    content_hash: str
    source_sha256: str
    parse_key: str = ""  # see parse_key(); "" when unknown, so the issue is always parsed again
    warnings: tuple[str, ...] = ()  # what its articles may lack (PDF pages without text), said by the ingest


@dataclass(frozen=True)
class ScannedIssue:
    """An issue folder whose files were read and hashed, but not parsed."""

    folder: Path
    issue_id: str
    content_hash: str
    source_sha256: str
    parse_key: str


def parse_key(content_hash: str, chunker: ChunkerSettings, pipeline_version: str) -> str:
    """Changes whenever anything that shapes an issue's chunks changes: its files, the chunker, the parsing code."""
    return hashlib.sha256(json.dumps([content_hash, chunker.as_dict(), pipeline_version]).encode()).hexdigest()


def find_folders(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """Issue folders under the given paths, and a warning for each folder skipped for lack of an issue.toml."""
    from rag.corpus import folders as corpus_folders

    try:
        return _find_folders(paths, corpus_folders)
    except OSError as exc:  # a folder this user may not list was a PermissionError traceback
        raise InputError(f"{unreadable_file(exc)}; nothing was changed") from exc


def _find_folders(paths: Sequence[Path], corpus_folders) -> tuple[list[Path], list[str]]:
    found, warnings, seen = [], [], set()
    for path in paths:
        for folder in corpus_folders.find_issue_dirs(Path(path)):
            # `rag ingest corpus/ corpus/X` names X twice: one folder, ingested once (it was refused as a duplicate)
            if (real := folder.resolve()) not in seen:
                seen.add(real)
                found.append(folder)
        # one reached again through a symbolic link (corpus/all -> corpus) is a folder found, or said once, not twice
        nested, said = [], set(seen)
        for d in corpus_folders.nested_issue_folders(Path(path)):
            if (real := d.resolve()) not in said:
                said.add(real)
                nested.append(d)
        # corpus/2026/autumn-69 was skipped without a word: `rag ingest corpus/` said every issue was unchanged
        warnings += [f"{d} is an issue folder inside another folder, so it was skipped: move it directly under "
                     f"{path} (mv {shell_word(d)} {shell_word(Path(path) / suggested_id(d.name))}) and ingest again"
                     for d in nested]  # its name quoted, and made an issue id: "autumn 69", "deep\udce9" were not
        holding = {Path(path) / d.relative_to(path).parts[0] for d in nested}
        warnings += [_link_out(d, Path(path)) or misnamed_issue_toml(d) or f"{d} has files but no issue.toml, so it "
                     f"was skipped: add an issue.toml (title, season, date, source) to ingest it, or move the folder "
                     f"out of {path}"
                     for d in corpus_folders.folders_without_issue_toml(Path(path)) if d not in holding]
        warnings += [f"{d} is a link to {os.readlink(d)}, which leads to nothing (moved, renamed, on a drive not "
                     "mounted, or a loop?), so it was skipped: mount or restore what it leads to, or remove the link "
                     f"(rm {shell_word(d)})" for d in _dangling(Path(path))]
    return found, warnings


def _link_out(d: Path, corpus: Path) -> str:
    """What to say of a link in the corpus leading out of it to a folder without issue.toml (corpus/etc -> /etc):
    it was called a folder to add an issue.toml to, and made --strict refuse; "" for anything else."""
    if not d.is_symlink() or d.resolve().is_relative_to(corpus.resolve()):
        return ""
    return (f"{d} is a link to {d.resolve()}, outside {corpus}, holding no issue.toml, so it was skipped: remove the "
            f"link (rm {shell_word(d)}) if it leads to no issue")


def _dangling(corpus: Path) -> list[Path]:
    """Links in a corpus folder leading nowhere (an issue folder linked from a drive not mounted was skipped without
    a word); none when the path is an issue folder itself."""
    if not corpus.is_dir() or os.path.lexists(corpus / "issue.toml"):
        return []
    return dead_links(corpus)


EARLIEST_DATE = datetime.date(1948, 7, 5)  # the NHS's first day: no issue of an NHS managers' magazine is older


def implausible_dates(issues: Sequence[Issue], today: datetime.date) -> list[str]:
    """Pure: a warning for each issue dated more than a year after today or before the NHS began: a mistyped year
    (2062 for 2026) makes an issue the newest, which answers every question about what is current."""
    warnings = []
    for issue in issues:
        day = datetime.date.fromisoformat(issue.date)
        if day > today + datetime.timedelta(days=366):
            warnings.append(f"{issue.issue_id}: date = {issue.date} is more than a year after today ({today}), so "
                            "it is the newest issue, which answers questions about what is current: if the year is "
                            f"mistyped, correct date in its issue.toml and run `rag ingest` again")
        elif day < EARLIEST_DATE:
            warnings.append(f"{issue.issue_id}: date = {issue.date} is before the NHS began ({EARLIEST_DATE}): if the "
                            "year is mistyped, correct date in its issue.toml and run `rag ingest` again")
    return warnings


def fields_at_odds(issues: Sequence[Issue], today: datetime.date) -> list[str]:
    """Pure: what each issue's issue.toml fields say against each other or the calendar, each with its fix."""
    from rag.corpus.issue_meta import disagreements

    return implausible_dates(issues, today) + [w for issue in issues for w in disagreements(issue)]


def issues_of(scanned: Iterable[ScannedIssue]) -> list[Issue]:
    """The issue.toml of each folder scanned, read (not its source)."""
    from rag.corpus import folders as corpus_folders

    return [corpus_folders.read_issue_toml(s.folder)[0] for s in scanned]


def strict_refusal(said: Sequence[str], served: str | None) -> str:
    """--strict: the fields at odds, refused; what is served stays served (they were published with a warning)."""
    keeps = f"the index still serves {served}" if served else "no index was written"
    lines = said[0] if len(said) == 1 else f"{len(said)} issue.toml fields are at odds:\n" + "\n".join(
        f"- {w}" for w in said)
    return f"{lines}\n--strict refuses to publish them (without it they are warnings): nothing was changed, {keeps}"


def scan_issues(folders: Sequence[Path], limits: SourceLimits, chunker: ChunkerSettings,
                problems: list[str] | None = None) -> list[ScannedIssue]:
    """Read and hash every issue folder; refuse two folders with the same id or source before anything else.

    problems: where a folder that cannot be read is noted (and left out) for the caller to refuse with the rest;
    without it, they are refused here.
    """
    from rag.corpus import folders as corpus_folders

    version = corpus_folders.pipeline_version()
    noted: list[str] = [] if problems is None else problems
    read = each_readable(folders, lambda folder: (folder, corpus_folders.issue_hashes(folder, limits)), noted)
    if problems is None:
        refuse_unreadable(noted)
    scanned = [ScannedIssue(folder, folder.name, content, source, parse_key(content, chunker, version))
               for folder, (content, source) in read]
    seen: dict[str, ScannedIssue] = {}
    for s in scanned:
        for key, what in ((s.issue_id, "issue id"), (s.source_sha256, "source file")):
            if key in seen:
                raise InputError(f"{s.folder}: same {what} as {seen[key].folder} - each issue must be ingested once; "
                                 "remove the duplicate folder")
            seen[key] = s
    return scanned


def replaced_issues(parsed: Sequence[ParsedIssue], published: dict[str, dict]) -> list[str]:
    """Pure: a warning for each issue ingested under the id of an indexed one whose title and date both differ: another
    issue in a folder of the same name (from another corpus, or a second "2027-spring"), which replaced the indexed
    one without a word. A correction changes one of them, or neither.

    published: issue id -> its manifest entry (title, date)."""
    def norm(title) -> str:
        return " ".join(unicodedata.normalize("NFC", str(title)).split()).casefold()

    out = []
    for p in parsed:
        was = published.get(p.issue.issue_id) or {}
        if was.get("title") and was.get("date") and norm(was["title"]) != norm(p.issue.title) \
                and str(was["date"]) != p.issue.date and was.get("source_sha256") != p.source_sha256:
            out.append(f"{p.issue.issue_id}: the issue indexed under this id ({was['title']!r}, {was['date']}) is "
                       f"replaced by {p.issue.title!r}, {p.issue.date}: if that is another issue, not a correction, "
                       f"`rag rollback` serves the old one again; then give the new folder a name of its own "
                       f"(mv) and ingest it")
    return out


def each_readable(items: Sequence, read: Callable, problems: list[str]) -> list:
    """read(item) for every item that can be read; each InputError's message, or what to do of a file the system
    would not read (unreadable_file), is added to problems."""
    results = []
    for item in items:
        try:
            results.append(read(item))
        except InputError as exc:
            problems.append(str(exc))
        except OSError as exc:  # a source or issue.toml this user may not read was a PermissionError traceback
            problems.append(unreadable_file(exc))
    return results


def unreadable_file(exc: OSError) -> str:
    """What to do of a file or folder the system would not read (its permissions, or the disk)."""
    name = exc.filename if exc.filename is not None else "a file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (f"{name} cannot be read by this user ({exc.strerror}): give it read access (chmod -R a+rX "
                f"{shell_word(name)}), or run the command as its owner (ls -l shows who that is)")
    return (f"{name} cannot be read ({exc.strerror or exc}): copy the issue's files into its folder again (a copy "
            "still being written, or a failing disk?), then run the command again")


def refuse_unreadable(problems: Sequence[str]) -> None:
    """One InputError naming every folder that cannot be read, so a maintainer fixes them all in one round."""
    if len(problems) == 1:
        raise InputError(problems[0])
    if problems:
        raise InputError(f"{len(problems)} issue folders cannot be read, so nothing was changed:\n"
                         + "\n".join(f"- {p}" for p in problems))


def parse_issue(s: ScannedIssue, limits: SourceLimits = SourceLimits()) -> ParsedIssue:
    from rag.corpus import folders as corpus_folders  # the parsers pull in pdfplumber: only when files are read

    issue, articles, warnings = corpus_folders.read_issue(s.folder, limits)
    # Read again after parsing: a source still being copied in was published half-written, its hash from before the
    # parse (a tester's find; the next ingest would have parsed it again, members meanwhile searching half an issue).
    if corpus_folders.issue_hashes(s.folder, limits)[0] != s.content_hash:
        raise InputError(f"{s.folder}: its files changed while they were being ingested (a copy or export still being "
                         "written?): wait until they are complete, then run the command again")
    return ParsedIssue(issue, articles, s.content_hash, s.source_sha256, s.parse_key, tuple(warnings))
