"""Load per owner (负责人): how many tasks, and how many working days of them, each person owns, per stage.

The owner is one person answerable for a task, beside the teams of the RACI matrix; this is the
person-level view of the same question the RACI load answers per team. Summary tasks are left
out (their sub-tasks carry the work); tasks without an owner are counted under "".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from planner.work_groups import leaf_tasks


@dataclass
class OwnerLoad:
    owner: str
    tasks: int = 0
    days: int = 0  # working days of the owned tasks
    by_stage: Counter = field(default_factory=Counter)  # stage id (or None) -> tasks


def owner_loads(plan, schedule=None) -> list[OwnerLoad]:
    """One `OwnerLoad` per owner, most tasks first (then by name); the unowned last."""
    loads: dict[str, OwnerLoad] = {}
    timings = schedule.timings if schedule is not None else {}
    for task in leaf_tasks(plan):
        load = loads.setdefault(task.owner.strip(), OwnerLoad(task.owner.strip()))
        load.tasks += 1
        timing = timings.get(task.id)
        load.days += timing.duration if timing is not None else (task.duration_days or 0)
        load.by_stage[task.stage_id] += 1
    return sorted(loads.values(), key=lambda x: (x.owner == "", -x.tasks, x.owner))
