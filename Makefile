# Two commands on a fresh Debian machine with Python 3.11:
#   make serve   set up, build the example site (sites/lang-son), serve it at http://127.0.0.1:8000
#   make test    set up (Python packages, Chromium, nginx) and run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The site the targets work on: the Lạng Sơn example (another site: make serve SITE=...).
SITE ?= sites/lang-son
THADS = $(abspath $(BIN))/thads -C $(SITE)
OUTPUT ?= output
# make serve PORT=8080: another port (a busy one is replaced by the next free one).
PORT ?= 8000

.PHONY: serve edit cms-server build check cadence publish rollback test bench lint format lock wheel system-deps clean

# The locked dependencies, then the engine itself (editable: `thads` runs this checkout).
$(BIN)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python scripts/fetch-vendor
	touch $@

serve: $(BIN)/.installed
	$(THADS) serve --output $(OUTPUT) --port $(PORT)

# Editing in the browser on this machine: the preview plus /quan-tri/ saving into $(SITE).
edit: $(BIN)/.installed
	$(THADS) edit --output $(OUTPUT) --port $(PORT)

# The editing interface's local server (decap-server), from its lockfile.
cms-server: $(BIN)/.installed
	$(BIN)/thads edit --install

# Working build: Pelican's content cache and the page cache (the site's cache/noi-dung) skip
# what did not change. Releases (make publish) are always built from scratch.
build: $(BIN)/.installed
	$(THADS) build --output $(OUTPUT)

# Check content and data without building (thads check --fix repairs encodings).
check: $(BIN)/.installed
	$(THADS) check

cadence: $(BIN)/.installed
	$(THADS) cadence

# Build a release into the site's releases/ and switch releases/live to it atomically.
publish: $(BIN)/.installed
	$(THADS) publish

rollback: $(BIN)/.installed
	$(THADS) rollback

# The engine as a wheel in dist/ (what a province installs).
wheel: $(BIN)/.installed
	$(BIN)/python scripts/fetch-vendor
	rm -rf dist build
	$(BIN)/pip wheel --quiet --no-deps --no-build-isolation -w dist .

# Benchmarks print figures against the targets (minutes; not part of the tests).
bench: $(BIN)/.installed system-deps
	$(BIN)/python scripts/bench_build.py
	$(BIN)/python scripts/bench_search.py

system-deps: $(BIN)/.installed
	bash scripts/install-system-deps
	$(BIN)/python scripts/fetch-vendor

test: $(BIN)/.installed system-deps cms-server
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 2

lint: $(BIN)/.installed
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

# Re-pin requirements.in into requirements.lock (with hashes).
lock: $(BIN)/.installed
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in

clean:
	cd $(SITE) && rm -rf $(OUTPUT) .$(OUTPUT).building-* .$(OUTPUT).previous-* .$(OUTPUT).old-*
	rm -rf dist build
