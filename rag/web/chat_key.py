"""The key that encrypts members' saved chats in their browsers: kept across restarts and shared by replicas."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from rag.errors import InputError

KEY_FILE = "chat-key"


def load_chat_key(secret: str, data_dir: Path) -> str:
    """secret when set (RAG_CHAT_SECRET), else the key in data_dir/chat-key, made once (owner-only) if missing.

    Gradio's BrowserState makes a new random key at every start otherwise, and a chat saved under the old key
    no longer decrypts: every member's conversation would vanish at each restart or on another replica.
    """
    if secret:
        if len(secret) < 16:
            raise InputError("RAG_CHAT_SECRET is shorter than 16 characters: use a long random value "
                             "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`)")
        return secret
    path = Path(data_dir) / KEY_FILE
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_urlsafe(32) + "\n")
        f.flush()
        os.fsync(f.fileno())
    try:
        os.link(tmp, path)  # appears whole or not at all; a process that got there first wins
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return _read(path)


def _read(path: Path) -> str:
    key = path.read_text().strip()
    if len(key) < 16:
        raise InputError(f"{path} holds no usable chat key: delete it and restart (members' saved chats "
                         "made with it will start empty), or set RAG_CHAT_SECRET")
    return key
