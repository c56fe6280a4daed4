"""The data-collection round trip: per-team fill-in workbooks out, many returned workbooks in."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from planner import model as m
from planner.errors import ExportFailed
from planner.i18n import _, ngettext
from planner.indicators.rates import achievement_rate, is_off_target
from planner.indicators.status import expected_share
from planner.plan import Plan


def team_indicators(plan: Plan, team: str | None) -> list[m.Indicator]:
    """The indicators a team reports (all of them when no team is named)."""
    if not team:
        return list(plan.indicators)
    ids = {t.id for t in plan.teams if t.name == team}
    if not ids:
        raise ExportFailed(_("There is no team named “{team}” in this plan.", team=team), key="unknown_team", where=team)
    return [i for i in plan.indicators if i.owner_team_id in ids]


_WEEK = re.compile(r"^(\d{4})\s*-?\s*[Ww]\s*(\d{1,2})$")
_MONTH = re.compile(r"^(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*月?$")


def collection_period(text: str) -> str:
    """A reporting period as readings store it: "2025-03" (a month) or "2025-W12" (an ISO week).

    Also reads "2025-3", "2025/03", "2025年3月" and "2025w12". Raises ExportFailed (key
    "collection_period", translated) naming the text when it is neither.
    """
    written = (text or "").strip()
    week, month = _WEEK.match(written), _MONTH.match(written)
    try:
        if week:
            dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)  # week 54 does not exist
            return f"{int(week[1]):04d}-W{int(week[2]):02d}"
        if month and 1 <= int(month[2]) <= 12:
            return f"{int(month[1]):04d}-{int(month[2]):02d}"
    except ValueError:
        pass
    if not written:
        message = _("Choose the period to collect, a month (2025-03) or a week (2025-W12).")
    else:
        message = _("“{text}” is not a reporting period: write a month (2025-03) or a week (2025-W12).", text=written)
    raise ExportFailed(message, key="collection_period", where=written)


def default_collection_period(plan: Plan, today: dt.date | None = None) -> str:
    """The period a collection round asks for by default: the one holding the plan's status date
    (else today), as a week when the plan's latest readings are weekly, else as a month."""
    day = plan.programme.status_date or today or dt.date.today()
    latest = max((r.period for r in plan.readings), default="")
    if _WEEK.match(latest):
        year, week, _weekday = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return f"{day.year:04d}-{day.month:02d}"


def due_date(period: str) -> dt.date:
    """Readings are due at month end (2025-03) or on the Friday of the ISO week (2025-W12)."""
    period = collection_period(period)
    if "W" in period:
        year, week = period.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 5)
    year, month = (int(x) for x in period.split("-"))
    return dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)


@dataclass
class CollectionReport:
    period: str
    returned: list[str] = field(default_factory=list)  # teams whose workbook came back
    missing: list[str] = field(default_factory=list)  # teams with indicators and no workbook
    late: list[str] = field(default_factory=list)  # returned after the due date
    deviations: list[tuple[str, str, float]] = field(default_factory=list)  # (indicator code, name, rate)
    rates: dict[str, float] = field(default_factory=dict)  # indicator code -> recomputed rate

    def lines(self) -> list[str]:
        out = [ngettext("period {period}: {n} team returned", "period {period}: {n} teams returned",
                        len(self.returned), period=self.period)]
        if self.missing:
            out.append(_("not returned yet: {teams}", teams=_("、").join(self.missing)))
        if self.late:
            out.append(_("returned after the due date: {teams}", teams=_("、").join(self.late)))
        for code, name, rate in self.deviations:
            out.append(_("more than 10% off target: {code} {name} at {rate}", code=code, name=name, rate=f"{rate:.0%}"))
        for code, rate in self.rates.items():
            out.append(_("achievement {code}: {rate}", code=code, rate=f"{rate:.0%}"))
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
                    preview.problems.warning(_("{code} {name}: achievement {rate}, more than 10% behind plan, and no "
                                               "exception note", code=code, name=ind.name, rate=f"{rate:.0%}"),
                                             sheet=record.origin.strip())
    return report


def _end_of(day: str) -> float:
    d = dt.date.fromisoformat(day)
    return dt.datetime(d.year, d.month, d.day, 23, 59, 59).timestamp()
