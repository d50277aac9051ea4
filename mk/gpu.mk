# The GPU path (issue 17): the CUDA builds of the pinned frameworks, a pre-flight that
# proves each framework sees the GPU, and the example programs on CUDA. Included from
# the Makefile (defines VENV, BIN, PIP, STAMP and `setup`).
#
#   make setup-gpu   install the project with requirements/gpu.txt: torch's CUDA wheel,
#                    tensorflow[and-cuda], jax[cuda12] (several GB; needs PyPI and
#                    download.pytorch.org)
#   make preflight   each framework (Keras on every backend) must place a tensor on the
#                    GPU; exit 1 with one line per framework that cannot
#   make test-gpu    every example program with --device cuda → data/runs/cuda/
#
# On a maintainer's own GPU machine: `make setup-gpu && make preflight && make test-gpu`
# (preflight and test-gpu install the lock first if it is not installed yet). The CPU
# setup and the GPU one share .venv: setup-gpu swaps the CUDA builds in place, and a
# later `make setup` keeps them (they satisfy the same pins). preflight-dry-run needs
# no GPU and installs nothing: it checks the lock and must then fail with "no GPU".

GPU_LOCK  := requirements/gpu.txt
GPU_STAMP := $(VENV)/.installed-gpu

.PHONY: setup-gpu preflight preflight-dry-run test-gpu

# One pip call, so the resolver sees the CUDA builds and the project's pins together;
# the lock carries PyTorch's cu126 index itself. Both stamps are touched: the CPU
# target must not then reinstall over the CUDA builds.
$(GPU_STAMP): pyproject.toml requirements/constraints.txt $(GPU_LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c requirements/constraints.txt -r $(GPU_LOCK) -e ".[frameworks,dev]"
	@touch $(STAMP) $(GPU_STAMP)

setup-gpu: $(GPU_STAMP) ## install the project with the CUDA builds of the frameworks (requirements/gpu.txt)

preflight: setup-gpu ## prove each framework sees the GPU and places a tensor on it (exit 1 if not)
	$(BIN)/dlcompare gpu preflight

preflight-dry-run: setup ## check the GPU lock against the pins, then the GPU checks (fail here: no GPU)
	$(BIN)/dlcompare gpu preflight --dry-run

test-gpu: setup-gpu ## run the example programs with --device cuda (GPU machines)
	$(BIN)/dlcompare run --device cuda --retries 1 $(SHARD_ARGS)
