"""Incremental ingest: parse and chunk issues, embed only unseen chunks, publish a new version."""

from __future__ import annotations

import contextlib
import datetime
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from rag.corpus.folders import SourceLimits
from rag.corpus.issue_meta import numbers_out_of_step
from rag.errors import IndexUnavailable, InputError
from rag.index import meanwhile, store
from rag.index.chunking import ChunkerSettings, chunk_issue
from rag.index.clashes import refuse_same_number, refuse_same_source, refuse_same_title_and_date
from rag.index.copies import OTHER_FORCE, refuse_copies, replaced_texts
from rag.index.embedders import built_with_another
from rag.index.issue_folders import ParsedIssue as ParsedIssue  # re-exported: builders and tests make them
from rag.index.issue_folders import ScannedIssue as ScannedIssue
from rag.index.issue_folders import (
    each_readable,
    fields_at_odds,
    find_folders,
    issues_of,
    parse_issue,
    refuse_unreadable,
    replaced_issues,
    scan_issues,
    strict_refusal,
)
from rag.index.issue_folders import parse_key as parse_key
from rag.index.issue_named import unknown_issue
from rag.index.issue_source import as_source, new_segment, open_current, written_anew
from rag.index.losses import FORCED, SHRUNK_FORCE, leaves_nothing, rebuild_drops, shrunk_issues
from rag.index.segments import IssueRecord
from rag.index.served_folders import left_out_by_rebuild, served_without_folder
from rag.sentences import passage_sentences
from rag.types import Chunk, Embedder


@dataclass(frozen=True)
class Plan:
    """What a build would do; counts are chunks, as `rag ingest --json` reports them."""

    chunks: list[Chunk]  # the chunks of every issue parsed (the parse report counts them)
    fresh: dict[str, list[Chunk]]  # added or changed issue -> its chunks (their segments are written)
    kept: list[str]  # issues carried over from the current version (their segments are linked)
    records: dict[str, IssueRecord]  # the new record of every issue parsed
    to_embed: list[Chunk]
    added: int
    changed: int
    removed: int
    issues_added: list[str]
    issues_changed: list[str]
    issues_unchanged: list[str]
    issues_removed: list[str]

    def counts(self) -> dict:
        return {"added": self.added, "changed": self.changed, "removed": self.removed, "embedded": len(self.to_embed)}


def _record(p: ParsedIssue) -> IssueRecord:
    articles = tuple(
        {"article_id": a.article_id, "headline": a.headline, "page": a.page, "section": a.section,
         "paragraphs": [asdict(par) for par in a.paragraphs]}
        for a in p.articles)
    return IssueRecord(p.issue, p.content_hash, articles, p.source_sha256, p.parse_key)


def _sentences_line_up(source, issue_id: str, chunks: list[Chunk]) -> bool:
    """The published sentence vectors are one per sentence as rag.sentences.passage_sentences splits these chunks
    now: a change to the splitting re-embeds the sentences, though the chunks stay the same (the same number of
    sentences is not enough: "6." with its subheading left out became "6. Shape your brand")."""
    _, counts = source.sentences_of(issue_id)
    return counts is None or (source.same_sentence_rules()
                              and [int(n) for n in counts] == [len(passage_sentences(c.text)) for c in chunks])


def plan(
    parsed: list[ParsedIssue],
    current,
    count_tokens: Callable[[str], int],
    chunker: ChunkerSettings,
    *,
    remove: Sequence[str] = (),
    reuse_vectors: bool = True,
    unchanged: Sequence[str] = (),
) -> Plan:
    """Bookkeeping: the new version = current issues, replaced or added, minus removed.

    current: None, a LoadedIndex or an issue_source.Source; only the parsed issues' chunks are read from it.
    unchanged: issues known unchanged without being parsed (listed as such; their segments are kept).
    """
    source = as_source(current)
    old = source.issue_info() if source else {}
    unknown = [i for i in remove if i not in old]
    if unknown:
        issues = {i: source.record_of(i).issue for i in old}
        raise InputError(unknown_issue(unknown[0], {i: (x.number, x.season) for i, x in issues.items()}))
    fresh: dict[str, list[Chunk]] = {}
    records, old_ids, parsed_chunks = {}, {}, []
    added_ids, changed_ids, unchanged_ids = [], [], list(unchanged)
    for p in parsed:
        iid = p.issue.issue_id
        chunks = chunk_issue(p.issue, p.articles, count_tokens, chunker)
        parsed_chunks += chunks
        records[iid] = _record(p)  # an unchanged issue's record gains its source hash and parse key
        if iid in old and iid not in remove:
            old_ids[iid] = [c.chunk_id for c in source.chunks_of(iid)]
            if ([c.chunk_id for c in chunks] == old_ids[iid] and old[iid]["content_hash"] == p.content_hash
                    and _sentences_line_up(source, iid, chunks)):
                unchanged_ids.append(iid)
                continue
        (changed_ids if iid in old else added_ids).append(iid)
        fresh[iid] = chunks
    refuse_same_source(parsed, {**{i: info for i, info in old.items() if i not in remove},
                                **{i: {"content_hash": r.content_hash, "source_sha256": r.source_sha256}
                                   for i, r in records.items()}})
    staying = [i for i in old if i not in remove]
    refuse_same_number(parsed, set(staying),
                        lambda: {i: source.record_of(i).issue.number for i in staying if i not in records})
    refuse_same_title_and_date(parsed, {i: old[i] for i in staying})
    reusable = {cid for iid in fresh for cid in old_ids.get(iid, [])} if reuse_vectors else set()
    before = {iid: set(ids) for iid, ids in old_ids.items()}
    return Plan(
        chunks=parsed_chunks,
        fresh=fresh,
        kept=sorted(i for i in old if i not in remove and i not in fresh),
        records=records,
        to_embed=[c for iid in sorted(fresh) for c in fresh[iid] if c.chunk_id not in reusable],
        added=sum(len(fresh[i]) for i in added_ids),
        changed=sum(c.chunk_id not in before[i] for i in changed_ids for c in fresh[i]),
        removed=sum(old[i]["chunks"] for i in remove)
        + sum(len(before[i] - {c.chunk_id for c in fresh[i]}) for i in changed_ids),
        issues_added=added_ids, issues_changed=changed_ids,
        issues_unchanged=sorted(unchanged_ids), issues_removed=list(remove),
    )


