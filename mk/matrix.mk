# Release matrix (issue 14): every example and fact check against several releases of
# each framework, one cached environment per release under .cache/matrix/envs/.
#
#   make matrix          run only cells whose program (sha256) or environment changed;
#                        with nothing changed it executes no program
#   make matrix-check    the same, failing if any cell had to run (proves the cache)
#   make matrix-clean    remove the cached environments
#   make matrix-merge    copy the release jobs' reports (MATRIX_DIRS) into data/compat/,
#                        failing on a report no job or two jobs produced (compat.yml)
#   make releases        refresh data/releases/ from PyPI (network)
#
# MATRIX_ARGS passes options through, e.g. MATRIX_ARGS="--framework keras --version 3.10".

MATRIX_ARGS ?=

.PHONY: matrix matrix-check matrix-clean matrix-merge releases

export TORCH_INDEX

matrix: setup ## run the release matrix: only cells whose program or environment changed
	$(BIN)/dlcompare matrix $(MATRIX_ARGS)

matrix-check: setup ## the matrix, failing if any cell had to run (proves the cache)
	$(BIN)/dlcompare matrix --max-executed 0 $(MATRIX_ARGS)

matrix-clean: setup ## remove the cached release environments (.cache/matrix/envs/)
	$(BIN)/dlcompare matrix clean

# No setup prerequisite: reads the registry and JSON only, after `make setup-core`.
MATRIX_DIRS ?=
matrix-merge: ## copy the release jobs' reports (MATRIX_DIRS) into data/compat/; fails on gaps and duplicates
	$(BIN)/dlcompare matrix merge $(MATRIX_DIRS)

releases: setup ## refresh data/releases/ from PyPI (needs the network)
	$(BIN)/dlcompare releases refresh
