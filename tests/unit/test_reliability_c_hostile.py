"""RELIABILITY-MATRIX C: damaged or hostile plan files are refused clearly and never modified."""

from __future__ import annotations

import os
import random
import sqlite3
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import model as m
from planner.document import paths
from planner.document.project import Project
from planner.document.sqlitefile import MAX_PLAN_BYTES
from planner.errors import DocumentError, FileDamaged, FileTooNew, FileTooOld, NotAPlanFile
from planner.plan import load_plan
from planner.schedule.loader import fast_load_plan
from tests.unit.test_document_support import (  # noqa: F401 - fixtures
    appdata,
    codes,
    docs,
    make_plan,
    sha,
    siblings,
)


@pytest.fixture(scope="module")
def golden(tmp_path_factory):
    """One healthy plan of the current format, copied by each test."""
    folder = tmp_path_factory.mktemp("golden")
    old = os.environ.get("PLANNER_DATA_DIR")
    os.environ["PLANNER_DATA_DIR"] = str(folder / "appdata")
    try:
        path = make_plan(folder / "golden.plan", tasks=30)
    finally:
        if old is None:
            os.environ.pop("PLANNER_DATA_DIR")
        else:
            os.environ["PLANNER_DATA_DIR"] = old
    return path.read_bytes()


def _refused_untouched(path, error=DocumentError):
    """Opening raises `error`; the file keeps every byte; nothing is left beside it or in app-data."""
    before = sha(path)
    with pytest.raises(error) as err:
        Project.open(path)
    assert sha(path) == before  # O1
    assert siblings(path.parent) == [path.name]  # no lock, no journal, no temp
    assert list(paths.work_root().iterdir()) == []  # no working copy left behind
    return err.value


# --- C1: byte flips --------------------------------------------------------------------------
def _open_flipped(path, data, flips):
    damaged = bytearray(data)
    for offset, bit in flips:
        damaged[offset % len(damaged)] ^= 1 << bit
    path.write_bytes(bytes(damaged))
    before = sha(path)
    began = time.perf_counter()
    try:
        project = Project.open(path)
    except DocumentError:
        outcome = "refused"
    else:
        outcome = "opened"  # the flip hit free space or plain data: still a valid database
        try:
            project.read(load_plan)  # and the app can use what it opened
            fast_load_plan(project)
        finally:
            project.close()
    assert time.perf_counter() - began < 5  # no hang
    assert sha(path) == before  # the damaged file is never modified
    assert not path.with_name(path.name + "-journal").exists()
    return outcome


offsets_and_bits = st.tuples(st.integers(min_value=0, max_value=10**7), st.integers(0, 7))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    flips=st.lists(offsets_and_bits, min_size=1, max_size=8),
    header=st.lists(st.tuples(st.integers(0, 99), st.integers(0, 7)), max_size=2),
)
def test_c1_random_bit_flips_are_refused_or_harmless(flips, header, golden, appdata, docs):
    _open_flipped(docs / "plan.plan", golden, flips + header)


def test_c1_every_header_byte_flipped(golden, appdata, docs):
    """SQLite's corruptC style sweep over the 100-byte header, one byte at a time."""
    results = {"refused": 0, "opened": 0}
    rnd = random.Random(1)
    for offset in range(100):
        results[_open_flipped(docs / "plan.plan", golden, [(offset, rnd.randrange(8))])] += 1
    print(f"C1 header sweep: {results}")
    assert results["refused"] >= 40  # magic, page size, app id, version ... are all checked


@pytest.mark.slow
def test_c1_random_flip_sweep_long(golden, appdata, docs):
    results = {"refused": 0, "opened": 0}
    for seed in range(int(os.environ.get("PLANNER_C1_SEEDS", "5000"))):
        rnd = random.Random(seed)
        flips = [(rnd.randrange(len(golden)), rnd.randrange(8)) for _ in range(rnd.randint(1, 8))]
        try:
            results[_open_flipped(docs / "plan.plan", golden, flips)] += 1
        except Exception as exc:
            raise AssertionError(f"seed {seed}: {exc!r}") from exc
    print(f"C1 sweep: {results}")


def test_c1_flipped_table_definition_is_refused(golden, appdata, docs):
    """A flip inside a CHECK constraint's text passes quick_check; the definitions must match."""
    data = golden.replace(b"progress >= 0 AND progress <= 1", b"progress >= 8 AND progress <= 1")
    assert data != golden
    path = docs / "plan.plan"
    path.write_bytes(data)
    err = _refused_untouched(path, FileDamaged)
    assert "table definitions differ" in str(err)


@pytest.mark.parametrize(
    "column, value",
    [("end_date", "2025-02-30"), ("end_date", "2025-13-01"), ("start_date", "0000-01-01"),
     ("progress", "0.5x"), ("is_milestone", 7), ("code", b"\xff\xfe")],
)
def test_c1_values_no_plan_can_hold_are_refused(column, value, golden, appdata, docs):
    """A flip inside a record passes quick_check; the app would crash on it later."""
    path = docs / "plan.plan"
    path.write_bytes(golden)
    con = sqlite3.connect(path)
    con.execute("PRAGMA ignore_check_constraints=ON")
    con.execute(f'UPDATE task SET "{column}" = ? WHERE id = 3', (value,))
    con.commit()
    con.close()
    err = _refused_untouched(path, FileDamaged)
    assert "damaged" in str(err)


