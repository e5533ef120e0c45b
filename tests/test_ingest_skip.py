"""An unchanged `rag ingest corpus/` parses and chunks nothing; any change that shapes an issue's chunks
(its files, the chunker settings, the parsing code) makes it parse that issue again."""

import json
import shutil
from pathlib import Path

import pytest

from rag.index import ingest, store
from rag.index.chunking import ChunkerSettings
from rag.index.embedders import HashEmbedder

ROOT = Path(__file__).resolve().parent.parent


class CountingTokens:
    """Word counts, remembering how many texts were counted (a chunked issue counts many)."""

    def __init__(self):
        self.calls = 0

    def __call__(self, text: str) -> int:
        self.calls += 1
        return len(text.split())


@pytest.fixture
def corpus(tmp_path):
    for name in ("2024-summer", "2026-summer-68"):
        shutil.copytree(ROOT / "corpus" / name, tmp_path / "corpus" / name)
    return tmp_path / "corpus"


def ingest_run(tmp_path, corpus, chunker=ChunkerSettings(), **kw):
    count = CountingTokens()
    outcome = ingest.run(tmp_path / "index", HashEmbedder(), count, paths=[corpus], chunker=chunker, **kw)
    return outcome, count.calls


def test_unchanged_corpus_is_neither_parsed_nor_chunked(tmp_path, corpus):
    first, calls = ingest_run(tmp_path, corpus)
    assert first.version and calls > 0
    again, calls = ingest_run(tmp_path, corpus)
    assert again.version is None and calls == 0 and again.parsed == []
    assert again.to_dict()["issues"]["unchanged"] == ["2024-summer", "2026-summer-68"]


def test_a_changed_issue_toml_reparses_only_that_issue(tmp_path, corpus):
    ingest_run(tmp_path, corpus)
    toml = corpus / "2024-summer" / "issue.toml"
    toml.write_text(toml.read_text().replace("general election special", "election special"))
    outcome, calls = ingest_run(tmp_path, corpus)
    assert [p.issue.issue_id for p in outcome.parsed] == ["2024-summer"] and calls > 0
    assert outcome.plan.issues_changed == ["2024-summer"] and outcome.version


def test_other_chunker_settings_reparse_every_issue(tmp_path, corpus):
    ingest_run(tmp_path, corpus)
    outcome, calls = ingest_run(tmp_path, corpus, chunker=ChunkerSettings(120, 20))
    assert len(outcome.parsed) == 2 and calls > 0


def test_the_parse_report_always_parses(tmp_path, corpus):
    ingest_run(tmp_path, corpus)
    outcome, _ = ingest_run(tmp_path, corpus, reparse=True, dry_run=True)
    assert len(outcome.parsed) == 2


def test_parsing_code_is_part_of_the_key():
    from rag.corpus.folders import pipeline_modules, pipeline_version

    found = set(pipeline_modules())
    corpus = {f"rag.corpus.{m}" for m in ("folders", "parse_text", "parse_markdown", "parse_pdf", "layout", "cleaning")}
    assert corpus | {"rag.index.chunking", "rag.tokens"} <= found
    serving = {"rag.web.app", "rag.answer.pipeline", "rag.answer.retrieve", "rag.index.store", "rag.index.ingest"}
    assert not found & serving  # serving code does not re-parse issues

    chunker = ChunkerSettings()
    assert ingest.parse_key("h", chunker, pipeline_version()) != ingest.parse_key("h", chunker, "other code")
    assert len(pipeline_version()) == 64


def test_a_version_written_before_parse_keys_is_parsed_again(tmp_path, corpus):
    from rag.index.reader import load_index
    from tests.legacy_index import write_format1

    ingest_run(tmp_path, corpus)
    built = load_index(tmp_path / "index")
    folder = tmp_path / "index" / "versions" / write_format1(tmp_path / "index", built)
    manifest = json.loads((folder / "manifest.json").read_text())
    for info in manifest["issues"].values():
        del info["parse_key"]
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
    (folder / store.MANIFEST_SUM).unlink()  # as the earlier code wrote it: format 1, no parse keys, no checksum file
    outcome, calls = ingest_run(tmp_path, corpus)
    assert len(outcome.parsed) == 2 and calls > 0  # published again only to move it into segments
    assert [c.chunk_id for c in load_index(tmp_path / "index").chunks] == [c.chunk_id for c in built.chunks]


def test_an_index_in_the_old_layout_is_published_once_in_segments_with_nothing_parsed_or_embedded(tmp_path, corpus):
    from rag.index.reader import load_index
    from tests.legacy_index import write_format1

    ingest_run(tmp_path, corpus)
    built = load_index(tmp_path / "index")
    legacy = write_format1(tmp_path / "index", built)  # what the committed index was before segments
    embedder, count = HashEmbedder(), CountingTokens()
    upgraded = ingest.run(tmp_path / "index", embedder, count, paths=[corpus])
    assert upgraded.version and upgraded.version != legacy and count.calls == 0 and embedder.calls == 0
    after = load_index(tmp_path / "index")
    assert after.manifest["format"] == store.FORMAT
    assert [c.chunk_id for c in after.chunks] == [c.chunk_id for c in built.chunks]
    again, calls = ingest_run(tmp_path, corpus)
    assert again.version is None and calls == 0


def test_a_change_in_sentence_splitting_re_embeds_the_sentences_it_changes(tmp_path, corpus, monkeypatch):
    """The chunks come out the same, but the stored sentence vectors must line up with the sentences as
    passage_sentences now splits them (evidence selection pairs them by position)."""
    from rag.index import issue_source
    from rag.index.reader import load_index
    from rag.sentences import passage_sentences

    ingest_run(tmp_path, corpus)

    def one_fewer(text):  # stands for a changed splitter: one sentence fewer wherever a passage has several
        sentences = passage_sentences(text)
        return sentences[:-1] if len(sentences) > 1 else sentences

    monkeypatch.setattr(ingest, "passage_sentences", one_fewer)
    monkeypatch.setattr(issue_source, "passage_sentences", one_fewer)
    from rag.corpus import folders
    monkeypatch.setattr(folders, "pipeline_version", lambda: "the splitter's code changed")
    outcome, _ = ingest_run(tmp_path, corpus)
    assert outcome.version and sorted(outcome.plan.issues_changed) == ["2024-summer", "2026-summer-68"]
    index = load_index(tmp_path / "index")
    for chunk in index.chunks[:50]:
        assert len(index.sentence_vectors_of(chunk.chunk_id)) == len(one_fewer(chunk.text))
