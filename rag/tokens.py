"""tiktoken counting that works offline (litellm ships the encodings)."""

from __future__ import annotations

import functools
import importlib.util
import os
from pathlib import Path
from typing import Callable

ENCODING = "cl100k_base"


def _point_tiktoken_at_litellm_copy() -> None:
    # tiktoken downloads encodings on first use, which fails here; litellm bundles them.
    if os.environ.get("TIKTOKEN_CACHE_DIR"):
        return
    spec = importlib.util.find_spec("litellm")
    if spec and spec.origin:
        bundled = Path(spec.origin).parent / "litellm_core_utils" / "tokenizers"
        if bundled.is_dir():
            os.environ["TIKTOKEN_CACHE_DIR"] = str(bundled)


@functools.lru_cache(maxsize=1)
def _encoding():
    _point_tiktoken_at_litellm_copy()
    import tiktoken  # heavy-ish: only when tokens are counted

    return tiktoken.get_encoding(ENCODING)


def tiktoken_counter() -> Callable[[str], int]:
    """A function counting cl100k_base tokens of a text."""
    enc = _encoding()
    return lambda text: len(enc.encode(text, disallowed_special=()))
