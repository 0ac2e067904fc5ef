"""Class 2: the trusted side reaches a job's folder by plain names, never through a link the job made."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tutor.grading.jobfiles import JobFolder, JobFolderError


@pytest.fixture
def job(tmp_path: Path) -> JobFolder:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "reference.py").write_text("the answer")
    folder = tmp_path / "job"
    folder.mkdir()
    os.symlink(secret, folder / "run-a")
    os.symlink(secret / "reference.py", folder / "notes.txt")
    os.mkfifo(folder / "pipe")
    (folder / "real").mkdir()
    (folder / "real" / "model.ckpt.index").write_text("x")
    return JobFolder(folder)


def test_a_link_to_a_folder_is_not_listed(job: JobFolder) -> None:
    assert job.list_folder("run-a") is None and not job.is_folder("run-a")
    assert job.list_folder("real") == ["model.ckpt.index"]


def test_a_link_or_a_fifo_is_not_read(job: JobFolder) -> None:
    assert job.read_text("notes.txt") is None
    assert job.read_text("pipe") is None  # would block forever if opened for reading as a file


def test_names_with_a_slash_are_refused(job: JobFolder) -> None:
    with pytest.raises(JobFolderError):
        job.list_folder("../secret")
    with pytest.raises(JobFolderError):
        job.rename("real", "../elsewhere")


def test_rename_moves_the_link_itself_not_its_target(job: JobFolder, tmp_path: Path) -> None:
    job.rename("run-a", "moved")
    assert (tmp_path / "secret" / "reference.py").read_text() == "the answer"
    assert os.path.islink(job.path / "moved")
