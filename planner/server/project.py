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

import psycopg
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
_DB_ERRORS = (DBAPIError, psycopg.Error)  # SQLAlchemy's, and psycopg's own (the edit's COMMIT message)
NOTIFY_IDS = 400
UNCHECKED = frozenset({"raci_ack"})  # more ids than this: the notification names the areas only


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


SAVE_EDIT = ("SELECT planner.save_edit(%s, %s::uuid, %s, %s::text[], %s::int[], %s::text[], %s::text[], "
             "%s::bigint[], %s::jsonb); COMMIT")


class LoggedSession(Session):
    """A session whose writes are collected in `info["writes"]` ((table, id, field) -> value)
    for the change log: ORM flushes, and bulk INSERTs or UPDATEs by primary key."""


@event.listens_for(LoggedSession, "after_flush")
def _collect_flush(session, _ctx) -> None:
    writes = session.info.get("writes")
    if writes is None:
        return
    for obj in list(session.new) + list(session.dirty):
        table = getattr(type(obj), "__tablename__", None)
        ident = getattr(obj, "id", None)
        if table is None or ident is None:
            continue
        state = sa_inspect(obj)
        new = obj in session.new
        if new:
            session.info.setdefault("fresh", set()).add((table, ident))
        for attr in state.mapper.column_attrs:
            if new or state.attrs[attr.key].history.has_changes():
                writes[(table, ident, attr.key)] = getattr(obj, attr.key)
    for obj in session.deleted:
        table = getattr(type(obj), "__tablename__", None)
        if table is not None and getattr(obj, "id", None) is not None:
            writes[(table, obj.id, "*deleted")] = None


