"""The data-collection round trip: per-team fill-in workbooks out, many returned workbooks in."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from planner import model as m
from planner.errors import ExportFailed
from planner.indicators.rates import achievement_rate, is_off_target
from planner.indicators.status import expected_share
from planner.plan import Plan


def team_indicators(plan: Plan, team: str | None) -> list[m.Indicator]:
    """The indicators a team reports (all of them when no team is named)."""
    if not team:
        return list(plan.indicators)
    ids = {t.id for t in plan.teams if t.name == team}
    if not ids:
        raise ExportFailed(f"There is no team named {team!r} in this plan.")
    return [i for i in plan.indicators if i.owner_team_id in ids]


def due_date(period: str) -> dt.date:
    """Readings are due at month end (2025-03) or on the Friday of the ISO week (2025-W12)."""
    week = re.fullmatch(r"(\d{4})-?W(\d{1,2})", period.strip(), re.I)
    if week:
        return dt.date.fromisocalendar(int(week[1]), int(week[2]), 5)
    month = re.fullmatch(r"(\d{4})-(\d{1,2})", period.strip())
    if month:
        y, mth = int(month[1]), int(month[2])
        nxt = dt.date(y + (mth == 12), mth % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    raise ExportFailed(f"Period {period!r} is not a month (2025-03) or a week (2025-W12).")


@dataclass
class CollectionReport:
    period: str
    returned: list[str] = field(default_factory=list)  # teams whose workbook came back
    missing: list[str] = field(default_factory=list)  # teams with indicators and no workbook
    late: list[str] = field(default_factory=list)  # returned after the due date
    deviations: list[tuple[str, str, float]] = field(default_factory=list)  # (indicator code, name, rate)
    rates: dict[str, float] = field(default_factory=dict)  # indicator code -> recomputed rate

    def lines(self) -> list[str]:
        out = [f"period {self.period}: {len(self.returned)} team(s) returned"]
        if self.missing:
            out.append("missing: " + "、".join(self.missing))
        if self.late:
            out.append("late: " + "、".join(self.late))
        for code, name, rate in self.deviations:
            out.append(f"deviation over 10%: {code} {name} at {rate:.0%}")
        for code, rate in self.rates.items():
            out.append(f"achievement {code}: {rate:.0%}")
        return out


def collection_report(preview, plan: Plan | None, metas: list[dict[str, str]]) -> CollectionReport:
    period = next((x.get("period", "") for x in metas if x.get("period")), "")
    report = CollectionReport(period)
    try:
        due = due_date(period) if period else None
    except ExportFailed:
        due = None
    for meta in metas:
        team = meta.get("team") or meta.get("file", "")
        if team not in report.returned:
            report.returned.append(team)
        if meta.get("due") and float(meta.get("mtime", 0) or 0) > _end_of(meta["due"]):
            report.late.append(team)
    if plan is not None:
        owners = {plan.team_by_id[i.owner_team_id].name for i in plan.indicators if i.owner_team_id}
        report.missing = [t.name for t in plan.teams if t.name in owners and t.name not in report.returned]
        by_code = {i.code: i for i in plan.indicators}
        for record in preview.records.of(m.Reading).values():
            code = record.values["indicator_id"][0]
            ind = by_code.get(code)
            # 达成率 is recomputed from the reading, never read from the file.
            rate = achievement_rate(record.values.get("cumulative_value"), ind.target, rule=ind.rule or "ratio",
                                    baseline=ind.baseline) if ind else None
            if rate is None:
                continue
            report.rates[code] = rate
            if is_off_target(rate, expected_share(plan, ind, due), comparator=ind.comparator):
                report.deviations.append((code, ind.name, rate))
                if not record.values.get("exception_note"):
                    preview.problems.warning(f"{code} {ind.name}: achievement {rate:.0%}, more than 10% behind plan, and no exception note",
                                             sheet=record.origin.strip())
    return report


def _end_of(day: str) -> float:
    d = dt.date.fromisoformat(day)
    return dt.datetime(d.year, d.month, d.day, 23, 59, 59).timestamp()
