"""Keeps None alive under PySide6 builds whose void methods return it without a reference.

PySide6 6.12.0 on Python 3.11 hands back None from every method returning void (setPen,
drawLine, setValue, ...) without taking a reference, so each call lowers None's reference
count by one. A process holds a few thousand to a few hundred thousand references to None;
painting a Gantt view makes thousands of such calls per frame, so after a few minutes of
scrolling the count reaches zero and the interpreter aborts ("none_dealloc: deallocating
None"). Python 3.12 made None immortal; on 3.11 we give it a count no session can exhaust.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)
HEADROOM = 1 << 60  # decrements to exhaust: centuries at a billion void calls a second
_protected = False


def void_calls_leak_none() -> bool:
    """Whether calling a void PySide6 method lowers None's reference count (measured)."""
    from PySide6.QtCore import QPointF

    point = QPointF()
    before = sys.getrefcount(None)
    for _ in range(100):
        point.setX(1.0)
    return sys.getrefcount(None) <= before - 50


def protect_none() -> bool:
    """Raise None's reference count by HEADROOM once if void calls leak it; True if done."""
    global _protected
    if _protected or sys.version_info >= (3, 12) or not void_calls_leak_none():
        return _protected
    ctypes.c_ssize_t.from_address(id(None)).value += HEADROOM  # ob_refcnt, PyObject's first field
    _protected = True
    log.info("PySide6 void calls drop references to None; None's count raised to keep it alive")
    return True
