"""What grading costs on top of the training it judges: a full-MNIST Keras workshop graded cold (`tutor submit`
of the reference, sandbox and every check included) beside bare Keras doing the same training in a plain
`python` process (import, load the same npz, the reference's build_model/train/predict with the grader's epochs,
batch size and validation split, accuracy on the test set). Runs alternate, so both see the same machine load.
Budget: grade <= 1.10 x bare. Live per-epoch progress stays on: a passing grade proves it, since the training
check counts the epoch events that the worker sends from inside fit(). Each side's CPU seconds (all its
processes) are printed too: on a shared machine the wall clock follows the other sessions' load, CPU seconds
much less, so the CPU ratio says what grading itself adds.

    python bench/keras_overhead.py [ROUNDS] [EXERCISE]     (defaults: 3 rounds, mnist-keras/sequential)
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from common import PY, ROOT, load, run_measured
from full_mnist import full_mnist_path

BARE = r'''
import importlib.util, sys
import numpy as np
import keras
sys.path.insert(0, sys.argv[3])
import _workshop
spec = importlib.util.spec_from_file_location("reference", sys.argv[1])
ref = importlib.util.module_from_spec(spec); spec.loader.exec_module(ref)
data = np.load(sys.argv[2])
keras.utils.set_random_seed(0)
model = ref.build_model()
ref.train(model, data["x_train"], data["y_train"], _workshop.EPOCHS["full"], _workshop.BATCH_SIZE)
probs = ref.predict(model, data["x_test"])
print(float(np.mean(np.argmax(probs, axis=1) == data["y_test"])))
'''


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    ident = sys.argv[2] if len(sys.argv) > 2 else "mnist-keras/sequential"
    data = full_mnist_path()
    sys.path.insert(0, str(ROOT))
    from tutor.core.course import load_course

    exercise = load_course().exercise(ident)
    env = dict(os.environ, TUTOR_MNIST_PATH=str(data), TF_CPP_MIN_LOG_LEVEL="2")
    cwd = Path(tempfile.mkdtemp())
    script = cwd / "bare_keras.py"
    script.write_text(BARE)
    print(f"{ident} on full MNIST, {rounds} rounds, {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f} at start")
    bare, graded, bare_cpu, graded_cpu = [], [], [], []
    for n in range(rounds):
        wall, cpu, done = run_measured([PY, str(script), str(exercise.solution), str(data),
                                        str(ROOT / "graders/07-mnist-keras")], cwd=cwd, env=env)
        if done.returncode != 0:
            sys.exit(f"bare Keras failed: {done.stderr[-2000:]}")
        bare.append(wall)
        bare_cpu.append(cpu)
        bare_acc = float(done.stdout.strip().splitlines()[-1])
        wall, cpu, done = run_measured([PY, "-m", "tutor", "submit", ident, str(exercise.solution), "--json"],
                                       cwd=cwd, env=env)
        graded.append(wall)
        graded_cpu.append(cpu)
        result = json.loads(done.stdout)
        print(f"  round {n + 1}: bare Keras {bare[-1]:5.1f} s, {bare_cpu[-1]:5.1f} CPU s (accuracy {bare_acc:.4f})   "
              f"grade {graded[-1]:5.1f} s, {graded_cpu[-1]:5.1f} CPU s ({result['status']}, accuracy "
              f"{result['metrics'].get('test_accuracy')})   ratio {graded[-1] / bare[-1]:.3f} wall, "
              f"{graded_cpu[-1] / bare_cpu[-1]:.3f} CPU; {load()}", flush=True)
    ratio = statistics.median(graded) / statistics.median(bare)
    cpu_ratio = statistics.median(graded_cpu) / statistics.median(bare_cpu)
    print(f"  median: bare {statistics.median(bare):.1f} s, grade {statistics.median(graded):.1f} s, "
          f"ratio {ratio:.3f} (budget <= 1.10); CPU seconds {statistics.median(bare_cpu):.1f} and "
          f"{statistics.median(graded_cpu):.1f}, ratio {cpu_ratio:.3f}; {result['metrics'].get('dataset')}; "
          f"{load()} at the end")


if __name__ == "__main__":
    main()
