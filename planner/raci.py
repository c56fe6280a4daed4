"""RACI rules (exactly one A, at least one R), team loads, and the division-of-work -> RACI mapping.

The division-of-work matrix (分工矩阵) maps onto RACI letters as the users' handbook defines it:
责任团队 (leads, answers for the result) -> R, 决策人 (approves key nodes) -> A,
协作团队 (supports) -> C, 项目管理部 and other stakeholders -> I.

The decision maker is usually a role ("CTO/技术负责人"), not a department. It becomes a
RACI column of its own, named as written, so the A stays visible and separate from the
teams doing the work; this is the common practice for RACI charts with leadership roles.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from planner.i18n import _
from planner.kinds import RaciRole

_SEPARATORS = "、，,+＋;；/／\n\r"
_ALL_TEAMS = re.compile(r"^(所有|全部|全体|各)")  # "所有业务及技术团队": every other team


_NO_TEAM = {"无", "-", "—", "/", "none", "n/a", "na", "nil", "tbd", "待定"}


def named_teams(text: str) -> list[str]:
    """The teams a 责任团队/协作团队 cell names, each once: "无" and "所有业务及技术团队" (every team) name none."""
    return [t for t in split_teams(text) if t.lower() not in _NO_TEAM and not _ALL_TEAMS.match(t)]


# --- the division-of-work mapping --------------------------------------------------------
def split_teams(text: str) -> list[str]:
    """'质量测试部、芯片厂商技术团队+运维部' -> names, in order, without duplicates.

    Separators inside parentheses do not split ("核心技术部（含算子组/编译组）" is one team),
    and the parenthetical remark itself is dropped so the team matches where it is named
    again without it.
    """
    names: list[str] = []
    depth, current = 0, []
    for ch in text or "":
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if ch in _SEPARATORS and depth == 0:
            names.append("".join(current))
            current = []
        else:
            current.append(ch)
    names.append("".join(current))
    cleaned = (re.sub(r"（[^（）]*）|\([^()]*\)", "", n).strip() for n in names)
    out: list[str] = []
    for name in cleaned:
        if name and name not in out:
            out.append(name)
    return out


@dataclass(frozen=True)
class Assignment:
    """One RACI letter for one team (or role column) on one subject."""

    team: str
    role: str  # RaciRole value


def division_to_raci(
    responsible: str,
    collaborating: str = "",
    decision_maker: str = "",
    *,
    informed: Iterable[str] = ("项目管理部",),
    all_teams: Iterable[str] = (),
) -> list[Assignment]:
    """Turn one division-of-work row into RACI letters; one letter per team, strongest kept.

    `all_teams` expands a collaborator such as "所有业务及技术团队" into every other team.
    Teams in `informed` get I unless the row already gives them a letter.
    """
    letters: dict[str, str] = {}

    def give(team: str, role: RaciRole) -> None:
        letters.setdefault(team, role.value)  # R and A are given first, so they win

    for team in split_teams(responsible):
        give(team, RaciRole.R)
    decider = decision_maker.strip()
    if decider:
        give(decider, RaciRole.A)
    for team in split_teams(collaborating):
        if _ALL_TEAMS.match(team) and all_teams:
            for other in all_teams:
                give(other, RaciRole.C)
        else:
            give(team, RaciRole.C)
    for team in informed:
        give(team, RaciRole.I)
    return [Assignment(team, role) for team, role in letters.items()]


# --- rules -------------------------------------------------------------------------------
class RaciIssueKind(str, enum.Enum):
    no_a = "no_a"  # nobody is accountable
    two_a = "two_a"  # more than one accountable
    no_r = "no_r"  # nobody is responsible


@dataclass(frozen=True)
class Subject:
    """A module or task that has RACI cells."""

    kind: str  # "module" | "task"
    id: int
    label: str  # module name or task code, as the user knows it

    def describe(self) -> str:
        if self.kind == "module":
            return _("Module {name}", name=self.label)
        return _("Task {code}", code=self.label)


@dataclass(frozen=True)
class RaciIssue:
    subject: Subject
    kind: RaciIssueKind
    teams: tuple[str, ...] = ()  # the teams holding A when there are several

    @property
    def message(self) -> str:
        if self.kind is RaciIssueKind.no_a:
            return _("{subject}: no team is Accountable (A); exactly one is needed.", subject=self.subject.describe())
        if self.kind is RaciIssueKind.two_a:
            return _("{subject}: {n} teams are Accountable (A): {teams}; exactly one is needed.",
                     subject=self.subject.describe(), n=len(self.teams), teams=_(", ").join(self.teams))
        return _("{subject}: no team is Responsible (R); at least one is needed.", subject=self.subject.describe())


def check_letters(subject: Subject, letters: Iterable[tuple[str, str]]) -> list[RaciIssue]:
    """Check one subject's (team, letter) pairs; an empty list means it follows the rules."""
    pairs = list(letters)
    if not pairs:
        return []
    accountable = [team for team, role in pairs if role == RaciRole.A.value]
    issues: list[RaciIssue] = []
    if not accountable:
        issues.append(RaciIssue(subject, RaciIssueKind.no_a))
    elif len(accountable) > 1:
        issues.append(RaciIssue(subject, RaciIssueKind.two_a, tuple(accountable)))
    if not any(role == RaciRole.R.value for _, role in pairs):
        issues.append(RaciIssue(subject, RaciIssueKind.no_r))
    return issues


