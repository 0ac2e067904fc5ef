"""Grade results: frozen data with one versioned JSON schema, shared by the CLI, the TUI and batch grading."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Callable

from tutor.core.i18n import pick

SCHEMA_VERSION = 1
STATUSES = ("passed", "failed", "error", "timeout", "memory", "crashed", "infra")
# What each verdict is called, in English and Spanish: the one place for these words.
VERDICT_LABELS: dict[str, tuple[str, str]] = {
    "passed": ("passed", "aprobado"), "failed": ("failed", "no aprobado"), "error": ("error", "error"),
    "timeout": ("timeout", "tiempo agotado"), "memory": ("out of memory", "sin memoria"),
    "crashed": ("crashed", "se cayó"), "infra": ("not graded", "sin calificar"),
}
INFRA_PREFIX = ("the tutor could not grade this (not your fault): ",
                "el tutor no pudo calificar esto (no es tu culpa): ")
CANCELLED = ("cancelled by the learner", "cancelado por quien aprende")
HIDDEN_CHECK_TITLE = ("hidden check", "comprobación oculta")
KNOWN_MISTAKE = ("Known mistake", "Error conocido")


def verdict_label(status: str, lang: str) -> str:
    return pick(lang, *VERDICT_LABELS.get(status, (status, status)))
CHECK_STATUSES = ("passed", "failed", "skipped")
STDOUT_CAP = 1 << 20


@dataclass(frozen=True)
class CheckResult:
    id: str
    title: str
    status: str
    points: float
    max_points: float
    message: str = ""
    traceback: str = ""  # the learner's own frames only

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckResult:
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


@dataclass(frozen=True)
class Misconception:
    id: str
    hint: str
    checks: tuple[str, ...] = ()  # the ids of the failed checks this mistake explains

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "hint": self.hint, "checks": list(self.checks)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Misconception:
        return cls(str(data["id"]), str(data.get("hint", "")), tuple(data.get("checks", ())))


@dataclass(frozen=True)
class GradeResult:
    exercise: str
    status: str
    score: float
    max_score: float
    checks: tuple[CheckResult, ...] = ()
    message: str = ""  # one line for error/timeout/memory/crashed/infra verdicts
    detail: str = ""  # e.g. the caret under a syntax error
    metrics: dict[str, Any] = field(default_factory=dict)
    artifacts: dict[str, Any] = field(default_factory=dict)  # trajectories, curves: data for the TUI to draw
    misconception: Misconception | None = None
    duration_s: float = 0.0
    device: str = "cpu"
    sandbox: str = "none"
    versions: dict[str, str] = field(default_factory=dict)
    stdout: str = ""
    code_sha256: str = ""
    notes: tuple[str, ...] = ()  # about the submission as a whole, e.g. a notebook's magics left out
    schema_version: int = SCHEMA_VERSION

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["checks"] = [c.to_dict() for c in self.checks]
        data["notes"] = list(self.notes)
        data["misconception"] = self.misconception.to_dict() if self.misconception is not None else None
        return data

    @classmethod
    def from_summary(cls, summary: dict[str, Any], *, exercise: str, points: float, lang: str = "en",
                     **base: Any) -> GradeResult:
        """The verdict from the trusted runner's summary: the first of cancelled, infra, a load failure, a worker
        gone (timeout, memory, crashed) that applies; else passed when every check passed. Check points are
        scaled to the exercise's points."""
        checks = tuple(CheckResult.from_dict(c) for c in summary.get("checks", []))
        got = sum(c.points for c in checks)
        total = sum(c.max_points for c in checks)
        score = round(points * got / total, 2) if total else 0.0
        message, detail = "", ""
        if summary.get("cancelled"):
            status, message = "infra", pick(lang, *CANCELLED)
        elif summary.get("infra"):
            status, message = "infra", pick(lang, *INFRA_PREFIX) + str(summary["infra"])
        elif summary.get("load_failure"):
            lf = summary["load_failure"]
            status, message, detail = lf["status"], lf["message"], lf.get("detail", "")
        elif summary.get("gone"):
            status, message = summary["gone"]["status"], summary["gone"]["message"]
        elif checks and all(c.status == "passed" for c in checks):
            status = "passed"
        else:
            status = "failed"
        if status == "infra":
            score = 0.0
        return cls(exercise=exercise, status=status, score=score, max_score=points, checks=checks, message=message,
                   detail=detail, metrics=dict(summary.get("metrics", {})),
                   artifacts=dict(summary.get("artifacts", {})), stdout=summary.get("stdout", ""), **base)

    @classmethod
    def infra(cls, exercise: str, points: float, message: str, sha: str, seconds: float,
              lang: str = "en") -> GradeResult:
        return cls(exercise=exercise, status="infra", score=0.0, max_score=points,
                   message=pick(lang, *INFRA_PREFIX) + message, code_sha256=sha, duration_s=round(seconds, 3))

    def for_learner(self, visibility: Callable[[str], str], lang: str) -> GradeResult:
        """What the learner may see: a check declared hidden (or shown only after the due date) says only that it
        exists and its score; its title, message and traceback stay with the instructor."""
        checks = tuple(c if visibility(c.id) == "visible" else
                       replace(c, title=pick(lang, *HIDDEN_CHECK_TITLE),
                               message="", traceback="")
                       for c in self.checks)
        return replace(self, checks=checks)

    def misconception_label(self, lang: str) -> str:
        """The words before a misconception's hint: "Known mistake", followed by the titles of the checks it explains when other checks fail too (the
        learner then knows which of their failures this mistake is, and that the rest is something else)."""
        label = pick(lang, *KNOWN_MISTAKE)
        m = self.misconception
        failed = [c for c in self.checks if c.status == "failed"]
        if m is None or not m.checks or len(m.checks) >= len(failed):
            return label
        titles = [c.title for c in failed if c.id in m.checks]
        return f"{label} ({', '.join(titles)})" if titles else label

    def to_attempt(self, when: float) -> Any:
        """The row the progress store keeps for this grade (tutor.core.progress.Attempt)."""
        from tutor.core.progress import Attempt

        return Attempt(self.exercise, when, self.status, self.score, self.max_score, self.duration_s, self.device,
                       self.code_sha256)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GradeResult:
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(f"result schema {data.get('schema_version')} is not {SCHEMA_VERSION}")
        kwargs = {f.name: data[f.name] for f in fields(cls) if f.name in data}
        kwargs["checks"] = tuple(CheckResult.from_dict(c) for c in data.get("checks", []))
        kwargs["notes"] = tuple(data.get("notes", ()))
        if data.get("misconception"):
            kwargs["misconception"] = Misconception.from_dict(data["misconception"])
        return cls(**kwargs)
