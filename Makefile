# Newsroom: `make run` to try it, `make test` to check it. Needs only python3.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv installs and pins everything; bootstrap it into .tools/ with pip when it is not on PATH.
UV ?= $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
PYTHON := $(UV) run --frozen python
DATABASE_URL_TEST ?= postgres://postgres@127.0.0.1:5432/newsroom
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run test lint format check-deploy e2e clean backup restore messages manage

help:
	@echo "make run     install, migrate the local SQLite database, load demo content, serve http://$(HOST):$(PORT)/"
	@echo "make test    install, then ruff, the migrations check and the whole pytest suite (PostgreSQL)"
	@echo "make lint    ruff check and format check;  make format  rewrite with ruff"
	@echo "make manage ARGS=\"import_wordpress export.xml\"  any manage.py command on make run's local site"
	@echo "make messages  gather the strings to translate into locale/es and compile them (needs gettext)"
	@echo "make backup  database + media in one archive in \$$BACKUP_DIR (backups/);  make restore FILE=...  into an empty database"

.tools/bin/uv:
	@echo "uv not found: installing it into .tools/ with pip"
	@python3 -m venv .tools 2>/dev/null && .tools/bin/python -m pip install --quiet uv \
	  || { rm -rf .tools; python3 -m pip install --quiet --target .tools/lib uv \
	       && mkdir -p .tools/bin && ln -sf ../lib/bin/uv .tools/bin/uv; }

install: $(UV)
	@$(UV) sync --frozen --quiet

# The local site: debug settings, and the demo outlet's own time zone unless one is set.
LOCAL_SITE = DJANGO_DEBUG=1 DJANGO_TIME_ZONE=$${DJANGO_TIME_ZONE:-Europe/London}

run: install
	@$(LOCAL_SITE) $(PYTHON) manage.py migrate --noinput
	@$(LOCAL_SITE) $(PYTHON) manage.py seed_demo --once
	@echo
	@echo "  Newsroom is at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "  Demo logins, all with the password newsroom-demo: admin, editor, reporter, moderator"
	@echo
	@$(LOCAL_SITE) $(PYTHON) manage.py runserver $(HOST):$(PORT)

# Any management command against the local `make run` site: its debug settings and SQLite database,
# migrated first.  make manage ARGS="import_wordpress export.xml --dry-run"
manage: install
	@if [ -z "$(ARGS)" ]; then echo 'Usage: make manage ARGS="command [options]"'; exit 2; fi
	@$(LOCAL_SITE) $(PYTHON) manage.py migrate --noinput --verbosity 0
	@$(LOCAL_SITE) $(PYTHON) manage.py $(ARGS)

lint: install
	@$(UV) run --frozen ruff check .
	@$(UV) run --frozen ruff format --check .

format: install
	@$(UV) run --frozen ruff format .
	@$(UV) run --frozen ruff check --fix .

test: install lint
	@DJANGO_DEBUG=1 DATABASE_URL=sqlite://:memory: $(PYTHON) manage.py makemigrations --check --dry-run
	@if [ -z "$$DATABASE_URL" ]; then \
	  if $(PYTHON) -c "import psycopg,sys; psycopg.connect('$(DATABASE_URL_TEST)'.rsplit('/',1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	    export DATABASE_URL=$(DATABASE_URL_TEST); \
	  else \
	    echo "*** PostgreSQL does not answer at $(DATABASE_URL_TEST): running on SQLite; tests that need PostgreSQL are SKIPPED (count below)."; \
	  fi; \
	fi; \
	echo "Testing against $${DATABASE_URL:-SQLite}"; \
	DJANGO_DEBUG=1 $(UV) run --frozen pytest $(PYTEST_ARGS)

# The production stack under load (bench/run.py, README "Benchmark"); BENCH_SECONDS=5 to shorten.
.PHONY: bench
bench: install
	@$(PYTHON) -m bench.run

# Backups (ops/backups.py) run with the site's environment. Without DJANGO_SECRET_KEY in it,
# they work on make run's local database (debug settings, which a command can use safely).
BACKUP_DIR ?= backups
SITE_DEBUG = $$([ -n "$$DJANGO_SECRET_KEY" ] && echo "$${DJANGO_DEBUG:-0}" || echo "$${DJANGO_DEBUG:-1}")

backup: install
	@DJANGO_DEBUG=$(SITE_DEBUG) $(PYTHON) manage.py backup --output-dir "$(BACKUP_DIR)"

restore: install
	@if [ -z "$(FILE)" ]; then echo "Usage: make restore FILE=$(BACKUP_DIR)/newsroom-YYYYMMDDTHHMMSSZ.tar.gz"; exit 2; fi
	@DJANGO_DEBUG=$(SITE_DEBUG) $(PYTHON) manage.py restore "$(FILE)"

# Gather the strings to translate into locale/es (needs GNU gettext), then compile them. The
# compiled .mo is committed: make run works without gettext.
messages: install
	@DJANGO_DEBUG=1 $(PYTHON) manage.py makemessages -l es --no-obsolete \
	  --ignore=.venv --ignore=.tools --ignore=node_modules --ignore=staticfiles --ignore=tests \
	  --ignore=bench --ignore=e2e-screenshots
	@DJANGO_DEBUG=1 $(PYTHON) manage.py compilemessages -l es --ignore=.venv --ignore=.tools

check-deploy: install
	@DJANGO_DEBUG=0 DJANGO_SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-enough-secret-value-xyz \
	  DJANGO_ALLOWED_HOSTS=news.example.org $(PYTHON) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf .venv .tools staticfiles db.sqlite3 .pytest_cache
