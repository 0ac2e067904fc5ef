"""The trusted side of the wire: a session with one sandboxed worker, and proxies for what lives there.

Every value that comes back is plain data read without pickle; objects that cannot cross are RemoteObjects.
A call that runs past the deadline, a worker that dies or grows past its memory ends the session with a
WorkerGone whose `status` is the verdict (timeout, memory, crashed).
"""
from __future__ import annotations

import json
import os
import select
import shutil
import socket
import time
import uuid
from pathlib import Path
from typing import Any, Callable

from tutor.grading import protocol
from tutor.grading.checks import t
from tutor.grading.remote import RemoteObject, SubmissionProxy, outcome_value
from tutor.grading.result import STDOUT_CAP
from tutor.grading.worker_errors import MissingFunction, SubmissionError, WorkerGone, describe_exit

# Graders import these from here: the session and everything that comes back from it.
__all__ = ["WorkerSession", "WorkerGone", "SubmissionError", "MissingFunction", "RemoteObject", "SubmissionProxy",
           "outcome_value", "describe_exit", "remove_job_dir", "STREAM_CAP", "DISK_MB"]


STREAM_CAP = 64 * 1024  # live output shown while grading; the result keeps up to STDOUT_CAP
DISK_MB = 256  # files a job may write in its folder


def remove_job_dir(job_dir: Path) -> None:
    """Remove a job's folder without following anything the worker left in it (rmtree works through file
    descriptors and never follows links)."""
    shutil.rmtree(job_dir, ignore_errors=True)


