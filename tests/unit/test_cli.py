"""The headless CLI in a subprocess: new, info, validate, dump; user errors give one message, no traceback."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from planner.document import Project
from planner.services import raci, structure, tasks
from planner.services import dependencies as deps

ROOT = Path(__file__).resolve().parents[2]
START = dt.date(2025, 1, 6)


def cli(*args, cwd=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "planner", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=cwd, timeout=120)


def cli_here(capsys, *args) -> subprocess.CompletedProcess:
    """The same command in this process: an escaping exception would fail the test right here."""
    from planner.__main__ import main

    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, captured.out, captured.err)


def assert_user_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


@pytest.fixture(scope="module")
def flagos_like(tmp_path_factory) -> Path:
    """A saved plan with a RACI problem (no A on 生态建设) and a fixed date that breaks a link."""
    path = tmp_path_factory.mktemp("cli") / "plan.plan"
    project = Project.create(path, "FlagOS 路线图", START)
    tp = project.run(structure.add_module, "技术产品", "TP").created
    ec = project.run(structure.add_module, "生态建设", "EC").created
    team = project.run(structure.add_team, "核心研发部").created
    board = project.run(structure.add_team, "决策委员会").created
    t1 = project.run(tasks.add_task, "TP-01", module_id=tp, start=START, end=START + dt.timedelta(days=53),
                     scheduling="manual").created
    t2 = project.run(tasks.add_task, "TP-02", module_id=tp, start=START + dt.timedelta(days=21),
                     end=START + dt.timedelta(days=81), scheduling="manual").created  # fixed dates
    project.run(deps.set_dependencies_text, t2, "TP-01核心组件开发完成")
    project.run(raci.set_raci, module_id=tp, team_id=board, role="A")
    project.run(raci.set_raci, module_id=tp, team_id=team, role="R")
    project.run(raci.set_raci, module_id=ec, team_id=team, role="R")
    project.save()
    project.close()
    assert t1
    return path


def test_new_then_info(tmp_path, capsys):
    result = cli("new", tmp_path / "x.plan", "--name", "开源生态", "--start", "2025-01-06")
    assert result.returncode == 0, result.stderr
    info = cli("info", tmp_path / "x.plan")
    assert info.returncode == 0
    assert "开源生态" in info.stdout and "2025-01-06" in info.stdout
    data = json.loads(cli_here(capsys, "info", tmp_path / "x.plan", "--json").stdout)
    assert data["name"] == "开源生态" and data["counts"]["tasks"] == 0 and data["language"] == "zh_CN"


def test_info_counts_what_the_plan_holds(flagos_like, capsys):
    data = json.loads(cli_here(capsys, "info", flagos_like, "--json").stdout)
    assert data["counts"]["tasks"] == 2 and data["counts"]["dependencies"] == 1
    assert data["counts"]["modules"] == 2 and data["counts"]["raci"] == 3
    assert (data["first_task_start"], data["last_task_end"]) == ("2025-01-06", "2025-03-28")


def test_new_refuses_to_overwrite_and_bad_arguments(tmp_path, capsys):
    target = tmp_path / "keep.plan"
    assert cli_here(capsys, "new", target, "--name", "A", "--start", "2025-01-06").returncode == 0
    before = target.read_bytes()
    assert_user_error(cli("new", target, "--name", "B", "--start", "2025-01-06"), "already exists")
    assert target.read_bytes() == before
    assert_user_error(cli_here(capsys, "new", tmp_path / "y.plan", "--name", "B", "--start", "2025-02-30"), "--start")
    assert_user_error(cli_here(capsys, "new", tmp_path / "y.plan", "--name", "B", "--start", "1800-01-01"), "--start")
    assert_user_error(cli_here(capsys, "new", tmp_path / "y.plan", "--name", " ", "--start", "2025-01-06"), "--name")
    assert_user_error(cli_here(capsys, "new", tmp_path / "no" / "y.plan", "--name", "B", "--start", "2025-01-06"),
                      "does not exist")
    assert not (tmp_path / "y.plan").exists()


def test_dump_is_byte_stable_across_runs_and_to_a_file(flagos_like, tmp_path, capsys):
    first, second = cli("dump", flagos_like), cli("dump", flagos_like)
    assert first.returncode == 0 and first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert [t["code"] for t in data["tables"]["task"]] == ["TP-01", "TP-02"]
    out = tmp_path / "dump.json"
    assert cli_here(capsys, "dump", flagos_like, "-o", out).returncode == 0
    assert out.read_text(encoding="utf-8") == first.stdout
    natural = json.loads(cli_here(capsys, "dump", flagos_like, "--natural").stdout)
    assert natural["tables"]["dependency"][0]["predecessor_id"] == "TP-01"


def test_validate_reports_raci_errors_and_date_warnings(flagos_like, capsys):
    result = cli("validate", flagos_like)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "error: Module 生态建设: no team is Accountable" in result.stdout
    assert "warning:" in result.stdout and "TP-02" in result.stdout
    findings = json.loads(cli_here(capsys, "validate", flagos_like, "--json").stdout)
    kinds = {(f["level"], f["kind"]) for f in findings}
    assert ("error", "raci_no_a") in kinds and ("warning", "date_before_dependency") in kinds


def test_validate_passes_with_warnings_only(flagos_like, tmp_path, capsys):
    fixed = tmp_path / "fixed.plan"
    project = Project.open(flagos_like, read_only=True)
    try:
        project.save_as(fixed)
    finally:
        project.close()
    project = Project.open(fixed)
    project.run(raci.set_raci, module_id=2, team_id=2, role="A")  # 决策委员会 becomes A of 生态建设
    project.save()
    project.close()
    result = cli_here(capsys, "validate", fixed)
    assert result.returncode == 0, result.stdout
    assert "0 error(s), 1 warning(s)" in result.stdout


def test_validate_names_a_cycle_written_behind_the_apps_back(flagos_like, tmp_path):
    broken = tmp_path / "cycle.plan"
    broken.write_bytes(flagos_like.read_bytes())
    with contextlib.closing(sqlite3.connect(broken)) as con:
        con.execute("INSERT INTO dependency (predecessor_id, successor_id, type, lag, lag_unit, threshold, text)"
                    " VALUES (2, 1, 'FS', 0, 'd', 1.0, '')")
        con.commit()
    result = cli("validate", broken)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cycle" in result.stdout.lower() and "TP-01" in result.stdout and "TP-02" in result.stdout


def _not_a_plan(folder: Path) -> Path:
    path = folder / "other.plan"
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute("CREATE TABLE t (x)")
        con.commit()
    return path


def _workbook(folder: Path) -> Path:
    path = folder / "template.plan"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    return path


def _random_bytes(folder: Path) -> Path:
    path = folder / "noise.plan"
    path.write_bytes(bytes(range(256)) * 64)
    return path


def _truncated(folder: Path, source: Path) -> Path:
    path = folder / "truncated.plan"
    path.write_bytes(source.read_bytes()[:1500])
    return path


BAD_FILES = ["missing", "random", "not_a_plan", "workbook", "empty", "folder", "truncated"]


def _bad_file(make: str, tmp_path: Path, flagos_like: Path) -> Path:
    return {
        "missing": lambda: tmp_path / "missing.plan",
        "random": lambda: _random_bytes(tmp_path),
        "not_a_plan": lambda: _not_a_plan(tmp_path),
        "workbook": lambda: _workbook(tmp_path),
        "empty": lambda: (tmp_path / "empty.plan").write_bytes(b"") or tmp_path / "empty.plan",
        "folder": lambda: tmp_path,
        "truncated": lambda: _truncated(tmp_path, flagos_like),
    }[make]()


@pytest.mark.parametrize("command", ["info", "validate", "dump"])
@pytest.mark.parametrize("make", BAD_FILES)
def test_bad_files_give_one_clear_message(tmp_path, flagos_like, capsys, command, make):
    path = _bad_file(make, tmp_path, flagos_like)
    before = path.read_bytes() if path.is_file() else None
    assert_user_error(cli_here(capsys, command, path))
    if before is not None:
        assert path.read_bytes() == before  # never touched


@pytest.mark.parametrize("make", ["missing", "truncated"])
def test_bad_files_in_a_subprocess_print_no_traceback(tmp_path, flagos_like, make):
    assert_user_error(cli("info", _bad_file(make, tmp_path, flagos_like)))


def test_bundled_flagos_sample_validates_and_dumps_stably(capsys):
    sample = ROOT / "resources" / "samples" / "flagos.plan"
    if not sample.exists():
        pytest.skip("the FlagOS sample is not built yet")
    first, second = cli("dump", sample), cli("dump", sample)
    assert first.returncode == 0 and first.stdout == second.stdout
    result = cli_here(capsys, "validate", sample)
    assert "Traceback" not in result.stderr and result.returncode in (0, 1)
    assert "TP-02" in result.stdout  # its fixed week-4 start breaks the link to TP-01 (a warning)


def test_a_mistyped_command_is_named_not_opened_as_a_window(capsys):
    result = cli_here(capsys, "pubish", "x.plan")
    assert result.returncode == 2
    assert_user_error(result, "pubish", "planner --help", "schedule")
    near = cli_here(capsys, "shedule", "x.plan")
    assert_user_error(near, "shedule", "“schedule”")


def test_a_mistyped_command_in_chinese(capsys):
    from planner import i18n

    before = i18n.language()
    i18n.set_language("zh_CN")
    try:
        result = cli_here(capsys, "pubish", "x.plan")
    finally:
        i18n.set_language(before)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("错误：未知命令“pubish”"), result.stderr


def test_a_plan_without_a_display_says_so_and_starts_no_window(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", PLANNER_LANG="en")
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "planner", str(tmp_path / "a.plan")],
                            capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert result.returncode == 2
    lines = [ln for ln in result.stderr.splitlines() if not ln.startswith("import time:")]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "display" in lines[0], result.stderr
    assert "PySide6" not in result.stderr  # Qt is never loaded


def test_version_and_help_import_no_sub_command():
    for flag in ("--version", "--help"):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
        result = subprocess.run([sys.executable, "-X", "importtime", "-m", "planner", flag], capture_output=True,
                                text=True, encoding="utf-8", env=env, timeout=120)
        assert result.returncode == 0
        assert "planner" in result.stdout
        for heavy in ("planner.cli.cmd_", "sqlalchemy", "matplotlib", "openpyxl", "planner.model"):
            assert heavy not in result.stderr, (flag, heavy)
    help_text = cli("--help").stdout
    for name in ("new", "info", "validate", "schedule", "dump", "import", "export", "chart", "report"):
        assert name in help_text
