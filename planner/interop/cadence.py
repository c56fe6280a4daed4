"""Meeting cadences as people write them (协作频率) read into recurrence rules.

"每日站会，每周1次全项目进度会" is two meetings: daily on working days and weekly. Understood:
每日/每天, 每周N次, 每周一..每周日 (with a time: 每周五18:00), 每两周/双周N次, 每月N次, 每月初,
每月末, 每季度 (初/末/N次), 每半年, 每年, 每阶段末 (at each stage's end, not recurring). Reviews
(复盘, 回顾, 总结) held once a period fall at its end; other meetings at its start.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_SPREAD = {1: ["MO"], 2: ["TU", "TH"], 3: ["MO", "WE", "FR"], 4: ["MO", "TU", "TH", "FR"],
           5: WEEKDAYS[:5], 6: WEEKDAYS[:6], 7: list(WEEKDAYS)}
_NUM = {"一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "日": 7, "天": 7}
_DAY = {"一": "MO", "二": "TU", "三": "WE", "四": "TH", "五": "FR", "六": "SA", "日": "SU", "天": "SU"}
_REVIEW = re.compile(r"复盘|回顾|总结|评估|review|retro", re.I)
_SPLIT = re.compile(r"[，,；;、\n]+")
_TIME = re.compile(r"(?P<h>\d{1,2})[:：](?P<m>\d{2})|(?P<pm>下午|晚上)?(?P<h2>\d{1,2})点(?P<half>半)?")


@dataclass
class Cadence:
    phrase: str  # the piece as written: 每周2次同步会
    title: str  # what the meeting is: 同步会
    rule: dict[str, object] = field(default_factory=dict)  # icalendar vRecur parts, without UNTIL
    start: dt.time = dt.time(10, 0)
    minutes: int = 60
    stage_end: bool = False  # 每阶段末: one meeting at each stage's end


def _count(text: str) -> int | None:
    if not text:
        return None
    return int(text) if text.isdigit() else _NUM.get(text)


def parse(text: str) -> tuple[list[Cadence], list[str]]:
    """The meetings a cadence cell names, and the pieces it could not read."""
    found, unread = [], []
    for piece in _SPLIT.split(text or ""):
        piece = piece.strip()
        if not piece:
            continue
        cadence = parse_one(piece)
        (found if cadence else unread).append(cadence or piece)
    return found, unread


def parse_one(piece: str) -> Cadence | None:
    compact = re.sub(r"\s+", "", piece)
    review = bool(_REVIEW.search(compact))
    rule = _rule(compact, review)
    if rule is None:
        return None
    rule, rest = rule
    title = re.sub(r"^[的\d:：点半下午晚上前]*", "", rest) or piece
    c = Cadence(piece, title, rule)
    if rule.get("STAGE_END"):
        c.rule, c.stage_end = {}, True
    c.start, c.minutes = _when(compact, title, review)
    return c


_PATTERNS: list[tuple[re.Pattern, object]] = []


def _rule(text: str, review: bool) -> tuple[dict, str] | None:
    workdays = list(WEEKDAYS[:5])
    m = re.match(r"^每(?:个)?(?:工作)?[日天](?:一次|1次)?(.*)$", text)
    if m:
        return {"FREQ": "DAILY", "BYDAY": workdays}, m.group(1)
    m = re.match(r"^每(?:个)?(?:周|星期|礼拜)([一二三四五六日天])((?:[、和及至到-]?[一二三四五六日天])*)(.*)$", text)
    if m and not re.match(r"^[一两二三四五六七]次", text[2:]):
        days = [_DAY[c] for c in (m.group(1) + m.group(2)) if c in _DAY]
        return {"FREQ": "WEEKLY", "BYDAY": days}, m.group(3)
    m = re.match(r"^(?:每(?:个)?(两|2|二)周|双周|隔周)(?:(\d+|[一两二三四五六七])次)?(.*)$", text)
    if m:
        n = _count(m.group(2) or "1") or 1
        return {"FREQ": "WEEKLY", "INTERVAL": 2, "BYDAY": _period_days(n, review)}, m.group(3)
    m = re.match(r"^每(?:个)?(?:周|星期|礼拜)(?:(\d+|[一两二三四五六七])次)?(.*)$", text)
    if m:
        n = min(7, _count(m.group(1) or "1") or 1)
        return {"FREQ": "WEEKLY", "BYDAY": _period_days(n, review)}, m.group(2)
    m = re.match(r"^(?:每(?:个)?月|月度)(初|末|底)(.*)$", text) or re.match(r"^月(初|末|底)(.*)$", text)
    if m:
        return {"FREQ": "MONTHLY", "BYDAY": workdays, "BYSETPOS": 1 if m.group(1) == "初" else -1}, m.group(2)
    m = re.match(r"^每(?:个)?月(\d{1,2})[日号](.*)$", text)
    if m and 1 <= int(m.group(1)) <= 28:
        return {"FREQ": "MONTHLY", "BYMONTHDAY": int(m.group(1))}, m.group(2)
    m = re.match(r"^(?:每(?:个)?月|月度)(?:(?:至少)?(\d+|[一两二三四])次)?(.*)$", text)
    if m:
        return _per_month(_count(m.group(1) or "1") or 1, review, 1), m.group(2)
    m = re.match(r"^(?:每(?:个)?季度?|季度)(初|末|底)?(?:(\d+|[一两二三])次)?(.*)$", text)
    if m:
        end = m.group(1) in ("末", "底") or (m.group(1) is None and review)
        return _per_month(1, end, 3), m.group(3)
    m = re.match(r"^每半年(?:(?:一|1)次)?(.*)$", text)
    if m:
        return _per_month(1, review, 6), m.group(1)
    m = re.match(r"^每(?:一)?年(?:(?:一|1)次)?(.*)$", text)
    if m:
        return {"FREQ": "YEARLY"}, m.group(1)
    m = re.match(r"^每(?:个)?阶段(?:末|结束)(.*)$", text)
    if m:
        return {"STAGE_END": True}, re.sub(r"^[（(][^）)]*[）)]", "", m.group(1))
    return None


def _period_days(n: int, review: bool) -> list[str]:
    if n == 1 and review:
        return ["FR"]  # a weekly review closes the week
    return list(_SPREAD.get(n, WEEKDAYS[:5]))


def _per_month(n: int, at_end: bool, interval: int) -> dict:
    rule: dict[str, object] = {"FREQ": "MONTHLY"}
    if interval > 1:
        rule["INTERVAL"] = interval
    if n == 1:
        rule.update(BYDAY=list(WEEKDAYS[:5]), BYSETPOS=-1 if at_end else 1)  # last / first working weekday
    else:
        rule["BYDAY"] = [f"{k}MO" for k in (1, 3)] if n == 2 else [f"{k}MO" for k in range(1, min(n, 4) + 1)]
    return rule


def _when(text: str, title: str, review: bool) -> tuple[dt.time, int]:
    m = _TIME.search(text)
    start = dt.time(9, 30) if "站会" in title else dt.time(10, 0)
    if m:
        if m.group("h"):
            start = dt.time(int(m.group("h")) % 24, int(m.group("m")) % 60)
        else:
            hour = int(m.group("h2")) + (12 if m.group("pm") and int(m.group("h2")) < 12 else 0)
            start = dt.time(hour % 24, 30 if m.group("half") else 0)
    minutes = 15 if "站会" in title else 120 if review else 60
    return start, minutes
