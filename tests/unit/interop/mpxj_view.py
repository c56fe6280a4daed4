"""What MPXJ (the independent reader) sees in a project file, as plain Python values for comparison."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from planner.interop import mpxj as bridge


@dataclass
class Seen:
    uid: int
    name: str
    outline_level: int
    start: dt.datetime | None
    finish: dt.datetime | None
    minutes: float | None
    summary: bool
    milestone: bool
    links: list[tuple[int, str, float]] = field(default_factory=list)  # (predecessor uid, type, lag in minutes or %)
    ext: dict[str, str] = field(default_factory=dict)  # alias or field name -> text


def _dt(value) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(str(value.toString()))


_TYPES = {"FINISH_START": "FS", "START_START": "SS", "FINISH_FINISH": "FF", "START_FINISH": "SF",
          "FS": "FS", "SS": "SS", "FF": "FF", "SF": "SF"}


def read(path) -> tuple[list[Seen], dict]:
    bridge._start_jvm(str(path))
    import jpype

    TaskField, TimeUnit = jpype.JClass("org.mpxj.TaskField"), jpype.JClass("org.mpxj.TimeUnit")
    UniversalProjectReader = jpype.JClass("org.mpxj.reader.UniversalProjectReader")

    project = UniversalProjectReader().read(str(path))
    props = project.getProjectProperties()
    texts = {n: getattr(TaskField, f"TEXT{n}") for n in range(20, 31)}
    aliases = {n: str(project.getCustomFields().getOrCreate(f).getAlias() or f"Text{n}") for n, f in texts.items()}
    out = []
    for task in project.getTasks():
        if task.getUniqueID() is None or int(task.getUniqueID()) == 0 or task.getNull():
            continue
        duration = task.getDuration()
        minutes = None if duration is None else float(duration.convertUnits(TimeUnit.MINUTES, props).getDuration())
        seen = Seen(int(task.getUniqueID()), str(task.getName() or ""), int(task.getOutlineLevel() or 0),
                    _dt(task.getStart()), _dt(task.getFinish()), minutes, bool(task.getSummary()), bool(task.getMilestone()))
        for rel in task.getPredecessors():
            lag = rel.getLag()
            units = str(lag.getUnits().name())
            value = float(lag.getDuration()) if "PERCENT" in units else float(lag.convertUnits(TimeUnit.MINUTES, props).getDuration())
            seen.links.append((int(rel.getPredecessorTask().getUniqueID()), _TYPES[str(rel.getType().name())], value))
        for n, f in texts.items():
            value = task.getCachedValue(f)
            if value is not None and str(value):
                seen.ext[aliases[n]] = str(value)
        out.append(seen)
    info = {"name": str(props.getName() or ""), "title": str(props.getProjectTitle() or ""),
            "minutes_per_day": int(props.getMinutesPerDay() or 480)}
    return out, info
