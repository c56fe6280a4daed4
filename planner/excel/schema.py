"""The one column schema shared by import and export: every sheet, header and value kind."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from planner import model as m


@dataclass(frozen=True)
class Column:
    key: str  # model field (or a pseudo key such as "rate")
    zh: str
    en: str
    kind: str = "text"  # text code int float percent date bool priority enum ref formula outline
    required: bool = False  # the column must be in the header
    blank_ok: bool = False  # ... but a row may leave it empty (a task not yet described)
    synonyms: tuple[str, ...] = ()
    width: int = 14
    ref: str = ""  # referenced table key for kind "ref"; enum name for kind "enum"
    group: bool = False  # merged over its rows: forward-filled on import
    export: bool = True  # written by the app (False: recognised on import only)

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def names(self) -> set[str]:
        return {norm_header(n) for n in (self.zh, self.en, *self.synonyms)}


@dataclass(frozen=True)
class TableSpec:
    key: str
    zh: str  # sheet title
    en: str
    model: type | None
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...] = ()
    min_match: int = 2  # recognised headers needed to call a row this table's header
    grid: bool = False  # RACI grid: further columns are teams

    def title(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def required(self) -> list[Column]:
        return [c for c in self.columns if c.required]


_FULL_WIDTH = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "、": ",", "／": "/", "　": " "})


def norm_header(text: object) -> str:
    """Header text as compared: NFKC, full-width punctuation folded, spaces and case removed."""
    s = unicodedata.normalize("NFKC", str(text or "")).translate(_FULL_WIDTH).lower()
    s = re.sub(r"[\s\*:_\-]+", "", s)
    return re.sub(r"\((必填|required|选填|optional)\)$", "", s)


def C(key, zh, en, kind="text", **kw) -> Column:
    if "synonyms" in kw:
        kw["synonyms"] = tuple(kw["synonyms"])
    return Column(key, zh, en, kind, **kw)


# --- enum labels (what the sheets show; import also accepts the raw values) -------------
ENUM_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "status": {
        m.TaskStatus.not_started.value: ("未开始", "Not started"),
        m.TaskStatus.in_progress.value: ("进行中", "In progress"),
        m.TaskStatus.done.value: ("已完成", "Done"),
        m.TaskStatus.on_hold.value: ("暂停", "On hold"),
        m.TaskStatus.cancelled.value: ("已取消", "Cancelled"),
    },
    "scheduling": {"auto": ("自动", "Auto"), "manual": ("手动", "Manual")},
    "period_style": {"week": ("周", "Weeks"), "date": ("日期", "Dates"), "month": ("月", "Months")},
    "milestone_status": {
        "met": ("已达成", "Met"), "on_track": ("正常", "On track"),
        "at_risk": ("有风险", "At risk"), "missed": ("已延误", "Missed"),
    },
    "objective_kind": {"delivery": ("交付型", "Delivery"), "exploration": ("探索型", "Exploration")},
    "comparator": {">=": ("≥", ">="), "<=": ("≤", "<="), "=": ("=", "=")},
    "direction": {"higher": ("越高越好", "Higher is better"), "lower": ("越低越好", "Lower is better")},
    "rule": {
        "ratio": ("累计/目标", "Cumulative/target"), "inverse": ("目标/实际", "Target/actual"),
        "progress": ("相对基线", "From baseline"),
    },
    "lag_unit": {"d": ("天", "days"), "w": ("周", "weeks")},
    "dep_type": {t.value: (t.value, t.value) for t in m.DepType},
    "language": {"zh_CN": ("中文", "Chinese"), "en": ("英文", "English")},
}

PRIORITY_LABELS = {"high": ("🔴高", "High"), "medium": ("🟡中", "Medium"), "low": ("🟢低", "Low")}

# --- the tables --------------------------------------------------------------------------
STAGES = TableSpec("stages", "阶段", "Stages", m.Stage, (
    C("order", "序号", "No.", "int", width=5, synonyms=["顺序", "order", "#"]),
    C("name", "阶段名称", "Stage", required=True, synonyms=["阶段", "名称", "stage name", "phase"]),
    C("label", "阶段全称", "Label", width=36, synonyms=["全称", "label"]),
    C("goal", "阶段目标", "Goal", width=30, synonyms=["目标", "goal"]),
    C("start_month", "起始月", "Start month", "int"),
    C("end_month", "结束月", "End month", "int"),
    C("start_date", "开始日期", "Start date", "date"),
    C("end_date", "结束日期", "End date", "date"),
), ("name",), min_match=3)

MODULES = TableSpec("modules", "模块", "Modules", m.Module, (
    C("order", "序号", "No.", "int", width=5, synonyms=["顺序", "order", "#"]),
    C("name", "模块名称", "Module", required=True, synonyms=["模块", "任务组", "module name", "workstream", "task group"]),
    C("prefix", "任务ID前缀", "ID prefix", "code", synonyms=["前缀", "prefix"]),
    C("priority", "优先级", "Priority", "priority", synonyms=["priority"]),
    C("notes", "备注", "Notes", width=30, synonyms=["说明", "notes"]),
), ("name",), min_match=2)

CALENDAR = TableSpec("calendar", "日历例外", "Calendar exceptions", m.CalendarException, (
    C("day", "日期", "Date", "date", required=True),
    C("working", "是否工作日", "Working day", "bool", synonyms=["工作日", "working"]),
    C("name", "说明", "Name", width=24, synonyms=["名称", "name"]),
), ("day",), min_match=2)

TEAMS = TableSpec("teams", "团队", "Teams", m.Team, (
    C("order", "序号", "No.", "int", width=5, synonyms=["顺序", "order", "#"]),
    C("name", "团队名称", "Team", required=True, width=30, synonyms=["团队", "team name"]),
), ("name",), min_match=1)

ROLES = TableSpec("roles", "角色", "Roles", m.Role, (
    C("name", "角色名称", "Role", required=True, width=24, synonyms=["角色", "role name"]),
    C("team_id", "所属团队", "Team", "ref", ref="teams", width=30, synonyms=["团队"]),
), ("name",), min_match=2)

SYSTEM = TableSpec("cells", "量化指标体系", "Indicator system", m.RoadmapCell, (
    C("stage_id", "阶段", "Stage", "ref", required=True, ref="stages", group=True, width=20, synonyms=["stage", "phase", "阶段名称"]),
    C("module_id", "模块", "Module", "ref", required=True, ref="modules", group=True, width=12, synonyms=["module", "任务组"]),
    C("scope", "建设内容", "Scope", width=36, synonyms=["scope", "deliverable", "deliverables"]),
    C("actions", "具体行动", "Actions", width=48, synonyms=["关键行动", "actions"]),
    C("acceptance", "量化验收指标", "Acceptance indicators", width=48, synonyms=["验收指标", "核心验收指标", "acceptance", "indicators"]),
    C("evaluation_method", "评估方法", "Evaluation method", width=36, synonyms=["evaluation"]),
    C("data_source", "数据来源", "Data source", width=36, synonyms=["source"]),
), ("stage_id", "module_id"), min_match=4)

TASKS = TableSpec("tasks", "阶段任务计划表", "Task plan", m.Task, (
    C("order", "序号", "No.", "int", width=5, synonyms=["顺序", "order", "#"]),
    C("code", "任务ID", "Task ID", "code", required=True, width=9, synonyms=["任务编号", "编号", "核心任务id", "id", "taskid", "wbs", "no."]),
    # MS Project's Outline Number, computed from the outline on export; the summary column is what is read
    C("outline_number", "大纲编号", "Outline number", "outline", width=8),
    C("parent_id", "上级任务", "Summary task", "ref", ref="tasks", width=9, synonyms=["摘要任务", "父任务", "summary task", "parent"]),
    C("module_id", "模块", "Module", "ref", ref="modules", group=True, width=12, synonyms=["任务组", "module", "workstream"]),
    C("stage_id", "阶段", "Stage", "ref", ref="stages", group=True, width=14, synonyms=["stage", "phase"]),
    C("name", "建设内容", "Scope", required=True, blank_ok=True, width=28, synonyms=["任务名称", "任务", "名称", "关键任务", "task name", "name", "task", "deliverable"]),
    C("actions", "具体行动", "Actions", width=44, synonyms=["关键行动", "actions", "steps"]),
    C("span", "起止时间", "Start-end", "span", width=16, synonyms=["时间", "周期", "工期", "截止时间", "timeline", "period", "schedule"]),
    C("start_date", "开始日期", "Start date", "date", synonyms=["开始", "start"]),
    C("end_date", "结束日期", "End date", "date", synonyms=["结束", "完成日期", "finish", "end", "due"]),
    C("roles_text", "责任角色", "Responsible roles", width=28, synonyms=["角色", "roles", "owner roles"]),
    C("owner", "负责人", "Owner", width=10, synonyms=["责任人", "owner", "assignee"]),
    C("collaborators", "协作团队", "Collaborating teams", "teams", width=28, export=False,
      synonyms=["协作部门", "配合团队", "配合部门", "collaborators", "supporting teams"]),
    C("deps", "依赖项", "Dependencies", "deps", width=24, synonyms=["依赖", "前置任务", "dependencies", "predecessors", "depends on"]),
    C("milestone_text", "里程碑", "Milestone", width=30, synonyms=["milestone"]),
    C("acceptance", "核心验收指标", "Acceptance", width=28, synonyms=["核心指标", "验收指标", "acceptance", "kpi"]),
    C("risk_response", "风险应对", "Risk response", width=36, synonyms=["风险", "risk", "risks"]),
    C("progress", "进度", "Progress", "percent", width=9, synonyms=["完成度", "完成率", "progress", "% complete"]),
    C("status", "状态", "Status", "enum", ref="status", width=9, synonyms=["status"]),
    C("priority", "优先级", "Priority", "priority", width=9, synonyms=["priority"]),
    C("period_style", "时间写法", "Period style", "enum", ref="period_style", width=9),
    C("duration_days", "工期(工作日)", "Duration (workdays)", "int", width=9, synonyms=["工期天数", "duration"]),
    C("estimated", "估计工期", "Estimated", "bool", width=7, synonyms=["estimated"]),
    C("scheduling", "排程方式", "Scheduling", "enum", ref="scheduling", width=9),
    C("not_before", "不早于", "Start no earlier than", "date", width=11, synonyms=["最早开始", "start no earlier than"]),
    C("actual_start", "实际开始", "Actual start", "date"),
    C("actual_finish", "实际完成", "Actual finish", "date"),
    C("is_milestone", "里程碑任务", "Milestone task", "bool", width=8),
    C("notes", "备注", "Notes", width=24, synonyms=["说明", "notes"]),
), ("code",), min_match=3)

DEPENDENCIES = TableSpec("dependencies", "依赖关系", "Dependencies", m.Dependency, (
    C("predecessor_id", "前置任务", "Predecessor", "ref", ref="tasks", required=True),
    C("successor_id", "后续任务", "Successor", "ref", ref="tasks", required=True),
    C("type", "类型", "Type", "enum", ref="dep_type", width=6),
    C("lag", "延隔", "Lag", "int", width=6),
    C("lag_unit", "延隔单位", "Lag unit", "enum", ref="lag_unit", width=8),
    C("threshold", "前置完成度", "Threshold", "percent", width=10),
    C("text", "原文", "As written", width=30),
), ("predecessor_id", "successor_id"), min_match=2)

DIVISION = TableSpec("division", "分工矩阵", "Division of work", m.DivisionOfWork, (
    C("module_id", "模块", "Module", "ref", ref="modules", required=True, width=12, synonyms=["module", "任务组"]),
    C("responsible", "责任团队", "Responsible team", "teams", width=28, synonyms=["负责团队", "responsible"]),
    C("collaborators", "协作团队", "Collaborating teams", "teams", width=36, synonyms=["配合团队", "collaborators", "supporting teams"]),
    C("decision_maker", "决策人", "Decision maker", width=18, synonyms=["审批人", "decision"]),
    C("executing_roles", "核心执行角色", "Executing roles", width=36, synonyms=["执行角色", "roles"]),
    C("cadence", "协作频率", "Meeting cadence", width=28, synonyms=["会议频率", "cadence"]),
), ("module_id",), min_match=3)

RACI = TableSpec("raci", "RACI矩阵", "RACI", m.RaciCell, (
    C("subject_kind", "类型", "Kind", width=8, required=True, synonyms=["对象类型", "kind", "type"]),
    C("subject", "模块/任务", "Module/task", width=24, required=True, synonyms=["对象", "item", "模块或任务", "subject"]),
), ("subject_kind", "subject", "team_id"), min_match=2, grid=True)

MILESTONES = TableSpec("milestones", "里程碑", "Milestones", m.Milestone, (
    C("order", "序号", "No.", "int", width=5, synonyms=["顺序", "order", "#"]),
    C("name", "里程碑", "Milestone", required=True, width=30, synonyms=["里程碑名称", "名称", "name"]),
    C("date", "计划日期", "Planned date", "date", required=True, synonyms=["日期", "date", "due"]),
    C("criterion", "验收标准", "Criterion", width=36, synonyms=["标准", "criterion"]),
    C("task_id", "关联任务", "Task", "ref", ref="tasks", synonyms=["任务ID", "task"]),
    C("stage_id", "阶段", "Stage", "ref", ref="stages", synonyms=["stage"]),
    C("actual_date", "实际日期", "Actual date", "date"),
    C("status", "状态", "Status", "enum", ref="milestone_status"),
), ("name",), min_match=2)

RISKS = TableSpec("risks", "风险", "Risks", m.Risk, (
    C("order", "序号", "No.", "int", width=5, synonyms=["顺序", "order", "#"]),
    C("category", "风险类别", "Category", width=12, synonyms=["类别", "类型", "category"]),
    C("description", "风险描述", "Description", required=True, width=40, synonyms=["风险", "描述", "risk", "description"]),
    C("response", "应对策略", "Response", width=40, synonyms=["应对措施", "风险应对", "response", "mitigation"]),
    C("owner", "负责人", "Owner", width=14, synonyms=["owner"]),
    C("task_id", "关联任务", "Task", "ref", ref="tasks"),
    C("module_id", "模块", "Module", "ref", ref="modules"),
), ("category", "description"), min_match=2)

INDICATORS = TableSpec("indicators", "指标清单", "Indicators", m.Indicator, (
    C("order", "序号", "No.", "int", width=5, synonyms=["顺序", "order", "#"]),
    C("code", "指标编号", "Indicator ID", "code", required=True, width=10, synonyms=["编号", "indicator code", "id"]),
    C("name", "指标名称", "Indicator", required=True, width=28, synonyms=["指标", "name", "indicator name"]),
    C("stage_id", "阶段", "Stage", "ref", ref="stages"),
    C("module_id", "模块", "Module", "ref", ref="modules"),
    C("target_text", "阶段目标", "Stage target", width=18, synonyms=["目标", "target"]),
    C("baseline", "基线值", "Baseline", "float"),
    C("target", "目标值", "Target value", "float"),
    C("comparator", "比较", "Comparator", "enum", ref="comparator", width=6),
    C("unit", "单位", "Unit", width=6),
    C("direction", "方向", "Direction", "enum", ref="direction", width=10),
    C("rule", "计算规则", "Rule", "enum", ref="rule", width=10),
    C("owner_team_id", "责任团队", "Owner team", "ref", ref="teams", width=20),
    C("evaluation_method", "评估方法", "Evaluation method", width=28),
    C("data_source", "数据来源", "Data source", width=28),
), ("code",), min_match=3)

STATS = TableSpec("readings", "数据统计模板", "Statistics", m.Reading, (
    C("indicator_code", "指标编号", "Indicator ID", "code", width=10, synonyms=["编号", "indicator code"]),
    C("indicator_name", "指标名称", "Indicator", required=True, width=26, synonyms=["指标", "indicator name"]),
    C("target_text", "阶段目标", "Stage target", width=16, synonyms=["目标", "target"]),
    C("target", "目标值", "Target value", "float", width=10, synonyms=["目标数值", "target value"]),
    C("period_value", "本月实际值", "This period", "float", width=11, synonyms=["本期实际值", "本周实际值", "当月实际值", "实际值", "this month", "actual"]),
    C("cumulative_value", "累计实际值", "Cumulative", "float", width=11, synonyms=["累计值", "cumulative", "cumulative actual"]),
    C("rate", "达成率", "Achievement", "formula", width=10, synonyms=["完成率", "achievement rate", "rate"]),
    C("test_date", "测试时间", "Test date", "date", width=12, synonyms=["测试日期", "test date", "date"]),
    C("tester", "测试人员", "Tester", width=10, synonyms=["测试人", "tester"]),
    C("source", "数据来源", "Source", width=18, synonyms=["source", "data source"]),
    C("exception_note", "异常说明", "Exception note", width=28, synonyms=["备注", "说明", "exception", "notes"]),
    C("period", "统计周期", "Period", "code", width=10, synonyms=["周期", "报告期", "period"]),
    C("verified", "已核验", "Verified", "bool", width=7, synonyms=["双源验证", "verified"]),
    C("verified_by", "核验人", "Verified by", width=10, synonyms=["verified by"]),
    C("baseline", "基线值", "Baseline", "float", width=8),
), ("indicator_code", "period"), min_match=3)

OKRS = TableSpec("okrs", "OKR", "OKRs", m.KeyResult, (
    C("objective_order", "目标序号", "Objective No.", "int", group=True, width=5),
    C("objective_code", "目标编号", "Objective ID", "code", required=True, group=True, width=8, synonyms=["o编号", "objective id"]),
    C("objective_title", "目标(O)", "Objective", group=True, width=28, synonyms=["目标", "objective", "o"]),
    C("objective_kind", "目标类型", "Kind", "enum", ref="objective_kind", group=True, width=8),
    C("objective_owner", "目标负责人", "Owner", group=True, width=10),
    C("objective_period", "目标周期", "Period", group=True, width=8),
    C("order", "KR序号", "KR No.", "int", width=5),
    C("code", "KR编号", "KR ID", "code", width=7, synonyms=["kr id"]),
    C("title", "关键结果(KR)", "Key result", width=30, synonyms=["关键结果", "kr", "key result"]),
    C("plan", "计划", "Plan", width=24),
    C("execution", "执行", "Execution", width=24),
    C("measurability", "可衡量性", "Measurability", width=20),
    C("steps", "具体步骤", "Steps", width=30),
    C("target_text", "目标描述", "Target", width=16),
    C("baseline", "基线值", "Baseline", "float"),
    C("target", "目标值", "Target value", "float"),
    C("unit", "单位", "Unit", width=6),
    C("progress", "进度", "Progress", "percent", width=8),
    C("links", "关联指标/任务", "Linked indicators/tasks", "links", width=20),
), ("objective_code", "code"), min_match=3)

BASELINES = TableSpec("baselines", "基线", "Baselines", m.BaselineTask, (
    C("baseline", "基线名称", "Baseline", required=True, group=True),
    C("taken_on", "保存日期", "Taken on", "date", group=True),
    C("task_id", "任务ID", "Task ID", "ref", ref="tasks"),
    C("start_date", "开始日期", "Start", "date"),
    C("end_date", "结束日期", "End", "date"),
    C("progress", "进度", "Progress", "percent"),
), ("baseline", "task_id"), min_match=3)

ALL_SPECS: tuple[TableSpec, ...] = (
    STAGES, MODULES, CALENDAR, TEAMS, ROLES, SYSTEM, TASKS, DEPENDENCIES, DIVISION, RACI,
    MILESTONES, RISKS, INDICATORS, STATS, OKRS, BASELINES,
)
SPEC_BY_KEY = {s.key: s for s in ALL_SPECS}

# Cover sheet: label rows, value in the next column.
COVER_FIELDS: tuple[Column, ...] = (
    C("name", "计划名称", "Plan", required=True, synonyms=["项目名称", "programme", "plan name"]),
    C("start_date", "开始日期", "Start date", "date", required=True, synonyms=["项目开始日期", "start"]),
    C("language", "语言", "Language", "enum", ref="language"),
    C("workweek", "工作周", "Work week", "code"),
    C("holiday_region", "节假日地区", "Holiday region", "code"),
    C("status_date", "状态日期", "Status date", "date"),
    C("default_scheduling", "新任务排程方式", "New tasks scheduled", "enum", ref="scheduling"),
    C("notes", "备注", "Notes"),
)
COVER_TITLE = ("封面", "Cover")

# The templates and the sheets each holds, in order.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "stats": ("readings",),
    "tasks": ("tasks",),
    "raci": ("division", "raci"),
    "system": ("cells",),
    "workbook": (
        "cover", "stages", "modules", "cells", "tasks", "dependencies", "teams", "roles",
        "division", "raci", "indicators", "readings", "okrs", "milestones", "risks",
        "calendar", "baselines",
    ),
    "collect": ("readings",),
}
