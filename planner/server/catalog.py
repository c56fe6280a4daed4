"""What a PostgreSQL database holding plans contains, and how it is created and upgraded.

- schema `planner`: the catalogue of plans (`plan`), who may do what in each (`member`), the
  change log (`change`: one row per field written, in commit order; its `seq` is the row
  version conflicts and undo are judged by), the applied edits (`edit`: an edit id is applied
  at most once, even when a client retries after losing its connection) and the teams'
  acknowledgements of their R/A assignments (`raci_ack`: who, when, which letter);
- one schema per plan (`plan_1`, `plan_2` ...) with the model's tables, exactly as
  `planner/model.py` declares them (`SQLModel.metadata`): creating, copying and upgrading walk
  the metadata, so a table added to the model needs no code here.

Permissions are PostgreSQL's, not the client's: every login is granted the group role
`planner_user`; row-level security policies on every plan table consult `planner.member`.
"""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from planner import model as m  # noqa: F401  (registers the tables on SQLModel.metadata)
from planner.errors import FileTooNew, UpgradeFailed
from planner.i18n import _

GROUP = "planner_user"
ROLES = ("owner", "editor", "team", "viewer")

# Team members write only these tables, and only the rows of their own team (see TEAM_RULES);
# their RACI acknowledgements go to planner.raci_ack (its own policy). The RACI letters themselves
# are the plan's: owners and editors set them.
TEAM_RULES = {
    "reading": "EXISTS (SELECT 1 FROM {schema}.indicator i WHERE i.id = indicator_id"
               " AND i.owner_team_id = (SELECT planner.my_team('{schema}')))",
}

