"""Indicators proposed from a roadmap cell's 量化验收指标 (quantified acceptance indicators).

Each numbered line of the cell ("1. 适配 AI 芯片≥25 款（国产主流≥15 款，海外≥10 款）2. 框架兼容通过率
100%") gives one indicator per figure it names, with the target as written, its unit and
direction parsed, and the line's evaluation method and data source (the cell's items of the
same number). A line with no figure this parser reads, or one the plan already has as an
indicator of the same stage and module, is proposed unticked with the reason, so the user sees
every line before anything is added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from planner.i18n import _
from planner.indicators.rates import default_rule
from planner.indicators.targets import Target, parse_target, split_acceptance, split_numbered


@dataclass
class Proposal:
    number: int  # the numbered line of the cell it came from
    line: str  # that line as written
    code: str = ""
    name: str = ""
    target_text: str = ""
    target: Target | None = None
    evaluation_method: str = ""
    data_source: str = ""
    problem: str = ""  # why it is not proposed (no figure, already there); "" when it can be added
    checked: bool = True
    extra: dict[str, Any] = field(default_factory=dict)  # module_id, stage_id, owner_team_id

    @property
    def addable(self) -> bool:
        return self.target is not None and bool(self.name)

    def fields(self) -> dict[str, Any]:
        """The Indicator's fields (services.indicators.add_indicator parses target_text again)."""
        t = self.target
        assert t is not None
        return {"code": self.code, "name": self.name, "target_text": self.target_text, "unit": t.unit,
                "direction": t.direction, "rule": default_rule(t.direction),
                "evaluation_method": self.evaluation_method, "data_source": self.data_source, **self.extra}


def next_codes(taken: set[str], count: int, prefix: str = "IND-") -> list[str]:
    """IND-001, IND-002 ... after the highest number used; never one in `taken`."""
    numbers = [int(m.group(1)) for c in taken if (m := re.fullmatch(re.escape(prefix) + r"(\d+)", c))]
    start = max(numbers, default=0) + 1
    return [f"{prefix}{n:03d}" for n in range(start, start + count)]


def _nth(items: list[str], number: int) -> str:
    return items[number - 1] if 0 < number <= len(items) else ""


def propose(acceptance: str, *, evaluation_method: str = "", data_source: str = "",
            existing: dict[str, str] | None = None, taken_codes: set[str] = frozenset(),
            extra: dict[str, Any] | None = None) -> list[Proposal]:
    """Every line of `acceptance` as proposals, in order.

    `existing` maps the names of the indicators the cell's stage and module already have to
    their codes; `taken_codes` are the plan's indicator codes; `extra` is put on each
    indicator (module_id, stage_id, owner_team_id).
    """
    existing = existing or {}
    methods, sources = split_numbered(evaluation_method), split_numbered(data_source)
    out: list[Proposal] = []
    for number, line in enumerate(split_numbered(acceptance), start=1):
        items = split_acceptance(line)
        if not items:
            out.append(Proposal(number, line, name=line, problem=_("no target figure in this line"), checked=False))
            continue
        for item in items:
            p = Proposal(number, line, name=item.name, target_text=item.target_text, target=parse_target(item.target_text),
                         evaluation_method=_nth(methods, number), data_source=_nth(sources, number),
                         extra=dict(extra or {}))
            if item.name in existing:
                p.problem, p.checked = _("already indicator {code}", code=existing[item.name]), False
            out.append(p)
    renumber(out, set(taken_codes))
    return out


def renumber(proposals: list[Proposal], taken_codes: set[str]) -> None:
    """Give the ticked proposals the next free codes in order; an unticked one has none."""
    ticked = [p for p in proposals if p.checked and p.addable]
    for p, code in zip(ticked, next_codes(taken_codes, len(ticked))):
        p.code = code
    for p in proposals:
        if not (p.checked and p.addable):
            p.code = ""
