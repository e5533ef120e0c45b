"""Members of the loopback deployment (tests/deploy_stack.py): plain HTTP clients speaking Gradio's queue
protocol (join, then the server-sent-event stream) through nginx, each from its own loopback address
(127.0.0.x), so nginx's affinity and the per-client rate limit see different members; and the run where
a replica is killed while they ask.
"""

from __future__ import annotations

import http.client
import json
import socket
import statistics
import threading
import time
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable

from tests.deploy_stack import Replica


@dataclass
class Outcome:
    """How one question ended for the member who asked it."""

    kind: str  # answered | refused | rate_limited | errored | lost
    detail: str  # the status line or the error the member got
    join_replica: str  # X-Upstream-Replica of the join ("" when none answered)
    stream_replica: str  # X-Upstream-Replica of the answer's stream
    started: float  # time.monotonic()
    ended: float
    notice: str = ""  # the banner over the chat, e.g. why this answer is quoted passages
    attempt: int = 1  # 2: the member asked again after a clear error

    @property
    def seconds(self) -> float:
        return self.ended - self.started

    def on(self, replica: str) -> bool:
        return replica in (self.join_replica, self.stream_replica)


def ask_fn_index(port: int) -> int:
    """The queue id of the app's "ask" endpoint, from Gradio's /config."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/config", timeout=30) as r:
        config = json.load(r)
    return next(d["id"] for d in config["dependencies"] if d.get("api_name") == "ask")


def classify_status(status_html: str) -> str:
    if "Answered." in status_html:
        return "answered"
    if "Not in the archive." in status_html:
        return "refused"
    if "faster than this service allows" in status_html:
        return "rate_limited"
    return "errored"


def _served_by(response: http.client.HTTPResponse) -> str:
    """The replica that answered: the last of nginx's $upstream_addr ("A, B" when A was down and B took it)."""
    return (response.getheader("X-Upstream-Replica") or "").split(", ")[-1]


