"""RAG_PUBLIC_BASE_URL, the prefix of every source link (Hit.url in the JSON contract, the chat's links): a tester's
find. It was taken as typed: 'https://x.org/hm/' gave '.../hm//article/...', 'archive.example.org' (no scheme) made
every link relative to the page it is on, and 'javascript:...' was put in front of every url."""

import json

import pytest

from rag import cli
from rag.config import load_settings
from rag.errors import InputError
from tests.conftest import isolated_corpus


@pytest.mark.parametrize("given, kept", [("", ""), ("https://x.org/hm/", "https://x.org/hm"), ("/hm/", "/hm"),
                                         ("http://127.0.0.1:7860", "http://127.0.0.1:7860")])
def test_a_link_prefix_is_kept_without_its_trailing_slash(given, kept):
    assert load_settings({"RAG_PUBLIC_BASE_URL": given}).public_base_url == kept


@pytest.mark.parametrize("given", ["archive.example.org", "javascript:alert(1)", "https://", "ftp://x.org",
                                   "https://x.org/a b", "//elsewhere.org", 'https://x.org/"><b>'])
def test_anything_else_is_refused_naming_the_variable(given):
    with pytest.raises(InputError, match=r"RAG_PUBLIC_BASE_URL=.* is not a link prefix: give .*https://"):
        load_settings({"RAG_PUBLIC_BASE_URL": given})


def test_hit_urls_have_one_slash_before_article(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert cli.main(["ingest", str(corpus)]) == 0
    capsys.readouterr()
    monkeypatch.setenv("RAG_PUBLIC_BASE_URL", "https://x.org/hm/")
    assert cli.main(["retrieve", "pay award", "--k", "2", "--json"]) == 0
    urls = [h["url"] for h in json.loads(capsys.readouterr().out)["hits"]]
    assert urls and all(u.startswith("https://x.org/hm/article/") for u in urls)
