"""The data-collection round trip: one fill-in workbook per team, many returned workbooks merged."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.document import Project
from planner.excel.apply import apply_import
from planner.excel.export import export_template
from planner.excel.preview import read_workbooks
from planner.plan import load_plan
from planner.samples import sample_path

PERIOD = "2025-05"


@pytest.fixture()
def flagos(tmp_path):
    # A copy: the bundled sample is never locked or written by a test (other runs may read it).
    copy = tmp_path / "flagos.plan"
    shutil.copyfile(sample_path("flagos"), copy)
    project = Project.open(copy)
    yield project
    project.close()


def _fill(path: Path, values: dict[str, tuple], *, sheet_index: int = 0) -> None:
    """Type values into a returned workbook the way a team member would (code -> (this month, cumulative, note))."""
    wb = load_workbook(path)
    ws = wb.worksheets[sheet_index]
    head = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(head)}
    for r in range(2, ws.max_row + 1):
        code = ws.cell(r, col["指标编号"]).value
        if code in values:
            month, cumulative, note = values[code]
            ws.cell(r, col["本月实际值"]).value = month
            ws.cell(r, col["累计实际值"]).value = cumulative
            ws.cell(r, col["异常说明"]).value = note
            ws.cell(r, col["测试人员"]).value = "测试组"
    wb.save(path)


def test_a_team_workbook_holds_only_its_indicators_and_protects_the_rest(flagos, tmp_path):
    plan = flagos.read(load_plan)
    path = tmp_path / "core.xlsx"
    export_template(plan, "collect", path, team="核心技术部", period=PERIOD)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    team_id = next(t.id for t in plan.teams if t.name == "核心技术部")
    expected = [i.code for i in plan.indicators if i.owner_team_id == team_id]
    assert [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)] == expected
    assert ws.protection.sheet
    head = [c.value for c in ws[1]]
    assert not ws.cell(2, head.index("累计实际值") + 1).protection.locked
    assert ws.cell(2, head.index("指标名称") + 1).protection.locked
    meta = {r[0].value: r[1].value for r in wb["_planner"].iter_rows()}
    assert wb["_planner"].sheet_state == "hidden"
    assert (meta["kind"], meta["team"], meta["period"], meta["plan"]) == ("collect", "核心技术部", PERIOD, "FlagOS")


def test_many_returned_workbooks_merge_with_conflicts_missing_teams_and_deviations(flagos, tmp_path):
    plan = flagos.read(load_plan)
    a, b, c = (tmp_path / n for n in ("core.xlsx", "core-copy.xlsx", "eco.xlsx"))
    export_template(plan, "collect", a, team="核心技术部", period=PERIOD)
    export_template(plan, "collect", c, team="生态发展部", period=PERIOD)
    _fill(a, {"IND-001": ("5款", "20款", ""), "IND-002": (90, 90, "")})
    b.write_bytes(a.read_bytes())
    _fill(b, {"IND-001": ("5款", "22款", "")})  # the same indicator reported twice, differently
    eco_code = next(i.code for i in plan.indicators if i.owner_team_id and plan.team_by_id[i.owner_team_id].name == "生态发展部")
    _fill(c, {eco_code: (1, 2, "")})
    preview = read_workbooks([a, b, c], plan)
    conflicts = [p for p in preview.problems.errors if "IND-001" in str(p)]
    assert conflicts, [str(p) for p in preview.problems.items]
    report = preview.collection
    assert set(report.returned) == {"核心技术部", "生态发展部"}
    assert "品牌公关部" in report.missing and "核心技术部" not in report.missing
    assert report.rates["IND-002"] == pytest.approx(0.9)


def test_returned_workbooks_apply_as_readings_and_rates_are_recomputed(flagos, tmp_path):
    plan = flagos.read(load_plan)
    path = tmp_path / "core.xlsx"
    export_template(plan, "collect", path, team="核心技术部", period=PERIOD)
    _fill(path, {"IND-001": ("5款", "20款", "按计划"), "IND-002": (50, 50, "")})
    preview = read_workbooks([path], plan)
    assert preview.ok
    assert preview.collection.rates["IND-001"] == pytest.approx(20 / 25)
    assert any(code == "IND-002" for code, _n, _r in preview.collection.deviations)
    assert any("IND-002" in p.message and "no exception note" in p.message for p in preview.problems.items)
    flagos.run(apply_import, preview)
    after = flagos.read(load_plan)
    ind = next(i for i in after.indicators if i.code == "IND-001")
    reading = next(r for r in after.readings if r.indicator_id == ind.id and r.period == PERIOD)
    assert (reading.period_value, reading.cumulative_value, reading.exception_note) == (5, 20, "按计划")


def test_late_returns_are_listed(flagos, tmp_path):
    plan = flagos.read(load_plan)
    path = tmp_path / "core.xlsx"
    export_template(plan, "collect", path, team="核心技术部", period="2025-03")
    _fill(path, {"IND-001": (1, 10, "")})
    due_evening = time.mktime((2025, 3, 31, 20, 0, 0, 0, 0, -1))
    os.utime(path, (due_evening, due_evening))
    assert read_workbooks([path], plan).collection.late == []
    os.utime(path, (due_evening + 86400 * 3, due_evening + 86400 * 3))
    assert read_workbooks([path], plan).collection.late == ["核心技术部"]


def test_a_target_changed_in_a_returned_workbook_is_shown_not_applied(flagos, tmp_path):
    plan = flagos.read(load_plan)
    path = tmp_path / "core.xlsx"
    export_template(plan, "collect", path, team="核心技术部", period=PERIOD)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    ws.protection.sheet = False
    ws["C2"] = "30款"
    wb.save(path)
    preview = read_workbooks([path], plan)
    assert any(p.column == "C" and p.row == 2 and "plan's target is kept" in p.message for p in preview.problems.items)
    assert not [c for c in preview.changes if c.table.__name__ == "Indicator"]


@pytest.mark.parametrize("typed, period", [("2025-03", "2025-03"), ("2025-3", "2025-03"), ("2025/03", "2025-03"),
                                           ("2025年3月", "2025-03"), ("2025w12", "2025-W12"), ("2025-W5", "2025-W05")])
def test_a_collection_period_is_read_in_the_ways_people_write_it(typed, period):
    from planner.excel.collect import collection_period

    assert collection_period(typed) == period


@pytest.mark.parametrize("typed", ["2025-13", "2025-W54", "2025-00", "next month", ""])
def test_a_wrong_collection_period_is_refused_naming_it(typed):
    from planner.errors import ExportFailed
    from planner.excel.collect import collection_period, due_date

    for check in (collection_period, due_date):  # due_date used to fail with a bare ValueError
        with pytest.raises(ExportFailed) as caught:
            check(typed)
        assert caught.value.key == "collection_period" and typed in caught.value.message


def test_the_default_period_follows_the_status_date_and_the_plans_rhythm():
    import datetime as dt
    from types import SimpleNamespace

    from planner.excel.collect import default_collection_period

    monthly = SimpleNamespace(programme=SimpleNamespace(status_date=dt.date(2025, 4, 18)),
                              readings=[SimpleNamespace(period="2025-03")])
    weekly = SimpleNamespace(programme=SimpleNamespace(status_date=dt.date(2025, 4, 18)),
                             readings=[SimpleNamespace(period="2025-W15")])
    assert default_collection_period(monthly) == "2025-04"
    assert default_collection_period(weekly) == "2025-W16"
