"""Who may use the app: the optional login, the same session check for the article view, and the client key
the rate limits count by."""

from pathlib import Path

from rag.config import Settings
from rag.errors import InputError


def load_auth(settings: Settings) -> list[tuple[str, str]] | None:
    """Login pairs from settings.auth ("user:pass") and settings.auth_file (one pair a line)."""
    raw = []
    if settings.auth:
        raw.append(settings.auth)
    if settings.auth_file:
        path = Path(settings.auth_file)
        if not path.is_file():
            raise InputError(f"auth file {path} not found: create it with one user:password a line")
        try:  # (a byte-order mark, as Notepad saves, was read into the first user's name: tester 33)
            lines = [ln.strip() for ln in path.read_text(encoding="utf-8-sig").splitlines()]
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the auth file {path} ({exc}): save it as UTF-8 text, one user:password "
                             "a line, readable by this user") from exc
        given = [ln for ln in lines if ln and not ln.startswith("#")]
        if not given:  # an empty file (created, never filled) asked for no login without a word (tester 33)
            raise InputError(f"auth file {path} holds no user:password line, so the app would ask for no login: "
                             "write one user:password a line in it, or unset RAG_AUTH_FILE to run without a login")
        raw += given
    pairs = []
    for item in raw:
        user, sep, password = item.partition(":")
        if not sep or not user or not password:
            raise InputError("login must be given as user:password (RAG_AUTH or one a line in RAG_AUTH_FILE)")
        pairs.append((user, password))
    return pairs or None


def logged_in(request) -> bool:
    """Gradio's own session check, so the article view is behind the same login as the chat."""
    app = request.app
    if getattr(app, "auth", None) is None and getattr(app, "auth_dependency", None) is None:
        return True
    cid = getattr(app, "cookie_id", "")
    token = request.cookies.get(f"access-token-{cid}") or request.cookies.get(f"access-token-unsecure-{cid}")
    return token is not None and token in getattr(app, "tokens", {})


def client_key(request) -> str:
    """The rate-limit key: the client's address (the session id when there is none)."""
    client = getattr(request, "client", None)
    host = getattr(client, "host", None)
    return host or getattr(request, "session_hash", None) or "anonymous"
