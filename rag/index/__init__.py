"""Stage 2, articles -> chunks and vectors -> versions on disk: chunking, the embedders, BM25, the version
store (the only writer of index/, and its reader), the issue folders an ingest reads, and ingest, which ties
them together.

Takes: articles from rag.corpus. Gives: a verified, published, read-only `LoadedIndex` (chunks, FAISS, BM25,
sentence vectors). Imports rag.corpus and top-level helpers only.
"""
