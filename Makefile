# dlcompare: two commands get you going —
#   make serve   set up .venv if needed, then serve the site at http://127.0.0.1:8000/dlcompare/
#   make test    set up .venv if needed, then run every check CI runs
#
# Everything installs into ./.venv (created here) from exact pins; nothing global.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/python -m pip
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help setup serve build test test-fast snippets test-gpu lint records check bench canary clean

help:
	@echo "make serve      set up and serve the site locally"
	@echo "make test       every test CI runs (records, data lint, snippets, unit, build)"
	@echo "make snippets   run the example programs on CPU and refresh data/runs/"
	@echo "make test-gpu   run the example programs with --device cuda (GPU runner)"
	@echo "make build      strict site build into site/"
	@echo "make lint       committed run records and data/ only (fast)"
	@echo "make canary     newest framework releases instead of the pins (CI canary)"

# The stamp is rebuilt whenever the pins change, so `make test` after a pull just works.
$(STAMP): pyproject.toml requirements/constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c requirements/constraints.txt -e ".[frameworks,dev]"
	@touch $(STAMP)

setup: $(STAMP)

serve: setup
	$(BIN)/mkdocs serve

build: setup
	$(BIN)/mkdocs build --strict

# Committed records must match the committed programs: checked before the run below
# rewrites them, so CI catches a contributor who forgot to commit data/runs/.
records: setup
	$(BIN)/dlcompare records

check: setup
	$(BIN)/dlcompare check

lint: records check

snippets: setup
	$(BIN)/dlcompare run --device cpu --retries 1

test-gpu: setup
	$(BIN)/dlcompare run --device cuda --retries 1

test: lint snippets notebooks
	$(BIN)/python -m pytest -n auto --dist loadgroup --codeblocks tests docs

test-fast: setup
	$(BIN)/python -m pytest -n auto -m "not slow" tests

# Canary: upgrade the frameworks past the pins, run every program without the cache,
# and leave a Markdown report for the workflow to post as an issue.
canary: setup
	$(PIP) install --quiet --upgrade torch tensorflow keras jax jaxlib
	$(BIN)/dlcompare run --device cpu --no-cache --no-records --report canary-report.md

clean:
	rm -rf site .cache .pytest_cache

# Feature-specific targets live beside the main file.
-include mk/*.mk
