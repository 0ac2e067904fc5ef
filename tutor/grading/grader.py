"""The Grader: the one owner of the grading path. The CLI, the TUI, batch grading and lesson check each get one.

A grade, start to end:
  Submission.read(path)          one read: the graded bytes are the hashed bytes (submission.py)
  plan_device(...)               where the worker runs (devices.py)
  zygote                         a warm one from the pool, or one started for this grade (sandbox.py)
  transport.run(request)         the trusted grader runs the pytest checks against the sandboxed worker
                                 (transport.py → runner.py → plugin.py → proxy.py ⇄ worker.py in the job)
  GradeResult.from_summary       the verdict and the score (result.py)
  misconceptions                 the checks a failed grade failed are re-run against each known-wrong variant
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from tutor.grading.config import GraderConfig, expected_signatures
from tutor.grading.devices import check_backend_installed, device_used, plan_device
from tutor.grading.result import GradeResult, Misconception
from tutor.grading.sandbox import Hidden, SandboxError, Zygote, ZygotePool, default_hidden, launch_zygote
from tutor.grading.submission import Submission
from tutor.grading.transport import InProcess, Subprocess, Transport, Warm

if TYPE_CHECKING:
    from tutor.core.course import Exercise

GRADE_MARGIN_S = 30.0  # on top of the exercise's timeout: loading, the reference worker, the checks themselves
RUNNER_GRACE_S = 60.0  # past that, the trusted grader process itself is stopped
Emit = Callable[[dict], None]


def _find_workspace(path: Path) -> Path | None:
    for parent in [path.parent, *path.parent.parents]:
        if (parent / ".tutor").is_dir():
            return parent
    return None


class Grader:
    """Grades submissions. Warm (a running tutor, batch, lesson check): a pool of sandboxed workers and a warm
    trusted grader, started once. Cold (`tutor submit`): a worker started per grade, the trusted grader in this
    process (`in_process`) or in a child process."""

    def __init__(self, course_roots: Iterable[Path] = (), workspace: Path | None = None, *, warm: bool = True,
                 in_process: bool = False, pool: ZygotePool | None = None) -> None:
        self.course_roots = tuple(sorted({Path(r).resolve() for r in course_roots}))
        self.workspace = workspace
        self._own_pool = pool is None and warm
        self.pool = pool if pool is not None else (ZygotePool(self.hidden()) if warm else None)
        self.transport: Transport
        if self.pool is not None:
            pool_ = self.pool
            self.transport = Warm(lambda: pool_.runner().control)
        else:
            self.transport = InProcess() if in_process else Subprocess()

    def hidden(self, exercise: Exercise | None = None, path: Path | None = None) -> Hidden:
        roots = set(self.course_roots) | ({exercise.lesson.root.resolve()} if exercise is not None else set())
        workspace = self.workspace or (_find_workspace(path.resolve()) if path is not None else None)
        return default_hidden(tuple(sorted(roots)), workspace)

    def warm_up(self, exercise: Exercise, device: str = "auto", backend: str = "tensorflow") -> None:
        """Start the workers an exercise needs in the background, so its first grade is warm."""
        if self.pool is not None:
            spec = exercise.spec
            self.pool.warm(spec.runtime, plan_device(device, spec.device, spec.runtime, backend))

    def close(self) -> None:
        if self._own_pool and self.pool is not None:
            self.pool.close()

    def __enter__(self) -> Grader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- one grade -----------------------------------------------------------------------------------------------
    def grade(self, exercise: Exercise, submission: Submission | Path | str, *, lang: str = "en",
              device: str = "auto", backend: str = "tensorflow", on_event: Emit | None = None,
              cancel: threading.Event | None = None, reference: Path | None = None,
              detect_misconceptions: bool = True, reveal_hidden: bool = False) -> GradeResult:
        """Grade `submission` for `exercise`. Raises SubmissionFileError (unreadable file) and DeviceError
        (impossible --device) for bad input; everything the submission does becomes a verdict in the result.
        Checks the manifest hides are shown to the learner as their score only, unless `reveal_hidden` (the
        instructor's batch, Gradescope's results, which apply the visibility themselves)."""
        if not isinstance(submission, Submission):
            submission = Submission.read(submission)
        spec = exercise.spec
        plan = plan_device(device, spec.device, spec.runtime, backend)
        if spec.runtime != "numpy":
            check_backend_installed(plan)
        started = time.monotonic()
        emit = on_event or (lambda e: None)
        own: Zygote | None = None
        try:
            if self.pool is not None:
                self.pool.start_runner()  # a first grade: the trusted grader starts beside the zygote
                zygote = self.pool.get(spec.runtime, plan)
            else:
                emit({"kind": "status", "message": "starting the worker"})
                zygote = own = launch_zygote(spec.runtime, plan, self.hidden(exercise, submission.path))
                if plan.requested == "gpu":
                    zygote.wait_ready()  # refuse a missing GPU before any grading starts
        except SandboxError as exc:
            return GradeResult.infra(exercise.id, float(spec.points), str(exc), submission.sha256,
                                     time.monotonic() - started, lang)
        try:
            run = _Run(self.transport, exercise, submission, zygote, lang, cancel)
            if own is not None and not own.info:
                summary, failure = _beside_startup(own, lambda stop: run.summary(emit, reference, stop), cancel)
                if failure is not None:
                    return GradeResult.infra(exercise.id, float(spec.points), failure, submission.sha256,
                                             time.monotonic() - started, lang)
            else:
                summary = run.summary(emit, reference)
            result = GradeResult.from_summary(
                summary, exercise=exercise.id, points=float(spec.points), lang=lang, code_sha256=submission.sha256,
                device=device_used(plan, int(zygote.info.get("gpus", 0))), sandbox=zygote.sandbox,
                versions=dict(zygote.info.get("versions", {})))
            if detect_misconceptions and result.status == "failed" and spec.misconceptions and reference is None:
                result = _with_misconception(run, result)
        finally:
            if own is not None:
                own.stop()
        if submission.notebook is not None:  # cells and lines, not the generated module's lines
            from tutor.grading.notebook import localize

            result = localize(result, submission.path.name, submission.notebook, lang)
        if not reveal_hidden and spec.visibility:
            result = result.for_learner(spec.check_visibility, lang)
        return replace(result, duration_s=round(time.monotonic() - started, 3))


class _Run:
    """What one grade sends to the trusted grader, against the learner's code or a misconception's variant."""

    def __init__(self, transport: Transport, exercise: Exercise, submission: Submission, zygote: Zygote, lang: str,
                 cancel: threading.Event | None) -> None:
        self.transport, self.exercise, self.submission = transport, exercise, submission
        self.zygote, self.lang, self.cancel = zygote, lang, cancel

    def summary(self, emit: Emit, reference: Path | None = None, cancel: threading.Event | None = None,
                only: Iterable[str] | None = None) -> dict:
        """The trusted grader's summary; `only`: the ids of the checks to run (default: all)."""
        exercise, spec = self.exercise, self.exercise.spec
        if not exercise.grader.is_file():
            return {"infra": f"no grader at {exercise.grader}"}
        config = GraderConfig(
            exercise=exercise.id, submission=str(self.submission.path.resolve()), starter=str(exercise.starter),
            reference=str(reference or exercise.solution), control=self.zygote.control, base=str(self.zygote.base),
            timeout_s=spec.timeout, memory_mb=spec.memory_mb, seed=0, lang=self.lang, runtime=spec.runtime,
            expected=expected_signatures(str(exercise.starter)), source=self.submission.text,
            deadline=time.time() + spec.timeout + GRADE_MARGIN_S)
        request: dict = {"config": config.__dict__, "grader": str(exercise.grader)}
        if only is not None:
            request["only"] = sorted(only)
        deadline = time.monotonic() + spec.timeout + RUNNER_GRACE_S
        return self.transport.run(request, emit, cancel or self.cancel, deadline)


