"""Message boxes use the verbs of their buttons, in English and in Chinese (the real boxes, not stubs)."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from planner.errors import ChangedOnDisk
from ui import i18n
from ui.main_window import MainWindow

CANCEL = {"cancel", "取消", "show details", "显示详情"}  # Qt's own, understood everywhere


def capture(trigger) -> dict:
    """Run `trigger`, which opens a modal box; record its text and buttons, then dismiss it (Esc)."""
    seen: dict = {}

    def look(attempt: int = 0) -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            if attempt < 200:
                QTimer.singleShot(20, lambda: look(attempt + 1))
            return
        seen["text"] = box.text()
        seen["buttons"] = [b.text() for b in box.buttons()]
        box.reject()

    QTimer.singleShot(0, look)
    seen["result"] = trigger()
    return seen


def _label(text: str) -> str:
    return re.sub(r"\(&\w\)|&|…|\.\.\.", "", text).strip()


def unexplained_buttons(seen: dict) -> list[str]:
    """Buttons whose words the text does not use (Cancel and Show Details need no explaining)."""
    text = seen["text"].lower()
    out = []
    for button in seen["buttons"]:
        label = _label(button).lower()
        if label in CANCEL:
            continue
        if re.search(r"[\u4e00-\u9fff]", label):
            if label not in text:
                out.append(button)
        elif not all(word in text for word in label.split()):
            out.append(button)
    return out


@pytest.fixture(params=["en", "zh_CN"])
def window(request, qtbot, qapp, controller):
    i18n.install(qapp, request.param)
    win = MainWindow(controller)  # closed here, not by qtbot (which closes before this teardown runs)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.controller.undo_stack.setClean()  # closing asks nothing
    win.close()
    win.deleteLater()
    i18n.install(qapp, "en")


def test_the_recovery_box_offers_what_its_text_says(window, tmp_path, monkeypatch):
    from planner.document import Project

    entry = SimpleNamespace(unsaved=True, document=tmp_path / "crashed.plan", title="FlagOS",
                            last_edit=dt.datetime(2025, 3, 14, 9, 30))
    monkeypatch.setattr(Project, "recoverable", staticmethod(lambda document=None: [entry]))
    seen = capture(window.documents.offer_recovery)
    assert seen["result"] is False  # dismissed: asked again next time
    expected = {"en": ["Recover", "Discard", "Later"], "zh_CN": ["恢复", "丢弃", "以后再说"]}[i18n.current_language()]
    assert sorted(map(_label, seen["buttons"])) == sorted(expected)
    assert unexplained_buttons(seen) == []


def test_the_unsaved_changes_box_explains_discard(window):
    tasks = window.views.show("tasks")
    progress = next(n for n, c in enumerate(tasks.model.columns) if c.key == "progress")
    assert tasks.model.setData(tasks.model.index(0, progress), "40%")
    seen = capture(window.documents.maybe_save)
    assert len(seen["buttons"]) == 3 and unexplained_buttons(seen) == []


def test_the_changed_on_disk_box_explains_each_button(window):
    exc = ChangedOnDisk("flagos.plan was replaced since it was opened.", where="flagos.plan")
    seen = capture(lambda: window.documents._resolve_changed_on_disk(exc))
    assert len(seen["buttons"]) == 4 and unexplained_buttons(seen) == []  # and Show Details…
    assert "flagos.plan" in seen["text"]


@pytest.mark.parametrize("can_take_over", [False, True])
def test_the_plan_in_use_box_offers_what_its_text_says(window, can_take_over):
    from ui.document_actions import tr  # the text _open_locked shows
    text = (tr("%1 is open in another window or on another computer: %2.\n\n"
               "Open a read-only copy? (Use Save As to keep changes under another name.)")
            .replace("%1", "flagos.plan").replace("%2", "pm@PM-LAPTOP-02"))
    seen = capture(lambda: window.documents.ask_locked_choice(text, can_take_over=can_take_over))
    assert seen["result"] is None and unexplained_buttons(seen) == []
