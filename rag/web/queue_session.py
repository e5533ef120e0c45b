"""The answer's stream for a session this replica does not hold: a real HTTP 404, so a proxy can try the next replica.

Gradio answers GET /gradio_api/queue/data?session_hash=... for a session it never saw with 200 and then a
server-sent "session_not_found" message: the status says nothing a proxy can act on. Behind nginx with several
replicas (deploy/nginx.conf) a member's join can reach one replica and the stream another (the first was down
at the join and back at the stream), so the stream must say so in its status: nginx then tries the other
replica, which holds the session. A browser treats a 404 here as it treated the message: the connection is lost.
"""

from urllib.parse import parse_qs

QUEUE_DATA = "/gradio_api/queue/data"


class UnknownSessionIs404:
    """ASGI middleware: 404 before any stream starts for a queue/data request naming a session not held here."""

    def __init__(self, app, blocks):
        self.app, self.blocks = app, blocks

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"].endswith(QUEUE_DATA):
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            session = (query.get("session_hash") or [""])[0]
            # The same table Gradio's own route reads (Queue.pending_messages_per_session, filled by the join).
            held = getattr(getattr(self.blocks, "_queue", None), "pending_messages_per_session", None)
            if held is not None and session not in held:
                body = b'{"detail": "session not found on this replica"}'
                await send({"type": "http.response.start", "status": 404,
                            "headers": [(b"content-type", b"application/json"),
                                        (b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
