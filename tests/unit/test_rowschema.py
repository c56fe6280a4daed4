"""`planner.rowschema` (the tables as plain data, read without the ORM) says what `planner.model` says."""

from __future__ import annotations

import subprocess
import sys

from planner import rowschema
from tests.unit.rowschema_source import describe_model

REGENERATE = "regenerate planner/rowschema.py's data with `python -m tests.unit.rowschema_source`"


def test_the_description_matches_the_model():
    model = describe_model()
    assert rowschema.SCHEMA_VERSION == model["SCHEMA_VERSION"], REGENERATE
    assert rowschema.TABLES == model["TABLES"], REGENERATE
    assert rowschema.CHECKS == model["CHECKS"], REGENERATE


def test_the_head_ddl_matches_what_the_model_creates():
    assert rowschema.DDL == model_ddl(), REGENERATE


def model_ddl():
    return describe_model()["DDL"]


def test_every_table_has_a_natural_key_in_the_dump():
    from planner.dump import _KEY_FIELDS

    assert set(_KEY_FIELDS) == set(rowschema.TABLE_BY_NAME)
    for name, fields in _KEY_FIELDS.items():
        assert set(fields) <= set(rowschema.TABLE_BY_NAME[name]["columns"])


def test_rowschema_and_the_readers_import_no_orm():
    code = ("import sys, planner.rowschema, planner.plan, planner.dump, planner.schedule.loader, "
            "planner.document.readonly; "
            "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'planner.model') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
