"""A maintainer's mistakes and hostile inputs at ingest (issue 11, holes 1, 2, 6, 7, 8): each is refused
with a message saying what to do, `rag` exits 2, and the published index stays as it was."""

import json
import os
import shutil
from pathlib import Path

import pytest

from rag import cli
from rag.corpus.folders import SourceLimits, load_issue
from rag.errors import InputError
from tests.conftest import isolated_corpus

ROOT = Path(__file__).resolve().parent.parent
TOML = 'title = "T"\nseason = "spring 2030"\ndate = "2030-03-01"\nsource = "{src}"\n'


@pytest.fixture
def env(tmp_path, monkeypatch):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    return corpus


def run(capsys, *args):
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def refused(capsys, *args) -> str:
    """Run a command that must fail with status 2 and leave the index as it was; returns its stderr."""
    _, before, _ = run(capsys, "status", "--json")
    status, _, err = run(capsys, *args)
    _, after, _ = run(capsys, "status", "--json")
    assert status == 2, err
    assert json.loads(after) == json.loads(before)
    assert "Traceback" not in err
    return err


def _folder(root: Path, source: str, name: str = "2030-spring") -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "issue.toml").write_text(TOML.format(src=source), encoding="utf-8")
    return folder


# hole 1: sources must resolve inside their issue folder

@pytest.mark.parametrize("source", ["/etc/passwd", "../outside.txt", "sub/../../outside.txt"])
def test_source_outside_the_issue_folder_is_refused(tmp_path, source):
    (tmp_path / "outside.txt").write_text("A secret that must not be published. " * 20)
    folder = _folder(tmp_path / "corpus", source)
    (folder / "sub").mkdir()
    with pytest.raises(InputError, match="outside its issue folder"):
        load_issue(folder)


def test_symlink_pointing_out_of_the_issue_folder_is_refused(tmp_path):
    (tmp_path / "outside.txt").write_text("A secret that must not be published. " * 20)
    folder = _folder(tmp_path / "corpus", "issue.txt")
    os.symlink(tmp_path / "outside.txt", folder / "issue.txt")
    with pytest.raises(InputError, match="outside its issue folder"):
        load_issue(folder)


def test_symlink_inside_the_issue_folder_is_fine(tmp_path):
    folder = _folder(tmp_path / "corpus", "issue.txt")
    (folder / "real.txt").write_text("Managers met to discuss the pay award for this year. " * 20)
    os.symlink("real.txt", folder / "issue.txt")
    _, articles = load_issue(folder)
    assert articles


@pytest.mark.parametrize("links", [{"a.md": "a.md"}, {"a.md": "b.md", "b.md": "a.md"}])
def test_a_source_that_is_a_symlink_loop_is_refused_not_a_traceback(tmp_path, links):
    folder = _folder(tmp_path / "corpus", "a.md")
    for name, target in links.items():
        os.symlink(target, folder / name)
    with pytest.raises(InputError, match="symbolic link that loops back on itself.*replace the link"):
        load_issue(folder)


def test_cli_refuses_a_symlink_loop_as_source_with_exit_2(env, capsys):
    run(capsys, "ingest", str(env))
    os.symlink("a.md", _folder(env, "a.md") / "a.md")
    err = refused(capsys, "ingest", str(env))
    assert "loops back on itself" in err


def test_cli_refuses_to_publish_a_system_file(env, capsys):
    run(capsys, "ingest", str(env))
    _folder(env, "/etc/passwd")
    err = refused(capsys, "ingest", str(env))
    assert "/etc/passwd" in err and "outside its issue folder" in err


# hole 2: a duplicate is refused against the published index too, not only within one run

def test_duplicate_folder_ingested_on_its_own_is_refused(env, capsys):
    run(capsys, "ingest", str(env))
    shutil.copytree(env / "2026-summer-68", env / "dup")
    err = refused(capsys, "ingest", str(env / "dup"))
    assert "2026-summer-68" in err and "dup" in err


def test_duplicate_source_with_an_edited_issue_toml_is_refused(env, capsys):
    run(capsys, "ingest", str(env))
    shutil.copytree(env / "2026-summer-68", env / "dup")
    toml = env / "dup" / "issue.toml"
    toml.write_text(toml.read_text().replace("issue 68", "issue 68 (copy)"))
    err = refused(capsys, "ingest", str(env / "dup"))
    assert "same source file as 2026-summer-68" in err


