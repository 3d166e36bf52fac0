# Newsdesk: `make demo` serves the demo site on SQLite; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/newsdesk
REDIS_TEST_URL ?= redis://127.0.0.1:6379/9
export NEWSDESK_DATA_DIR ?= $(CURDIR)/data

.PHONY: demo test setup lint test-sqlite test-postgres browser-deps html-checker nginx postgres redis clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/.installed

demo: setup
	$(BIN)/newsdesk demo --host $(HOST) --port $(PORT)

test: setup browser-deps html-checker nginx postgres redis lint test-sqlite test-postgres

lint: setup
	$(BIN)/ruff check .

test-sqlite: setup
	$(BIN)/pytest

test-postgres: setup
	DATABASE_URL=$(PG_URL) CACHE_URL=$(REDIS_TEST_URL) $(BIN)/pytest

html-checker:
	bash scripts/ensure-html-checker.sh

browser-deps:
	bash scripts/ensure-chromium.sh

postgres:
	bash scripts/ensure-postgres.sh

nginx:
	bash scripts/ensure-nginx.sh

redis:
	bash scripts/ensure-redis.sh

clean:
	rm -rf $(VENV) data .pytest_cache node_modules
