"""Status colours that read well on light and dark palettes, and the system scheme hook."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication

# Translucent tints sit on the palette's base colour, so they work on light and dark themes.
_TINTS = {
    "ok": QColor(46, 160, 67, 70),
    "warn": QColor(230, 160, 20, 80),
    "bad": QColor(220, 50, 47, 80),
    "none": QColor(128, 128, 128, 40),
    "header": QColor(70, 110, 200, 45),
}
_TEXT = {
    "bad_text": (QColor(190, 30, 30), QColor(255, 120, 110)),
    "ok_text": (QColor(20, 120, 40), QColor(120, 220, 130)),
    "muted_text": (QColor(110, 110, 110), QColor(160, 160, 160)),
}


def is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "colorScheme"):
        return hints.colorScheme() == Qt.ColorScheme.Dark
    return QGuiApplication.palette().base().color().lightness() < 128


def colour(name: str) -> QColor:
    if name in _TEXT:
        light, dark = _TEXT[name]
        return dark if is_dark() else light
    return _TINTS[name]


def status_colour(level: str) -> QColor:
    """ok / warn / bad / none -> a cell background tint."""
    return _TINTS.get(level, _TINTS["none"])

