"""Beside the stages: scoring answers against the evaluation set, the runner, the HTML report for staff,
and thumbs-down feedback turned into draft evaluation items.

Takes: question items and an `ask` callable (the pipeline). Gives: results, summaries, baseline checks.
Imports rag.answer's values and top-level helpers; nothing in the stages imports it.
"""
