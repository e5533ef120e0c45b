"""An issue holding another's text, published with --force as the refusal advises ("if it really reprints them, add
--force"), was published with the same words as a warning: "... if it really reprints them, add --force", though it
had been added. Published so, the warning now says it was published as --force asks; a dry run still says to add it."""

from tests.test_tester23_copied_issue import OLD, ingested, refiled_as_69


def test_a_forced_copy_is_said_to_be_published_so(tmp_path):
    corpus = tmp_path / "corpus"
    ingested(tmp_path, OLD)
    new = refiled_as_69(corpus, lambda text: text + "\n\nPrinted again for members who missed it.\n")
    dry = ingested(tmp_path, new, dry_run=True)
    assert [w for w in dry.warnings if w.endswith("if it really reprints them, add --force")]
    forced = ingested(tmp_path, new, force=True)
    said = [w for w in forced.warnings if "word for word passages of 2026-summer-68" in w]
    assert forced.version and said and all(w.endswith("; published all the same, as --force asks") for w in said)
    assert not [w for w in forced.warnings if "add --force" in w]
