"""Subprocess driver for crash tests: open, edit, save or upgrade a plan, to be killed at will.

    python -m planner.document.faultcli save DOC [--tasks N]   # N edits, "ready", save, "saved"
    python -m planner.document.faultcli edits DOC [--count N]  # "edit <code>" after each commit
    python -m planner.document.faultcli hold DOC [--tasks N]   # N unsaved edits, "ready", wait
    python -m planner.document.faultcli open DOC               # open (and upgrade), "ready", close
    python -m planner.document.faultcli serve                  # fork one child per request line

`serve` imports everything once and forks a child per JSON request on stdin
({"cmd": "save"|"edits"|"hold"|"open", "doc": ..., "data": ..., "fault": ..., "tasks": n,
"fsize": bytes}), so a crash sweep of hundreds of seeds does not pay Python's start-up each
time. It prints "child <pid>", relays the child's lines, and reaps the child only when told
"reap" (so its PID cannot be reused by another process before the parent has killed it), then
prints "exit <pid> <status>".

Set PLANNER_FAULT=crash@<point> to die at a pipeline point; PLANNER_DATA_DIR for app-data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time

from sqlmodel import Session, select

from planner import model as m
from planner.changes import Area, Changes
from planner.document.project import Project
from planner.errors import SaveFailed


def add_chained_task(session: Session, code: str) -> Changes:
    """One edit = a task and its link to the previous task: a half-applied edit is detectable."""
    last = session.exec(select(m.Task).order_by(m.Task.id.desc())).first()
    day = dt.date(2025, 1, 6)
    task = m.Task(code=code, name=f"任务 {code}", start_date=day, end_date=day + dt.timedelta(days=4))
    session.add(task)
    session.flush()
    if last is not None:
        session.add(m.Dependency(predecessor_id=last.id, successor_id=task.id, text=code))
    return Changes(Area.TASKS | Area.DEPENDENCIES, frozenset({task.id}), created=task.id)


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _save_over_file_size_limit(project: Project, limit: int) -> None:
    """A real write failure inside SQLite: RLIMIT_FSIZE makes write(2) fail with EFBIG."""
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        project.save()
        _say("savefailed none")
    except SaveFailed as exc:
        _say(f"savefailed {exc}")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def run(request: dict) -> None:
    """Carry out one request, printing the protocol lines."""
    pid = os.getpid()
    cmd, doc, tasks = request["cmd"], request["doc"], int(request.get("tasks", 3))
    project = Project.open(doc)
    if cmd == "open":
        _say(f"ready {pid} {project.upgraded_from}")
    elif cmd == "save":
        for i in range(tasks):
            project.run(add_chained_task, f"S-{i:04d}")
        _say(f"ready {pid}")
        if request.get("fsize"):
            _save_over_file_size_limit(project, int(request["fsize"]))
        project.save()
        _say(f"saved {pid}")
    elif cmd == "edits":
        _say(f"ready {pid}")
        for i in range(int(request.get("count", 100_000))):
            project.run(add_chained_task, f"E-{i:05d}")
            _say(f"edit E-{i:05d}")  # only after the commit returned: an acknowledged edit
    elif cmd == "hold":
        for i in range(tasks):
            project.run(add_chained_task, f"H-{i:04d}")  # unsaved edits, for recovery
        _say(f"ready {pid}")
        time.sleep(600)  # until the parent kills it
    project.close()


def _child(request: dict) -> None:
    os.environ["PLANNER_DATA_DIR"] = request["data"]
    os.environ.pop("PLANNER_FAULT", None)
    if request.get("fault"):
        os.environ["PLANNER_FAULT"] = request["fault"]
    run(request)


def serve() -> None:
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                _child(request)
            except BaseException as exc:  # report, never fall back into the serving loop
                _say(f"error {type(exc).__name__}: {exc}")
                code = 1
            finally:
                sys.stdout.flush()
                os._exit(code)
        _say(f"child {pid}")
        while (cmd := sys.stdin.readline().strip()) != "reap":
            if not cmd:
                break
        _, status = os.waitpid(pid, 0)
        _say(f"exit {pid} {status}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="faultcli")
    parser.add_argument("cmd", choices=("save", "edits", "hold", "open", "serve"))
    parser.add_argument("doc", nargs="?")
    parser.add_argument("--tasks", type=int, default=3)
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args(argv)
    if args.cmd == "serve":
        serve()
    elif not args.doc:
        parser.error("DOC is required")
    else:
        run({"cmd": args.cmd, "doc": args.doc, "tasks": args.tasks, "count": args.count})


if __name__ == "__main__":
    main()
