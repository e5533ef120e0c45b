"""Find issue folders under corpus/ and load them (the only parsing code that touches disk)."""

from __future__ import annotations

import ast
import hashlib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from rag.corpus.cleaning import drop_invisible, spell_ligatures
from rag.corpus.issue_toml import check_issue_id, check_size, issue_from_table, toml_error
from rag.corpus.pdf_streams import pages_said
from rag.corpus.pdf_tree import MAX_PAGES
from rag.corpus.source_files import issue_toml_file, misnamed_issue_toml, source_path
from rag.corpus.text_shape import drop_embedded_images, iconv, no_text, not_utf8, shape_problem
from rag.errors import InputError
from rag.fileio import dead_link_on, dead_links, leads_nowhere
from rag.types import Article, Issue

_MARKDOWN_HINTS = re.compile(r"^(#{1,3} \S|- \S|\*\*\S)", re.M)
# Where the code that turns an issue's files into chunks starts; pipeline_version follows its imports.
_PIPELINE_ROOTS = ("rag.corpus.folders", "rag.index.chunking", "rag.tokens")


@dataclass(frozen=True)
class SourceLimits:
    """Largest files an issue may have. A magazine issue's text is 100-300 KB and its PDF a few MB."""

    text_bytes: int = 1024 * 1024  # a text/markdown source, and the text a PDF yields (RAG_MAX_TEXT_SOURCE_KB)
    pdf_bytes: int = 32 * 1024 * 1024  # RAG_MAX_PDF_SOURCE_MB
    pdf_pages: int = MAX_PAGES  # RAG_MAX_PDF_PAGES


