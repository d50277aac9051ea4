# Framework benchmark (issues 9, 17): the same models in every framework, each run in a
# fresh process, threads pinned, configurations interleaved over 2 rounds of 8 timed
# repetitions. Included from the Makefile (defines BIN and `setup`).
#
#   make bench         full run → data/bench/cpu.json (run it on a quiet machine)
#   make bench-quick   smoke run on tiny data → .cache/bench-quick.json (not committed)
#
# GPU machine: $(BIN)/dlcompare bench --device cuda writes data/bench/cuda.json
# (it stops with "no GPU" where there is none).

BENCH_ARGS ?=

.PHONY: bench bench-quick

bench: setup ## framework benchmark → data/bench/cpu.json (quiet machine; see docs/benchmarks.md)
	$(BIN)/dlcompare bench --label cpu $(BENCH_ARGS)

bench-quick: setup ## benchmark smoke run on tiny data → .cache/bench-quick.json
	$(BIN)/dlcompare bench --quick --workload mlp --out .cache/bench-quick.json $(BENCH_ARGS)
