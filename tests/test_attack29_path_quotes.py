"""RAG_INDEX_DIR="/srv/index" in a .env file read without a shell (docker --env-file) reached us with its quote marks,
and "/srv/index " with a trailing space: `rag status` said "no index at "/srv/index"": run `rag ingest corpus/`", which
built a second index there that the app never serves (tester 29). A path setting with quotes or spaces around it is
refused, naming the variable and the path meant."""

import pytest

from rag.config import load_settings
from rag.errors import InputError


@pytest.mark.parametrize("raw", ['"/srv/index"', "'/srv/index'", "/srv/index ", " /srv/index", "/srv/index\n"])
def test_a_path_with_quotes_or_spaces_around_it_is_refused(raw):
    with pytest.raises(InputError, match=r"RAG_INDEX_DIR=.* has quote marks or spaces around the path: write the "
                                         r"path alone, RAG_INDEX_DIR=/srv/index \("):
        load_settings({"RAG_INDEX_DIR": raw})


def test_a_path_with_spaces_or_quotes_inside_is_taken_as_written(tmp_path):
    assert load_settings({"RAG_CORPUS_DIR": "/srv/my corpus"}).corpus_dir.as_posix() == "/srv/my corpus"
    assert load_settings({"RAG_FEEDBACK_LOG": "/srv/it's.jsonl"}).feedback_log.as_posix() == "/srv/it's.jsonl"
