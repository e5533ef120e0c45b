"""The saved-chat key: made once, owner-only, kept across restarts, shared by replicas through settings."""

import os
import stat
from concurrent.futures import ThreadPoolExecutor

import pytest

from rag.config import Settings, load_settings
from rag.errors import InputError
from rag.web.chat_key import KEY_FILE, load_chat_key


def test_a_key_is_made_once_and_the_same_after_a_restart(tmp_path):
    first = load_chat_key("", tmp_path / ".data")
    again = load_chat_key("", tmp_path / ".data")
    assert first == again and len(first) >= 32
    mode = stat.S_IMODE(os.stat(tmp_path / ".data" / KEY_FILE).st_mode)
    assert mode == 0o600
    assert load_chat_key("", tmp_path / "other") != first  # another deployment, another key


def test_processes_starting_at_once_agree_on_one_key(tmp_path):
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: load_chat_key("", tmp_path), range(16)))
    assert len(keys) == 1


def test_the_configured_secret_wins_and_must_be_long(tmp_path):
    shared = "s" * 40
    assert load_chat_key(shared, tmp_path) == shared
    assert not (tmp_path / KEY_FILE).exists()
    with pytest.raises(InputError, match="shorter than 16"):
        load_chat_key("short", tmp_path)


def test_an_emptied_key_file_is_refused_with_what_to_do(tmp_path):
    (tmp_path / KEY_FILE).write_text("\n")
    with pytest.raises(InputError, match="delete it and restart"):
        load_chat_key("", tmp_path)


def test_secrets_are_read_from_the_environment_and_never_printed():
    s = load_settings({"RAG_CHAT_SECRET": "k" * 20, "RAG_AUTH": "member:hunter2hunter2"})
    assert s.chat_secret == "k" * 20
    assert "k" * 20 not in repr(s) and "hunter2" not in repr(s)
    assert Settings().chat_secret == ""
