"""The read-only verbs read current-format plans with sqlite3 alone: the same bytes as through
`Project.open` (the ORM path), the same messages for a file they cannot read, and no ORM imported."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planner.__main__ import main
from planner.document import readonly

ROOT = Path(__file__).resolve().parents[2]
PLANS = sorted((ROOT / "resources" / "samples").glob("*.plan")) + sorted(
    (ROOT / "tests" / "fixtures" / "plans").glob("*.plan"))
VERBS = (["dump"], ["dump", "--natural"], ["schedule"], ["schedule", "--json"], ["validate"], ["validate", "--json"],
         ["info"], ["info", "--json"])


def _run(capsys, argv, orm: bool, monkeypatch) -> tuple[int, str, str]:
    with monkeypatch.context() as patch:
        if orm:
            patch.setattr(readonly, "read_plan_file", lambda path, tables=None: None)
        code = main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("verb", VERBS, ids=" ".join)
@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
def test_same_output_as_through_project_open(verb, plan, capsys, monkeypatch):
    fast = _run(capsys, [*verb, str(plan)], False, monkeypatch)
    orm = _run(capsys, [*verb, str(plan)], True, monkeypatch)
    assert fast == orm
    assert fast[1]


def test_current_plans_take_the_fast_path_older_ones_do_not():
    assert readonly.read_plan_file(ROOT / "resources" / "samples" / "flagos.plan") is not None
    assert readonly.read_plan_file(ROOT / "tests" / "fixtures" / "plans" / "v1.plan") is None
    assert readonly.read_plan_file("postgresql://localhost/db?plan=x") is None


def _newer(tmp_path):
    path = tmp_path / "newer.plan"
    shutil.copy(ROOT / "resources" / "samples" / "okr.plan", path)
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA user_version=99")
    con.close()
    return path


def _not_a_plan(tmp_path):
    path = tmp_path / "other.plan"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    return path


def _corrupt(tmp_path):
    path = tmp_path / "corrupt.plan"
    data = bytearray((ROOT / "resources" / "samples" / "okr.plan").read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[2 * page:3 * page] = b"\xff" * page  # a page of the tables' tree overwritten
    path.write_bytes(bytes(data))
    return path


def _extra_table(tmp_path):
    path = tmp_path / "extra.plan"
    shutil.copy(ROOT / "resources" / "samples" / "okr.plan", path)
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE intruder(x)")
    con.commit()
    con.close()
    return path


def _broken_rule(tmp_path):
    path = tmp_path / "rule.plan"
    shutil.copy(ROOT / "resources" / "samples" / "okr.plan", path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA ignore_check_constraints=ON")
    con.execute("UPDATE task SET progress = 250")
    con.commit()
    con.close()
    return path


def _truncated(tmp_path):
    path = tmp_path / "short.plan"
    path.write_bytes((ROOT / "resources" / "samples" / "okr.plan").read_bytes()[:5000])
    return path


@pytest.mark.parametrize("make", [_newer, _not_a_plan, _corrupt, _extra_table, _broken_rule, _truncated,
                                  lambda tmp: tmp / "missing.plan", lambda tmp: tmp])
@pytest.mark.parametrize("verb", ["dump", "schedule", "validate", "info"])
def test_same_message_for_a_file_that_cannot_be_read(make, verb, tmp_path, capsys, monkeypatch):
    path = make(tmp_path)
    fast = _run(capsys, [verb, str(path)], False, monkeypatch)
    orm = _run(capsys, [verb, str(path)], True, monkeypatch)
    assert fast == orm
    assert fast[0] == 2 and fast[2].startswith("error: ")


@pytest.mark.parametrize("verb", ["dump", "schedule", "validate", "info"])
def test_no_orm_is_imported(verb):
    code = ("import sys; sys.argv = ['planner', %r, %r]; "
            "from planner.__main__ import main; rc = main(); "
            "sys.stderr.write(repr(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'planner.model', 'openpyxl', "
            "'matplotlib') if m in sys.modules)))" % (verb, str(ROOT / "resources" / "samples" / "flagos.plan")))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "[]"
    assert done.stdout