def is_noop(p: Plan) -> bool:
    return not (p.issues_added or p.issues_changed or p.issues_removed)


def execute(p: Plan, index_dir: Path, current, embedder: Embedder, chunker: ChunkerSettings, questions=None,
            built_on: bytes | None = None) -> str:
    """Embed what is new, reuse the rest, publish: each changed issue is embedded and written in turn, so
    memory holds one issue's vectors at a time. questions: rag.index.questions.ChunkQuestions for the new
    segments (kept issues keep theirs). Caller holds store.build_lock."""
    source = as_source(current)
    embed = {c.chunk_id for c in p.to_embed}

    # an issue kept as it was keeps its files, sentence vectors included: split by other rules, they are made anew
    keep = source is not None and source.same_sentence_rules()

    def issues():
        for iid in sorted(p.kept + list(p.fresh)):
            kept = source.kept(iid, p.records.get(iid)) if iid not in p.fresh and keep else None
            if kept is not None:
                yield kept
            elif iid in p.fresh:
                yield new_segment(p.records[iid], p.fresh[iid], embed, source, embedder, questions)
            else:  # carried over from a format-1 version, or split by other rules: written out once more
                yield new_segment(p.records.get(iid) or source.record_of(iid), source.chunks_of(iid), set(), source,
                                   embedder, questions)

    return store.publish(index_dir, segments_=issues(), embedder={"name": embedder.name, "dim": int(embedder.dim)},
                         chunker=chunker.as_dict(), built_on=built_on)


@dataclass(frozen=True)
class Outcome:
    version: str | None  # None for a dry run or when nothing changed
    plan: Plan
    stale_cleaned: list[str]
    parsed: list[ParsedIssue]  # what was read, for the parse report
    warnings: list[str] = field(default_factory=list)  # e.g. folders skipped for lack of an issue.toml

    def to_dict(self) -> dict:
        p = self.plan
        return {"version": self.version, **p.counts(), "issues": {
            "added": p.issues_added, "changed": p.issues_changed,
            "unchanged": p.issues_unchanged, "removed": p.issues_removed}, "warnings": self.warnings}


def _current_manifest(index_dir: Path, embedder: Embedder) -> dict | None:
    """The published version's (verified) manifest, or None when there is none; refuses another embedder's."""
    if store.current_version(index_dir) is None:
        return None
    manifest = store.read_manifest(index_dir)
    if manifest["embedder"]["name"] != embedder.name:
        raise IndexUnavailable(built_with_another(manifest["version"], manifest["embedder"]["name"], embedder.name))
    return manifest


