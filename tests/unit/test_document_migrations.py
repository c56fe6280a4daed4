"""D3: a plan upgraded from every frozen schema has exactly the schema a fresh plan gets."""

from __future__ import annotations

import shutil
import sqlite3

from sqlmodel import SQLModel, create_engine

from planner import model as m
from planner.document import migrations, schema
from tests.unit.test_reliability_d_upgrade import GOLDEN


def _fresh(tmp_path) -> sqlite3.Connection:
    path = tmp_path / "fresh.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    return sqlite3.connect(path)


def _upgraded(tmp_path, version: int) -> sqlite3.Connection:
    path = tmp_path / f"from-v{version}.sqlite"
    shutil.copy(GOLDEN[version], path)
    con = sqlite3.connect(path, isolation_level=None)
    migrations.upgrade(con, version)
    return con


def _missing_column_hints(old: dict, new: dict) -> list[str]:
    """What to add to the migration when the model gained a column (explicit DDL, never derived)."""
    hints = []
    for table, spec in new.items():
        have = {c[0] for c in old.get(table, {}).get("columns", [])}
        for name, kind, notnull, default, _pk in spec.get("columns", []):
            if name not in have:
                clause = f" DEFAULT {default}" if default is not None else ""
                clause += " NOT NULL" if notnull else ""
                hints.append(f'ALTER TABLE {table} ADD COLUMN {name} {kind}{clause}')
    return hints


def test_d3_upgraded_schema_equals_fresh_schema(tmp_path):
    fresh = schema.normalised(_fresh(tmp_path))
    for version in schema.FROZEN_VERSIONS:
        upgraded_con = _upgraded(tmp_path, version)
        upgraded = schema.normalised(upgraded_con)
        differences = schema.diff(upgraded, fresh)
        hints = _missing_column_hints(upgraded, fresh)
        assert not differences, (
            f"schema drift after upgrading from v{version}:\n" + "\n".join(differences)
            + "\nAdd explicit steps to planner/document/migrations.py, e.g.:\n" + "\n".join(hints)
        )
        assert upgraded_con.execute("PRAGMA user_version").fetchone()[0] == m.SCHEMA_VERSION
        assert schema.objects(upgraded_con) == schema.expected_objects(m.SCHEMA_VERSION)


def test_d3_normalised_schema_sees_a_dropped_check(tmp_path):
    """The comparison itself must notice what batch table rebuilds tend to lose."""
    con = _fresh(tmp_path)
    before = schema.normalised(con)
    con.executescript(
        """
        PRAGMA foreign_keys=OFF;
        CREATE TABLE dependency_new AS SELECT * FROM dependency;
        DROP TABLE dependency;
        ALTER TABLE dependency_new RENAME TO dependency;
        """
    )
    assert any("dependency" in line for line in schema.diff(before, schema.normalised(con)))


def test_frozen_v1_sql_is_the_golden_files_schema():
    con = sqlite3.connect(":memory:")
    con.executescript(schema.frozen_sql(1))
    golden = sqlite3.connect(f"file:{GOLDEN[1]}?mode=ro", uri=True)
    assert schema.normalised(con) == schema.normalised(golden)


def test_every_version_has_a_migration():
    assert [mig.version for mig in migrations.pending(min(schema.FROZEN_VERSIONS))] == list(
        range(min(schema.FROZEN_VERSIONS) + 1, m.SCHEMA_VERSION + 1)
    )
