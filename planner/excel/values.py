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