def run(
    index_dir: Path,
    embedder: Embedder,
    count_tokens: Callable[[str], int],
    *,
    paths: Sequence[Path] = (),
    remove: Sequence[str] = (),
    chunker: ChunkerSettings = ChunkerSettings(),
    dry_run: bool = False,
    rebuild: bool = False,
    limits: SourceLimits = SourceLimits(),
    strict: bool = False,
    reparse: bool = False,
    questions=None,
    force: bool = False,
    repair: bool = False,
) -> Outcome:
    """Add/replace the issues under paths and/or remove issues; publish only if something changed.

    An issue whose files, chunker settings and parsing code match what the published version was made from
    is not parsed again (reparse forces it, e.g. for the parse report). rebuild ignores the current index
    entirely (e.g. after changing the embedder). strict refuses folders that lack an issue.toml, and issue.toml
    fields at odds or an implausible date (warnings otherwise), before anything is written; removing every issue is
    refused without force (members would get no answers at all). A current
    version in an older layout (format 1) is published again in the current one, once: the same chunks and
    vectors, nothing parsed or embedded. questions: as for execute. repair: damage confined to the files of issues
    found under paths is no refusal; those issues are parsed, embedded and written anew (said in the warnings).
    """
    if rebuild and remove:
        raise InputError("--rebuild starts from the corpus alone; remove issues from corpus/ instead")
    remove = list(dict.fromkeys(remove))  # `rag remove X X`: X once
    folders, warnings = find_folders(paths) if paths else ([], [])
    if strict and warnings:
        raise InputError("; ".join(warnings) + " (--strict refuses to skip them)")
    with contextlib.ExitStack() as lock:
        lock.enter_context((store.read_lock if dry_run else store.build_lock)(index_dir))
        built_on = meanwhile.pointer(index_dir)  # published over only while CURRENT still holds it
        stale = [] if dry_run else store.clean_stale(index_dir)
        manifest = None if rebuild else _current_manifest(index_dir, embedder)
        published = manifest["issues"] if manifest else {}
        if manifest and paths:  # a stray RAG_CHUNK_TOKENS re-cut and re-embedded everything without a word
            warnings += chunker.cut_otherwise(manifest.get("chunker") or {}, manifest["version"])
        old_layout = manifest is not None and manifest["format"] < store.FORMAT
        problems: list[str] = []  # every unreadable folder, from reading its files or parsing them, refused at once
        scanned = scan_issues(folders, limits, chunker, problems)
        if rebuild and not remove:  # a rebuild publishes the folders found alone: an issue served now went silently
            served, gone = left_out_by_rebuild(index_dir, [f.name for f in folders])
            if gone and not (force or dry_run):
                raise InputError(rebuild_drops(served, gone))
            warnings += [rebuild_drops(served, gone)] if gone else []
        if not rebuild and paths:
            warnings += served_without_folder(paths, [f.name for f in folders], list(published))
        # checked against its checksums before anything else: a damaged version is neither built on nor up to date;
        # with repair, the issues whose files alone are damaged are parsed and written anew from their folders
        current = None if manifest is None else open_current(index_dir, embedder.name,
                                                                  [s.issue_id for s in scanned] if repair else ())
        damaged = getattr(current, "damaged", {})
        if dry_run:  # it reads the version it opened, which no build changes: held while it parsed, a dry run's
            lock.close()  # share of .lock refused every build for minutes (a PDF); no build waits on it now
        todo = [s for s in scanned if reparse or not s.parse_key or s.issue_id in damaged
                or published.get(s.issue_id, {}).get("parse_key") != s.parse_key]
        skipped = [s.issue_id for s in scanned if s not in todo]
        warnings += written_anew(current, {s.issue_id: s.folder for s in scanned}, dry_run)
        parsed = each_readable(todo, lambda s: parse_issue(s, limits), problems)
        refuse_unreadable(problems)
        # --strict holds every folder's fields to account, the unchanged ones' too (they may have been published so)
        checked = [x.issue for x in parsed] + (issues_of(s for s in scanned if s not in todo) if strict else [])
        said = fields_at_odds(checked, datetime.date.today())
        ids = {i.issue_id for i in checked}
        said += numbers_out_of_step(checked, [] if current is None or not any(i.number for i in checked) else [
            current.record_of(i).issue for i in published if i not in ids])
        if strict and said:
            raise InputError(strict_refusal(said, manifest and manifest["version"]))
        warnings += said + replaced_issues(parsed, published) + [w for x in parsed for w in x.warnings]
        if manifest is not None and not todo and not remove and not old_layout:
            return Outcome(None, plan([], None, count_tokens, chunker, unchanged=skipped), stale, [], warnings)
        p = plan(parsed, current, count_tokens, chunker, remove=remove, unchanged=skipped)
        warnings += refuse_copies(p.fresh, current, p.kept, set(published), allow=force or dry_run,
                                  forced=force and not dry_run)
        shrunk = [] if current is None else shrunk_issues(parsed, current, p.issues_changed) + replaced_texts(
            p.fresh, current, p.issues_changed, {x.issue.issue_id: x.issue.source_file for x in parsed})
        if shrunk and not (force or dry_run):
            raise InputError(f"{shrunk[0]}; nothing was changed")
        warnings += [w.replace(SHRUNK_FORCE, FORCED).replace(OTHER_FORCE, FORCED) for w in shrunk] \
            if force and not dry_run else shrunk
        if remove and not p.kept and not p.fresh:
            warning = leaves_nothing(remove)
            if not (force or dry_run):
                raise InputError(warning)
            warnings.append(warning)
        if dry_run or (current is not None and is_noop(p) and not old_layout):
            return Outcome(None, p, stale, parsed, warnings)
        return Outcome(execute(p, index_dir, current, embedder, chunker, questions, built_on), p, stale, parsed,
                       warnings)
