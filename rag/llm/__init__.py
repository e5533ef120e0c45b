"""Generative models: the litellm adapter every model goes through (streaming, timeouts, fallbacks,
which model answers now), the embedded local model's parts, and its llama.cpp server.

Takes: a prompt (messages). Gives: streamed text or a clear error. Imports top-level helpers only.
"""
