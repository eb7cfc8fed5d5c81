# Two commands for a fresh machine with Python 3.11 and make:
#   make run    set up, load the demo data and serve http://127.0.0.1:8000 (SQLite)
#   make test   set up and run the whole test suite (SQLite unless DATABASE_URL says otherwise)
# and, beside `make run` in a second terminal, `make worker`: a real Celery worker and beat on a local
# Redis, so report progress is live. `make backup` and `make restore BACKUP=...` (README, Production).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Debian packages: fonts for the six UN scripts and Pango for PDF rendering; for the tests, Chromium and
# Redis, the programs people open our files with: Node.js (ical.js, axe-core), Java (the Nu HTML
# Checker), LibreOffice (DOCX and XLSX to PDF), poppler (pdftotext, pdftoppm) and zbar (reads QR codes),
# the PostgreSQL client (backups) and systemd-analyze (the service units).
RUN_SYSTEM_PACKAGES := fonts-noto-core fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 gettext
TEST_SYSTEM_PACKAGES := $(RUN_SYSTEM_PACKAGES) chromium redis-server poppler-utils zbar-tools nodejs \
	openjdk-17-jre-headless libreoffice-writer-nogui libreoffice-calc-nogui postgresql-client systemd
# npm packages the tests run (package.json, locked in package-lock.json).
NODE_MODULES := node_modules/.package-lock.json
PYTEST_ARGS ?=
# The demo's broker: `make worker` starts a Redis there when none answers; `make run` sends its tasks
# there whenever it answers (else it runs them in the web process, and progress is not live).
DEMO_REDIS_PORT ?= 6379
DEMO_BROKER_URL ?= redis://127.0.0.1:$(DEMO_REDIS_PORT)/5
demo_broker = $$($(BIN)/python -c "import redis; redis.Redis.from_url('$(DEMO_BROKER_URL)', socket_timeout=1).ping(); print('$(DEMO_BROKER_URL)')" 2>/dev/null)
BACKUP_DIR ?= backups

.PHONY: run worker test install lint lock messages benchmark mutate backup restore

# Node.js from NodeSource bundles npm; Debian's nodejs does not, and then Debian's npm is installed.
$(NODE_MODULES): package.json package-lock.json
	@command -v npm >/dev/null || sh .ci/ensure-debian-packages npm
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
	@broker="$(demo_broker)"; \
	if [ -n "$$broker" ]; then echo "Tasks go to $$broker: report progress is live while \`make worker\` runs."; \
	else echo "No Redis at $(DEMO_BROKER_URL): tasks run in the web process (start \`make worker\` first for live progress)."; fi; \
	DJANGO_ENV=demo CELERY_BROKER_URL="$$broker" $(BIN)/python manage.py runserver 127.0.0.1:8000

# A real worker with beat inside it (one process is enough for a laptop; production runs them apart).
worker: install
	@sh .ci/ensure-debian-packages $(RUN_SYSTEM_PACKAGES) redis-server
	@if [ -z "$(demo_broker)" ]; then \
		mkdir -p .redis && redis-server --daemonize yes --bind 127.0.0.1 --port $(DEMO_REDIS_PORT) \
			--dir $(CURDIR)/.redis --appendonly yes --save "" --logfile $(CURDIR)/.redis/redis.log && \
		echo "Started Redis on 127.0.0.1:$(DEMO_REDIS_PORT) (data in .redis/; stop it with redis-cli -p $(DEMO_REDIS_PORT) shutdown)"; \
	fi
	DJANGO_ENV=demo $(BIN)/python manage.py migrate --no-input
	DJANGO_ENV=demo CELERY_BROKER_URL=$(DEMO_BROKER_URL) $(BIN)/celery -A unidir_cb worker --beat \
		--loglevel=INFO --concurrency=2

backup: install
	$(BIN)/python manage.py backup --output $(BACKUP_DIR)

restore: install
	@test -n "$(BACKUP)" || (echo "Name the backup folder: make restore BACKUP=$(BACKUP_DIR)/unidir_cb-YYYYMMDD-HHMMSS" && exit 2)
	$(BIN)/python manage.py restore $(BACKUP)

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

# On demand, never in `make test`: plants each bug of benchmarks/mutations.toml in a copy of the project
# and runs the tests beside its rule (README, Mutation testing).
MUTATE_ARGS ?=
mutate: install
	@sh .ci/ensure-debian-packages $(TEST_SYSTEM_PACKAGES)
	$(BIN)/python benchmarks/mutate.py $(MUTATE_ARGS)
