"""Read cell values as users type them: numbers as text, percentages, dates, priorities, flags.

Each reader returns the value or raises `CellError` with the reason shown in the preview.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from planner.excel import schema
from planner.i18n import _

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
MAX_TEXT = 32767


class CellError(ValueError):
    """A cell value that cannot be read as its column's kind; `str()` is the reason."""


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def has_control(text: str) -> bool:
    """True when `read_text` would remove characters from `text` (the import reports it)."""
    return _CONTROL.search(text) is not None


def read_text(value: object) -> str:
    """Text as written: line breaks kept, trailing spaces and control characters removed."""
    if value is None:
        return ""
    if type(value) is str and value.isprintable():  # the common case: one line, nothing to clean
        return value.strip()[:MAX_TEXT]
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return text.strip()[:MAX_TEXT]


_PLAIN_CODE = re.compile(r"[A-Za-z0-9_.\-]+")


def read_code(value: object) -> str:
    """An ID such as TP-01: full-width folded, NBSP and spaces removed, dash variants unified."""
    if type(value) is str and _PLAIN_CODE.fullmatch(value):
        return value
    text = unicodedata.normalize("NFKC", read_text(value))
    text = re.sub(r"[\s\u00a0\u200b]+", "", text)
    return re.sub(r"[‐‑‒–—－]", "-", text)


def _number_text(text: str) -> float:
    t = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", t):
        t = t.replace(",", "")
    elif re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+,\d+", t):
        raise CellError(_("ambiguous number format (use 1234.5)"))
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", t):
        raise CellError(_("not a number"))
    return float(t)


