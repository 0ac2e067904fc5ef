"""Exercises that need a GPU go only to Dask workers that declare a `GPU` resource, and a cluster without one is
refused up front instead of waiting forever. (The GPU itself is not needed: routing is what is tested.)"""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tests.batch.classroom import CLASS, make_class
from tutor.batch.gradebook import Gradebook
from tutor.batch.executors import BatchError, DaskExecutor, run_batch
from tutor.batch.submissions import needs_gpu, plan_batch
from tutor.core.course import Exercise


def test_only_tensorflow_exercises_that_allow_any_device_need_a_gpu_and_only_on_request(exercise):
    tf_any = Exercise(exercise.lesson, replace(exercise.spec, runtime="tensorflow", device="any"))
    tf_cpu = Exercise(exercise.lesson, replace(exercise.spec, runtime="tensorflow", device="cpu"))
    assert needs_gpu(tf_any, "gpu")
    assert not needs_gpu(tf_any, "auto") and not needs_gpu(tf_any, "cpu")
    assert not needs_gpu(tf_cpu, "gpu")
    assert not needs_gpu(exercise, "gpu")  # NumPy runs on the CPU


@pytest.mark.dask
def test_gpu_tasks_run_only_on_gpu_workers(tmp_path, exercise):
    from distributed import LocalCluster

    folder = make_class(tmp_path / "class", {s: CLASS[s] for s in ("correct00", "correct01", "correct02",
                                                                   "partial-nopadding", "altcorrect00", "correct03")})
    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=True, protocol="tcp://", host="127.0.0.1",
                           dashboard_address=None)
    gpu_worker = None
    executor = DaskExecutor(cluster.scheduler_address)
    try:
        with Gradebook(tmp_path / "g.sqlite3") as book:
            plan = plan_batch(folder, [exercise], book)
            # Route half of the class as GPU work (the routing, not the device, is under test here).
            plan.tasks = [replace(t, needs_gpu=n % 2 == 0) for n, t in enumerate(plan.tasks)]
            with pytest.raises(BatchError, match="no worker of the cluster declares"):
                executor.check(plan.tasks)
            dask = Path(sys.executable).with_name("dask")
            gpu_worker = subprocess.Popen([str(dask), "worker", cluster.scheduler_address, "--nthreads", "1",
                                           "--resources", "GPU=1", "--no-nanny", "--name", "gpu0"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            executor.connect().wait_for_workers(2, timeout=60)
            executor.check(plan.tasks)
            stats = run_batch(plan, book, executor)
            rows = {r.student: r for r in book.rows()}
    finally:
        executor.close()
        if gpu_worker is not None:
            gpu_worker.terminate()
            try:
                gpu_worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                gpu_worker.kill()
        cluster.close()
    assert stats.graded == len(plan.tasks) == 6
    routed = {t.student for t in plan.tasks if t.needs_gpu}
    assert routed and all(rows[s].worker.endswith(f":{gpu_worker.pid}") for s in routed)
    assert all(r.status != "infra" for r in rows.values())
