"""Running a planned batch: local worker processes by default, or an existing Dask cluster.

Both executors hand every task's row to `on_row` exactly once, as it arrives, so the gradebook is written while
the batch runs. Work held by a worker that dies is run again: the local executor starts a new pool and resubmits
what was in flight; on Dask the scheduler reschedules it (its `allowed-failures` limit applies).
"""
from __future__ import annotations

import multiprocessing
import uuid
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Protocol

from tutor.batch.gradebook import Gradebook, GradeRow
from tutor.batch.submissions import Plan
from tutor.batch.tasks import Task, infra_result, run_task
from tutor.core.hardening import make_non_dumpable

RowSink = Callable[[dict[str, Any]], None]
MAX_WORKER_LOSSES = 3  # a task in flight when a worker died this many times is left for the next run


class BatchError(RuntimeError):
    """The batch cannot run as asked (bad input: a scheduler that does not answer, no GPU worker...)."""


class Executor(Protocol):
    def run(self, tasks: Iterable[Task], on_row: RowSink) -> None: ...


def lost_row(task: Task, why: str) -> dict[str, Any]:
    return {"student": task.student, "exercise": task.exercise, "sha256": task.sha256, "worker": "",
            "result": infra_result(task.exercise, 0.0, why, task.sha256).to_dict()}


class LocalExecutor:
    """`workers` processes on this machine, each keeping its own warm zygotes between tasks."""

    def __init__(self, workers: int = 2) -> None:
        if workers < 1:
            raise BatchError(f"--workers {workers}: need at least 1")
        self.workers = workers
        self.pools_started = 0

    def _new_pool(self) -> ProcessPoolExecutor:
        self.pools_started += 1
        # spawn: the batch's own threads (progress display) must not be forked into the workers.
        # make_non_dumpable: a submission graded without bubblewrap cannot read these workers' environ or memory.
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=make_non_dumpable)

    def run(self, tasks: Iterable[Task], on_row: RowSink) -> None:
        pending: deque[Task] = deque(tasks)
        losses: dict[tuple[str, str], int] = {}
        in_flight: dict[Future, Task] = {}
        pool: ProcessPoolExecutor | None = None
        try:
            while pending or in_flight:
                if pool is None:
                    pool = self._new_pool()
                # A short queue per worker: results stream in as they finish, and a lost pool loses little.
                while pending and len(in_flight) < 2 * self.workers:
                    task = pending.popleft()
                    in_flight[pool.submit(run_task, task)] = task
                done, _ = wait(list(in_flight), timeout=0.5, return_when=FIRST_COMPLETED)
                lost: list[Task] = []
                for future in done:
                    task = in_flight.pop(future)
                    try:
                        row = future.result()
                    except BrokenProcessPool:
                        lost.append(task)
                        continue
                    except Exception as exc:  # pickling or a bug outside grade(): a row, never a stop
                        row = lost_row(task, f"{type(exc).__name__}: {exc}")
                    on_row(row)
                if lost:
                    # The pool is unusable once a worker died: settle what it still holds, then start anew.
                    wait(list(in_flight))
                    for future, task in list(in_flight.items()):
                        if future.exception() is None:
                            on_row(future.result())
                        else:
                            lost.append(task)
                    in_flight.clear()
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = None
                    for task in reversed(lost):
                        losses[task.key] = losses.get(task.key, 0) + 1
                        if losses[task.key] >= MAX_WORKER_LOSSES:
                            on_row(lost_row(task, f"a grading worker stopped {MAX_WORKER_LOSSES} times while "
                                                  "this was graded; it is graded again on the next run"))
                        else:
                            pending.appendleft(task)
        except BaseException:
            # Stopped (Ctrl-C, or the caller's own exception): what is recorded stays, the rest is not waited for.
            if pool is not None:
                # Python would otherwise wait at exit for the grades in flight; they are graded again next run.
                for process in list((getattr(pool, "_processes", None) or {}).values()):
                    process.terminate()
                pool.shutdown(wait=False, cancel_futures=True)
            raise
        if pool is not None:
            pool.shutdown(wait=True)


