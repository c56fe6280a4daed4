"""A real spreadsheet client: LibreOffice Calc recalculates the exported templates (ENV.md section 4)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from benchmarks.generate import generate_plan
from planner import model as m
from planner.document import Project
from planner.dump import dump_project
from planner.excel.apply import apply_import
from planner.excel.export import export_template
from planner.excel.fastrows import FAST_ROWS
from planner.excel.preview import read_workbooks
from planner.indicators.rates import achievement_rate
from planner.plan import load_plan
from planner.samples import SAMPLES, sample_path

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]

XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def recalc(files: list[Path], outdir: Path) -> list[Path]:
    """One soffice call for all files, with a throw-away profile that always recalculates."""
    profile = Path(tempfile.mkdtemp(prefix="lo-prof-"))
    try:
        (profile / "user").mkdir()
        (profile / "user" / "registrymodifications.xcu").write_text(XCU)
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nologo",
             "--nodefault", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), *map(str, files)],
            capture_output=True, timeout=240, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = [outdir / f.name for f in files]
    for path in out:
        assert path.exists(), f"LibreOffice did not write {path.name} (soffice exits 0 even when it fails)"
    return out


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    src, out = tmp_path_factory.mktemp("lo-in"), tmp_path_factory.mktemp("lo-out")
    files, plans = [], {}
    for name in SAMPLES:
        project = Project.open(sample_path(name), read_only=True)
        plans[name] = (project, project.read(load_plan))
        for kind in ("stats", "workbook"):
            files.append(src / f"{name}-{kind}.xlsx")
            export_template(plans[name][1], kind, files[-1])
    # tables over FAST_ROWS rows are written by planner.excel.fastrows, with a shared strings part
    big = generate_plan(src / "big.plan", FAST_ROWS + 100, seed=3)
    project = Project.open(big, read_only=True)
    plans["big"] = (project, project.read(load_plan))
    files.append(src / "big-workbook.xlsx")
    export_template(plans["big"][1], "workbook", files[-1])
    zero = Project.new("zero", dt.date(2025, 1, 6))
    with zero.session() as s:
        for code, target in (("Z-1", 0.0), ("Z-2", None)):
            ind = m.Indicator(code=code, name=code, target=target)
            s.add(ind)
            s.flush()
            s.add(m.Reading(indicator_id=ind.id, period="2025-03", cumulative_value=5.0))
    files.append(src / "zero-stats.xlsx")
    export_template(zero.read(load_plan), "stats", files[-1])
    zero.close()
    saved = {p.stem: p for p in recalc(files, out)}
    saved["big-original"] = src / "big-workbook.xlsx"
    yield saved, plans
    for project, _plan in plans.values():
        project.close()


def _rates(path: Path) -> dict[tuple[str, str], object]:
    ws = load_workbook(path, data_only=True).worksheets[0]
    head = [c.value for c in ws[1]]
    code, period, rate = head.index("指标编号"), head.index("统计周期"), head.index("达成率")
    return {(r[code], r[period]): r[rate] for r in ws.iter_rows(min_row=2, values_only=True) if r[code]}


def test_libreoffice_computes_the_achievement_rates_the_app_computes(recalculated):
    files, plans = recalculated
    for name, (_project, plan) in plans.items():
        if name == "big":
            continue  # exported as the whole-plan workbook only
        rates = _rates(files[f"{name}-stats"])
        for reading in plan.readings:
            ind = plan.indicator_by_id[reading.indicator_id]
            want = achievement_rate(reading.cumulative_value, ind.target, rule=ind.rule, baseline=ind.baseline)
            got = rates[(ind.code, reading.period)]
            if want is None:
                assert got in (None, ""), (ind.code, got)
            else:
                assert got == pytest.approx(want, rel=1e-9), (ind.code, reading.period)


def test_a_zero_or_missing_target_shows_blank_not_div0(recalculated):
    files, _plans = recalculated
    rates = _rates(files["zero-stats"])
    assert rates[("Z-1", "2025-03")] in (None, "") and rates[("Z-2", "2025-03")] in (None, "")


def test_the_file_libreoffice_saved_imports_to_the_same_plan(recalculated):
    files, plans = recalculated
    for name, (project, plan) in plans.items():
        same = read_workbooks([files[f"{name}-workbook"]], plan)
        assert same.ok and same.changes == [] and same.removals == [], name
        if name == "big":
            continue  # compared with the import of the exported file below
        fresh = Project.new("fresh", dt.date(2000, 1, 3))
        preview = read_workbooks([files[f"{name}-workbook"]], None)
        assert preview.ok, [str(p) for p in preview.problems.errors]
        fresh.run(apply_import, preview)
        assert dump_project(fresh, natural=True) == dump_project(project, natural=True), name
        fresh.close()


def test_big_tables_with_shared_strings_read_the_same_after_libreoffice_saved_them(recalculated):
    """The fast rows' text cells refer to a shared strings part LibreOffice must read (its own save
    writes that part its own way): the file it saved imports to what the exported file imports to."""
    files, plans = recalculated
    with zipfile.ZipFile(files["big-original"]) as book:
        assert "xl/sharedStrings.xml" in book.namelist()
    dumps = []
    for path in (files["big-original"], files["big-workbook"]):
        preview = read_workbooks([path], None)
        assert preview.ok, [str(p) for p in preview.problems.errors]
        fresh = Project.new("fresh", dt.date(2000, 1, 3))
        fresh.run(apply_import, preview)
        dumps.append(dump_project(fresh, natural=True))
        fresh.close()
    assert dumps[0] == dumps[1]
    tasks = dumps[0]["tables"]["task"]
    assert len(tasks) == len(plans["big"][1].tasks) and all(t["name"] for t in tasks)
