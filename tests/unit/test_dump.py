"""The plan dump: the same plan always gives the same bytes; natural keys compare plans built apart."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from planner import model as m
from planner.document import Project
from planner.dump import FORMAT, dump_json, dump_plan, dump_project
from planner.plan import load_plan
from planner.services import structure, tasks
from planner.services import dependencies as deps
from tests.unit.test_services import START, Sample


@pytest.fixture
def sample():
    project = Project.new("FlagOS", START)
    try:
        yield Sample(project)
    finally:
        project.close()


def _json(project: Project, **kw) -> str:
    return project.read(lambda s: dump_json(load_plan(s), **kw))


def test_every_table_is_dumped_with_every_column(sample):
    data = json.loads(_json(sample.p))
    assert data["format"] == FORMAT
    assert sorted(data["tables"]) == sorted(t.__tablename__ for t in m.ALL_TABLES)
    for table in m.ALL_TABLES:
        for row in data["tables"][table.__tablename__]:
            assert sorted(row) == sorted(c.name for c in table.__table__.columns)
    assert len(data["tables"]["task"]) == 6 and len(data["tables"]["dependency"]) == 4


def test_same_plan_same_bytes_even_after_save_and_reopen(sample, tmp_path):
    first = _json(sample.p)
    assert _json(sample.p) == first
    natural = _json(sample.p, natural=True)
    sample.p.save_as(tmp_path / "flagos.plan")
    sample.p.close()
    reopened = Project.open(tmp_path / "flagos.plan")
    try:
        assert _json(reopened) == first
        assert _json(reopened, natural=True) == natural
    finally:
        reopened.close()


def test_rows_are_sorted_by_id_and_keys_sorted(sample):
    text = _json(sample.p)
    for name, rows in json.loads(text)["tables"].items():
        ids = [r["id"] for r in rows]
        assert ids == sorted(ids), name
    for line in text.splitlines():
        if line.strip().startswith("{\""):
            row = json.loads(line.strip().rstrip(","))
            assert list(row) == sorted(row)


def test_values_are_stable_iso_dates_and_rounded_floats(sample):
    t = sample.task["TP-01"]
    sample.p.run(tasks.update_task, t, progress=0.1 + 0.2)
    row = next(r for r in dump_project(sample.p)["tables"]["task"] if r["id"] == t)
    assert row["progress"] == 0.3 and row["start_date"] == "2025-01-06"
    assert '"progress":0.3,' in _json(sample.p)
    assert "技术产品" in _json(sample.p)  # Chinese stays as written, not \\u-escaped


def _build(order: list[str]) -> Project:
    """The same three tasks and links, created in a different order (so with different ids)."""
    project = Project.new("P", START)
    module = project.run(structure.add_module, "技术产品", "TP").created
    spans = {"TP-01": (1, 10), "TP-02": (11, 20), "TP-03": (21, 30)}
    ids = {}
    for code in order:
        a, b = spans[code]
        ids[code] = project.run(tasks.add_task, code, module_id=module, start=START + dt.timedelta(days=a),
                                end=START + dt.timedelta(days=b)).created
    for code in order:
        project.run(tasks.update_task, ids[code], order=int(code[-1]))
    project.run(deps.set_dependencies_text, ids["TP-03"], "TP-02、TP-01 30%")
    project.run(deps.set_dependencies_text, ids["TP-02"], "TP-01")
    return project


def test_natural_dump_equates_plans_built_in_different_orders():
    one, two = _build(["TP-01", "TP-02", "TP-03"]), _build(["TP-03", "TP-01", "TP-02"])
    try:
        assert _json(one, natural=True) == _json(two, natural=True)
        assert _json(one) != _json(two)  # the id form does see the difference
        links = dump_project(one, natural=True)["tables"]["dependency"]
        assert {(d["predecessor_id"], d["successor_id"], d["threshold"]) for d in links} == {
            ("TP-01", "TP-02", 1.0), ("TP-01", "TP-03", 0.3), ("TP-02", "TP-03", 1.0)}
    finally:
        one.close()
        two.close()


def test_natural_dump_sees_a_changed_value():
    one, two = _build(["TP-01", "TP-02", "TP-03"]), _build(["TP-01", "TP-02", "TP-03"])
    try:
        two.run(tasks.update_task, 2, name="改了")
        assert _json(one, natural=True) != _json(two, natural=True)
    finally:
        one.close()
        two.close()


def test_dump_plan_reads_only_the_snapshot(sample):
    plan = sample.p.read(load_plan)
    data = dump_plan(plan)
    sample.p.run(tasks.update_task, sample.task["TP-01"], name="之后")
    assert dump_plan(plan) == data  # a Plan is a detached snapshot
