"""issue.toml's fields and the issue folder's name are checked before anything is parsed: a wrong type or form is
one message naming the field and what is expected (`rag` exits 2, the index untouched), never a traceback."""

import json
from pathlib import Path

import pytest

from rag import cli
from rag.corpus.folders import read_issue_toml
from rag.corpus.issue_toml import MAX_TOML_BYTES, check_issue_id, issue_from_table
from rag.errors import InputError
from tests.conftest import isolated_corpus

ROOT = Path(__file__).resolve().parent.parent
GOOD = {"title": "T", "season": "spring 2030", "date": "2030-03-01", "source": "i.txt"}


def table(**changes) -> dict:
    return {k: v for k, v in {**GOOD, **changes}.items() if v is not None}


@pytest.mark.parametrize("layout, field", [
    ("x", "layout = 'x' is not a table"),
    ({"first_page": "one"}, "first_page = 'one' is not a page number"),
    ({"first_page": -5}, "first_page = -5"),
    ({"first_page": 99999999999999999}, "first_page = 99999999999999999"),
    ({"first_page": True}, "first_page = True"),
    ({"not_page_starts": [1, 2]}, "not_page_starts = [1, 2] is not a list of text"),
    ({"not_page_starts": "Managers"}, "not_page_starts = 'Managers' is not a list of text"),
    ({"not_page_starts": [""]}, "not_page_starts = ['']"),
    ({"not_page_start": ["Managers"]}, "unknown keys ['not_page_start']"),
])
def test_a_malformed_layout_table_names_the_field_and_what_it_expects(layout, field):
    with pytest.raises(InputError, match="expected|write|use") as e:
        issue_from_table(table(layout=layout), "x", "x/issue.toml")
    assert field in str(e.value)


@pytest.mark.parametrize("changes, field", [
    ({"number": True}, "number = True is not an issue number"),
    ({"number": "70"}, "number = '70'"),
    ({"number": 0}, "number = 0"),
    ({"number": 99999999999999999}, "number = 99999999999999999 is not an issue number"),  # a tester's: no bound
    ({"title": {"a": 1}}, "title = {'a': 1} is not text"),
    ({"season": 2030}, "season = 2030 is not text"),
    ({"source": ["i.md"]}, "source = ['i.md'] is not text"),
    ({"url": 5}, "url = 5 is not a web address"),
    ({"url": "javascript:alert(1)"}, "url = 'javascript:alert(1)'"),
    ({"title": "  "}, "lacks title"),
    # a tester's find: a NUL in source was a ValueError traceback (exit 1); a line break split the title in two
    ({"source": "i.md\x00"}, "source = 'i.md\\x00' holds a control character"),
    ({"title": "Issue 69\n<b>x</b>"}, "title = 'Issue 69\\n<b>x</b>' holds a control character"),
    ({"season": "autumn\u20282026"}, "season = 'autumn\\u20282026' holds a control character"),
    # a tester's find: a misspelt key was ignored, so "nubmer = 70" gave an issue without its number
    ({"nubmer": 70}, "has unknown keys ['nubmer']: check their spelling; issue.toml takes title, number, season"),
])
def test_each_field_of_the_wrong_type_is_refused_by_name(changes, field):
    with pytest.raises(InputError) as e:
        issue_from_table(table(**changes), "x", "x/issue.toml")
    assert field in str(e.value)


@pytest.mark.parametrize("written", ["20300301", "2030-W09-5", 20300301, "2030-3-1", "2030-02-30", "2030-03-01T10:00"])
def test_a_date_not_written_yyyy_mm_dd_is_refused_showing_the_form(written):
    with pytest.raises(InputError, match=r"not a day written YYYY-MM-DD: .*date = \"2026-06-01\""):
        issue_from_table(table(date=written), "x", "x/issue.toml")


def test_a_date_written_yyyy_mm_dd_quoted_or_as_a_toml_date_is_stored_yyyy_mm_dd():
    import datetime

    assert issue_from_table(table(), "x", "w").date == "2030-03-01"
    assert issue_from_table(table(date=datetime.date(2030, 3, 1)), "x", "w").date == "2030-03-01"