def ask(port: int, fn_index: int, question: str, *, source_ip: str, timeout: float,
        headers: dict[str, str] | None = None, before_stream: Callable[[], None] | None = None) -> Outcome:
    """One question through the proxy at port, from source_ip; never raises, never waits past timeout.
    before_stream, when given, runs between the join's reply and the stream's request (a test's restart)."""
    started = time.monotonic()
    join_replica = stream_replica = ""

    def end(kind: str, detail: str, notice: str = "") -> Outcome:
        return Outcome(kind, detail[:300], join_replica, stream_replica, started, time.monotonic(), notice[:300])

    session = uuid.uuid4().hex
    # the inputs as the page sends them: question, issue, and the states (turns, the interrupt mark, what reply_now
    # answered: walk 31's, which made every question here an error until it was sent)
    body = json.dumps({"data": [question, "", None, None, None], "fn_index": fn_index, "session_hash": session,
                       "event_data": None, "trigger_id": None})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source_ip, 0))
    try:
        conn.request("POST", "/gradio_api/queue/join", body, {"Content-Type": "application/json", **(headers or {})})
        r = conn.getresponse()
        join_replica = _served_by(r)
        text = r.read().decode(errors="replace")
        if r.status != 200:
            return end("errored", f"HTTP {r.status}: {text.strip()}")
        if before_stream is not None:
            before_stream()
        conn.request("GET", f"/gradio_api/queue/data?session_hash={session}", headers=headers or {})
        r = conn.getresponse()
        stream_replica = _served_by(r)
        if r.status != 200:
            return end("errored", f"HTTP {r.status}: {r.read().decode(errors='replace').strip()}")
        while time.monotonic() - started < timeout:
            line = r.readline()
            if not line:
                return end("errored", "the answer's stream broke off (the replica went away): please ask again")
            if not line.startswith(b"data:"):
                continue
            msg = json.loads(line[5:])
            if msg.get("msg") == "process_completed":
                if not msg.get("success"):
                    return end("errored", str(msg.get("output", {}).get("error") or msg))
                data = msg["output"]["data"]
                status, notice = str(data[1]), data[2] if isinstance(data[2], str) else ""
                return end(classify_status(status), status, notice)
            if msg.get("msg") == "unexpected_error":
                return end("errored", msg.get("message", "unexpected error"))
            if msg.get("msg") == "close_stream":
                return end("errored", "the stream closed before an answer")
        return end("lost", f"no answer and no error within {timeout:g} s")
    except (socket.timeout, TimeoutError):
        return end("lost", f"no answer and no error within {timeout:g} s")
    except (http.client.IncompleteRead, http.client.RemoteDisconnected, ConnectionResetError) as exc:
        # the replica died with the question's join half answered (a fresh clone's CI: "IncompleteRead(0 bytes read,
        # 47 more expected)"): as a stream cut off, the member's request broke off at once
        return end("errored", f"the question's request broke off (the replica went away: {type(exc).__name__}): "
                              "please ask again")
    except (OSError, http.client.HTTPException, ValueError) as exc:
        return end("errored", f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()


# --- the run: N members, one replica killed and restarted mid-run -----------------------------------------


@dataclass
class RunResult:
    outcomes: list[list[Outcome]]  # per member, in the order asked
    killed_at: float | None = None  # SIGKILL sent
    dead_at: float | None = None  # the process reaped: requests that reached it until then were in flight
    back_at: float | None = None
    unfinished_members: int = 0

    def flat(self) -> list[Outcome]:
        return [o for member in self.outcomes for o in member]

    def in_flight_at_kill(self, replica: str) -> list[Outcome]:
        if self.killed_at is None:
            return []
        return [o for o in self.flat() if o.started <= self.dead_at and o.ended >= self.killed_at and o.on(replica)]

    def summary(self) -> dict:
        flat = [o for o in self.flat() if o.attempt == 1]
        again = [o for o in self.flat() if o.attempt == 2]
        done = [o.seconds for o in flat if o.kind in ("answered", "refused")]
        return {
            "questions": len(flat),
            "outcomes": dict(Counter(o.kind for o in flat)),
            "quoted_fallbacks": sum(o.kind == "answered" and bool(o.notice) for o in flat),
            "asked_again": dict(Counter(o.kind for o in again)),
            "unfinished_members": self.unfinished_members,
            "median_s": round(statistics.median(done), 2) if done else None,
            "max_s": round(max(done), 2) if done else None,
            "errored_s_after_kill": [round(o.ended - self.killed_at, 2) for o in flat
                                     if o.kind == "errored" and self.killed_at is not None],
            "replica_down_s": round(self.back_at - self.killed_at, 1) if self.back_at and self.killed_at else None,
        }  # fmt: skip


def run_members(port: int, fn_index: int, questions: list[list[str]], *, victim: Replica,
                kill_when: Callable[[list[Outcome]], bool], timeout: float,
                first_ip: int = 10, ask_again_after: float | None = None) -> RunResult:
    """Member i (from 127.0.0.<first_ip + i>) asks questions[i] in turn; victim is SIGKILLed once
    kill_when(outcomes so far) holds, and started again at once. With ask_again_after, a member told
    of an error asks once more after that many seconds (as the error tells them to). Returns every outcome."""
    n = len(questions)
    result = RunResult([[] for _ in range(n)])
    lock, finished = threading.Lock(), threading.Event()
    barrier = threading.Barrier(n)

    def member(i: int) -> None:
        barrier.wait(timeout=60)
        for q in questions[i]:
            o = ask(port, fn_index, q, source_ip=f"127.0.0.{first_ip + i}", timeout=timeout)
            with lock:
                result.outcomes[i].append(o)
            if o.kind == "errored" and ask_again_after is not None:
                time.sleep(ask_again_after)
                o = replace(ask(port, fn_index, q, source_ip=f"127.0.0.{first_ip + i}", timeout=timeout), attempt=2)
                with lock:
                    result.outcomes[i].append(o)

    def killer() -> None:
        while not finished.is_set():
            with lock:
                ready = kill_when(result.flat())
            if ready:
                result.killed_at = time.monotonic()
                victim.kill()
                result.dead_at = time.monotonic()
                victim.start()
                result.back_at = time.monotonic()
                return
            time.sleep(0.05)

    threads = [threading.Thread(target=member, args=(i,), daemon=True) for i in range(n)]
    chaos = threading.Thread(target=killer, daemon=True)
    chaos.start()
    for t in threads:
        t.start()
    deadline = time.monotonic() + timeout * (1 + max(len(q) for q in questions)) + 120
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    finished.set()
    chaos.join(200)
    result.unfinished_members = sum(t.is_alive() for t in threads)
    return result
