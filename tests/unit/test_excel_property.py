"""Property: any generated plan survives the whole-plan workbook (export, import into an empty plan)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from planner import model as m
from planner.document import Project
from planner.dump import dump_project
from planner.excel.apply import apply_import
from planner.excel.export import export_template
from planner.excel.preview import read_workbooks
from planner.plan import load_plan

START = dt.date(2025, 1, 6)
# Import trims spaces around a cell's text (documented normalisation), so generated text has none.
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=15).map(str.strip)
NAME = TEXT.map(str.strip).filter(bool)


@st.composite
def plans(draw):
    modules = draw(st.lists(NAME, min_size=1, max_size=3, unique=True))
    n = draw(st.integers(1, 8))
    tasks = []
    for i in range(n):
        start = START + dt.timedelta(days=draw(st.integers(0, 200)))
        tasks.append({
            "code": f"T-{i + 1:02d}", "module": draw(st.integers(0, len(modules) - 1)), "name": draw(NAME),
            "actions": draw(TEXT), "start": start, "end": start + dt.timedelta(days=draw(st.integers(0, 60))),
            "style": draw(st.sampled_from(["week", "date", "month"])), "progress": draw(st.sampled_from([0.0, 0.25, 0.5, 1.0])),
            "priority": draw(st.sampled_from([None, "high", "medium", "low"])), "notes": draw(TEXT),
        })
    edges = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=8))
    deps = sorted({(a, b) for a, b in edges if a < b})
    thresholds = draw(st.lists(st.sampled_from([1.0, 0.3, 0.5]), min_size=len(deps), max_size=len(deps)))
    indicators = draw(st.lists(st.tuples(NAME, st.one_of(st.none(), st.floats(0.5, 1e6)), st.sampled_from(["", "款", "%"]),
                                         st.one_of(st.none(), st.floats(0, 1e6))), max_size=4))
    return modules, tasks, list(zip(deps, thresholds)), indicators


def build(spec) -> Project:
    modules, tasks, deps, indicators = spec
    project = Project.new("generated", START)
    with project.session() as s:
        mods = [m.Module(order=i, name=n) for i, n in enumerate(modules)]
        s.add_all(mods)
        s.flush()
        rows = []
        for order, t in enumerate(tasks):
            row = m.Task(code=t["code"], module_id=mods[t["module"]].id, order=order, name=t["name"], actions=t["actions"],
                         start_date=t["start"], end_date=t["end"], period_style=t["style"], progress=t["progress"],
                         priority=t["priority"], notes=t["notes"])
            s.add(row)
            rows.append(row)
        s.flush()
        for (a, b), threshold in deps:
            s.add(m.Dependency(predecessor_id=rows[a].id, successor_id=rows[b].id, threshold=threshold))
        for i, (name, target, unit, value) in enumerate(indicators):
            ind = m.Indicator(order=i, code=f"IND-{i + 1:03d}", name=name, target=target, unit=unit)
            s.add(ind)
            s.flush()
            if value is not None:
                s.add(m.Reading(indicator_id=ind.id, period="2025-03", cumulative_value=value, period_value=value))
    return project


@settings(max_examples=10, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate], suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(spec=plans(), lang=st.sampled_from(["zh", "en"]))
def test_generated_plans_survive_export_and_import(tmp_path, spec, lang):
    original = build(spec)
    path = tmp_path / "plan.xlsx"
    export_template(original.read(load_plan), "workbook", path, lang=lang)
    preview = read_workbooks([path], None)
    assert preview.ok, [str(p) for p in preview.problems.errors]
    copy = Project.new("x", dt.date(2000, 1, 3))
    copy.run(apply_import, preview)
    try:
        got = dump_project(copy, natural=True)["tables"]
        want = dump_project(original, natural=True)["tables"]
        for table in want:
            assert got[table] == want[table], (table, _differences(got[table], want[table]))
    finally:
        copy.close()
        original.close()


def _differences(got: list[dict], want: list[dict]) -> list:
    """The fields that differ, row by row (pytest truncates the full comparison)."""
    return [{k: (a.get(k), b.get(k)) for k in b if a.get(k) != b.get(k)} for a, b in zip(got, want) if a != b]


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(spec=plans(), lang=st.sampled_from(["zh", "en"]))
def test_generated_plans_survive_export_and_import_long(tmp_path, spec, lang):
    """The same property with 200 plans (`--runslow`)."""
    test_generated_plans_survive_export_and_import.hypothesis.inner_test(tmp_path, spec, lang)
