"""Which answers a member has stopped: New chat or Stop ends the answer being written in that browser session.

The answer checks its session's mark before each redraw and ends, unsent, once the member has interrupted it
(redraws sent after New chat had emptied the chat used to bring the old conversation back). This is the only
way an answer is stopped: Gradio's own cancelling (cancels=) closes an answer still running with an empty reply,
which the browser takes for a failure and marks with red "Error" badges. The mark an answer compares with is the
one its question was sent under, so a question stopped while it waited in the queue is not answered either.
"""

from __future__ import annotations

import threading
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
