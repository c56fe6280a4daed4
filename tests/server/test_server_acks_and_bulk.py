"""On a real server: the teams' RACI acknowledgements (who, when; own team only), and the
same-field check for every way a service writes (bulk batches, bulk INSERTs, direct sessions)."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from sqlalchemy import insert, update
from sqlmodel import select

from planner import model as m
from planner.changes import Area
from planner.errors import ValidationError
from planner.server.errors import EditConflict, PermissionRefused
from planner.server.project import ServerProject, grant
from planner.server.raci_ack import acknowledge, assignments
from planner.services.bulk import TaskRow, apply_tasks
from planner.services.raci import set_raci
from planner.services.tasks import update_task


@pytest.fixture
def members(pg, published):
    grant(pg.url("plans"), published.name, "bob", "editor")
    grant(pg.url("plans"), published.name, "carol", "team", team="核心技术部")  # team 1
    grant(pg.url("plans"), published.name, "dave", "viewer")
    return published


def cells(p, **where):
    return [a for a in assignments(p) if all(getattr(a, k) == v for k, v in where.items())]


def test_a_team_member_acknowledges_her_teams_letters_and_everyone_sees_who_and_when(members):
    with ServerProject.open(members()) as owner, ServerProject.open(members("carol"), listen=False) as carol:
        mine = cells(carol, team_id=1)
        assert mine and all(a.role in ("R", "A") and a.state == "pending" for a in mine)
        before = dt.datetime.now(dt.timezone.utc)
        done = acknowledge(carol, [mine[0].cell_id], "王工 leads it")
        assert done.touches(Area.RACI)
        heard = owner.poll(timeout=1.0)  # the owner's window hears it and refreshes its RACI
        assert heard is not None and heard.touches(Area.RACI)
        seen = next(a for a in assignments(owner) if a.cell_id == mine[0].cell_id)
        assert seen.state == "acknowledged" and seen.acked_by == "carol" and seen.note == "王工 leads it"
        assert seen.acked_at >= before - dt.timedelta(seconds=5)
        assert len(assignments(carol, team_id=1)) == len(mine)


def test_acknowledging_another_teams_letter_or_as_a_viewer_is_refused_by_the_server(members):
    with ServerProject.open(members(), listen=False) as owner:
        others = [a for a in assignments(owner) if a.team_id != 1]
        ours = [a for a in assignments(owner) if a.team_id == 1]
    assert others and ours
    with ServerProject.open(members("carol"), listen=False) as carol:
        with pytest.raises(PermissionRefused, match="own team") as info:
            acknowledge(carol, [ours[0].cell_id, others[0].cell_id])
        assert "row-level security" in str(info.value) and members.name in str(info.value)
    with ServerProject.open(members("dave"), listen=False) as dave:
        assert assignments(dave)  # viewers read them
        with pytest.raises(PermissionRefused, match="viewers may only read"):
            acknowledge(dave, [ours[0].cell_id])
    with ServerProject.open(members(), listen=False) as owner:  # nothing of the refused edits was recorded
        assert all(a.state == "pending" for a in assignments(owner))


def test_a_changed_letter_needs_a_new_acknowledgement_and_c_or_i_is_not_acknowledged(members):
    with ServerProject.open(members(), listen=False) as owner, \
            ServerProject.open(members("carol"), listen=False) as carol:
        first = cells(carol, team_id=1)[0]
        acknowledge(carol, [first.cell_id])
        other = "A" if first.role == "R" else "R"
        kwargs = {"module_id": first.module_id} if first.module_id is not None else {"task_id": first.task_id}
        owner.run(set_raci, team_id=1, role=other, **kwargs)
        now = next(a for a in assignments(owner) if a.cell_id == first.cell_id)
        assert now.state == "changed" and now.acked_role == first.role and now.role == other
        acknowledge(carol, [first.cell_id])
        assert next(a for a in assignments(owner) if a.cell_id == first.cell_id).state == "acknowledged"
        owner.run(set_raci, team_id=1, role="C", **kwargs)
        with pytest.raises(ValidationError, match=f"only R and A.*{members.name}|{members.name}.*only R and A"):
            acknowledge(owner, [first.cell_id])


def test_a_bulk_batch_editing_a_field_someone_changed_is_refused_with_their_value(published):
    with ServerProject.open(published(), listen=False) as a, ServerProject.open(published(), listen=False) as b:
        task = b.read(lambda s: s.get(m.Task, 3))
        a.run(update_task, 3, name="A's name")
        row = TaskRow(code=task.code, start=task.start_date, end=task.end_date, name="batch name")
        with pytest.raises(EditConflict, match="A's name") as info:
            b.run(apply_tasks, [row])
        assert f"Task {task.code}" in str(info.value) and published.name in str(info.value)
        assert b.read(lambda s: s.get(m.Task, 3).name) == "A's name"  # not overwritten
        b.run(apply_tasks, [row])  # B has now been shown A's value: applying again is deliberate
        assert a.read(lambda s: s.get(m.Task, 3).name) == "batch name"


def add_teams_in_bulk(s, names):
    top = s.exec(select(m.Team.id).order_by(m.Team.id.desc())).first()
    s.execute(insert(m.Team), [{"id": top + 1 + i, "name": n, "order": 90 + i} for i, n in enumerate(names)])
    from planner.changes import Changes

    return Changes(Area.TEAMS)


def test_a_new_row_taking_the_id_of_one_deleted_meanwhile_is_no_conflict(published):
    from planner.services.structure import delete

    with ServerProject.open(published(), listen=False) as a:
        a.run(add_teams_in_bulk, ["末位团队"])
        last = a.read(lambda s: s.exec(select(m.Team).where(m.Team.name == "末位团队")).one())
        with ServerProject.open(published(), listen=False) as b:  # B has seen the team
            a.run(delete, m.Team, last.id)
            b.run(add_teams_in_bulk, ["接替团队"])  # takes the same id: a new row, nobody's edit is lost
        assert a.read(lambda s: s.get(m.Team, last.id).name) == "接替团队"


def rename_all_teams(s):
    s.execute(update(m.Team).values(name=m.Team.name + "!"))
    from planner.changes import Changes

    return Changes(Area.TEAMS)


def test_bulk_inserts_are_logged_and_a_criteria_update_is_refused(published):
    with ServerProject.open(published(), listen=False) as a, ServerProject.open(published(), listen=False) as b:
        a.run(add_teams_in_bulk, ["新团队甲", "新团队乙"])
        new = a.read(lambda s: s.exec(select(m.Team).where(m.Team.name == "新团队甲")).one())
        with psycopg.connect(a.url.dsn) as con:
            logged = con.execute("SELECT field FROM planner.change WHERE schema_name = %s AND tbl = 'team' AND row_id = %s",
                                 (a.schema, new.id)).fetchall()
        assert ("name",) in logged
        from planner.services.structure import update_team

        with pytest.raises(EditConflict, match="新团队甲"):  # B never saw the bulk-inserted name
            b.run(update_team, new.id, name="B's team")
        with pytest.raises(ValidationError, match="by criteria"):
            a.run(rename_all_teams)
        assert not a.read(lambda s: [t for t in s.exec(select(m.Team)) if t.name.endswith("!")])


def test_direct_session_writes_are_checked_logged_and_heard(published):
    with ServerProject.open(published()) as a, ServerProject.open(published(), listen=False) as b:
        with b.session() as s:
            s.get(m.Task, 11).notes = "written in a session"
        heard = a.poll(timeout=1.0)
        assert heard is not None and heard.touches(Area.TASKS)
        b.run(update_task, 12, name="B")
        with pytest.raises(EditConflict):
            with a.session() as s:  # A heard B's first edit, not its second
                s.get(m.Task, 12).name = "A"
        assert b.read(lambda s: s.get(m.Task, 12).name) == "B"


def test_a_catalogue_from_an_earlier_release_gains_the_acknowledgements_when_a_plan_is_opened(pg, members):
    with psycopg.connect(pg.url("plans"), autocommit=True) as con:
        con.execute("DROP TABLE planner.raci_ack")
    with ServerProject.open(members("carol"), listen=False) as carol:  # may not create it: told so
        with pytest.raises(ValidationError, match="earlier release"):
            assignments(carol)
    with ServerProject.open(members(), listen=False) as owner:  # the publishing login brings it up to date
        assert assignments(owner)
    with ServerProject.open(members("carol"), listen=False) as carol:
        acknowledge(carol, [cells(carol, team_id=1)[0].cell_id])