def _beside_startup(zygote: Zygote, run: Callable[[threading.Event], dict],
                    cancel: threading.Event | None) -> tuple[dict, str | None]:
    """Cold path: start the grader while the zygote imports its runtime; stop the grader if the zygote fails."""
    stop = threading.Event()
    failure: list[str] = []

    def wait() -> None:
        try:
            zygote.wait_ready()
        except SandboxError as exc:
            failure.append(str(exc))
            stop.set()

    def relay() -> None:
        while cancel is not None and not stop.is_set():
            if cancel.wait(0.05):
                stop.set()

    waiter = threading.Thread(target=wait, daemon=True)
    waiter.start()
    threading.Thread(target=relay, daemon=True).start()
    summary = run(stop)
    waiter.join()
    if failure:
        return summary, failure[0]
    if cancel is not None and cancel.is_set():
        summary = {"cancelled": True}
    stop.set()
    return summary, None


def _ids(summary: dict, status: str) -> set[str]:
    """The ids of the checks with this status; none when the grade did not complete."""
    if any(summary.get(k) for k in ("infra", "load_failure", "gone", "cancelled")):
        return set()
    return {c["id"] for c in summary.get("checks", []) if c.get("status") == status}


def explainable(result: GradeResult) -> list[str]:
    """The ids of the checks a misconception could explain: failed, without the learner's code raising. A check
    that raised (an unfinished function's NotImplementedError, a crash) raises against any variant too, and a
    variant that happened to pass it would name a mistake the learner has not made yet."""
    return [c.id for c in result.checks if c.status == "failed" and not c.traceback]


