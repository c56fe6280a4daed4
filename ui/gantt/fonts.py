"""The font the Gantt paints with: the app's CJK font, registered once with Qt."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from planner.fonts import cjk_font_path

_family: str | None = None


def cjk_family() -> str:
    """Register the CJK font file with Qt (once) and return its family name."""
    global _family
    if _family is None:
        font_id = QFontDatabase.addApplicationFont(str(cjk_font_path()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _family = families[0] if families else QFont().family()
    return _family


def gantt_font() -> QFont:
    font = QFont(cjk_family())
    font.setPixelSize(12)
    return font