def test_c1_quick_check_failure_names_damage_and_offers_backups(golden, appdata, docs):
    doc = make_plan(docs / "plan.plan", tasks=30)  # leaves saved versions in app-data
    con = sqlite3.connect(f"file:{doc}?mode=ro", uri=True)
    root = con.execute("SELECT rootpage FROM sqlite_schema WHERE name='task'").fetchone()[0]
    con.close()
    data = bytearray(doc.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range((root - 1) * page, root * page):  # scribble over the task table's page
        data[offset] = 0x5A
    doc.write_bytes(bytes(data))
    before = sha(doc)
    with pytest.raises(FileDamaged) as err:
        Project.open(doc)
    assert "damaged" in str(err.value) and sha(doc) == before
    assert err.value.backups and err.value.backups == Project.backups(doc)


# --- C2: not a plan ----------------------------------------------------------------------------
def test_c2_another_programs_sqlite_database(appdata, docs):
    path = docs / "browser-history.plan"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE moz_places(id INTEGER PRIMARY KEY, url TEXT)")
    con.execute("INSERT INTO moz_places(url) VALUES ('https://example.org')")
    con.commit()
    con.close()
    err = _refused_untouched(path, NotAPlanFile)
    assert "another program" in str(err) and err.where == str(path)


def test_c2_refusal_is_logged(appdata, docs, caplog):
    path = docs / "notes.plan"
    path.write_text("不是计划", encoding="utf-8")
    with caplog.at_level("WARNING", logger="planner.document.project"):
        with pytest.raises(NotAPlanFile):
            Project.open(path)
    assert any("notes.plan" in r.getMessage() and "NotAPlanFile" in r.getMessage() for r in caplog.records)


def test_c2_excel_workbook_renamed(appdata, docs):
    from openpyxl import Workbook

    path = docs / "模板.plan"
    book = Workbook()
    book.active["A1"] = "任务编号"
    book.save(path)
    err = _refused_untouched(path, NotAPlanFile)
    assert "Excel workbook" in str(err) and "Import" in str(err)


@pytest.mark.parametrize(
    "content, words",
    [
        (bytes(random.Random(7).randrange(256) for _ in range(5000)), "not a Roadmap Planner plan"),
        ("计划\n任务".encode("utf-8") * 100, "not a Roadmap Planner plan"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old Office document"),
        (b"SQLite for", "incomplete"),
    ],
)
def test_c2_random_bytes_text_and_old_office_files(content, words, appdata, docs):
    path = docs / "thing.plan"
    path.write_bytes(content)
    err = _refused_untouched(path, DocumentError)
    assert words in str(err)


# --- C3: hostile schema objects ------------------------------------------------------------------
HOSTILE = {
    "trigger": "CREATE TRIGGER t_evil AFTER UPDATE ON task BEGIN UPDATE programme SET notes='pwned'; END",
    "view": "CREATE VIEW v_evil AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT x FROM c",
    "table": "CREATE TABLE evil(payload TEXT)",
    "index": "CREATE INDEX ix_evil ON task(name, notes)",
    "column": "ALTER TABLE task ADD COLUMN evil TEXT",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_c3_hostile_schema_objects_are_refused_before_any_query(kind, golden, appdata, docs):
    path = docs / "plan.plan"
    path.write_bytes(golden)
    con = sqlite3.connect(path)
    con.execute(HOSTILE[kind])
    con.commit()
    con.close()
    err = _refused_untouched(path, NotAPlanFile)
    assert "never has" in str(err)
    check = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert check.execute("SELECT notes FROM programme").fetchall() == [("",)]  # no side effect
    check.close()


def test_c3_connections_distrust_the_schema(golden, docs):
    from planner.document.sqlitefile import connect_read_only

    path = docs / "plan.plan"
    path.write_bytes(golden)
    con = connect_read_only(path)
    assert con.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    assert con.execute("PRAGMA mmap_size").fetchone()[0] == 0
    con.close()


# --- C4 / C5 / C6: versions and size -------------------------------------------------------------
def _restamp(path, version):
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version={version}")
    con.commit()
    con.close()


def test_c4_newer_version_is_refused_and_untouched(golden, appdata, docs):
    path = docs / "plan.plan"
    path.write_bytes(golden)
    _restamp(path, m.SCHEMA_VERSION + 1)
    err = _refused_untouched(path, FileTooNew)
    assert "newer version" in str(err) and "update" in str(err) and "not changed" in str(err)
    with pytest.raises(FileTooNew):
        Project.open(path, read_only=True)


def test_c5_format_below_minimum(golden, appdata, docs):
    path = docs / "plan.plan"
    path.write_bytes(golden)
    _restamp(path, 0)
    err = _refused_untouched(path, FileTooOld)
    assert "older than this app can upgrade" in str(err)


def test_c6_oversized_file_refused_before_sqlite_reads_it(golden, appdata, docs):
    path = docs / "huge.plan"
    with open(path, "wb") as fh:
        fh.write(golden[:4096])
        fh.truncate(MAX_PLAN_BYTES + 4096 * 100)  # sparse: costs no disk space
    before = path.stat()
    began = time.perf_counter()
    with pytest.raises(NotAPlanFile) as err:
        Project.open(path)
    assert time.perf_counter() - began < 1
    assert "larger than any plan" in str(err.value)
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert siblings(docs) == ["huge.plan"] and list(paths.work_root().iterdir()) == []


def test_c_healthy_copy_still_opens(golden, appdata, docs):
    path = docs / "plan.plan"
    path.write_bytes(golden)
    project = Project.open(path)
    assert len(codes(project)) == 30
    project.close()
