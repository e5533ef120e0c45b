"""The project's few exceptions; each message says what to do next."""


class RagError(Exception):
    """Base class: the CLI and the app turn these into user-facing text."""


class InputError(RagError):
    """A source file, issue folder or question that cannot be used as given."""


class IndexUnavailable(RagError):
    """The published index is missing, corrupt or built by another embedder."""


class LLMError(RagError):
    """The language model failed, timed out or broke mid-stream."""
