"""Monthly review and deviation analysis: what they report, and that they are written safely."""

from __future__ import annotations

import datetime as dt

import shutil
import re
import subprocess
from dataclasses import replace

import openpyxl
import pytest

from planner.charts.common import ChartContext
from planner.cli import run_cli
from planner.errors import ExportFailed
from planner.reports.deviation import off_target, write_deviation_pdf
from planner.reports.deviation_xlsx import write_deviation_xlsx
from planner.reports.monthly import write_monthly_review
from planner.reports.review import gather_review
from tests.unit.test_charts_support import TODAY, build_small_project, small_plan, small_schedule

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


@pytest.fixture(scope="module")
def plan():
    return small_plan()


@pytest.fixture(scope="module")
def schedule(plan):
    return small_schedule(plan)


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(path) -> int:
    return pdf_text(path).count("\f")


def test_review_gathers_the_month_milestones_indicators_links_and_raci(plan, schedule):
    data = gather_review(ChartContext(plan, schedule, "zh", TODAY), "2025-02")
    assert [p.name for p in data.due] == ["社区上线", "内部测试完成"]
    assert [p.name for p in data.met] == ["内部测试完成"]
    assert [p.name for p in data.missed] == ["社区上线"]
    assert [p.name for p in data.at_risk] == ["芯片适配 25 款"]
    assert [s.code for s in data.off_target] == ["IND-001", "IND-004"]
    assert [(b.state, b.predecessor, b.successor, b.needs) for b in data.blocked] == [
        ("blocking", "TP-02", "EC-04", "30%"), ("broken", "TP-01", "TP-02", "完成")]
    assert len(data.raci_problems) == 2 and data.tasks_total == 8 and data.tasks_done == 2


def test_review_month_defaults_to_the_status_date(plan, schedule):
    data = gather_review(ChartContext(plan, schedule, "en", TODAY))
    assert data.month == "2025-03" and data.due == []


@needs_poppler
def test_monthly_review_pdf_lists_what_needs_attention(plan, schedule, tmp_path):
    seen = []
    path = write_monthly_review(plan, tmp_path / "review.pdf", schedule=schedule, lang="zh", month="2025-02",
                                today=TODAY, progress=lambda done, total, label: seen.append((done, total)))
    text = pdf_text(path)
    for expected in ("月度复盘报告", "FlagOS 测试计划", "2025-02", "社区上线", "已延误", "AI芯片适配数量",
                     "厂商协议延迟签署", "TP-02", "EC-04", "模块 商业模式", "里程碑状态", "依赖状态网络"):
        assert expected in text, expected
    assert seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == list(range(1, seen[-1][1] + 1))
    count = pdf_pages(path)
    assert 1 + 1 + 7 <= count < 5 + 7  # summary, the tables flowing onto shared pages, the charts
    pages = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    for number, page in enumerate(pages[:count], 1):
        assert "月度复盘报告" in page and re.search(rf"\b{number}\s*/\s*{count}\b", page)  # header and number
    first = pages[0]
    for expected in ("总体状态", "延误 / 有风险的里程碑", "偏离目标的指标", "需要决策", "偏差"):
        assert expected in first, expected


def test_charts_of_a_monthly_review_stop_at_its_month(plan, schedule):
    from planner.charts import build_chart
    from planner.indicators.status import period_end

    trend = build_chart("indicator-trend", plan, schedule, today=TODAY)
    periods = sorted({p for panel in trend.data.panels for p in panel.periods})
    assert len(periods) >= 2
    until = period_end(periods[-2])  # the report of the month before the latest reading
    cut = build_chart("indicator-trend", plan, schedule, today=TODAY, until=until)
    kept = {p for panel in cut.data.panels for p in panel.periods}
    assert periods[-1] not in kept and periods[-2] in kept


@needs_poppler
def test_monthly_review_in_english(plan, schedule, tmp_path):
    text = pdf_text(write_monthly_review(plan, tmp_path / "r.pdf", schedule=schedule, lang="en", today=TODAY))
    assert "Monthly review" in text and "Blocked dependencies" in text and "RACI problems" in text


def test_cancelled_report_leaves_no_file(plan, schedule, tmp_path):
    class Cancelled(Exception):
        pass

    def cancel(done, total, label):
        if done == 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        write_monthly_review(plan, tmp_path / "r.pdf", schedule=schedule, today=TODAY, progress=cancel)
    assert list(tmp_path.iterdir()) == []


