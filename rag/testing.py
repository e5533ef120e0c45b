"""Deterministic fakes shared by tests and offline runs: no weights, no network."""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from rag.errors import LLMError

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("a an and are as at be by for from has have in is it its of on or that the this to was were will with".split())


class HashEmbedder:
    """Bag of hashed words and bigrams: texts sharing words score higher, so rankings mean something."""

    name = "hash-embedder-v1"

    def __init__(self, dim: int = 256):
        self.dim = dim
        self.calls = 0  # texts embedded so far (tests check incremental builds with it)

    def _vector(self, text: str) -> np.ndarray:
        words = [w for w in _WORD.findall(text.lower()) if w not in _STOP]
        vec = np.zeros(self.dim, dtype=np.float32)
        for feature in words + [f"{a} {b}" for a, b in zip(words, words[1:])]:
            h = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "little")
            vec[h % self.dim] += 1.0 if (h >> 40) & 1 else -1.0
        norm = np.linalg.norm(vec)
        return vec / norm if norm else vec

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += len(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


class SlowEmbedder(HashEmbedder):
    """A HashEmbedder that announces it has started (a file appears) and then takes its time."""

    def __init__(self, started_flag: Path, seconds: float, dim: int = 256):
        super().__init__(dim)
        self.started_flag = started_flag
        self.seconds = seconds

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        self.started_flag.write_text("started")
        time.sleep(self.seconds)
        return super().embed_documents(texts)


class ScriptedLLM:
    """Replies from a script (strings, or exceptions to raise), recording every prompt it was sent."""

    def __init__(self, replies: Sequence[str | Exception] = (), model: str = "scripted", responder=None):
        self.model = model
        self.replies = list(replies)
        self.responder = responder  # fallback: a function messages -> reply text
        self.calls: list[list[dict]] = []

    def stream(self, messages: list[dict]) -> Iterator[str]:
        self.calls.append(messages)
        if self.replies:
            reply = self.replies.pop(0)
        elif self.responder:
            reply = self.responder(messages)
        else:
            raise LLMError("ScriptedLLM has no reply left")
        if isinstance(reply, Exception):
            raise reply
        for i in range(0, len(reply), 7):
            yield reply[i : i + 7]
