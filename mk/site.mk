# Reader-experience targets (issue 7): the browser the tests drive, screenshots,
# link checks and the weight/speed report. Included from the Makefile, which
# defines BIN (the venv's bin folder) and the `setup` target.
#
#   make browser             install Debian's Chromium when there is none (idempotent)
#   make screenshots         PNGs of the site for the README → docs/assets/screenshots/
#   make linkcheck           strict build + every internal link and anchor; lists external links
#   make linkcheck-external  … and fetch every external link (network: the weekly canary)
#   make bench-site          page weights, search index, build-time ratio (+ Lighthouse) → data/bench/site.json
#   make lighthouse          install Lighthouse into .cache/node (optional; used by bench-site)

CHROMIUM        ?= /usr/bin/chromium
LIGHTHOUSE_VER  ?= 12.8.2
SCREENSHOTS_DIR ?= docs/assets/screenshots
SITE_BENCH_JSON ?= data/bench/site.json
EXTERNAL_LINKS  ?= .cache/external-links.txt
LIGHTHOUSE_RUNS ?= 1

.PHONY: browser screenshots linkcheck linkcheck-external bench-site lighthouse

# `make test` runs the browser tests, so a fresh machine must get Chromium first:
# this adds the prerequisite (no recipe here; the Makefile's `test` is unchanged).
test: browser

# The browser tests fail (never skip) without Chromium; this is the fix they name.
browser: ## install Debian's Chromium when there is none (idempotent)
	@if [ -n "$$DLCOMPARE_CHROMIUM" ] && [ -x "$$DLCOMPARE_CHROMIUM" ]; then \
	  echo "Chromium: $$DLCOMPARE_CHROMIUM (DLCOMPARE_CHROMIUM)"; \
	elif [ -x "$(CHROMIUM)" ]; then \
	  echo "Chromium: $(CHROMIUM)"; \
	elif command -v chromium >/dev/null 2>&1; then \
	  echo "Chromium: $$(command -v chromium)"; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's chromium package (Playwright's own browser download is not used)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium && \
	  chromium --version; \
	else \
	  echo "No Chromium and no apt-get: install Chromium or Chrome and set DLCOMPARE_CHROMIUM=/path/to/it" >&2; \
	  exit 1; \
	fi

screenshots: setup browser ## PNGs of the site for the README → docs/assets/screenshots/
	$(BIN)/dlcompare screenshots --out $(SCREENSHOTS_DIR)

linkcheck: build ## strict build + every internal link and anchor; lists external links
	@mkdir -p $(dir $(EXTERNAL_LINKS))
	$(BIN)/dlcompare linkcheck site --external-list $(EXTERNAL_LINKS)
	@echo "external links (checked only by make linkcheck-external): $(EXTERNAL_LINKS)"

linkcheck-external: build ## … and fetch every external link (network: the weekly canary)
	@mkdir -p $(dir $(EXTERNAL_LINKS))
	$(BIN)/dlcompare linkcheck site --external-list $(EXTERNAL_LINKS) --check-external

bench-site: setup browser ## page weights, search index, build-time ratio → data/bench/site.json
	$(BIN)/dlcompare site-bench --json $(SITE_BENCH_JSON) --lighthouse-runs $(LIGHTHOUSE_RUNS)

# Optional: needs node and npm. 12.8.x is the newest Lighthouse that runs on Node 20.
lighthouse: ## install Lighthouse into .cache/node (optional; used by bench-site)
	@command -v npm >/dev/null 2>&1 || { echo "npm not found: apt-get install -y nodejs npm" >&2; exit 1; }
	npm install --prefix .cache/node --no-audit --no-fund --loglevel=error lighthouse@$(LIGHTHOUSE_VER)
	@.cache/node/node_modules/.bin/lighthouse --version
