"""`ServerProject`: a plan in a PostgreSQL schema, with the `Project` interface the services,
the CLI and the UI use (`run`, `read`, `session`, `close` ...).

- Every `run` is one transaction (REPEATABLE READ). Two transactions writing one row: the
  second fails to serialise and is run again from the start, then judged like any later edit.
- Same-field conflicts: every field written is logged in `planner.change` with the
  transaction's `seq` (commit order: taken under a per-plan advisory lock held to the commit).
  An edit of a field someone else wrote after this window's sync point is refused with
  `EditConflict`, which carries the other value; the window has then seen it.
- Notifications: the commit sends `pg_notify` with the `Changes` (areas, ids); `poll()` returns
  what the others changed, for the views to refresh.
- Undo applies only to one's own edits (`journal.undo` of a patch this window made) and is
  refused while someone else changed one of its rows since.
- Faults: a lost connection fails the edit (nothing half-written: the transaction is rolled
  back by the server), the project goes read-only (`read_only_reason == "offline"`) until
  `reconnect()`; every edit has an id stored with it, so after a reconnect an edit whose commit
  was cut off is known to have landed or not, and is never applied twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import random
import time
import uuid
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from sqlalchemy import create_engine, event, inspect as sa_inspect
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from planner import model as m
from planner.changes import Area, Changes
from planner.errors import NotFound, PlannerError, ReadOnlyDocument, ValidationError
from planner.i18n import _
from planner.server import catalog
from planner.server.errors import EditConflict, PermissionRefused, ServerUnavailable, UndoRefused
from planner.server.url import ServerURL, parse

log = logging.getLogger(__name__)
T = TypeVar("T")
RETRIES = 30
NOTIFY_IDS = 400  # more ids than this: the notification names the areas only


def channel(schema: str) -> str:
    return f"planner_{schema}"


def _orig(exc: BaseException):
    return getattr(exc, "orig", None) or exc


def _sqlstate(exc: BaseException) -> str:
    return getattr(_orig(exc), "sqlstate", None) or ""


def _connection_lost(exc: BaseException) -> bool:
    import psycopg

    orig = _orig(exc)
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(orig, psycopg.OperationalError) and not _sqlstate(exc).startswith("40")


def unavailable(url: ServerURL, exc: BaseException) -> ServerUnavailable:
    reason = str(_orig(exc)).strip().splitlines()[0] if str(_orig(exc)).strip() else type(_orig(exc)).__name__
    return ServerUnavailable(
        _("Cannot reach the plan server {url}: {reason}", url=url.text, reason=reason), where=url.text,
        key="server_unavailable")


def make_engine(url: ServerURL, schema: str | None = None):
    args = {"application_name": "Roadmap Planner", "connect_timeout": 5}
    if schema:
        args["options"] = f"-c search_path={schema},public"
    return create_engine(url.sqlalchemy, connect_args=args, isolation_level="REPEATABLE READ",
                         pool_size=2, max_overflow=4)


def list_plans(url: ServerURL | str) -> list[dict]:
    """The plans on a server: name, schema, format, who published them and when, and my role."""
    url = parse(url) if isinstance(url, str) else url
    engine = make_engine(url)
    try:
        with engine.connect() as con:
            if not con.exec_driver_sql("SELECT to_regclass('planner.plan') IS NOT NULL").scalar():
                return []
            rows = con.exec_driver_sql(
                "SELECT name, schema_name, schema_version, published_by, published_at,"
                " planner.my_role(schema_name) FROM planner.plan ORDER BY name").all()
    except OperationalError as exc:
        raise unavailable(url, exc) from exc
    finally:
        engine.dispose()
    keys = ("name", "schema", "schema_version", "published_by", "published_at", "role")
    return [dict(zip(keys, r)) for r in rows]


def role_name(role: str | None) -> str:
    """A member's role in the user's language."""
    names = {"owner": _("an owner"), "editor": _("an editor"), "team": _("a team member"), "viewer": _("a viewer")}
    return names.get(role or "", _("not a member"))


class ServerProject:
    """An open plan on a server. Use `ServerProject.open(url)` (or `Project.open(url)`)."""

    is_server = True
    dirty = False  # every edit is on the server when `run` returns
    path = None
    identity = None
    lock = None
    location_warning = ""
    lock_taken_over = None
    upgraded_from: int | None = None

    def __init__(self, url: ServerURL, schema: str, *, read_only: bool = False):
        self.url = url
        self.plan = url.plan or ""
        self.title = self.plan
        self.schema = schema
        self.work_path = Path(self.plan)
        self.read_only = read_only
        self.read_only_reason = "requested" if read_only else ""
        self.client = uuid.uuid4().hex
        self.engine = make_engine(url, schema)
        self.role: str | None = None
        self.team_id: int | None = None
        self.login = ""
        self.sync_seq = 0
        self._seen: dict[tuple[str, int, str], int] = {}  # conflicts this window was shown
        self._patch_seq: dict[int, int] = {}  # id(patch) -> seq of the edit that made it
        self._listener = None
        self._pending: list[Changes] = []
        self.unresolved_edit: str | None = None  # an edit whose commit was cut off
        self._closed = False

    # --- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str | ServerURL, *, read_only: bool = False, listen: bool = True) -> "ServerProject":
        url = parse(url) if isinstance(url, str) else url
        if not url.plan:
            names = ", ".join(p["name"] for p in list_plans(url)) or _("(none yet)")
            raise ValidationError(
                _("Name the plan to open: {url}?plan=NAME. Plans on this server: {names}", url=url.text, names=names),
                where=url.text)
        boot = make_engine(url)
        try:
            with boot.begin() as con:
                row = con.exec_driver_sql(
                    "SELECT schema_name, schema_version FROM planner.plan WHERE name = %s", (url.plan,)
                ).first() if con.exec_driver_sql("SELECT to_regclass('planner.plan') IS NOT NULL").scalar() else None
                if row is None:
                    raise NotFound(_("There is no plan “{name}” on {url}.", name=url.plan, url=url.text),
                                   where=url.text)
                schema, version = row
                upgraded = catalog.upgrade(con, url.plan, schema, version)
        except OperationalError as exc:
            raise unavailable(url, exc) from exc
        finally:
            boot.dispose()
        project = cls(url, schema, read_only=read_only)
        project.upgraded_from = upgraded
        try:
            project._identify()
            if listen:
                project._listen()
        except OperationalError as exc:
            project.close()
            raise unavailable(url, exc) from exc
        return project

    def _identify(self) -> None:
        with self.engine.connect() as con:
            self.login = con.exec_driver_sql("SELECT session_user").scalar()
            row = con.exec_driver_sql("SELECT role, team_id FROM planner.member WHERE schema_name = %s"
                                      " AND login = session_user", (self.schema,)).first()
            self.role, self.team_id = (row[0], row[1]) if row else (None, None)
            self.sync_seq = con.exec_driver_sql(
                "SELECT coalesce(max(seq), 0) FROM planner.edit WHERE schema_name = %s", (self.schema,)).scalar()

    def _listen(self) -> None:
        import psycopg

        self._close_listener()
        con = psycopg.connect(self.url.dsn, autocommit=True, connect_timeout=5)
        con.execute(f'LISTEN "{channel(self.schema)}"')
        self._listener = con

    def _close_listener(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(Exception):
                self._listener.close()
            self._listener = None

    # --- lifecycle -----------------------------------------------------------------------
    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._close_listener()
        self.engine.dispose()

    def __enter__(self) -> "ServerProject":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def autosave(self) -> None:  # every edit is already on the server
        return None

    def check_on_disk(self) -> str:
        return ""

    def save(self, **_kw) -> None:  # every edit is on the server when `run` returns
        self._check_writable()

    # --- reading -------------------------------------------------------------------------
    def read(self, reader: Callable[[Session], T]) -> T:
        try:
            with Session(self.engine, expire_on_commit=False) as s:
                return reader(s)
        except OperationalError as exc:
            if _connection_lost(exc):
                self._go_offline()
                raise unavailable(self.url, exc) from exc
            raise

    # --- writing -------------------------------------------------------------------------
    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction for code that writes through a session directly (no conflict log)."""
        self._check_writable()
        with Session(self.engine, expire_on_commit=False) as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    def _check_writable(self) -> None:
        if self.read_only:
            if self.read_only_reason == "offline":
                raise ServerUnavailable(
                    _("The plan server {url} is not reachable; the plan is read-only until it is back. "
                      "Save a local copy keeps what you see.", url=self.url.text), where=self.url.text)
            raise ReadOnlyDocument(_("This plan is open read-only; use Save As to keep changes."))

    def run(self, service: Callable[..., Changes], *args, **kwargs) -> Changes:
        """Run one service in one transaction on the server; return what it changed."""
        self._check_writable()
        from planner.services import journal

        undoing = service is journal.undo
        edit_id = uuid.uuid4()
        for attempt in range(RETRIES):
            try:
                changes, seq = self._attempt(service, args, kwargs, edit_id, undoing)
            except DBAPIError as exc:
                if _sqlstate(exc) in ("40001", "40P01") and attempt < RETRIES - 1:
                    # rolled back by the server: run it again on fresh data, after a random pause
                    # so the writers of one row do not collide again in step
                    time.sleep(random.uniform(0.002, 0.01) * (attempt + 1))
                    continue
                raise self._translate(exc, edit_id) from exc
            except StaleDataError as exc:
                raise self._refused(None) from exc
            break
        if changes.undo is not None:
            self._patch_seq[id(changes.undo)] = seq
        return changes

    def _attempt(self, service, args, kwargs, edit_id, undoing) -> tuple[Changes, int]:
        writes: dict[tuple[str, int, str], object] = {}

        def collect(session, _ctx) -> None:
            for obj in list(session.new) + list(session.dirty):
                state = sa_inspect(obj)
                table = getattr(type(obj), "__tablename__", None)
                ident = getattr(obj, "id", None)
                if table is None or ident is None:
                    continue
                for attr in state.mapper.column_attrs:
                    hist = state.attrs[attr.key].history
                    if obj in session.new or hist.has_changes():
                        value = getattr(obj, attr.key)
                        writes[(table, ident, attr.key)] = value
            for obj in session.deleted:
                table = getattr(type(obj), "__tablename__", None)
                if table is not None and getattr(obj, "id", None) is not None:
                    writes[(table, obj.id, "*deleted")] = None

        with Session(self.engine, expire_on_commit=False) as s:
            event.listen(s, "after_flush", collect)
            try:
                if undoing:
                    self._check_undo(s, args[0])
                changes = service(s, *args, **kwargs)
                s.flush()
                seq = self._commit_log(s, edit_id, writes, changes)
                s.commit()
            except BaseException:
                with contextlib.suppress(Exception):
                    s.rollback()
                raise
        self.sync_seq = max(self.sync_seq, seq) if self.sync_seq >= seq - 1 else self.sync_seq
        return changes, seq

    def _commit_log(self, s: Session, edit_id, writes: dict, changes: Changes) -> int:
        """Check the fields written against the others' edits since this window's sync point,
        then log them and notify (planner.commit_edit: one round trip). Returns the edit's seq."""
        keys = sorted(writes, key=lambda k: k[2] == "*deleted")
        n_check = sum(1 for k in keys if k[2] != "*deleted")
        ids = sorted(changes.ids)
        payload = json.dumps({"seq": 0, "client": self.client, "login": self.login, "areas": changes.areas.value,
                              "t": time.time(), "ids": ids if len(ids) <= NOTIFY_IDS else None})
        args = [self.schema, edit_id, self.client, self.sync_seq, False, [k[0] for k in keys], [k[1] for k in keys],
                [k[2] for k in keys], [None if writes[k] is None else str(writes[k]) for k in keys], n_check, payload]
        sql = "SELECT * FROM planner.commit_edit(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
        con = s.connection()
        rows = con.exec_driver_sql(sql, tuple(args)).all()
        if rows and rows[0][1] is None:
            return rows[0][0]
        conflicts = [dict(table=r[1], id=r[2], field=r[3], value=r[4], login=r[5], seq=r[0], at=r[6]) for r in rows
                     if r[0] > self._seen.get((r[1], r[2], r[3]), 0)]
        if not conflicts:  # all of them shown to this window already: a deliberate overwrite
            args[4] = True
            return con.exec_driver_sql(sql, tuple(args)).all()[0][0]
        for c in conflicts:  # shown now: editing it again is a deliberate overwrite
            self._seen[(c["table"], c["id"], c["field"])] = c["seq"]
        c = conflicts[-1]
        raise EditConflict(
            _("Not saved: {login} changed the same field since you last saw it ({table} {id}, {field}: now "
              "“{value}”, at {time}). Their value is kept; edit again to replace it.",
              login=c["login"], table=c["table"], id=c["id"], field=c["field"],
              value="" if c["value"] is None else c["value"], time=c["at"].astimezone().strftime("%H:%M:%S")),
            conflicts, where=f"{c['table']} {c['id']}.{c['field']}")

    def _check_undo(self, s: Session, patch) -> None:
        mine = self._patch_seq.get(id(patch))
        if mine is None:
            raise UndoRefused(_("Only edits made in this window can be undone."))
        keys = [(table.__tablename__, ident) for table, ident, _before in patch.entries]
        if not keys:
            return
        row = s.connection().exec_driver_sql(
            "SELECT c.tbl, c.row_id, c.field, c.value, c.login FROM planner.change c"
            " JOIN unnest(%s::text[], %s::int[]) AS w(tbl, row_id) ON c.tbl = w.tbl AND c.row_id = w.row_id"
            " WHERE c.schema_name = %s AND c.seq > %s AND c.client <> %s ORDER BY c.seq DESC LIMIT 1",
            ([k[0] for k in keys], [k[1] for k in keys], self.schema, mine, self.client),
        ).first()
        if row is not None:
            raise UndoRefused(
                _("Cannot undo: {login} changed {table} {id} since your edit ({field} is now “{value}”). "
                  "Undoing would overwrite their change.",
                  login=row[4], table=row[0], id=row[1], field=row[2], value="" if row[3] is None else row[3]),
                where=f"{row[0]} {row[1]}")

    # --- errors --------------------------------------------------------------------------
    def _translate(self, exc: DBAPIError, edit_id) -> PlannerError:
        state = _sqlstate(exc)
        if state == "42501":  # insufficient_privilege: a row-level security policy or a grant
            text = str(_orig(exc))
            table = text.split('table "', 1)[1].split('"', 1)[0] if 'table "' in text else None
            return self._refused(table)
        if _connection_lost(exc):
            self.unresolved_edit = str(edit_id)
            self._go_offline()
            return ServerUnavailable(
                _("The connection to the plan server {url} was lost; this edit was not saved (nothing half-written). "
                  "The plan is read-only until the server is back.", url=self.url.text),
                where=self.url.text, key="server_lost")
        reason = str(_orig(exc)).strip().splitlines()[0]
        return ValidationError(_("The server refused the change: {reason}", reason=reason), where=self.url.text)

    def _refused(self, table: str | None) -> PermissionRefused:
        rules = {
            "viewer": _("viewers may only read the plan"),
            "team": _("team members may only submit readings of their own team's indicators and acknowledge "
                      "their own team's RACI cells"),
            None: _("only members of a plan may change it"),
        }
        rule = rules.get(self.role, _("owners and editors may change everything"))
        where = table or _("the plan")
        return PermissionRefused(
            _("Not saved: {login} is {role} of plan “{plan}”, and {rule} (the server's row-level security refused "
              "the write to {table}).",
              login=self.login, role=role_name(self.role), plan=self.plan, rule=rule, table=where),
            where=where, key="permission")

    # --- notifications -------------------------------------------------------------------
    def poll(self, timeout: float = 0.0) -> Changes | None:
        """What the others changed since the last poll (None: nothing). Waits up to `timeout` s."""
        if self._listener is None:
            return None
        import psycopg

        import time

        got = None
        deadline = time.monotonic() + timeout
        try:
            while True:
                left = deadline - time.monotonic()
                wait = max(0.0, left) if got is None else 0.0
                # consumed to its end: a packet may carry several, and they are lost if left
                notes = list(self._listener.notifies(timeout=wait, stop_after=1))
                if not notes:
                    break  # nothing more within the wait
                for note in notes:
                    changes = self._take(note.payload)
                    if changes is not None:
                        got = changes if got is None else got | changes
                if got is None and time.monotonic() >= deadline:
                    break
        except psycopg.OperationalError:
            self._go_offline()
            return got
        return got

    def _take(self, payload: str) -> Changes | None:
        data = json.loads(payload)
        self.sync_seq = max(self.sync_seq, data["seq"])
        if data["client"] == self.client:
            return None
        ids = frozenset(data["ids"]) if data["ids"] is not None else frozenset()
        self.last_heard = (data["seq"], data.get("t"), time.time())  # sent at, heard at: the refresh delay
        return Changes(Area(data["areas"]), ids)

    # --- faults --------------------------------------------------------------------------
    def _go_offline(self) -> None:
        if not self.read_only:
            self.read_only, self.read_only_reason = True, "offline"
        self._close_listener()
        self.engine.dispose()

    @property
    def offline(self) -> bool:
        return self.read_only_reason == "offline"

    def reconnect(self) -> Changes:
        """Try the server again; on success the plan is writable again and everything is to be
        refreshed (returns Changes(ALL)). Raises ServerUnavailable while it is still away."""
        try:
            self.engine.dispose()
            self._identify()
            self._listen()
            if self.unresolved_edit is not None:
                with self.engine.connect() as con:
                    landed = con.exec_driver_sql("SELECT seq FROM planner.edit WHERE edit_id = %s",
                                                 (self.unresolved_edit,)).scalar()
                log.info("edit %s cut off at commit %s", self.unresolved_edit, "landed" if landed else "was not applied")
                self.unresolved_edit = None
        except OperationalError as exc:
            raise unavailable(self.url, exc) from exc
        except Exception as exc:  # psycopg's own connect error for the listener
            import psycopg

            if isinstance(exc, psycopg.OperationalError):
                raise unavailable(self.url, exc) from exc
            raise
        if self.read_only_reason == "offline":
            self.read_only, self.read_only_reason = False, ""
        return Changes(Area.ALL)

    # --- copies --------------------------------------------------------------------------
    def save_local_copy(self, path: Path | str) -> Path:
        """Write the plan as it is on the server to a `.plan` file (a normal document)."""
        from planner.document import Project
        from planner.server.copy import copy_tables

        try:
            with self.engine.connect() as src:
                programme = src.exec_driver_sql('SELECT name, start_date FROM programme ORDER BY id LIMIT 1').first()
                local = Project.new(programme[0] if programme else self.plan, programme[1] if programme else dt.date.today())
                try:
                    with local.engine.begin() as dst:
                        for table in reversed(catalog.SQLModel.metadata.sorted_tables):
                            dst.execute(table.delete())
                        copy_tables(src, dst)
                    local.save_as(Path(path))
                    return local.path
                finally:
                    local.close()
        except OperationalError as exc:
            raise unavailable(self.url, exc) from exc


def publish(file: Path | str, url: str | ServerURL, *, name: str | None = None, replace: bool = False) -> ServerURL:
    """Copy a `.plan` file to a server as plan `name` (default: ?plan= or the file's name).

    One transaction: the plan appears complete or not at all. The publishing login becomes its
    owner. Returns the plan's URL."""
    from planner.document import Project
    from planner.server.copy import copy_tables

    url = parse(url) if isinstance(url, str) else url
    source = Project.open(file, read_only=True)
    name = name or url.plan or Path(file).stem
    engine = make_engine(url)
    try:
        with engine.begin() as dst:
            catalog.ensure_catalog(dst)
            dst.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext('planner publish'))")
            old = dst.exec_driver_sql("SELECT schema_name FROM planner.plan WHERE name = %s", (name,)).scalar()
            if old is not None:
                if not replace:
                    raise ValidationError(
                        _("The server already has a plan “{name}”; choose another name (--name) or replace it "
                          "(--replace).", name=name), where=url.text)
                dst.exec_driver_sql(f"DROP SCHEMA {old} CASCADE")
                dst.exec_driver_sql("DELETE FROM planner.plan WHERE name = %s", (name,))
            schema = catalog.create_plan_schema(dst, name)
            with source.engine.connect() as src:
                copy_tables(src, dst, schema=schema)
    except OperationalError as exc:
        raise unavailable(url, exc) from exc
    except DBAPIError as exc:
        if _sqlstate(exc) == "42501":
            raise PermissionRefused(
                _("The server refused to publish: {login} may not create plans there ({reason}). Ask the PMO's "
                  "administrator for the CREATE privilege (docs/server.md).", login=url.user,
                  reason=str(_orig(exc)).splitlines()[0]), where=url.text) from exc
        raise
    finally:
        engine.dispose()
        source.close()
    return url.with_plan(name)


