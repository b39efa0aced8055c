# The two commands: `make run` (the app on the embedded default) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-next-year lint format install install-dev static worker beat clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Locked with hashes by pip-compile (requirements/*.in -> *.txt; see docs/decisions/0021-dependencies-locked-and-layers-checked.md).
# The app's own needs only:
install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/runtime.txt

# The same, with the test, lint and benchmark tools:
install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/dev.txt

# PORT=8001 make run serves on another port; DATABASE_URL=sqlite:///var/other.sqlite3 uses another database file.
run: export DEBUG ?= 1
run: export PORT ?= 8000
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_framework
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=tests.settings
	$(BIN)/pytest

# The suite with the clock a year ahead (Debian's faketime, in every process the tests start):
# nothing may depend on the calendar. Not part of `make test`: it doubles the time.
test-next-year: install-dev
	faketime -f +365d $(BIN)/pytest

lint format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Rebuild static/govuk from npm (needs Node; running the app does not).
static:
	scripts/build-static.sh

# The full stack, by hand: set DATABASE_URL and REDIS_URL first.
worker:
	$(BIN)/celery -A project worker --loglevel=INFO

beat:
	$(BIN)/celery -A project beat --loglevel=INFO --schedule=var/celerybeat-schedule

clean:
	rm -rf var test-artifacts .pytest_cache .ruff_cache
