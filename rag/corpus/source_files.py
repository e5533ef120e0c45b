"""The files an issue folder names: its issue.toml and the source file issue.toml's source names, each a regular file
inside the folder (the only checks of file kinds; reading them is folders.py's)."""

from __future__ import annotations

import errno
import unicodedata
from pathlib import Path

from rag.corpus.issue_toml import shell_word
from rag.errors import InputError
from rag.fileio import not_a_file

SOURCE_KINDS = (".pdf", ".txt", ".text", ".md", ".markdown")  # what the parsers read


def issue_toml_file(issue_dir: Path) -> Path | None:
    """issue_dir/issue.toml when it is a regular file, None when there is none; anything else in its place (a named
    pipe, a folder, a dangling link) is refused: it was skipped without a word, so `rag ingest corpus/` left the
    issue out, or said "no issue folders"."""
    path = Path(issue_dir) / "issue.toml"
    kind = not_a_file(path)
    if kind:
        raise InputError(f"{path} is {kind}, not a file: put the issue's issue.toml (a text file) in its place")
    return path if path.is_file() else None


def misnamed_issue_toml(d: Path) -> str:
    """What to say of a folder whose issue.toml is named otherwise ("Issue.toml", Notepad's "issue.toml.txt", which
    Windows shows as issue.toml): it was told to add the issue.toml it seemed to hold; "" when none is there."""
    name = next((f.name for f in sorted(d.iterdir()) if f.is_file() and (
        f.name.lower().replace(" ", "") == "issue.toml" or f.name.lower().startswith("issue.toml."))), None)
    if name is None:
        return ""
    hidden = " (Windows hides the .txt Notepad adds)" if name.lower().endswith(".txt") else ""
    return (f"{d} has no issue.toml but holds {name!r}{hidden}, so it was skipped: rename it (mv "
            f"{shell_word(d / name)} {shell_word(d / 'issue.toml')}) and ingest again")


def source_path(issue_dir: Path, source: str) -> Path:
    """The source file issue.toml names, which must resolve (symlinks followed) inside its issue folder and be of a
    kind the parsers read (SOURCE_KINDS)."""
    folder = Path(issue_dir).resolve()
    try:
        path = (folder / source).resolve()
    except (RuntimeError, OSError) as e:  # a symlink loop: RuntimeError before Python 3.13, OSError (ELOOP) since
        if isinstance(e, OSError) and e.errno != errno.ELOOP:
            raise
        raise InputError(f"{issue_dir}/issue.toml: source = {source!r} is a symbolic link that loops back on itself "
                         f"({e}): replace the link with the issue's file") from None
    if not path.is_relative_to(folder):
        raise InputError(f"{issue_dir}/issue.toml: source = {source!r} is outside its issue folder: copy the "
                         "issue's file into the folder and name just the file")
    if path == folder:  # source = "." or "sub/..": was called "a suffix-less file"
        raise InputError(f"{issue_dir}/issue.toml: source = {source!r} names the issue folder itself, not a file: "
                         'name the issue\'s file in the folder, e.g. source = "issue-69.pdf"')
    kind = not_a_file(path)
    if kind and kind != "a folder":  # a named pipe was "not found"; reading one would wait for ever
        raise InputError(f"{issue_dir / source} is {kind}, not a file: copy the issue's file (PDF, .txt or .md) "
                         "into the folder under that name")
    if kind and not Path(source).suffix:  # source = "pdf" (a sub-folder) was called "a suffix-less file" (tester 29)
        raise _a_folder(issue_dir, source)
    if source != source.strip() and not path.is_file():  # was "is a .txt  file: the archive reads ... (.txt) ..."
        found = any(unicodedata.normalize("NFC", p.name) == unicodedata.normalize("NFC", source.strip())
                    for p in folder.iterdir() if p.is_file())
        raise InputError(f"{issue_dir}/issue.toml: source = {source!r} has a space at its start or end"
                         + (f": the file is named {source.strip()!r}, so write source = \"{source.strip()}\""
                            if found else ": remove it, and check that the file is named as source says"))
    suffix = Path(source).suffix.lower()
    if suffix not in SOURCE_KINDS:
        raise InputError(f"{issue_dir}/issue.toml: source = {source!r} is a {suffix or 'suffix-less'} file: the "
                         "archive reads PDF (.pdf), plain text (.txt) and markdown (.md); export the issue as one of "
                         "them")
    if not path.is_file():
        return _same_name_other_form(issue_dir, folder, source, path)
    return path


def _same_name_other_form(issue_dir: Path, folder: Path, source: str, path: Path) -> Path:
    """The file a source names in another Unicode form ('für' as u + combining diaeresis, as a Mac writes names): the
    same name to the maintainer, who cannot see why it is 'not found'. Anything else is refused, naming what the
    folder holds."""
    parent = path.parent
    if parent.is_dir() and parent.is_relative_to(folder):
        wanted = unicodedata.normalize("NFC", path.name)
        same = [p for p in parent.iterdir() if unicodedata.normalize("NFC", p.name) == wanted and p.is_file()]
        if len(same) == 1 and same[0].resolve().is_relative_to(folder):
            return same[0].resolve()
    if path.is_dir():
        raise _a_folder(issue_dir, source)
    held = sorted(p.name for p in Path(issue_dir).iterdir() if p.is_file() and p.suffix.lower() in SOURCE_KINDS) \
        if Path(issue_dir).is_dir() else []
    there = (f" (the folder holds {', '.join(map(repr, held[:5]))})" if held
             else " (the folder holds no PDF, .txt or .md)")
    raise InputError(f"{issue_dir / source} not found: issue.toml names source = {source!r}{there}; fix the name or "
                     "add the file")


def _a_folder(issue_dir: Path, source: str) -> InputError:
    return InputError(f"{issue_dir / source} is a folder, not a file: issue.toml's source names the issue's file "
                      "(PDF, .txt or .md) in its folder")
