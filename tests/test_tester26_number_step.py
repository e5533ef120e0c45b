"""A wrong issue number in an issue.toml whose title names none (number = 96 typed for 69, or 67 for the issue after
68) was published without a word: "summarise issue 69" found nothing. An issue whose number does not follow from the
numbered issue nearest it in date (a later issue with a lower number, or over 12 issues a year between them: the
magazine is quarterly) is now a warning naming both (refused with --strict)."""

import shutil
from pathlib import Path

import pytest

from rag.corpus.issue_meta import numbers_out_of_step
from rag.errors import InputError
from rag.index import ingest
from rag.index.embedders import HashEmbedder
from rag.types import Issue

ROOT = Path(__file__).resolve().parent.parent
ISSUE_68 = Issue("2026-summer-68", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026", "x.md", 68)


def _new(number, date="2026-09-01"):
    return Issue("2026-autumn-69", "Healthcare Manager, autumn 2026", date, "autumn 2026", "hm.pdf", number)


@pytest.mark.parametrize("number, date", [(96, "2026-09-01"), (67, "2026-09-01"), (68 + 30, "2027-09-01"),
                                          (69, "2026-03-01")])
def test_a_number_out_of_step_is_said(number, date):
    (said,) = numbers_out_of_step([_new(number, date)], [ISSUE_68])
    assert said.startswith(f"2026-autumn-69: number = {number} (date = {date}) does not follow 2026-summer-68, "
                           "number 68 of 2026-06-01: a number or date mistyped?")


@pytest.mark.parametrize("number, date", [(69, "2026-09-01"), (70, "2026-09-01"), (72, "2027-06-01"),
                                          (None, "2026-09-01")])
def test_a_number_in_step_says_nothing(number, date):
    assert numbers_out_of_step([_new(number, date)], [ISSUE_68]) == []


def test_an_ingest_warns_and_strict_refuses(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(ROOT / "corpus" / "2026-summer-68", corpus / "2026-summer-68")
    ingest.run(index, HashEmbedder(), lambda t: len(t.split()), paths=[corpus])
    new = corpus / "2026-autumn-69"
    new.mkdir()
    (new / "issue.md").write_text("# Pay award falls short\n\n" + "Managers across the NHS met this autumn to discuss "
                                  "the pay award and the union's response to it. " * 8 + "\n", encoding="utf-8")
    (new / "issue.toml").write_text('title = "Healthcare Manager, autumn 2026"\nnumber = 96\nseason = "autumn 2026"\n'
                                    'date = "2026-09-01"\nsource = "issue.md"\n', encoding="utf-8")
    with pytest.raises(InputError, match="number = 96 .* does not follow 2026-summer-68"):
        ingest.run(index, HashEmbedder(), lambda t: len(t.split()), paths=[corpus], strict=True)
    outcome = ingest.run(index, HashEmbedder(), lambda t: len(t.split()), paths=[corpus])
    assert outcome.version and [w for w in outcome.warnings if "number = 96" in w]
