# The two commands a newcomer needs: `make start` and `make test`. Both create .venv and install on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: start test test-fast bench clean

$(STAMP): pyproject.toml setup.py
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Tensor Tutor needs Python 3.11 or newer")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,jupyter]"
	touch $(STAMP)

start: $(STAMP)
	$(VENV)/bin/tutor start

test: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider

# The one-minute loop: core, grading on NumPy exercises, the best sandbox, CLI, TUI pilot tests. `make test` runs
# everything (TensorFlow, Dask, the learner corpus, every sandbox mode) and is what CI runs.
test-fast: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider -m "not slow and not dask and not heavy"

bench: $(STAMP)
	for script in bench/*.py; do $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info
