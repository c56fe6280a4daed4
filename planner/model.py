"""SQLModel tables: everything a plan holds (see DOMAIN.md, "What a plan holds").

Conventions:
- every table has an integer primary key `id`; human codes (TP-01, O1, KR2) are separate
  unique columns so they can be renamed;
- `order` columns give the user's ordering (stages, modules, tasks within a module ...);
- text the user wrote is stored as written (`*_text` columns) next to the parsed value, so
  views and exports can show "第1-8周" or "≥10%" exactly as typed;
- dates are `datetime.date`; planned spans are inclusive [start, end];
- progress and thresholds are fractions 0..1;
- tasks form an outline (work breakdown): a task with children is a summary task whose dates,
  progress and critical state are rolled up from them; children are ordered by `order` under
  their parent, top-level tasks by `order` within their module.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from planner.kinds import (  # noqa: F401 - the vocabularies of the columns below
    Language,
    Priority,
    DepType,
    LagUnit,
    TaskStatus,
    Scheduling,
    PeriodStyle,
    MilestoneStatus,
    RaciRole,
    ObjectiveKind,
    Comparator,
    Direction,
    AchievementRule,
)

# every vocabulary a column may hold, for code that looks them up by model
VOCABULARIES = (Language, Priority, DepType, LagUnit, TaskStatus, Scheduling, PeriodStyle, MilestoneStatus,
                RaciRole, ObjectiveKind, Comparator, Direction, AchievementRule)

SCHEMA_VERSION = 4
"""Bump with every migration in planner/document/migrations.py.

New columns on an existing table need a default SQLite can fill in for rows already there:
make them Optional (NULL) or give them `sa_column_kwargs={"server_default": ...}`, and add an
explicit `ALTER TABLE` step to the migration (tests/unit/test_document_migrations.py says which).
"""


class Programme(SQLModel, table=True):
    """The plan's single header row."""

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    start_date: dt.date  # week 1 and month 0 start here
    language: str = Language.zh.value
    workweek: str = "1111100"  # Mon..Sun, 1 = working day
    holiday_region: str = "CN"  # statutory holidays and make-up workdays; "" for none
    status_date: Optional[dt.date] = None  # "today" for progress and lateness; None = real today
    notes: str = ""
    # Scheduling of tasks added from now on (schema 3). New plans schedule automatically, as
    # MS Project does; plans upgraded from format 2 keep "manual", what they always had.
    default_scheduling: str = Field(default=Scheduling.auto.value, sa_column_kwargs={"server_default": "auto"})
    # How weeks are numbered in timescales and reports (schema 4): "programme" = week 1 is the
    # programme's first week (第1周, as the users' plans count); "iso" = ISO 8601 week numbers.
    week_numbering: str = Field(default="programme", sa_column_kwargs={"server_default": "programme"})


