"""Format 4 (capacity and week numbering): a v3 plan opens, upgrades with a kept backup and loses
nothing, its outline included; an older build refuses a v4 file with its "newer version" message."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from planner import model as m
from planner.document import canonical, schema
from planner.document.project import Project
from planner.errors import FileTooNew
from planner.plan import load_plan
from planner.schedule.loader import fast_load_plan
from tests.unit.test_document_support import appdata, assert_consistent, docs, sha  # noqa: F401 - fixtures
from tests.unit.test_reliability_d_upgrade import GOLDEN, GOLDEN_SHA256


@pytest.fixture
def v3(docs) -> Path:
    path = docs / "FlagOS v3.plan"
    shutil.copy(GOLDEN[3], path)
    return path


def test_frozen_v3_sql_is_the_golden_files_schema():
    con = sqlite3.connect(":memory:")
    con.executescript(schema.frozen_sql(3))
    golden = sqlite3.connect(f"file:{GOLDEN[3]}?mode=ro", uri=True)
    assert schema.normalised(con) == schema.normalised(golden)


def test_v3_plan_upgrades_keeps_a_backup_every_row_and_the_outline(v3, appdata):
    original = canonical.dump(GOLDEN[3])
    project = Project.open(v3)
    assert project.upgraded_from == 3 and project.dirty
    assert sha(v3) == GOLDEN_SHA256[3]  # opening alone never rewrites the file
    plan = project.read(load_plan)
    by_code = {t.code: t for t in plan.tasks}
    summary = by_code["TP-00"]
    assert by_code["TP-01"].parent_id == summary.id and by_code["TP-02"].parent_id == summary.id
    assert (summary.owner, by_code["TP-02"].owner) == ("张伟", "李娜")
    assert by_code["TP-04"].estimated and by_code["TP-04"].start_date is None
    # what format 4 adds starts unset: no capacity, weeks counted from the programme start
    assert all(r.capacity is None for r in plan.roles) and all(t.capacity is None for t in plan.teams)
    assert plan.programme.week_numbering == "programme"
    assert plan.programme.default_scheduling == "auto"  # format 3's choice is kept
    project.save()
    project.close()
    assert_consistent(v3)
    upgraded = canonical.dump(v3)
    con = sqlite3.connect(f"file:{v3}?mode=ro", uri=True)
    assert con.execute("PRAGMA user_version").fetchone()[0] == m.SCHEMA_VERSION
    new_columns = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in original}
    con.close()
    old = sqlite3.connect(f"file:{GOLDEN[3]}?mode=ro", uri=True)
    old_columns = {t: [r[1] for r in old.execute(f"PRAGMA table_info({t})")] for t in original}
    old.close()
    for table, rows in original.items():
        keep = [new_columns[table].index(c) for c in old_columns[table]]
        assert sorted((tuple(r[i] for i in keep) for r in upgraded[table]), key=repr) == rows, table
    kept = [b for b in Project.backups(v3) if b.name.startswith("pre-upgrade-v3-to-v4")]
    assert [sha(b) for b in kept] == [GOLDEN_SHA256[3]]


def test_capacity_and_week_numbering_are_stored(v3, appdata):
    project = Project.open(v3)

    def set_them(session):
        role = session.get(m.Role, 1)
        role.capacity = 6
        team = session.get(m.Team, 1)
        team.capacity = 10
        session.get(m.Programme, 1).week_numbering = "iso"

    with project.session() as session:
        set_them(session)
    project.save()
    project.close()
    reopened = Project.open(v3)
    plan = fast_load_plan(reopened)
    reopened.close()
    assert {r.id: r.capacity for r in plan.roles}[1] == 6
    assert {t.id: t.capacity for t in plan.teams}[1] == 10
    assert plan.programme.week_numbering == "iso"


def test_an_older_build_refuses_a_v4_file_as_newer(docs, appdata, monkeypatch):
    """What the format-3 build says on meeting a format-4 plan (the check reads the running
    build's version, so the format-3 build is this code with SCHEMA_VERSION 3)."""
    path = docs / "new.plan"
    project = Project.create(path, "容量", m.dt.date(2025, 1, 6))
    project.save()
    project.close()
    monkeypatch.setattr(m, "SCHEMA_VERSION", 3)
    with pytest.raises(FileTooNew) as err:
        Project.open(path)
    assert "file format 4" in str(err.value) and "formats up to 3" in str(err.value)
