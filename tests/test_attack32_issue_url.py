"""issue.toml's url is every member's "publisher's edition" link: `url = "https://"` (no host), a NUL, or
'https://x.org/"><script>' were published as written, a link leading nowhere; such a url is refused by name."""

import pytest

from rag.corpus.issue_toml import issue_from_table
from rag.errors import InputError

GOOD = {"title": "T", "season": "spring 2030", "date": "2030-03-01", "source": "i.txt"}


@pytest.mark.parametrize("url", ["https://", "https:///hm69.pdf", "http://x.org/\"><script>", "https://x.org/\x00",
                                 "https://x.org/a\\b", "https://<x.org>/"])
def test_a_url_no_link_can_hold_is_refused_by_name(url):
    with pytest.raises(InputError) as refused:
        issue_from_table({**GOOD, "url": url}, "x", "x/issue.toml")
    assert f"url = {url!r} is not a web address" in str(refused.value)


@pytest.mark.parametrize("url", ["https://example.org/hm69.pdf", "https://x.org", "http://localhost:8080/hm/69",
                                 "https://ex.org/a?b=1&c=it's#page=2", "https://x.org/été"])
def test_a_publishers_address_is_kept_as_written(url):
    assert issue_from_table({**GOOD, "url": url}, "x", "x/issue.toml").url == url
