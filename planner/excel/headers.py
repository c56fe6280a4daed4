"""Header synonyms (`synonyms.json`) and how a header is compared: folded, units dropped, matched.

A header equal to a synonym is a strong match; one containing a synonym (at least 2 characters
and a third of the header) a weak one: 计划开始时间 is read as 开始时间, not as 时间.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any


# --- the synonym table ---------------------------------------------------------------------
@lru_cache(maxsize=1)
def synonyms() -> dict[str, Any]:
    """The synonym table (`planner/excel/synonyms.json`), read once."""
    return json.loads((Path(__file__).with_name("synonyms.json")).read_text(encoding="utf-8"))


def kind_label(kind: str) -> str:
    """The name of a kind of table in the user's language (任务 / tasks)."""
    from planner.i18n import language

    spec = synonyms()["kinds"].get(kind, {})
    return spec.get("zh" if language() == "zh_CN" else "en", kind)


def field_label(kind: str, name: str) -> str:
    """A field's name in the user's language (负责人 / Owner); RACI letter columns are teams."""
    from planner.i18n import _, language

    if name == "team":
        return _("team")
    spec = synonyms()["kinds"].get(kind, {}).get("fields", {}).get(name)
    return spec.get("zh" if language() == "zh_CN" else "en", name) if spec else name


_FOLD = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "、": ",", "／": "/", "　": " ", "【": "[", "】": "]"})


@lru_cache(maxsize=50_000)
def _fold_str(text: str) -> str:
    return _fold(text)


def fold(text: object) -> str:
    if isinstance(text, str) and len(text) <= 80:
        return _fold_str(text)
    return _fold(text)


def _fold(text: object) -> str:
    """Header text as compared: NFKC, case, spaces, marks of required fields and punctuation folded."""
    s = unicodedata.normalize("NFKC", str(text or "")).translate(_FOLD).lower().strip()
    s = re.sub(r"\((必填|required|选填|optional|可选)\)", "", s)
    s = re.sub(r"[\s\*:_\-\n\r\t'\"]+", "", s)
    return s


def _strip_unit(text: str) -> str:
    """工期(天) -> 工期, duration(days) -> duration, % complete stays."""
    return re.sub(r"\([^()]*\)$|\[[^\[\]]*\]$", "", text) or text


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[tuple[str, str]]], list[tuple[str, str, str]]]:
    exact: dict[str, list[tuple[str, str]]] = {}
    for kind, spec in synonyms()["kinds"].items():
        for name, f in spec["fields"].items():
            for syn in (f["zh"], f["en"], *f["synonyms"]):
                key = fold(syn)
                if key and (kind, name) not in exact.setdefault(key, []):
                    exact[key].append((kind, name))
    # Longer synonyms first, so 计划开始时间 is read as 开始时间, not as 时间.
    contains = sorted(((k, kind, name) for k, pairs in exact.items() for kind, name in pairs if len(k) >= 2),
                      key=lambda t: -len(t[0]))
    return exact, contains


@lru_cache(maxsize=20_000)
def match_header(text: str, kind: str) -> tuple[str, str, str] | None:
    """(field, strength "exact"|"contains", synonym) of a header for a kind of table; None if unknown."""
    exact, contains = _index()
    key = fold(text)
    if not key or len(key) > 40:
        return None
    for probe in (key, _strip_unit(key), key.rstrip("?")):
        for k, name in exact.get(probe, ()):
            if k == kind:
                return name, "exact", probe
    for syn, k, name in contains:
        if k == kind and syn in key and len(syn) * 3 >= len(key):
            return name, "contains", syn
    return None
