"""Format 3 (work breakdown): a v2 plan opens, upgrades with a kept backup and loses nothing; an
older build refuses a v3 file with its "newer version" message."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import select

from planner import model as m
from planner.document import canonical, schema
from planner.document.project import Project
from planner.errors import FileTooNew
from planner.plan import load_plan
from planner.schedule.loader import fast_load_plan
from tests.unit.test_document_support import appdata, assert_consistent, docs, sha  # noqa: F401 - fixtures
from tests.unit.test_reliability_d_upgrade import GOLDEN, GOLDEN_SHA256


@pytest.fixture
def v2(docs) -> Path:
    path = docs / "FlagOS v2.plan"
    shutil.copy(GOLDEN[2], path)
    return path


def test_frozen_v2_sql_is_the_golden_files_schema():
    con = sqlite3.connect(":memory:")
    con.executescript(schema.frozen_sql(2))
    golden = sqlite3.connect(f"file:{GOLDEN[2]}?mode=ro", uri=True)
    assert schema.normalised(con) == schema.normalised(golden)


def test_v2_plan_upgrades_keeps_a_backup_and_every_row(v2, appdata):
    original = canonical.dump(GOLDEN[2])
    project = Project.open(v2)
    assert project.upgraded_from == 2 and project.dirty
    assert sha(v2) == GOLDEN_SHA256[2]  # opening alone never rewrites the file
    plan = project.read(load_plan)
    # nothing moved: every task keeps its dates, and none is a summary or has an owner yet
    spans = {t.code: (t.start_date.isoformat(), t.end_date.isoformat()) for t in plan.tasks}
    assert spans["TP-02"] == ("2025-01-27", "2025-04-18") and spans["EC-02"] == ("2025-04-01", "2025-04-01")
    assert all(t.parent_id is None and t.owner == "" and not t.estimated for t in plan.tasks)
    assert {t.code: t.scheduling for t in plan.tasks}["TP-03"] == "auto"
    # tasks added to the upgraded plan keep being scheduled manually, as the plan always did
    assert plan.programme.default_scheduling == "manual"
    readings = project.read(lambda s: s.exec(select(m.Reading).order_by(m.Reading.id)).all())
    assert [r.verified_by for r in readings] == ["质量部", "", ""]
    project.save()
    project.close()
    assert_consistent(v2)
    upgraded = canonical.dump(v2)
    con = sqlite3.connect(f"file:{v2}?mode=ro", uri=True)
    assert con.execute("PRAGMA user_version").fetchone()[0] == m.SCHEMA_VERSION
    new_columns = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in original}
    con.close()
    old = sqlite3.connect(f"file:{GOLDEN[2]}?mode=ro", uri=True)
    old_columns = {t: [r[1] for r in old.execute(f"PRAGMA table_info({t})")] for t in original}
    old.close()
    for table, rows in original.items():
        keep = [new_columns[table].index(c) for c in old_columns[table]]
        assert sorted((tuple(r[i] for i in keep) for r in upgraded[table]), key=repr) == rows, table
    kept = [b for b in Project.backups(v2) if b.name.startswith("pre-upgrade-v2-to-")]
    assert [sha(b) for b in kept] == [GOLDEN_SHA256[2]]


def test_upgraded_task_table_takes_undated_tasks_and_an_outline(v2, appdata):
    """The rebuilt table really dropped NOT NULL from the dates and kept every constraint."""
    project = Project.open(v2)
    project.save()
    project.close()
    con = sqlite3.connect(v2)
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("INSERT INTO task (id, code, parent_id, \"order\", name, actions, period_style, progress,"
                " roles_text, milestone_text, acceptance, risk_response, status, scheduling, is_milestone, notes)"
                " VALUES (9, 'TP-09', 1, 0, '', '', 'week', 0, '', '', '', '', 'not_started', 'auto', 0, '')")
    assert con.execute("SELECT start_date, owner, estimated FROM task WHERE id=9").fetchone() == (None, "", 0)
    for bad in ("UPDATE task SET start_date='2025-01-06' WHERE id=9",  # a start without an end
                "UPDATE task SET parent_id=9 WHERE id=9",  # its own parent
                "UPDATE task SET parent_id=99 WHERE id=9",  # no such task
                "UPDATE task SET end_date='2025-01-01' WHERE id=1"):  # ends before it starts
        with pytest.raises(sqlite3.IntegrityError):
            con.execute(bad)
    con.rollback()
    con.close()


def test_fast_loader_reads_the_new_columns(v2, appdata):
    project = Project.open(v2)
    plan = fast_load_plan(project)
    project.close()
    task = plan.task_by_code["TP-01"]
    assert (task.parent_id, task.owner, task.estimated) == (None, "", False)
    assert plan.programme.default_scheduling == "manual"


def test_an_older_build_refuses_a_v3_file_as_newer(docs, appdata, monkeypatch):
    """What the format-2 build says on meeting a format-3 plan: the check reads the version the
    running build knows, so the format-2 build is this code with SCHEMA_VERSION 2."""
    path = docs / "new.plan"
    project = Project.create(path, "WBS", m.dt.date(2025, 1, 6))
    project.save()
    project.close()
    written = m.SCHEMA_VERSION
    monkeypatch.setattr(m, "SCHEMA_VERSION", 2)
    with pytest.raises(FileTooNew) as err:
        Project.open(path)
    assert "newer version of Roadmap Planner" in str(err.value)
    assert f"file format {written}" in str(err.value) and "formats up to 2" in str(err.value)


def test_new_plans_schedule_new_tasks_automatically(docs, appdata):
    project = Project.create(docs / "fresh.plan", "WBS", m.dt.date(2025, 1, 6))
    assert project.read(load_plan).programme.default_scheduling == "auto"
    project.close()
