"""Find issue folders under corpus/ and load them (the only parsing code that touches disk)."""

from __future__ import annotations

import hashlib
import re
import tomllib
from datetime import date
from pathlib import Path

from rag.errors import InputError
from rag.layout import with_contents
from rag.parse_markdown import parse_markdown
from rag.parse_text import parse_text
from rag.types import Article, Issue

_MARKDOWN_HINTS = re.compile(r"^(#{1,3} \S|- \S|\*\*\S)", re.M)


def find_issue_dirs(path: Path) -> list[Path]:
    """One issue folder, or every sub-folder of a corpus folder that holds an issue.toml."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path} does not exist: pass the corpus/ folder or one issue folder in it")
    if path.is_file():
        raise InputError(f"{path} is a file: pass its folder, which must also hold an issue.toml")
    if (path / "issue.toml").is_file():
        return [path]
    dirs = sorted(p for p in path.iterdir() if p.is_dir() and (p / "issue.toml").is_file())
    if not dirs:
        raise InputError(
            f"no issue folders in {path}: each issue needs its own folder with an issue.toml "
            "(title, season, date, source) next to the source file"
        )
    return dirs


def read_issue_toml(issue_dir: Path) -> tuple[Issue, dict]:
    """issue.toml -> Issue (validated) and the raw table, which may hold layout hints."""
    toml_path = issue_dir / "issue.toml"
    if not toml_path.is_file():
        raise InputError(f"{issue_dir} has no issue.toml: add one with title, season, date and source")
    try:
        raw = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"{toml_path} is not valid TOML ({e}): fix the file and retry") from e
    missing = [k for k in ("title", "season", "date", "source") if not raw.get(k)]
    if missing:
        raise InputError(f"{toml_path} lacks {', '.join(missing)}: add them (see corpus/*/issue.toml)")
    try:
        date.fromisoformat(str(raw["date"]))
    except ValueError as e:
        raise InputError(f"{toml_path}: date {raw['date']!r} is not an ISO date such as 2026-06-01") from e
    number = raw.get("number")
    if number is not None and not isinstance(number, int):
        raise InputError(f"{toml_path}: number must be a whole number, or left out when not printed")
    issue = Issue(
        issue_id=issue_dir.name,
        title=str(raw["title"]),
        date=str(raw["date"]),
        season=str(raw["season"]),
        source_file=str(raw["source"]),
        number=number,
        url=raw.get("url") or None,
    )
    return issue, raw


def read_text_source(path: Path) -> str:
    """UTF-8 text of a source file, refusing empty, binary and non-UTF-8 files."""
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path} is empty: copy the issue's full text into it, or point source at the right file")
    if b"\x00" in data:
        raise InputError(f"{path} looks binary (NUL bytes): supply the issue as UTF-8 text, markdown or a PDF")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(
            f"{path} is not UTF-8 (byte {e.start}): re-save it as UTF-8, e.g. iconv -f cp1252 -t utf-8"
        ) from e


def looks_like_markdown(text: str) -> bool:
    """True when headings, list items or bold markers are common enough to be markdown."""
    return len(_MARKDOWN_HINTS.findall(text)) >= 5


def load_issue(issue_dir: Path) -> tuple[Issue, list[Article]]:
    """Read issue.toml and its source; parse the source into articles with pages."""
    issue_dir = Path(issue_dir)
    issue, raw = read_issue_toml(issue_dir)
    source = issue_dir / issue.source_file
    if not source.is_file():
        raise InputError(f"{source} not found: issue.toml names source = {issue.source_file!r}; fix the name or add the file")
    suffix = source.suffix.lower()
    if suffix == ".pdf":
        from rag.parse_pdf import parse_pdf  # pdfplumber is only needed for PDF issues

        articles = parse_pdf(source, issue.issue_id)
    else:
        text = read_text_source(source)
        if suffix in (".md", ".markdown") or looks_like_markdown(text):
            articles = parse_markdown(text, issue.issue_id)
        else:
            articles = parse_text(text, issue.issue_id, hints=raw.get("layout", {}))
    if not articles:
        raise InputError(f"{source} yielded no articles: check that it holds the issue's text")
    if "contents" in raw:  # a maintainer's contents table corrects names and article starts
        articles = with_contents(articles, raw["contents"], issue.issue_id)
    return issue, articles


def issue_content_hash(issue_dir: Path) -> str:
    """sha256 over issue.toml and the source bytes: changes whenever either changes."""
    issue_dir = Path(issue_dir)
    issue, _ = read_issue_toml(issue_dir)
    source = issue_dir / issue.source_file
    if not source.is_file():
        raise InputError(f"{source} not found: issue.toml names source = {issue.source_file!r}")
    h = hashlib.sha256()
    for part in ((issue_dir / "issue.toml").read_bytes(), source.read_bytes()):
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()
