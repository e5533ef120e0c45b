"""One Settings object; the environment (RAG_*) is read here and nowhere else."""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from rag.errors import InputError
from rag.settings_checks import checked_base_url, data_dir_apart, expanded_path, index_not_nested, unquoted

ROOT = Path(__file__).resolve().parent.parent
# Best passage cosine of the ranking model under which a question is off the archive's topics, per model:
# between the highest off-topic question's (evals/off-topic.txt) and the lowest answerable calibration
# question's (benchmarks/off_topic_floor.py; EmbeddingGemma 0.252 and 0.284; MiniLM's 0.30 is older, and
# MiniLM's off-topic and answerable cosines overlap).
RELEVANCE_FLOORS = {"minilm": 0.30, "gemma": 0.27}
# A question under the passage floor stays on topic when one sentence is this close (a name alone, "Who is Prince
# Obike?", is far from every whole passage): EmbeddingGemma's best sentence cosine is at most 0.32 for the off-topic
# questions of evals/off-topic.txt, and 0.59 for that one. Not measured for MiniLM: there the floor alone decides.
SENTENCE_FLOORS = {"gemma": 0.45}


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = ROOT / "corpus"
    index_dir: Path = ROOT / "index"
    data_dir: Path = ROOT / ".data"  # feedback log, local model file, runtime state
    # "minilm" (bundled model), "nomic" (nomic-embed-text-v1.5 GGUF), "gemma" (EmbeddingGemma-300M), "hash" (tests),
    # or two as "rank+signal": the default, EmbeddingGemma ranks and chooses quotes, MiniLM's cosines decide refusals
    # (rag/index/embedder_pair.py; measured in docs/evals.md). Another choice needs `rag ingest corpus/ --rebuild`.
    embedder: str = "gemma+minilm"
    embed_model_file: Path | None = None  # the nomic GGUF (default .data/models/; rag/index/embed_model_install.py)
    embed_dim: int = 768  # nomic only: Matryoshka truncation to 512 or 256 numbers per vector
    embed_threads: int = 1  # nomic only: llama.cpp threads; 2 were slower on the shared 2 cores (docs/evals.md)
    gemma_model_dir: Path | None = None  # EmbeddingGemma folder (default .data/models/; rag/index/gemma_install.py)
    # chunking (tiktoken cl100k_base tokens; MiniLM truncates at 256 word pieces)
    chunk_tokens: int = 180
    chunk_overlap: int = 40
    # retrieval
    top_k: int = 10  # hits retrieved
    context_k: int = 8  # passages whose best sentences compete for the prompt (rag/answer/evidence.py)
    evidence_lexical_weight: float = 0.5  # sentence score = this share of term overlap + the rest cosine
    # Quoted sentences (extractive answers, supporting quotes): term overlap's share of the score, the rest cosine.
    # 0.2 chosen on the calibration half (0.5 before): a paraphrase shares few words with its answer (docs/evals.md)
    quote_lexical_weight: float = 0.2
    # Questions each passage answers, written at ingest by this model ("local": the embedded one; "none": no new
    # ones) and matched question-to-question at query time with this weight (rag/index/questions.py).
    question_model: str = "local"
    question_weight: float = 0.2
    # ... and, in choosing quotes, a sentence gains this x (a written question's match) x (its share of that
    # question's terms): 0.2 chosen on the calibration half (docs/evals.md)
    quote_question_weight: float = 0.2
    # ... and after the first quote, a sentence loses this x the share of the question's terms it repeats from the
    # quotes chosen before it, so the next quote answers another part of the question: 0.2 chosen on the calibration
    # half (0.4 and 0.8 lose a calibration answer; docs/evals.md)
    quote_redundancy_weight: float = 0.2
    # ... and a sentence holding an answer of the kind asked (a date for "when", a number for "how many") gains this:
    # calibration answers unchanged at 0.05 and 0.1 (citations on the evidence 0.352 / 0.356), held out +1 (q141)
    quote_typed_weight: float = 0.1
    # With a paired embedder ("gemma+minilm"), the second model's cosine joins the ranking with this share (min-max
    # over the candidates): 0.3 chosen on the calibration half (docs/evals.md)
    signal_rank_weight: float = 0.3
    # ... and a passage's best sentence cosine (ranking model, stored sentence vectors) joins it with this share
    # (min-max over the candidates): a passage holding the one sentence that answers outranks its neighbours on the
    # same topic. 2.0 chosen on the calibration half (0.2-3.0 swept; docs/evals.md)
    sentence_rank_weight: float = 2.0
    # For a question about what is current, or whom to contact (rag.answer.prompts.is_temporal), the newest issue's
    # passages gain this much in the ranking (0.25 / 0.5 / 1.0 swept on the calibration half: MRR 0.813 -> 0.821 /
    # 0.818 / 0.818, answers unchanged; docs/evals.md)
    recency_weight: float = 0.25
    # Searching some issues only: another issue's best passage closer by this cosine is named in a notice
    # (rag.answer.wider; 0.05 chosen on the calibration half, docs/evals.md)
    other_issue_margin: float = 0.05
    evidence_neighbours: int = 1  # sentences kept each side of a chosen one, for context
    fusion_alpha: float = 0.7  # weight of dense against BM25 (both min-max normalised); swept in benchmarks/tune_retrieval.py
    article_weight: float = 0.3  # share of the best same-article score added (swept: 0.2-0.4 plateau)
    # The ranking model's best passage cosine below which a question is off the archive's topics; None: the floor
    # measured for that model (RELEVANCE_FLOORS, benchmarks/off_topic_floor.py).
    min_relevance: float | None = None
    min_sentence_relevance: float | None = None  # None: SENTENCE_FLOORS for the ranking model, if measured
    # Above that floor, refuse when the fitted answerability model (rag/answer/answerability.py) says the passages do
    # not state the answer; weights written by benchmarks/calibrate_refusal.py. Off: the floor alone.
    answerability: bool = True
    answerability_file: Path | None = None  # default: answerability_path, the weights fitted for this embedder
    condense_with_llm: bool = True
    # Ask the LLM "do these passages answer it?" (yes/no) before it answers. Off: the local 1.5B model's
    # P(yes) did not separate answerable from unanswerable dev questions (docs/evals.md).
    answer_check: bool = False
    # After a model's answer, quote up to this many passage sentences that state what it left out.
    supporting_quotes: int = 2
    # LLM
    llm_model: str = "local"  # any litellm model string, "local" or "extractive"
    llm_api_base: str | None = None
    llm_api_key: str | None = None
    llm_timeout: float = 60.0
    llm_retries: int = 2
    llm_fallbacks: tuple[str, ...] = ()
    llm_max_tokens: int = 300
    llm_temperature: float = 0.0  # greedy: the same question gets the same answer, and evals repeat
    # Tokens of passages in the model's prompt: 420 meets the speed targets with the dev sample's answers
    # unchanged (benchmarks/local_llm_speed.py, docs/benchmarks.md). Quoted answers (no model) read nothing,
    # so they choose from more.
    prompt_token_budget: int = 420
    quote_token_budget: int = 560
    local_model: str = "qwen2.5-coder-1.5b"  # or "qwen2.5-coder-0.5b" (faster, weaker): rag/llm/local_model.py
    local_model_file: Path | None = None
    local_port: int = 8765
    # llama.cpp server: threads, prompt batch, prompt-lookup draft tokens (0: off); measured in docs/benchmarks.md
    local_threads: int = 2
    local_batch: int = 512
    local_draft_tokens: int = 0
    # app
    host: str = "127.0.0.1"
    port: int = 7860
    public_base_url: str = ""  # prefix for source links; "" means relative links
    max_question_chars: int = 1000
    rate_per_minute: int = 20
    concurrency: int = 2
    max_queue: int = 30
    auth_file: Path | None = None
    auth: str | None = field(default=None, repr=False)  # "user:password"
    feedback_log: Path | None = None
    # Addresses (or networks, e.g. 10.0.0.0/8) of reverse proxies whose X-Forwarded-For is believed for the
    # per-client rate limit; empty: the header is ignored and each connection's own address counts.
    trusted_proxies: tuple[str, ...] = ()
    # Key that encrypts each member's saved chat in their browser. Empty: one made once and kept in
    # data_dir/chat-key, so a restart keeps saved chats; replicas behind one address must share it.
    chat_secret: str = field(default="", repr=False)
    index_check_s: float = 30.0  # how often the app looks for a newly published or rolled-back index version
    about_tick_s: float = 10.0  # how often the About line asks the model's state (also said as an answer starts, ends)
    # ingest: largest source a magazine issue may have (its text is 100-300 KB, its PDF a few MB)
    max_text_source_kb: int = 1024  # a text/markdown file, and the text extracted from a PDF
    max_pdf_source_mb: int = 32
    max_pdf_pages: int = 1000  # a PDF's pages (an issue has some 20-100)

    @property
    def feedback_path(self) -> Path:
        return self.feedback_log or self.data_dir / "feedback.jsonl"

    @property
    def embed_model_path(self) -> Path:
        return self.embed_model_file or self.data_dir / "models" / "nomic-embed-text-v1.5.f16.gguf"

    @property
    def questions_cache_path(self) -> Path:
        return self.data_dir / "questions.jsonl"

    @property
    def relevance_floor(self) -> float:
        """min_relevance, or the floor measured for the ranking model (the first of a pair such as gemma+minilm)."""
        if self.min_relevance is not None:
            return self.min_relevance
        return RELEVANCE_FLOORS.get(self.embedder.split("+")[0].strip().lower(), 0.30)

    @property
    def sentence_relevance_floor(self) -> float | None:
        """min_sentence_relevance, or the sentence floor measured for the ranking model; None: none measured."""
        if self.min_sentence_relevance is not None:
            return self.min_sentence_relevance
        return SENTENCE_FLOORS.get(self.embedder.split("+")[0].strip().lower())

    @property
    def answerability_path(self) -> Path:
        """The refusal weights fitted for this embedder: answerability.json (MiniLM), answerability-<name>.json."""
        if self.answerability_file:
            return self.answerability_file
        name = "" if self.embedder == "minilm" else "-" + re.sub(r"[^a-z0-9]+", "-", self.embedder.lower())
        return ROOT / "rag" / "answer" / f"answerability{name}.json"

    @property
    def gemma_model_path(self) -> Path:
        return self.gemma_model_dir or self.data_dir / "models" / "embeddinggemma-300m"

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    def __post_init__(self) -> None:
        check_ranges(self)
        object.__setattr__(self, "public_base_url", checked_base_url(self.public_base_url))
        for name in ("llm_model", "question_model"):  # "Extractive", " None", "LOCAL" (tester 33): our own words
            if getattr(self, name).strip().lower() in ("extractive", "none", "local"):
                object.__setattr__(self, name, getattr(self, name).strip().lower())