class CalendarException(SQLModel, table=True):
    """A user-added holiday (working=False) or make-up workday (working=True)."""

    __table_args__ = (UniqueConstraint("day"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    day: dt.date
    working: bool = False
    name: str = ""


class Stage(SQLModel, table=True):
    """阶段: a period of the programme, by month offsets or by dates."""

    id: Optional[int] = Field(default=None, primary_key=True)
    order: int = 0
    name: str  # 基础建设期
    label: str = ""  # as written: 第一阶段（0-6 个月）：基础建设期
    goal: str = ""
    start_month: Optional[int] = None  # months after the programme start (0-6 -> 0, 6)
    end_month: Optional[int] = None
    start_date: Optional[dt.date] = None
    end_date: Optional[dt.date] = None


class Module(SQLModel, table=True):
    """模块 / 任务组: a workstream across stages, with its task-ID prefix."""

    id: Optional[int] = Field(default=None, primary_key=True)
    order: int = 0
    name: str
    prefix: str = ""  # TP, EC, BM ...
    priority: Optional[str] = None  # Priority value
    notes: str = ""


class RoadmapCell(SQLModel, table=True):
    """A stage x module cell of the roadmap (the indicator-system table)."""

    __table_args__ = (UniqueConstraint("stage_id", "module_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    stage_id: int = Field(foreign_key="stage.id", index=True)
    module_id: int = Field(foreign_key="module.id", index=True)
    scope: str = ""  # 建设内容
    actions: str = ""  # 具体行动
    acceptance: str = ""  # 量化验收指标, as written
    evaluation_method: str = ""  # 评估方法
    data_source: str = ""  # 数据来源


# --- tasks and dependencies ------------------------------------------------------------
class Task(SQLModel, table=True):
    """A task, a summary task (one with children) or a milestone.

    Planned dates may be missing (both NULL): the task is not scheduled yet and only has a
    duration, or nothing (one day); it is placed from its links as an automatic task and
    shown as estimated ("5天?"). A summary's stored dates and progress are the roll-up of its
    children, kept up to date by the services.
    """

    __table_args__ = (
        UniqueConstraint("code"),
        CheckConstraint("progress >= 0 AND progress <= 1", name="task_progress_range"),
        CheckConstraint("end_date >= start_date", name="task_span_order"),
        CheckConstraint("(start_date IS NULL) = (end_date IS NULL)", name="task_span_both"),
        CheckConstraint("parent_id IS NULL OR parent_id != id", name="task_parent_not_self"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    code: str  # TP-01
    module_id: Optional[int] = Field(default=None, foreign_key="module.id", index=True)
    stage_id: Optional[int] = Field(default=None, foreign_key="stage.id", index=True)
    parent_id: Optional[int] = Field(default=None, foreign_key="task.id", index=True)  # summary above (schema 3)
    order: int = 0  # among the parent's children, or among the module's top-level tasks
    name: str = ""  # 建设内容 (the task's scope, used as its name)
    actions: str = ""  # 具体行动
    start_date: Optional[dt.date] = None  # planned, inclusive; None = not scheduled yet (schema 3)
    end_date: Optional[dt.date] = None
    # start no earlier than (MS Project's SNET constraint): dates typed or dragged onto an
    # automatic task hold it there, unless its links push it later (schema 3)
    not_before: Optional[dt.date] = None
    period_style: str = PeriodStyle.week.value
    duration_days: Optional[int] = None  # working days; None = derived from the span (1 if undated)
    estimated: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})  # "5天?" (schema 3)
    progress: float = 0.0
    actual_start: Optional[dt.date] = None
    actual_finish: Optional[dt.date] = None
    owner: str = Field(default="", sa_column_kwargs={"server_default": ""})  # 负责人: one person (schema 3)
    roles_text: str = ""  # as written: 算子组工程师×8、架构师×2
    milestone_text: str = ""  # 里程碑
    acceptance: str = ""  # 核心验收指标 / 核心指标
    risk_response: str = ""  # 风险应对
    status: str = TaskStatus.not_started.value
    scheduling: str = Scheduling.manual.value
    priority: Optional[str] = None
    is_milestone: bool = False  # zero-length task drawn as a diamond
    notes: str = ""


class Role(SQLModel, table=True):
    """An executing role (算子组工程师), optionally belonging to a team."""

    __table_args__ = (UniqueConstraint("name"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    team_id: Optional[int] = Field(default=None, foreign_key="team.id")
    capacity: Optional[int] = None  # heads available per period for the load view; None = not set (schema 4)


class TaskRole(SQLModel, table=True):
    """A role on a task with its head-count (算子组工程师×8)."""

    __table_args__ = (
        UniqueConstraint("task_id", "role_id"),
        CheckConstraint("headcount >= 0", name="taskrole_headcount"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True)
    role_id: int = Field(foreign_key="role.id", index=True)
    headcount: int = 1
    order: int = 0


class Dependency(SQLModel, table=True):
    """Predecessor -> successor link; threshold < 1 means "start when X% done"."""

    __table_args__ = (
        UniqueConstraint("predecessor_id", "successor_id"),
        CheckConstraint("predecessor_id != successor_id", name="dependency_not_self"),
        CheckConstraint("threshold > 0 AND threshold <= 1", name="dependency_threshold"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    predecessor_id: int = Field(foreign_key="task.id", index=True)
    successor_id: int = Field(foreign_key="task.id", index=True)
    type: str = DepType.FS.value
    lag: int = 0  # in lag_unit; negative = lead
    lag_unit: str = LagUnit.day.value
    threshold: float = 1.0
    text: str = ""  # the phrase as written: TP-02芯片适配完成30%


class Milestone(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    order: int = 0
    name: str
    date: dt.date  # planned
    criterion: str = ""  # acceptance criterion
    task_id: Optional[int] = Field(default=None, foreign_key="task.id", index=True)
    stage_id: Optional[int] = Field(default=None, foreign_key="stage.id")
    actual_date: Optional[dt.date] = None
    status: Optional[str] = None  # MilestoneStatus override; None = computed


class Risk(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    order: int = 0
    category: str = ""  # 技术风险 / 进度风险 / 质量风险
    description: str = ""
    response: str = ""  # 应对策略
    owner: str = ""
    task_id: Optional[int] = Field(default=None, foreign_key="task.id")
    module_id: Optional[int] = Field(default=None, foreign_key="module.id")


# --- teams and RACI --------------------------------------------------------------------
class Team(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("name"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    order: int = 0
    name: str
    capacity: Optional[int] = None  # heads available per period for the load view; None = not set (schema 4)


class RaciCell(SQLModel, table=True):
    """Module or task x team -> R/A/C/I. Exactly one of module_id, task_id is set."""

    __table_args__ = (
        UniqueConstraint("module_id", "task_id", "team_id"),
        CheckConstraint(
            "(module_id IS NULL) != (task_id IS NULL)", name="raci_one_subject"
        ),
        CheckConstraint("role IN ('R','A','C','I')", name="raci_role"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    module_id: Optional[int] = Field(default=None, foreign_key="module.id", index=True)
    task_id: Optional[int] = Field(default=None, foreign_key="task.id", index=True)
    team_id: int = Field(foreign_key="team.id", index=True)
    role: str


class DivisionOfWork(SQLModel, table=True):
    """分工矩阵 columns not captured by RACI letters: decision maker, roles, cadence."""

    __table_args__ = (UniqueConstraint("module_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    module_id: int = Field(foreign_key="module.id")
    decision_maker: str = ""  # 决策人: CTO/技术负责人
    executing_roles: str = ""  # 核心执行角色
    cadence: str = ""  # 协作频率: 每周2次同步会


# --- OKRs and indicators ---------------------------------------------------------------
class Objective(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("code"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    order: int = 0
    code: str  # O1
    title: str
    kind: str = ObjectiveKind.delivery.value
    owner: str = ""
    period: str = ""  # 2024, 2025Q1 ...


class KeyResult(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("objective_id", "code"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    objective_id: int = Field(foreign_key="objective.id", index=True)
    order: int = 0
    code: str  # KR1
    title: str
    plan: str = ""  # 计划
    execution: str = ""  # 执行
    measurability: str = ""  # 可衡量性
    steps: str = ""  # 具体步骤
    target_text: str = ""  # 45% -> 90%
    baseline: Optional[float] = None
    target: Optional[float] = None
    unit: str = ""
    progress: Optional[float] = None  # manual progress 0..1 when no indicator is linked


class KeyResultLink(SQLModel, table=True):
    """A key result's linked indicator or task (exactly one is set)."""

    __table_args__ = (
        CheckConstraint(
            "(indicator_id IS NULL) != (task_id IS NULL)", name="krlink_one_target"
        ),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    key_result_id: int = Field(foreign_key="keyresult.id", index=True)
    indicator_id: Optional[int] = Field(default=None, foreign_key="indicator.id")
    task_id: Optional[int] = Field(default=None, foreign_key="task.id")


class Indicator(SQLModel, table=True):
    """A quantified indicator with its target, as parsed from the user's phrase."""

    __table_args__ = (UniqueConstraint("code"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    order: int = 0
    code: str  # stable key used by templates: IND-001
    name: str  # 指标名称
    module_id: Optional[int] = Field(default=None, foreign_key="module.id", index=True)
    stage_id: Optional[int] = Field(default=None, foreign_key="stage.id", index=True)
    target_text: str = ""  # 阶段目标 as written: 25款（0-6月）, ≥10%
    baseline: Optional[float] = None
    target: Optional[float] = None
    comparator: str = Comparator.ge.value
    unit: str = ""
    direction: str = Direction.higher.value
    rule: str = AchievementRule.ratio.value
    owner_team_id: Optional[int] = Field(default=None, foreign_key="team.id")
    evaluation_method: str = ""
    data_source: str = ""


class Reading(SQLModel, table=True):
    """One reported figure: indicator x period (2025-03 monthly, 2025-W12 weekly)."""

    __table_args__ = (UniqueConstraint("indicator_id", "period"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", index=True)
    period: str
    period_value: Optional[float] = None  # 本月实际值
    cumulative_value: Optional[float] = None  # 累计实际值
    test_date: Optional[dt.date] = None
    tester: str = ""
    source: str = ""
    exception_note: str = ""
    verified: bool = False  # 双源验证 done
    verified_by: str = Field(default="", sa_column_kwargs={"server_default": ""})  # who did 双源验证 (schema 2)


# --- baselines -------------------------------------------------------------------------
class Baseline(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("name"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    taken_on: dt.date


class BaselineTask(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("baseline_id", "task_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    baseline_id: int = Field(foreign_key="baseline.id", index=True)
    task_id: int = Field(foreign_key="task.id", index=True)
    start_date: dt.date
    end_date: dt.date
    progress: float = 0.0


ALL_TABLES: tuple[type[SQLModel], ...] = (
    Programme,
    CalendarException,
    Stage,
    Module,
    RoadmapCell,
    Task,
    Team,
    Role,
    TaskRole,
    Dependency,
    Milestone,
    Risk,
    RaciCell,
    DivisionOfWork,
    Objective,
    Indicator,
    KeyResult,
    KeyResultLink,
    Reading,
    Baseline,
    BaselineTask,
)
"""In dependency order (parents before children): used by dump, copy and delete."""
