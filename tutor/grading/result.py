"""Grade results: frozen data with one versioned JSON schema, shared by the CLI, the TUI and batch grading."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 1
STATUSES = ("passed", "failed", "error", "timeout", "memory", "crashed", "infra")
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
    sandbox: str = "process"
    versions: dict[str, str] = field(default_factory=dict)
    stdout: str = ""
    code_sha256: str = ""
    schema_version: int = SCHEMA_VERSION

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["checks"] = [c.to_dict() for c in self.checks]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GradeResult:
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(f"result schema {data.get('schema_version')} is not {SCHEMA_VERSION}")
        kwargs = {f.name: data[f.name] for f in fields(cls) if f.name in data}
        kwargs["checks"] = tuple(CheckResult.from_dict(c) for c in data.get("checks", []))
        if data.get("misconception"):
            kwargs["misconception"] = Misconception(**data["misconception"])
        return cls(**kwargs)
