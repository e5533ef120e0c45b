"""Tester 33's open items on the login file: one saved with a byte-order mark (as Notepad saves) read the mark into the
first user's name, so that user could never log in; one not UTF-8 was a traceback; and a missing or empty one was found
only after the models had loaded (minutes), then a traceback, since the app built its login outside main's check."""

import pytest

from rag.config import Settings
from rag.errors import InputError
from rag.web.access import load_auth


def test_an_auth_file_with_a_byte_order_mark_is_read(tmp_path):
    users = tmp_path / "users.txt"
    users.write_bytes("\ufeffann:pw1\nbob:pw2\n".encode("utf-8"))
    assert load_auth(Settings(auth_file=users)) == [("ann", "pw1"), ("bob", "pw2")]


def test_an_auth_file_not_utf8_is_said(tmp_path):
    users = tmp_path / "users.txt"
    users.write_bytes("ann:p\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match="cannot read the auth file .*save it as UTF-8"):
        load_auth(Settings(auth_file=users))


def test_the_app_says_a_bad_auth_file_before_loading_the_models(tmp_path, monkeypatch, capsys):
    import app

    built = []  # a fake build: what the app would load, recorded

    monkeypatch.setenv("RAG_AUTH_FILE", str(tmp_path / "missing.txt"))
    assert app.main(build_pipeline=lambda *args, **kwargs: built.append(args)) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: auth file") and "not found" in err
    assert built == []  # said before the index and models were loaded