def test_long_tables_continue_on_further_pages(plan, schedule, tmp_path):
    from planner import model as m

    many = [m.Milestone(id=100 + i, order=i, name=f"里程碑 {i} " + "验收" * 20, date=TODAY.replace(day=1 + i % 28))
            for i in range(60)]
    big = replace(plan, milestones=plan.milestones + many)
    path = write_monthly_review(big, tmp_path / "r.pdf", schedule=schedule, today=TODAY)
    if shutil.which("pdftotext"):
        text = pdf_text(path)
        assert "（续）" in text and "里程碑 59" in text


@needs_poppler
def test_deviation_pdf_has_a_section_per_indicator_off_target(plan, tmp_path):
    path = write_deviation_pdf(plan, tmp_path / "d.pdf", today=TODAY)
    text = pdf_text(path)
    assert pdf_pages(path) == 2
    assert "IND-001" in text and "IND-004" in text and "IND-002" not in text
    assert "原因分析" in text and "纠正措施" in text and "厂商协议延迟签署" in text


def test_deviation_workbook_rows_and_blank_input_cells(plan, tmp_path):
    path = write_deviation_xlsx(plan, tmp_path / "d.xlsx", today=TODAY)
    ws = openpyxl.load_workbook(path)["偏差分析"]
    headers = [c.value for c in ws[3]]
    assert headers[0] == "指标名称" and headers[-4:] == ["原因分析", "纠正措施", "责任人", "完成期限"]
    assert [ws.cell(row=r, column=1).value for r in (4, 5)] == ["AI芯片适配数量", "服务响应时间"]
    assert ws.cell(row=6, column=1).value is None
    note = headers.index("异常说明") + 1
    assert ws.cell(row=4, column=note).value == "厂商协议延迟签署"
    for col in range(len(headers) - 3, len(headers) + 1):
        cell = ws.cell(row=4, column=col)
        assert cell.value is None and cell.protection.locked is False and cell.number_format == "@"


def test_deviation_workbook_never_turns_user_text_into_a_formula(tmp_path):
    from planner import model as m
    from planner.plan import load_plan
    from planner.services import rows

    with build_small_project() as project:
        reading = project.read(lambda s: s.exec(
            __import__("sqlmodel").select(m.Reading).where(m.Reading.exception_note != "")).first())
        project.run(rows.update_fields, m.Reading, reading.id, exception_note='=HYPERLINK("http://x","y")')
        plan = project.read(load_plan)
    path = write_deviation_xlsx(plan, tmp_path / "d.xlsx", today=TODAY)
    ws = openpyxl.load_workbook(path)["偏差分析"]
    col = [c.value for c in ws[3]].index("异常说明") + 1
    cell = ws.cell(row=4, column=col)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","y")'


def test_off_target_is_worst_first(plan):
    assert [s.code for s in off_target(plan)] == ["IND-001", "IND-004"]


def test_wrong_suffix_is_refused_before_writing(plan, tmp_path):
    with pytest.raises(ExportFailed, match=r"\.pdf"):
        write_monthly_review(plan, tmp_path / "r.docx", today=TODAY)
    with pytest.raises(ExportFailed, match=r"\.xlsx"):
        write_deviation_xlsx(plan, tmp_path / "d.csv")
    assert list(tmp_path.iterdir()) == []


def test_cli_chart_and_report_commands(tmp_path, capsys):
    with build_small_project() as project:
        plan_file = tmp_path / "p.plan"
        project.save_as(plan_file)
    assert run_cli(["chart", "dependencies", str(plan_file), "-o", str(tmp_path / "d.svg"), "--lang", "en"]) == 0
    assert (tmp_path / "d.svg").read_bytes().startswith(b"<?xml")
    assert run_cli(["report", "deviation", str(plan_file), "-o", str(tmp_path / "d.xlsx")]) == 0
    assert run_cli(["report", "monthly", str(plan_file), "-o", str(tmp_path / "m.xlsx")]) == 2
    assert run_cli(["chart", "pie", str(plan_file), "-o", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err
    assert "written as .pdf" in err and "Unknown chart kind 'pie'" in err
    assert not (tmp_path / "m.xlsx").exists() and not (tmp_path / "x.png").exists()
