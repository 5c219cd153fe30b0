PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SCENARIO ?= scenarios/air_truce_secondary_tariffs.toml

.PHONY: demo test venv clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test,dask,progress,pandas,explore]"
	touch $@

demo: venv
	$(BIN)/negsim run $(SCENARIO) --plots figures --json figures/analysis.json

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) figures .pytest_cache