def test_replacing_an_issue_in_place_is_still_allowed(env, capsys):
    run(capsys, "ingest", str(env))
    toml = env / "2026-summer-68" / "issue.toml"
    toml.write_text(toml.read_text().replace("issue 68", "issue 68 (corrected)"))
    status, out, err = run(capsys, "ingest", str(env / "2026-summer-68"), "--json")
    assert status == 0, err
    assert json.loads(out)["issues"]["changed"] == ["2026-summer-68"]


def _copy_of_68(env, name: str) -> Path:
    """Issue 68 under another folder name, its source not byte for byte the same (so not refused as a copy of it)."""
    shutil.copytree(env / "2026-summer-68", env / name)
    source = env / name / "000_14b77b378cd60039.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nReprinted for members.\n", encoding="utf-8")
    return env / name


def test_a_folder_giving_an_indexed_issues_number_is_refused_naming_both(env, capsys):
    """A tester's find: a second folder whose issue.toml says number = 68, as the indexed 2026-summer-68 does, was
    added silently, and members would have had issue 68 twice."""
    run(capsys, "ingest", str(env))
    copy = _copy_of_68(env, "2026-summer-68-reprint")
    for args in (["ingest", str(copy)], ["ingest", str(env)], ["ingest", str(copy), "--dry-run"],
                 ["ingest", str(env), "--report"]):  # --report parses the indexed issue again too
        err = refused(capsys, *args)
        assert "issue folders 2026-summer-68-reprint and 2026-summer-68 both say number = 68" in err
        assert "2026-summer-68 is already indexed" in err and "rag remove 2026-summer-68" in err
    _, out, _ = run(capsys, "status", "--json")
    assert list(json.loads(out)["issues"]) == ["2026-summer-68"]  # nothing of the index lost
    run(capsys, "remove", "2026-summer-68", "--force")  # the way the message gives: the reprint replaces it
    status, out, err = run(capsys, "ingest", str(copy), "--json")
    assert status == 0 and json.loads(out)["issues"]["added"] == ["2026-summer-68-reprint"], err


def test_two_new_folders_giving_one_number_are_refused_together(env, capsys):
    _copy_of_68(env, "2026-summer-68-reprint")
    status, _, err = run(capsys, "ingest", str(env))
    assert status == 2 and "both say number = 68" in err and "neither is indexed yet" in err
    assert not (Path(os.environ["RAG_INDEX_DIR"]) / "CURRENT").exists()


# hole 6: an encrypted PDF is called encrypted

