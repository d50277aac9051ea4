# Framework benchmark (issue 9): the same models in every framework, each workload in a
# fresh process, threads pinned. Included from the Makefile (defines BIN and `setup`).
#
#   make bench         full run → data/bench/cpu.json (about 10 minutes on 2 cores)
#   make bench-quick   smoke run on tiny data → .cache/bench-quick.json (not committed)
#
# GPU runner: $(BIN)/dlcompare bench --label cuda writes data/bench/cuda.json.

BENCH_ARGS ?=

.PHONY: bench bench-quick

bench: setup ## framework benchmark → data/bench/cpu.json (about 10 minutes)
	$(BIN)/dlcompare bench --label cpu $(BENCH_ARGS)

bench-quick: setup ## benchmark smoke run on tiny data → .cache/bench-quick.json
	$(BIN)/dlcompare bench --quick --workload mlp --out .cache/bench-quick.json $(BENCH_ARGS)
