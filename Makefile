# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := samples/jincheng-hrss-2026-budget.txt
PYTEST_ARGS ?=

.PHONY: install run test check bench wheel-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project's metadata changed; the install is editable,
# so source edits need no reinstall.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/budget-review open $(SAMPLE)

test: install
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

# mypy and import-linter cannot follow setuptools' editable mapping, so they
# check a tree of links that mirrors the installed namespace.
TYPECHECK := build/typecheck
PACKAGES := checks cli model parsers reports review samples store tui

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	rm -rf $(TYPECHECK) && mkdir -p $(TYPECHECK)/budget_review
	for p in $(PACKAGES); do ln -s ../../../$$p $(TYPECHECK)/budget_review/$$p; done
	cd $(TYPECHECK) && ../../$(BIN)/mypy --config-file ../../pyproject.toml -p budget_review
	cd $(TYPECHECK) && PYTHONPATH=. ../../$(BIN)/lint-imports --config ../../pyproject.toml

bench: install
	$(BIN)/python benchmarks/run.py

# A wheel installed into a fresh venv must work on its own: the bundled sample ships inside it.
WHEEL_DIR := build/wheel
wheel-check: $(BIN)/python
	rm -rf $(WHEEL_DIR) && mkdir -p $(WHEEL_DIR)
	$(BIN)/python -m pip wheel --quiet --disable-pip-version-check --no-deps -w $(WHEEL_DIR) .
	$(PYTHON) -m venv $(WHEEL_DIR)/venv
	$(WHEEL_DIR)/venv/bin/python -m pip install --quiet --disable-pip-version-check $(WHEEL_DIR)/*.whl
	$(WHEEL_DIR)/venv/bin/budget-review --help > /dev/null
	cd $(WHEEL_DIR) && venv/bin/budget-review --db store check --fail-on never \
		"$$(venv/bin/budget-review sample)" > check.txt
	grep -q "晋城市人力资源和社会保障局" $(WHEEL_DIR)/check.txt
	@echo "wheel-check: the wheel installs, and checks its bundled sample"

clean:
	rm -rf $(VENV) build *.egg-info
