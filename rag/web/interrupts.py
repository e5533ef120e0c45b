"""Which answers a member has stopped: New chat or Stop ends the answer being written in that browser session.

The answer checks its session's mark before each redraw and ends, unsent, once the member has interrupted it
(redraws sent after New chat had emptied the chat used to bring the old conversation back). This is the only
way an answer is stopped: Gradio's own cancelling (cancels=) closes an answer still running with an empty reply,
which the browser takes for a failure and marks with red "Error" badges. The mark an answer compares with is the
one its question was sent under, so a question stopped while it waited in the queue is not answered either.

And which questions are still under way, for a tab opened meanwhile (UnderWay, answered_elsewhere): a tab opened
while the member's first tab was still answering restored the question as stopped ("Stopped before the answer was
finished: ask again ..."), though the first tab went on to answer it (walk 33): the new tab starts from the
conversation saved last, which holds the question as sent. The page says which questions it holds from another tab
(rag.web.page_script.HEAD: a tab that has asked nothing itself follows the conversation saved last, and reloads when
the other tab saves its answer); the server says which are still being answered here, and, at the page's tick, which
have ended with no answer saved (the other tab closed mid-answer: given_up_elsewhere).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict


class Interrupts:
    """A counter per browser session, raised by New chat and Stop; an answer remembers the value it began with."""

    def __init__(self, *, max_sessions: int = 10_000):
        self.max_sessions = max_sessions
        self._marks: OrderedDict[str, int] = OrderedDict()
        self._lock = threading.Lock()

    def mark(self, session: str | None) -> int:
        """The session's counter now, taken as an answer begins."""
        with self._lock:
            return self._marks.get(session, 0) if session else 0

    def interrupt(self, session: str | None) -> None:
        """Every answer this session began before now is to end without another redraw."""
        if not session:
            return
        with self._lock:
            self._marks[session] = self._marks.pop(session, 0) + 1
            while len(self._marks) > self.max_sessions:  # the oldest sessions are long gone
                self._marks.popitem(last=False)

    def live(self, session: str | None, mark: int) -> bool:
        """True while no New chat or Stop came from the session since the answer took its mark."""
        return self.mark(session) == mark


ELSEWHERE = "elsewhere"  # a turn's state: being answered for another tab
ELSEWHERE_WORDS = ("Still being answered in the other tab where you asked it: the answer shows here once it is "
                   "finished.")
GIVEN_UP = "The other tab was closed before the answer was finished: ask again here for the whole answer."
UNFINISHED = ("queued", "searching", "writing")
MAX_AGE_S = 1800  # a question Gradio dropped from its queue (its tab closed) is never ended here: forgotten after this

# Run on the page's load before the saved chat is restored: the last question is marked as held from another tab when
# this tab has asked nothing itself (its FOLLOWS mark, set by rag.web.page_script.HEAD). The server checks it.
MARK_JS = """(saved) => {
  let follows = false;
  try { follows = window.sessionStorage.getItem('hm-archive-follows') === '1'; } catch (e) { /* no storage */ }
  if (!follows || !Array.isArray(saved) || !saved.length) return [saved];
  const last = saved[saved.length - 1];
  return [[...saved.slice(0, -1), Object.assign({}, last, {other_tab: true})]];
}"""


GRACE_S = 20.0  # after its answer ends, the time its tab has to save it before a tab following it calls it stopped


class UnderWay:
    """The questions sent on this server and not yet ended (queued or being answered), by turn id, and when those
    that have ended did (for a while)."""

    def __init__(self, clock=time.monotonic):
        self._sent: dict[str, float] = {}
        self._ended: dict[str, float] = {}
        self._lock = threading.Lock()
        self._clock = clock

    def sent(self, tid: str) -> None:
        with self._lock:
            now = self._clock()
            self._sent = {t: at for t, at in self._sent.items() if now - at < MAX_AGE_S}
            self._ended = {t: at for t, at in self._ended.items() if now - at < MAX_AGE_S}
            self._sent[tid] = now

    def ended(self, tid: str) -> None:
        with self._lock:
            if self._sent.pop(tid, None) is not None:
                self._ended[tid] = self._clock()

    def holds(self, tid: str) -> bool:
        with self._lock:
            at = self._sent.get(tid)
            return at is not None and self._clock() - at < MAX_AGE_S

    def given_up(self, tid: str, grace_s: float = GRACE_S) -> bool:
        """True once tid is not being answered here and, if it ended here, grace_s have passed: its tab saves an
        answer a moment after it ends (a tab following it reloads to show it); a tab closed mid-answer saves nothing."""
        with self._lock:
            now = self._clock()
            at = self._sent.get(tid)
            if at is not None and now - at < MAX_AGE_S:
                return False
            return now - self._ended.get(tid, -grace_s) >= grace_s


def answered_elsewhere(saved, turns: list[dict], under_way: UnderWay) -> list[dict]:
    """turns (as restored from saved, an unfinished question marked stopped) with the last question shown as being
    answered for another tab when the page says it holds it from another tab and this server is still answering it."""
    last = saved[-1] if isinstance(saved, list) and saved and isinstance(saved[-1], dict) else {}
    if not turns or not last.get("other_tab") or last.get("state") not in UNFINISHED:
        return turns
    if str(last.get("id")) != turns[-1]["id"] or not under_way.holds(turns[-1]["id"]):
        return turns
    return [*turns[:-1], dict(turns[-1], state=ELSEWHERE)]


def given_up_elsewhere(turns: list[dict], under_way: UnderWay) -> list[dict] | None:
    """turns with the last question shown stopped once the other tab's answer to it has ended here unsaved (that tab
    closed mid-answer), else None (unchanged). The tab following it said "Still being answered in the other tab" until
    reloaded (walk 34; walk 35 saw it for five minutes): no page was left to save the question stopped."""
    last = turns[-1] if turns else {}
    if last.get("state") != ELSEWHERE or not under_way.given_up(str(last.get("id"))):
        return None
    return [*turns[:-1], dict(last, state="stopped")]
