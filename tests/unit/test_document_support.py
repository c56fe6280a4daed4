"""Helpers shared by the document and reliability tests (this module holds no tests)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.document import canonical
from planner.document.faultcli import add_chained_task
from planner.document.project import Project

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SIDECARS = ("-journal", "-wal", "-shm")


@pytest.fixture
def appdata(tmp_path, monkeypatch) -> Path:
    """A private app-data folder (working copies, backups) for this test."""
    folder = tmp_path / "appdata"
    folder.mkdir()
    monkeypatch.setenv("PLANNER_DATA_DIR", str(folder))
    monkeypatch.delenv("PLANNER_FAULT", raising=False)
    return folder


@pytest.fixture
def docs(tmp_path) -> Path:
    """The user's (synced) documents folder."""
    folder = tmp_path / "docs"
    folder.mkdir()
    return folder


def make_plan(path: Path, tasks: int = 3, prefix: str = "T") -> Path:
    project = Project.create(path, "FlagOS 路线图", dt.date(2025, 1, 6))
    for i in range(tasks):
        project.run(add_chained_task, f"{prefix}-{i:04d}")
    project.save()
    project.close()
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def codes(project: Project) -> list[str]:
    from planner import model as m

    from sqlmodel import select

    return project.read(lambda s: sorted(s.exec(select(m.Task.code)).all()))


def siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def stray_files(folder: Path) -> list[str]:
    """O7: temp files or SQLite side files beside documents."""
    return [n for n in siblings(folder) if ".tmp-" in n or n.endswith(SIDECARS)]


def assert_consistent(path: Path) -> None:
    """O2."""
    assert canonical.consistency_problems(path) == []


class Zygote:
    """`faultcli serve`: forks one child per request; the test kills children by PID."""

    def __init__(self):
        env = dict(os.environ)
        env.pop("PLANNER_FAULT", None)
        self.proc = subprocess.Popen(
            [PYTHON, "-m", "planner.document.faultcli", "serve"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1, cwd=ROOT, env=env,
        )

    def start(self, **request) -> int:
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline().split()
        assert line[0] == "child", line
        return int(line[1])

    def line(self) -> str:
        return self.proc.stdout.readline().strip()

    def until(self, prefix: str) -> list[str]:
        """Read lines up to and including the first that starts with `prefix`."""
        lines = []
        while True:
            line = self.line()
            if not line:
                raise AssertionError(f"server ended before {prefix!r}; got {lines}")
            lines.append(line)
            if line.startswith(prefix):
                return lines

    def reap(self, pid: int) -> tuple[list[str], int]:
        """Let the server reap `pid`; returns the child's remaining lines and its wait status."""
        self.proc.stdin.write("reap\n")
        self.proc.stdin.flush()
        lines = self.until(f"exit {pid} ")
        return lines[:-1], int(lines[-1].split()[2])

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=10)