CATALOG_DDL = f"""
CREATE SCHEMA IF NOT EXISTS planner;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{GROUP}') THEN CREATE ROLE {GROUP} NOLOGIN; END IF;
END $$;
CREATE TABLE IF NOT EXISTS planner.plan (
  name text PRIMARY KEY,
  schema_name text UNIQUE NOT NULL,
  schema_version integer NOT NULL,
  published_by text NOT NULL DEFAULT session_user,
  published_at timestamptz NOT NULL DEFAULT now()
);
CREATE SEQUENCE IF NOT EXISTS planner.plan_number;
CREATE TABLE IF NOT EXISTS planner.member (
  schema_name text NOT NULL REFERENCES planner.plan(schema_name) ON DELETE CASCADE ON UPDATE CASCADE,
  login text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'editor', 'team', 'viewer')),
  team_id integer,
  PRIMARY KEY (schema_name, login)
);
CREATE TABLE IF NOT EXISTS planner.change (
  id bigserial PRIMARY KEY,
  seq bigint NOT NULL,
  schema_name text NOT NULL,
  edit_id uuid NOT NULL,
  client text NOT NULL,
  login text NOT NULL DEFAULT session_user,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  tbl text NOT NULL,
  row_id integer NOT NULL,
  field text NOT NULL,
  value text
);
CREATE INDEX IF NOT EXISTS change_row ON planner.change (schema_name, tbl, row_id, seq);
CREATE SEQUENCE IF NOT EXISTS planner.change_seq;
CREATE TABLE IF NOT EXISTS planner.edit (
  edit_id uuid PRIMARY KEY,
  schema_name text NOT NULL,
  client text NOT NULL,
  login text NOT NULL DEFAULT session_user,
  seq bigint NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE OR REPLACE FUNCTION planner.my_role(s text) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = planner, pg_temp AS
  $$ SELECT role FROM planner.member WHERE schema_name = s AND login = session_user $$;
CREATE OR REPLACE FUNCTION planner.my_team(s text) RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = planner, pg_temp AS
  $$ SELECT team_id FROM planner.member WHERE schema_name = s AND login = session_user $$;
-- The acknowledgements of R/A assignments: a team says it has taken on its R or A letter on a
-- module or a task (who, when, and the letter acknowledged: a changed letter needs a new one).
CREATE TABLE IF NOT EXISTS planner.raci_ack (
  schema_name text NOT NULL REFERENCES planner.plan(schema_name) ON DELETE CASCADE ON UPDATE CASCADE,
  cell_id integer NOT NULL,
  team_id integer NOT NULL,
  role text NOT NULL CHECK (role IN ('R', 'A')),
  login text NOT NULL DEFAULT session_user,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  note text NOT NULL DEFAULT '',
  PRIMARY KEY (schema_name, cell_id)
);
-- One edit in one statement sent with its COMMIT (so the per-plan lock is held for no client
-- round trip): the same-field check (a field written by another client after `w_since` of that
-- field refuses the edit: SQLSTATE PL409, the others' values as JSON in the DETAIL), then the
-- edit, its fields and the notification, numbered under a per-plan lock held to the commit.
DROP FUNCTION IF EXISTS planner.commit_edit(text, uuid, text, bigint, boolean, text[], integer[], text[], text[],
  integer, jsonb);
CREATE OR REPLACE FUNCTION planner.save_edit(
    s text, eid uuid, cl text, w_tbl text[], w_row integer[], w_field text[], w_value text[], w_since bigint[],
    payload jsonb)
  RETURNS bigint
  LANGUAGE plpgsql AS $fn$
DECLARE
  n bigint;
  k integer := coalesce(cardinality(w_since), 0);
  clash jsonb;
BEGIN
  IF k > 0 THEN
    SELECT jsonb_agg(jsonb_build_object('seq', c.seq, 'table', c.tbl, 'id', c.row_id, 'field', c.field,
                                        'value', c.value, 'login', c.login, 'at', c.at) ORDER BY c.seq)
      INTO clash
      FROM planner.change c
      JOIN unnest(w_tbl[1:k], w_row[1:k], w_field[1:k], w_since) AS w(tbl, row_id, field, since)
        ON c.tbl = w.tbl AND c.row_id = w.row_id AND (c.field = w.field OR c.field = '*deleted')
      WHERE c.schema_name = s AND c.seq > w.since AND c.client <> cl;
    IF clash IS NOT NULL THEN
      RAISE EXCEPTION 'planner: same-field conflict' USING ERRCODE = 'PL409', DETAIL = clash::text;
    END IF;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext(s));
  n := nextval('planner.change_seq');
  INSERT INTO planner.edit (edit_id, schema_name, client, seq) VALUES (eid, s, cl, n);
  INSERT INTO planner.change (seq, schema_name, edit_id, client, tbl, row_id, field, value)
    SELECT n, s, eid, cl, w.tbl, w.row_id, w.field, w.value
    FROM unnest(w_tbl, w_row, w_field, w_value) AS w(tbl, row_id, field, value);
  PERFORM pg_notify('planner_' || s, jsonb_set(payload, '{{seq}}', to_jsonb(n))::text);
  RETURN n;
END $fn$;
GRANT USAGE ON SCHEMA planner TO {GROUP};
GRANT SELECT ON planner.plan, planner.member TO {GROUP};
GRANT SELECT, INSERT ON planner.change, planner.edit TO {GROUP};
GRANT USAGE, SELECT ON SEQUENCE planner.change_seq, planner.change_id_seq TO {GROUP};
GRANT EXECUTE ON FUNCTION planner.my_role(text), planner.my_team(text) TO {GROUP};
GRANT EXECUTE ON FUNCTION planner.save_edit(text, uuid, text, text[], integer[], text[], text[], bigint[], jsonb)
  TO {GROUP};
GRANT SELECT, INSERT, UPDATE, DELETE ON planner.raci_ack TO {GROUP};
ALTER TABLE planner.member ENABLE ROW LEVEL SECURITY;
ALTER TABLE planner.change ENABLE ROW LEVEL SECURITY;
ALTER TABLE planner.edit ENABLE ROW LEVEL SECURITY;
ALTER TABLE planner.raci_ack ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS member_read ON planner.member;
CREATE POLICY member_read ON planner.member FOR SELECT USING (true);
DROP POLICY IF EXISTS member_owner ON planner.member;
CREATE POLICY member_owner ON planner.member FOR ALL
  USING (planner.my_role(schema_name) = 'owner') WITH CHECK (planner.my_role(schema_name) = 'owner');
DROP POLICY IF EXISTS change_read ON planner.change;
CREATE POLICY change_read ON planner.change FOR SELECT USING (planner.my_role(schema_name) IS NOT NULL);
DROP POLICY IF EXISTS change_write ON planner.change;
CREATE POLICY change_write ON planner.change FOR INSERT
  WITH CHECK (planner.my_role(schema_name) IN ('owner', 'editor', 'team') AND login = session_user);
DROP POLICY IF EXISTS edit_read ON planner.edit;
CREATE POLICY edit_read ON planner.edit FOR SELECT USING (planner.my_role(schema_name) IS NOT NULL);
DROP POLICY IF EXISTS raci_ack_read ON planner.raci_ack;
CREATE POLICY raci_ack_read ON planner.raci_ack FOR SELECT USING (planner.my_role(schema_name) IS NOT NULL);
DROP POLICY IF EXISTS raci_ack_write ON planner.raci_ack;
CREATE POLICY raci_ack_write ON planner.raci_ack FOR ALL
  USING (planner.my_role(schema_name) IN ('owner', 'editor')
         OR (planner.my_role(schema_name) = 'team' AND team_id = planner.my_team(schema_name)))
  WITH CHECK (login = session_user AND (planner.my_role(schema_name) IN ('owner', 'editor')
         OR (planner.my_role(schema_name) = 'team' AND team_id = planner.my_team(schema_name))));
DROP POLICY IF EXISTS edit_write ON planner.edit;
CREATE POLICY edit_write ON planner.edit FOR INSERT
  WITH CHECK (planner.my_role(schema_name) IN ('owner', 'editor', 'team') AND login = session_user);
"""


