"""The wire and the proxy: every value kind round-trips; remote objects and callbacks; a worker killed mid-call."""
from __future__ import annotations

import math
import socket
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from tutor.core.course import load_course
from tutor.grading import protocol
from tutor.grading.devices import plan_device
from tutor.grading.proxy import (MissingFunction, RemoteObject, SubmissionError, SubmissionProxy, WorkerGone,
                                  WorkerSession, outcome_value)
from tutor.grading.sandbox import Hidden, ZygotePool

COURSE = Path(__file__).parent / "course"

WORKER_SOURCE = '''
import numpy as np

class Box:
    def __init__(self, v):
        self.v = v
        self.items = [1, 2, 3]
    def get(self):
        return self.v
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return self.items[i]
    def __iter__(self):
        return iter(self.items)

def echo(value):
    return value

def make_box(v):
    return Box(v)

def unbox(box):
    return box.v

def apply(fn, x):
    return fn(x) + 1

def slow():
    import time
    time.sleep(60)

def numbers():
    return (i for i in range(3))

def crash():
    import os
    os.kill(os.getpid(), 9)

calls_so_far = []
running = np.zeros(2)

def bump(x):
    running[0] += x  # in place: the same array every time
    return running

def count(x):
    calls_so_far.append(x)
    if x == 3:
        raise ValueError("three")
    if x == 4:
        raise SystemExit(4)
    if x == 5:
        return Box(5)
    return len(calls_so_far)
'''


@pytest.fixture(scope="module")
def pool():
    pool = ZygotePool(Hidden())
    yield pool
    pool.close()


@pytest.fixture
def session(pool, tmp_path: Path):
    zygote = pool.get("numpy", plan_device("cpu", "cpu", "numpy"))
    events: list = []
    s = WorkerSession(zygote.control, zygote.base, WORKER_SOURCE.encode(), timeout_s=20, memory_mb=500,
                      on_event=events.append)
    s.start()
    yield s
    s.close()


VALUES = [None, True, False, 0, -7, 2**70, 1.5, math.inf, -math.inf, "héllo ✓", [], [1, [2, [3]]], (1, "a"),
          {"a": 1, "b": [1.0, 2.0]}, {1: "int key", (1, 2): "tuple key"}, np.arange(12, dtype=np.int16).reshape(3, 4),
          np.linspace(0, 1, 5, dtype=np.float32), np.array([True, False]), np.array(["a", "bc"]), np.float64(2.5),
          np.int32(3), np.zeros((0, 3)), np.array([1 + 2j]), {"nested": (np.ones(2), [np.zeros(1)])}]


@pytest.mark.parametrize("value", VALUES, ids=[type(v).__name__ + str(i) for i, v in enumerate(VALUES)])
def test_every_value_kind_round_trips(session: WorkerSession, value) -> None:
    got = session.request("call", None, {"name": "echo", "args": [value], "kwargs": {}}, "echo()")
    _assert_same(got, value)


def _assert_same(got, want) -> None:
    if isinstance(want, np.ndarray):
        assert isinstance(got, np.ndarray) and got.dtype == want.dtype and got.shape == want.shape
        assert np.array_equal(got, want)
    elif isinstance(want, np.generic):
        assert type(got) is type(want) and got == want
    elif isinstance(want, (list, tuple)):
        assert type(got) is type(want) and len(got) == len(want)
        for g, w in zip(got, want):
            _assert_same(g, w)
    elif isinstance(want, dict):
        assert set(got) == set(want)
        for k in want:
            _assert_same(got[k], want[k])
    else:
        assert type(got) is type(want) and (got == want or (got != got and want != want))


def test_nan_round_trips(session: WorkerSession) -> None:
    assert math.isnan(session.request("call", None, {"name": "echo", "args": [math.nan]}, "echo()"))


def test_objects_stay_behind_handles(session: WorkerSession) -> None:
    box = session.request("call", None, {"name": "make_box", "args": [41]}, "make_box()")
    assert isinstance(box, RemoteObject) and box.remote_type == "submission.Box"
    assert box.get() == 41 and box.v == 41
    assert len(box) == 3 and box[1] == 2 and list(box) == [1, 2, 3]
    # a handle sent back is the same object in the worker
    assert session.request("call", None, {"name": "unbox", "args": [box]}, "unbox()") == 41


def test_callbacks_run_on_the_trusted_side(session: WorkerSession) -> None:
    calls = []

    def grad(x):
        calls.append(x)
        return x * 2

    got = session.request("call", None, {"name": "apply", "args": [grad, np.array([1.0, 2.0])]}, "apply()")
    assert np.array_equal(got, [3.0, 5.0]) and len(calls) == 1


