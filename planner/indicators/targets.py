"""Parse indicator targets and reported values as users write them ("≥10%", "45% → 90%", "15款")."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from planner.errors import ParseError
from planner.model import Comparator, Direction


class TargetParseError(ParseError):
    """A target phrase has no figure this parser understands; `value` is the phrase."""

    def __init__(self, text: str, *, where: str = "", reason: str = ""):
        place = f"{where}: " if where else ""
        why = f" ({reason})" if reason else ""
        super().__init__(f"{place}cannot read the target {text!r}{why}", where=where)
        self.value = text


class ValueParseError(ParseError):
    """A reported value is not a number ("待定", "n/a"); `value` is what was typed."""

    def __init__(self, text: str, *, where: str = ""):
        place = f"{where}: " if where else ""
        super().__init__(f"{place}{text!r} is not a number", where=where)
        self.value = text


@dataclass(frozen=True)
class Target:
    """A parsed target: `value` in `unit`, compared with `comparator`; `baseline` in the same unit."""

    value: float
    comparator: str = Comparator.ge.value
    unit: str = ""
    baseline: float | None = None
    direction: str = Direction.higher.value
    note: str = ""  # parenthetical remarks such as the period in "25款（0-6月）"
    text: str = ""  # the phrase as written


# --- normalisation --------------------------------------------------------------------
_ARROWS = ("→", "->", "⟶", "➝", "➜", "=>", "—>", "－>")
_NUM = r"\d+(?:\.\d+)?"
_GE_WORDS = ("不低于", "不少于", "至少", "达到", "超过", "大于")
_LE_WORDS = ("不超过", "不高于", "不多于", "至多", "小于", "低于")
_GE_SUFFIX = ("以上", "+", "及以上")
_LE_SUFFIX = ("以下", "以内", "及以下", "之内")
_RISE = "提升|提高|增长|增加|上升|扩大"
_FALL = "降低|减少|缩短|下降|压缩|减至|降至"

# Seconds per unit: a baseline written in another time unit ("从2秒降低至800毫秒") is
# converted to the target's unit so the two figures compare.
_TIME_UNITS = {"毫秒": 0.001, "ms": 0.001, "秒": 1.0, "s": 1.0, "分钟": 60.0, "min": 60.0,
               "小时": 3600.0, "h": 3600.0, "天": 86400.0, "日": 86400.0, "周": 604800.0}


def _normalise(text: str) -> str:
    """Half-width digits and signs, one space at most, no space around '/'."""
    t = unicodedata.normalize("NFKC", text)  # full-width ０-９ ％ ＋ ＞ → ASCII
    t = t.replace("≧", "≥").replace("≦", "≤").replace(">=", "≥").replace("<=", "≤")
    t = re.sub(r"\s*/\s*", "/", t)
    t = re.sub(r"\s+", " ", t).strip()
    return t


def _split_notes(text: str) -> tuple[str, str]:
    """Remove parenthetical remarks and return (text, remarks joined by '; ')."""
    notes = re.findall(r"\(([^()]*)\)", text)
    return re.sub(r"\([^()]*\)", "", text).strip(), "; ".join(n.strip() for n in notes)


@dataclass(frozen=True)
class _Quantity:
    value: float
    unit: str
    comparator: str | None  # None when the phrase has no comparator


_QUANTITY = re.compile(
    r"^(?P<cmp>≥|≤|>|<|=|" + "|".join(_GE_WORDS + _LE_WORDS) + r")?\s*"
    r"(?P<num>-?" + _NUM + r")(?P<plus>\s*\+)?\s*(?P<unit>.*?)\s*(?P<suffix>及以上|及以下|以上|以下|以内|之内|\+)?$"
)


def _quantity(text: str) -> _Quantity | None:
    """'≥120 tokens/秒' -> 120, 'tokens/秒', '>='; None when it is not one figure."""
    match = _QUANTITY.match(text.strip())
    if not match:
        return None
    unit = match["unit"].strip()
    if re.search(r"\d", unit):  # a second figure: not a single quantity
        return None
    cmp_word, suffix = match["cmp"], match["suffix"]
    comparator = None
    if cmp_word in ("≥", ">") or cmp_word in _GE_WORDS or suffix in _GE_SUFFIX or match["plus"]:
        comparator = Comparator.ge.value
    elif cmp_word in ("≤", "<") or cmp_word in _LE_WORDS or suffix in _LE_SUFFIX:
        comparator = Comparator.le.value
    elif cmp_word == "=":
        comparator = Comparator.eq.value
    return _Quantity(float(match["num"]), unit, comparator)


def _convert(value: float, unit: str, to_unit: str) -> tuple[float, bool]:
    """`value` from `unit` into `to_unit` when both are time units; (value, converted?)."""
    if unit == to_unit or not unit:
        return value, True
    if unit in _TIME_UNITS and to_unit in _TIME_UNITS:
        return value * _TIME_UNITS[unit] / _TIME_UNITS[to_unit], True
    return value, False


def _direction_for(comparator: str, baseline: float | None, value: float, falling: bool) -> str:
    """Lower is better for ≤ targets, for 降低/减少/缩短 ... 至, and when the target is below the baseline."""
    if falling or comparator == Comparator.le.value:
        return Direction.lower.value
    if baseline is not None and value < baseline:
        return Direction.lower.value
    return Direction.higher.value


# --- targets ----------------------------------------------------------------------------
def parse_target(text: str, *, where: str = "") -> Target:
    """Parse a target phrase; raise `TargetParseError` (naming `where` and the phrase) if it has no figure."""
    if text is None or not str(text).strip():
        raise TargetParseError(str(text or ""), where=where, reason="empty")
    raw = str(text)
    body, note = _split_notes(_normalise(raw))
    for parse in (_parse_arrow, _parse_from_to, _parse_change, _parse_plain):
        result = parse(body)
        if result is not None:
            value, comparator, unit, baseline, falling = result
            direction = _direction_for(comparator, baseline, value, falling)
            return Target(value, comparator, unit, baseline, direction, note, raw)
    raise TargetParseError(raw, where=where, reason="no figure found")


_Parsed = tuple[float, str, str, "float | None", bool]


def _with_baseline(base: _Quantity, goal: _Quantity, falling: bool) -> _Parsed | None:
    unit = goal.unit or base.unit
    baseline, ok = _convert(base.value, base.unit, unit)
    if not ok:
        return None
    falling = falling or goal.comparator == Comparator.le.value or goal.value < baseline
    comparator = goal.comparator or (Comparator.le.value if falling else Comparator.ge.value)
    return goal.value, comparator, unit, baseline, falling


def _parse_arrow(body: str) -> _Parsed | None:
    """'45% → 90%', '12 → 50+', '99.5% -> 99.9%'."""
    for arrow in _ARROWS:
        if arrow in body:
            left, _, right = body.partition(arrow)
            base, goal = _quantity(left), _quantity(right)
            if base is None or goal is None:
                return None
            return _with_baseline(base, goal, falling=False)
    return None


_FROM_TO = re.compile(
    r"从(?:当前|目前|现在)?\s*(?P<base>.+?)\s*(?P<verb>" + _RISE + "|" + _FALL + r")\s*(?:至|到)\s*(?P<goal>.+)$"
)


def _parse_from_to(body: str) -> _Parsed | None:
    """'从2秒降低至800毫秒以下', '从99.5%提升至99.9%', '从1周缩短至2天'."""
    match = _FROM_TO.search(body)
    if not match:
        return None
    base, goal = _quantity(match["base"]), _quantity(match["goal"])
    if base is None or goal is None:
        return None
    return _with_baseline(base, goal, falling=bool(re.fullmatch(_FALL, match["verb"])))


_CHANGE_TO = re.compile(r"(?P<verb>" + _RISE + "|" + _FALL + r")\s*(?:至|到)\s*(?P<goal>.+)$")


def _parse_change(body: str) -> _Parsed | None:
    """'降低至30分钟以内' (an absolute target), '提升至99.9%'."""
    match = _CHANGE_TO.search(body)
    if not match:
        return None
    goal = _quantity(match["goal"])
    if goal is None:
        return None
    falling = bool(re.fullmatch(_FALL, match["verb"]))
    comparator = goal.comparator or (Comparator.le.value if falling else Comparator.ge.value)
    return goal.value, comparator, goal.unit, None, falling


def _parse_plain(body: str) -> _Parsed | None:
    """'≥10%', '≤30分钟', '25款', '50+', '100%', '提升≥10%', '减少50%' (the size of the cut)."""
    stripped = re.sub(r"^(?:" + _RISE + "|" + _FALL + r")\s*", "", body)
    quantity = _quantity(stripped)
    if quantity is None:
        return None
    # A bare figure is a level to reach ("25款", "100%"): at least that much.
    comparator = quantity.comparator or Comparator.ge.value
    return quantity.value, comparator, quantity.unit, None, False


# --- values users type in readings ------------------------------------------------------
def parse_value(raw: object, unit: str = "", *, where: str = "", percent_cell: bool = False) -> float | None:
    """A reported figure as a number in the indicator's unit; None for an empty cell.

    "15款" -> 15, "11.2%" -> 11.2. Where the unit is %, a fraction is scaled to percent:
    always when `percent_cell` (an Excel cell formatted as a percentage holds 0.112 for
    11.2%), and for a typed plain number of magnitude at most 1 ("0.112"), since nobody
    reports 0.112 meaning a tenth of a percent in these templates.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueParseError(str(raw), where=where)
    percent_unit = unit.strip() == "%"
    if isinstance(raw, (int, float)):
        value = float(raw)
        return _percent(value) if percent_unit and (percent_cell or abs(value) <= 1) else value
    text = _normalise(str(raw))
    if not text:
        return None
    text = text.replace(",", "")
    match = re.fullmatch(r"(?P<sign>[-+])?\s*(?P<num>" + _NUM + r")\s*(?P<rest>.*)", text)
    if not match:
        raise ValueParseError(str(raw), where=where)
    rest = match["rest"].strip()
    if re.search(r"\d", rest):
        raise ValueParseError(str(raw), where=where)
    value = float(match["num"]) * (-1 if match["sign"] == "-" else 1)
    if rest == "%" or rest.startswith("%"):
        return value
    if percent_unit and (percent_cell or abs(value) <= 1) and not rest:
        return _percent(value)
    return value


