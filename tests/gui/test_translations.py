"""Every UI string has a Chinese translation, and the committed .qm matches its .ts source."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "planner_zh_CN.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent
SOURCES = sorted(p for p in (ROOT / "ui").rglob("*.py") if "__pycache__" not in p.parts)


def _tool(name: str) -> str:
    path = shutil.which(f"pyside6-{name}", path=str(BIN)) or shutil.which(f"pyside6-{name}")
    if path is None:
        pytest.skip(f"pyside6-{name} not installed")
    return path


def test_every_ui_string_is_translated(tmp_path):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    subprocess.run([_tool("lupdate"), "-no-obsolete", "-locations", "none", *map(str, SOURCES), "-ts", str(copy)],
                   check=True, capture_output=True)
    untranslated = [m.findtext("source") for m in ET.parse(copy).getroot().iter("message")
                    if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")]
    assert untranslated == [], "run scripts/update_translations.sh and translate: " + repr(untranslated[:10])


def test_committed_qm_is_built_from_the_ts(tmp_path):
    built = tmp_path / QM.name
    subprocess.run([_tool("lrelease"), "-silent", str(TS), "-qm", str(built)], check=True)
    assert built.read_bytes() == QM.read_bytes(), "run scripts/update_translations.sh --release"


def test_the_shipped_ts_is_complete_and_keeps_every_placeholder():
    """Every context (main window, views, Gantt, dashboard, reports, Excel): nothing unfinished,
    and each %1, %2 ... of the English text is in the Chinese one (a lost one shows raw values)."""
    problems = []
    for context in ET.parse(TS).getroot().iter("context"):
        for message in context.iter("message"):
            source, translation = message.findtext("source"), message.find("translation")
            if translation.get("type") in ("unfinished", "vanished", "obsolete") or not (translation.text or "").strip():
                problems.append((context.findtext("name"), source, "untranslated"))
            elif sorted(re.findall(r"%\d", source)) != sorted(re.findall(r"%\d", translation.text)):
                problems.append((context.findtext("name"), source, translation.text))
    assert problems == []


def _runtime_lookups():
    """(context, text) as the code asks Qt at run time: module `tr()` wrappers, explicit
    QCoreApplication.translate and QT_TRANSLATE_NOOP, with literal texts."""
    found = set()
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        wrapper = None
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name == "tr":
                calls = [c for c in ast.walk(node) if isinstance(c, ast.Call) and c.args
                         and isinstance(c.args[0], ast.Constant)]
                wrapper = calls[0].args[0].value if calls else None
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
            literals = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name == "tr" and isinstance(call.func, ast.Name) and wrapper is not None and len(literals) == 1:
                found.add((path.name, wrapper, literals[0]))
            elif name in ("translate", "QT_TRANSLATE_NOOP") and len(literals) == 2:
                found.add((path.name, literals[0], literals[1]))
    return sorted(found)


def test_every_string_the_code_asks_for_is_found_in_its_context_at_run_time():
    """lupdate files module-level tr() wrappers under the empty context; the app's translator must
    still find each text under the context the code passes (Gantt, Dashboard, Reports, ...)."""
    from ui.i18n import FallbackTranslator

    translator = FallbackTranslator()
    assert translator.load(str(QM))
    lookups = _runtime_lookups()
    contexts = {context for _file, context, _text in lookups}
    assert {"MainWindow", "Gantt", "Dashboard", "Reports", "Excel", "TaskMatrix", "Messages"} <= contexts
    missing = [(f, c, t) for f, c, t in lookups if not translator.translate(c, t)]
    assert missing == []
    assert translator.translate("BaselineBox", "Baseline: %1 (%2)") == "基线：%1（%2）"