# What each numeric setting accepts (lowest, highest; None: no bound), checked whenever a Settings is made. A new
# numeric field needs its range here (tests/test_settings.py fails without one).
RANGES: dict[str, tuple[float, float | None]] = {
    "embed_dim": (1, None), "embed_threads": (1, None), "chunk_tokens": (1, None), "chunk_overlap": (0, None),
    "top_k": (1, None), "context_k": (1, None), "evidence_lexical_weight": (0, 1), "quote_lexical_weight": (0, 1),
    "question_weight": (0, None), "quote_question_weight": (0, None), "quote_redundancy_weight": (0, None),
    "quote_typed_weight": (0, None), "signal_rank_weight": (0, None),
    "sentence_rank_weight": (0, None), "recency_weight": (0, None), "other_issue_margin": (0, None),
    "evidence_neighbours": (0, None), "fusion_alpha": (0, 1), "article_weight": (0, None),
    # cosine floors: above 1 no passage passes (tests use 1.01 to make every question fall under the floor)
    "min_relevance": (-1, 2), "min_sentence_relevance": (-1, 2), "supporting_quotes": (0, None),
    "llm_timeout": (0.1, None), "llm_retries": (0, None), "llm_max_tokens": (1, None), "llm_temperature": (0, 2),
    "prompt_token_budget": (1, None), "quote_token_budget": (1, None), "local_port": (0, 65535),
    "local_threads": (1, None), "local_batch": (1, None), "local_draft_tokens": (0, None), "port": (0, 65535),
    "max_question_chars": (1, None), "rate_per_minute": (1, None), "concurrency": (1, None), "max_queue": (1, None),
    "index_check_s": (0.1, None), "about_tick_s": (0.1, None), "max_text_source_kb": (1, None),
    "max_pdf_source_mb": (1, None), "max_pdf_pages": (1, None),
}


