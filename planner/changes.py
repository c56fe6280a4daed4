"""What a service call changed, so each view refreshes only what it shows."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Area(enum.Flag):
    NONE = 0
    PROGRAMME = enum.auto()  # name, start date, calendar, language
    STAGES = enum.auto()
    MODULES = enum.auto()
    ROADMAP = enum.auto()  # stage x module cells
    TASKS = enum.auto()  # task fields, roles, add/delete/move
    DEPENDENCIES = enum.auto()
    SCHEDULE = enum.auto()  # anything that moves computed dates, float or the critical path
    MILESTONES = enum.auto()
    RISKS = enum.auto()
    TEAMS = enum.auto()
    RACI = enum.auto()  # RACI letters and division of work
    OKR = enum.auto()
    INDICATORS = enum.auto()
    READINGS = enum.auto()
    BASELINES = enum.auto()
    ALL = (
        PROGRAMME | STAGES | MODULES | ROADMAP | TASKS | DEPENDENCIES | SCHEDULE | MILESTONES
        | RISKS | TEAMS | RACI | OKR | INDICATORS | READINGS | BASELINES
    )


@dataclass(frozen=True)
class Changes:
    """Returned by every service: the areas touched, the ids touched, and what undo needs.

    `undo` is an opaque value the matching inverse service accepts (old field values, a
    deleted row set ...). `created` is the id of a row the call created.
    """

    areas: Area = Area.NONE
    ids: frozenset[int] = frozenset()
    created: int | None = None
    undo: Any = None
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(
            self.areas | other.areas,
            self.ids | other.ids,
            self.created if self.created is not None else other.created,
            self.undo if other.undo is None else other.undo,
            self.warnings + other.warnings,
        )

    def touches(self, area: Area) -> bool:
        return bool(self.areas & area)


NOTHING = Changes()
