"""RACI load: how many R and A each team holds, per stage; or (per="owner") how many tasks each owner holds."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib import colormaps

from planner.charts.common import ChartContext, ChartResult, empty_note, label_inches, new_figure, shorten
from planner.raci import RaciIssue, RaciIssueKind, check_plan, team_loads


@dataclass
class RaciLoadData:
    teams: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    r: dict[tuple[str, str], int] = field(default_factory=dict)  # (team, stage) -> R held
    a: dict[tuple[str, str], int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # RACI rule violations, as messages

    def total(self, team: str) -> int:
        return sum(self.r.get((team, s), 0) + self.a.get((team, s), 0) for s in self.stages)


def collect_owner_load(ctx: ChartContext) -> RaciLoadData:
    """The same grid per owner (负责人): tasks owned per stage, counted in `r` (there is no A)."""
    from planner.owners import owner_loads

    plan = ctx.plan
    loads = owner_loads(plan, ctx.schedule)
    used = {s for load in loads for s in load.by_stage}
    stage_ids = [s.id for s in plan.stages if s.id in used] + ([None] if None in used else [])
    data = RaciLoadData()
    data.stages = [plan.stage_by_id[s].name if s is not None else ctx.t("raci.all_stages") for s in stage_ids]
    for load in loads:
        name = load.owner or ctx.t("owner.none")
        data.teams.append(name)
        for stage_id, stage in zip(stage_ids, data.stages):
            data.r[(name, stage)] = load.by_stage.get(stage_id, 0)
            data.a[(name, stage)] = 0
    return data


def collect_raci(ctx: ChartContext) -> RaciLoadData:
    plan = ctx.plan
    loads = team_loads(plan)
    used_stages = {stage for load in loads for stage in load.by_stage}
    stage_ids = [s.id for s in plan.stages if s.id in used_stages] + ([None] if None in used_stages else [])
    data = RaciLoadData()
    data.stages = [plan.stage_by_id[s].name if s is not None else ctx.t("raci.all_stages") for s in stage_ids]
    for load in loads:
        data.teams.append(load.team)
        for stage_id, name in zip(stage_ids, data.stages):
            counter = load.by_stage.get(stage_id, {})
            data.r[(load.team, name)] = counter.get("R", 0)
            data.a[(load.team, name)] = counter.get("A", 0)
    data.problems = [raci_problem_text(issue, ctx.lang) for issue in check_plan(plan)]
    return data


def raci_problem_text(issue: RaciIssue, lang: str) -> str:
    """One RACI rule violation in the report's language (the core's message is English)."""
    if lang == "en":
        return issue.message
    subject = f"{'模块' if issue.subject.kind == 'module' else '任务'} {issue.subject.label}"
    if issue.kind is RaciIssueKind.no_a:
        return f"{subject}：没有负责审批的团队（A），需恰好一个"
    if issue.kind is RaciIssueKind.two_a:
        return f"{subject}：{len(issue.teams)} 个团队同为 A（{'、'.join(issue.teams)}），需恰好一个"
    return f"{subject}：没有执行团队（R），至少需要一个"


def build_raci_load(ctx: ChartContext) -> ChartResult:
    """A team x stage grid: each cell says "R n · A m", shaded by R+A; a total column at the right.
    With the option per="owner", an owner x stage grid of tasks owned."""
    per_owner = ctx.options.get("per") == "owner"
    data = collect_owner_load(ctx) if per_owner else collect_raci(ctx)
    teams = [t for t in data.teams if data.total(t) > 0]
    width = min(max(7.5, 3.0 + 1.7 * (len(data.stages) + 1)), 20)
    height = min(max(3.5, 1.8 + 0.42 * len(teams) + 0.2 * min(len(data.problems), 5)), 30)
    left = 0.3 + label_inches([shorten(t, 16) for t in teams])
    bottom = 0.45 + 0.17 * min(len(data.problems), 6)
    fig = new_figure(ctx, "owner.title" if per_owner else "raci.title", (width + left - 1.2, height),
                     margins=(left, 0.3, 0.85, bottom))
    if not teams or not data.stages:
        empty_note(fig, ctx.t("raci.none"))
        return ChartResult("raci", fig, data)
    ax = fig.add_subplot()
    columns = data.stages + [ctx.t("raci.total")]
    grid = np.array([[data.r[(t, s)] + data.a[(t, s)] for s in data.stages] + [data.total(t)] for t in teams], float)
    shade = grid.copy()
    shade[:, -1] = np.nan  # the total column is not shaded against the per-stage scale
    top = max(np.nanmax(shade), 4)  # a plan where every team holds one letter is not "hot"
    ax.imshow(np.ma.masked_invalid(shade), cmap=colormaps["Oranges"].with_extremes(bad="#eceff1"),
              vmin=0, vmax=top, aspect="auto")
    for y, team in enumerate(teams):
        for x, stage in enumerate(data.stages):
            r, a = data.r[(team, stage)], data.a[(team, stage)]
            if per_owner:
                label = ctx.t("owner.tasks", n=r) if r else "–"
            else:
                label = f"R {r} · A {a}" if r or a else "–"
            dark = grid[y, x] > 0.6 * top
            ax.text(x, y, label, ha="center", va="center", fontsize=9, color="white" if dark else "#212121")
        ax.text(len(data.stages), y, str(int(grid[y, -1])), ha="center", va="center", fontsize=10, fontweight="bold")
    ax.set_xticks(range(len(columns)), [shorten(c, 16) for c in columns])
    ax.set_yticks(range(len(teams)), [shorten(t, 16) for t in teams])
    ax.tick_params(top=True, labeltop=True, bottom=False, labelbottom=False, length=0)
    ax.set_xticks(np.arange(-0.5, len(columns)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(teams)), minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if data.problems:
        shown = data.problems[:5] + ([ctx.t("raci.more", n=len(data.problems) - 5)] if len(data.problems) > 5 else [])
        ax.set_xlabel("\n".join(shown), fontsize=8, color="#c62828", loc="left")
    return ChartResult("raci", fig, data)
