"""Where our fields that MS Project has no home for travel in MSPDI: task extended attributes.

MS Project shows each as a custom text column under its alias (Text20-Text30), so a PMO sees
the task ID, stage, module and RACI beside its own columns. Plan-level lists (stages, modules,
teams) travel as the value lists of those attributes, with the fields the list entry does not
name in the entry's description as compact JSON; everything else our export needs to read its
own file back exactly rides in one "Roadmap Planner" attribute per task (JSON).
"""

from __future__ import annotations

import json
from typing import Any

# MSPDI FieldIDs of the task fields Text1..Text30 (0x0B400000 + MS Project's field number).
TEXT_FIELD_ID = {
    1: 188743731, 2: 188743734, 3: 188743737, 4: 188743740, 5: 188743743, 6: 188743746, 7: 188743747,
    8: 188743748, 9: 188743749, 10: 188743750, 11: 188743997, 12: 188743998, 13: 188743999, 14: 188744000,
    15: 188744001, 16: 188744002, 17: 188744003, 18: 188744004, 19: 188744005, 20: 188744006,
    21: 188744007, 22: 188744008, 23: 188744009, 24: 188744010, 25: 188744011, 26: 188744012,
    27: 188744013, 28: 188744014, 29: 188744015, 30: 188744016,
}

# our key -> (Text field number, alias shown in MS Project)
ATTRIBUTES: dict[str, tuple[int, str]] = {
    "acceptance": (20, "核心验收指标 Acceptance"),
    "code": (21, "任务ID Task ID"),
    "stage": (22, "阶段 Stage"),
    "module": (23, "模块 Module"),
    "actions": (24, "具体行动 Actions"),
    "roles": (25, "责任角色 Roles"),
    "deps": (26, "依赖项 Dependencies"),
    "raci": (27, "RACI"),
    "milestone_text": (28, "里程碑 Milestone"),
    "risk_response": (29, "风险应对 Risk response"),
    "planner": (30, "Roadmap Planner"),
}
FIELD_ID = {key: TEXT_FIELD_ID[n] for key, (n, _alias) in ATTRIBUTES.items()}
KEY_OF_FIELD = {fid: key for key, fid in FIELD_ID.items()}
PLAN_ENTRY = "plan"  # the one value of the "planner" attribute's list: programme-level data


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def loads(text: str) -> dict[str, Any]:
    """Our JSON, or {} for anything else (a PMO may have typed into the column)."""
    if not text or not text.startswith("{"):
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def raci_text(letters: list[tuple[str, str]]) -> str:
    """[("核心技术部", "R"), ("生态部", "A")] -> "核心技术部=R; 生态部=A" (the column MS Project shows)."""
    return "; ".join(f"{team}={letter}" for team, letter in letters)


def parse_raci(text: str) -> list[tuple[str, str]]:
    out = []
    for piece in (text or "").replace("；", ";").split(";"):
        team, sep, letter = piece.rpartition("=")
        if sep and team.strip() and letter.strip().upper() in ("R", "A", "C", "I"):
            out.append((team.strip(), letter.strip().upper()))
    return out
