"""issue.toml's source with a stray space at its end (typed, or pasted from a file manager) was refused as "source =
'hm70.txt ' is a .txt  file: the archive reads PDF (.pdf), plain text (.txt) and markdown (.md)": a .txt refused for
not being a .txt. It now says the space is the fault, and names the file meant when the folder holds it."""

import pytest

from tests.issue_refusals import refusal_of

TOML = 'title = "T"\nseason = "spring 2030"\ndate = "2030-03-01"\nsource = "{src}"\n'


@pytest.mark.parametrize("source, said", [
    ("hm70.txt ", "source = 'hm70.txt ' has a space at its start or end: the file is named 'hm70.txt', so write "
                  'source = "hm70.txt"'),
    (" other.txt", "source = ' other.txt' has a space at its start or end: remove it, and check that the file is "
                   "named"),
])
def test_a_source_with_a_stray_space_says_so(tmp_path, source, said):
    refused = refusal_of(tmp_path, TOML.format(src=source), "hm70.txt")
    assert said in refused and "the archive reads" not in refused
