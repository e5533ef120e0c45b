"""Healthcare Manager archive assistant: cited answers from MiP's magazine."""

__version__ = "0.1.0"
