"""Whose X-Forwarded-For the rate limit believes: only RAG_TRUSTED_PROXIES (uvicorn trusts 127.0.0.1 otherwise)."""

import pytest

from rag.config import load_settings
from rag.errors import InputError
from rag.web.limits import forwarded_allow_ips


def test_no_proxies_configured_trusts_nobody():
    assert forwarded_allow_ips(load_settings({}).trusted_proxies) == ""


def test_configured_proxies_are_passed_on_and_typos_refused():
    settings = load_settings({"RAG_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8"})
    assert forwarded_allow_ips(settings.trusted_proxies) == "127.0.0.1,10.0.0.0/8"
    with pytest.raises(InputError, match="RAG_TRUSTED_PROXIES: 'nginx'"):
        forwarded_allow_ips(("nginx",))