class WorkerSession:
    """One forked worker for one grade: started by the zygote, spoken to over a Unix socket in its job dir."""

    def __init__(self, control: str, base: Path, submission_source: bytes, *, timeout_s: float, memory_mb: int,
                 max_procs: int = 64, seed: int = 0, on_event: Callable[[dict], None] | None = None,
                 deadline: float = 0.0) -> None:
        self.control, self.on_event = control, on_event or (lambda e: None)
        self.job_dir = base / "jobs" / uuid.uuid4().hex
        self.job_dir.mkdir(parents=True)
        (self.job_dir / "submission.py").write_bytes(submission_source)
        self.deadline = time.monotonic() + timeout_s
        if deadline:  # the whole grade's deadline (wall clock) bounds this session too
            self.deadline = min(self.deadline, time.monotonic() + (deadline - time.time()))
        self.timeout_s, self.memory_mb, self.max_procs, self.seed = timeout_s, memory_mb, max_procs, seed
        self.callbacks: dict[int, Callable] = {}
        self.encoder = protocol.Encoder(self._opaque)
        self.decoder = protocol.Decoder(self._special)
        self.pid: int | None = None
        self.gone: WorkerGone | None = None
        self.exit_info: dict | None = None
        self.peak_mb = 0.0
        self._ctl: socket.socket | None = None
        self._ctl_buf = b""
        self._sock: socket.socket | None = None
        self.captured_output = ""
        self._streamed = 0
        self._output = bytearray()  # the first STDOUT_CAP bytes of what the learner's code printed
        self._output_size = 0
        self._out_fd: int | None = None

    # --- start and stop ----------------------------------------------------------------------------
    def start(self) -> dict:
        sock_path = str(self.job_dir / "grader.sock")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(sock_path)
        listener.listen(1)
        self._ctl = self._connect_control()
        cpu = int(self.timeout_s * 2 + 10)
        # The learner's output travels on a pipe this side reads, never through a file the worker could replace.
        read_fd, write_fd = os.pipe()
        os.set_blocking(read_fd, False)
        self._out_fd = read_fd
        request = {"op": "fork", "job_dir": str(self.job_dir), "sock": sock_path, "seed": self.seed,
                   "memory_mb": self.memory_mb, "cpu_s": cpu, "max_procs": self.max_procs, "disk_mb": DISK_MB}
        try:
            socket.send_fds(self._ctl, [(json.dumps(request) + "\n").encode()], [write_fd])
        except OSError:
            raise WorkerGone("infra", "the grading worker stopped") from None
        finally:
            os.close(write_fd)
        reply = self._ctl_recv(60.0)  # generous: a loaded machine forks slowly
        if "pid" not in reply:
            raise WorkerGone("infra", f"the grading worker refused the job: {reply.get('error', reply)}")
        self.pid = int(reply["pid"])
        listener.settimeout(max(0.1, self.deadline - time.monotonic()))
        try:
            self._sock, _ = listener.accept()
        except socket.timeout:
            self._die_from_exit(startup=True)
        finally:
            listener.close()
        header, _ = self._recv()
        if "hello" not in header:
            raise WorkerGone("crashed", "the worker did not greet")
        return self.request("load", None, {}, "import")

    def _connect_control(self, wait_s: float = 180.0) -> socket.socket:
        # On the cold path the zygote is still importing its runtime while this grader starts: wait for it.
        end = time.monotonic() + wait_s
        while True:
            ctl = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                ctl.connect(self.control)
                return ctl
            except (FileNotFoundError, ConnectionRefusedError):
                ctl.close()
                if time.monotonic() > end or not os.path.isdir(os.path.dirname(self.control)):
                    raise WorkerGone("infra", "the grading worker did not start") from None
                time.sleep(0.02)

    def close(self) -> None:
        if self._sock is not None and self.gone is None:
            try:
                protocol.send(self._sock, {"op": "bye"})
            except OSError:
                pass
        if self._ctl is not None and self.exit_info is None and self.pid is not None:
            try:
                self.exit_info = self._wait_exit(2.0)
            except WorkerGone:
                pass
            if self.exit_info is None:
                self._ctl_send({"op": "kill", "pid": self.pid})
            elif self.gone is None and self.exit_info.get("reason") in ("memory", "procs"):
                try:  # the limit was crossed after the last call: the verdict still says so
                    self._die_from_exit_info(self.exit_info)
                except WorkerGone:
                    pass
        for s in (self._sock, self._ctl):
            if s is not None:
                s.close()
        self._drain_output(final=True)
        self.captured_output = self.output(STDOUT_CAP)
        remove_job_dir(self.job_dir)

    def _drain_output(self, final: bool = False) -> None:
        """Read what the worker printed so far; keep the first STDOUT_CAP bytes and count the rest. Bounded in
        bytes per call and, at the end, in time: a process that keeps the pipe open cannot hold the grade."""
        if self._out_fd is None:
            return
        end = time.monotonic() + (0.5 if final else 0.0)
        budget = 16 * STDOUT_CAP
        while budget > 0:
            try:
                chunk = os.read(self._out_fd, 65536)
            except BlockingIOError:
                if final and time.monotonic() < end:
                    select.select([self._out_fd], [], [], max(0.0, end - time.monotonic()))
                    if time.monotonic() < end:
                        continue
                return self._close_output() if final else None
            except OSError:
                chunk = b""
            if not chunk:
                return self._close_output()
            budget -= len(chunk)
            self._output_size += len(chunk)
            room = STDOUT_CAP - len(self._output)
            if room > 0:
                self._output += chunk[:room]
        if final:
            self._close_output()

    def _close_output(self) -> None:
        if self._out_fd is not None:
            os.close(self._out_fd)
            self._out_fd = None

    def output(self, cap: int) -> str:
        text = bytes(self._output[:cap]).decode("utf-8", errors="replace")
        if self._output_size > cap:
            size = self._output_size
            text += t(f"\n[output truncated: {size} bytes, the first {cap} shown]",
                      f"\n[salida truncada: {size} bytes, se muestran los primeros {cap}]")
        return text

    # --- control channel to the zygote ------------------------------------------------------------
    def _ctl_send(self, message: dict) -> None:
        try:
            self._ctl.sendall((json.dumps(message) + "\n").encode())
        except OSError:
            pass

    def _ctl_recv(self, timeout_s: float) -> dict:
        self._ctl.settimeout(timeout_s)
        while b"\n" not in self._ctl_buf:
            try:
                chunk = self._ctl.recv(65536)
            except socket.timeout:
                raise WorkerGone("infra", "the grading worker did not answer") from None
            if not chunk:
                raise WorkerGone("infra", "the grading worker stopped")
            self._ctl_buf += chunk
        line, self._ctl_buf = self._ctl_buf.split(b"\n", 1)
        return json.loads(line)

    def _wait_exit(self, timeout_s: float) -> dict | None:
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            try:
                msg = self._ctl_recv(max(0.05, end - time.monotonic()))
            except WorkerGone:
                return None
            if msg.get("exit") == self.pid:
                self.peak_mb = msg.get("peak_mb", 0.0)
                return msg
        return None

    def _die_from_exit(self, startup: bool = False) -> None:
        info = self._wait_exit(3.0)
        self.exit_info = info
        self._die_from_exit_info(info, startup)

    def _die_from_exit_info(self, info: dict | None, startup: bool = False) -> None:
        if info is None:
            self._ctl_send({"op": "kill", "pid": self.pid})
            self.gone = WorkerGone("crashed", t("the worker stopped answering", "el proceso dejó de responder"))
        elif info.get("reason") == "memory":
            self.gone = WorkerGone("memory", t(
                f"your code used more than {self.memory_mb} MiB of memory and was stopped",
                f"tu código usó más de {self.memory_mb} MiB de memoria y se detuvo"))
        elif info.get("reason") == "procs":
            self.gone = WorkerGone("crashed", t(
                f"your code started more than {self.max_procs} processes and was stopped",
                f"tu código lanzó más de {self.max_procs} procesos y se detuvo"))
        elif info.get("reason") == "disk":
            self.gone = WorkerGone("crashed", t(
                f"your code wrote more than {DISK_MB} MiB of files and was stopped",
                f"tu código escribió más de {DISK_MB} MiB de archivos y se detuvo"))
        else:
            self.gone = WorkerGone("crashed", describe_exit(info.get("status", -9), startup))
        raise self.gone

    # --- requests -----------------------------------------------------------------------------------
    def _opaque(self, value: Any) -> dict:
        if isinstance(value, RemoteObject):
            if value._session is not self:
                raise TypeError("a remote object from another worker")
            return {"__handle__": value._hid}
        if callable(value):
            cid = len(self.callbacks) + 1
            self.callbacks[cid] = value
            return {"__callback__": cid, "name": getattr(value, "__name__", "callback")}
        raise TypeError(f"cannot send a {type(value).__name__} to the worker")

    def _special(self, marker: dict) -> Any:
        if "__handle__" in marker:
            return RemoteObject(self, int(marker["__handle__"]), str(marker.get("type", "object")),
                                bool(marker.get("callable")))
        raise protocol.ProtocolError("unexpected marker from the worker")

    def _recv(self) -> tuple[dict, list]:
        # Wait for a message in short slices, streaming the worker's output as events meanwhile.
        while True:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                self._timeout()
            watched = [self._sock] + ([self._out_fd] if self._out_fd is not None else [])
            ready, _, _ = select.select(watched, [], [], min(remaining, 0.25))
            self._stream_output()
            if self._sock in ready:
                break
        try:
            return protocol.recv(self._sock, deadline=self.deadline, max_frame=protocol.TRUSTED_MAX_FRAME,
                                 max_message=protocol.TRUSTED_MAX_MESSAGE)
        except socket.timeout:
            self._timeout()
        except protocol.TooLarge as exc:
            self._too_large(exc)
        except (protocol.PeerClosed, ConnectionError):
            self._stream_output()
            self._die_from_exit()
        raise AssertionError("unreachable")

    def _too_large(self, exc: protocol.TooLarge) -> None:
        # The rest of the message cannot be skipped safely: the session ends, with its own verdict.
        self._ctl_send({"op": "kill", "pid": self.pid})
        self.exit_info = self._wait_exit(3.0)
        mib, limit = exc.size / 2**20, exc.limit / 2**20
        self.gone = WorkerGone("crashed", t(
            f"output too large: your code sent back {mib:.0f} MiB at once (the limit is {limit:.0f} MiB); "
            "return smaller values",
            f"salida demasiado grande: tu código devolvió {mib:.0f} MiB de una vez (el límite es {limit:.0f} MiB); "
            "devuelve valores más pequeños"))
        raise self.gone

    def _stream_output(self) -> None:
        """Send what the learner's code printed since last time, up to STREAM_CAP in all, as stdout events."""
        self._drain_output()
        if self._streamed >= STREAM_CAP:
            return
        chunk = bytes(self._output[self._streamed:STREAM_CAP])
        if chunk:
            self._streamed += len(chunk)
            self.on_event({"kind": "stdout", "text": chunk.decode("utf-8", errors="replace")})

    def _timeout(self) -> None:
        self._ctl_send({"op": "kill", "pid": self.pid, "reason": "timeout"})
        self.exit_info = self._wait_exit(3.0)
        self.gone = WorkerGone("timeout", t(
            f"your code ran past the time limit of {self.timeout_s:g} s (an endless loop, or too much work?)",
            f"tu código superó el límite de {self.timeout_s:g} s (¿un ciclo infinito o demasiado trabajo?)"))
        raise self.gone

    def request(self, op: str, target: int | None, payload: dict, what: str) -> Any:
        if self.gone is not None:
            raise self.gone
        body, arrays = self.encoder.encode(payload)
        try:
            protocol.send(self._sock, {"op": op, "target": target, "payload": body}, arrays)
        except OSError:
            self._die_from_exit()
        while True:
            try:
                header, arrays = self._recv()
            except protocol.ProtocolError as exc:
                raise SubmissionError({"type": "UnreadableValue", "message": str(exc)}, what) from None
            try:
                if "event" in header:
                    self.on_event(self.decoder.decode(header["event"], arrays))
                    continue
                if "callback" in header:
                    self._answer_callback(header, arrays)
                    continue
                if "error" in header:
                    raise SubmissionError(header["error"] if isinstance(header["error"], dict) else {}, what)
                if "ok" in header:
                    return self.decoder.decode(header["ok"], arrays)
            except (protocol.ProtocolError, RecursionError, KeyError, IndexError, TypeError, ValueError) as exc:
                raise SubmissionError({"type": "UnreadableValue", "message": str(exc)}, what) from None
            raise SubmissionError({"type": "ProtocolError", "message": "unexpected message"}, what)

    def _answer_callback(self, header: dict, arrays: list) -> None:
        fn = self.callbacks.get(header.get("callback"))
        payload = self.decoder.decode(header.get("payload"), arrays) or {}
        try:
            if fn is None:
                raise KeyError("unknown callback")
            result = fn(*payload.get("args", []), **payload.get("kwargs", {}))
            body, out = self.encoder.encode(result)
            protocol.send(self._sock, {"callback_result": body}, out)
        except Exception as exc:  # a bad argument from the learner's code: tell them, in their process
            protocol.send(self._sock, {"callback_error": f"{type(exc).__name__}: {exc}"})

