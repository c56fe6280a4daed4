"""Qt Linguist translations: pick zh_CN or English from the setting or the system locale."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from planner.resources import resource_path
from ui import settings

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
# Qt's own texts that its bundled qtbase_zh_CN.qm lacks (Qt 6 renamed them): our .qm carries them,
# under Qt's contexts, so the file dialog reads "查找范围" and not "Look in".
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
)
_installed: list[QTranslator] = []
_current = "en"


def current_language() -> str:
    return _current


class FallbackTranslator(QTranslator):
    """Looks in the caller's context, then in the global one.

    pyside6-lupdate files module-level `tr("...")` wrappers under the empty context, while each
    module translates under its own name; the fallback lets both meet without boilerplate.
    """

    def translate(self, context, source_text, disambiguation=None, n=-1):
        found = super().translate(context, source_text, disambiguation, n)
        if not found and context:
            found = super().translate("", source_text, disambiguation, n)
        return found or None  # None (a null QString) lets Qt fall back to the source text


def chosen_language() -> str:
    """The setting when made, else the system locale (Chinese locales get zh_CN)."""
    wanted = settings.language()
    if wanted in LANGUAGES:
        return wanted
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def qm_path(language: str):
    return resource_path("translations", f"planner_{language}.qm")


def install(app: QCoreApplication, language: str | None = None) -> str:
    """Load our .qm and Qt's own (standard buttons) for `language`; return the language used."""
    global _current
    language = language or chosen_language()
    _current = language
    from planner.i18n import set_language as core_language

    core_language(language)  # the core's messages (import problems, errors) in the window's language
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language != "en":
        ours = FallbackTranslator(app)
        if ours.load(str(qm_path(language))):
            app.installTranslator(ours)
            _installed.append(ours)
        qt_own = QTranslator(app)
        if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_own)
            _installed.append(qt_own)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if language == "zh_CN"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return language
