"""The styles part of a workbook, reduced to what table recognition asks of a cell.

A cell's `s` attribute indexes `cellXfs`; each `xf` names a number format (`numFmtId`: a
built-in one or a `numFmt` of the part) and a fill (`fillId` into `fills`). Only two things
matter here: the number format code when it is not General (so "≥"0% or 0"款" keep their
comparator and unit), and whether the fill is solid, with its colour (coloured Gantt
timeline cells). Everything else in the part is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# ECMA-376 Part 1, 18.8.30: the built-in formats every reader knows by number, and the ones
# a Chinese Excel shows for the locale-dependent numbers (27-36, 50-58).
BUILTIN_FORMATS = {
    1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?",
    13: "# ??/??", 14: "yyyy/m/d", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "yyyy/m/d h:mm", 27: 'yyyy"年"m"月"',
    28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"', 32: 'h"时"mm"分"',
    33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"',
    37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)",
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@", 50: 'yyyy"年"m"月"',
    51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"',
    56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
}


@dataclass(frozen=True)
class CellStyle:
    """What a cell's style says: its number format (None for General) and solid fill colour
    (None without a solid fill; "" for a solid fill of the default colour)."""

    number_format: str | None = None
    fill: str | None = None


@dataclass
class Styles:
    """`cellXfs` of a workbook: index (the cell's `s`) -> CellStyle, only for styles that say something."""

    by_index: dict[str, CellStyle] = field(default_factory=dict)

    @property
    def interesting(self) -> frozenset[str]:
        return frozenset(self.by_index)

    def of(self, s: str | None) -> CellStyle | None:
        return self.by_index.get(s) if s is not None else None


class StylesHandler:
    """Start/end handlers for `xmlparts.PartStream`: collects numFmts, fills and cellXfs."""

    def __init__(self):
        self.stack: list[str] = []
        self.formats: dict[str, str] = {}
        self.fills: list[list] = []  # [patternType, colour]
        self.xfs: list[tuple[str, str]] = []  # (numFmtId, fillId)

    def start(self, name: str, attrs: dict) -> None:
        local = name.rpartition(":")[2] if ":" in name else name
        parent = self.stack[-1] if self.stack else ""
        grand = self.stack[-2] if len(self.stack) > 1 else ""
        self.stack.append(local)
        if local == "numFmt" and parent == "numFmts":
            self.formats[attrs.get("numFmtId", "")] = attrs.get("formatCode", "")
        elif local == "xf" and parent == "cellXfs":
            self.xfs.append((attrs.get("numFmtId", "0"), attrs.get("fillId", "0")))
        elif local == "fill" and parent == "fills":
            self.fills.append(["", ""])
        elif local == "patternFill" and parent == "fill" and grand == "fills" and self.fills:
            self.fills[-1][0] = attrs.get("patternType", "")
        elif local == "fgColor" and parent == "patternFill" and self.fills:
            self.fills[-1][1] = _colour(attrs)

    def end(self, _name: str) -> None:
        if self.stack:
            self.stack.pop()

    def styles(self) -> Styles:
        out: dict[str, CellStyle] = {}
        for index, (fmt_id, fill_id) in enumerate(self.xfs):
            code = self.formats.get(fmt_id)
            if code is None:
                code = BUILTIN_FORMATS.get(_int(fmt_id))
            if code is not None and code.strip().lower() in ("", "general"):
                code = None
            fill = None
            f = _int(fill_id)
            if 0 <= f < len(self.fills) and self.fills[f][0] == "solid":
                fill = self.fills[f][1]
            if code is not None or fill is not None:
                out[str(index)] = CellStyle(code, fill)
        return Styles(out)


def _colour(attrs: dict) -> str:
    if attrs.get("rgb"):
        return attrs["rgb"].upper()
    if attrs.get("theme") is not None:
        tint = attrs.get("tint")
        return f"theme:{attrs['theme']}" + (f":{tint}" if tint else "")
    if attrs.get("indexed") is not None:
        return f"indexed:{attrs['indexed']}"
    return ""


def _int(text: str) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return -1
