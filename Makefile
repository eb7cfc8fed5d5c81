# Two commands for a fresh machine with Python 3.11 and make:
#   make run    set up, load the demo data and serve http://127.0.0.1:8000 (SQLite, eager Celery)
#   make test   set up and run the whole test suite (SQLite unless DATABASE_URL says otherwise)
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Debian packages: fonts for the six UN scripts and Pango for PDF rendering; for the tests, Chromium and
# Redis, and the programs people open our files with: Node.js (ical.js, axe-core), Java (the Nu HTML
# Checker), LibreOffice (DOCX and XLSX to PDF), poppler (pdftotext, pdftoppm) and zbar (reads QR codes).
RUN_SYSTEM_PACKAGES := fonts-noto-core fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 gettext
TEST_SYSTEM_PACKAGES := $(RUN_SYSTEM_PACKAGES) chromium redis-server poppler-utils zbar-tools nodejs \
	openjdk-17-jre-headless libreoffice-writer-nogui libreoffice-calc-nogui
# npm packages the tests run (package.json, locked in package-lock.json).
NODE_MODULES := node_modules/.package-lock.json
PYTEST_ARGS ?=

.PHONY: run test install lint lock messages benchmark

$(NODE_MODULES): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(BIN)/.installed: requirements/base.txt requirements/dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/base.txt -r requirements/dev.txt
	touch $@

install: $(BIN)/.installed

run: install
	@sh .ci/ensure-debian-packages $(RUN_SYSTEM_PACKAGES)
	DJANGO_ENV=demo $(BIN)/python manage.py migrate --no-input
	DJANGO_ENV=demo $(BIN)/python manage.py load_demo
	DJANGO_ENV=demo $(BIN)/python manage.py create_demo_staff
	DJANGO_ENV=demo $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	@sh .ci/ensure-debian-packages $(TEST_SYSTEM_PACKAGES)
	@$(MAKE) --no-print-directory $(NODE_MODULES)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

lock:
	cd requirements && ../$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url base.in -o base.txt
	cd requirements && ../$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url dev.in -o dev.txt

messages: install
	DJANGO_ENV=test $(BIN)/python manage.py makemessages -l ar -l zh_Hans -l fr -l ru -l es -i ".venv/*" -i "staticfiles/*"
	DJANGO_ENV=test $(BIN)/python manage.py compilemessages -i .venv

# On demand, never in `make test`: PostgreSQL at a real programme's scale (see benchmarks/run.py).
BENCHMARK_ARGS ?=
benchmark: install
	@sh .ci/ensure-debian-packages wrk redis-server time poppler-utils postgresql-client
	$(BIN)/python benchmarks/run.py $(BENCHMARK_ARGS)
