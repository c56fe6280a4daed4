"""Generated workbooks that are not our templates: a title merged over the table, a bad cell, a note column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HEADERS = ["序号", "工作内容", "责任人", "开始日期", "完成日期", "进度", "协同单位"]


def team_plan(path: Path, rows: int = 12, *, title: str = "2025年第一季度工作计划", bad_row: int = 3,
              first: str = "T", start: dt.date = dt.date(2025, 3, 3)) -> Path:
    """A team's task list: title merged over A1:G1, header on row 2, data from row 3; the end of
    data row `bad_row` (1-based among the data rows) is "待定" (not a date)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "计划"
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws.append(HEADERS)
    for i in range(rows):
        begin = start + dt.timedelta(days=7 * (i % 40))
        end = "待定" if i + 1 == bad_row else begin + dt.timedelta(days=4 + i % 10)
        ws.append([i + 1, f"{first}工作{i + 1:04d}", ["张三", "李四", "王五"][i % 3], begin, end,
                   f"{(i * 7) % 100}%", ["研发部", "测试部", ""][i % 3]])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


OLDER_STATS = [["数据统计表"], ["填报周期：2025年4月"], ["指标名称", "本月实际值", "累计实际值", "测试时间", "测试人员"],
               ["芯片适配数量", 3, 10, dt.date(2025, 4, 10), "王工"]]


def older_stats(path: Path) -> Path:
    """A statistics sheet whose reading (tested 2025-04-10) is older than the plan's (2025-04-28)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "4月数据"
    for row in OLDER_STATS:
        ws.append(row)
    wb.save(path)
    return path


def project_with_newer_reading():
    """A plan holding IND-001's April reading, tested 2025-04-28."""
    from planner import model as m
    from planner.document import Project

    project = Project.new("p", dt.date(2025, 1, 6))
    with project.session() as s:
        ind = m.Indicator(code="IND-001", name="芯片适配数量", target=25.0, unit="款")
        s.add(ind)
        s.flush()
        s.add(m.Reading(indicator_id=ind.id, period="2025-04", cumulative_value=12.0, test_date=dt.date(2025, 4, 28)))
    return project
