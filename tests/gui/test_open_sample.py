"""File > Open Sample: each bundled sample opens as an untitled, unmodified copy; Save asks for a place
in the user's folders and never writes the installed sample."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.resources import resources_root
from planner.samples import SAMPLES, sample_path
from ui import settings
from ui.plan_properties import apply_properties

NAMES = {"flagos": "FlagOS", "otlp_rust": "OTLP_RUST", "okr": "研发中心 2025 OKR"}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sample_action(window, name: str):
    return next(a for a in window.sample_menu.actions() if a.data() == name)


def test_the_menu_lists_every_bundled_sample(window):
    file_menu = window.menuBar().actions()[0].menu()
    assert window.sample_menu.menuAction() in file_menu.actions()
    assert [a.data() for a in window.sample_menu.actions()] == list(SAMPLES)
    assert [a.text() for a in window.sample_menu.actions()] == ["FlagOS", "OTLP_RUST", "OKR"]
    assert all(a.statusTip() for a in window.sample_menu.actions())


@pytest.fixture
def save_calls(dialogs, monkeypatch):
    """Every Save As dialog's suggested file; answered with `dialogs.save_path`."""
    calls: list[str] = []

    def ask(_parent, _title, suggested="", _filter="", *args, **kwargs):
        calls.append(suggested)
        return dialogs.save_path, ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    return calls


@pytest.mark.parametrize("name", SAMPLES)
def test_open_sample_opens_an_untitled_copy_and_save_goes_to_a_user_folder(window, dialogs, save_calls, tmp_path,
                                                                          name):
    installed = sample_path(name)
    before = _digest(installed)
    _sample_action(window, name).trigger()
    project = window.controller.project
    assert project.path is None and not project.read_only
    assert window.controller.plan().programme.name == NAMES[name]
    assert window.windowTitle().startswith(f"{NAMES[name]} (untitled)[*]")
    assert not window.isWindowModified()
    assert dialogs.shown == []  # the saved plan before it had no changes: nothing asked

    assert apply_properties(window.controller, {"name": NAMES[name] + " 2026"})
    assert window.isWindowModified()
    dialogs.save_path = str(tmp_path / "mine" / f"{name}.plan")
    Path(dialogs.save_path).parent.mkdir()
    assert window.documents.save()
    suggested = Path(save_calls[-1])
    assert not suggested.resolve().is_relative_to(resources_root().resolve()), suggested
    assert Path(dialogs.save_path).is_file()
    assert window.windowTitle().startswith(f"{name}.plan[*]") and not window.isWindowModified()
    assert _digest(installed) == before, "the installed sample was written"


def test_open_sample_asks_before_dropping_unsaved_changes(window, dialogs):
    apply_properties(window.controller, {"name": "Changed"})
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.documents.open_sample("okr")
    assert window.controller.plan().programme.name == "Changed"
    assert dialogs.shown and dialogs.shown[-1][0] == "warning"
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert window.documents.open_sample("okr")
    assert window.controller.plan().programme.name == NAMES["okr"]


def test_save_never_suggests_the_install_folder(window, dialogs, save_calls, tmp_path):
    """Even when the last folder used was the installed samples' (a user opened one with File > Open)."""
    settings.set_last_folder(str(sample_path("flagos").parent))
    window.documents.open_sample("flagos")
    dialogs.save_path = ""
    assert not window.documents.save()
    suggested = Path(save_calls[-1]).parent
    assert suggested == Path.home()


def test_a_missing_sample_is_told_not_raised(window, dialogs, monkeypatch, tmp_path):
    import planner.samples as samples

    monkeypatch.setattr(samples, "sample_path", lambda name: tmp_path / f"{name}.plan")
    assert not window.documents.open_sample("okr")
    assert "okr" in dialogs.shown[-1][1] and "Reinstall" in dialogs.shown[-1][1]
