"""`rag remove 68` (the issue's number, as `rag ask --issue` takes it) or `rag remove "summer 2026"` was refused as
"no indexed issue '68' (indexed: 2024-summer, 2026-summer-68)", leaving the maintainer to work out which id holds
number 68. The refusal now names it and the command; nothing is removed by a number or season (removing is explicit)."""

import shutil
from pathlib import Path

import pytest

from rag.errors import InputError
from rag.index import ingest, store
from rag.index.embedders import HashEmbedder

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("said", ["68", "#68", "Summer 2026"])
def test_a_number_or_season_is_pointed_to_the_issue_id(tmp_path, said):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    for name in ("2024-summer", "2026-summer-68"):
        shutil.copytree(ROOT / "corpus" / name, corpus / name)
    served = ingest.run(index, HashEmbedder(), lambda t: len(t.split()), paths=[corpus]).version
    with pytest.raises(InputError) as refused:
        ingest.run(index, HashEmbedder(), lambda t: len(t.split()), remove=[said])
    assert (f"{said!r} is the number or season of 2026-summer-68: an issue is removed by its id, "
            "`rag remove 2026-summer-68`") in str(refused.value)
    assert store.current_version(index) == served
    with pytest.raises(InputError) as refused:
        ingest.run(index, HashEmbedder(), lambda t: len(t.split()), remove=["69"])
    assert "is the number or season" not in str(refused.value)
