"""Indicators and their readings; a target phrase is re-parsed whenever it changes."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from planner import model as m
from planner.changes import Changes
from planner.i18n import _
from planner.services import generic
from planner.services.journal import Journal


def _target_fields(text: str, where: str) -> dict[str, Any]:
    """The parsed parts of a target phrase ("≥10%", "45% → 90%"); an empty phrase clears them."""
    if not text.strip():
        return {"target_text": text, "target": None, "baseline": None}
    from planner.indicators.targets import parse_target

    target = parse_target(text, where=where)
    return {
        "target_text": text, "target": target.value, "comparator": target.comparator,
        "unit": target.unit, "baseline": target.baseline, "direction": target.direction,
    }


def add_indicator(s: Session, code: str, name: str, *, target_text: str = "", **fields: Any) -> Changes:
    where = f"Indicator {code}, field target"
    values = {**_target_fields(target_text, where), **fields} if target_text else fields
    return generic.add(s, m.Indicator, code=code, name=name, target_text=target_text, **{
        k: v for k, v in values.items() if k != "target_text"})


def add_indicators(s: Session, rows: list[dict[str, Any]]) -> Changes:
    """Several indicators at once (those proposed from a roadmap cell), one undo step.

    Each row holds `code`, `name` and the other fields; its `target_text` is parsed as in
    `add_indicator`. A code the plan already has is refused before anything is added.
    """
    from planner.errors import DuplicateId

    taken = set(s.exec(select(m.Indicator.code)).all())
    j = Journal(s)
    for row in rows:
        code = row["code"]
        if code in taken:
            raise DuplicateId(_("Indicator {code}: the plan already has an indicator with this code.", code=code),
                              where=f"Indicator {code}")
        taken.add(code)
        text = row.get("target_text", "")
        values = {**row, **_target_fields(text, f"Indicator {code}, field target")} if text else dict(row)
        created = generic.add_row(j, m.Indicator, values)
        j.touch(created.id)
    return j.changes()


def update_indicator(s: Session, indicator_id: int, **fields: Any) -> Changes:
    """Edit an indicator; a new `target_text` also sets target, comparator, unit, baseline, direction."""
    indicator = generic.get(s, m.Indicator, indicator_id)
    if "target_text" in fields:
        parsed = _target_fields(fields["target_text"], f"Indicator {indicator.code}, field target")
        fields = {**parsed, **{k: v for k, v in fields.items() if k != "target_text"}}
    return generic.update(s, m.Indicator, indicator_id, **fields)


def delete_indicator(s: Session, indicator_id: int) -> Changes:
    return generic.delete(s, m.Indicator, indicator_id)


def set_reading(s: Session, indicator_id: int, period: str, **fields: Any) -> Changes:
    """Create or edit the reading of an indicator for a period ("2025-03", "2025-W12")."""
    indicator = generic.get(s, m.Indicator, indicator_id)
    where = f"Indicator {indicator.code}, period {period}"
    row = s.exec(select(m.Reading).where(m.Reading.indicator_id == indicator_id, m.Reading.period == period)).first()
    j = Journal(s)
    if row is None:
        row = generic.add_row(j, m.Reading, dict(indicator_id=indicator_id, period=period, **fields), where=where)
    else:
        generic.update_row(j, row, fields, where=where)
    j.touch(indicator_id)
    return j.changes(created=row.id)


def delete_reading(s: Session, reading_id: int) -> Changes:
    return generic.delete(s, m.Reading, reading_id)
