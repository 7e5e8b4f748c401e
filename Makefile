# FitnessPr: `make run` serves the app with demo data; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-dev run test test-browser lint format migrate seed load clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

static/vendor/.installed: package.json package-lock.json Makefile
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
	cp node_modules/chart.js/dist/chart.umd.min.js static/vendor/chart.umd.min.js
	cp node_modules/chart.js/dist/chart.umd.min.js.map static/vendor/chart.umd.min.js.map
	cp node_modules/@picocss/pico/css/pico.min.css static/vendor/pico.min.css
	touch $@

install: $(VENV)/.runtime static/vendor/.installed

install-dev: $(VENV)/.dev static/vendor/.installed

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

# Links in emails and invitations point at the address served here (`make run PORT=8021`), unless SITE_URL is set.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: seed
	@echo "FitnessPr at $(SITE_URL) (links in emails and invitations use it)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(PY) -m pytest

# Browser tests drive the system Chromium (Debian package `chromium`) through Playwright.
test-browser: install-dev
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	$(PY) -m pytest -m browser -p no:randomly

# The load test (loadtest/run.py): its own PostgreSQL database and Redis index, the production-like stack on
# 127.0.0.1, Locust for DURATION at USERS concurrent people, then the report. LOAD_ARGS=--profile adds py-spy.
USERS ?= 200
DURATION ?= 5m
LOAD_ARGS ?=

$(VENV)/.load: $(VENV)/.dev requirements-load.txt
	$(PY) -m pip install --quiet -r requirements-load.txt
	$(PY) -m pip check
	touch $@

load: $(VENV)/.load static/vendor/.installed
	$(PY) -m loadtest.run --users $(USERS) --duration $(DURATION) $(LOAD_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) scripts/import_contract.py

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles
