"""A team's acknowledgement of its R and A letters, kept on the server (`planner.raci_ack`).

A plan's RACI says which team is Responsible or Accountable for each module and task; on a
server the team says it has taken that on: who acknowledged, when, and which letter (when the
letter changes later, the acknowledgement no longer holds and is shown as such). Row-level
security lets a team member acknowledge only their own team's letters; owners and editors may
record one for any team; viewers read.

    assignments(project)                       -> every R/A letter with its acknowledgement
    acknowledge(project, [cell_id, ...], note) -> one edit, logged and notified like any other
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy.exc import OperationalError, ProgrammingError

from planner.changes import Area, Changes
from planner.errors import NotFound, ValidationError
from planner.i18n import _

ACKNOWLEDGED, PENDING, CHANGED = "acknowledged", "pending", "changed"

_ASSIGNMENTS = """
SELECT c.id, c.team_id, t.name, c.role, c.module_id, c.task_id, mo.name, tk.code, tk.name,
       a.role, a.login, a.at, a.note
FROM racicell c
JOIN team t ON t.id = c.team_id
LEFT JOIN module mo ON mo.id = c.module_id
LEFT JOIN task tk ON tk.id = c.task_id
LEFT JOIN planner.raci_ack a ON a.schema_name = %s AND a.cell_id = c.id
WHERE c.role IN ('R', 'A') {team}
ORDER BY c.module_id IS NULL, mo."order", mo.id, tk.code, t."order", t.id
"""


@dataclass(frozen=True)
class Assignment:
    cell_id: int
    team_id: int
    team: str
    role: str  # R or A, as the plan says now
    module_id: int | None
    task_id: int | None
    subject: str  # "Module 数据" / "Task TP-03 名称"
    acked_role: str | None = None  # the letter acknowledged (None: not acknowledged)
    acked_by: str | None = None
    acked_at: dt.datetime | None = None
    note: str = ""

    @property
    def state(self) -> str:
        if self.acked_role is None:
            return PENDING
        return ACKNOWLEDGED if self.acked_role == self.role else CHANGED


def _subject(module: str | None, code: str | None, name: str | None) -> str:
    if module is not None:
        return _("Module {name}", name=module)
    return _("Task {code} {name}", code=code, name=name or "").strip()


def assignments(project, *, team_id: int | None = None) -> list[Assignment]:
    """Every R and A letter of the plan (of one team if given), with its acknowledgement."""
    from planner.server.project import unavailable

    team = "AND c.team_id = %s" if team_id is not None else ""
    params = (project.schema, team_id) if team_id is not None else (project.schema,)
    try:
        with project.engine.connect() as con:
            rows = con.exec_driver_sql(_ASSIGNMENTS.format(team=team), params).all()
    except OperationalError as exc:
        project._go_offline()
        raise unavailable(project.url, exc) from exc
    except ProgrammingError as exc:
        if getattr(exc.orig, "sqlstate", "") != "42P01":  # undefined_table: a catalogue older than this
            raise
        raise ValidationError(
            _("The server {url} keeps no RACI acknowledgements yet (its catalogue is from an earlier release); "
              "the login that first published there brings it up to date by opening plan “{plan}”.",
              url=project.url.text, plan=project.plan), where=project.url.text) from exc
    return [Assignment(r[0], r[1], r[2], r[3], r[4], r[5], _subject(r[6], r[7], r[8]), r[9], r[10], r[11], r[12] or "")
            for r in rows]


def acknowledge(project, cell_ids: list[int], note: str = "") -> Changes:
    """Record that the team of each cell acknowledges its R/A letter (one transaction).

    Refused, nothing recorded: a cell that is not an R or A letter of the plan, a team
    member acknowledging another team's letter (row-level security), a viewer."""
    from planner.server.project import LoggedSession, _DB_ERRORS

    project._check_writable()
    ids = sorted({int(i) for i in cell_ids})
    if not ids:
        raise ValidationError(_("Choose the R or A letters to acknowledge in plan “{plan}”.", plan=project.plan),
                              where=project.plan)
    edit_id = uuid.uuid4()
    try:
        with LoggedSession(project.engine, expire_on_commit=False) as s:
            s.info["writes"] = writes = {}
            con = s.connection()
            found = {r[0]: r for r in con.exec_driver_sql(
                "SELECT c.id, c.role, c.team_id, c.module_id, c.task_id, mo.name, tk.code, tk.name FROM racicell c"
                " LEFT JOIN module mo ON mo.id = c.module_id LEFT JOIN task tk ON tk.id = c.task_id"
                " WHERE c.id = ANY(%s)", (ids,))}
            for cell_id in ids:
                row = found.get(cell_id)
                if row is None:
                    raise NotFound(_("Plan “{plan}” has no RACI cell {id} (deleted since?).", plan=project.plan,
                                     id=cell_id), where=f"racicell {cell_id}")
                if row[1] not in ("R", "A"):
                    subject = _subject(row[5], row[6], row[7])
                    raise ValidationError(
                        _("{subject} in plan “{plan}”: only R and A letters are acknowledged (this one is {role}).",
                          subject=subject, plan=project.plan, role=row[1]), where=subject)
                con.exec_driver_sql(
                    "INSERT INTO planner.raci_ack (schema_name, cell_id, team_id, role, note) VALUES (%s, %s, %s, %s, %s)"
                    " ON CONFLICT (schema_name, cell_id) DO UPDATE SET team_id = excluded.team_id,"
                    " role = excluded.role, note = excluded.note, login = session_user, at = clock_timestamp()",
                    (project.schema, cell_id, row[2], row[1], note))
                writes[("raci_ack", cell_id, "role")] = row[1]
            touched = frozenset(i for r in found.values() for i in (r[3], r[4]) if i is not None)
            project._commit_log(s, edit_id, writes, Changes(Area.RACI, touched))
            s.commit()
    except _DB_ERRORS as exc:
        raise project._translate(exc, edit_id) from exc
    return Changes(Area.RACI, touched)
