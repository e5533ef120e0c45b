"""One long run of text without spaces (a pasted base64 image, a line of letters) is parsed like any other text:
the three patterns that used to take time growing with the square of such a run (a 200 KB line: minutes; timed in
benchmarks/long_lines.py, docs/benchmarks.md) now give the same answers as before, on short texts of every shape
and on the long runs themselves."""

import base64
import random
import re
from collections import Counter

from rag.contact_details import contact_note
from rag.corpus import cleaning
from rag.corpus.cleaning import is_terminated, vocabulary
from rag.corpus.parse_text import parse_text

# The patterns before the change, as the parsers used them
OLD_LINE_HYPHEN = re.compile(r"[A-Za-z]+-[ \t]*\n[ \t]*\n?[ \t]*[A-Za-z]+")
OLD_ENDS_WITH_ADDRESS = re.compile(r"(\S+@\S+|[\w-]+\.(?:uk|org|com|net|law|ai|co|social)(?:/\S*)?)$")
OLD_EMAIL = re.compile(r"[\w.+-]+@ ?[\w-]+(?:\.[\w-]+)+")
PIECES = list("abZ-_.@+/ \t\n1é") + [".org", ".uk/", ".co", "com", "social", "\xa0", "\x1c", "\u2028", "\u200b"]


def test_the_linear_patterns_answer_as_the_old_ones_on_short_texts_of_every_shape():
    from rag import contact_details

    rnd = random.Random(13)
    for _ in range(30000):
        text = "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 12)))
        assert cleaning._LINE_HYPHEN.sub(" ", text) == OLD_LINE_HYPHEN.sub(" ", text), repr(text)
        stripped = text.strip()
        assert is_terminated(text) == bool(cleaning._TERMINAL.search(stripped) or OLD_ENDS_WITH_ADDRESS.search(stripped)), repr(text)
        assert bool(contact_details.EMAIL.search(text)) == bool(OLD_EMAIL.search(text)), repr(text)


def test_a_200_kb_run_of_letters_is_one_word_and_ends_no_sentence():
    run = "a" * 200_000
    assert vocabulary(f"Managers met. {run} and man-\nagers") == Counter({"managers": 1, "met": 1, run: 1, "and": 1})
    assert not is_terminated(run) and not is_terminated("see " + run)
    assert is_terminated("write to " + run + "@miphealth.org.uk") and is_terminated(run + ".org.uk")
    assert contact_note(run) == ""
    assert contact_note(run + " or k.widlak@miphealth.org.uk") == "Contact details: email address to write to."


def test_a_200_kb_base64_line_holds_no_address_and_stays_in_its_article(tmp_path):
    line = base64.b64encode(random.Random(1).randbytes(150_000)).decode()
    assert not is_terminated("Attachment: " + line) and contact_note(line) == ""
    folder = tmp_path / "2030-spring"
    folder.mkdir()
    (folder / "i.txt").write_text("Zebra crossings in hospital car parks\n\nA survey of 40 NHS trusts found crossings "
                                  f"were repainted every nine years.\n\nAttachment: {line}\n\nQuokka therapy pilot ends\n\n"
                                  "A pilot that brought animals onto two wards has ended.\n")
    (folder / "issue.toml").write_text('title = "T"\nseason = "s"\ndate = "2030-03-01"\nsource = "i.txt"\n')
    # the parser itself: load_issue now refuses a source so much of which is one run (tests/test_tester23_text_shape.py)
    articles = parse_text((folder / "i.txt").read_text(), "2030-spring")
    assert any(p.text == f"Attachment: {line}" for a in articles for p in a.paragraphs)
