"""A synthetic class for the class report: six students on Adam (optimizers/adam) and on broadcasting, their
workspaces with the progress their own tutor recorded, and a gradebook with the verdicts a grade gives.

Adam:  ana passes first try (the reference, renamed); ben passes on the third try after two hints; cho, dev and
       fay leave out bias correction (dev is cho's code with other names and comments: a pair; fay wrote her
       own); eli hands in the starter. Broadcasting: everyone but eli passes, eli's shapes go left-aligned.
"""
from __future__ import annotations

import time
from pathlib import Path

from tutor.batch.gradebook import Gradebook, GradeRow
from tutor.core.course import builtin_root, load_course
from tutor.core.progress import Attempt, ProgressStore
from tutor.grading.result import CheckResult, GradeResult, Misconception

ROOT = builtin_root()
ADAM, BROADCAST = "optimizers/adam", "tensors/broadcasting"
ADAM_REF = (ROOT / "solutions" / "04-optimizers" / "adam.py").read_text(encoding="utf-8")
ADAM_STARTER = (ROOT / "exercises" / "04-optimizers" / "adam.py").read_text(encoding="utf-8")
NO_BIAS = (ROOT / "solutions" / "04-optimizers" / "wrong" / "adam" / "no_bias_correction.py").read_text(
    encoding="utf-8")
BROADCAST_REF = (ROOT / "solutions" / "01-tensors" / "broadcasting.py").read_text(encoding="utf-8")

ANA = ADAM_REF.replace("m_hat", "first").replace("v_hat", "second").replace("# ", "# mine: ")
BEN = '''import numpy as np


def init_state(theta):
    return {"m": np.zeros_like(theta, dtype=float), "v": np.zeros_like(theta, dtype=float), "t": 0}


def adam_step(theta, grad, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
    step = state["t"] + 1
    mean = beta1 * state["m"] + (1 - beta1) * grad
    square = beta2 * state["v"] + (1 - beta2) * np.square(grad)
    rate = lr * np.sqrt(1 - beta2 ** step) / (1 - beta1 ** step)
    scale = np.sqrt(square / (1 - beta2 ** step)) + eps
    return theta - lr * (mean / (1 - beta1 ** step)) / scale, {"m": mean, "v": square, "t": step}
'''
CHO = NO_BIAS
DEV = (NO_BIAS.replace("zeros", "nothing").replace("grad", "g").replace("theta", "params")
       .replace('"""Misconception (the slides\' formula): Adam without bias correction."""', "# my Adam, week 4")
       + "\n\n# tested by hand on a parabola\n")
FAY = '''import numpy as np


def init_state(theta):
    return dict(m=0 * np.asarray(theta, float), v=0 * np.asarray(theta, float), t=0)


def adam_step(theta, grad, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
    new_m = state["m"] * beta1 + grad * (1 - beta1)
    new_v = state["v"] * beta2 + grad ** 2 * (1 - beta2)
    new_theta = theta - lr * new_m / (new_v ** 0.5 + eps)
    return new_theta, dict(m=new_m, v=new_v, t=state["t"] + 1)
'''
LEFT_ALIGNED = '''def broadcast_shape(a, b):
    n = max(len(a), len(b))
    pa, pb = tuple(a) + (1,) * (n - len(a)), tuple(b) + (1,) * (n - len(b))
    return tuple(max(x, y) for x, y in zip(pa, pb))
'''

ADAM_CHECKS = ("One step from a state in the middle of a run", "30 steps on a round bowl",
               "Tiny gradients, where epsilon matters")
NO_BIAS_HINT = "(the hint stored with the grade)"


def _adam_result(status: str, failed: tuple[str, ...] = (), misconception: str | None = None) -> GradeResult:
    checks = tuple(CheckResult(f"c{n}", title, "failed" if title in failed else "passed",
                               0.0 if title in failed else 1.0, 1.0) for n, title in enumerate(ADAM_CHECKS))
    score = round(10 * sum(c.points for c in checks) / len(checks), 2)
    return GradeResult(ADAM, status, score if status != "error" else 0.0, 10.0, checks=checks,
                       misconception=Misconception(misconception, NO_BIAS_HINT) if misconception else None,
                       sandbox="bwrap")


# student -> adam (source, result, attempt scores, hints), broadcasting (source, passed)
STUDENTS = {
    "ana": (ANA, _adam_result("passed"), (10.0,), 0, BROADCAST_REF, True),
    "ben": (BEN, _adam_result("passed"), (0.0, 3.33, 10.0), 2, BROADCAST_REF, True),
    "cho": (CHO, _adam_result("failed", ADAM_CHECKS[:2], "no-bias-correction"), (0.0, 3.33), 1, BROADCAST_REF,
            True),
    "dev": (DEV, _adam_result("failed", ADAM_CHECKS[:2], "no-bias-correction"), (3.33,), 0, BROADCAST_REF, True),
    "eli": (ADAM_STARTER, _adam_result("failed", ADAM_CHECKS), (0.0, 0.0, 0.0, 0.0), 3, LEFT_ALIGNED, False),
    "fay": (FAY, _adam_result("failed", ADAM_CHECKS[:2], "no-bias-correction"), (3.33, 3.33), 1, BROADCAST_REF,
            True),
}


def _broadcast_result(passed: bool) -> GradeResult:
    check = CheckResult("c0", "Slide example (8, 1, 6) and (7, 1)", "passed" if passed else "failed",
                        2.0 if passed else 0.0, 2.0)
    return GradeResult(BROADCAST, "passed" if passed else "failed", 10.0 if passed else 0.0, 10.0, checks=(check,),
                       sandbox="bwrap")


def make_class(folder: Path, gradebook: Path) -> tuple[Path, Path]:
    """The students' workspaces under `folder` and the gradebook of their grades."""
    import hashlib

    course = load_course()
    adam, broadcast = course.exercise(ADAM), course.exercise(BROADCAST)
    start = time.time() - 3600
    with Gradebook(gradebook) as book:
        for student, (adam_src, adam_result, scores, hints, bc_src, bc_passed) in STUDENTS.items():
            home = folder / student
            for exercise, source in ((adam, adam_src), (broadcast, bc_src)):
                path = home / exercise.workspace_name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(source, encoding="utf-8")
            with ProgressStore(home / ".tutor" / "progress.sqlite3") as store:
                for n, score in enumerate(scores):  # one attempt every five minutes
                    status = "passed" if score == 10.0 else "failed"
                    store.record_attempt(Attempt(ADAM, start + 300 * n, status, score, 10.0, 0.5, "cpu", ""))
                for n in range(hints):
                    store.reveal_hint(ADAM, n)
                store.record_attempt(Attempt(BROADCAST, start, "passed" if bc_passed else "failed",
                                             10.0 if bc_passed else 0.0, 10.0, 0.3, "cpu", ""))
            for exercise, source, result in ((adam, adam_src, adam_result), (broadcast, bc_src,
                                                                              _broadcast_result(bc_passed))):
                sha = hashlib.sha256(source.encode("utf-8")).hexdigest()
                book.record(GradeRow(student, exercise.id, sha, result, "local"))
    return folder, gradebook
