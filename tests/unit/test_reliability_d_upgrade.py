"""RELIABILITY-MATRIX D: upgrades from every released format, failing and killed upgrades, real transactions."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import select

from planner import model as m
from planner.document import canonical, migrations, paths, workcopy
from planner.document.lock import lock_path
from planner.document.project import Project
from planner.errors import UpgradeFailed
from planner.plan import load_plan
from tests.unit.test_document_support import (  # noqa: F401 - fixtures
    Zygote,
    appdata,
    assert_consistent,
    docs,
    sha,
    siblings,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
GOLDEN = {1: FIXTURES / "v1.plan", 2: FIXTURES / "v2.plan", 3: FIXTURES / "v3.plan"}
GOLDEN_SHA256 = {
    1: "206e6453e6e0386f56a01e8cb8c8643ddb04ddfe742502275a037bb4056bd412",
    2: "05f878ccfc0ebfc2514baeaf64df87a88c21deb47c1c9cbfb05cfbb6e21ab1d9",
    3: "951b804910153fa1c26f2b56165399a3af6b3e4a124585cb9c646a91ba21cdc7",
}
"""Golden files are never regenerated: a changed hash means someone rewrote history."""


@pytest.fixture
def v1(docs) -> Path:
    path = docs / "FlagOS v1.plan"
    shutil.copy(GOLDEN[1], path)
    return path


def test_golden_files_are_the_released_ones():
    for version, path in GOLDEN.items():
        assert sha(path) == GOLDEN_SHA256[version], f"{path.name} was regenerated"


# --- D1 ------------------------------------------------------------------------------------------
def test_d1_upgrade_from_v1_keeps_every_row(v1, appdata, docs):
    original = canonical.dump(GOLDEN[1])
    project = Project.open(v1)
    assert project.upgraded_from == 1 and project.dirty  # the upgrade reaches the file on Save
    assert sha(v1) == GOLDEN_SHA256[1]  # opening alone never rewrites the file
    plan = project.read(load_plan)
    assert plan.programme.name == "FlagOS 多芯片生态路线图"
    assert sorted(t.code for t in plan.tasks) == ["EC-01", "EC-02", "TP-01", "TP-02", "TP-03"]
    threshold = {(d.predecessor_id, d.successor_id): d.threshold for d in plan.dependencies}
    assert threshold[(2, 3)] == 0.3
    readings = project.read(lambda s: s.exec(select(m.Reading).order_by(m.Reading.id)).all())
    assert [r.cumulative_value for r in readings] == [6.0, 11.0, None]
    assert all(r.verified_by == "" for r in readings)  # the new column's default
    project.save()
    project.close()
    assert_consistent(v1)  # O2
    upgraded = canonical.dump(v1)
    con = sqlite3.connect(f"file:{v1}?mode=ro", uri=True)
    assert con.execute("PRAGMA user_version").fetchone()[0] == m.SCHEMA_VERSION
    columns = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in original}
    con.close()
    old_con = sqlite3.connect(f"file:{GOLDEN[1]}?mode=ro", uri=True)
    old_columns = {t: [r[1] for r in old_con.execute(f"PRAGMA table_info({t})")] for t in original}
    old_con.close()
    for table, rows in original.items():
        keep = [columns[table].index(c) for c in old_columns[table]]
        assert sorted((tuple(r[i] for i in keep) for r in upgraded[table]), key=repr) == rows, table
    assert Project.backups(v1)[-1].name.startswith("pre-upgrade-v1-to-v")


# --- D2 ------------------------------------------------------------------------------------------
def _failing_step(con):
    raise RuntimeError("simulated failure in the middle of the upgrade")


def test_d2_failing_migration_leaves_original_byte_identical(v1, appdata, docs, monkeypatch):
    real = migrations.MIGRATIONS[2]
    broken = migrations.Migration(2, real.summary, real.steps + (_failing_step,))
    monkeypatch.setitem(migrations.MIGRATIONS, 2, broken)
    with pytest.raises(UpgradeFailed) as err:
        Project.open(v1)
    assert "not changed" in str(err.value) and "simulated failure" in str(err.value)
    assert sha(v1) == GOLDEN_SHA256[1]  # O1
    assert siblings(docs) == [v1.name]  # lock released, nothing written beside it
    assert list(paths.work_root().iterdir()) == []
    (backup,) = Project.backups(v1)
    assert sha(backup) == GOLDEN_SHA256[1]  # the pre-upgrade backup
    monkeypatch.setitem(migrations.MIGRATIONS, 2, real)
    project = Project.open(v1)  # retry succeeds once the cause is gone
    assert project.upgraded_from == 1
    project.close()


def test_a9_repeated_failing_upgrades_keep_the_pre_upgrade_backup(v1, appdata, monkeypatch):
    real = migrations.MIGRATIONS[2]
    monkeypatch.setitem(migrations.MIGRATIONS, 2, migrations.Migration(2, "", (_failing_step,)))
    for _ in range(30):
        with pytest.raises(UpgradeFailed):
            Project.open(v1)
    backups = Project.backups(v1)
    assert len(backups) <= workcopy.UPGRADE_BACKUPS_KEPT + workcopy.BACKUPS_KEPT
    assert [sha(b) for b in backups] == [GOLDEN_SHA256[1]]
    monkeypatch.setitem(migrations.MIGRATIONS, 2, real)


@pytest.mark.parametrize("point", ["upgrade-begun", "upgrade-steps-done"])
def test_d2_killed_during_upgrade(point, v1, appdata, docs):
    server = Zygote()
    try:
        pid = server.start(cmd="open", doc=str(v1), data=str(appdata), fault=f"crash@{point}")
        lines, status = server.reap(pid)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, lines
    finally:
        server.close()
    assert sha(v1) == GOLDEN_SHA256[1]  # O1
    assert [sha(b) for b in Project.backups(v1)] == [GOLDEN_SHA256[1]]
    assert lock_path(v1).exists()  # the dead process's lock ...
    project = Project.open(v1)  # ... is taken over; the upgrade is simply redone
    assert project.upgraded_from == 1 and project.lock_taken_over is not None
    project.save()
    project.close()
    assert_consistent(v1)
    assert siblings(docs) == [v1.name]


# --- D4 / D5 --------------------------------------------------------------------------------------
def _raw_v1(tmp_path) -> sqlite3.Connection:
    path = tmp_path / "raw.sqlite"
    shutil.copy(GOLDEN[1], path)
    return sqlite3.connect(path, isolation_level=None)


def test_d5_ddl_is_really_transactional(tmp_path, monkeypatch):
    def create_then_fail(con):
        con.execute("CREATE TABLE half_done(x)")
        raise RuntimeError("after DDL")

    real = migrations.MIGRATIONS[2]
    monkeypatch.setitem(migrations.MIGRATIONS, 2, migrations.Migration(2, "", real.steps + (create_then_fail,)))
    con = _raw_v1(tmp_path)
    with pytest.raises(migrations.MigrationError):
        migrations.upgrade(con, 1)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_schema")}
    assert "half_done" not in names
    assert "verified_by" not in [r[1] for r in con.execute("PRAGMA table_info(reading)")]  # ALTER undone
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_d4_foreign_keys_off_during_steps_and_checked_before_commit(tmp_path, monkeypatch):
    seen = []

    def plant_violation(con):
        seen.append(con.execute("PRAGMA foreign_keys").fetchone()[0])
        con.execute("INSERT INTO taskrole(task_id, role_id, headcount, \"order\") VALUES (1, 999, 1, 9)")

    real = migrations.MIGRATIONS[2]
    monkeypatch.setitem(migrations.MIGRATIONS, 2, migrations.Migration(2, "", real.steps + (plant_violation,)))
    con = _raw_v1(tmp_path)
    with pytest.raises(migrations.MigrationError) as err:
        migrations.upgrade(con, 1)
    assert seen == [0]  # OFF while the steps run (as SQLite's table-rebuild recipe needs)
    assert "broken reference" in str(err.value)
    assert con.execute("SELECT count(*) FROM taskrole WHERE role_id=999").fetchone()[0] == 0
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1


def test_d2_killed_at_random_instants_during_open_and_upgrade(v1, appdata, docs):
    import random
    import time

    server = Zygote()
    try:
        times = []
        for _ in range(3):
            began = time.perf_counter()
            pid = server.start(cmd="open", doc=str(v1), data=str(appdata))
            server.until("ready")
            times.append(time.perf_counter() - began)
            server.reap(pid)
        took = sorted(times)[1]
        outcomes = {"killed": 0, "finished": 0}
        for seed in range(12):
            rnd = random.Random(seed)
            pid = server.start(cmd="open", doc=str(v1), data=str(appdata))
            time.sleep(rnd.uniform(0, took))
            os.kill(pid, signal.SIGKILL)
            _, status = server.reap(pid)
            outcomes["killed" if os.WIFSIGNALED(status) else "finished"] += 1
            assert sha(v1) == GOLDEN_SHA256[1], f"seed {seed}"  # O1 at every instant
            assert all(sha(b) == GOLDEN_SHA256[1] for b in Project.backups(v1)), f"seed {seed}"
    finally:
        server.close()
    assert outcomes["killed"] >= 3
    project = Project.open(v1)  # takes over whatever lock the last child left
    assert project.upgraded_from == 1
    project.save()
    project.close()
    assert_consistent(v1)
    assert siblings(docs) == [v1.name]
    print(f"D2 random kills: {outcomes}")
