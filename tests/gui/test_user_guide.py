"""F1 and Help > User guide open the bundled guide in the window's language, offline, with every picture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument, QTextImageFormat

from planner.resources import resource_path
from ui import i18n

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
TITLES = {"zh_CN": "路线图规划器用户指南", "en": "Roadmap Planner user guide"}
# The walk through a first plan: each step is a section of the guide, in both languages.
SECTIONS = ("new", "stages", "tasks", "links", "raci", "indicators", "excel", "reports", "print", "samples")


@pytest.fixture
def in_language(qapp):
    def switch(language: str) -> None:
        i18n.install(qapp, language)
    yield switch
    i18n.install(qapp, "en")


def _images(document: QTextDocument) -> list[str]:
    names = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(QTextImageFormat(fmt).name())
            it += 1
        block = block.next()
    return names


def _open_with_f1(qtbot, window):
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = getattr(window, "_guide_dialog", None)
    assert dialog is not None, "F1 opened no guide"
    qtbot.waitUntil(dialog.isVisible)
    return dialog


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_f1_opens_the_guide_in_the_window_language_with_every_image(qtbot, controller, dialogs, in_language,
                                                                    language):
    in_language(language)
    from ui.main_window import MainWindow

    win = MainWindow(controller)  # a window built in that language, as after Settings > Language
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    dialog = _open_with_f1(qtbot, win)
    assert dialog.page == resource_path("guide", language, "index.html")
    source = Path(dialog.browser.source().toLocalFile())
    assert source.resolve() == dialog.page.resolve()
    text = dialog.browser.toPlainText()
    assert TITLES[language] in text
    assert dialog.windowTitle() == TITLES[language]
    if language == "en":
        assert not CJK.search(text), "Chinese in the English guide"
    else:
        assert "New plan" not in text and "Task matrix" not in text

    html = dialog.page.read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a name="([^"]+)"', html))
    assert set(SECTIONS) <= anchors
    assert set(re.findall(r'href="#([^"]+)"', html)) <= anchors, "a contents link points nowhere"

    names = _images(dialog.browser.document())
    assert len(names) >= 10 and len(names) == html.count("<img ")
    for name in names:
        data = dialog.browser.loadResource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        image = data if isinstance(data, QImage) else QImage.fromData(bytes(data or b""))
        assert not image.isNull(), f"broken image {name} in the {language} guide"
        assert image.width() >= 200
        resolved = Path(dialog.browser.source().resolved(QUrl(name)).toLocalFile())
        assert resolved.is_file() and resolved.is_relative_to(dialog.page.parent)
    win.controller.undo_stack.setClean()
    win.close()


def test_help_menu_opens_the_same_guide_once_and_contents_returns(qtbot, window):
    help_menu = window.menuBar().actions()[-1].menu()
    guide = next(a for a in help_menu.actions() if a.shortcut().toString() == "F1")
    guide.trigger()
    dialog = window._guide_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.browser.setSource(QUrl("#raci"))
    qtbot.waitUntil(lambda: dialog.back_button.isEnabled())
    guide.trigger()
    assert window._guide_dialog is dialog  # raised again, not a second copy
    dialog.contents_button.click()
    assert dialog.browser.source().fileName() == "index.html"
    dialog.close()


def test_a_missing_guide_is_said_in_the_window_language(qtbot, window, monkeypatch, tmp_path, in_language):
    in_language("zh_CN")
    import ui.user_guide as user_guide

    monkeypatch.setattr(user_guide, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    dialog = user_guide.GuideDialog(window)
    qtbot.addWidget(dialog)
    assert "重新安装" in dialog.browser.toPlainText()


def test_the_guide_images_are_small_pngs():
    """The onedir budget is tight: each picture is a palette PNG of at most 150 KB, all under 2 MB."""
    images = sorted(resource_path("guide").rglob("*.png"))
    assert images
    total = 0
    for path in images:
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert data[25] == 3, f"{path.name} is not a palette PNG (run scripts/guide_screenshots.py)"
        assert len(data) <= 150 * 1024, path
        total += len(data)
    assert total <= 2 * 1024 * 1024