def _percent(fraction: float) -> float:
    # round away binary noise (0.112 * 100 = 11.200000000000001)
    return round(fraction * 100, 9)


# --- splitting a cell's 量化验收指标 ------------------------------------------------------
@dataclass(frozen=True)
class AcceptanceItem:
    """One figure found in a stage x module cell: its name and target phrase."""

    number: int  # the numbered item it came from (1, 2, 3 ...)
    name: str  # 适配 AI 芯片
    target_text: str  # ≥25 款（国产主流≥15 款，海外≥10 款）


def split_numbered(text: str) -> list[str]:
    """'1. a 2. b 3. c' -> ['a', 'b', 'c'] (also '1、'); the whole text when it is not numbered.

    Markers are looked for in sequence (1, then 2 ...), so figures such as "Qwen2.5" or
    "3 个版本" inside an item are never taken for item numbers.
    """
    text = text.strip()
    starts: list[tuple[int, int]] = []  # (marker start, content start)
    pos, number = 0, 1
    while True:
        marker = re.compile(rf"(?<![\d.]){number}\s*[.、．](?!\d)")
        match = marker.search(text, pos)
        if match is None or (number == 1 and text[: match.start()].strip()):
            break
        starts.append((match.start(), match.end()))
        pos, number = match.end(), number + 1
    if not starts:
        return [text] if text else []
    bounds = [s for s, _ in starts[1:]] + [len(text)]
    items = [text[content:end].strip(" ；;。\n") for (_, content), end in zip(starts, bounds)]
    return [i for i in items if i]


