"""Make user text safe to write into a cell: never a formula, no illegal characters, no silent cuts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_CELL_CHARS = 32767  # Excel's limit; openpyxl would cut silently or write a file Excel repairs

# Characters spreadsheet programs read as the start of a formula (OWASP CSV injection),
# including full-width variants that some IMEs produce and Excel folds.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")

# XML 1.0 forbids these; openpyxl raises IllegalCharacterError on them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass
class ExportNotes:
    """Cells whose text had to be changed to be written, reported to the user."""

    cleaned: list[str] = field(default_factory=list)  # sheet!cell with illegal characters removed
    truncated: list[str] = field(default_factory=list)  # sheet!cell cut to 32,767 characters

    def messages(self) -> list[str]:
        out = []
        if self.cleaned:
            out.append(f"Control characters removed in {len(self.cleaned)} cell(s): {', '.join(self.cleaned[:20])}")
        if self.truncated:
            out.append(
                f"Text longer than {MAX_CELL_CHARS} characters was cut in {len(self.truncated)} cell(s): "
                + ", ".join(self.truncated[:20])
            )
        return out


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could take this text for a formula: leading spaces of any kind
    (no-break, ideographic) and invisible characters (BOM, zero-width space) are ignored, as
    programs that trim them before reading a formula would."""
    if text.startswith(FORMULA_TRIGGERS):
        return True
    i = 0
    while i < len(text) and (text[i].isspace() or unicodedata.category(text[i]) == "Cf"):
        i += 1
    return text[i:].startswith(FORMULA_TRIGGERS)


def clean_text(text: str, place: str, notes: ExportNotes) -> str:
    """Remove XML-illegal characters and cut to Excel's limit, recording each change."""
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
        notes.cleaned.append(place)
    if len(text) > MAX_CELL_CHARS:
        text = text[:MAX_CELL_CHARS]
        notes.truncated.append(place)
    return text
