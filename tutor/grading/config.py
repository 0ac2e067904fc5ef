"""What the trusted grader needs to know about one grade; light enough for the CLI process to import."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class GraderConfig:
    exercise: str
    submission: str
    starter: str
    reference: str
    control: str
    base: str
    timeout_s: float
    memory_mb: int
    seed: int = 0
    lang: str = "en"
    runtime: str = "numpy"
    expected: dict[str, str] = field(default_factory=dict)
    source: str = ""  # the graded text itself, from the one read whose hash the result records
    deadline: float = 0.0  # time.time() past which nothing of this grade may still wait (0: none)


def expected_signatures(starter: str) -> dict[str, str]:
    """Top-level functions of the starter, `name -> (args)`, read without running it."""
    import ast

    try:
        tree = ast.parse(Path(starter).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return {}
    out = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
            out[node.name] = f"({ast.unparse(node.args)})"
    return out
