"""Subprocess driver for crash tests: open, edit, save or upgrade a plan, to be killed at will.

    python -m planner.document.faultcli save DOC [--tasks N]   # edit, print "ready", wait, save
    python -m planner.document.faultcli edits DOC [--count N]  # print each task code after commit
    python -m planner.document.faultcli hold DOC               # keep DOC open until stdin closes
    python -m planner.document.faultcli open DOC               # open (and upgrade), then close
    python -m planner.document.faultcli serve                  # fork one child per request line

`serve` imports everything once and forks a child per JSON request on stdin
({"cmd": "save"|"edits"|"open", "doc": ..., "data": ..., "fault": ..., "tasks": n}), so a crash
sweep of hundreds of seeds does not pay Python's start-up each time. It prints "child <pid>",
relays the child's lines, and reaps the child only when told "reap" (so its PID cannot be
reused by another process before the parent has killed it), then prints "exit <pid> <status>".

Lines on stdout are the protocol: the parent acts on "ready", "saved", "edit <code>".
Set PLANNER_FAULT=crash@<point> to die at a pipeline point; PLANNER_DATA_DIR for app-data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from sqlmodel import Session, select

from planner import model as m
from planner.changes import Area, Changes
from planner.document.project import Project


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


def cmd_save(args) -> None:
    project = Project.open(args.doc)
    for i in range(args.tasks):
        project.run(add_chained_task, f"S-{i:04d}")
    _say("ready")
    sys.stdin.readline()
    project.save()
    _say("saved")
    project.close()


def cmd_edits(args) -> None:
    project = Project.open(args.doc)
    _say("ready")
    for i in range(args.count):
        code = f"E-{i:05d}"
        project.run(add_chained_task, code)
        _say(f"edit {code}")  # only after the commit returned: an acknowledged edit
    sys.stdin.readline()
    project.close()


def cmd_hold(args) -> None:
    project = Project.open(args.doc, read_only=args.read_only)
    _say("ready")
    sys.stdin.readline()
    project.close()


def cmd_open(args) -> None:
    project = Project.open(args.doc)
    _say(f"opened {project.upgraded_from}")
    project.close()


def _child(request: dict) -> None:
    import os

    os.environ["PLANNER_DATA_DIR"] = request["data"]
    os.environ.pop("PLANNER_FAULT", None)
    if request.get("fault"):
        os.environ["PLANNER_FAULT"] = request["fault"]
    ns = argparse.Namespace(doc=request["doc"], tasks=request.get("tasks", 3), count=request.get("count", 100000))
    if request["cmd"] == "save":
        project = Project.open(ns.doc)
        for i in range(ns.tasks):
            project.run(add_chained_task, f"S-{i:04d}")
        _say(f"ready {os.getpid()}")
        if request.get("fsize"):
            _save_over_file_size_limit(project, int(request["fsize"]))
        project.save()
        _say(f"saved {os.getpid()}")
        project.close()
    elif request["cmd"] == "edits":
        project = Project.open(ns.doc)
        _say(f"ready {os.getpid()}")
        for i in range(ns.count):
            code = f"E-{i:05d}"
            project.run(add_chained_task, code)
            _say(f"edit {code}")
        project.close()
    elif request["cmd"] == "hold":
        import time

        project = Project.open(ns.doc)
        for i in range(ns.tasks):
            project.run(add_chained_task, f"H-{i:04d}")  # unsaved edits, for recovery
        _say(f"ready {os.getpid()}")
        time.sleep(600)  # until the parent kills it
    elif request["cmd"] == "open":
        project = Project.open(ns.doc)
        _say(f"ready {os.getpid()} {project.upgraded_from}")
        project.close()


def _save_over_file_size_limit(project: Project, limit: int) -> None:
    """A real write failure inside SQLite: RLIMIT_FSIZE makes write(2) fail with EFBIG."""
    import resource
    import signal

    from planner.errors import SaveFailed

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


def cmd_serve(_args) -> None:
    import json
    import os

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
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("save")
    p.add_argument("doc")
    p.add_argument("--tasks", type=int, default=3)
    p.set_defaults(func=cmd_save)
    p = sub.add_parser("edits")
    p.add_argument("doc")
    p.add_argument("--count", type=int, default=100000)
    p.set_defaults(func=cmd_edits)
    p = sub.add_parser("hold")
    p.add_argument("doc")
    p.add_argument("--read-only", action="store_true")
    p.set_defaults(func=cmd_hold)
    p = sub.add_parser("open")
    p.add_argument("doc")
    p.set_defaults(func=cmd_open)
    p = sub.add_parser("serve")
    p.set_defaults(func=cmd_serve)
    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
