# Everyday commands for working on wagtail-physio; see CONTRIBUTING.md.
# Run them inside a virtual environment (`python3 -m venv .venv && . .venv/bin/activate`).

PYTHON ?= python
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/wagtail_physio
REDIS_URL ?= redis://127.0.0.1:6379/1
# Extra arguments for pytest and the benchmarks: make test PYTEST_ARGS="-k notices -n 0"
PYTEST_ARGS ?=
BENCH_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install test test-postgres lint docs bench ci

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

install: ## Install the package editable with its test and docs extras, and the git hooks
	$(PYTHON) -m pip install -e ".[test,docs]"
	pre-commit install

test: ## Run the test suite on SQLite (in parallel: -n auto is in setup.cfg)
	$(PYTHON) -m pytest $(PYTEST_ARGS)

test-postgres: ## Run the test suite on PostgreSQL with a Redis cache
	DATABASE_URL="$(DATABASE_URL)" REDIS_URL="$(REDIS_URL)" $(PYTHON) -m pytest $(PYTEST_ARGS)

lint: ## pre-commit hooks on every file, import contracts, type checks
	pre-commit run --all-files --show-diff-on-failure
	lint-imports --no-logo
	mypy wagtail_physio

docs: ## Build the documentation, failing on broken links
	mkdocs build --strict

bench: ## Run the benchmark (benchmarks/bench.py; BENCH_ARGS="--quick" for a short run)
	$(PYTHON) benchmarks/bench.py $(BENCH_ARGS)

ci: ## Everything CI runs, from installing to the three test runs
	bash .ci/run
