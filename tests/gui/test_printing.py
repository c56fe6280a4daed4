"""Every view prints through one path: page count, page header, page numbers and Chinese text in the PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from planner.document import Project
from planner.resources import resource_path
from ui.controller import DocumentController
from ui.printing import actions
from ui.printing.page import PrintOptions, header_of, write_pdf

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


def pdf_pages(path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.fixture
def sample_window(qtbot, tmp_path, dialogs):
    """A main window on a copy of a bundled sample plan."""
    from ui.main_window import MainWindow

    controllers = []

    def open_sample(name: str):
        copy = tmp_path / name
        shutil.copy(resource_path("samples", name), copy)
        ctl = DocumentController(Project.open(copy))
        controllers.append(ctl)
        win = MainWindow(ctl)
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        return win

    yield open_sample
    for ctl in controllers:
        if ctl.project is not None:
            ctl.project.close()


@pytest.fixture
def flagos_window(sample_window):
    return sample_window("flagos.plan")


def print_view(window, key, path):
    window.views.show(key)
    source = actions.source_for(window)
    assert source is not None
    return write_pdf(path, source, header_of(window.controller.plan(), source.title), PrintOptions(pages_wide=1))


VIEWS = {  # view -> (sample plan, text that must be on its first page)
    "roadmap": ("flagos.plan", "基础建设期"),
    "tasks": ("flagos.plan", "TP-01"),
    "raci": ("flagos.plan", "R"),
    "indicators": ("flagos.plan", "适配"),
    "okr": ("okr.plan", "O1"),
    "gantt": ("flagos.plan", "基础建设期"),
    "dashboard": ("flagos.plan", "FlagOS"),
    "headcount": ("flagos.plan", "适配工程师"),
}


@pytest.mark.parametrize("key", list(VIEWS))
def test_each_view_prints_with_a_header_and_numbered_pages(sample_window, tmp_path, key):
    sample, expected = VIEWS[key]
    flagos_window = sample_window(sample)
    plan = flagos_window.controller.plan()
    pdf = tmp_path / f"{key}.pdf"
    count = print_view(flagos_window, key, pdf)
    pages = pdf_pages(pdf)
    assert len(pages) == count >= 1
    title = flagos_window.tabs.tabText(flagos_window.tabs.currentIndex())
    for number, text in enumerate(pages, 1):
        assert plan.programme.name in text and title in text  # the page header on every page
        assert f"Page {number} of {count}" in text
        if plan.programme.status_date:
            assert plan.programme.status_date.isoformat() in text
    if key != "dashboard":  # a chart page is an image under its header; in an English window no CJK is text
        assert any("\u4e00" <= ch <= "\u9fff" for ch in pages[0])  # CJK is real text in the PDF
    assert expected in pages[0]


def test_fit_to_one_page_wide_repeats_names_and_header_rows(flagos_window, tmp_path):
    view = flagos_window.views.show("tasks")
    source = actions.source_for(flagos_window)
    plan = flagos_window.controller.plan()
    natural = write_pdf(tmp_path / "natural.pdf", source, header_of(plan, source.title), PrintOptions(pages_wide=0))
    source = actions.source_for(flagos_window)
    fitted = write_pdf(tmp_path / "fitted.pdf", source, header_of(plan, source.title), PrintOptions(pages_wide=1))
    assert fitted < natural  # the natural width needs more than one page across
    pages = pdf_pages(tmp_path / "natural.pdf")
    code_title = view.model.columns[next(n for n, c in enumerate(view.model.columns) if c.key == "code")].title()
    for text in pages:
        assert code_title in text  # the header row and the ID column on every page
        assert "TP-" in text


def test_task_matrix_prints_its_current_filter_only(flagos_window, tmp_path):
    view = flagos_window.views.show("tasks")
    plan = flagos_window.controller.plan()
    everyone = {t.code for t in plan.tasks}
    view.search.setText("TP-01")
    shown = {t.code for t in view.model.visible_rows()}
    assert shown and shown < everyone
    print_view(flagos_window, "tasks", tmp_path / "filtered.pdf")
    text = "".join(pdf_pages(tmp_path / "filtered.pdf"))
    hidden = sorted(everyone - shown)
    assert all(code in text for code in shown)
    assert not any(f" {code} " in f" {text} " for code in hidden[:5])


def test_preview_dialog_offers_fit_to_pages_wide(flagos_window, qtbot):
    flagos_window.views.show("raci")
    source = actions.source_for(flagos_window)
    dialog = actions.preview(flagos_window, source, flagos_window.controller.plan(), exec_dialog=False)
    qtbot.addWidget(dialog)
    assert dialog.pages_wide.value() == 1
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.pages_wide.setValue(2)
    dialog.close()
    assert "RACI" in dialog.windowTitle()


def test_file_menu_acts_on_the_current_view(flagos_window, dialogs, tmp_path):
    flagos_window.views.show("indicators")
    dialogs.save_path = str(tmp_path / "from-menu.pdf")
    export = next(a for a in flagos_window.print_actions if a.objectName() == "export_pdf")
    export.trigger()
    text = "".join(pdf_pages(tmp_path / "from-menu.pdf"))
    assert flagos_window.tabs.tabText(flagos_window.tabs.currentIndex()) in text
