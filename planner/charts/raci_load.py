"""RACI load: how many R and A each team holds, per stage."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.patches import Patch

from planner.charts.common import MODULE_PALETTE, ChartContext, ChartResult, empty_note, new_figure, shorten
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
    data = collect_raci(ctx)
    width = min(max(8.0, 2.5 + 0.5 * len(data.teams) * max(len(data.stages), 1)), 20)
    fig = new_figure(ctx, "raci.title", (width, 5.5))
    if not data.teams or not data.stages:
        empty_note(fig, ctx.t("raci.none"))
        return ChartResult("raci", fig, data)
    ax = fig.add_subplot()
    _draw_bars(ax, data)
    ax.set_xticks(range(len(data.teams)), [shorten(t, 12) for t in data.teams], rotation=0 if len(data.teams) < 7 else 30,
                  ha="center" if len(data.teams) < 7 else "right")
    ax.set_ylabel(ctx.t("raci.count"))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", color="#e0e0e0")
    ax.set_axisbelow(True)
    handles = [Patch(color=MODULE_PALETTE[i % len(MODULE_PALETTE)], label=s) for i, s in enumerate(data.stages)]
    handles += [Patch(facecolor="#bdbdbd", label="R"), Patch(facecolor="white", edgecolor="#616161", hatch="///", label="A")]
    ax.legend(handles=handles, loc="upper right", fontsize=8, frameon=False)
    if data.problems:
        shown = data.problems[:4] + (["…"] if len(data.problems) > 4 else [])
        ax.set_title("\n".join(shown), loc="left", fontsize=8, color="#c62828")
    return ChartResult("raci", fig, data)


def _draw_bars(ax, data: RaciLoadData) -> None:
    groups = len(data.stages)
    width = 0.8 / groups
    x = np.arange(len(data.teams))
    for index, stage in enumerate(data.stages):
        colour = MODULE_PALETTE[index % len(MODULE_PALETTE)]
        offset = x - 0.4 + width * (index + 0.5)
        r = [data.r[(t, stage)] for t in data.teams]
        a = [data.a[(t, stage)] for t in data.teams]
        ax.bar(offset, r, width * 0.92, color=colour)
        ax.bar(offset, a, width * 0.92, bottom=r, color="white", edgecolor=colour, hatch="///")
        for xpos, total in zip(offset, np.add(r, a)):
            if total:
                ax.text(xpos, total, str(total), ha="center", va="bottom", fontsize=8)