def ensure_catalog(con: Connection) -> None:
    """Create the `planner` schema's tables, functions and policies if missing (idempotent)."""
    exists = con.exec_driver_sql(
        "SELECT to_regproc('planner.save_edit') IS NOT NULL AND to_regclass('planner.raci_ack') IS NOT NULL").scalar()
    if exists:
        return
    # Two publishers at once: one creates, the other waits here and finds it done.
    con.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext('planner catalog'))")
    con.exec_driver_sql(CATALOG_DDL)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def translated(con: Connection, schema: str) -> Connection:
    """A connection on which the model's tables (schema-less) name the plan's schema."""
    return con.execution_options(schema_translate_map={None: schema})


def create_plan_schema(con: Connection, name: str) -> str:
    """A new empty plan schema with every model table, grants and policies; its name."""
    number = con.exec_driver_sql("SELECT nextval('planner.plan_number')").scalar()
    schema = f"plan_{number}"
    con.exec_driver_sql(f"CREATE SCHEMA {schema}")
    SQLModel.metadata.create_all(translated(con, schema))
    con.exec_driver_sql(
        "INSERT INTO planner.plan (name, schema_name, schema_version) VALUES (%s, %s, %s)",
        (name, schema, m.SCHEMA_VERSION),
    )
    con.exec_driver_sql(
        "INSERT INTO planner.member (schema_name, login, role) VALUES (%s, session_user, 'owner')", (schema,)
    )
    secure(con, schema)
    return schema


