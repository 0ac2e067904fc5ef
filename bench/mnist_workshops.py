"""Grading the MNIST workshops end to end (`tutor submit` on each reference), with the accuracy the grader
measured and the data source. Budget: <= 15 s on the offline subset, <= 60 s on full MNIST.

    python bench/mnist_workshops.py [--subset]     (full MNIST from bench/full_mnist.py unless --subset)
"""
from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from common import PY, ROOT

WORKSHOPS = ["gradient-descent/softmax-regression", "gradient-descent/minibatch", "mnist-tf/layers",
             "mnist-keras/sequential", "mnist-keras/functional"]


def main() -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    from tutor.core.course import load_course

    course = load_course()
    cwd = Path(tempfile.mkdtemp())
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    if "--subset" not in sys.argv:
        from full_mnist import full_mnist_path

        env["TUTOR_MNIST_PATH"] = str(full_mnist_path())
    print(f"MNIST workshops, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    for ident in WORKSHOPS:
        solution = course.exercise(ident).solution
        start = time.perf_counter()
        done = subprocess.run([PY, "-m", "tutor", "submit", ident, str(solution), "--json"], cwd=cwd,
                              capture_output=True, text=True, env=env)
        took = time.perf_counter() - start
        result = json.loads(done.stdout)
        metrics = result.get("metrics", {})
        accuracy = metrics.get("test_accuracy", metrics.get("accuracy", "?"))
        print(f"{ident:<38} {took:6.1f} s   {result['status']:<7} accuracy {accuracy}   "
              f"data {metrics.get('dataset', '?')}   budget <= 15 s (subset) / 60 s (full)", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
