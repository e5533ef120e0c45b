"""The launched app serves nothing but itself: no file traversal, no model markup, login covers the article view."""

from __future__ import annotations

import http.client
import os
import re
from urllib.parse import quote

import pytest

from tests.app_server import running_app

pytestmark = pytest.mark.slow
SECRETS = {"corpus/2026-summer-68/issue.txt": "SECRET-CORPUS-7f3a", ".data/feedback.jsonl": "SECRET-FEEDBACK-91c2",
           ".env": "SECRET-ENV-OPENAI_API_KEY=sk-4d1e", "auth.txt": "admin:SECRET-PASS-55aa"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("sec")
    for rel, marker in SECRETS.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(marker + "\n")
    old = os.getcwd()
    os.chdir(root)  # relative paths in attacks then point at the secrets
    try:
        with running_app(root, rate_per_minute=1000) as running:
            manifest = next((root / "index").rglob("manifest.json"))
            yield running, root, manifest.read_text()[:60]
    finally:
        os.chdir(old)


def raw_get(url: str, path: str) -> tuple[int, bytes]:
    """GET path exactly as written (no client-side normalisation of ../ or %2e)."""
    host, port = url.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.putrequest("GET", path, skip_accept_encoding=True)
    conn.endheaders()
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, body


def attack_paths(root) -> list[str]:
    targets = [str(root / rel) for rel in SECRETS] + [str(p) for p in (root / "index").rglob("*") if p.is_file()][:4]
    targets += ["/etc/passwd"]
    rels = list(SECRETS) + ["index/CURRENT"]
    paths = []
    for t in targets:
        for prefix in ("/file=", "/gradio_api/file=", "/static/", "/assets/", "/svelte/"):
            paths += [prefix + t, prefix + quote(t, safe=""), prefix + quote(quote(t, safe=""), safe="")]
    for r in rels:
        for prefix in ("/file=", "/gradio_api/file=", "/static/", "/assets/", "/svelte/", "/article/", "/"):
            paths += [prefix + r, prefix + "../" * 8 + r, prefix + "..%2f" * 8 + quote(r, safe=""),
                      prefix + "%2e%2e/" * 8 + r, prefix + "%252e%252e%252f" * 8 + r, prefix + "..\\" * 8 + r,
                      prefix + "....//" * 8 + r]
        paths += [f"/article/..%2f..%2f{quote(r, safe='')}/x", f"/article/../../{r}"]
    return paths


def test_no_route_serves_the_index_corpus_log_env_or_system_files(app):
    running, root, manifest_head = app
    markers = [m.encode() for m in SECRETS.values()] + [manifest_head.encode(), b"root:x:0:0"]
    served = []
    for path in attack_paths(root):
        status, body = raw_get(running.url, path)
        leaked = [m for m in markers if m in body]
        if leaked or status not in (400, 403, 404, 405):
            served.append((path, status, leaked))
    assert not served, served[:10]


def test_the_app_itself_is_still_served(app):
    running, _, _ = app
    assert raw_get(running.url, "/")[0] == 200
    assert raw_get(running.url, "/config")[0] == 200


def test_model_markup_never_reaches_the_page(app):
    from gradio_client import Client

    running, _, _ = app
    outputs = Client(running.url, verbose=False).predict(
        "hostile: what about ambulance response times?", "", api_name="/ask")
    page = str(outputs)  # whatever the chat shows (answer and sources), however the UI lays it out
    for bad in ("<script", "<img", "onerror", "evil.example", "![", "](http"):
        assert bad not in page, bad
    assert re.search(r"/article/2026-summer-68/", page)  # the code-built source links remain


def test_article_view_is_escaped_and_locked_down(app):
    running, _, _ = app
    idx = running.pipeline.index
    issue = next(i for i in idx.issues if i.issue_id == "2024-summer")
    host, port = running.url.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("GET", f"/article/{issue.issue_id}/01-election")
    resp = conn.getresponse()
    body = resp.read().decode()
    assert resp.status == 200 and "<script>" not in body and "&lt;script&gt;" in body
    assert "default-src 'none'" in resp.getheader("Content-Security-Policy")
    assert raw_get(running.url, "/article/2024-summer/no-such-article")[0] == 404


def test_login_covers_chat_and_article_view(tmp_path):
    with running_app(tmp_path, auth="member:s3cret") as running:
        status, _ = raw_get(running.url, "/article/2026-summer-68/01-ambulance-chief")
        assert status == 303  # sent to the login page
        assert raw_get(running.url, "/config")[0] == 401
        host, port = running.url.split("//")[1].split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.request("POST", "/login", body="username=member&password=s3cret",
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        resp = conn.getresponse()
        resp.read()
        cookie = "; ".join(c.split(";")[0] for c in resp.msg.get_all("Set-Cookie") or [])
        assert resp.status == 200 and cookie
        conn.request("GET", "/article/2026-summer-68/01-ambulance-chief", headers={"Cookie": cookie})
        ok = conn.getresponse()
        assert ok.status == 200 and "Jason Killens" in ok.read().decode()


def _ask_from(url: str, forwarded_for: str) -> str:
    """Ask once through the public API claiming an X-Forwarded-For address; everything the app sent back."""
    from gradio_client import Client

    outputs = Client(url, verbose=False, headers={"X-Forwarded-For": forwarded_for}).predict(
        "What did Jason Killens say?", "", api_name="/ask")
    return str(outputs)


def test_forwarded_for_is_believed_only_from_configured_proxies(tmp_path):
    with running_app(tmp_path / "direct", rate_per_minute=2) as running:  # RAG_TRUSTED_PROXIES unset
        statuses = [_ask_from(running.url, f"203.0.113.{n}") for n in range(3)]
        assert "faster than this service allows" in statuses[2], statuses  # one client, however it claims
    with running_app(tmp_path / "proxied", rate_per_minute=2, trusted_proxies=("127.0.0.1",)) as running:
        statuses = [_ask_from(running.url, f"203.0.113.{n}") for n in range(3)]
        assert not any("faster than" in s for s in statuses), statuses  # the proxy's word is taken


def test_upload_route_refuses_files_since_the_app_takes_none(app):
    running, _, _ = app
    host, port = running.url.split("//")[1].split(":")
    boundary = "b0undary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.bin\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + b"x" * (2 << 20) + f"\r\n--{boundary}--\r\n".encode()
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request("POST", "/gradio_api/upload", body=body,
                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    resp = conn.getresponse()
    resp.read()
    conn.close()
    assert resp.status == 413
