# Projektkatalog: `make run` serves the demo catalogue, `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The newest Python 3.11+ on the machine (Django 6 needs 3.12; 3.11 gets Django 5.2 LTS).
PYTHON ?= $(shell for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3 python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
UV_HOME := var/uv
UV := $(UV_HOME)/bin/uv
VENV := .venv
RUN := $(VENV)/bin
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*## ' Makefile | sed -E 's/:.*## /\t/'

$(UV):
	@test -n "$(PYTHON)" || { echo "make: no Python 3.11 or newer found" >&2; exit 1; }
	$(PYTHON) -m venv $(UV_HOME)
	$(UV_HOME)/bin/pip install --quiet --disable-pip-version-check 'uv>=0.5'

# Bytecode is compiled here, once, so that no process compiles it when it starts (a new web
# worker compiled Django and our code before its first answer where Python could not write it).
install: $(UV)  ## Create .venv with everything (idempotent).
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	$(RUN)/python -m compileall -q src

system-deps:  ## Install PostgreSQL and Chromium from Debian where they are missing.
	@bash scripts/system-deps.sh

run: install  ## Serve the demo catalogue on an embedded SQLite at http://127.0.0.1:8000/.
	$(RUN)/projektkatalog demo
	$(RUN)/projektkatalog serve --host 127.0.0.1 --port 8000

lint: install  ## Ruff lint and format check, mypy over src/ (typed Django: django-stubs).
	$(RUN)/ruff check src tests bench
	$(RUN)/ruff format --check src tests bench
	$(RUN)/mypy

test: install system-deps lint  ## Every test: SQLite, then the same suite on a real PostgreSQL.
	$(RUN)/pytest
	$(RUN)/python -m tests.support.pgserver -- $(RUN)/pytest -p no:cacheprovider

check: install lint  ## Quick: lint and the SQLite suite without the browser (no root needed).
	$(RUN)/pytest --ignore=tests/browser

bench: install  ## Import benchmark on a large synthetic page.
	$(RUN)/python bench/bench_import.py

audit: install  ## Check the locked dependencies against PyPI's advisories (needs pypi.org).
	$(UV) export --frozen --format requirements-txt --no-hashes --no-emit-project > var/audit-requirements.txt
	$(RUN)/pip-audit --strict --no-deps --disable-pip -r var/audit-requirements.txt

format: install  ## Apply ruff's formatting and fixes.
	$(RUN)/ruff check --fix src tests bench
	$(RUN)/ruff format src tests bench

messages: install  ## Extract interface strings into the .po files and compile them (needs gettext).
	cd src/projektkatalog && ../../$(RUN)/django-admin makemessages -l en -i "demo/*" && ../../$(RUN)/django-admin compilemessages

clean:  ## Remove the virtualenv and caches; keeps var/ (the database, secret key, uploads).
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache test-artifacts

distclean: clean  ## Also remove var/: the local database, secret key and downloads.
	rm -rf var

.PHONY: help install system-deps run lint check test bench audit format messages clean distclean
