"""File dialogs start in the open plan's folder, or the folder last used; never the install folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from ui import file_dialogs, interop_actions


def capture(monkeypatch, name, answer=""):
    seen = []
    result = ([answer] if answer else [], "") if name == "getOpenFileNames" else (answer, "")
    monkeypatch.setattr(QFileDialog, name, staticmethod(lambda _p, _t, where, *a, **k: seen.append(where) or result))
    return seen


def test_open_and_export_start_in_the_plans_folder(window, controller, monkeypatch, plan_path):
    opened = capture(monkeypatch, "getOpenFileName")
    window.open_action.trigger()
    assert opened == [str(plan_path.parent)]
    assert file_dialogs.suggested_path(controller, "x.xlsx") == str(plan_path.parent / "x.xlsx")


def test_an_untitled_plan_starts_where_the_last_file_was_chosen(window, dialogs, monkeypatch, tmp_path):
    window.new_action.trigger()
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    chosen = capture(monkeypatch, "getOpenFileName", str(folder / "missing.mpp"))
    interop_actions.ask_and_import(window, window.controller)
    assert chosen[0] != "" and Path(chosen[0]).is_absolute()
    again = capture(monkeypatch, "getOpenFileName")
    window.open_action.trigger()
    assert again == [str(folder)]