def _size(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB" if n >= 1 << 20 else f"{max(1, round(n / 1024))} KB"


def _too_big(path: Path, size: int, limit: int, what: str, setting: str, unit: int) -> InputError:
    value = max(1, round(limit / unit))
    enough = max(4 * value, -(-size // unit))  # a limit of 1 KB suggested 4 KB for a 97 KB file (a tester's find)
    return InputError(
        f"{path} {what} {_size(size)}; the limit for one issue is {_size(limit)} ({setting}={value}): "
        f"check that it is one issue's file, or raise the limit, e.g. {setting}={enough} rag ingest ...")


def folders_without_issue_toml(path: Path) -> list[Path]:
    """Sub-folders of a corpus folder holding files but no issue.toml: `rag ingest` would skip them."""
    path = Path(path)
    if not path.is_dir() or os.path.lexists(path / "issue.toml"):
        return []
    return sorted(p for p in path.iterdir()
                  if p.is_dir() and not p.name.startswith(".") and not os.path.lexists(p / "issue.toml")
                  and any(f.is_file() and not f.name.startswith(".") for f in p.iterdir()))


def nested_issue_folders(path: Path) -> list[Path]:
    """Issue folders (holding an issue.toml) deeper than one level under a corpus folder, e.g. corpus/2026/autumn-69:
    `rag ingest corpus/` reads only corpus/*/issue.toml, so it would skip them. Hidden folders are left out."""
    path = Path(path)
    if not path.is_dir() or os.path.lexists(path / "issue.toml"):
        return []
    found, inside = [], path.resolve()
    for top in sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if os.path.lexists(top / "issue.toml"):
            continue
        if not top.resolve().is_relative_to(inside):  # a link out of the corpus (corpus/up -> .., or -> /) was
            continue  # walked whole, its folders named as misfiled issues to mv in (a tester's find)
        for root, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            if "issue.toml" in files:
                found.append(Path(root))
                dirs[:] = []  # an issue folder's own sub-folders are its business
    return found


# Formats a maintainer may export by mistake, told by their first bytes whatever the file is called
_NOT_TEXT = ((b"{\\rtf", "RTF"), (b"PK\x03\x04", "a ZIP archive (a Word .docx or an .odt?)"),
             (b"\xd0\xcf\x11\xe0", "an old Word .doc"), (b"<!doctype html", "HTML"), (b"<html", "HTML"))


def pipeline_modules() -> dict[str, bytes]:
    """Source of every rag module the parsers and the chunker use, found by following their imports (lazy
    ones too), by dotted module name."""
    package, todo, seen = Path(__file__).resolve().parent.parent, list(_PIPELINE_ROOTS), {}
    while todo:
        name = todo.pop()
        path = package.joinpath(*name.split(".")[1:]).with_suffix(".py")
        if name in seen or not path.is_file():
            continue
        seen[name] = path.read_bytes()
        for node in ast.walk(ast.parse(seen[name])):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("rag"):
                todo += [node.module] + [f"{node.module}.{a.name}" for a in node.names]  # a name may be a module
            elif isinstance(node, ast.Import):
                todo += [a.name for a in node.names if a.name.startswith("rag.")]
    return seen


def pipeline_version() -> str:
    """sha256 of pipeline_modules(): editing any of them parses every issue again (no number to forget)."""
    h = hashlib.sha256()
    for name, source in sorted(pipeline_modules().items()):
        h.update(name.encode() + b"\0" + hashlib.sha256(source).digest())
    return h.hexdigest()


def find_issue_dirs(path: Path) -> list[Path]:
    """One issue folder, or every sub-folder of a corpus folder that holds an issue.toml."""
    path = Path(path)
    if not path.exists():  # a link to a drive not mounted was said "does not exist" (it does, as a link)
        if (link := dead_link_on(path)) is not None:
            raise InputError(f"{leads_nowhere(link)}: mount or restore what it leads to, or give the folder itself")
        raise InputError(f"{path} does not exist: pass the corpus/ folder or one issue folder in it")
    if path.is_file():
        raise InputError(f"{path} is a file: pass its folder, which must also hold an issue.toml")
    if os.path.lexists(path / "issue.toml"):  # a named pipe or folder there is refused when read, not skipped
        return [Path(os.path.abspath(path)) if path.name in ("", "..") else path]  # `rag ingest .`: the folder's name
    # a hidden folder (a draft kept out as ".draft-69", a copy tool's) is no issue, as elsewhere in the corpus: one
    # with an issue.toml refused the whole ingest, telling the maintainer to rename it without its '.' (tester 33)
    held = sorted(p for p in path.iterdir() if p.is_dir() and os.path.lexists(p / "issue.toml"))
    dirs = [p for p in held if not p.name.startswith(".")]
    if not dirs:  # each hint: a hidden issue folder, an issue.toml named otherwise (Issue.toml), a link to nothing
        hints = [f"{p.name} is hidden (its name starts with '.'), so it is no issue folder: rename it without the '.' "
                 "to ingest it" for p in held[:5]] + [misnamed_issue_toml(path)] + [
                     f"{leads_nowhere(p)}: mount or restore it" for p in dead_links(path)[:5]]
        raise InputError(f"no issue folders in {path}: each issue needs its own folder with an issue.toml (title, "
                         "season, date, source) next to the source file" + "".join(f"; {h}" for h in hints if h))
    return dirs


def read_issue_toml(issue_dir: Path) -> tuple[Issue, dict]:
    """issue.toml -> Issue (every field checked, the folder's name too) and the raw table, which may hold layout
    hints (checked) and a contents table."""
    toml_path = issue_toml_file(issue_dir)
    if toml_path is None:
        raise InputError(f"{issue_dir} has no issue.toml: add one with title, season, date and source")
    check_issue_id(issue_dir.name, str(issue_dir))
    check_size(str(toml_path), toml_path.stat().st_size)
    data = toml_path.read_bytes()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data:  # Notepad's "Unicode": was "not valid TOML"
        raise InputError(f"{toml_path} is saved as UTF-16 (or holds NUL bytes), not UTF-8: re-save it as UTF-8, e.g. "
                         f"iconv -f utf-16 -t utf-8 issue.toml > issue.utf8 && mv issue.utf8 issue.toml")
    try:
        raw = tomllib.loads(data.decode("utf-8-sig"))  # Notepad's byte-order mark is no TOML error
    except UnicodeDecodeError as e:
        raise InputError(f"{toml_path} is not UTF-8 (byte {e.start}): re-save it as UTF-8, e.g. iconv -f cp1252 -t "
                         "utf-8 issue.toml > issue.utf8 && mv issue.utf8 issue.toml") from e
    except (tomllib.TOMLDecodeError, RecursionError) as e:
        raise InputError(toml_error(str(toml_path), data.decode("utf-8-sig"), e)) from e
    return issue_from_table(raw, issue_dir.name, str(toml_path)), raw


def _check_size(shown: Path, size: int, limits: SourceLimits) -> None:
    if shown.suffix.lower() == ".pdf":
        if size > limits.pdf_bytes:
            raise _too_big(shown, size, limits.pdf_bytes, "is", "RAG_MAX_PDF_SOURCE_MB", 1 << 20)
    elif size > limits.text_bytes:
        raise _too_big(shown, size, limits.text_bytes, "is", "RAG_MAX_TEXT_SOURCE_KB", 1024)


def read_text_source(path: Path, limits: SourceLimits = SourceLimits()) -> str:
    """UTF-8 text of a source file, refusing empty, oversized, binary and non-UTF-8 files."""
    _check_size(path, path.stat().st_size, limits)
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path} is empty: copy the issue's full text into it, or point source at the right file")
    start = data.lstrip()[:16].lower()
    if start.startswith(b"%pdf-"):  # a PDF named .txt or .md was published as its own syntax, or called "binary"
        raise InputError(f"{path} is a PDF (it starts %PDF-), not plain text: give the file a .pdf name "
                         f"(mv {path} {path.with_suffix('.pdf')}) and write that name as source in issue.toml")
    kind = next((name for magic, name in _NOT_TEXT if start.startswith(magic.lower())), None)
    if kind:
        raise InputError(f"{path} is {kind}, not plain text: export the issue as UTF-8 text, markdown or a PDF")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Windows' "Unicode": was "looks binary (NUL bytes)"
        raise InputError(f"{path} is UTF-16 text, not UTF-8: re-save it as UTF-8, e.g. {iconv('utf-16', path)}")
    if nuls := data.count(b"\x00"):  # a stray few are dropped like other control codes; a binary file has many
        even, odd = data[0::2].count(0), data[1::2].count(0)
        if max(even, odd) > 0.2 * len(data):  # UTF-16 saved without its byte-order mark
            form = "utf-16le" if odd > even else "utf-16be"
            raise InputError(f"{path} is UTF-16 text, not UTF-8: re-save it as UTF-8, e.g. {iconv(form, path)}")
        if nuls > len(data) // 1000:
            raise InputError(f"{path} looks binary ({nuls:,} NUL bytes in {len(data):,}): supply the issue as UTF-8 "
                             "text, markdown or a PDF")
        data = data.replace(b"\x00", b"")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(not_utf8(path, data, e)) from e
    # Windows (\r\n) and old Mac (\r) line ends read as \n: the parsers' line rules saw '\r' as text, so a file saved
    # on Windows lost articles and pages its \n copy has
    text = drop_embedded_images(spell_ligatures(drop_invisible(text.replace("\r\n", "\n").replace("\r", "\n"))))
    if shape := shape_problem(text):  # 600 KB without a space was published as passages of 230,000 characters
        raise InputError(f"{path} {shape}")
    return text


def looks_like_markdown(text: str) -> bool:
    """True when headings, list items or bold markers are common enough to be markdown."""
    return len(_MARKDOWN_HINTS.findall(text)) >= 5


def load_issue(issue_dir: Path, limits: SourceLimits = SourceLimits()) -> tuple[Issue, list[Article]]:
    """Read issue.toml and its source; parse the source into articles with pages."""
    issue, articles, _ = read_issue(issue_dir, limits)
    return issue, articles


def read_issue(issue_dir: Path, limits: SourceLimits = SourceLimits()) -> tuple[Issue, list[Article], list[str]]:
    """load_issue, with warnings about what the issue's articles may lack (PDF pages without text)."""
    from rag.corpus.layout import with_contents  # the parsers load only when an issue is parsed: an unchanged
    from rag.corpus.parse_markdown import parse_markdown  # `rag ingest corpus/` parses none
    from rag.corpus.parse_text import parse_text
    from rag.corpus.resumed import stories_resumed

    issue_dir = Path(issue_dir)
    issue, raw = read_issue_toml(issue_dir)
    source = source_path(issue_dir, issue.source_file)
    shown = issue_dir / issue.source_file  # messages name the file as the maintainer wrote it
    if issue.source_file.lower().endswith(".pdf"):
        from rag.corpus.parse_pdf import parse_pdf_layout  # pdfplumber is only needed for PDF issues
        from rag.corpus.pdf_log import reader_warning

        _check_size(shown, source.stat().st_size, limits)

        def check_chars(chars: int) -> None:  # checked page by page as the PDF is read: stops at the limit
            if chars > limits.text_bytes:
                raise _too_big(shown, limits.text_bytes, limits.text_bytes, "holds more text than",
                               "RAG_MAX_TEXT_SOURCE_KB", 1024)

        parsed = parse_pdf_layout(source, issue.issue_id, check_chars, limits.pdf_pages)
        articles, warnings = parsed.articles, textless_pages(issue.issue_id, shown, parsed.textless)
        warnings += [f"{issue.issue_id}: {shown} is damaged: the text of PDF page{'s' if len(parsed.garbled) > 1 else ''} "
                     f"{pages_said(parsed.garbled)} fails its checksum, so some of its words may be wrong or missing: "
                     "check them (rag ingest --report), or download or export the PDF again"] if parsed.garbled else []
        warnings += [f"{issue.issue_id}: {shown}: {parsed.unmapped}"] if parsed.unmapped else []
        warnings += reader_warning(issue.issue_id, shown, parsed.said)
        warnings += [f"{issue.issue_id}: {shown}: {parsed.scattered}"] if parsed.scattered else []
        chars = sum(len(p.text) for a in articles for p in a.paragraphs)
        if chars > limits.text_bytes:
            raise _too_big(shown, chars, limits.text_bytes, "holds text of", "RAG_MAX_TEXT_SOURCE_KB", 1024)
    else:
        text, warnings = read_text_source(source, limits), []
        if shown.suffix.lower() in (".md", ".markdown") or looks_like_markdown(text):
            articles = parse_markdown(text, issue.issue_id)
        else:
            articles = parse_text(text, issue.issue_id, hints=raw.get("layout", {}))
    if not articles:  # (a PDF without articles is refused by its parser, saying why)
        raise InputError(f"{shown} yielded no articles: {no_text(text)}")
    articles = stories_resumed(articles)  # a story set inside another: the other's tail goes back to it
    if "contents" in raw:  # a maintainer's contents table corrects names and article starts
        articles = with_contents(articles, raw["contents"], issue.issue_id, str(issue_dir / "issue.toml"))
    return issue, articles, warnings


def textless_pages(issue_id: str, shown: Path, pages: tuple[int, ...]) -> list[str]:
    """Pure: a warning naming the PDF pages without text (a scanned page was left out without a word)."""
    if not pages:
        return []
    return [f"{issue_id}: {shown} has no text on PDF page{'s' if len(pages) > 1 else ''} {pages_said(pages)} (pictures, or scans): "
            "members cannot find what they hold; if they hold articles, run OCR (e.g. ocrmypdf IN.pdf OUT.pdf), point "
            "source at the result and ingest again"]


def left_out(issue_dir: Path, limits: SourceLimits = SourceLimits()) -> list[dict]:
    """What parsing an issue leaves out of the archive ({kind, page, text}), for the parse report."""
    issue_dir = Path(issue_dir)
    issue, raw = read_issue_toml(issue_dir)
    source, shown = source_path(issue_dir, issue.source_file), issue_dir / issue.source_file
    if issue.source_file.lower().endswith(".pdf"):
        from rag.corpus.parse_pdf import left_out as pdf_left_out

        return pdf_left_out(source, issue.issue_id, limits.pdf_pages)
    text = read_text_source(source, limits)
    if shown.suffix.lower() in (".md", ".markdown") or looks_like_markdown(text):
        return []  # markdown keeps its furniture: see docs/parsing.md, "Page furniture"
    from rag.corpus.parse_text import left_out as text_left_out

    return text_left_out(text, issue.issue_id, hints=raw.get("layout", {}))


def issue_hashes(issue_dir: Path, limits: SourceLimits = SourceLimits()) -> tuple[str, str]:
    """(sha256 over issue.toml and the source bytes, sha256 of the source alone); oversized sources are refused
    before they are read."""
    issue_dir = Path(issue_dir)
    issue, _ = read_issue_toml(issue_dir)
    source = source_path(issue_dir, issue.source_file)
    _check_size(issue_dir / issue.source_file, source.stat().st_size, limits)
    data = source.read_bytes()
    h = hashlib.sha256()
    for part in ((issue_dir / "issue.toml").read_bytes(), data):
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest(), hashlib.sha256(data).hexdigest()


def issue_content_hash(issue_dir: Path) -> str:
    """sha256 over issue.toml and the source bytes: changes whenever either changes."""
    return issue_hashes(issue_dir)[0]
