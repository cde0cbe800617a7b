# Two commands on a fresh Debian machine with Python 3.11:
#   make serve   set up, build the sample site, serve it at http://127.0.0.1:8000
#   make test    set up (Python packages, Chromium, nginx) and run every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUTPUT ?= output
# make serve PORT=8080: another port (a busy one is replaced by the next free one).
PORT ?= 8000

.PHONY: serve build check cadence publish rollback test bench lint format lock system-deps clean

$(BIN)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

serve: $(BIN)/.installed
	$(BIN)/python scripts/serve.py --output $(OUTPUT) --port $(PORT)

# Working build: Pelican's content cache and the page cache (cache/noi-dung) skip what did
# not change. Releases (make publish) are always built from scratch.
build: $(BIN)/.installed
	$(BIN)/pelican content -s pelicanconf.py -o $(OUTPUT) \
		-e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true 'CACHE_PATH="cache/noi-dung"'

# Check content and data without building (scripts/check --fix repairs encodings).
check: $(BIN)/.installed
	$(BIN)/python scripts/check

cadence: $(BIN)/.installed
	$(BIN)/python scripts/cadence

# Build a release into releases/ and switch releases/live to it atomically.
publish: $(BIN)/.installed
	$(BIN)/python scripts/publish

rollback: $(BIN)/.installed
	$(BIN)/python scripts/publish --rollback

# Benchmarks print figures against the targets (minutes; not part of the tests).
bench: $(BIN)/.installed system-deps
	$(BIN)/python scripts/bench_build.py
	$(BIN)/python scripts/bench_search.py

system-deps:
	bash scripts/install-system-deps
	$(PYTHON) scripts/fetch-axe

test: $(BIN)/.installed system-deps
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
	rm -rf $(OUTPUT) .$(OUTPUT).building-* .$(OUTPUT).previous-* .$(OUTPUT).old-*
