"""What the learner's code looks like from the trusted side: `submission.fn(...)` (SubmissionProxy) and objects
that stay in the worker (RemoteObject), both asking their WorkerSession (proxy.py) over the wire."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from tutor.grading.checks import t
from tutor.grading.jobfiles import JobFolder
from tutor.grading.worker_errors import MissingFunction, SubmissionError


class WorkerSession(Protocol):
    """What the proxies need of their session (tutor/grading/proxy.py's WorkerSession)."""

    job_dir: Path

    def request(self, op: str, target: int | None, payload: dict, what: str) -> Any: ...


def outcome_value(outcome: Any) -> Any:
    """One outcome of SubmissionProxy.many(): the value, or the learner's exception raised as a single call would."""
    if isinstance(outcome, SubmissionError):
        raise outcome
    return outcome


class RemoteObject:
    """An object that stays in the worker (a Keras model, a graph); attribute access and calls go there."""

    def __init__(self, session: WorkerSession, hid: int, type_name: str, is_callable: bool,
                 label: str | None = None) -> None:
        object.__setattr__(self, "_session", session)
        object.__setattr__(self, "_hid", hid)
        object.__setattr__(self, "_type", type_name)
        object.__setattr__(self, "_callable", is_callable)
        object.__setattr__(self, "_label", label or type_name)

    @property
    def remote_type(self) -> str:
        return self._type

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        value = self._session.request("getattr", self._hid, {"name": name}, f"{self._label}.{name}")
        if isinstance(value, RemoteObject):  # name it by how it was reached: model.fit, not builtins.method
            object.__setattr__(value, "_label", f"{self._label}.{name}")
        return value

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._session.request("call", self._hid, {"name": None, "args": list(args), "kwargs": kwargs},
                                     f"{self._label}()")

    def __getitem__(self, key: Any) -> Any:
        return self._session.request("getitem", self._hid, {"key": key}, f"{self._type}[...]")

    def __len__(self) -> int:
        try:
            n = self._session.request("len", self._hid, {}, f"len({self._type})")
        except SubmissionError as exc:
            if exc.info.get("type") == "TypeError":  # no len(): list() and friends then just iterate
                raise TypeError(exc.info.get("message", "")) from None
            raise
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise SubmissionError({"type": "TypeError", "message": "len() did not return a count"}, "len()")
        return n

    def __iter__(self) -> Any:
        items = self._session.request("list", self._hid, {}, f"list({self._type})")
        if not isinstance(items, list):
            raise SubmissionError({"type": "TypeError", "message": "could not list the object"}, "list()")
        return iter(items)

    def __repr__(self) -> str:
        return f"<remote {self._type}>"


class SubmissionProxy:
    """`submission.fn(...)` runs fn in the worker. Missing names fail with the starter's signature."""

    def __init__(self, session: WorkerSession, names: dict[str, str], expected: dict[str, str]) -> None:
        self._session, self._names, self._expected = session, names, expected

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if name not in self._names:
            sig = self._expected.get(name)
            wanted = f"def {name}{sig}" if sig else name
            raise MissingFunction(t(f"your file has no function `{wanted}`; it is in the starter (tutor reset "
                                    "restores it, keeping your version)",
                                    f"tu archivo no tiene la función `{wanted}`; está en el archivo inicial "
                                    "(tutor reset la restaura y guarda tu versión)"))

        def remote(*args: Any, **kwargs: Any) -> Any:
            return self._session.request("call", None, {"name": name, "args": list(args), "kwargs": kwargs},
                                         f"{name}()")

        remote.__name__ = name
        return remote

    def many(self, name: str, cases: list[tuple], kwargs: dict | None = None) -> list[Any]:
        """`name(*case, **kwargs)` for every case, in order, asked for in one round trip (op "many").

        For checks with many independent cases (hundreds of random inputs): one request instead of one per case.
        Returns one outcome per case: the value, or the SubmissionError the call raised (not raised here: the
        check decides; `outcome_value()` raises it). Not for calls that depend on an earlier call's result."""
        self.__getattr__(name)  # a missing function fails as a single call would
        calls = [[list(case), dict(kwargs or {})] for case in cases]
        got = self._session.request("many", None, {"name": name, "calls": calls}, f"{name}()")
        if not isinstance(got, list) or len(got) != len(calls):
            raise SubmissionError({"type": "ProtocolError", "message": "the worker answered a batch of calls "
                                   "with something else"}, f"{name}()")
        outcomes: list[Any] = []
        for item in got:
            if isinstance(item, dict) and "ok" in item:
                outcomes.append(item["ok"])
            elif isinstance(item, dict) and isinstance(item.get("error"), dict):
                outcomes.append(SubmissionError(item["error"], f"{name}()"))
            else:
                outcomes.append(SubmissionError({"type": "ProtocolError", "message": "unexpected outcome"},
                                                f"{name}()"))
        return outcomes

    def trajectory(self, name: str, *, theta: Any, state: Any, hyper: dict, steps: int, surface: str,
                   grad_function: bool = False, blowup: float = 1e6, lang: str = "en") -> tuple[list, Any]:
        """The optimizer step `name` run along a path on a known surface inside the worker, in one round trip
        (op "trajectory", tutor/grading/surfaces.py). Returns (what each step returned, in order; the
        SubmissionError that stopped it, or None)."""
        self.__getattr__(name)
        payload = {"name": name, "theta": theta, "state": state, "hyper": hyper, "steps": steps, "surface": surface,
                   "grad_function": grad_function, "blowup": blowup, "lang": lang}
        got = self._session.request("trajectory", None, payload, f"{name}()")
        if not isinstance(got, dict) or not isinstance(got.get("steps"), list) or len(got["steps"]) > steps:
            raise SubmissionError({"type": "ProtocolError", "message": "the worker answered a trajectory with "
                                   "something else"}, f"{name}()")
        error = got.get("error")
        return got["steps"], (SubmissionError(error, f"{name}()") if isinstance(error, dict) else None)

    def has(self, name: str) -> bool:
        return name in self._names

    @property
    def workdir(self) -> Path:
        """The worker's working folder seen from the grader (where the learner's relative paths land).

        Go through `job_folder` to look inside it; never follow paths or links the learner's code returns."""
        return self._session.job_dir

    @property
    def job_folder(self) -> JobFolder:
        """The worker's folder, reached by plain names only (tutor/grading/jobfiles.py)."""
        return JobFolder(self._session.job_dir)
