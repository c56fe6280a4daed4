"""CJK font fallback shared by every chart, PDF report and the Qt app."""

from __future__ import annotations

import logging
import os
import threading
from functools import lru_cache
from pathlib import Path

from planner.resources import resource_path

BUNDLED_FONT_NAME = "wqy-microhei.ttc"

# Latin text comes from DejaVu (shipped with matplotlib); CJK glyphs fall back per glyph to the
# first family below that is installed. Order: the commonest good Simplified Chinese sans fonts.
LATIN_FAMILY = "DejaVu Sans"
KNOWN_CJK_FAMILIES = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
)

# System font files probed in order (Linux, Windows, macOS). A file is used only if it exists.
SYSTEM_CJK_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
)

# Lets a user (or a test) force a particular font file, e.g. on an unusual distribution.
FONT_ENV_VAR = "ROADMAP_PLANNER_CJK_FONT"

_lock = threading.Lock()


class _NoSyntheticBoldNotice(logging.Filter):
    """CJK fonts ship one weight; matplotlib's notice that bold falls back to regular is noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Failed to find font weight" not in record.getMessage()
_configured_family: str | None = None


def bundled_font_path() -> Path:
    """The font file shipped with the application (under `_MEIPASS` when frozen)."""
    return resource_path("fonts", BUNDLED_FONT_NAME)


def system_font_path() -> Path | None:
    """The first known system CJK font file that exists, or None."""
    for candidate in SYSTEM_CJK_FONT_FILES:
        path = Path(candidate)
        if path.is_file():
            return path
    return None


def cjk_font_path(prefer_system: bool = True) -> Path:
    """A CJK font file to render Chinese with: env override, system font, else the bundled one.

    Raises FileNotFoundError naming every place looked at when no font can be found, which only
    happens in a broken install (the bundled file missing).
    """
    override = os.environ.get(FONT_ENV_VAR)
    if override and Path(override).is_file():
        return Path(override)
    if prefer_system:
        system = system_font_path()
        if system is not None:
            return system
    bundled = bundled_font_path()
    if bundled.is_file():
        return bundled
    looked = [override] if override else []
    looked += list(SYSTEM_CJK_FONT_FILES) if prefer_system else []
    looked.append(str(bundled))
    raise FileNotFoundError("no CJK font found; looked at: " + ", ".join(looked))


@lru_cache(maxsize=8)
def _family_of(path: str) -> str:
    from matplotlib import ft2font
    from matplotlib.font_manager import ttfFontProperty

    return ttfFontProperty(ft2font.FT2Font(path)).name


def cjk_family_name() -> str:
    """Family name of the font `cjk_font_path()` returns (e.g. "WenQuanYi Micro Hei")."""
    return _family_of(str(cjk_font_path()))


def font_family_list() -> list[str]:
    """The rcParams font.family list: DejaVu for Latin, then every installed CJK family.

    Only families matplotlib actually knows are listed: naming an absent family makes matplotlib
    log "findfont: Font family ... not found" on every text draw.
    """
    from matplotlib import font_manager

    known = {entry.name for entry in font_manager.fontManager.ttflist}
    families = [LATIN_FAMILY] if LATIN_FAMILY in known else []
    preferred = _configured_family or cjk_family_name()
    for name in (preferred, *KNOWN_CJK_FAMILIES):
        if name in known and name not in families:
            families.append(name)
    return families


def configure_matplotlib() -> str:
    """Register the CJK font with matplotlib and set the fallback list; returns the CJK family.

    Idempotent and thread-safe: the font file is added once per process; rcParams are re-applied
    on every call (cheap) so a caller that reset rcParams gets the fallback back.
    """
    global _configured_family
    import matplotlib
    from matplotlib import font_manager

    with _lock:
        if _configured_family is None:
            path = cjk_font_path()
            registered = {os.path.realpath(e.fname) for e in font_manager.fontManager.ttflist}
            if os.path.realpath(path) not in registered:
                font_manager.fontManager.addfont(str(path))
            _configured_family = _family_of(str(path))
            logging.getLogger("matplotlib.font_manager").addFilter(_NoSyntheticBoldNotice())
        matplotlib.rcParams["font.family"] = font_family_list()
        # CJK fonts often lack U+2212 MINUS SIGN; a hyphen renders everywhere.
        matplotlib.rcParams["axes.unicode_minus"] = False
        # Type 42 keeps text selectable and searchable in PDFs (Type 3 turns CJK into outlines).
        matplotlib.rcParams["pdf.fonttype"] = 42
        return _configured_family