@dataclass
class DaskExecutor:
    """Tasks on an existing Dask distributed cluster; GPU tasks only on workers that declare a `GPU` resource."""

    address: str
    retries: int = 2
    connect_timeout_s: float = 15.0
    client: Any = field(default=None, repr=False)

    def connect(self) -> Any:
        if self.client is None:
            try:
                from distributed import Client
            except ImportError:
                raise BatchError("--scheduler needs dask[distributed]: pip install 'dask[distributed]'") from None
            try:
                self.client = Client(self.address, timeout=f"{self.connect_timeout_s}s", set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                raise BatchError(f"--scheduler {self.address}: cannot reach the Dask scheduler ({exc}); "
                                 "start it with `dask scheduler` and pass its tcp://host:port") from None
        return self.client

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None

    def check(self, tasks: list[Task]) -> None:
        client = self.connect()
        try:
            client.wait_for_workers(1, timeout=30)
        except (TimeoutError, OSError):
            raise BatchError(f"--scheduler {self.address}: the cluster has no workers; start some with "
                             f"`dask worker {self.address} --nthreads 1`") from None
        if any(t.needs_gpu for t in tasks):
            workers = client.scheduler_info().get("workers", {}).values()
            if not any(w.get("resources", {}).get("GPU") for w in workers):
                raise BatchError("some exercises are to be graded on a GPU, but no worker of the cluster declares "
                                 f"one: start GPU workers with `dask worker {self.address} --resources GPU=1`, "
                                 "or drop --device gpu")

    def run(self, tasks: Iterable[Task], on_row: RowSink) -> None:
        from distributed import as_completed

        client = self.connect()
        run_id = uuid.uuid4().hex[:12]
        futures = {}
        for n, task in enumerate(tasks):
            future = client.submit(run_task, task, key=f"tutor-grade-{run_id}-{n}", pure=False,
                                   retries=self.retries, resources={"GPU": 1} if task.needs_gpu else None)
            futures[future] = task
        try:
            for future, value in as_completed(list(futures), loop=client.loop, with_results=True,
                                                    raise_errors=False):
                task = futures[future]
                if future.status == "error" or isinstance(value, BaseException):
                    # KilledWorker (a task that kept taking workers down) or a failure outside grade().
                    on_row(lost_row(task, f"{type(value).__name__}: {value}"))
                else:
                    on_row(value)
                future.release()
        except BaseException:
            client.cancel(list(futures))
            raise


@dataclass
class BatchStats:
    graded: int = 0
    missing: int = 0
    refused: int = 0  # links, special files, files over the size cap: recorded with a reason, never read
    skipped: int = 0
    infra: int = 0
    rows: list[GradeRow] = field(default_factory=list)


def run_batch(plan: Plan, book: Gradebook, executor: Executor,
              on_row: Callable[[GradeRow], None] | None = None) -> BatchStats:
    """Record the missing and refused rows, grade the tasks, write each result to the gradebook as it arrives."""
    stats = BatchStats(skipped=plan.skipped)
    notify = on_row or (lambda row: None)
    for row in plan.missing + plan.refused:
        book.record(row)
        stats.missing += row.missing
        stats.refused += row.refused
        stats.rows.append(row)
        notify(row)

    def sink(raw: dict[str, Any]) -> None:
        row = GradeRow.from_task_row(raw)
        if row.result.max_score == 0.0:  # a lost task: keep the exercise's real maximum
            row = _with_max(row, plan)
        book.record(row)
        stats.graded += 1
        stats.infra += row.status == "infra"
        stats.rows.append(row)
        notify(row)

    executor.run(plan.tasks, sink)
    return stats


def _with_max(row: GradeRow, plan: Plan) -> GradeRow:
    from dataclasses import replace

    maximum = plan.max_scores.get(row.exercise, 0.0)
    return replace(row, result=replace(row.result, max_score=maximum))
