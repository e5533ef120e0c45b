"""Checks on the settings as the environment gives them (rag/config.py reads it): a path's $VARIABLES, RAG_ names
that are no setting, the data folder kept out of the index and corpus, the source links' prefix."""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
from pathlib import Path
from typing import Collection, Mapping

from rag.errors import InputError

# RAG_ names read elsewhere than Settings: tests/test_browser.py's switch for the README's screenshots
OTHER_NAMES = frozenset({"RAG_UPDATE_SCREENSHOTS"})
_VARIABLE = re.compile(r"\$(?:\{([^}]*)\}|(\w+))")


def expanded_path(name: str, raw: str, env: Mapping[str, str]) -> Path:
    """A path setting as a shell would read it: $HOME, ${ROOT} and ~ expanded. A .env file read without a shell
    (docker --env-file, systemd's EnvironmentFile) gave "$HOME/index" as typed: `rag status` said "no index at
    $HOME/index", and an ingest built a second index in a folder named "$HOME" (tester 33's open item)."""
    def value(match: re.Match) -> str:
        var = match.group(1) if match.group(1) is not None else match.group(2)
        if not env.get(var):
            raise InputError(f"{name}={raw} names ${var}, which is {'not set' if var not in env else 'empty'}, so "
                             f"the path cannot be read: set {var}, or write the path out in full ({name}=/srv/...)")
        return env[var]

    if "$" in raw and Path(raw).expanduser().exists():  # a folder really named so ("/srv/$hm"): no variable meant
        return Path(raw).expanduser()
    return Path(_VARIABLE.sub(value, raw)).expanduser()


def unquoted(name: str, raw: str, secret: bool) -> None:
    """Refuse a value in quote marks: a .env file read without a shell (docker --env-file) keeps them, so
    RAG_AUTH="ann:pw" asked for the login '"ann' with '"pw', RAG_LLM_API_KEY="sk-..." sent the quotes to the provider,
    and RAG_TOP_K="5" was "not a whole number". A secret's value is not repeated. (Paths: rag/config.py's _coerce.)"""
    if len(raw) > 1 and raw[0] == raw[-1] and raw[0] in "\"'":
        write = f"{name}=..." if secret else f"{name}={raw[1:-1].strip()}"
        raise InputError(f"{name} has quote marks around its value ({raw[0]}...{raw[0]}): write the value alone, "
                         f"{write} (a .env file read without a shell, as docker --env-file reads it, keeps them as "
                         "part of the value)")


def unknown_names(env: Collection[str], known: Collection[str]) -> list[tuple[str, str | None]]:
    """(name, the setting it is nearest to, or None) for each RAG_ variable that is no setting: RAG_INDEX_PATH was
    ignored without a word, and the default index used (tester 33's open item). Lower case counts (rag_top_k)."""
    found = []
    for name in sorted(env):
        if name.upper().startswith("RAG_") and name not in known and name not in OTHER_NAMES:
            near = difflib.get_close_matches(name.upper(), sorted(known), n=1, cutoff=0.7)
            found.append((name, near[0] if near else None))
    return found


def unknown_said(name: str, near: str | None) -> str:
    """What a maintainer reads of a RAG_ name that is no setting."""
    return (f"{name} is no setting, so it is ignored" + (f": did you mean {near}?" if near else "") +
            " (the settings are RAG_ and a field of rag/config.py's Settings, in capitals: README, Configuration)")


def unknown_warnings(env: Collection[str], settings, writes: bool) -> list[str]:
    """A warning for each RAG_ name that is no setting of settings (a Settings); a command that writes the index
    refuses a misspelt one instead (one near a setting): RAG_INDEX_PATH=/srv/index published into the default index."""
    found = unknown_names(env, {"RAG_" + f.name.upper() for f in dataclasses.fields(settings)})
    misspelt = [unknown_said(name, near) for name, near in found if near]
    if writes and misspelt:
        raise InputError("; ".join(misspelt) + ": correct the name (or unset it), then run the command again; "
                         "nothing was changed")
    return [unknown_said(name, near) for name, near in found]


def data_dir_apart(data_dir: Path | None, index_dir: Path, corpus_dir: Path, feedback_log: Path | None) -> None:
    """RAG_DATA_DIR (or RAG_FEEDBACK_LOG) inside the index or the corpus (two settings swapped) put members' feedback,
    the key to their saved chats and the questions cache among the files git commits with them (tester 33's open
    item). Each as set (None: unset): the default .data is not refused under a RAG_CORPUS_DIR holding the app."""
    for name, path, what in (("RAG_DATA_DIR", data_dir, "the data folder holds members' feedback, the key to their "
                              "saved chats and the questions cache"),
                             ("RAG_FEEDBACK_LOG", feedback_log, "the feedback log holds what members wrote")):
        mine = Path(os.path.abspath(path)) if path is not None else None
        for setting, folder, kind in (("RAG_INDEX_DIR", index_dir, "index"), ("RAG_CORPUS_DIR", corpus_dir, "corpus")):
            folder = Path(os.path.abspath(folder))
            if mine is not None and (mine == folder or folder in mine.parents):
                fix = ("a folder of its own (the default is .data beside index/)" if name == "RAG_DATA_DIR" else
                       "a file outside them (the default is .data/feedback.jsonl)")
                raise InputError(f"{name}={path} is {'the' if mine == folder else 'inside the'} {kind} folder "
                                 f"({setting}={folder}): {what}, which would go into git with the {kind}: point "
                                 f"{name} at {fix}, or unset it")


def index_not_nested(index_dir: Path) -> None:
    """RAG_INDEX_DIR inside an index (its versions/ folder, a version, a segment: the folder a maintainer saw files
    in): `rag status` said "no index at ...: run rag ingest corpus/", and that ingest built a second index inside the
    first one's published version, which no app serves (tester 34)."""
    here = Path(os.path.abspath(index_dir))
    outer = next((p for p in here.parents if (p / "CURRENT").is_file() and (p / "versions").is_dir()), None)
    if outer is not None:
        raise InputError(f"RAG_INDEX_DIR={index_dir} is inside the index at {outer} (its versions and the files in "
                         f"them are written by rag ingest alone): point RAG_INDEX_DIR at {outer}, the folder holding "
                         "CURRENT")


# What RAG_PUBLIC_BASE_URL may be: an http(s) address, a path on the app's own host, or both; nothing a link cannot hold
_BASE_URL = re.compile(r"(https?://[^/\s\"'<>\\`?#]+)?(/(?!/)[^\s\"'<>\\`?#]*)?")


def checked_base_url(value: str) -> str:
    """The prefix of every source link (Hit.url, the chat's links), without a trailing '/': 'archive.example.org'
    (no scheme) made every link relative and 'https://x.org/hm/' made '.../hm//article/...' (a tester's find)."""
    if not _BASE_URL.fullmatch(value):
        raise InputError(f"RAG_PUBLIC_BASE_URL={value!r} is not a link prefix: give the address members reach the app "
                         "at, e.g. https://archive.example.org, or /archive when it is served under a path of its own "
                         "host, or leave it unset for relative links")
    return value.rstrip("/")
