"""A text source saved as Windows-1252 was refused with "re-save it as UTF-8, e.g. iconv -f cp1252 -t utf-8": typed
as given, iconv waits on the terminal for input (no file named). The refusal now gives the whole command, with the
file's name, and shows the byte and what Windows-1252 reads there ("£" after "a 3% rise worth "), so the maintainer
can tell it is that encoding; the command run as given makes the issue readable."""

import subprocess
from pathlib import Path

import pytest

from rag.corpus.folders import load_issue
from rag.errors import InputError

TEXT = ("Pay award for managers\n\nManagers across the NHS will get a 3% rise worth £1,500 on average, the union "
        "said, and the café will close. " * 6 + "\n\nNew chief executive named\n\n"
        + "The trust has named a new chief executive who starts in May and will lead the merger talks. " * 5 + "\n")


def _issue(tmp_path: Path, name: str = "2027-spring-70", source: str = "issue 70.txt") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / source).write_bytes(TEXT.encode("cp1252"))
    (folder / "issue.toml").write_text(f'title = "Healthcare Manager issue 70, spring 2027"\nnumber = 70\n'
                                       f'season = "spring 2027"\ndate = "2027-03-01"\nsource = "{source}"\n')
    return folder


def test_the_refusal_gives_a_command_that_makes_the_issue_readable(tmp_path):
    folder = _issue(tmp_path)
    with pytest.raises(InputError) as refused:
        load_issue(folder)
    said = str(refused.value)
    assert "b'\\xa3' after ' NHS will get a 3% rise worth ', which Windows-1252 reads as '£'" in said
    command = said.split("e.g. ", 1)[1]
    done = subprocess.run(command, shell=True, stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    assert done.returncode == 0, done.stderr
    issue, articles = load_issue(folder)
    assert any("£1,500" in p.text and "café" in p.text for a in articles for p in a.paragraphs)


def test_a_utf16_source_is_told_the_whole_command_too(tmp_path):
    folder = _issue(tmp_path, source="issue.txt")
    (folder / "issue.txt").write_bytes(TEXT.encode("utf-16"))
    with pytest.raises(InputError) as refused:
        load_issue(folder)
    command = str(refused.value).split("e.g. ", 1)[1]
    assert "iconv -f utf-16 -t utf-8 " in command
    done = subprocess.run(command, shell=True, stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert any("£1,500" in p.text for a in load_issue(folder)[1] for p in a.paragraphs)
