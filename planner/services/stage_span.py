"""A stage's span set from the text the user typed (0-6 个月, 第1-8周, W1-W8, 2025-01-27 至 2025-03-10)."""

from __future__ import annotations

from sqlmodel import Session, select

from planner import model as m
from planner.changes import Changes
from planner.services import generic
from planner.stages import parse_stage_span


def set_stage_span(s: Session, stage_id: int, text: str) -> Changes:
    """Read `text` against the programme start and store it as months or dates ("" clears the span)."""
    programme = s.exec(select(m.Programme)).one()
    return generic.update(s, m.Stage, stage_id, **parse_stage_span(text, programme.start_date))
