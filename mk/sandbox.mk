# The sandbox every example program runs in (issue 12): bubblewrap (`bwrap`), which
# needs unprivileged user namespaces. Included from the Makefile.
#
#   make sandbox   install Debian/Ubuntu's bubblewrap when bwrap is missing (idempotent),
#                  then check that it can create its namespaces here
#
# Ubuntu ≥ 23.10 (GitHub's ubuntu-24.04 runners included) restricts unprivileged
# user namespaces through AppArmor, and bwrap then fails with "setting up uid map:
# Permission denied". The fix is Ubuntu's own switch (sudo sysctl -w
# kernel.apparmor_restrict_unprivileged_userns=0, see
# https://ubuntu.com/blog/ubuntu-23-10-restricted-unprivileged-user-namespaces and
# containers/bubblewrap#632), or an AppArmor profile granting `userns` to
# /usr/bin/bwrap (Ubuntu 25.04 ships one, bwrap-userns-restrict). ci.yml applies the
# sysctl before `make test`; the probe below names the fix when it is missing.

BWRAP ?= bwrap

.PHONY: sandbox

# Every target that executes programs (examples, fact checks, notebooks, benchmarks,
# the build, which executes notebooks missing from the cache)
# runs them inside the sandbox, so a fresh machine gets it first (no recipe here).
snippets snippets-check test-gpu preflight preflight-dry-run check notebooks notebooks-force bench bench-quick canary build matrix matrix-check test: sandbox

sandbox: ## install bubblewrap when bwrap is missing (idempotent) and check it works here
	@if command -v $(BWRAP) >/dev/null 2>&1; then \
	  echo "bubblewrap: $$(command -v $(BWRAP)) ($$($(BWRAP) --version))"; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing the bubblewrap package (the sandbox of every example program)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends bubblewrap && \
	  $(BWRAP) --version; \
	else \
	  echo "No bwrap and no apt-get: install bubblewrap (https://github.com/containers/bubblewrap) or set BWRAP=/path/to/bwrap" >&2; \
	  exit 1; \
	fi
	@$(BWRAP) --unshare-all --die-with-parent --ro-bind / / true 2>/dev/null || { \
	  echo "bwrap cannot create its namespaces on this machine: $$($(BWRAP) --unshare-all --ro-bind / / true 2>&1)" >&2; \
	  echo "On Ubuntu >= 23.10 run: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 (see mk/sandbox.mk)" >&2; \
	  exit 1; }
