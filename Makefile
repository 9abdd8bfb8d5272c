# motcua — two commands set everything up: `make demo` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/motcua
# Debian packages the suite and the documents need (browser tests, PDF tools, Vietnamese fonts, gettext, psql).
SYSDEPS := postgresql-client poppler-utils chromium fonts-dejavu-core fonts-noto-core fonts-liberation2 gettext

.PHONY: demo test lint bench sysdeps install install-dev serve migrate env-example messages clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -U pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/activate
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## sysdeps: install the Debian packages listed in SYSDEPS (checks with dpkg -s first).
sysdeps:
	@missing=""; for p in $(SYSDEPS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "sysdeps: all present"; exit 0; fi; \
	if [ "$$(id -u)" != "0" ]; then \
	  echo "sysdeps: missing Debian packages:$$missing"; \
	  echo "sysdeps: run as root:  apt-get update && apt-get install -y$$missing"; exit 1; fi; \
	echo "sysdeps: installing$$missing"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null

## demo: set up the embedded SQLite database, load the demo data and serve on http://127.0.0.1:$(PORT)
demo: install
	$(VENV)/bin/motcua demo
	$(VENV)/bin/motcua serve --port $(PORT)

## test: lint (ruff, mypy, import contracts), type-check and run the suite on SQLite and on PostgreSQL.
test: sysdeps install-dev lint
	@echo "== pytest on SQLite =="
	env -u DATABASE_URL $(PY) -m pytest
	@echo "== pytest on PostgreSQL ($(PG_TEST_URL)) =="
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_TEST_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  DATABASE_URL=$(PG_TEST_URL) $(PY) -m pytest; \
	elif [ "$$CI" = "true" ]; then \
	  echo "ERROR: PostgreSQL at $(PG_TEST_URL) is unreachable and CI=true: failing."; exit 1; \
	else \
	  echo ""; echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo "!! SKIPPED the PostgreSQL leg: no server at $(PG_TEST_URL)."; \
	  echo "!! Start it:  pg_ctlcluster --skip-systemctl-redirect \$$(ls /etc/postgresql) main start"; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; fi

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy motcua config bench
	$(VENV)/bin/lint-imports

## bench: run every benchmark under bench/ (each prints its figures).
bench: install-dev
	@found=0; for b in bench/*/run.py; do [ -e "$$b" ] || continue; found=1; echo "== $$b =="; $(PY) $$b || exit 1; done; \
	[ $$found = 1 ] || echo "bench: no benchmarks yet"

serve: install
	$(VENV)/bin/motcua serve --port $(PORT)

migrate: install
	$(VENV)/bin/motcua manage migrate

env-example: install
	$(VENV)/bin/motcua env-example > .env.example

## messages: refresh the Vietnamese catalogue from the code and the translation tables (needs gettext).
messages: install-dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemessages -l vi --no-obsolete \
	  --ignore '.venv/*' --ignore 'var/*' --ignore '*/tests/*' --ignore 'bench/*'
	$(PY) locale/vi/translate.py

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache
