"""Other planners' files (GNOME Planner, GanttProject, binary .mpp) open through MPXJ."""

from __future__ import annotations

import subprocess
import sys

from planner import model as m
from planner.interop.formats import read_preview
from tests.unit.interop.conftest import DATA, ROOT, shared_interop


def _tasks(preview):
    return [r.values for r in preview.records.of(m.Task).values()]


def test_the_gnome_planner_sample_opens():
    preview = read_preview([shared_interop() / "planner-sample.planner"], None)
    assert preview.ok
    assert [t["name"] for t in _tasks(preview)] == ["Task One", "Task Two"]


def test_a_gnome_planner_project_keeps_its_outline_and_links():
    preview = read_preview([DATA / "project1.planner"], None)
    assert preview.ok
    tasks = _tasks(preview)
    assert len(tasks) == 30 and any(t["parent_id"] for t in tasks)
    assert preview.records.of(m.Dependency)


def test_the_ganttproject_house_building_sample_opens():
    preview = read_preview([DATA / "HouseBuildingSample.gan"], None)
    assert preview.ok
    tasks = {" ".join(t["name"].split()): t for t in _tasks(preview)}  # GanttProject writes no-break spaces
    assert tasks["Foundation building"]["parent_id"] == (tasks["Construction phase"]["code"],)
    assert tasks["Bring your family here"]["is_milestone"]
    roles = {r.values["name"] for r in preview.records.of(m.Role).values()}
    assert {"John Black", "Tom White"} <= roles
    # MPXJ 16 reads only the links GanttProject 3 stores on top-level tasks (3 of the sample's 17): we keep what it gives
    links = {(d.values["predecessor_id"][0], d.values["successor_id"][0]) for d in preview.records.of(m.Dependency).values()}
    release = next(t for name, t in tasks.items() if name.startswith("GanttProject"))
    assert (release["code"], tasks["Architectural design"]["code"]) in links


def test_a_binary_mpp_reads_like_its_xml_twin():
    mpp = read_preview([DATA / "sample.mpp"], None)
    assert mpp.ok
    names = [t["name"] for t in _tasks(mpp)]
    assert names[:3] == ["First Task", "Second Task", "Third task"]
    assert len(mpp.records.of(m.Dependency)) >= 6


def test_without_mpxj_the_user_is_told_what_to_install():
    code = ("import sys; sys.modules['jpype'] = None\n"
            "from planner.interop.formats import read_preview\n"
            "from planner.errors import ImportRejected\n"
            "try:\n    read_preview([sys.argv[1]], None)\nexcept ImportRejected as e:\n    print(e.key); print(e)\n")
    out = subprocess.run([sys.executable, "-c", code, str(DATA / "caltest.mpp")], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    key, message = out.stdout.splitlines()[0], out.stdout
    assert key == "mpxj_missing"
    assert "pip install mpxj jpype1" in message and "default-jre-headless" in message and "XML" in message
