"""Walk 35 killed the local model's server mid-answer: the answer came as quoted passages under the banner in members'
words, but the About line under the question box read "The AI model is down, so answers are quoted passages (the
server exited with signal 9 (SIGKILL: killed, usually by the kernel for lack of memory (see `dmesg`); free memory or
use a smaller model))", a maintainer's message shown to every member (five lines on a phone). Members read that it is
down; how it went down is in the line's tooltip, for staff, as the index and model names are."""

import html
import re

from rag.web.chat_page import about_html

DOWN = ("the AI model is down, so answers are quoted passages (the server exited with signal 9 (SIGKILL: killed, "
        "usually by the kernel for lack of memory (see `dmesg`); free memory or use a smaller model))")


def _seen(about: str) -> list[str]:
    """The texts a member reads: the long line (desktop) and the short one (phone), tags and tooltip left out."""
    return [html.unescape(re.sub(r"<[^>]+>", "", part))
            for part in re.findall(r'<span class="about-(?:long|short)">(.*?)</span>(?=<span|</p>)', about)]


def test_a_member_reads_that_the_model_is_down_and_staff_read_why_in_the_tooltip():
    about = about_html("v0027-20261204T101010", "local", DOWN)
    long, short = _seen(about)
    assert long.endswith("· The AI model is down, so answers are quoted passages"), long
    assert short == "About: archive updated 4 Dec 2026 · AI model: down, so answers are quoted passages", short
    for seen in (long, short):
        assert "signal" not in seen and "dmesg" not in seen  # before: the whole server message
    title = html.unescape(re.search(r'title="([^"]*)"', about).group(1))
    assert "model local: the server exited with signal 9" in title and "use a smaller model)" in title


def test_a_state_with_nothing_in_brackets_is_shown_as_it_was():
    about = about_html("v0027-20261204T101010", "local", "the AI model is answering 2 questions, one at a time")
    assert "The AI model is answering 2 questions, one at a time" in about
    assert 'title="index v0027-20261204T101010, model local"' in about
