"""Help > User guide (F1): the bundled guide, in the window's language, read offline in a QTextBrowser.

The guide is plain HTML with PNG screenshots under `resources/guide/<language>/` (index.html and
images/), shipped in the package like every other resource (see planner/resources.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from planner.resources import resource_path
from ui import i18n

GUIDE_LANGUAGES = ("zh_CN", "en")


def tr(text: str) -> str:
    return QCoreApplication.translate("UserGuide", text)


def guide_page(language: str | None = None) -> Path:
    """The guide's first page in `language` (the window's by default); English when there is none."""
    language = language or i18n.current_language()
    if language not in GUIDE_LANGUAGES:
        language = "zh_CN" if language.startswith("zh") else "en"
    return resource_path("guide", language, "index.html")


class GuideDialog(QDialog):
    """The guide with Back, Contents and Close; links inside the guide stay in it, web links open a browser."""

    def __init__(self, parent: QWidget | None = None, language: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Roadmap Planner user guide"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.page = guide_page(language)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._anchor_clicked)
        self.browser.setSearchPaths([str(self.page.parent)])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.back_button = QPushButton(tr("Back"), self)
        self.back_button.setEnabled(False)
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.contents_button = QPushButton(tr("Contents"), self)
        self.contents_button.clicked.connect(self.show_contents)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.contents_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(980, 760)
        if self.page.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(self.page)))
        else:  # a damaged installation: say where the guide should be, in the window's language
            self.browser.setPlainText(tr("The user guide is missing from this installation (expected at %1). "
                                         "Reinstall Roadmap Planner to restore it.").replace("%1", str(self.page)))

    def show_contents(self) -> None:
        self.browser.setSource(QUrl.fromLocalFile(str(self.page)))
        self.browser.scrollToAnchor("contents")

    def _anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            self.browser.setSource(self.browser.source())  # stay on the page; the link opens outside
            QDesktopServices.openUrl(url)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Back):
            self.browser.backward()
            return
        super().keyPressEvent(event)


def show_guide(window: QWidget) -> GuideDialog:
    """Show the window's guide (one per window, raised when already open)."""
    dialog = getattr(window, "_guide_dialog", None)
    if dialog is None or dialog.page != guide_page():
        dialog = GuideDialog(window)
        window._guide_dialog = dialog
    if dialog.isVisible() and QGuiApplication.platformName() != "offscreen":  # offscreen cannot raise
        dialog.raise_()
    dialog.show()
    dialog.activateWindow()
    return dialog
