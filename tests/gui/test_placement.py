"""Window placement: remembered per plan, out of the way of another instance, read-only said in the title."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QMessageBox

from planner.document import Project
from ui import i18n, placement
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
HOLD_A_SLOT = """
import sys
sys.path.insert(0, {root!r})
import pytest
from PySide6.QtCore import QRect, QSize
from ui.placement import InstanceSlot
slot = InstanceSlot()
slot.acquire()
slot.publish(QRect({x}, {y}, 640, 420))
print(slot.number, flush=True)
if {crash}:
    import os
    os._exit(0)  # killed: its lock file stays behind
sys.stdin.read()
"""


@pytest.fixture(autouse=True)
def small_minimum(monkeypatch):
    """The offscreen screen is 800x800: windows smaller than the real minimum leave room to move."""
    monkeypatch.setattr(placement, "MINIMUM", QSize(400, 300))


def another_instance(x: int, y: int, crash: bool = False) -> subprocess.Popen:
    """A second app process holding an instance slot with its window at (x, y)."""
    code = HOLD_A_SLOT.format(root=str(ROOT), x=x, y=y, crash=crash)
    process = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True, env=dict(os.environ))
    process.stdout.readline()  # its slot is taken and its window published
    if crash:
        process.wait(timeout=30)
    return process


def new_window(qtbot, controller) -> MainWindow:
    window = MainWindow(controller)
    qtbot.addWidget(window)
    return window


def test_each_plan_reopens_where_it_was(window, dialogs, tmp_path, qtbot):
    first = window.controller.project.path
    window.setGeometry(40, 50, 700, 520)
    window.save_layout()
    other = tmp_path / "other.plan"
    Project.create(other, "其他计划", window.controller.plan().programme.start_date).close()
    assert window.documents.open_path(other)  # no place remembered for it: the window stays
    assert window.geometry() == QRect(40, 50, 700, 520)
    window.setGeometry(120, 90, 640, 480)
    assert window.documents.open_path(first)  # back to where the first plan was
    assert window.geometry() == QRect(40, 50, 700, 520)
    assert window.documents.open_path(other)
    assert window.geometry() == QRect(120, 90, 640, 480)


def test_a_window_that_would_open_on_another_instances_moves_down_and_right(qtbot, controller, dialogs):
    placement.save_geometry(_geometry_at(qtbot, controller, 60, 70), controller.project.path)
    holder = another_instance(60, 70)
    try:
        window = new_window(qtbot, controller)
        window.show()
        qtbot.waitExposed(window)
        assert window.geometry().topLeft().toTuple() == (60 + placement.CASCADE, 70 + placement.CASCADE)
    finally:
        holder.communicate("", timeout=30)
    again = new_window(qtbot, controller)  # the other one has quit: its place is free again
    assert again.geometry().topLeft().toTuple() == (60, 70)


def test_a_crashed_instance_does_not_push_windows_aside(qtbot, controller, dialogs):
    placement.save_geometry(_geometry_at(qtbot, controller, 60, 70), controller.project.path)
    another_instance(60, 70, crash=True)
    window = new_window(qtbot, controller)
    assert window.geometry().topLeft().toTuple() == (60, 70)


def test_cascading_stays_on_the_screen():
    area = QRect(0, 0, 800, 600)
    others = [QRect(100, 100, 700, 500)]
    moved = placement.out_of_the_way(QRect(100, 100, 700, 500), others, area)
    assert moved.topLeft() != others[0].topLeft() and area.contains(moved.topLeft())


def test_a_second_instance_says_read_only_in_its_title(qtbot, qapp, controller, dialogs, tmp_path):
    other = tmp_path / "在用.plan"
    holder = Project.create(other, "在用计划", controller.plan().programme.start_date)  # open in "the first instance"
    try:
        i18n.install(qapp, "zh_CN")
        window = new_window(qtbot, controller)
        dialogs.answer = QMessageBox.StandardButton.Open
        assert window.documents.open_path(other)
        assert window.controller.project.read_only
        assert "[只读]" in window.windowTitle() and "在用.plan" in window.windowTitle()
        assert "另存为" in window.read_only_label.text()
    finally:
        i18n.install(qapp, "en")
        holder.close()


def _geometry_at(qtbot, controller, x: int, y: int):
    probe = new_window(qtbot, controller)
    probe.setGeometry(x, y, 640, 420)
    return probe.saveGeometry()
