"""Plans on a real PostgreSQL server: publish, open by URL, the CLI, migrations, local copies."""

from __future__ import annotations

import subprocess
import sys

import psycopg
import pytest
from sqlmodel import select

from planner import model as m
from planner.document import Project
from planner.errors import FileTooNew, NotFound, ValidationError
from planner.server.project import ServerProject, list_plans, publish
from planner.services.tasks import update_task


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True, text=True, timeout=120)


def test_publish_then_dump_schedule_validate_by_url_equal_the_file(pg, sample_file):
    out = cli("publish", str(sample_file), pg.url("plans"), "--name", "cli-flagos")
    assert out.returncode == 0, out.stderr
    assert "plan=cli-flagos" in out.stdout
    url = pg.url("plans", plan="cli-flagos")
    for command in ("dump", "schedule", "validate"):
        from_file, from_server = cli(command, str(sample_file)), cli(command, url)
        assert from_server.returncode == from_file.returncode, from_server.stderr
        assert from_server.stdout == from_file.stdout, command
    again = cli("publish", str(sample_file), pg.url("plans"), "--name", "cli-flagos")
    assert again.returncode == 2 and "already has a plan “cli-flagos”" in again.stderr
    assert "cli-flagos" in cli("publish", "--list", pg.url("plans")).stdout


def test_project_open_accepts_the_url_and_names_missing_plans(pg, published):
    with Project.open(published()) as p:
        assert isinstance(p, ServerProject) and p.role == "owner"
        assert p.read(lambda s: len(s.exec(select(m.Task)).all())) == 20
    with pytest.raises(NotFound, match="no plan “nope”"):
        Project.open(pg.url("plans", plan="nope"))
    with pytest.raises(ValidationError, match=published.name):  # no ?plan=: the plans there are listed
        Project.open(pg.url("plans"))
    assert published.name in [p["name"] for p in list_plans(pg.url("plans"))]


def test_an_unreachable_server_is_one_sentence(tmp_path):
    out = cli("dump", "postgresql://nobody@127.0.0.1:1/plans?plan=x")
    assert out.returncode == 2 and out.stderr.startswith("error: Cannot reach the plan server") and "Traceback" not in out.stderr


def test_migration_runs_on_the_server_in_one_transaction(pg, published):
    schema = ServerProject.open(published(), listen=False)
    name, where = published.name, schema.schema
    schema.close()
    with psycopg.connect(pg.url("plans"), autocommit=True) as con:  # make it a format-2 plan
        con.execute(f"ALTER TABLE {where}.task DROP COLUMN owner")
        con.execute(f"ALTER TABLE {where}.task ALTER COLUMN start_date SET NOT NULL")
        con.execute(f"DROP TABLE {where}.baselinetask")
        con.execute(f"ALTER TABLE {where}.team DROP COLUMN capacity")  # and format 4's columns
        con.execute(f"ALTER TABLE {where}.programme DROP COLUMN week_numbering")
        con.execute("UPDATE planner.plan SET schema_version = 2 WHERE name = %s", (name,))
    with ServerProject.open(published()) as p:
        assert p.upgraded_from == 2
        assert p.read(lambda s: s.exec(select(m.Programme)).one().week_numbering) == "programme"
        assert p.read(lambda s: s.get(m.Team, 1).capacity) is None
        p.run(update_task, 1, owner="王工", start_date=None, end_date=None)
        assert p.read(lambda s: s.get(m.Task, 1).owner) == "王工"
        assert p.read(lambda s: s.exec(select(m.BaselineTask)).all()) == []
    with psycopg.connect(pg.url("plans"), autocommit=True) as con:
        assert con.execute("SELECT schema_version FROM planner.plan WHERE name = %s", (name,)).fetchone()[0] == m.SCHEMA_VERSION
        con.execute("UPDATE planner.plan SET schema_version = 99 WHERE name = %s", (name,))
    with pytest.raises(FileTooNew, match="newer version"):
        ServerProject.open(published())


def test_a_failed_migration_changes_nothing(pg, published):
    p = ServerProject.open(published(), listen=False)
    where = p.schema
    p.close()
    with psycopg.connect(pg.url("plans"), autocommit=True) as con:
        con.execute(f"ALTER TABLE {where}.task DROP COLUMN owner")
        con.execute(f"DROP TABLE {where}.baselinetask")
        # a column the upgrade must add NOT NULL without a default, on a table with rows: it fails
        con.execute(f"ALTER TABLE {where}.baseline DROP COLUMN taken_on")
        con.execute(f"INSERT INTO {where}.baseline (name) VALUES ('b1')")
        con.execute("UPDATE planner.plan SET schema_version = 2 WHERE name = %s", (published.name,))
    from planner.errors import UpgradeFailed

    with pytest.raises(UpgradeFailed, match="Nothing was changed"):
        ServerProject.open(published())
    with psycopg.connect(pg.url("plans"), autocommit=True) as con:
        cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = %s"
                                          " AND table_name = 'task'", (where,))]
        assert "owner" not in cols  # the first steps were rolled back with the failing one
        assert con.execute("SELECT to_regclass(%s)", (f"{where}.baselinetask",)).fetchone()[0] is None


def test_save_a_local_copy_is_an_ordinary_plan_file(pg, published, tmp_path, sample_file):
    with ServerProject.open(published()) as p:
        p.run(update_task, 2, name="server edit")
        target = p.save_local_copy(tmp_path / "copy.plan")
    with Project.open(target, read_only=True) as local:
        assert local.read(lambda s: s.get(m.Task, 2).name) == "server edit"
    assert cli("validate", str(target)).returncode == cli("validate", str(sample_file)).returncode


def test_portfolio_lists_each_plan_with_its_status(pg, published):
    from planner.server.portfolio import portfolio

    statuses = {s.name: s for s in portfolio(pg.url("plans"))}
    mine = statuses[published.name]
    assert mine.error == "" and mine.role == "owner" and mine.tasks > 0
    assert mine.milestones and all(len(m) == 3 for m in mine.next_milestones)
    assert mine.late >= 0 and mine.off_target >= 0 and mine.raci_problems >= 0
    assert mine.unacknowledged > 0  # a fresh plan: no team has acknowledged its R/A letters yet
    from planner.server.project import ServerProject
    from planner.server.raci_ack import acknowledge, assignments

    with ServerProject.open(published(), listen=False) as p:
        first = assignments(p)[0]
        acknowledge(p, [first.cell_id])
    again = {s.name: s for s in portfolio(pg.url("plans"))}[published.name]
    assert again.unacknowledged == mine.unacknowledged - 1


def test_a_local_copy_from_what_was_read_when_the_server_is_away(pg, published, tmp_path):
    from planner.plan import load_plan
    from planner.server.copy import plan_to_file

    with ServerProject.open(published(), listen=False) as p:
        plan = p.read(load_plan)
    target = plan_to_file(plan, tmp_path / "offline.plan")
    assert cli("dump", str(target)).stdout == cli("dump", published()).stdout


def test_export_and_import_by_url(pg, published, tmp_path):
    out = tmp_path / "tasks.xlsx"
    done = cli("export", published(), "--template", "tasks", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
    back = cli("import", str(out), "--into", published(), "--apply")
    assert back.returncode == 0, back.stderr + back.stdout
    assert "imported into" in back.stdout
