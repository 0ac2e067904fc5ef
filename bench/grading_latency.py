"""Grading latency, cold (`tutor submit` from a shell) and warm (a running tutor's zygote pool), beside floors
measured in the same run: `python -c "import numpy"`, `python -c "import tensorflow"`, and the same checks run
by plain pytest in one process (no sandbox, no second process). Budgets: NumPy warm <= 0.3 s and <= 0.5 x plain
pytest, TensorFlow warm
<= 1.5 s, cold <= floor x 1.3.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from common import PY, ROOT, row, time_command

sys.path.insert(0, str(ROOT))
from tutor.core.course import load_course  # noqa: E402
from tutor.grading import grade  # noqa: E402
from tutor.grading.devices import plan_device  # noqa: E402
from tutor.grading.sandbox import ZygotePool, default_hidden  # noqa: E402

# Real exercises of the built-in course, one per runtime (two NumPy: a tiny one and a typical one).
CASES = [("tensors/broadcasting", "numpy", "import numpy"), ("optimizers/adam", "numpy", "import numpy"),
         ("tf-intro/gradient-tape", "tensorflow", "import tensorflow"),
         ("tf-intro/graph", "tensorflow-legacy", "import tensorflow")]

FLOOR_PLUGIN = textwrap.dedent('''
    import importlib.util, os, pytest

    def _load(name, path):
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def pytest_configure(config):
        config.addinivalue_line("markers", "points(n): points")
        config.addinivalue_line("markers", "title(en, es): title")

    @pytest.fixture
    def submission():
        return _load("submission", os.environ["FLOOR_SOLUTION"])

    @pytest.fixture
    def reference():
        return _load("reference", os.environ["FLOOR_SOLUTION"])

    class _Record:
        def metric(self, *a): pass
        def artifact(self, *a): pass

    @pytest.fixture
    def record():
        return _Record()

    @pytest.fixture
    def lang():
        return "en"
''')


def main() -> None:
    course = load_course()
    plugin_dir = Path(tempfile.mkdtemp())
    (plugin_dir / "floor_plugin.py").write_text(FLOOR_PLUGIN)
    pool = ZygotePool(default_hidden(course.roots, None))
    cwd = Path(tempfile.mkdtemp())
    for ident, runtime, import_stmt in CASES:
        exercise = course.exercise(ident)
        floor_import = time_command([PY, "-c", import_stmt], runs=3 if runtime != "numpy" else 7,
                                    env={"TF_CPP_MIN_LOG_LEVEL": "2"})
        floor_pytest = 0.0
        if runtime == "numpy":  # TensorFlow graders drive remote objects, which plain pytest cannot stand in for
            floor_pytest = time_command([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "floor_plugin",
                                         str(exercise.grader)], runs=3,
                                        env={"PYTHONPATH": f"{plugin_dir}:{ROOT}",
                                             "FLOOR_SOLUTION": str(exercise.solution),
                                             "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}, cwd=cwd, check=False)
        cold = time_command([PY, "-m", "tutor", "submit", ident, str(exercise.solution), "--json"], runs=3, cwd=cwd)
        pool.get(runtime, plan_device("auto", exercise.spec.device, runtime))
        warm = []
        for _ in range(5):
            start = time.perf_counter()
            result = grade(exercise, exercise.solution, pool=pool)
            warm.append(time.perf_counter() - start)
            assert result.status == "passed", result.message
        warm_median = statistics.median(warm)
        budget_warm = "<= 0.3 s, <= 0.5 x pytest" if runtime == "numpy" else "<= 1.5 s"
        print(row(f"{ident} warm", warm_median, "plain pytest, one process" if floor_pytest else "(none)",
                  floor_pytest, budget_warm))
        print(row(f"{ident} cold (tutor submit)", cold, f"python -c '{import_stmt}'", floor_import,
                  f"<= {1.3 * max(floor_import, floor_pytest):.2f} s (floor x 1.3)"))
    pool.close()


if __name__ == "__main__":
    main()
