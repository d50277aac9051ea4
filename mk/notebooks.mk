# Notebooks: docs/notebooks/*.nb.py (jupytext percent format), executed in a fresh
# `dlcompare` Jupyter kernel by dlcompare's runner. Executed copies live only in
# .cache/dlcompare/ (keyed by source + environment), so an unchanged notebook is
# never executed twice and no output is ever committed.
#
#   make notebooks         execute what changed, reuse the rest; fails on any error
#   make notebooks-force   execute every notebook, ignoring the cache
#   make serve-notebooks   `make serve`, but executing notebooks instead of previewing
#
# `make serve` previews notebooks without executing them (cached outputs when they
# match the source); `mkdocs build` executes whatever is missing, so the published
# site never shows a notebook without its outputs.

.PHONY: notebooks notebooks-force serve-notebooks

notebooks: setup ## execute the notebooks that changed (cached); fails on any error
	$(BIN)/dlcompare notebooks

notebooks-force: setup ## execute every notebook, ignoring the cache
	$(BIN)/dlcompare notebooks --no-cache

serve-notebooks: setup ## make serve, executing notebooks instead of previewing them
	DLCOMPARE_NOTEBOOKS=execute $(BIN)/mkdocs serve
