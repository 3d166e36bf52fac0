# Newsdesk: `make demo` serves the demo site on SQLite; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/newsdesk
REDIS_TEST_URL ?= redis://127.0.0.1:6379/9
export NEWSDESK_DATA_DIR ?= $(CURDIR)/data

.PHONY: demo test test-latest setup messages lock lint test-sqlite test-postgres browser-deps \
	html-checker nginx postgres redis services clean

# Exact versions with hashes from requirements.lock (`make lock` refreshes it); the package
# itself is installed on top without touching them.
$(BIN)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/pip check
	touch $@

# The interface's catalogues, compiled by Babel (no system gettext needed); the .mo files
# are build output, remade whenever a .po changes.
CATALOGUES := $(wildcard newsdesk/locale/*/LC_MESSAGES/*.po)
COMPILED := $(CATALOGUES:.po=.mo)

newsdesk/locale/%.mo: newsdesk/locale/%.po $(BIN)/.installed
	$(BIN)/pybabel --quiet compile --input-file $< --output-file $@

setup: $(BIN)/.installed $(COMPILED)

# Every translatable message (Python, Django and Jinja2 templates, the desk's scripts) into
# the en, fa and ar catalogues; then translate what it lists as untranslated and run `make setup`.
messages: $(BIN)/.installed
	$(BIN)/newsdesk messages

# The demo's editions: English at /, Persian at /fa/, Arabic at /ar/ (unless set otherwise).
demo: setup
	NEWSDESK_EDITIONS="$${NEWSDESK_EDITIONS:-demo}" $(BIN)/newsdesk demo --host $(HOST) --port $(PORT)

services: browser-deps html-checker nginx postgres redis

# ruff, SQLite, then PostgreSQL + Redis: each runs and is reported even if one before failed.
test: setup services
	BIN=$(BIN) PG_URL=$(PG_URL) REDIS_TEST_URL=$(REDIS_TEST_URL) bash scripts/run-tests.sh

# Not in CI: the same run against the newest versions pyproject.toml allows, in its own venv.
test-latest: services
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/pip install --quiet --upgrade pip
	.venv-latest/bin/pip install --quiet --upgrade -e '.[test]'
	for po in $(CATALOGUES); do .venv-latest/bin/pybabel --quiet compile -i $$po -o $${po%.po}.mo; done
	BIN=.venv-latest/bin PG_URL=$(PG_URL) REDIS_TEST_URL=$(REDIS_TEST_URL) bash scripts/run-tests.sh

# Resolve pyproject.toml's ranges again and write every exact version with its hashes.
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet uv
	.venv-lock/bin/uv pip compile pyproject.toml requirements-build.in --extra test \
		--generate-hashes --universal --python-version 3.11 -o requirements.lock

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
	rm -rf $(VENV) .venv-latest .venv-lock data .pytest_cache node_modules
