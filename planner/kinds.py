"""The fixed vocabularies of a plan (link types, statuses, RACI letters ...) as plain enums.

Kept apart from the tables in planner.model so that code which only reads a plan (the
read-only CLI verbs, validation) can use them without importing the ORM; planner.model
re-exports every name.
"""

from __future__ import annotations

from enum import Enum


class Language(str, Enum):
    zh = "zh_CN"
    en = "en"


class Priority(str, Enum):
    high = "high"  # 🔴 高
    medium = "medium"  # 🟡 中
    low = "low"  # 🟢 低


class DepType(str, Enum):
    FS = "FS"
    SS = "SS"
    FF = "FF"
    SF = "SF"


class LagUnit(str, Enum):
    day = "d"  # working days
    week = "w"  # working weeks (workdays per week of the calendar)


class TaskStatus(str, Enum):
    not_started = "not_started"
    in_progress = "in_progress"
    done = "done"
    on_hold = "on_hold"
    cancelled = "cancelled"


class Scheduling(str, Enum):
    auto = "auto"  # dates follow the dependencies (as soon as possible), like MS Project's Auto Scheduled
    manual = "manual"  # dates the user fixed are kept; broken dependencies are reported


class PeriodStyle(str, Enum):
    """How the user wrote a task's span, so it is shown back the same way."""

    week = "week"  # 第1-8周
    date = "date"  # 2025-01-27 至 2025-04-21
    month = "month"  # 0-6 个月


class MilestoneStatus(str, Enum):
    met = "met"
    on_track = "on_track"
    at_risk = "at_risk"
    missed = "missed"


class RaciRole(str, Enum):
    R = "R"
    A = "A"
    C = "C"
    I = "I"  # noqa: E741 - the letter of RACI


class ObjectiveKind(str, Enum):
    delivery = "delivery"  # 交付型
    exploration = "exploration"  # 探索型


class Comparator(str, Enum):
    ge = ">="
    le = "<="
    eq = "="


class Direction(str, Enum):
    higher = "higher"  # higher is better
    lower = "lower"  # lower is better


class AchievementRule(str, Enum):
    ratio = "ratio"  # cumulative / target (the statistics template's rule)
    inverse = "inverse"  # target / actual, for lower-is-better indicators
    progress = "progress"  # (actual - baseline) / (target - baseline)


# --- programme, stages, modules ----------------------------------------------------------
