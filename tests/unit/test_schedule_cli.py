"""`planner schedule`: the FlagOS sample's critical path, conflicts and stable output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli import run_cli

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "flagos.plan"
needs_sample = pytest.mark.skipif(not SAMPLE.exists(), reason="FlagOS sample not built")


def _json(capsys, *extra):
    assert run_cli(["schedule", str(SAMPLE), "--json", "--today", "2025-03-15", *extra]) == 0
    return capsys.readouterr().out


@needs_sample
def test_flagos_conflicts_are_listed_as_warnings(capsys):
    data = json.loads(_json(capsys))
    broken = {c["task"] for c in data["conflicts"] if c["kind"] == "date_before_dependency"}
    assert {"TP-02", "TP-03", "EC-04"} <= broken
    tp2 = next(c for c in data["conflicts"] if c["task"] == "TP-02")
    assert "TP-01" in tp2["message"]
    assert data["critical_path"] and data["project_finish"] >= data["project_start"]
    codes = [t["code"] for t in data["tasks"]]
    assert codes[:4] == ["TP-01", "TP-02", "TP-03", "TP-04"]


@needs_sample
def test_output_is_byte_stable(capsys):
    assert _json(capsys) == _json(capsys)


@needs_sample
def test_text_table_names_the_critical_path_and_conflicts(capsys):
    assert run_cli(["schedule", str(SAMPLE), "--today", "2025-03-15"]) == 0
    out = capsys.readouterr().out
    assert "Critical path:" in out and "Conflicts (" in out and "TP-02 starts" in out


@needs_sample
def test_bad_today_is_a_clear_error(capsys):
    assert run_cli(["schedule", str(SAMPLE), "--today", "15/03/2025"]) == 2
    err = capsys.readouterr().err
    assert "--today" in err and "15/03/2025" in err


def _cycle_plan(tmp_path):
    import datetime as dt

    from planner import model as m
    from planner.document import Project

    project = Project.new("Cycle", dt.date(2025, 1, 6))
    with project.session() as s:
        tasks = [m.Task(code=c, start_date=dt.date(2025, 1, 6), end_date=dt.date(2025, 1, 10)) for c in
                 ("TP-01", "TP-02", "TP-03")]
        s.add_all(tasks)
        s.flush()
        for a, b in ((0, 1), (1, 2), (2, 0)):
            s.add(m.Dependency(predecessor_id=tasks[a].id, successor_id=tasks[b].id))
    project.save_as(tmp_path / "cycle.plan")
    project.close()
    return tmp_path / "cycle.plan"


def test_cycle_exits_with_the_cycle_named(tmp_path, capsys):
    path = _cycle_plan(tmp_path)
    assert run_cli(["schedule", str(path)]) == 2
    err = capsys.readouterr().err
    assert "TP-01 → TP-02 → TP-03 → TP-01" in err and "Traceback" not in err
