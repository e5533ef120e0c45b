"""A PDF page's compressed content streams, checked before pdfminer reads them: pdfminer reads a stream that does not
decompress as nothing, and one failing only its checksum as what it could, so a damaged download lost a page's text
(or garbled part of it) with no word, or with a bare "Data-loss while decompressing corrupted data" line."""

from __future__ import annotations

import zlib

LOST, GARBLED = "lost", "garbled"


def damaged_text(page_obj) -> str:
    """LOST when a content stream of the page cannot be decompressed (the page's text is gone), GARBLED when one
    decompresses only up to its end, failing its checksum or cut short (some of its text may be wrong), else ""."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

    found = ""
    for stream in map(resolve1, page_obj.contents):
        if not isinstance(stream, PDFStream) or stream.rawdata is None or stream.decipher is not None:
            continue  # already decoded, or encrypted (pdfminer deciphers it first)
        filters = stream.get_filters()
        if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
            continue
        raw = stream.rawdata
        try:
            zlib.decompress(raw)
            continue
        except zlib.error:
            pass
        try:  # pdfminer keeps what decompresses when the error is in the last 3 bytes (the checksum)
            zlib.decompressobj().decompress(raw[:-3])
        except zlib.error:
            return LOST
        found = GARBLED
    return found


def pages_said(pages) -> str:
    """Pure: page numbers as runs. Example: (3, 4, 5, 9) -> "3-5, 9"."""
    runs: list[list[int]] = []
    for n in pages:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
