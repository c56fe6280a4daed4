"""Several users on one plan on a real server: both edits land, same-field conflicts are told,
notifications refresh other windows, undo is one's own, roles are PostgreSQL's."""

from __future__ import annotations

import threading
import time

import pytest
from sqlmodel import select

from planner import model as m
from planner.changes import Area
from planner.server.errors import EditConflict, PermissionRefused, ServerUnavailable, UndoRefused
from planner.server.project import ServerProject, grant
from planner.services import journal
from planner.services.indicators import set_reading
from planner.services.raci import set_raci
from planner.services.tasks import update_task


def name_of(p, task_id):
    return p.read(lambda s: s.get(m.Task, task_id).name)


def test_two_clients_different_rows_both_land_and_the_other_window_hears_within_a_second(published):
    with ServerProject.open(published()) as a, ServerProject.open(published()) as b:
        a.run(update_task, 1, name="from A")
        t0 = time.perf_counter()
        b.run(update_task, 2, name="from B")
        heard = a.poll(timeout=1.0)
        assert heard is not None and heard.touches(Area.TASKS) and 2 in heard.ids
        assert time.perf_counter() - t0 < 1.0
        assert b.poll(timeout=0.3) is not None  # B hears A's edit too, not its own
        assert b.poll(timeout=0.1) is None
        assert name_of(a, 1) == "from A" and name_of(a, 2) == "from B" and name_of(b, 1) == "from A"


def test_the_same_field_edited_twice_the_second_user_is_told_the_other_value(published):
    with ServerProject.open(published(), listen=False) as a, ServerProject.open(published(), listen=False) as b:
        a.run(update_task, 3, name="A's name")
        with pytest.raises(EditConflict) as info:
            b.run(update_task, 3, name="B's name")
        assert "A's name" in str(info.value) and "postgres" in str(info.value)
        assert info.value.conflicts[-1]["value"] == "A's name"
        assert name_of(b, 3) == "A's name"  # never silently overwritten
        b.run(update_task, 3, notes="another field of the same row")  # a different field: fine
        b.run(update_task, 3, name="B's name")  # B has now seen A's value: a deliberate edit
        assert name_of(a, 3) == "B's name"


SHARED_FIELDS = ("name", "actions", "acceptance", "risk_response", "milestone_text", "owner")


