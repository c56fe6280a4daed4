"""What a cell's value looks like: a date, a WBS number, a duration, R/A/C/I letters, a timeline label."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from planner.excel.headers import synonyms


_DATE_TEXT = re.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$|^\d{1,2}月\d{1,2}日")
_WBS = re.compile(r"^\d+(\.\d+)+\.?$|^\d+$")
_DURATION = re.compile(r"^\d+(\.\d+)?\s*(天|日|周|星期|月|个月|人天|工作日|小时|h|hrs?|hours?|d|days?|w|wks?|weeks?|m|mons?|months?)?\??$", re.I)
_PERCENT = re.compile(r"^\d+(\.\d+)?\s*[%％]$")
_WEEK_LABEL = re.compile(r"^(第\s*\d+\s*周|w(ee)?k?\s*\d+|week\s*\d+|\d+\s*周|第[一二三四五六七八九十]+周|q[1-4]|\d{1,2}\s*月|[一二三四五六七八九十]+月|"
                         r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|m|t|w|th|f|sa|su|s|mon|tue|wed|thu|fri|sat|sun|"
                         r"周[一二三四五六日]|[一二三四五六日])"
                         r"(\s*[(（]?\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*[)）]?)?$", re.I)  # Wk 1 21/05, 第1周(3月3日)


def is_date_value(v: Any) -> bool:
    if isinstance(v, (dt.date, dt.datetime)):
        return True
    if isinstance(v, float) and v.is_integer() and 30000 <= v <= 60000:  # a serial date left unformatted
        return True
    return isinstance(v, str) and bool(_DATE_TEXT.match(unicodedata.normalize("NFKC", v).strip()))


def raci_letters(v: Any) -> str | None:
    """'R', 'A', 'R/A' ... for a RACI cell; '' for an explicit none (N, -); None if not a RACI cell."""
    if not isinstance(v, str):
        return None
    text = unicodedata.normalize("NFKC", v).strip().upper().replace(" ", "")
    spec = synonyms()["raci"]
    if text in {e.upper() for e in spec["empty"]} and text:
        return ""
    parts = [p for p in re.split(r"[/,，、+&]", text) if p] if re.search(r"[/,，、+&]", text) else (
        [text] if text in spec["letters"] else list(text) if 1 < len(text) <= 3 else [text])
    if not parts or any(p not in spec["letters"] for p in parts):
        return None
    return "/".join(dict.fromkeys(spec["letters"][p] for p in parts))


def fits(field_type: str, v: Any) -> bool:
    """Whether a value is what a column of this type holds."""
    if field_type == "date":
        return is_date_value(v)
    if field_type == "span":
        return isinstance(v, str) and bool(re.search(r"\d", v)) or is_date_value(v)
    if field_type in ("percent",):
        return (isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 100) or (
            isinstance(v, str) and bool(_PERCENT.match(v.strip())))
    if field_type == "duration":
        return (isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0) or (
            isinstance(v, str) and bool(_DURATION.match(unicodedata.normalize("NFKC", v).strip())))
    if field_type in ("seq",):
        return isinstance(v, (int, float)) and not isinstance(v, bool) or (isinstance(v, str) and v.strip().isdigit())
    if field_type == "wbs":
        return (isinstance(v, (int, float)) and not isinstance(v, bool)) or (isinstance(v, str) and bool(_WBS.match(v.strip())))
    if field_type in ("number", "target"):
        return isinstance(v, (int, float)) and not isinstance(v, bool) or (isinstance(v, str) and bool(re.search(r"\d", v)))
    if field_type in ("text", "person", "group", "status", "priority"):
        return isinstance(v, str) and not is_date_value(v)
    return True  # code, deps, flags: anything written


def is_timeline_label(v: Any) -> bool:
    if is_date_value(v):
        return True
    if isinstance(v, str):
        return bool(_WEEK_LABEL.match(unicodedata.normalize("NFKC", v).strip()))
    return False
