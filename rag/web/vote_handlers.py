"""The chat's vote and comment handlers (a part of rag.web.chat_handlers.ChatHandlers), and the chat's redraw."""

# Handlers take and return Gradio updates, so gradio is imported at the top: only the app imports this module.
import gradio as gr

from rag.web.access import client_key
from rag.web.chat_render import message_html, messages, votes
from rag.web.feedback_log import MAX_COMMENT_CHARS, append_feedback, comment_too_long, feedback_record
from rag.web.limits import sendable

STOPPED_VOTE = "This answer was stopped before it was finished, so it cannot be rated: ask again for a full answer."


def chat_update(turns: list):
    """The Chatbot's messages and its pressed vote buttons, kept in step (a stale list would press new answers)."""
    return gr.update(value=messages(turns), feedback_value=votes(turns))


class VoteHandlers:
    """Thumbs and the optional comment on a finished answer; needs self.settings and self.feedback_limiter."""

    def vote(self, turns: list, evt: gr.LikeData, request: gr.Request):
        """Record one vote for one answer (changeable; pressing it again withdraws it).

        Returns (chat, status, turns, comment row, answer id)."""
        turns = list(turns or [])
        index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        k = int(index) // 2
        if not 0 <= k < len(turns) or turns[k].get("state") not in ("done", "refused"):
            stopped = 0 <= k < len(turns) and turns[k].get("state") == "stopped"  # it will never be finished
            why = STOPPED_VOTE if stopped else "You can rate an answer once it is finished."
            return chat_update(turns), message_html(why), turns, gr.update(visible=False), None
        if not self.feedback_limiter.allow(client_key(request)):
            busy = message_html("Too much feedback at once. Please wait a minute.")
            return chat_update(turns), busy, turns, gr.skip(), None
        rating = {True: "up", False: "down"}.get(evt.liked, "none")
        turn = turns[k]
        turn["vote"] = None if rating == "none" else rating
        append_feedback(self.settings.feedback_path,
                        feedback_record(turn.get("trace") or {}, rating=rating, answer_id=turn["id"]))
        if rating == "none":
            withdrawn = message_html("Your vote was withdrawn.", "note")
            return chat_update(turns), withdrawn, turns, gr.update(visible=False), None
        return (chat_update(turns), message_html("Thank you: your vote was recorded for staff to review.", "note"),
                turns, gr.update(visible=True), turn["id"])

    def comment(self, text: str, answer_id: str | None, turns: list, request: gr.Request):
        """The optional comment on the answer just voted on, recorded with that vote."""
        text = sendable(text)
        turn = next((t for t in turns or [] if t.get("id") == answer_id and t.get("vote")), None)
        if turn is None:
            return message_html("Rate an answer first, then add a comment."), text, gr.skip()
        if len(text.strip()) > MAX_COMMENT_CHARS:  # it was cut to its first 2,000 characters without a word (a walk)
            return message_html(comment_too_long(len(text.strip()))), text, gr.skip()
        if not self.feedback_limiter.allow(client_key(request)):
            return message_html("Too much feedback at once. Please wait a minute."), text, gr.skip()
        append_feedback(self.settings.feedback_path, feedback_record(
            turn.get("trace") or {}, rating=turn["vote"], comment=text, answer_id=turn["id"]))
        return message_html("Thank you: your comment was recorded.", "note"), "", gr.update(visible=False)
