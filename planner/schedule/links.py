"""Dependency phrases as users write them ("TP-02、TP-03完成", "TP-02芯片适配完成30%", "TP-01 SS+2d") <-> links.

Grammar, per fragment (a fragment runs from one task ID to the next):
    CODE [description] [TYPE] [+N|-N [d|w|天|日|工作日|周]] [description] [NN%]
- TYPE is FS (default), SS, FF or SF; "开始"/"启动" without "完成" in the fragment means SS;
- a lag with no unit is in working days; "w"/"周" are working weeks;
- "NN%" is a progress threshold on the predecessor ("完成30%"): 0 < NN <= 100;
- the description is free text (Chinese or English words, numbers inside Chinese text such
  as "第8周") but may not hold stray numbers, "+" or "%": "TP-01 SS+2x" is refused, naming
  the fragment.
"无", "-", "—", "none", "N/A" or an empty cell mean no dependency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Collection, Iterable

from planner.i18n import _
from planner.errors import ParseError, UnknownPredecessor

# a task ID; "FF-1w" after an ID is a type with a lead, so FS/SS/FF/SF are not ID prefixes
CODE = re.compile(r"(?<![A-Za-z0-9])(?!(?:FS|SS|FF|SF)-)([A-Za-z]{1,8}\d*-\d+)(?![0-9])", re.IGNORECASE)
_NONE = {"", "无", "-", "—", "–", "/", "none", "n/a", "na", "无依赖", "无前置", "无前置任务"}
_TYPE = re.compile(r"(?<![A-Za-z])(FS|SS|FF|SF)(?![A-Za-z])", re.IGNORECASE)
_LAG = re.compile(r"^\s*([+-]|＋|－)\s*(\d+)\s*(工作日|天|日|周|d|w|wk|days?|weeks?)?(?![A-Za-z])", re.IGNORECASE)
_PCT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
# left-overs that mean a mistyped lag or threshold; digits inside Chinese text ("第8周") are fine
_STRAY = re.compile(r"[+%％＋]|(?<![\u4e00-\u9fff])\d+(?![\u4e00-\u9fff])")
_SEPARATORS = " \t\r\n、,，;；/和及与&+"
_WEEK_UNITS = {"周", "w", "wk", "week", "weeks"}


@dataclass(frozen=True)
class ParsedLink:
    code: str  # the predecessor's task ID
    type: str = "FS"
    lag: int = 0
    lag_unit: str = "d"  # "d" working days, "w" working weeks
    threshold: float = 1.0
    text: str = ""  # the fragment as written


def is_none(text: str | None) -> bool:
    return (text or "").strip().lower() in _NONE


def parse_dependencies(text: str | None, *, task: str = "", known: Collection[str] | None = None) -> list[ParsedLink]:
    """All links in a 依赖项 cell. `task` names the successor in messages; with `known`,
    an ID that is not a task raises `UnknownPredecessor`."""
    if is_none(text):
        return []
    s = text.strip()
    where = f"{task}: " if task else ""
    hits = list(CODE.finditer(s))
    if not hits:
        raise ParseError(_("{where}no task ID in the dependency {s} (write e.g. TP-01, or 无)", where=where, s=repr(s)), where=task or s)
    head = s[: hits[0].start()].strip(_SEPARATORS)
    if head:
        raise ParseError(_("{where}cannot read {head} before {value} in {s}", where=where, head=repr(head), value=hits[0].group(1), s=repr(s)), where=task or s)
    out: list[ParsedLink] = []
    for i, hit in enumerate(hits):
        end = hits[i + 1].start() if i + 1 < len(hits) else len(s)
        fragment = s[hit.start():end].strip(_SEPARATORS)
        link = _parse_fragment(hit.group(1), s[hit.end():end], fragment, where, task)
        if known is not None and link.code not in known:
            if link.code.upper() not in known:
                raise UnknownPredecessor(task or "?", link.code)
            link = ParsedLink(link.code.upper(), link.type, link.lag, link.lag_unit, link.threshold, link.text)
        out.append(link)
    return out


def _parse_fragment(code: str, rest: str, fragment: str, where: str, task: str) -> ParsedLink:
    kind = "FS"
    lag, unit, threshold = 0, "d", 1.0
    mt = _TYPE.search(rest)
    if mt:
        kind = mt.group(1).upper()
        rest = rest[: mt.start()] + " " + rest[mt.end():]
        lag_at = mt.start() + 1  # a lag must follow the type directly
    else:
        lag_at = 0
        if ("开始" in rest or "启动" in rest) and "完成" not in rest:
            kind = "SS"
    lm = _LAG.match(rest[lag_at:]) if lag_at <= len(rest) else None
    if lm:
        sign = -1 if lm.group(1) in ("-", "－") else 1
        lag = sign * int(lm.group(2))
        unit = "w" if (lm.group(3) or "").lower() in _WEEK_UNITS else "d"
        rest = rest[:lag_at] + rest[lag_at + lm.end():]
    pm = _PCT.search(rest)
    if pm:
        value = float(pm.group(1))
        if not 0 < value <= 100:
            raise ParseError(_("{where}threshold {value} in {fragment} must be above 0% and at most 100%", where=where, value=pm.group(0), fragment=repr(fragment)),
                             where=task or fragment)
        threshold = round(value / 100, 4)
        rest = rest[: pm.start()] + rest[pm.end():]
    if _STRAY.search(rest):
        raise ParseError(_("{where}cannot read the dependency {fragment} (expected e.g. {code} SS+2d or {code} 30%)", where=where, fragment=repr(fragment), code=code),
                         where=task or fragment)
    return ParsedLink(code, kind, lag, unit, threshold, fragment)


def format_link(code: str, type: str = "FS", lag: int = 0, lag_unit: str = "d", threshold: float = 1.0) -> str:
    """One link as text: "TP-01", "TP-01 SS+2d", "TP-03 FF-1w", "TP-02 30%"."""
    out = code
    if type != "FS" or lag:
        out += f" {type}" if type != "FS" or not lag else " FS"
        if lag:
            out += f"{lag:+d}{'w' if lag_unit == 'w' else 'd'}"
    if threshold < 1:
        pct = threshold * 100
        out += f" {pct:g}%" if abs(pct - round(pct)) > 1e-9 else f" {round(pct)}%"
    return out


def format_links(links: Iterable) -> str:
    """A task's links back to a cell: "无" when none, else joined with "、".

    Accepts `ParsedLink`s or any objects with code/type/lag/lag_unit/threshold attributes.
    """
    parts = [format_link(x.code, x.type, x.lag, x.lag_unit, x.threshold) for x in links]
    return "、".join(parts) if parts else "无"


def task_links_text(plan, task_id: int) -> str:
    """The dependencies of one task of a `Plan`, as text (predecessor IDs in link order)."""
    by_id = plan.task_by_id
    links = [
        ParsedLink(by_id[d.predecessor_id].code, d.type, d.lag, d.lag_unit, d.threshold)
        for d in plan.predecessors_of.get(task_id, [])
        if d.predecessor_id in by_id
    ]
    return format_links(links)
