# Framework benchmark (issue 9): the same models in every framework, each workload in a
# fresh process, threads pinned. Included from the Makefile (defines BIN and `setup`).
#
#   make bench         full run → data/bench/cpu.json (about 10 minutes on 2 cores)
#   make bench-quick   smoke run on tiny data → .cache/bench-quick.json (not committed)
#
# GPU runner: $(BIN)/python -m dlcompare.bench --label cuda writes data/bench/cuda.json.

BENCH_ARGS ?=

.PHONY: bench bench-quick

bench: setup
	$(BIN)/python -m dlcompare.bench --label cpu $(BENCH_ARGS)

bench-quick: setup
	$(BIN)/python -m dlcompare.bench --quick --workload mlp --out .cache/bench-quick.json $(BENCH_ARGS)
