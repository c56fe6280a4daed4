"""Which print source each view gives: its table as shown, the Gantt, or the current chart."""

from __future__ import annotations

from ui.printing.table import TableSource


def view_source(key: str, view, title: str):
    if key == "gantt":
        from ui.printing.gantt import GanttSource

        return GanttSource(view, title=title)
    if key == "dashboard":
        from planner.charts import CHART_KINDS, build_chart
        from planner.charts.labels import text as chart_text
        from ui.printing.chart import ChartSource

        kind = view.current_kind()
        result = build_chart(kind, view.controller.plan(), view.controller.schedule(), lang=view.lang())
        return ChartSource(f"{title} – {chart_text(CHART_KINDS[kind].title_key, view.lang())}", result.figure)
    if key == "headcount":
        from ui.printing.headcount import HeadcountSource

        return HeadcountSource(view, title)
    if key == "okr":
        return TableSource(title, view.model, view.tree, key_columns=1)
    model = view.model
    skip = getattr(model, "is_entry_row", None)  # the task matrix's blank row for a new task
    keys = {"tasks": ("wbs", "code", "name"), "raci": ("item",), "indicators": ("name",),
            "roadmap": ("stage", "module")}.get(key, 1)
    return TableSource(title, model, view.table, key_columns=keys, skip_row=skip)
