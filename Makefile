# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= .demo/newsgraph.db
HOST ?= 127.0.0.1
PORT ?= 8001

.PHONY: install demo test lint eval-docs clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,eval,browser,spark,postgres]"
	touch $@

demo: install
	$(BIN)/newsgraph ingest samples/articles --db $(DEMO_DB)
	$(BIN)/newsgraph documents --db $(DEMO_DB)
	@echo "Stored in $(DEMO_DB). Try: $(BIN)/newsgraph show <ID> --db $(DEMO_DB)"
	@echo "Serving the web UI at http://$(HOST):$(PORT)/ (API docs at /docs); Ctrl-C stops it."
	$(BIN)/newsgraph serve --db $(DEMO_DB) --host $(HOST) --port $(PORT)

test: install
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests scripts benchmarks

eval-docs: install
	$(BIN)/python scripts/evaluation_report.py

clean:
	rm -rf $(VENV) .demo .pytest_cache
