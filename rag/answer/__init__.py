"""Stage 3, question -> cited answer: hybrid retrieval, the answerability decision, evidence selection,
prompts, the model's or the quoted (extractive) answer, citation checks and sanitising; `pipeline`
is the one answering pipeline the CLI, the app and the evaluations share.

Takes: a question (and earlier turns) and a `LoadedIndex`. Gives: an `Answer` with numbered citations.
Imports rag.index, rag.llm and top-level helpers.
"""