def _accepted(name: str, kind: str) -> str:
    """Example: ("top_k", "int") -> "a whole number from 1"."""
    low, high = RANGES.get(name, (None, None))
    what = "a whole number" if kind.startswith("int") else "a number"
    return what + (f" from {low}" if low is not None else "") + (f" to {high}" if high is not None else "")


def check_ranges(settings: Settings) -> None:
    """Every numeric setting of the right type and in its range, else one InputError naming the variable."""
    for f in fields(settings):
        value, kind = getattr(settings, f.name), str(f.type)
        if value is None or f.name not in RANGES:
            continue
        low, high = RANGES[f.name]
        number = isinstance(value, int if kind.startswith("int") else (int, float)) and not isinstance(value, bool)
        if not number or not math.isfinite(value) or value < low or (high is not None and value > high):
            raise InputError(f"RAG_{f.name.upper()}={value!r} is out of range: give {_accepted(f.name, kind)}")
    if settings.chunk_overlap >= settings.chunk_tokens:
        raise InputError(f"RAG_CHUNK_OVERLAP={settings.chunk_overlap} must be below RAG_CHUNK_TOKENS="
                         f"{settings.chunk_tokens}: the overlap is part of each chunk")


def _coerce(name: str, kind: str, raw: str, env):
    """A variable's text as its field's type; text that is not one is an InputError saying what is accepted."""
    if "tuple" in kind:
        return tuple(x.strip() for x in raw.split(",") if x.strip())
    if "Path" in kind:
        if raw != raw.strip() or (len(raw) > 1 and raw[0] == raw[-1] and raw[0] in "\"'"):
            # a .env file read without a shell (docker --env-file) keeps quotes and trailing spaces: `rag status` said
            # "no index at "/srv/index"", and `rag ingest` built a second index there, one the app never serves
            raise InputError(f"RAG_{name.upper()}={raw!r} has quote marks or spaces around the path: write the path "
                             f"alone, RAG_{name.upper()}={raw.strip().strip(chr(34) + chr(39)).strip()} (a .env file "
                             "read without a shell keeps them as part of the name)")
        # "~/idx" and "$HOME/idx" as a shell reads them: from a .env file they reached us as typed, and an ingest made
        # a folder named "~" (or "$HOME") in the working directory (testers' finds: a trap for a later "rm -rf ~")
        return expanded_path(f"RAG_{name.upper()}", raw, env)
    if kind.startswith("bool"):
        if raw.strip().lower() not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
            raise InputError(f"RAG_{name.upper()}={raw!r} is not yes or no: give true or false")
        return raw.strip().lower() in ("1", "true", "yes", "on")
    try:
        if kind.startswith("int"):
            return int(raw)
        if kind.startswith("float"):
            return float(raw)
    except ValueError:
        what = "a whole number" if kind.startswith("int") else "a number"
        raise InputError(f"RAG_{name.upper()}={raw!r} is not {what}: give {_accepted(name, kind)}") from None
    return raw


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Settings from RAG_<FIELD> variables (plus GRADIO_SERVER_PORT/NAME, as Gradio users expect)."""
    env = os.environ if environ is None else environ
    changes = {}
    for f in fields(Settings):
        raw = env.get(name := "RAG_" + f.name.upper())
        unset_why = f"a line {name}= with nothing after it in a .env file, or an unset shell variable?"
        if raw == "" and isinstance(f.default, Path):  # RAG_INDEX_DIR= in a .env, or "${INDEX}" unset: read as unset,
            # so `rag ingest` wrote the default, the committed index/ (tester 32)
            raise InputError(f"{name} is set but empty ({unset_why}): give the folder, or remove the setting (unset "
                             f"{name}) to use the default, {f.default}")
        if raw is not None and not raw.strip() and f.name in ("auth", "auth_file"):  # was no login, said nowhere
            raise InputError(f"{name} is set but blank ({unset_why}), so the app would ask for no login: give "
                             f"{'user:password' if f.name == 'auth' else 'a file of user:password lines'}, or remove "
                             f"the setting (unset {name}) to run the app without a login")
        if raw not in (None, ""):
            if "Path" not in str(f.type):  # a path's quotes are said by _coerce, with its spaces
                unquoted(name, raw, secret=f.repr is False or f.name.endswith("api_key"))
            changes[f.name] = _coerce(f.name, str(f.type), raw, env)
    if "port" not in changes and env.get("GRADIO_SERVER_PORT"):
        raw = env["GRADIO_SERVER_PORT"].strip()
        if not raw.isdigit() or int(raw) > 65535:
            raise InputError(f"GRADIO_SERVER_PORT={raw!r} is not a port: give {_accepted('port', 'int')}")
        changes["port"] = int(raw)
    if "host" not in changes and env.get("GRADIO_SERVER_NAME"):
        changes["host"] = env["GRADIO_SERVER_NAME"]
    settings = Settings(**changes)
    if settings.answerability_file and not settings.answerability_file.is_file():  # was silently no refusal model
        raise InputError(f"RAG_ANSWERABILITY_FILE={settings.answerability_file} is not a file: give a refusal weights "
                         "file (rag/answer/answerability*.json, written by benchmarks/calibrate_refusal.py), or unset "
                         "it to use the weights fitted for RAG_EMBEDDER")
    data_dir_apart(changes.get("data_dir"), settings.index_dir, settings.corpus_dir, settings.feedback_log)
    index_not_nested(settings.index_dir)
    if settings.index_dir.exists() and not settings.index_dir.is_dir():
        raise InputError(f"RAG_INDEX_DIR={settings.index_dir} is a file, not a folder: point it at the index folder "
                         f"(the default is {ROOT / 'index'}), or at a new folder for `rag ingest` to make")
    return settings