_CMP_CHARS = "≥≤><＞＜≧≦"


def split_acceptance(text: str) -> list[AcceptanceItem]:
    """Every figure of a cell's acceptance text, in order; clauses without a figure are skipped."""
    found: list[AcceptanceItem] = []
    for number, item in enumerate(split_numbered(text), start=1):
        clauses = _top_level_clauses(item)
        pairs = [p for p in map(_name_and_target, clauses) if p is not None]
        if not pairs:  # "17 家厂商签署适配承诺书": a count inside the sentence is the figure
            pairs = [p for p in map(_counted_clause, clauses) if p is not None][:1]
        found.extend(AcceptanceItem(number, name, target) for name, target in pairs)
    return found


_COUNT = re.compile(r"(\d+(?:\.\d+)?)\s*([家项款个人轮场次份篇所支名条套类万亿元]+)")


def _counted_clause(clause: str) -> tuple[str, str] | None:
    match = _COUNT.search(clause)
    if match is None:
        return None
    return clause.strip(), f"{match.group(1)}{match.group(2)}"


def _top_level_clauses(item: str) -> list[str]:
    """Split on ，, ; outside parentheses so '≥25 款（国产≥15 款，海外≥10 款）' stays whole."""
    clauses, depth, current = [], 0, []
    for ch in item:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if ch in "，,；;" and depth == 0:
            clauses.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    clauses.append("".join(current).strip())
    return [c for c in clauses if c]


def _name_and_target(clause: str) -> tuple[str, str] | None:
    """('昇腾算子性能提升', '≥10%（对比 CUDA 12.0 版本）') from one clause; None if it has no target."""
    outside = re.sub(r"（[^（）]*）|\([^()]*\)", lambda m: " " * len(m.group(0)), clause)
    pos = next((i for i, ch in enumerate(outside) if ch in _CMP_CHARS), None)
    if pos is None:
        tail = re.search(r"(\d+(?:\.\d+)?\s*%)\s*$", outside.rstrip())
        if not tail:
            return None
        pos = tail.start()
    name, target = clause[:pos].strip(), clause[pos:].strip()
    if not name:
        return None
    try:
        parse_target(target)
    except TargetParseError:
        return None
    return name, target