def _with_misconception(run: _Run, result: GradeResult) -> GradeResult:
    """Name the known mistake that explains every failed check of the learner's that did not raise.

    A variant explains a check the learner failed when that check passes against the variant instead of the
    reference (the learner's output there is the variant's) and the variant itself fails it against the reference
    (the check sees this mistake). Without the second condition a loose check, an accuracy above the reference's
    less a margin, passes against many a bad variant and would name a mistake the learner did not make. Each
    variant runs every explainable check (no failfast, and none of the checks the learner passed): a mistake in
    one function shows in its checks only, whatever the rest of the file does, while the other functions are right
    or still raise NotImplementedError. Two different mistakes in one file name neither: a partial match is how a
    loose check names a mistake the learner did not make. The variants are graded side by side, each in its own
    grader and worker; a variant whose grade did not complete explains nothing; the first in manifest order wins.
    """
    exercise = run.exercise
    failed = explainable(result)
    candidates = [m for m in exercise.spec.misconceptions if exercise.misconception_file(m).is_file()]
    if not failed or not candidates:
        return result

    # Side by side: pytest cannot run twice at once in one process, so in-process grading sends variants out.
    variants = run if not isinstance(run.transport, InProcess) else _Run(
        Subprocess(), run.exercise, run.submission, run.zygote, run.lang, run.cancel)

    def explained(m: object) -> set[str]:
        summary = variants.summary(lambda e: None, exercise.misconception_file(m), only=failed)
        passed = _ids(summary, "passed") & set(failed)
        if passed != set(failed):  # most variants: nothing more to run
            return set()
        variant = _Run(variants.transport, exercise, Submission.read(exercise.misconception_file(m)), run.zygote,
                       run.lang, run.cancel)
        return passed & _ids(variant.summary(lambda e: None, only=sorted(passed)), "failed")

    with ThreadPoolExecutor(max_workers=min(3, len(candidates))) as executor:
        verdicts = list(executor.map(explained, candidates))
    whole = [m for m, ids in zip(candidates, verdicts) if ids == set(failed)]
    if not whole:
        return result
    return replace(result, misconception=Misconception(whole[0].id, whole[0].hint.get(run.lang), tuple(failed)))
