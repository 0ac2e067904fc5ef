"""The sandboxed side: loads the learner's module and answers calls from the trusted grader.

Runs in a forked child of the zygote (or a fresh one on the cold path). Nothing here is trusted by the other
side: every reply is checked there. Values that cannot cross stay here behind numbered handles.
"""
from __future__ import annotations

import importlib.util
import inspect
import linecache
import os
import socket
import sys
import traceback
from pathlib import Path
from typing import Any

import numpy as np

from tutor.grading import protocol

SUBMISSION_FILE = "submission.py"


class _Callback:
    """Stands for a function that lives on the trusted side (e.g. a loss gradient); calling it asks over there."""

    def __init__(self, server: WorkerServer, cid: int, name: str) -> None:
        self._server, self._cid, self.__name__ = server, cid, name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._server.call_back(self._cid, args, kwargs)

    def __repr__(self) -> str:
        return f"<function {self.__name__}>"


class CallbackFailed(Exception):
    pass


class WorkerServer:
    def __init__(self, sock: socket.socket, job_dir: Path) -> None:
        self.sock, self.job_dir = sock, job_dir
        self.module: Any = None
        self.handles: dict[int, Any] = {}
        self.next_handle = 1
        self.encoder = protocol.Encoder(self._make_handle)
        self.decoder = protocol.Decoder(self._resolve)
        self.submission_path = str(job_dir / SUBMISSION_FILE)

    # --- handles and callbacks ------------------------------------------------------------------
    def _make_handle(self, obj: Any) -> dict:
        hid = self.next_handle
        self.next_handle += 1
        self.handles[hid] = obj
        kind = type(obj)
        return {"__handle__": hid, "type": f"{kind.__module__}.{kind.__qualname__}", "callable": callable(obj)}

    def _resolve(self, marker: dict) -> Any:
        if "__handle__" in marker:
            return self.handles[marker["__handle__"]]
        if "__callback__" in marker:
            return _Callback(self, marker["__callback__"], marker.get("name", "callback"))
        raise protocol.ProtocolError(f"unknown marker {sorted(marker)}")

    def send_value(self, key: str, value: Any) -> None:
        body, arrays = self.encoder.encode(value)
        protocol.send(self.sock, {key: body}, arrays)

    def send_event(self, event: dict) -> None:
        body, arrays = self.encoder.encode(event)
        protocol.send(self.sock, {"event": body}, arrays)

    def call_back(self, cid: int, args: tuple, kwargs: dict) -> Any:
        body, arrays = self.encoder.encode({"args": list(args), "kwargs": kwargs})
        protocol.send(self.sock, {"callback": cid, "payload": body}, arrays)
        header, arrays = protocol.recv(self.sock)
        if "callback_error" in header:
            raise CallbackFailed(header["callback_error"])
        return self.decoder.decode(header.get("callback_result"), arrays)

    # --- the learner's errors, in the learner's terms --------------------------------------------
    def describe_error(self, exc: BaseException) -> dict:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == self.submission_path]
        lines = [f'  File "{{file}}", line {f.lineno}, in {f.name}\n    {(f.line or "").strip()}' for f in frames]
        info: dict[str, Any] = {
            "type": type(exc).__name__,
            # The class names up to BaseException, so the grader accepts a subclass of what it expects.
            "mro": [k.__name__ for k in type(exc).__mro__][:32],
            "message": str(exc)[:4000],
            "traceback": "\n".join(lines),
            "frames": [[f.lineno, f.name, (f.line or "").strip()] for f in frames],
        }
        if isinstance(exc, SyntaxError) and exc.filename == self.submission_path:
            info["line"], info["col"] = exc.lineno, exc.offset
            info["text"] = (exc.text or linecache.getline(self.submission_path, exc.lineno or 0)).rstrip("\n")
            info["message"] = exc.msg
        return info

    # --- requests --------------------------------------------------------------------------------
    def load(self) -> dict:
        spec = importlib.util.spec_from_file_location("submission", self.submission_path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["submission"] = module
        spec.loader.exec_module(module)
        self.module = module
        names = {}
        for name, obj in vars(module).items():
            if callable(obj) and not name.startswith("_"):
                try:
                    names[name] = str(inspect.signature(obj))
                except (TypeError, ValueError):
                    names[name] = "(...)"
        return {"names": names}

    def handle(self, header: dict, arrays: list) -> Any:
        op = header.get("op")
        if op == "load":
            return self.load()
        if op == "release":
            for hid in header.get("ids", []):
                self.handles.pop(hid, None)
            return None
        target = self.module if header.get("target") is None else self.handles[header["target"]]
        payload = self.decoder.decode(header.get("payload", {}), arrays) or {}
        if op == "getattr":
            return getattr(target, payload["name"])
        if op == "call":
            fn = getattr(target, payload["name"]) if payload.get("name") else target
            return fn(*payload.get("args", []), **payload.get("kwargs", {}))
        if op == "getitem":
            return target[payload["key"]]
        if op == "len":
            return len(target)
        if op == "list":
            return list(target)
        if op == "repr":
            return repr(target)[:2000]
        raise protocol.ProtocolError(f"unknown op {op!r}")

    def call_many(self, header: dict, arrays: list) -> None:
        """op "many": one function called on a batch of independent cases, in order, in one round trip.

        Each case's outcome is {"ok": value} or {"error": what it raised}, encoded one by one, so that one case's
        exception or unsendable value fails that case only. The grader reads them as if called one at a time."""
        target = self.module if header.get("target") is None else self.handles[header["target"]]
        payload = self.decoder.decode(header.get("payload", {}), arrays) or {}
        fn = getattr(target, payload["name"]) if payload.get("name") else target
        out: list[np.ndarray] = []
        outcomes = []
        for args, kwargs in payload.get("calls", []):
            try:
                value = fn(*args, **kwargs)
            except BaseException as exc:  # the learner's code may raise anything, SystemExit included
                outcomes.append({"error": self.describe_error(exc)})
                continue
            mark = len(out)
            try:
                outcomes.append({"ok": self.encoder._enc(value, out, 1)})  # the shared array list of the reply
                _freeze(out, mark)
            except protocol.ProtocolError as exc:
                del out[mark:]
                outcomes.append({"error": {"type": "UnsendableValue", "message": str(exc), "traceback": ""}})
        protocol.send(self.sock, {"ok": outcomes}, out)

    def trajectory(self, header: dict, arrays: list) -> None:
        """op "trajectory": the learner's optimizer step run along a path on a known surface, in one call.

        From theta and state, `steps` times: theta, state = step(theta, grad(theta) or grad, state, **hyper),
        going on from what the step returned, as the grader would; stops at the learner's exception, at a step
        whose result cannot be read as (theta of theta's shape, state), or where theta leaves the picture. The
        grader checks every returned step as if it had asked for each (tutor/grading/surfaces.py)."""
        from tutor.grading.surfaces import gradient

        payload = self.decoder.decode(header.get("payload", {}), arrays) or {}
        step = getattr(self.module, payload["name"])
        grad = gradient(str(payload["surface"]), str(payload.get("lang", "en")))
        theta, state, hyper = payload["theta"], payload["state"], dict(payload.get("hyper") or {})
        shape, blowup, pass_function = np.shape(theta), float(payload.get("blowup", 1e6)), bool(payload.get("grad_function"))
        out: list[np.ndarray] = []
        steps: list[Any] = []
        error = None
        with np.errstate(all="ignore"):
            for _ in range(int(payload["steps"])):
                try:
                    result = step(theta, grad if pass_function else grad(theta), state, **hyper)
                except BaseException as exc:  # the learner's code may raise anything, SystemExit included
                    error = self.describe_error(exc)
                    break
                mark = len(out)
                try:
                    steps.append(self.encoder._enc(result, out, 1))
                    _freeze(out, mark)  # the next step may change theta or the state in place
                except protocol.ProtocolError as exc:
                    del out[mark:]
                    error = {"type": "UnsendableValue", "message": str(exc), "traceback": ""}
                    break
                try:
                    theta, state = result
                    point = np.asarray(theta, dtype=np.float64)
                except Exception:
                    break  # the grader names what is wrong with this step's result
                if point.shape != shape or not np.all(np.isfinite(point)) or np.max(np.abs(point), initial=0) > blowup:
                    break
        protocol.send(self.sock, {"ok": {"steps": steps, "error": error}}, out)

    def serve(self) -> None:
        while True:
            try:
                header, arrays = protocol.recv(self.sock)
            except protocol.PeerClosed:
                return
            if header.get("op") == "bye":
                return
            if header.get("op") in ("many", "trajectory"):
                try:
                    (self.call_many if header["op"] == "many" else self.trajectory)(header, arrays)
                except BaseException as exc:  # a bad request or a missing function: the whole call fails
                    try:
                        protocol.send(self.sock, {"error": self.describe_error(exc)})
                    except OSError:
                        return
                continue
            try:
                result = self.handle(header, arrays)
            except BaseException as exc:  # the learner's code may raise anything, SystemExit included
                try:
                    protocol.send(self.sock, {"error": self.describe_error(exc)})
                except OSError:
                    return
                continue
            try:
                self.send_value("ok", result)
            except protocol.ProtocolError as exc:
                protocol.send(self.sock, {"error": {"type": "UnsendableValue", "message": str(exc), "traceback": ""}})


def _freeze(arrays: list[np.ndarray], start: int) -> None:
    """Copy the arrays queued for a reply from `start` on: a later call in the same batch may change the learner's
    arrays in place (theta -= ...), and the grader must see each value as it was when its call returned."""
    arrays[start:] = [np.array(a, copy=True) for a in arrays[start:]]


def _install_fit_reporter(server: WorkerServer, runtime: str) -> None:
    """Wrap Model.fit so that every epoch reaches the grader as an event, for progress bars and curves."""
    if runtime == "numpy":
        return
    module_name = "tf_keras" if runtime == "tensorflow-legacy" else "keras"
    keras = sys.modules.get(module_name)
    if keras is None:
        return

    class EpochReporter(keras.callbacks.Callback):
        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            metrics = {k: float(v) for k, v in (logs or {}).items() if _is_number(v)}
            total = (self.params or {}).get("epochs")
            try:
                server.send_event({"kind": "epoch", "epoch": epoch + 1, "epochs": total, "metrics": metrics})
            except OSError:
                pass

    original = keras.Model.fit

    def fit(self: Any, *args: Any, **kwargs: Any) -> Any:
        callbacks = list(kwargs.pop("callbacks", None) or [])
        callbacks.append(EpochReporter())
        kwargs["callbacks"] = callbacks
        return original(self, *args, **kwargs)

    keras.Model.fit = fit


def _is_number(v: Any) -> bool:
    try:
        float(v)
        return True
    except (TypeError, ValueError):
        return False


def run_worker(sock_path: str, job_dir: Path, runtime: str, seed: int) -> None:
    """Entry point inside the sandbox, after limits are set: connect, then serve until told to stop."""
    import random

    random.seed(seed)
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed(seed)
    if runtime != "numpy":
        keras_name = "tf_keras" if runtime == "tensorflow-legacy" else "keras"
        keras = sys.modules.get(keras_name)
        if keras is not None:
            keras.utils.set_random_seed(seed)
        tf = sys.modules.get("tensorflow")
        if tf is not None and runtime == "tensorflow-legacy":
            tf.compat.v1.reset_default_graph()
    sys.path.insert(0, str(job_dir))
    os.chdir(job_dir)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(sock_path)
    server = WorkerServer(sock, job_dir)
    _install_fit_reporter(server, runtime)
    protocol.send(sock, {"hello": os.getpid()})
    server.serve()