@event.listens_for(LoggedSession, "do_orm_execute")
def _collect_bulk(state) -> None:
    """Statements that bypass the unit of work (`s.execute(insert(Task), rows)`) are logged
    row by row; an UPDATE or DELETE by criteria cannot say which rows it wrote, so it is
    refused on a server plan (write such changes through the Journal)."""
    writes = state.session.info.get("writes")
    if writes is None or not (state.is_insert or state.is_update or state.is_delete):
        return
    mapper = state.bind_mapper
    table = getattr(mapper.class_, "__tablename__", None) if mapper is not None else None
    params = state.parameters
    rows = params if isinstance(params, list) else ([params] if params else [])
    by_key = bool(rows) and all(isinstance(r, dict) and r.get("id") is not None for r in rows) \
        and not getattr(state.statement, "_where_criteria", ())
    if table is None or not by_key:
        raise ValidationError(
            _("A change of plan rows by criteria cannot be checked against other users' edits on the server; "
              "nothing was saved."), where=str(table))
    if state.is_insert:
        session_fresh = state.session.info.setdefault("fresh", set())
        session_fresh.update((table, r["id"]) for r in rows)
    for r in rows:
        if state.is_delete:
            writes[(table, r["id"], "*deleted")] = None
        else:
            for field, value in r.items():
                if field != "id":
                    writes[(table, r["id"], field)] = value


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
                try:  # a catalogue made by an earlier release gains what this one adds (its owner may)
                    with con.begin_nested():
                        catalog.ensure_catalog(con)
                except DBAPIError as exc:
                    log.info("catalogue not brought up to date by %s: %s", url.user, _orig(exc))
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
        """One transaction for code that writes through a session directly: its writes are
        checked, logged and notified (to every area) as a service call's are."""
        self._check_writable()
        edit_id = uuid.uuid4()
        with LoggedSession(self.engine, expire_on_commit=False) as s:
            s.info["writes"] = {}
            try:
                yield s
                s.flush()
                self._commit_log(s, edit_id, s.info["writes"], Changes(Area.ALL))
                s.commit()
            except _DB_ERRORS as exc:
                with contextlib.suppress(Exception):
                    s.rollback()
                raise self._translate(exc, edit_id) from exc
            except BaseException:
                with contextlib.suppress(Exception):
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
            except _DB_ERRORS as exc:
                if _sqlstate(exc) in ("40001", "40P01") and attempt < RETRIES - 1:
                    # rolled back by the server: run it again on fresh data, after a random pause
                    # so the writers of one row do not collide again in step
                    time.sleep(random.uniform(0.002, 0.01) * (attempt + 1))
                    continue
                raise self._translate(exc, edit_id) from exc
            except StaleDataError as exc:  # the UPDATE or DELETE found no row to write
                raise self._vanished(exc) from exc
            break
        if changes.undo is not None:
            self._patch_seq[id(changes.undo)] = seq
        return changes

    def _attempt(self, service, args, kwargs, edit_id, undoing) -> tuple[Changes, int]:
        with LoggedSession(self.engine, expire_on_commit=False) as s:
            s.info["writes"] = {}
            try:
                if undoing:
                    self._check_undo(s, args[0])
                changes = service(s, *args, **kwargs)
                s.flush()
                seq = self._commit_log(s, edit_id, s.info["writes"], changes)
                s.commit()  # committed on the server already: no round trip
            except BaseException:
                with contextlib.suppress(Exception):
                    s.rollback()
                raise
        self.sync_seq = max(self.sync_seq, seq) if self.sync_seq >= seq - 1 else self.sync_seq
        return changes, seq

    def _commit_log(self, s: Session, edit_id, writes: dict, changes: Changes) -> int:
        """Check the fields written against the others' edits since this window last saw each,
        log them, notify and commit: `planner.save_edit` and COMMIT sent in one message, so the
        per-plan lock that numbers the edits is held for no client round trip. Returns the
        edit's seq; raises EditConflict (nothing saved) when another user changed one of the
        fields since."""
        import psycopg

        fresh = s.info.get("fresh", ())

        def checked(k) -> bool:  # a deletion, a new row (an id used again after a deletion
            # clashes with nobody) or an acknowledgement (it says "seen") is no field to clash on
            return k[2] != "*deleted" and k[0] not in UNCHECKED and (k[0], k[1]) not in fresh

        keys = sorted(writes, key=lambda k: not checked(k))
        since = [max(self.sync_seq, self._seen.get(k, 0)) for k in keys if checked(k)]
        ids = sorted(changes.ids)
        payload = json.dumps({"seq": 0, "client": self.client, "login": self.login, "areas": changes.areas.value,
                              "t": time.time(), "ids": ids if len(ids) <= NOTIFY_IDS else None})
        args = (self.schema, str(edit_id), self.client, [k[0] for k in keys], [k[1] for k in keys],
                [k[2] for k in keys], [None if writes[k] is None else str(writes[k]) for k in keys], since, payload)
        raw = s.connection().connection.driver_connection
        try:
            with psycopg.ClientCursor(raw) as cur:
                cur.execute(SAVE_EDIT, args)
                return cur.fetchone()[0]
        except psycopg.Error as exc:
            if _sqlstate(exc) != "PL409":
                raise
            conflicts = json.loads(exc.diag.message_detail or "[]")
        for c in conflicts:  # shown now: editing it again is a deliberate overwrite
            c["at"] = dt.datetime.fromisoformat(c["at"])
            self._seen[(c["table"], c["id"], c["field"])] = c["seq"]
            if c["field"] == "*deleted":
                raise self._deleted_by(c)
        s.rollback()  # refused by the server: nothing of the edit is kept
        c = conflicts[-1]
        where = self._where(s, c["table"], c["id"])
        raise EditConflict(
            _("Not saved: {login} changed the same field of plan “{plan}” since you last saw it ({where}, {field}: "
              "now “{value}”, at {time}). Their value is kept; edit again to replace it.",
              login=c["login"], plan=self.plan, where=where, field=c["field"],
              value="" if c["value"] is None else c["value"], time=c["at"].astimezone().strftime("%H:%M:%S")),
            conflicts, where=f"{where}.{c['field']}", key="edit_conflict")

    def _where(self, s: Session, table: str, ident: int) -> str:
        """'Task TP-03 名称', 'Module 数据', 'reading 12': the row as the user knows it."""
        from planner.server.raci_ack import _subject

        kind = next((t for t in catalog.SQLModel.metadata.sorted_tables if t.name == table), None)
        if kind is None:
            return f"{table} {ident}"
        wanted = [c for c in ("code", "name", "title") if c in kind.c]
        row = None
        if wanted:
            with contextlib.suppress(Exception):
                row = s.connection().execute(
                    kind.select().with_only_columns(*(kind.c[c] for c in wanted)).where(kind.c.id == ident)).first()
        if row is None:
            return f"{table} {ident}"
        values = dict(zip(wanted, row))
        if table == "task":
            return _subject(None, values.get("code"), values.get("name"))
        if table == "module":
            return _subject(values.get("name"), None, None)
        return f"{table} {values.get('code') or values.get('name') or values.get('title') or ident}"

    def _deleted_by(self, c: dict) -> EditConflict:
        return EditConflict(
            _("Not saved: {login} deleted {table} {id} of plan “{plan}” at {time}, after you last saw it.",
              login=c["login"], table=c["table"], id=c["id"], plan=self.plan,
              time=c["at"].astimezone().strftime("%H:%M:%S")),
            [c], where=f"{c['table']} {c['id']}", key="edit_conflict")

    def _vanished(self, exc: StaleDataError) -> PlannerError:
        """An UPDATE or DELETE that found no row: deleted by someone (the log says who) or hidden
        from this login by row-level security (the server's rule)."""
        text = str(exc)
        table = next((t.name for t in catalog.SQLModel.metadata.sorted_tables if f"'{t.name}'" in text), None)
        if table is not None:
            with contextlib.suppress(Exception), self.engine.connect() as con:
                row = con.exec_driver_sql(
                    "SELECT seq, tbl, row_id, field, value, login, at FROM planner.change WHERE schema_name = %s"
                    " AND tbl = %s AND field = '*deleted' AND client <> %s AND seq > %s ORDER BY seq DESC LIMIT 1",
                    (self.schema, table, self.client, self.sync_seq)).first()
                if row is not None:
                    return self._deleted_by(dict(seq=row[0], table=row[1], id=row[2], field=row[3], value=row[4],
                                                 login=row[5], at=row[6]))
        return self._refused(table)

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
                      "their own team's R/A letters"),
            None: _("only members of a plan may change it"),
        }
        rule = rules.get(self.role, _("owners and editors may change everything"))
        where = {"raci_ack": _("the RACI acknowledgements")}.get(table or "", table) or _("the plan")
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
