# dlcompare: two commands get you going —
#   make serve   set up .venv if needed, then serve the site at http://127.0.0.1:8000/dlcompare/
#   make test    set up .venv if needed, then run every check CI runs
#
# Everything installs into ./.venv (created here) from exact pins; nothing global.
# Every workflow goes through these targets, so what to install, and from where,
# is said once, here. `make help` lists every target (its `## ` comment).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/python -m pip
# apt-get for the system packages (Chromium, bubblewrap): as root here, sudo elsewhere.
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# PyPI's torch wheel for Linux is the multi-GB CUDA build; the CPU build of the same
# pinned version (2.x.y+cpu, which pip prefers) comes from PyTorch's own index. GPU
# machines use `make setup-gpu` instead (mk/gpu.mk: the CUDA builds from a lock).
# Passed as an option, not PIP_EXTRA_INDEX_URL, so pip.conf's own indexes still count.
# Only on GitHub's runners by default: machines that reach PyPI alone (this project's
# own, whose pip configuration finds the CPU wheel on disk) would wait on retries for
# an index they cannot reach. Elsewhere: `make setup TORCH_INDEX=<index URL>`.
TORCH_INDEX    ?= $(if $(GITHUB_ACTIONS),https://download.pytorch.org/whl/cpu)
PIP_INDEX_OPTS ?= $(if $(TORCH_INDEX),--extra-index-url $(TORCH_INDEX))

.PHONY: help setup setup-core serve build test test-except-snippets test-fast lint-code snippets snippets-check records-merge lint records check canary clean

help: ## list every target (this list)
	@awk -F':.*## ' '/^[A-Za-z0-9_-]+:.*## / { printf "make %-20s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

# The stamp is rebuilt whenever the pins change, so `make test` after a pull just works.
$(STAMP): pyproject.toml requirements/constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet $(PIP_INDEX_OPTS) -c requirements/constraints.txt -e ".[frameworks,dev]"
	@touch $(STAMP)

# Only the package (no frameworks): for workflow jobs that just read data/.
setup-core: ## install dlcompare alone into .venv (no frameworks; reads data only)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet -c requirements/constraints.txt -e .

setup: $(STAMP) ## create .venv and install the pinned project (CPU torch unless TORCH_INDEX=)

serve: setup ## serve the site at http://127.0.0.1:8000/dlcompare/ (live reload; writes no site/)
	$(BIN)/mkdocs serve

build: setup ## strict site build into site/; a failed build leaves the previous site/ as it was
	$(BIN)/dlcompare build

# ruff and mypy are configured in pyproject.toml; this is the fast first gate of `make test`.
lint-code: setup ## ruff format --check, ruff check, mypy (strict) and the import layers
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-logo

# Committed records must match the committed programs: checked before the run below
# rewrites them, so CI catches a contributor who forgot to commit data/runs/.
records: setup ## fail if a committed run record is stale or missing
	$(BIN)/dlcompare records

check: setup ## lint data/ (facts, sources, claims) and run the fact checks
	$(BIN)/dlcompare check

lint: records check ## records + check: the committed data only (fast)

# CI splits the example programs across machines (README, "How CI works"):
# `make snippets-check SHARD=2/4` runs shard 2 of 4 and leaves its records in
# SHARD_DIR (default .cache/shards/<device>-K-of-N) instead of data/runs/;
# `make records-merge SHARD_DIRS="a b c d"` combines the folders. Empty SHARD: the
# whole suite, as before.
SHARD      ?=
SHARD_DIR  ?=
SHARD_ARGS  = $(if $(SHARD),--shard $(SHARD)) $(if $(SHARD_DIR),--shard-dir $(SHARD_DIR))
SHARD_DIRS ?=
MERGE_ARGS ?=

snippets: setup ## run the example programs on CPU and refresh data/runs/
	$(BIN)/dlcompare run --device cpu --retries 1

# Runs every program (the cache in .cache/ skips unchanged ones locally; CI has none) and
# compares each result with its committed record: any drift a reader would see fails,
# and nothing under data/ is rewritten. `make snippets` is the command that rewrites.
snippets-check: setup ## run every program, fail on drift from data/runs/ (writes nothing)
	$(BIN)/dlcompare run --device cpu --retries 1 --check $(SHARD_ARGS)

# No setup prerequisite: the merge reads JSON only, so a job that ran `make setup-core`
# (no frameworks) can merge too.
records-merge: ## combine shard folders (SHARD_DIRS) into data/runs/; MERGE_ARGS=--check compares
	$(BIN)/dlcompare records merge $(MERGE_ARGS) $(SHARD_DIRS)

# lint-code is listed first: it takes seconds, the rest takes minutes.
PYTEST_ALL = $(BIN)/python -m pytest -n auto --codeblocks tests docs
test: lint-code lint snippets-check notebooks ## every check CI runs (code lint, data lint, snippets, notebooks, unit, browser, build)
	$(PYTEST_ALL)

# CI's `checks` job: `make test` without snippets-check, which CI runs as a matrix
# of shards (`make snippets-check SHARD=K/N`) beside it.
test-except-snippets: lint-code lint notebooks browser sandbox ## make test without the example programs (CI runs those as shards)
	$(PYTEST_ALL)

test-fast: setup ## the unit tests without the slow ones (no framework runs, no site build)
	$(BIN)/python -m pytest -n auto -m "not slow" tests

# Canary: upgrade the frameworks past the pins, run every program without the cache,
# and leave a Markdown report for the workflow to post as an issue.
canary: setup ## newest framework releases instead of the pins (the weekly canary)
	$(PIP) install --quiet $(PIP_INDEX_OPTS) --upgrade torch tensorflow keras jax jaxlib
	$(BIN)/dlcompare run --device cpu --no-cache --no-records --report canary-report.md

clean: ## remove built and cached files (site/, .cache/, .pytest_cache/)
	rm -rf site site.tmp-* site.old-* .cache .pytest_cache

# Feature-specific targets live beside the main file.
-include mk/*.mk
