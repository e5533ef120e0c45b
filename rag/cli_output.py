"""What the `rag` command writes on stdout: JSON a tool can read, and a stdout that cannot be written (a full disk
under `> out.json`) said as such, not a traceback."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from typing import Iterator


def writes_unicode(stream) -> bool:
    """Whether a text stream encodes every character (UTF-8 or -16): not so with PYTHONIOENCODING=ascii, or a POSIX
    locale without UTF-8 mode."""
    return (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-").startswith("utf")


def print_json(obj) -> None:
    """obj as JSON on stdout; escaped to ASCII when stdout cannot encode everything (writes_unicode), which was a
    UnicodeEncodeError traceback and no JSON, or when it names a file or folder whose name is not UTF-8 (read as
    "deep\\udce9"): its byte was written raw, so the output was not UTF-8 and a JSON reader refused it."""
    text = json.dumps(obj, indent=2, ensure_ascii=not writes_unicode(sys.stdout))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(obj, indent=2)
    print(text)


class OutputLost(Exception):
    """stdout could not be written (a full disk or quota under `rag ... --json > out.json`, an I/O error)."""

    def __init__(self, cause: OSError):
        super().__init__(cause.strerror or str(cause))
        self.cause = cause


class _Guarded:
    """stdout, whose write and flush failures are OutputLost: an OSError raised anywhere else stays what it is."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:  # `rag status | head -1`: the reader has what it wanted (cli.main)
            raise
        except OSError as exc:
            raise OutputLost(exc) from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputLost(exc) from exc

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def guarded_stdout() -> Iterator[None]:
    """While open, a failure to write stdout is OutputLost, its buffer flushed before the block ends (a full disk was
    found as the interpreter exited, or as print_json wrote: an OSError traceback, exit 1, after an ingest had
    published its version: a tool took the ingest for failed)."""
    if sys.stdout is None:  # closed (`>&-`): print writes nothing, as before
        yield
        return
    before = sys.stdout
    sys.stdout = _Guarded(before)
    try:
        yield
    finally:  # also as argparse exits, its {"error": ...} written
        try:
            sys.stdout.flush()
        finally:
            sys.stdout = before


def output_lost(exc: OutputLost, index_said: str) -> int:
    """Say on stderr that the output was lost and what the command did to the index; the exit status (74)."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the exit's flush would fail again
    print(f"error: cannot write the output ({exc}), so it is lost: {index_said}; free some space where it goes "
          "(df -h), or send it elsewhere, then run the command again", file=sys.stderr)
    return 74  # EX_IOERR (sysexits.h): neither a refusal (2) nor the command failing


def parse_args(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """The arguments; with --json, a command line argparse refuses is also said as {"error": ...} on stdout."""
    if "--json" not in argv:
        return parser.parse_args(argv)
    said = io.StringIO()
    try:
        with contextlib.redirect_stderr(said):
            return parser.parse_args(argv)
    except SystemExit as exc:
        if exc.code:
            print_json({"error": (said.getvalue().strip().splitlines() or ["invalid arguments"])[-1]})
        raise
    finally:
        sys.stderr.write(said.getvalue())