def grant(url: str | ServerURL, plan: str, login: str, role: str, *, team: str | None = None) -> None:
    """Make `login` a member of `plan` (owner, editor, team, viewer); `team` names the team of a
    team member. Creates the login's membership in the group role if missing (needs CREATEROLE)."""
    url = parse(url) if isinstance(url, str) else url
    if role not in catalog.ROLES:
        raise ValidationError(_("Unknown role “{role}”: use owner, editor, team or viewer.", role=role), where=role)
    engine = make_engine(url)
    try:
        with engine.begin() as con:
            schema = con.exec_driver_sql("SELECT schema_name FROM planner.plan WHERE name = %s", (plan,)).scalar()
            if schema is None:
                raise NotFound(_("There is no plan “{name}” on {url}.", name=plan, url=url.text), where=url.text)
            team_id = None
            if role == "team":
                if not team:
                    raise ValidationError(_("A team member needs a team (--team NAME)."), where=login)
                team_id = con.exec_driver_sql(f"SELECT id FROM {schema}.team WHERE name = %s", (team,)).scalar()
                if team_id is None:
                    raise NotFound(_("Plan “{plan}” has no team “{team}”.", plan=plan, team=team), where=team)
            exists = con.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).scalar()
            if not exists:
                con.exec_driver_sql(f"CREATE ROLE {catalog.quote(login)} LOGIN")
            con.exec_driver_sql(f"GRANT {catalog.GROUP} TO {catalog.quote(login)}")
            con.exec_driver_sql(
                "INSERT INTO planner.member (schema_name, login, role, team_id) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT (schema_name, login) DO UPDATE SET role = excluded.role, team_id = excluded.team_id",
                (schema, login, role, team_id))
    except OperationalError as exc:
        raise unavailable(url, exc) from exc
    finally:
        engine.dispose()