def read_number(value: object) -> float | None:
    """A plain number; text such as '1,234' accepted; units belong in the unit column."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("a TRUE/FALSE value is not a number"))
    if isinstance(value, (dt.date, dt.datetime)):
        raise CellError(_("a date is not a number"))
    number = float(value) if isinstance(value, (int, float)) else _number_text(str(value))
    if math.isnan(number) or math.isinf(number):
        raise CellError(_("not a finite number"))
    return number


def read_int(value: object) -> int | None:
    number = read_number(value)
    if number is None:
        return None
    if not float(number).is_integer():
        raise CellError(_("a whole number is expected"))
    return int(number)


def read_percent(value: object) -> float | None:
    """A fraction 0..1 from 0.5, '50%', or 50 (read as 50%)."""
    if is_blank(value):
        return None
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        number = read_number(value.strip()[:-1])
        number = None if number is None else number / 100
    else:
        number = read_number(value)
        if number is not None and 1 < number <= 100:
            number = number / 100  # a progress of "50" means 50%
    if number is not None and not 0 <= number <= 1:
        raise CellError(_("a percentage between 0% and 100% is expected"))
    return number


_DATE_PATTERNS = (
    re.compile(r"(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?"),
    re.compile(r"(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})"),
)
EXCEL_EPOCH = dt.date(1899, 12, 30)


def read_date(value: object) -> dt.date | None:
    """A date from an Excel date, a serial number, or text such as 2025-03-28, 2025/03/28, 2025.04.11."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise CellError(_("not a date"))
    if isinstance(value, (int, float)):
        return _serial(float(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = re.sub(r"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "", text)
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _ymd(int(match["y"]), int(match["m"]), int(match["d"]), text)
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _serial(float(text))
    raise CellError(_("not a date (use 2025-03-28)"))


def _ymd(y: int, m: int, d: int, text: str) -> dt.date:
    if d <= 12 and m <= 12 and "/" in text and not text[:4].isdigit() and d != m:
        raise CellError(_("ambiguous day and month (use 2025-03-28)"))
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise CellError(_("no such date")) from None


def _serial(number: float) -> dt.date:
    # Serial 60 is Excel's phantom 1900-02-29; below it the 1900 system is off by one.
    if not number.is_integer() or number <= 60 or number > 2958465:
        raise CellError(_("not a date (use 2025-03-28)"))
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


_TRUE = {"是", "y", "yes", "true", "1", "✓", "√", "x", "工作日", "已核验", "已验证"}
_FALSE = {"否", "n", "no", "false", "0", "", "休息日", "未核验"}


def read_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = read_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(_("yes or no (是/否) is expected"))


_PRIORITY = {
    "high": ("高", "🔴", "high", "h", "p0", "p1", "紧急", "重要"),
    "medium": ("中", "🟡", "medium", "med", "m", "p2", "一般"),
    "low": ("低", "🟢", "low", "l", "p3", "次要"),
}


def read_priority(value: object) -> str | None:
    """high/medium/low from 高/中/低, 🔴🟡🟢 (with or without the word), High/Medium/Low, P1-P3."""
    text = read_text(value).lower().replace("优先级", "").strip()
    if not text:
        return None
    for key, words in _PRIORITY.items():
        if text in words or text[:1] in ("🔴🟡🟢"[("high", "medium", "low").index(key)],):
            return key
        if any(text.startswith(w) for w in words if len(w) == 1 and not w.isascii()):
            return key
    raise CellError(_("priority 高/中/低 (🔴🟡🟢) is expected"))


_ENUM_CACHE: dict[tuple[str, str], str] = {}


def read_enum(value: object, enum_name: str) -> str | None:
    """An enum value from its Chinese or English label or the raw value."""
    text = read_text(value)
    hit = _ENUM_CACHE.get((enum_name, text))
    if hit is not None:
        return hit
    found = _read_enum(text, enum_name)
    if found is not None and len(_ENUM_CACHE) < 10_000:
        _ENUM_CACHE[(enum_name, text)] = found
    return found


def _read_enum(text: str, enum_name: str) -> str | None:
    if not text:
        return None
    labels = schema.ENUM_LABELS[enum_name]
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    for raw, (zh, en) in labels.items():
        if folded in (raw.lower(), unicodedata.normalize("NFKC", zh).lower(), en.lower()):
            return raw
    choices = "/".join(zh for zh, _ in labels.values())
    raise CellError(_("one of {choices} is expected", choices=choices))


# --- values of workbooks people made themselves ------------------------------------------------
_DMY_OR_MDY = re.compile(r"^(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})$")
_MD_CN = re.compile(r"^(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?$")
_MD_SLASH = re.compile(r"^(?P<m>\d{1,2})[/.](?P<d>\d{1,2})$")


def date_order(values: list[object]) -> str:
    """How a column writes text dates such as 03/04/2025: "dmy", "mdy", or "" if it cannot tell.

    Decided from the whole column: a first part over 12 means day first, a second part over 12
    means month first; a column with both, or with neither, cannot tell.
    """
    day_first = month_first = False
    for v in values:
        if not isinstance(v, str):
            continue
        match = _DMY_OR_MDY.match(unicodedata.normalize("NFKC", v).strip())
        if match:
            a, b = int(match["a"]), int(match["b"])
            day_first |= a > 12 >= b
            month_first |= b > 12 >= a
    if day_first == month_first:
        return ""
    return "dmy" if day_first else "mdy"


def read_date_as(value: object, order: str = "", year: int | None = None) -> dt.date | None:
    """A date as people write it: Excel dates, 2025-03-28, 28/03/2025 or 03-28-2025 (in the column's
    order), 5月28日 and 8/26 (in `year`); 2025/6/31 is no date."""
    if is_blank(value) or not isinstance(value, str):
        return read_date(value)
    text = unicodedata.normalize("NFKC", value).strip()
    text = re.sub(r"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "", text)
    text = re.sub(r"\s*[(（](周|星期)?[一二三四五六日天]\s*[)）]$|\s*(周|星期)[一二三四五六日天]$", "", text)
    match = _DMY_OR_MDY.match(text)
    if match:
        a, b, y = int(match["a"]), int(match["b"]), int(match["y"])
        y = y + 2000 if y < 100 else y
        if a == b or (a > 12 and b <= 12) or (b > 12 and a <= 12) or order:
            day, month = (a, b) if (a > 12 or order == "dmy") and not (b > 12) else (b, a)
            return _make(y, month, day)
        raise CellError(_("ambiguous day and month (use 2025-03-28)"))
    match = _MD_CN.match(text) or (_MD_SLASH.match(text) if year else None)
    if match:
        y = int(match["y"]) if match.groupdict().get("y") else year
        if y is None:
            raise CellError(_("a date without its year (use 2025-05-28)"))
        return _make(y, int(match["m"]), int(match["d"]))
    return read_date(text)


def _make(y: int, m: int, d: int) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise CellError(_("no such date")) from None


_RANGE_SPLIT = re.compile(r"\s*(?:至|到|~|～|—|–|－|--|\s-\s|-(?=\d{4}|\d{1,2}[/.月])|(?<=\d)-(?=[?？])|(?<=[日号])-)\s*")


def read_date_range(value: object, order: str = "", year: int | None = None) -> tuple[dt.date | None, dt.date | None]:
    """'2016/8/8-2016/8/19', '2025-01-27 至 2025-04-21', '5月1日-5月20日', '？-2016/8/11' (start open)."""
    if is_blank(value):
        return None, None
    if not isinstance(value, str):
        day = read_date(value)
        return day, day
    text = unicodedata.normalize("NFKC", value).strip()
    open_start = re.match(r"^\?\s*(?:-|~|至|到)\s*", text)
    parts = ["", text[open_start.end():]] if open_start else _RANGE_SPLIT.split(text, maxsplit=1)
    if len(parts) != 2:
        day = read_date_as(text, order, year)
        return day, day
    first, second = (p.strip() for p in parts)
    start = None if first in ("", "?", "？") else read_date_as(first, order, year)
    if start is not None and year is None:
        year = start.year
    if start is not None and re.fullmatch(r"\d{1,2}[日号]?", second):  # 5月1日-20日
        second = f"{start.month}月{second.rstrip('日号')}日"
    end = None if second in ("", "?", "？") else read_date_as(second, order, year or (start.year if start else None))
    if start and end and end < start:
        raise CellError(_("the range ends before it starts"))
    return start, end


_DURATION_TEXT = re.compile(
    r"^(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>个?工作日|工作日|人天|人日|天|日|d|days?|周|星期|w|wks?|weeks?|个月|月|mons?|months?|小时|h|hrs?|hours?)?\s*(?P<est>[?？])?$",
    re.I)
_UNIT_DAYS = {"d": 1, "day": 1, "days": 1, "天": 1, "日": 1, "工作日": 1, "个工作日": 1, "人天": 1, "人日": 1,
              "w": 5, "wk": 5, "wks": 5, "week": 5, "weeks": 5, "周": 5, "星期": 5,
              "月": 20, "个月": 20, "mon": 20, "mons": 20, "month": 20, "months": 20,
              "h": 1 / 8, "hr": 1 / 8, "hrs": 1 / 8, "hour": 1 / 8, "hours": 1 / 8, "小时": 1 / 8}


def read_duration(value: object, unit_days: float = 1.0) -> tuple[int | None, bool]:
    """(working days, estimated) from 5, '2天', '1周', '3w', '5d', '2.5 days', '40 hours', '5天?'.

    A bare number is in the column's unit (`unit_days`: 1 for days, 1/8 for hours); a fraction
    of a day rounds up, as a day is the smallest step of the schedule.
    """
    if is_blank(value):
        return None, False
    if isinstance(value, bool):
        raise CellError(_("a duration such as 5 or 2周 is expected"))
    if isinstance(value, (int, float)):
        days, estimated = float(value) * unit_days, False
    else:
        match = _DURATION_TEXT.match(unicodedata.normalize("NFKC", str(value)).strip())
        if not match:
            raise CellError(_("a duration such as 5 or 2周 is expected"))
        unit = (match["unit"] or "").lower()
        days = float(match["n"]) * (_UNIT_DAYS.get(unit, 1) if unit else unit_days)
        estimated = bool(match["est"])
    if days < 0 or math.isnan(days) or days > 100_000:
        raise CellError(_("a duration such as 5 or 2周 is expected"))
    return int(math.ceil(days - 1e-9)), estimated


def status_of(value: object) -> str | None:
    """A task status from the words people use (未开始, 进行中, Completed, Done, 延期 ...)."""
    from planner.excel.headers import synonyms

    text = unicodedata.normalize("NFKC", read_text(value)).strip().lower()
    if not text:
        return None
    table = _status_table(synonyms)
    if text in table:
        return table[text]
    raise CellError(_("a status such as 未开始, 进行中 or 已完成 is expected"))


_STATUS: dict[str, str] = {}


def _status_table(synonyms) -> dict[str, str]:
    if not _STATUS:
        for status, words in synonyms()["status"].items():
            for w in words:
                _STATUS[unicodedata.normalize("NFKC", w).strip().lower()] = status
        for raw, (zh, en) in schema.ENUM_LABELS["status"].items():
            for w in (raw, zh, en):
                _STATUS.setdefault(w.lower(), raw)
    return _STATUS


def is_placeholder(value: object) -> bool:
    """待定, TBD, 202X-XX-XX, [Name], 〜〜: a value someone meant to fill in later."""
    from planner.excel.headers import synonyms

    if not isinstance(value, str):
        return False
    text = value.strip()
    if text in _placeholders(synonyms):
        return True
    return "x" in text.lower() and bool(re.fullmatch(r"(?:20|19)[0-9xX]{2}\s*[-/.年]\s*[xX0-9]{1,2}\s*[-/.月]\s*[xX0-9]{1,2}日?", text))


_PLACEHOLDERS: set[str] = set()


def _placeholders(synonyms) -> set[str]:
    if not _PLACEHOLDERS:
        _PLACEHOLDERS.update(synonyms()["placeholders"])
    return _PLACEHOLDERS


_FORMAT_LITERAL = re.compile(r'"([^"]*)"|\\(.)')


def format_decoration(number_format: str) -> tuple[str, str, bool]:
    """(comparator, unit, percent) a custom number format shows around a number.

    `"≥"0%` shows 0.1 as ≥10% (comparator ≥, percent); `0"款"` shows 25 as 25款 (unit 款);
    `[<=0.05]"≤"0%` keeps its comparator too. Built-in formats give ("", "", False) except
    for percent formats.
    """
    fmt = (number_format or "").split(";")[0]
    fmt = re.sub(r"\[[^\]]*\]", "", fmt)
    literals = [a or b for a, b in _FORMAT_LITERAL.findall(fmt)]
    bare = _FORMAT_LITERAL.sub("", fmt)
    percent = "%" in bare
    comparator = ""
    unit_parts = []
    for lit in literals:
        s = lit.strip()
        folded = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">=", "<": "<=", "=": "="}.get(s)
        if folded and not comparator:
            comparator = folded
        elif s:
            unit_parts.append(s)
    return comparator, "".join(unit_parts), percent