def test_a_no_break_space_in_a_title_is_not_a_control_character():
    assert issue_from_table(table(title="Healthcare Manager\u00a0issue 69"), "x", "w").title.endswith("issue 69")


def test_a_sound_table_still_gives_its_issue_with_layout_hints():
    issue = issue_from_table(table(number=69, url="https://example.org/hm69.pdf",
                                   layout={"first_page": 3, "not_page_starts": ["Managers met"]}), "2030-spring", "w")
    assert (issue.issue_id, issue.number, issue.url, issue.source_file) == ("2030-spring", 69, "https://example.org/hm69.pdf", "i.txt")


@pytest.mark.parametrize("name", ["with space #frag?q=1", "%2e%2e", "new\nline", ".hidden", "quote\"and<b>", "", "x" * 101])
def test_an_issue_folder_name_unsafe_in_a_link_is_refused_saying_how_to_rename(name):
    with pytest.raises(InputError, match=r"rename the folder \(mv[^\n]*\) using letters, digits"):
        check_issue_id(name, f"corpus/{name}")


def test_a_folder_name_with_a_newline_is_refused_in_one_line():
    with pytest.raises(InputError) as e:
        check_issue_id("new\nline", "corpus/new\nline")
    assert "\n" not in str(e.value) and str(e.value).startswith("'corpus/new\\nline': the folder's name")


def test_every_real_issue_folder_name_is_a_valid_issue_id():
    folders = [p for p in (ROOT / "corpus").iterdir() if (p / "issue.toml").is_file()]
    assert folders
    for folder in folders:
        check_issue_id(folder.name)
        read_issue_toml(folder)  # and every real issue.toml passes the field checks


def test_an_oversized_issue_toml_is_refused_before_it_is_read(tmp_path):
    folder = tmp_path / "2030-spring"
    folder.mkdir()
    (folder / "issue.toml").write_text('title = "' + "A" * MAX_TOML_BYTES + '"\n')
    with pytest.raises(InputError, match="limit 64 KB"):
        read_issue_toml(folder)


def test_an_issue_toml_saved_with_a_byte_order_mark_is_read(tmp_path):
    """A tester's find: an issue.toml saved by Windows Notepad ("UTF-8 with BOM") was refused as "not valid TOML
    (Invalid statement (at line 1, column 1))", an error no one can see in the file."""
    folder = tmp_path / "2030-spring"
    folder.mkdir()
    (folder / "issue.toml").write_bytes(b'\xef\xbb\xbftitle = "T"\nseason = "s"\ndate = "2030-03-01"\nsource = "i.txt"\n')
    assert read_issue_toml(folder)[0].title == "T"


@pytest.mark.parametrize("name, toml", [
    ("2030-spring", '[layout]\nfirst_page = "one"\n'),
    ("2030-spring", '[layout]\nnot_page_starts = [1, 2]\n'),
    ("2030-spring", 'layout = "x"\n'),
    ("with space", ""),
])
def test_cli_refuses_a_bad_issue_toml_or_folder_name_with_one_error_line_and_exit_2(tmp_path, monkeypatch, capsys,
                                                                                      name, toml):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    assert cli.main(["ingest", str(corpus)]) == 0
    capsys.readouterr()
    cli.main(["status", "--json"])
    before = json.loads(capsys.readouterr()[0])
    folder = corpus / name
    folder.mkdir()
    (folder / "i.txt").write_text(" Managers met to discuss the pay award for this year.\n" * 20)
    (folder / "issue.toml").write_text('title = "T"\nseason = "s"\ndate = "2030-03-01"\nsource = "i.txt"\n' + toml)
    assert cli.main(["ingest", str(corpus)]) == 2
    err = capsys.readouterr()[1]
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err
    cli.main(["status", "--json"])
    assert json.loads(capsys.readouterr()[0]) == before
