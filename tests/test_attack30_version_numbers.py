"""Version numbers past 9999 (tester 29's open item): versions were listed by name, so `v10000-...` came before
`v9999-...`, and the next number was read from the last name's first four digits. After v9999 every publish was
numbered 10000 again, listed "older" than v9999, so pruning and "the newest kept version" went by the wrong order.
Versions are now listed by their number."""

from rag.index import ingest, store, versions
from rag.index.embedders import HashEmbedder
from tests.conftest import isolated_corpus


def test_versions_are_listed_by_number_not_by_name(tmp_path):
    folder = tmp_path / "index" / "versions"
    for name in ("v10000-20261203T000000", "v9999-20261202T000000", "v0998-20261201T000000"):
        (folder / name).mkdir(parents=True)
    assert versions.list_versions(tmp_path / "index") == [
        "v0998-20261201T000000", "v9999-20261202T000000", "v10000-20261203T000000"]


def test_the_version_after_10000_is_10001(tmp_path, monkeypatch):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    index = tmp_path / "index"
    for name in ("v9999-20261202T000000", "v10000-20261203T000000"):  # kept from before, never served
        (index / "versions" / name).mkdir(parents=True)
    name = ingest.run(index, HashEmbedder(), lambda t: len(t.split()), paths=[corpus]).version
    assert name.startswith("v10001-")
    assert store.current_version(index) == name and versions.list_versions(index)[-1] == name
