"""What members are served when something went wrong, as the index commands say it: after an interrupted command, and
while CURRENT or its manifest cannot be read (cli_index.py prints it)."""

from __future__ import annotations

from pathlib import Path

from rag.errors import IndexUnavailable, RagError


def served_now(index_dir: Path) -> str | None:
    """The version CURRENT names; None when there is none or CURRENT is damaged (said by the command, not here)."""
    from rag.index import versions  # numpy comes with it: `rag --help` stays instant (cli.py imports this module)

    try:
        return versions.current_version(index_dir)
    except RagError:
        return None


def after_interrupt(index_dir: Path | None, before: str | None) -> str:
    """What an interrupted command left served: a Ctrl-C after an ingest switched CURRENT (while old versions were
    pruned) was told "the published index is unchanged", and a re-run said nothing changed (a tester's find)."""
    now = served_now(index_dir) if index_dir is not None else before
    if now == before:
        return "the published index is unchanged"
    return (f"index version {now} had already been published and is served now (`rag status`)"
            + (f"; `rag rollback` serves {before} again" if before else ""))


def unavailable(index_dir: Path, exc: IndexUnavailable) -> dict:
    """What status and verify say of an index whose CURRENT or manifest cannot be read, beside the message (which says
    what to do): the version an app serves meanwhile. `--json` printed {"error": ...} alone, none of the fields a tool
    reads, and neither said whether members were still being answered (session 29's open item)."""
    from rag.index import versions

    return {"problems": [str(exc)], "serving": versions.served_meanwhile(index_dir), "error": str(exc)}


def meanwhile_said(serving: str | None) -> str:
    """The line saying what an app started now serves while CURRENT's version cannot be served."""
    if serving is None:
        return ("no other kept version can be read and is sound, so an app started now (as this user) serves nothing "
                "until this is fixed")
    return (f"meanwhile an app started now serves {serving}, the last sound version served (a running app keeps the "
            "version it has); `rag ask` and `rag retrieve` refuse until this is fixed")
