"""Writing each new passage's questions on a busy machine: one passage took 362 s and got none, and every later
passage was asked again (13 new passages: over an hour holding the build lock), then "the question model failed on
N passages" named no cause. Now a passage taking over a minute (15 times the usual 4 s) stops the asking for this
ingest, and the warning says why and what to do. A fake clock and writer, no model."""

from rag.index.embedders import HashEmbedder
from rag.index.questions import ChunkQuestions
from rag.types import Chunk


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _chunks(n):
    return [Chunk(f"c{i}", "i", "Issue", "2027-03-01", f"a{i}", "Pay", 1, 0, f"Passage {i} on the pay award.")
            for i in range(n)]


def _writer(clock, seconds, asked, fail=False):
    def write(text):
        asked.append(text)
        clock.now += seconds.pop(0) if seconds else 4.0
        if fail:
            raise RuntimeError("openai/local was stopped after 419 characters in 362 s")
        return ["What is the pay award?"]

    return write


def test_a_passage_taking_minutes_stops_the_asking_and_says_why():
    clock, asked = Clock(), []
    q = ChunkQuestions(_writer(clock, [4.0, 362.0], asked), HashEmbedder(), clock=clock)
    got = q.questions(_chunks(13))
    assert len(asked) == 2 and got[0] == got[1] == ["What is the pay award?"] and got[2:] == [[]] * 11
    said = q.summary()
    assert said.startswith("11 passages got no questions: the question model took 362 s for one passage")
    assert "rag ingest corpus/ --rebuild" in said and "RAG_QUESTION_MODEL=none" in said
    assert clock.now == 366.0  # was 13 x 362 s


def test_a_slow_failure_stops_it_too():
    clock, asked = Clock(), []
    q = ChunkQuestions(_writer(clock, [362.0], asked, fail=True), HashEmbedder(), clock=clock)
    assert q.questions(_chunks(5)) == [[]] * 5 and len(asked) == 1
    assert q.summary().startswith("5 passages got no questions: the question model took 362 s")


def test_a_model_at_its_usual_pace_is_asked_for_every_passage():
    clock, asked = Clock(), []
    q = ChunkQuestions(_writer(clock, [59.0] * 3, asked), HashEmbedder(), clock=clock)
    assert all(q.questions(_chunks(20))) and len(asked) == 20 and q.summary() == ""


def test_failures_in_a_row_are_said_as_such():
    clock, asked = Clock(), []
    q = ChunkQuestions(_writer(clock, [], asked, fail=True), HashEmbedder(), clock=clock)
    q.questions(_chunks(6))
    assert len(asked) == 3 and q.summary().startswith("6 passages got no questions: the question model failed 3 times in a row")
