"""Operating-system errors at every entry point (Project, CLI): a typed, translated message, never a
traceback, nothing half-written. Full disks are real: a tiny tmpfs in a private mount namespace
(root only; skipped elsewhere); no read permission is real too: the command runs as `nobody`."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from planner.document import Project
from planner.errors import FileAccessError
from tests.unit.test_document_support import ROOT, appdata, docs, make_plan, sha, siblings  # noqa: F401

PYTHON = sys.executable


def _can_mount() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"], capture_output=True)
    return probe.returncode == 0


needs_mount = pytest.mark.skipif(not _can_mount(), reason="needs root and mount namespaces for a real full disk")


def _in_full_disk(folder: Path, size_kb: int, script: str, *args: str, fill: bool = True) -> subprocess.CompletedProcess:
    """Run `script` with a `size_kb` tmpfs mounted over `folder` (its files copied in first); with
    `fill`, the free space is used up before the script runs."""
    keep = folder.with_name(folder.name + ".orig")
    shutil.copytree(folder, keep)
    fill_cmd = f'dd if=/dev/zero of="{folder}/.filler" bs=1k 2>/dev/null; sync;' if fill else ""
    shell = (f'mount -t tmpfs -o size={size_kb}k tmpfs "{folder}" && cp -a "{keep}/." "{folder}/" && {fill_cmd} '
             f'exec "{PYTHON}" -c "$0" "$@"')
    return subprocess.run(["unshare", "-m", "sh", "-c", shell, textwrap.dedent(script), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_a_folder_named_like_a_plan(appdata, docs):
    folder = docs / "x.plan"
    folder.mkdir()
    with pytest.raises(FileAccessError) as info:
        Project.open(folder)
    assert info.value.key == "is_folder" and "folder" in str(info.value)
    proc = subprocess.run([PYTHON, "-m", "planner", "info", str(folder)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and "folder" in proc.stderr and "Traceback" not in proc.stderr


def test_a_missing_plan(appdata, docs):
    with pytest.raises(FileNotFoundError) as info:  # also a FileAccessError for the recent-files list
        Project.open(docs / "gone.plan")
    assert isinstance(info.value, FileAccessError) and "gone.plan" in str(info.value)
    assert not (docs / "gone.plan").exists()


@pytest.mark.skipif(not shutil.which("setpriv") or os.geteuid() != 0, reason="needs root to run as nobody")
def test_no_permission_to_read_the_plan(tmp_path):
    shared = Path("/tmp") / f"planner-perm-{os.getpid()}"
    shared.mkdir(mode=0o777, exist_ok=True)
    os.chmod(shared, 0o777)
    try:
        data = shared / "appdata"
        data.mkdir(mode=0o777, exist_ok=True)
        os.chmod(data, 0o777)
        doc = make_plan(shared / "secret.plan")
        os.chmod(doc, 0)
        for verb in ("info", "dump"):
            proc = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", PYTHON, "-m",
                                   "planner", verb, str(doc)], capture_output=True, text=True, cwd=ROOT, timeout=120,
                                  env={**os.environ, "PLANNER_DATA_DIR": str(data), "HOME": str(shared)})
            assert proc.returncode == 2, proc.stderr
            assert "permission" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
        assert stat.S_IMODE(doc.stat().st_mode) == 0
    finally:
        shutil.rmtree(shared, ignore_errors=True)


@needs_mount
def test_the_plans_folder_full_at_open(appdata, docs):
    doc = make_plan(docs / "plan.plan")
    before = sha(doc)
    proc = _in_full_disk(docs, 512, """
        import os, sys
        from planner.document import Project
        from planner.errors import FileAccessError
        try:
            Project.open(sys.argv[1]).close()
            print("OPENED")
        except FileAccessError as exc:
            print("REFUSED", exc.key, exc)
        print("LEFT", sorted(n for n in os.listdir(os.path.dirname(sys.argv[1])) if n != ".filler"))
    """, str(doc))
    assert "REFUSED disk_full" in proc.stdout, proc.stdout + proc.stderr
    assert "the disk is full" in proc.stdout and "Traceback" not in proc.stderr
    assert "LEFT ['plan.plan']" in proc.stdout  # no lock and no half-written lock temp
    assert sha(doc) == before


@needs_mount
def test_app_data_full_during_save(appdata, docs):
    doc = make_plan(docs / "plan.plan")
    proc = _in_full_disk(appdata, 4096, """
        import os, sys
        from planner.document import Project
        from planner.document.faultcli import add_chained_task
        from planner.errors import PlannerError
        project = Project.open(sys.argv[1])
        project.run(add_chained_task, "F-0001")
        filler = os.path.join(os.environ["PLANNER_DATA_DIR"], ".filler")
        with open(filler, "wb") as fh:  # the app-data disk fills up while the plan is open
            try:
                while True:
                    fh.write(b"\\0" * 65536)
            except OSError:
                pass
        try:
            project.save()
            print("SAVED")
        except PlannerError as exc:
            print("REFUSED", type(exc).__name__, exc)
        project.close()
    """, str(doc), fill=False)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "SAVED" in proc.stdout or "REFUSED" in proc.stdout, proc.stdout + proc.stderr
    if "SAVED" in proc.stdout:
        with Project.open(doc, read_only=True) as project:
            from tests.unit.test_document_support import codes

            assert "F-0001" in codes(project)


@needs_mount
def test_a_report_onto_a_full_disk(appdata, docs, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    doc = make_plan(docs / "plan.plan")
    proc = _in_full_disk(out, 64, """
        import sys
        from planner.cli import run_cli
        sys.exit(run_cli(["report", "monthly", sys.argv[1], "-o", sys.argv[2]]))
    """, str(doc), str(out / "review.pdf"))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.strip(), proc.stderr


def test_a_team_named_with_characters_sheet_titles_forbid(appdata, docs, tmp_path):
    from sqlmodel import select

    from planner import model as m

    doc = make_plan(docs / "plan.plan")
    with Project.open(doc) as project:
        with project.session() as s:
            s.add(m.Team(name="核心/技术?部*[A]:B\\C"))
        project.save()
    out = tmp_path / "collect.xlsx"
    proc = subprocess.run([PYTHON, "-m", "planner", "export", str(doc), "--template", "collect", "--team",
                           "核心/技术?部*[A]:B\\C", "--period", "2025-04", "-o", str(out)], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "PLANNER_DATA_DIR": str(appdata)})
    assert proc.returncode == 0, proc.stderr
    from openpyxl import load_workbook

    assert any("核心／技术？部" in name for name in load_workbook(out).sheetnames)
    assert select is not None and dt is not None
