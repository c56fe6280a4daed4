"""The core never loads Qt or ui/: importing every planner module in a fresh process proves it."""

import json
import pkgutil
import subprocess
import sys

import planner

SCRIPT = """
import importlib, json, pkgutil, sys
import planner
names = [m.name for m in pkgutil.walk_packages(planner.__path__, "planner.")]
for name in names:
    importlib.import_module(name)
loaded = sorted(n for n in sys.modules if n.split(".")[0] in ("PySide6", "shiboken6", "ui"))
print(json.dumps({"modules": names, "loaded": loaded}))
"""


def test_importing_every_planner_module_loads_no_qt_and_no_ui():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    expected = {m.name for m in pkgutil.walk_packages(planner.__path__, "planner.")}
    assert set(report["modules"]) == expected and len(expected) > 5
    assert report["loaded"] == []
