"""A known mistake is named per check: made in one function, whatever the rest of the file does, it is named
with the checks it explains; a file wrong in another way names none."""
from __future__ import annotations

from pathlib import Path

import pytest

from tutor.core.course import load_course
from tutor.grading import grade
from tutor.grading.grader import _Run
from tutor.grading.result import CheckResult, GradeResult, Misconception
from tutor.grading.sandbox import ZygotePool, default_hidden

RIGHT = {
    "to_channels_last": "return np.transpose(images, (0, 2, 3, 1))",
    "to_channels_first": "return np.transpose(images, (0, 3, 1, 2))",
    "video_to_channels_last": "return np.transpose(videos, (0, 1, 3, 4, 2))",
    "video_to_channels_first": "return np.transpose(videos, (0, 1, 4, 2, 3))",
}
ARGUMENT = {"to_channels_last": "images", "to_channels_first": "images", "video_to_channels_last": "videos",
            "video_to_channels_first": "videos"}
UNFINISHED = "# TODO: move the channel axis\n    raise NotImplementedError"
RESHAPE_LAST = "n, c, h, w = images.shape\n    return images.reshape(n, h, w, c)"
RESHAPE_VIDEO_FIRST = "n, f, h, w, c = videos.shape\n    return videos.reshape(n, f, c, h, w)"
SWAP_VIDEO_FIRST = "return np.swapaxes(videos, 2, 4)"


def layouts(**bodies: str) -> str:
    """A learner's layouts.py: the given function bodies, the others `rest` (right unless told otherwise)."""
    rest = bodies.pop("rest", None)
    out = ["import numpy as np\n"]
    for name, right in RIGHT.items():
        body = bodies.get(name, rest if rest is not None else right)
        out.append(f"\ndef {name}({ARGUMENT[name]}):\n    {body}\n")
    return "\n".join(out)


@pytest.fixture(scope="module")
def course():
    return load_course()


@pytest.fixture(scope="module")
def pool(course):
    pool = ZygotePool(default_hidden(course.roots, None))
    yield pool
    pool.close()


@pytest.fixture
def grade_layouts(course, pool, tmp_path: Path):
    def run(source: str, lang: str = "en") -> GradeResult:
        path = tmp_path / "layouts.py"
        path.write_text(source, encoding="utf-8")
        return grade(course.exercise("tensors/layouts"), path, pool=pool, device="cpu", lang=lang)
    return run


def failed(result: GradeResult) -> list[str]:
    return [c.id for c in result.checks if c.status != "passed"]


def test_reshape_in_one_function_the_rest_right_is_named_with_its_check(grade_layouts):
    result = grade_layouts(layouts(to_channels_last=RESHAPE_LAST))
    assert result.status == "failed" and failed(result) == ["to_channels_last"]
    assert result.misconception is not None and result.misconception.id == "reshape-not-transpose"
    assert result.misconception.checks == ("to_channels_last",)
    assert "transpose" in result.misconception.hint
    assert result.misconception_label("en") == "Known mistake"  # it explains every failure: no list needed


def test_reshape_in_one_function_the_rest_unfinished_is_named_for_that_check_only(grade_layouts):
    result = grade_layouts(layouts(to_channels_last=RESHAPE_LAST, rest=UNFINISHED), lang="es")
    assert failed(result) == list(RIGHT)
    assert result.misconception is not None and result.misconception.id == "reshape-not-transpose"
    assert result.misconception.checks == ("to_channels_last",)  # not the three NotImplementedError checks
    assert result.misconception_label("es") == "Error conocido (Imágenes a channels-last)"
    assert Misconception.from_dict(result.to_dict()["misconception"]) == result.misconception


def test_swap_in_one_video_function_is_named(grade_layouts):
    result = grade_layouts(layouts(video_to_channels_first=SWAP_VIDEO_FIRST))
    assert failed(result) == ["video_to_channels_first"]
    assert result.misconception is not None and result.misconception.id == "swap-height-width"
    assert result.misconception.checks == ("video_to_channels_first",)


def test_one_mistake_in_two_functions_with_another_unfinished_is_named_for_both(grade_layouts):
    result = grade_layouts(layouts(to_channels_last=RESHAPE_LAST, video_to_channels_first=RESHAPE_VIDEO_FIRST,
                                   to_channels_first=UNFINISHED))
    assert sorted(failed(result)) == ["to_channels_first", "to_channels_last", "video_to_channels_first"]
    assert result.misconception is not None and result.misconception.id == "reshape-not-transpose"
    assert result.misconception.checks == ("to_channels_last", "video_to_channels_first")
    assert result.misconception_label("en") == "Known mistake (Images to channels-last, Videos to channels-first)"


@pytest.mark.parametrize("other", [SWAP_VIDEO_FIRST, "return np.transpose(images, (0, 3, 2, 1))"])
def test_two_different_mistakes_name_neither(grade_layouts, other: str):
    # A partial match is how a loose check names a mistake the learner did not make: only a whole one counts.
    name = "video_to_channels_first" if other == SWAP_VIDEO_FIRST else "to_channels_first"
    result = grade_layouts(layouts(to_channels_last=RESHAPE_LAST, **{name: other}))
    assert sorted(failed(result)) == sorted(["to_channels_last", name])
    assert result.misconception is None


@pytest.mark.parametrize("body", [
    "return np.transpose(images, (0, 2, 3, 1))[:, ::-1]",  # right axes, every image upside down
    "return np.transpose(images, (0, 2, 3, 1)) * 2",  # right axes, values changed
    "return images",  # nothing moved
])
def test_a_file_wrong_in_another_way_names_no_misconception(grade_layouts, body: str):
    result = grade_layouts(layouts(to_channels_last=body))
    assert failed(result) == ["to_channels_last"]
    assert result.misconception is None


def test_an_unfinished_file_names_no_misconception(grade_layouts, course):
    result = grade_layouts(course.exercise("tensors/layouts").starter.read_text(encoding="utf-8"))
    assert result.status == "failed" and result.misconception is None


def test_a_variant_whose_grade_did_not_complete_explains_nothing(grade_layouts, monkeypatch):
    real = _Run.summary

    def summary(self, emit, reference=None, cancel=None, only=None):
        got = real(self, emit, reference, cancel, only)
        if reference is not None:  # a variant: its checks "passed", but the worker stopped on the way
            got["gone"] = {"status": "crashed", "message": "the worker stopped"}
        return got

    monkeypatch.setattr(_Run, "summary", summary)
    result = grade_layouts(layouts(to_channels_last=RESHAPE_LAST))
    assert result.status == "failed" and result.misconception is None


def test_the_label_lists_only_the_explained_checks_a_learner_may_see():
    checks = tuple(CheckResult(i, f"Title {i}", status, 0.0, 1.0) for i, status in
                   (("a", "failed"), ("b", "failed"), ("c", "passed")))
    result = GradeResult("x/y", "failed", 0.0, 3.0, checks, misconception=Misconception("m", "hint", ("b",)))
    assert result.misconception_label("en") == "Known mistake (Title b)"
    hidden = result.for_learner(lambda check: "hidden" if check == "b" else "visible", "es")
    assert hidden.misconception_label("es") == "Error conocido (comprobación oculta)"
    assert GradeResult.from_dict(result.to_dict()) == result