def test_exceptions_come_back_as_the_learners(session: WorkerSession) -> None:
    with pytest.raises(SubmissionError) as info:
        session.request("call", None, {"name": "echo", "args": [], "kwargs": {}}, "echo()")
    assert info.value.info["type"] == "TypeError"


def test_many_cases_in_one_call_come_back_as_if_called_one_by_one(session: WorkerSession) -> None:
    names = session.request("call", None, {"name": "echo", "args": [1]}, "echo()")  # the session is live
    assert names == 1
    proxy = SubmissionProxy(session, {"count": "(x)", "echo": "(value)"}, {})
    outcomes = proxy.many("count", [(1,), (2,), (3,), (4,), (5,), (6,)])
    # in order, each case its own outcome: a value, the learner's exception (SystemExit too), a handle
    assert outcomes[:2] == [1, 2] and outcomes[5] == 6
    assert isinstance(outcomes[2], SubmissionError) and outcomes[2].info["type"] == "ValueError"
    assert isinstance(outcomes[3], SubmissionError) and outcomes[3].info["type"] == "SystemExit"
    assert isinstance(outcomes[4], RemoteObject) and outcomes[4].get() == 5
    with pytest.raises(SubmissionError, match="three"):
        outcome_value(outcomes[2])
    echoed = proxy.many("echo", [(v,) for v in VALUES])
    for got, want in zip(echoed, VALUES):
        _assert_same(got, want)
    with pytest.raises(MissingFunction):
        proxy.many("absent", [(1,)])
    bumped = SubmissionProxy(session, {"bump": "(x)"}, {}).many("bump", [(1.0,), (2.0,), (3.0,)])
    assert [float(a[0]) for a in bumped] == [1.0, 3.0, 6.0]  # each as it was when its call returned


def test_worker_killed_mid_call_is_a_crash(session: WorkerSession) -> None:
    with pytest.raises(WorkerGone) as info:
        session.request("call", None, {"name": "crash", "args": []}, "crash()")
    assert info.value.status == "crashed" and "SIGKILL" in info.value.message
    with pytest.raises(WorkerGone):  # the session stays gone
        session.request("call", None, {"name": "echo", "args": [1]}, "echo()")


def test_deadline_applies_to_each_call(pool, tmp_path: Path) -> None:
    zygote = pool.get("numpy", plan_device("cpu", "cpu", "numpy"))
    s = WorkerSession(zygote.control, zygote.base, WORKER_SOURCE.encode(), timeout_s=1.5, memory_mb=500)
    s.start()
    start = time.monotonic()
    with pytest.raises(WorkerGone) as info:
        s.request("call", None, {"name": "slow", "args": []}, "slow()")
    s.close()
    assert info.value.status == "timeout" and time.monotonic() - start < 5


def test_malformed_frames_are_refused() -> None:
    a, b = socket.socketpair()
    a.sendall(b"\x00\x00\x00\x00\x00\x00\x00\x03{x}")
    with pytest.raises(protocol.ProtocolError):
        protocol.recv(b)
    # an array frame that would need pickle is refused
    import io
    import json
    import struct

    buf = io.BytesIO()
    np.save(buf, np.array([object()], dtype=object), allow_pickle=True)
    header = json.dumps({"ok": {"__ndarray__": 0}, "arrays": 1}).encode()
    a.sendall(struct.pack("!Q", len(header)) + header + struct.pack("!Q", len(buf.getvalue())) + buf.getvalue())
    with pytest.raises(protocol.ProtocolError, match="unreadable array"):
        protocol.recv(b)


def _round_trip(arrays: list[np.ndarray]) -> list[np.ndarray]:
    a, b = socket.socketpair()
    sender = threading.Thread(target=protocol.send, args=(a, {"ok": None}, arrays))
    sender.start()
    _, got = protocol.recv(b)
    sender.join()
    return got