def secure(con: Connection, schema: str) -> None:
    """Grants and row-level security for every table of a plan schema (idempotent)."""
    con.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema} TO {GROUP}")
    con.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {GROUP}")
    con.exec_driver_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {GROUP}")
    # (SELECT ...): evaluated once per statement, not once per row the statement looks at
    role = f"(SELECT planner.my_role('{schema}'))"
    editors = f"{role} IN ('owner', 'editor')"
    for table in SQLModel.metadata.sorted_tables:
        t = f"{schema}.{quote(table.name)}"
        con.exec_driver_sql(f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY")
        con.exec_driver_sql(f"ALTER TABLE {t} FORCE ROW LEVEL SECURITY")
        for policy in ("members_read", "editors_write", "team_writes_own"):
            con.exec_driver_sql(f"DROP POLICY IF EXISTS {policy} ON {t}")
        con.exec_driver_sql(
            f"CREATE POLICY members_read ON {t} FOR SELECT USING ({role} IS NOT NULL)")
        con.exec_driver_sql(f"CREATE POLICY editors_write ON {t} FOR ALL USING ({editors}) WITH CHECK ({editors})")
        rule = TEAM_RULES.get(table.name)
        if rule:
            team = f"{role} = 'team' AND " + rule.format(schema=schema)
            command = "ALL" if table.name == "reading" else "UPDATE"
            con.exec_driver_sql(
                f"CREATE POLICY team_writes_own ON {t} FOR {command} USING ({team}) WITH CHECK ({team})")


def upgrade(con: Connection, plan: str, schema: str, version: int) -> int | None:
    """Bring a plan schema to the model's format inside the caller's transaction.

    Returns the version it had if it was upgraded. Refuses a plan written by a newer release,
    as `Project.open` refuses such a file. Derived from the model: tables it declares that the
    schema lacks are created, missing columns added (NULL or their server default for rows
    already there), NOT NULL dropped where the model now allows NULL."""
    if version > m.SCHEMA_VERSION:
        raise FileTooNew(
            _("Plan “{name}” on the server was written by a newer version of Roadmap Planner (format {found}; "
              "this version reads up to {supported}). Update the app to open it.",
              name=plan, found=version, supported=m.SCHEMA_VERSION), where=plan)
    if version == m.SCHEMA_VERSION:
        return None
    try:
        con.exec_driver_sql("LOCK TABLE planner.plan IN SHARE ROW EXCLUSIVE MODE")
        insp = inspect(con)
        present = set(insp.get_table_names(schema=schema))
        for table in SQLModel.metadata.sorted_tables:
            if table.name not in present:
                table.create(translated(con, schema))
                continue
            have = {c["name"]: c for c in insp.get_columns(table.name, schema=schema)}
            for col in table.columns:
                t = f"{schema}.{quote(table.name)}"
                if col.name not in have:
                    kind = col.type.compile(dialect=con.dialect)
                    default = ""
                    if col.server_default is not None:
                        default = f" DEFAULT '{col.server_default.arg}'"
                    if col.server_default is not None and kind == "BOOLEAN":
                        default = f" DEFAULT {'true' if str(col.server_default.arg) in ('1', 'true') else 'false'}"
                    null = "" if col.nullable or default else " NOT NULL"
                    con.exec_driver_sql(f"ALTER TABLE {t} ADD COLUMN {quote(col.name)} {kind}{default}{null}")
                elif col.nullable and not have[col.name]["nullable"]:
                    con.exec_driver_sql(f"ALTER TABLE {t} ALTER COLUMN {quote(col.name)} DROP NOT NULL")
        secure(con, schema)
        con.exec_driver_sql("UPDATE planner.plan SET schema_version = %s WHERE schema_name = %s",
                            (m.SCHEMA_VERSION, schema))
    except FileTooNew:
        raise
    except Exception as exc:
        raise UpgradeFailed(
            _("Plan “{name}” on the server could not be upgraded from format {old} to {new}: {reason}. "
              "Nothing was changed; its owner can upgrade it by opening it.",
              name=plan, old=version, new=m.SCHEMA_VERSION, reason=str(getattr(exc, "orig", exc)).splitlines()[0]),
            where=plan) from exc
    return version