def test_encrypted_pdf_says_it_is_encrypted(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Managers met to discuss pay.")
    folder = _folder(tmp_path / "x", "issue.pdf", name="locked")  # no "encrypted" in the path
    pdf.output(str(folder / "issue.pdf"))
    with pytest.raises(InputError, match=r"issue\.pdf is encrypted.*qpdf --decrypt"):
        load_issue(folder)


# hole 7: a folder with a source file but no issue.toml is reported

def test_folder_without_issue_toml_is_a_warning_or_with_strict_an_error(env, capsys):
    run(capsys, "ingest", str(env))
    stray = env / "2026-autumn-69"
    stray.mkdir()
    (stray / "hm69.txt").write_text("Text of the autumn issue.\n")
    (env / ".git-like").mkdir()  # hidden folders are not issues and not reported
    (env / ".git-like" / "x").write_text("x")
    status, out, err = run(capsys, "ingest", str(env))
    assert status == 0 and "2026-autumn-69" in err and "issue.toml" in err and ".git-like" not in err
    status, out, err = run(capsys, "ingest", str(env), "--json")
    assert status == 0 and any("2026-autumn-69" in w for w in json.loads(out)["warnings"])
    err = refused(capsys, "ingest", str(env), "--strict")
    assert "2026-autumn-69" in err and "issue.toml" in err


# hole 8: size limits that fit a magazine issue

def test_text_source_over_the_limit_is_refused_naming_the_setting(tmp_path):
    folder = _folder(tmp_path, "issue.txt")
    (folder / "issue.txt").write_bytes(b"Managers met. " * 100)
    with pytest.raises(InputError, match=r"RAG_MAX_TEXT_SOURCE_KB"):
        load_issue(folder, SourceLimits(text_bytes=1000))
    assert load_issue(folder, SourceLimits(text_bytes=2000))[1]


def test_default_limits_fit_the_real_issues_and_refuse_a_50_mb_file(tmp_path):
    limits = SourceLimits()
    for issue in ("2024-summer", "2026-summer-68"):
        assert load_issue(ROOT / "corpus" / issue, limits)[1]
    folder = _folder(tmp_path, "big.txt")
    with open(folder / "big.txt", "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: refused before it is read
    with pytest.raises(InputError, match=r"50\.0 MB.*limit.*RAG_MAX_TEXT_SOURCE_KB"):
        load_issue(folder, limits)


def test_pdf_over_the_limit_is_refused_naming_the_setting(tmp_path):
    folder = _folder(tmp_path, "issue.pdf")
    with open(folder / "issue.pdf", "wb") as f:
        f.write(b"%PDF-1.7\n")
        f.truncate(200 * 1024 * 1024)
    with pytest.raises(InputError, match=r"RAG_MAX_PDF_SOURCE_MB"):
        load_issue(folder)


def test_pdf_whose_text_is_over_the_text_limit_is_refused(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(180, 5, "Managers met to discuss the pay award for this year. " * 40)
    folder = _folder(tmp_path, "issue.pdf")
    pdf.output(str(folder / "issue.pdf"))
    assert load_issue(folder)[1]
    with pytest.raises(InputError, match=r"text.*RAG_MAX_TEXT_SOURCE_KB"):
        load_issue(folder, SourceLimits(text_bytes=1000))


def test_cli_size_limit_comes_from_settings_and_leaves_the_index(env, capsys, monkeypatch):
    run(capsys, "ingest", str(env))
    big = _folder(env, "big.txt", name="2030-big")
    (big / "big.txt").write_bytes(b"Managers met to talk about pay. " * 4000)  # 128 KB
    monkeypatch.setenv("RAG_MAX_TEXT_SOURCE_KB", "100")
    err = refused(capsys, "ingest", str(big))
    assert "RAG_MAX_TEXT_SOURCE_KB=100" in err and "big.txt" in err


def test_every_unreadable_folder_is_named_in_one_run(env, capsys):
    """A walk found `rag ingest` naming only the first bad folder: a maintainer fixed one per run."""
    run(capsys, "ingest", str(env))
    for name in ("2030-spring", "2030-summer"):
        folder = _folder(env, "issue.pdf", name)
        (folder / "issue.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf: " + name.encode())
    err = refused(capsys, "ingest", str(env))
    assert "2 issue folders cannot be read" in err
    assert "2030-spring" in err and "2030-summer" in err and "damaged or truncated" in err


def test_folders_unreadable_in_different_ways_are_named_together(env, capsys):
    """A walk found a damaged PDF named only once a missing source and an incomplete issue.toml were fixed."""
    run(capsys, "ingest", str(env))
    (_folder(env, "issue.pdf", "2030-spring") / "issue.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    _folder(env, "missing.txt", "2030-summer")
    (env / "2030-autumn").mkdir()
    (env / "2030-autumn" / "issue.toml").write_text('title = "T"\ndate = "2030-09-01"\nsource = "x.txt"\n')
    err = refused(capsys, "ingest", str(env))
    assert "3 issue folders cannot be read" in err
    assert "damaged or truncated" in err and "missing.txt not found" in err and "lacks season" in err


def test_removing_an_issue_still_in_the_corpus_says_the_next_ingest_adds_it_back(env, capsys):
    run(capsys, "ingest", str(env))
    status, out, err = run(capsys, "remove", "2026-summer-68", "--json", "--force")
    assert status == 0 and json.loads(out)["warnings"] and "adds 2026-summer-68 back" in err
    assert (env / "2026-summer-68" / "issue.toml").is_file()  # the maintainer's files are never deleted
    assert run(capsys, "rollback")[0] == 0  # the issue is served again
    shutil.move(env / "2026-summer-68", env.parent / "kept-aside")  # as the warning says
    status, _, err = run(capsys, "remove", "2026-summer-68", "--force")
    assert status == 0 and "still in the corpus" not in err