def check_plan(plan) -> list[RaciIssue]:
    """Every RACI rule broken in a `Plan`, modules first (in module order), then tasks."""
    by_subject = _letters_by_subject(plan)
    issues: list[RaciIssue] = []
    for module in plan.modules:
        subject = Subject("module", module.id, module.name)
        issues += check_letters(subject, by_subject.get(("module", module.id), []))
    for task in plan.tasks:
        subject = Subject("task", task.id, task.code)
        issues += check_letters(subject, by_subject.get(("task", task.id), []))
    return issues


def _letters_by_subject(plan) -> dict[tuple[str, int], list[tuple[str, str]]]:
    out: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for cell in sorted(plan.raci, key=lambda c: (_team_order(plan, c.team_id), c.id)):
        key = ("module", cell.module_id) if cell.module_id is not None else ("task", cell.task_id)
        team = plan.team_by_id.get(cell.team_id)
        out.setdefault(key, []).append((team.name if team else f"#{cell.team_id}", cell.role))
    return out


def _team_order(plan, team_id: int) -> tuple[int, int]:
    team = plan.team_by_id.get(team_id)
    return (team.order, team.id) if team else (1 << 30, team_id)


# --- loads -------------------------------------------------------------------------------
@dataclass
class TeamLoad:
    """How many R and A a team holds, overall and per stage (by stage id; None = no stage)."""

    team_id: int
    team: str
    r: int = 0
    a: int = 0
    c: int = 0
    i: int = 0
    by_stage: dict[int | None, Counter] = field(default_factory=dict)

    @property
    def load(self) -> int:
        """The count the matrix is judged by: R plus A."""
        return self.r + self.a


def team_loads(plan) -> list[TeamLoad]:
    """One `TeamLoad` per team in team order.

    Task cells count in the task's stage; module cells count in every stage where that
    module has a roadmap cell (the module's work runs in those stages).
    """
    loads = {t.id: TeamLoad(t.id, t.name) for t in plan.teams}
    stages_of_module: dict[int, list[int]] = {}
    for cell in plan.cells:
        stages_of_module.setdefault(cell.module_id, []).append(cell.stage_id)
    for cell in plan.raci:
        load = loads.get(cell.team_id)
        if load is None:
            continue
        letter = cell.role.lower()
        setattr(load, letter, getattr(load, letter) + 1)
        if cell.task_id is not None:
            task = plan.task_by_id.get(cell.task_id)
            stages = [task.stage_id if task else None]
        else:
            stages = stages_of_module.get(cell.module_id) or [None]
        for stage_id in stages:
            load.by_stage.setdefault(stage_id, Counter())[cell.role] += 1
    return list(loads.values())
