"""Text that is no prose: 600 KB without a space was published as six passages of up to 230,000 characters, and 600 KB
of words on one line as 843 passages under no headline; now each is refused saying what to do. A markdown export
with images embedded as data (Google Docs: ![][image1] ... [image1]: <data:image/png;base64,...>) had the base64 and
"image1]" in its passages; now the images are dropped."""

import base64
import random
import shutil
from pathlib import Path

import pytest

from rag.corpus.folders import read_issue
from rag.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
ISSUE_68 = ROOT / "corpus" / "2026-summer-68"
WORDS = ("the union said that the pay offer fell short of what members had asked for in its consultation this spring "
         "managers across the NHS met to discuss it").split()


def _folder(tmp_path, text, source="issue.txt"):
    folder = tmp_path / "2027-spring"
    folder.mkdir()
    (folder / "issue.toml").write_text(f'title = "HM spring 2027"\nseason = "spring"\ndate = "2027-03-01"\nsource = "{source}"\n')
    (folder / source).write_text(text, encoding="utf-8")
    return folder


def test_text_without_spaces_is_refused(tmp_path):
    rnd = random.Random(3)
    folder = _folder(tmp_path, "".join(rnd.choice(WORDS) for _ in range(100_000)))
    with pytest.raises(InputError) as err:
        read_issue(folder)
    said = str(err.value)
    assert "in runs of 200 or more without a space" in said and "line 1" in said
    assert "export the issue again as plain text, markdown or a PDF" in said


def test_text_on_one_line_is_refused(tmp_path):
    rnd = random.Random(4)
    folder = _folder(tmp_path, "Pay award\n" + " ".join(rnd.choice(WORDS) for _ in range(100_000)))
    with pytest.raises(InputError) as err:
        read_issue(folder)
    said = str(err.value)
    assert "has a line of" in said and "(line 2;" in said and "line breaks were lost" in said and "pdftotext" in said


def test_one_long_link_in_an_issue_is_read(tmp_path):
    text = (ISSUE_68 / "000_14b77b378cd60039.txt").read_text(encoding="utf-8")
    link = "https://example.org/track?" + "x" * 500
    folder = _folder(tmp_path, text.replace("\n\n", f"\n\nSee {link} for more.\n\n", 1), source="issue.md")
    _, articles, _ = read_issue(folder)
    assert len(articles) > 10


def test_images_embedded_as_data_in_markdown_are_dropped(tmp_path):
    shutil.copytree(ISSUE_68, tmp_path / "68")
    source = tmp_path / "68" / "000_14b77b378cd60039.txt"
    text = source.read_text(encoding="utf-8")
    _, plain, _ = read_issue(tmp_path / "68")
    data = base64.b64encode(bytes(range(256)) * 40).decode()
    lines = text.split("\n")
    lines.insert(40, "![][image1]")  # Google Docs: the image by reference, its data at the end
    lines.insert(60, f"![a chart](data:image/png;base64,{data})")  # inline, longer than any link's address
    source.write_text("\n".join(lines) + f"\n\n[image1]: <data:image/png;base64,{data}>\n", encoding="utf-8")
    _, articles, _ = read_issue(tmp_path / "68")
    texts = [p.text for a in articles for p in a.paragraphs]
    assert not any("base64" in t or "image1" in t or "![" in t for t in texts)
    assert texts == [p.text for a in plain for p in a.paragraphs]  # the same passages as without the images


def test_an_issue_of_page_images_is_told_why_it_gave_no_article(tmp_path):
    folder = _folder(tmp_path, "# Spring 2027\n\n![cover](cover.png)\n\n## Pay\n\n![p1](page1.png)\n\n![p2](p2.png)\n",
                     source="issue.md")
    with pytest.raises(InputError) as err:
        read_issue(folder)
    said = str(err.value)
    assert "yielded no articles: it holds 3 images and 2 words of text" in said and "run OCR" in said