def test_arrays_arrive_intact_and_writable() -> None:
    # Every dtype the wire carries, empty and 0-d shapes, a big array and a Fortran-order one (np.save's path).
    sent = [np.arange(6, dtype=np.int32).reshape(2, 3), np.array(2.5, np.float32), np.array(["ab", "c"]),
            np.array([b"x", b"yz"]), np.zeros((0, 4)), np.array([True, False]), np.array(1 + 2j),
            np.arange(10, dtype=">i4"), np.random.default_rng(0).random((300, 300)), np.ones((2, 3), order="F"),
            np.uint8(7).reshape(())]
    got = _round_trip(sent)
    for want, have in zip(sent, got, strict=True):
        assert have.dtype == want.dtype and have.shape == want.shape and np.array_equal(have, want)
        have[...] = 0  # the learner's code may change what it was given in place
    # np.save's own frames (another writer of the format) are read as well
    import io
    import json
    import struct

    buf = io.BytesIO()
    np.save(buf, np.arange(5.0))
    header = json.dumps({"ok": {"__ndarray__": 0}, "arrays": 1}).encode()
    a, b = socket.socketpair()
    a.sendall(struct.pack("!Q", len(header)) + header + struct.pack("!Q", len(buf.getvalue())) + buf.getvalue())
    assert np.array_equal(protocol.recv(b)[1][0], np.arange(5.0))


def test_an_array_frame_shorter_than_its_header_says_is_refused() -> None:
    import json
    import struct

    frame = protocol._npy_prefix(np.zeros(4)) + np.zeros(2).tobytes()  # claims 4 values, carries 2
    header = json.dumps({"ok": {"__ndarray__": 0}, "arrays": 1}).encode()
    a, b = socket.socketpair()
    a.sendall(struct.pack("!Q", len(header)) + header + struct.pack("!Q", len(frame)) + frame)
    with pytest.raises(protocol.ProtocolError, match="unreadable array"):
        protocol.recv(b)


@pytest.mark.slow  # seconds of screens or of cold grades; `make test` runs it
def test_warm_and_cold_paths_give_identical_results(pool) -> None:
    from tutor.grading import grade

    exercise = load_course([str(COURSE)]).exercise("probe/double")
    wrong = COURSE / "solutions" / "01-probe" / "wrong" / "double" / "adds_one.py"
    for path in (COURSE / "solutions" / "01-probe" / "double.py", wrong):
        cold = grade(exercise, path).to_dict()
        warm_pool = ZygotePool(Hidden())
        try:
            warm = grade(exercise, path, pool=warm_pool).to_dict()
            warm_again = grade(exercise, path, pool=warm_pool).to_dict()
        finally:
            warm_pool.close()
        for result in (cold, warm, warm_again):
            result.pop("duration_s")
        assert cold == warm == warm_again


def test_cancel_stops_a_grade(pool, tmp_path: Path) -> None:
    from tutor.grading import grade

    exercise = load_course([str(COURSE)]).exercise("probe/double")
    path = tmp_path / "double.py"
    path.write_text("def double(x):\n    while True:\n        pass\n\ndef echo(v):\n    return v\n")
    cancel = threading.Event()
    threading.Timer(0.8, cancel.set).start()
    start = time.monotonic()
    result = grade(exercise, path, pool=pool, cancel=cancel)
    assert result.status == "infra" and "cancelled" in result.message



def test_output_streams_as_events(pool, tmp_path: Path) -> None:
    from tutor.grading import grade

    exercise = load_course([str(COURSE)]).exercise("probe/double")
    path = tmp_path / "double.py"
    path.write_text("print('loading the module')\n\ndef double(x):\n    print('doubling', x.shape if hasattr(x, 'shape') "
                    "else x)\n    return 2 * x\n\ndef echo(v):\n    return v\n")
    events: list[dict] = []
    result = grade(exercise, path, pool=pool, on_event=events.append)
    streamed = "".join(e["text"] for e in events if e.get("kind") == "stdout")
    assert result.status == "passed"
    assert "loading the module" in streamed and "doubling (2, 3)" in streamed
    assert "doubling 21.0" in result.stdout
    kinds = [e["kind"] for e in events]
    assert kinds.count("check-started") == kinds.count("check-finished") == 2


def test_list_of_a_remote_generator(session: WorkerSession) -> None:
    gen = session.request("call", None, {"name": "numbers", "args": []}, "numbers()")
    assert isinstance(gen, RemoteObject) and list(gen) == [0, 1, 2]


def test_warm_workers_outlive_the_thread_that_warmed_them(tmp_path: Path) -> None:
    pool = ZygotePool(Hidden())
    try:
        plan = plan_device("cpu", "cpu", "numpy")
        pool.warm("numpy", plan).join(60)
        first = pool.get("numpy", plan)
        time.sleep(0.5)  # the warming thread has ended by now
        assert first.alive() and pool.runner().alive()
        assert pool.get("numpy", plan) is first
    finally:
        pool.close()
