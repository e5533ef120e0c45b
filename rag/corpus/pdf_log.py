"""What the PDF reader (pdfminer, through pdfplumber) logs while an issue's PDF is read: kept, page by page, for the
ingest's warnings, which name the issue and its file. Printed as they came, its lines reached stderr bare ("Cannot
set gray level because /'P0' is an invalid float value"), naming no file, so a maintainer ingesting several issues
could not tell which PDF they were about, nor whether to act."""

from __future__ import annotations

import logging
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

from rag.corpus.pdf_streams import pages_said

_READERS = ("pdfminer", "pdfplumber")
_SHOWN = 3  # distinct messages quoted in the warning; the rest are counted


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.page = 0  # the PDF page being read (0: opening the file)
        self.said: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.said.append((self.page, " ".join(record.getMessage().split())))
        except Exception:  # a message that cannot be formatted is not worth failing the ingest over
            self.said.append((self.page, record.msg if isinstance(record.msg, str) else repr(record.msg)))


@contextmanager
def reader_log() -> Iterator[_Kept]:
    """While open, the PDF reader's warnings are kept (handler.said, with handler.page as set by the caller) and not
    printed; its loggers are as they were afterwards."""
    kept = _Kept()
    loggers = [logging.getLogger(name) for name in _READERS]
    before = [lg.propagate for lg in loggers]
    for lg in loggers:
        lg.addHandler(kept)
        lg.propagate = False  # nor printed by Python's last-resort handler, or the root logger's
    try:
        yield kept
    finally:
        for lg, propagate in zip(loggers, before):
            lg.removeHandler(kept)
            lg.propagate = propagate


def reader_warning(issue_id: str, shown: Path | str, said: Sequence[tuple[int, str]]) -> list[str]:
    """Pure: one warning naming the issue, its file and the pages the reader complained of ([] when it did not).

    Example: ("2030-spring", "corpus/x/i.pdf", [(2, "Cannot set gray level ...")] * 2) ->
    ["2030-spring: corpus/x/i.pdf: the PDF reader (pdfminer) reported 2 problems on PDF page 2: 'Cannot set gray
    level ...' (2 times); its text was read as it could be: check ... (rag ingest ... --dry-run --report) ..."]
    """
    if not said:
        return []
    counts = Counter(msg for _, msg in said)
    pages = sorted({p for p, _ in said if p})
    where = f" on PDF page{'s' if len(pages) > 1 else ''} {pages_said(pages)}" if pages else " opening the file"
    quoted = "; ".join(f"{msg[:160]!r}" + (f" ({n} times)" if n > 1 else "") for msg, n in counts.most_common(_SHOWN))
    more = f"; and {len(counts) - _SHOWN} other kinds" if len(counts) > _SHOWN else ""
    folder = Path(shown).parent
    return [f"{issue_id}: {shown}: the PDF reader (pdfminer) reported {len(said)} problem{'s' if len(said) > 1 else ''}"
            f"{where}: {quoted}{more}; its text was read as it could be: check those pages' articles (rag ingest "
            f"{folder} --dry-run --report); if words are missing or wrong, export or download the PDF again"]
