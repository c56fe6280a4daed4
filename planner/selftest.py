"""`planner --self-test`: check the runtime the app relies on (parsers, SQLite, migrations, resources).

Fails closed: spreadsheet import must not be offered when the XML parser is not hardened.
"""

from __future__ import annotations

import importlib
import sqlite3
import sys
from dataclasses import dataclass

from planner.resources import resource_path

MIN_SQLITE = (3, 31, 0)  # generated columns and the PRAGMAs we set


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    required: bool = True


def _xml_parser() -> Check:
    try:
        import defusedxml  # noqa: F401
        import openpyxl
    except ImportError as exc:
        return Check("defusedxml", False, f"missing: {exc.name}; spreadsheet import is disabled")
    ok = bool(getattr(openpyxl, "DEFUSEDXML", False)) and not bool(getattr(openpyxl, "LXML", False))
    detail = f"openpyxl.DEFUSEDXML={openpyxl.DEFUSEDXML}, lxml path={'on' if openpyxl.LXML else 'off'}"
    return Check("defusedxml", ok, detail)


def _expat() -> Check:
    import pyexpat

    return Check("expat", True, pyexpat.EXPAT_VERSION, required=False)


def _sqlite() -> Check:
    version = sqlite3.sqlite_version_info
    return Check("sqlite", version >= MIN_SQLITE, f"{sqlite3.sqlite_version} (need {'.'.join(map(str, MIN_SQLITE))}+)")


def _zipfile_overlap_fix() -> Check:
    # CVE-2024-0450 (overlapping zip entries) is fixed in 3.11.8 / 3.12.2; the importer's own
    # pre-flight also refuses such archives, so an older runtime is a warning, not a failure.
    fixed = sys.version_info >= (3, 12, 2) or (3, 11, 8) <= sys.version_info < (3, 12)
    return Check("zipfile", fixed, f"Python {sys.version.split()[0]}", required=False)


def _migrations() -> Check:
    from planner import model

    try:
        migrations = importlib.import_module("planner.document.migrations")
    except ImportError as exc:
        return Check("migrations", False, f"not found: {exc}")
    head = getattr(migrations, "HEAD", model.SCHEMA_VERSION)
    return Check("migrations", head == model.SCHEMA_VERSION, f"head {head}, model {model.SCHEMA_VERSION}")


GUIDE_LANGUAGES = ("zh_CN", "en")


def guide_missing() -> list[str]:
    """The user guide's pages and every picture they show (F1 opens them), as resource paths not found."""
    import re

    missing = []
    for language in GUIDE_LANGUAGES:
        page = resource_path("guide", language, "index.html")
        if not page.is_file():
            missing.append(f"guide/{language}/index.html")
            continue
        for src in re.findall(r'<img[^>]*\ssrc="([^"]+)"', page.read_text(encoding="utf-8")):
            if not (page.parent / src).is_file():
                missing.append(f"guide/{language}/{src}")
    return missing


def _resources() -> Check:
    wanted = [f"samples/{name}.plan" for name in ("flagos", "otlp_rust", "okr")] + ["icons/app-256.png"]
    missing = [w for w in wanted if not resource_path(w).exists()]
    missing += guide_missing()
    qm = list(resource_path("translations").glob("*.qm")) if resource_path("translations").exists() else []
    if not qm:
        missing.append("translations/*.qm")
    return Check("resources", not missing, "all present" if not missing else "missing: " + ", ".join(missing))


def run_checks() -> list[Check]:
    return [_xml_parser(), _expat(), _sqlite(), _zipfile_overlap_fix(), _migrations(), _resources()]


def main() -> int:
    checks = run_checks()
    for c in checks:
        mark = "ok  " if c.ok else ("FAIL" if c.required else "warn")
        print(f"{mark} {c.name}: {c.detail}")
    failed = [c for c in checks if c.required and not c.ok]
    print("self-test " + ("passed" if not failed else f"FAILED ({len(failed)})"))
    return 0 if not failed else 1
