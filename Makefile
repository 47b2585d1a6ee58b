# closeknit: `make run` serves the app on SQLite, `make test` runs the whole suite.
# Only Python 3.11 is needed: uv is bootstrapped with pip when it is missing.

PYTHON ?= python3.11
UV_BIN := $(shell command -v uv 2>/dev/null)
ifeq ($(UV_BIN),)
UV := .tools/bin/uv
else
UV := $(UV_BIN)
endif
RUN := $(UV) run --frozen

.PHONY: run demo test test-postgres test-browser lint format typecheck check bench clean

$(UV):
	@echo "Bootstrapping uv into .tools/ ..."
	@$(PYTHON) -m venv .tools
	@.tools/bin/pip install --quiet --disable-pip-version-check "uv>=0.5"

.venv/.synced: $(UV) pyproject.toml uv.lock
	@$(UV) sync --frozen --python $(PYTHON) --quiet
	@touch $@

run: .venv/.synced
	@$(RUN) closeknit serve

demo: .venv/.synced
	@$(RUN) closeknit serve --demo

test: .venv/.synced
	@$(RUN) pytest

test-postgres: .venv/.synced
	@DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/closeknit} $(RUN) pytest

test-browser: .venv/.synced
	@$(RUN) pytest -m browser

lint: .venv/.synced
	@$(RUN) ruff check .
	@$(RUN) ruff format --check .

format: .venv/.synced
	@$(RUN) ruff format .
	@$(RUN) ruff check --fix .

typecheck: .venv/.synced
	@$(RUN) mypy closeknit bench tests

check: lint typecheck

bench: .venv/.synced
	@for script in bench/*.py; do echo "== $$script"; $(RUN) python $$script || exit 1; done

clean:
	rm -rf .venv .tools var artifacts .pytest_cache .mypy_cache .ruff_cache