def test_ten_clients_at_once_nothing_lost(published):
    """Ten windows edit their own tasks and, six of them, each its own field of one shared row,
    all at once: every edit lands exactly once, none is refused (no two wrote the same field)."""
    clients = [ServerProject.open(published(), listen=False) for _ in range(10)]
    errors: list[BaseException] = []

    def work(k: int, p: ServerProject) -> None:
        for i in range(8):
            try:
                p.run(update_task, 2 * k + 1 + i % 2, notes=f"c{k}-{i}")
                if k < len(SHARED_FIELDS):
                    p.run(update_task, 1, **{SHARED_FIELDS[k]: f"c{k}-{i}"})
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)

    threads = [threading.Thread(target=work, args=(k, p)) for k, p in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with ServerProject.open(published(), listen=False) as check:
        tasks = check.read(lambda s: {t.id: t for t in s.exec(select(m.Task)).all()})
        import psycopg

        with psycopg.connect(check.url.dsn) as con:
            edits = con.execute("SELECT count(*) FROM planner.edit WHERE schema_name = %s", (check.schema,)).fetchone()[0]
    assert edits == 10 * 8 + len(SHARED_FIELDS) * 8  # every edit landed exactly once
    for k in range(10):
        assert tasks[2 * k + 1].notes == f"c{k}-6" and tasks[2 * k + 2].notes == f"c{k}-7"
    for k, field in enumerate(SHARED_FIELDS):
        assert getattr(tasks[1], field) == f"c{k}-7"
    for p in clients:
        p.close()


def test_undo_is_for_ones_own_edits_and_refused_after_someone_else_changed_the_row(published):
    with ServerProject.open(published(), listen=False) as a, ServerProject.open(published(), listen=False) as b:
        mine = a.run(update_task, 4, name="A1")
        a.run(journal.undo, mine.undo)  # nobody else touched it: undone
        assert name_of(a, 4) != "A1"
        again = a.run(update_task, 4, name="A2")
        b.run(update_task, 4, notes="B was here")
        with pytest.raises(UndoRefused, match="B was here"):
            a.run(journal.undo, again.undo)
        assert name_of(a, 4) == "A2"
        with pytest.raises(UndoRefused, match="this window"):
            b.run(journal.undo, again.undo)


@pytest.fixture
def members(pg, published):
    grant(pg.url("plans"), published.name, "bob", "editor")
    grant(pg.url("plans"), published.name, "carol", "team", team="核心技术部")  # team 1
    grant(pg.url("plans"), published.name, "dave", "viewer")
    return published


def test_each_role_allowed_and_refused_writes(members):
    # editor: everything
    with ServerProject.open(members("bob"), listen=False) as bob:
        assert bob.role == "editor"
        bob.run(update_task, 5, name="bob's")
        bob.run(set_reading, 1, "2025-03", period_value=3.0)
    # viewer: reads, every write refused by the server, naming the rule
    with ServerProject.open(members("dave"), listen=False) as dave:
        assert name_of(dave, 5) == "bob's"
        with pytest.raises(PermissionRefused, match="viewers may only read") as info:
            dave.run(update_task, 5, name="dave's")
        assert "row-level security" in str(info.value)
        with pytest.raises(PermissionRefused, match="viewers may only read"):
            dave.run(set_reading, 1, "2025-04", period_value=1.0)
    # team member: readings of their own team only (acknowledgements: test_server_acks_and_bulk.py)
    with ServerProject.open(members("carol"), listen=False) as carol:
        carol.run(set_reading, 1, "2025-04", period_value=4.0)  # indicator 1 belongs to team 1
        carol.run(set_reading, 1, "2025-03", period_value=3.5)  # and editing one already there
        with pytest.raises(PermissionRefused, match="own team"):
            carol.run(update_task, 5, name="carol's")
        other = carol.read(lambda s: s.exec(select(m.Indicator).where(m.Indicator.owner_team_id != 1)).first())
        if other is not None:
            with pytest.raises(PermissionRefused, match="own team"):
                carol.run(set_reading, other.id, "2025-04", period_value=1.0)
        with pytest.raises(PermissionRefused, match="own team's R/A letters"):  # letters are the plan's
            carol.run(set_raci, team_id=1, role="A", module_id=1)
        with pytest.raises(PermissionRefused, match="own team"):
            carol.run(set_raci, team_id=2, role="R", module_id=1)
    with ServerProject.open(members(), listen=False) as owner:
        assert name_of(owner, 5) == "bob's"
        readings = owner.read(lambda s: {r.period: r.period_value for r in s.exec(select(m.Reading).where(m.Reading.indicator_id == 1))})
        assert readings["2025-04"] == 4.0 and readings["2025-03"] == 3.5


def test_server_restart_mid_run_fails_the_edit_cleanly_then_reconnects(pg, published):
    with ServerProject.open(published()) as a:
        a.run(update_task, 6, name="before")
        pg.stop()
        try:
            with pytest.raises(ServerUnavailable, match="not saved"):
                a.run(update_task, 6, name="while away")
            assert a.read_only and a.offline
            with pytest.raises(ServerUnavailable, match="read-only until"):
                a.run(update_task, 6, name="still away")
            with pytest.raises(ServerUnavailable):
                a.reconnect()
        finally:
            pg.start()
        refresh = a.reconnect()
        assert refresh.areas == Area.ALL and not a.read_only
        assert name_of(a, 6) == "before"  # nothing of the failed edit landed
        a.run(update_task, 6, name="after")
        assert name_of(a, 6) == "after"


def test_a_refused_write_and_a_conflict_are_told_in_chinese(members):
    from planner import i18n

    old = i18n.language()
    i18n.set_language("zh_CN")
    try:
        with ServerProject.open(members("dave"), listen=False) as dave:
            with pytest.raises(PermissionRefused, match="查看者只能阅读计划") as info:
                dave.run(update_task, 5, name="x")
            assert "行级安全" in str(info.value)
        with ServerProject.open(members(), listen=False) as a, ServerProject.open(members("bob"), listen=False) as b:
            a.run(update_task, 9, name="甲")
            with pytest.raises(EditConflict, match="未保存.*计划“flagos-[0-9]+”.*任务 .*“甲”"):
                b.run(update_task, 9, name="乙")
    finally:
        i18n.set_language(old)
