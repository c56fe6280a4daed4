"""One language at a time: a Chinese window shows no English words and an English window no Chinese.

Every view of each bundled sample, the import preview of returned workbooks, the collection
dialog, the undo labels of edits, message boxes, Qt's own file and colour dialogs, the dashboard's
charts and the Gantt's tool tips are opened in zh_CN and in en, and every text they show is
collected (widget texts, tool and status tips, headers and cells, menus and actions, the status
bar, chart texts). In zh_CN a run of ASCII letters must be plan data (a value a user typed), an
ID, a unit, a file name or an allow-listed term; in en a run of CJK characters must be plan data.
The CLI's import, validate and schedule are checked the same way in both locales (subprocess).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QApplication, QColorDialog, QComboBox, QFileDialog, QGroupBox,
    QLabel, QLineEdit, QMenu, QMessageBox, QPlainTextEdit, QTabBar, QTextEdit, QWidget,
)

from planner.samples import sample_path
from ui import i18n

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SAMPLES = ("flagos", "okr", "otlp_rust")
VIEWS = ("roadmap", "tasks", "raci", "indicators", "okr", "gantt", "dashboard")
WORKBOOKS = ("returned_stats_wrong_value.xlsx", "tasks_grouped_by_module.xlsx", "english_headers.xlsx",
             "seed_stats.xlsx", "junk_tail.xlsx")

LATIN = re.compile(r"[A-Za-z]+")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Terms both windows use as they are (the list), file types, shortcut keys and units.
TERMS = {
    "RACI", "OKR", "OKRs", "KR", "KRs", "PDF", "Excel", "Gantt", "WBS", "ID", "IDs", "FlagOS", "OTLP", "Rust", "RUST",
    "xlsx", "plan", "csv", "png", "svg", "pdf", "xml", "mpp", "mpx", "json", "ics", "mpp", "MS", "Project", "MSPDI",
    "MPXJ", "iCalendar", "SS", "FS", "FF", "SF", "Ctrl", "Shift", "Alt", "Del", "Esc", "PgUp", "PgDown",
    "Meta", "Home", "End", "Enter", "Return", "Tab", "Backspace", "Ins", "Space", "Up", "Down", "Left", "Right",
    "Roadmap", "Planner", "Qt", "PySide", "GPL", "LGPL", "SQLite", "UTF", "Delete", "Insert", "PNG", "SVG", "XML",
    "ProjectLibre", "GanttProject", "TaskJuggler", "LibreOffice", "Primavera", "English", "CSV", "ICS", "MPP",
    "gan", "xer", "pod", "planner", "ISO", "HTML", "PostgreSQL", "pg_dump", "Python", "JSON", "bytes", "KiB", "MiB", "GiB",
    "d", "w", "h", "m", "wk", "e", "g", "x",  # units (5d, 2w), "e.g." is not used in Chinese
}
ID_RUN = re.compile(r"\b[A-Z]{1,6}(?=[-_]?\d)")  # TP-01, IND-002, KR1, O2, W12, Q1


def plan_strings(path: Path) -> str:
    """Every text value the plan holds (what users typed), one per line."""
    from planner.document import Project
    from planner.dump import dump_project

    project = Project.open(path, read_only=True)
    try:
        return plan_strings_from(project)
    finally:
        project.close()


def workbook_strings(paths) -> str:
    """Cell texts of the workbooks read: the import preview shows them as the user wrote them."""
    from openpyxl import load_workbook

    found = []
    for path in paths:
        for sheet in load_workbook(path, read_only=True, data_only=True).worksheets:
            found.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                found.extend(str(v) for v in row if isinstance(v, str))
    return "\n".join(found)


LANGUAGE_NAMES = {"简体中文", "中文", "English"}  # each language's own name, in the language menus


def foreign_runs(text: str, language: str, data: str) -> list[str]:
    """The runs of the other language's script in `text` that are not plan data, IDs, units or terms."""
    if text.strip() in LANGUAGE_NAMES:
        return []
    if language == "en":
        return [m.group() for m in CJK.finditer(text) if m.group() not in data
                and not (text[m.end():m.end() + 1] == "…" and any(m.group() in line for line in data.splitlines()))]
    stripped = ID_RUN.sub("", text)
    stripped = re.sub(r"[\w.+-]+\.(plan|xlsx|xml|pdf|png|svg|csv|ics|mpp|mpx|json)\b", "", stripped)  # file names
    stripped = re.sub(r"(?<![\w-])--[a-z][a-z-]*", "", stripped)  # command-line options (--period)
    data_words = _words(data)
    out = []
    for m in LATIN.finditer(stripped):
        run = m.group()
        if run in TERMS or run in data_words or len(run) < 2:
            continue
        if stripped[m.end():m.end() + 1] == "…" and any(w.startswith(run) for w in data_words):
            continue  # a value cut short for its cell
        out.append(run)
    return out


_WORDS: dict[int, set[str]] = {}


def _words(data: str) -> set[str]:
    key = hash(data)
    if key not in _WORDS:
        _WORDS[key] = set(LATIN.findall(data))
    return _WORDS[key]


def _the_users_files(where: str) -> bool:
    """A file dialog's folder list, path box and file names: the user's files, not our words."""
    return where.startswith("file-dialog") and any(
        part in where for part in ("lookInCombo", "sidebar", "fileNameEdit", ",0)"))


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        text = re.sub(r"<style.*?</style>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        text = text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return text.replace("&&", "&").replace("&", "")


class Seen:
    """Texts shown, each with where it was seen."""

    def __init__(self):
        self.items: list[tuple[str, str]] = []

    def add(self, where: str, text) -> None:
        if isinstance(text, str) and text.strip():
            self.items.append((where, _plain(text)))

    def actions(self, where: str, actions, depth: int = 0) -> None:
        for action in actions:
            self.add(f"{where}/action", action.text())
            self.add(f"{where}/action-tip", action.toolTip() if action.toolTip() != action.text().replace("&", "") else "")
            self.add(f"{where}/action-status", action.statusTip())
            if action.menu() is not None and depth < 4:
                self.add(f"{where}/menu", action.menu().title())
                self.actions(f"{where}/{action.text()}", action.menu().actions(), depth + 1)

    def model(self, where: str, model, rows: int = 80) -> None:
        if model is None:
            return
        roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        for orientation, count in ((Qt.Orientation.Horizontal, model.columnCount()),
                                   (Qt.Orientation.Vertical, min(model.rowCount(), rows))):
            for section in range(count):
                for role in roles:
                    self.add(f"{where}/header", model.headerData(section, orientation, role))

        def walk(parent: QModelIndex, depth: int) -> None:
            for row in range(min(model.rowCount(parent), rows)):
                for column in range(model.columnCount(parent)):
                    index = model.index(row, column, parent)
                    for role in roles:
                        value = model.data(index, role)
                        if isinstance(value, str):
                            self.add(f"{where}/cell({row},{column})", value)
                first = model.index(row, 0, parent)
                if depth < 3 and first.isValid() and model.rowCount(first) > 0:
                    walk(first, depth + 1)
        walk(QModelIndex(), 0)

    def widget(self, root: QWidget, where: str = "") -> None:
        where = where or root.objectName() or type(root).__name__
        self.add(f"{where}/title", root.windowTitle())
        for w in [root, *root.findChildren(QWidget)]:
            name = f"{where}/{type(w).__name__}:{w.objectName()}"
            self.add(f"{name}/tooltip", w.toolTip())
            self.add(f"{name}/status", w.statusTip())
            self.add(f"{name}/whatsthis", w.whatsThis())
            if isinstance(w, QLabel):
                self.add(name, w.text())
            elif isinstance(w, QAbstractButton):
                self.add(name, w.text())
            elif isinstance(w, QLineEdit):
                self.add(f"{name}/placeholder", w.placeholderText())
            elif isinstance(w, QComboBox):
                for i in range(w.count()):
                    self.add(f"{name}/item", w.itemText(i))
                    self.add(f"{name}/item-tip", w.itemData(i, Qt.ItemDataRole.ToolTipRole))
            elif isinstance(w, QGroupBox):
                self.add(name, w.title())
            elif isinstance(w, QTabBar):
                for i in range(w.count()):
                    self.add(f"{name}/tab", w.tabText(i))
                    self.add(f"{name}/tab-tip", w.tabToolTip(i))
            elif isinstance(w, (QTextEdit, QPlainTextEdit)):
                self.add(name, w.toPlainText())
                self.add(f"{name}/placeholder", w.placeholderText())
            elif isinstance(w, QMenu):
                self.add(name, w.title())
            if isinstance(w, QAbstractItemView):
                self.model(name, w.model())
            if not isinstance(w, QMenu):
                self.actions(name, w.actions())
            else:
                self.actions(name, w.actions())

    def figure(self, where: str, figure) -> None:
        from matplotlib.text import Text

        if figure is None:
            return
        figure.canvas.draw()
        for artist in figure.findobj(Text):
            if artist.get_visible():
                self.add(f"{where}/chart", artist.get_text().replace("$", ""))

    def problems(self, language: str, data: str) -> list[str]:
        """One line per wrong text (where it was first seen), not one per cell showing it."""
        out: dict[str, str] = {}
        for where, text in self.items:
            if text in out or _the_users_files(where):
                continue
            runs = foreign_runs(text, language, data)
            if runs:
                out[text] = f"{where}: {text!r} -> {runs}"
        return sorted(out.values())


def capture_modal(trigger, seen: Seen, where: str):
    """Run `trigger`, which opens a modal box; collect its texts, then dismiss it."""
    def look(attempt: int = 0) -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            if attempt < 200:
                QTimer.singleShot(20, lambda: look(attempt + 1))
            return
        seen.widget(box, where)
        if isinstance(box, QMessageBox):
            seen.add(f"{where}/informative", box.informativeText())
            seen.add(f"{where}/detailed", box.detailedText())
        box.reject()

    QTimer.singleShot(0, look)
    return trigger()


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp):
    i18n.install(qapp, request.param)
    yield request.param
    i18n.install(qapp, "en")


def _window(qtbot, path: Path):
    from ui.controller import DocumentController
    from ui.main_window import MainWindow
    from planner.document import Project

    controller = DocumentController(Project.open(path))
    window = MainWindow(controller)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _close(window) -> None:
    window.controller.undo_stack.setClean()
    window.close()
    window.deleteLater()
    QApplication.processEvents()


def _edits(window) -> None:
    """A few edits of each kind users make, so the undo stack holds their labels."""
    from PySide6.QtGui import QUndoStack  # noqa: F401 - the stack is the controller's

    tasks = window.views.show("tasks")
    model = tasks.model
    if model.rowCount() == 0:
        return
    for key, value in (("progress", "40%"), ("span", None), ("name", None), ("owner", "张工" if i18n.current_language() == "zh_CN" else "Zhang"), ("deps", None)):
        column = next((n for n, c in enumerate(model.columns) if c.key == key), None)
        if column is None:
            continue
        index = model.index(0, column)
        current = model.data(index, Qt.ItemDataRole.EditRole)
        new = value if value is not None else (f"{current} " if isinstance(current, str) else current)
        model.setData(index, new)
    roadmap = window.views.show("roadmap")
    if roadmap.model.rowCount() and roadmap.model.columnCount() > 1:
        index = roadmap.model.index(0, 1)
        roadmap.model.setData(index, roadmap.model.data(index, Qt.ItemDataRole.EditRole))


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_view_speaks_one_language(qtbot, language, sample, tmp_path):
    path = tmp_path / f"{sample}.plan"
    shutil.copy(sample_path(sample), path)
    data = plan_strings(path)
    window = _window(qtbot, path)
    seen = Seen()
    try:
        for key in VIEWS:
            if key not in window.views:
                continue
            view = window.views.show(key)
            qtbot.wait(50)
            seen.widget(view, f"view:{key}")
            if key == "dashboard":  # every chart drawn, then its texts (titles, axes, legends, labels)
                for i in range(view.tabs.count()):
                    view.tabs.setCurrentIndex(i)
                    qtbot.waitUntil(lambda: view.panes[view.current_kind()].figure() is not None, timeout=20000)
                for kind, pane in view.panes.items():
                    seen.figure(f"view:{key}:{kind}", pane.figure())
            if key == "gantt":
                _gantt_tips(view, seen)
        _edits(window)
        stack = window.controller.undo_stack
        for i in range(stack.count()):
            seen.add("undo", stack.text(i))
        seen.add("undo-action", stack.undoText())
        seen.widget(window, "window")
        seen.actions("menubar", window.menuBar().actions())
        seen.add("status", window.statusBar().currentMessage())
        problems = seen.problems(language, data)
        assert problems == [], f"{len(problems)} texts in the wrong language:\n" + "\n".join(problems[:80])
    finally:
        _close(window)


def _gantt_tips(view, seen: Seen) -> None:
    from ui.gantt.tooltip import tooltip_for

    hit_test = getattr(view, "hit", None) or getattr(view, "hit_at", None)
    lay = getattr(view, "layout", None)
    if lay is None or not callable(getattr(lay, "bar", None)):
        return
    for row in range(min(len(getattr(view.data, "rows", [])), 40)):
        try:
            bar = lay.bar(row)
        except Exception:  # noqa: BLE001 - a summary row or an empty one has no bar
            continue
        if bar is None:
            continue
        x, y = bar.x0 + 2, bar.mid_y
        if hit_test is not None:
            seen.add("gantt/tooltip", tooltip_for(view, hit_test(x, y), x, y))


def test_the_import_preview_speaks_one_language(qtbot, language, tmp_path):
    from planner.excel.preview import ImportOptions, read_workbooks
    from planner.document import Project
    from planner.plan import load_plan
    from ui.import_dialog import ImportDialog

    path = tmp_path / "flagos.plan"
    shutil.copy(sample_path("flagos"), path)
    project = Project.open(path)
    try:
        plan = project.read(load_plan)
        books = [[DATA / name] for name in WORKBOOKS if (DATA / name).exists()]
        books.append(_returned_collection(plan, tmp_path))  # the collection summary and changed readings
        data = plan_strings_from(project) + "\n" + workbook_strings([b for group in books for b in group])
        seen = Seen()
        for group in books:
            book = group[0]
            for period in ("", "2025-05"):
                preview = read_workbooks(group, plan, ImportOptions(period=period))
                if preview.collection is not None:
                    for line in preview.collection.lines():
                        seen.add(f"import:{book.name}/collection", line)
                for change in preview.changes:
                    seen.add(f"import:{book.name}/change", change.describe(plan))
                dialog = ImportDialog(preview, lang="zh" if language == "zh_CN" else "en")
                qtbot.addWidget(dialog)
                seen.widget(dialog, f"import:{book.name}:{period}")
                for problem in preview.problems.items:
                    seen.add(f"import:{book.name}/problem", problem.message)
        problems = seen.problems(language, data)
        assert problems == [], f"{len(problems)} texts in the wrong language:\n" + "\n".join(problems[:80])
    finally:
        project.close()


def _returned_collection(plan, folder: Path) -> list[Path]:
    """Two teams' data-collection workbooks for 2025-04, returned filled in (one cell unreadable)."""
    from openpyxl import load_workbook

    from planner.excel.export import export_template

    paths = []
    for team, fills in (("核心技术部", [(7, "17款"), ("待定", 88), (12, 12.7)]), ("生态发展部", [(50, 190), (2, 3)])):
        path = folder / f"{team}.xlsx"
        export_template(plan, "collect", path, team=team, period="2025-04")
        wb = load_workbook(path)
        ws = wb.worksheets[0]
        head = {c.value: i + 1 for i, c in enumerate(ws[1])}
        for r, (month, cumulative) in enumerate(fills, start=2):
            ws.cell(r, head["本月实际值"]).value, ws.cell(r, head["累计实际值"]).value = month, cumulative
        wb.save(path)
        paths.append(path)
    return paths


def plan_strings_from(project) -> str:
    from planner.dump import dump_project

    found = []

    def walk(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
    walk(dump_project(project))
    return "\n".join(found)


def test_dialogs_speak_one_language(qtbot, language, tmp_path):
    from ui.collect_dialog import CollectDialog

    path = tmp_path / "flagos.plan"
    shutil.copy(sample_path("flagos"), path)
    data = plan_strings(path)
    window = _window(qtbot, path)
    seen = Seen()
    try:
        dialog = CollectDialog(window.controller.plan(), window)
        qtbot.addWidget(dialog)
        seen.widget(dialog, "collect")
        capture_modal(window._about, seen, "about")
        for make, where in ((lambda: QFileDialog(window, "", str(tmp_path)), "file-dialog"),
                            (lambda: QColorDialog(window), "colour-dialog")):
            box = make()
            box.setOption(box.Option.DontUseNativeDialog, True) if hasattr(box, "Option") else None
            if isinstance(box, QFileDialog):
                # Only plans are listed, as in the app's own dialogs: Qt may restore the folder an
                # earlier dialog of the run visited, and other files' types come from the system's
                # MIME database (some untranslated upstream, e.g. "TOML document"), not from us.
                box.setNameFilter("*.plan")
                box.setDirectory(str(tmp_path))
            qtbot.addWidget(box)
            box.show()
            if isinstance(box, QFileDialog):
                box.setDirectory(str(tmp_path))  # again: showing the dialog may restore its saved folder
                qtbot.waitUntil(lambda: Path(box.directory().absolutePath()) == tmp_path)
            qtbot.wait(50)
            seen.widget(box, where)
            box.close()
        box = QMessageBox(QMessageBox.Icon.Question, "", "?", QMessageBox.StandardButton.Save
                          | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, window)
        seen.widget(box, "standard-buttons")
        problems = seen.problems(language, data)
        assert problems == [], f"{len(problems)} texts in the wrong language:\n" + "\n".join(problems[:80])
    finally:
        _close(window)


def _cli(language: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PLANNER_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "zh_CN.UTF-8" if language == "zh_CN" else "en_US.UTF-8"
    done = subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True, text=True, env=env,
                          timeout=300, cwd=ROOT)
    return done.stdout + done.stderr


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_command_line_speaks_the_locale_s_language(lang, tmp_path):
    path = tmp_path / "flagos.plan"
    shutil.copy(sample_path("flagos"), path)
    data = plan_strings(path) + "\n" + workbook_strings([DATA / "returned_stats_wrong_value.xlsx"])
    seen = Seen()
    out = _cli(lang, "import", "--into", str(path), str(DATA / "returned_stats_wrong_value.xlsx"))
    for line in out.splitlines():
        seen.add("import", line)
    for command in ("validate", "schedule", "info"):
        for line in _cli(lang, command, str(path)).splitlines():
            seen.add(command, line)
    problems = seen.problems(lang, data)
    assert problems == [], f"{len(problems)} lines in the wrong language:\n" + "\n".join(problems[:80])
    if lang == "zh_CN":
        assert CJK.search(out)


def test_lang_option_overrides_the_locale(tmp_path):
    path = tmp_path / "flagos.plan"
    shutil.copy(sample_path("flagos"), path)
    out = _cli("en", "--lang", "zh_CN", "import", "--into", str(path), str(DATA / "returned_stats_wrong_value.xlsx"))
    assert "不是数字" in out or "统计周期" in out, out
    out = _cli("zh_CN", "--lang", "en", "import", "--into", str(path), str(DATA / "returned_stats_wrong_value.xlsx"))
    assert not CJK.search(out.replace("数据统计模板", "").replace("备注", "")) or "period" in out, out


def _catalogue_entries():
    from babel.messages.pofile import read_po

    po = ROOT / "resources" / "locale" / "zh_CN" / "LC_MESSAGES" / "planner.po"
    with po.open("rb") as fh:
        return list(read_po(fh, locale="zh_CN"))


def test_catalogues_have_no_untranslated_fuzzy_or_unfinished_entries():
    entries = [m for m in _catalogue_entries() if m.id]
    assert [m.id for m in entries if m.fuzzy] == []
    assert [m.id for m in entries if not all(m.string if isinstance(m.string, tuple) else (m.string,))] == []
    ts = (ROOT / "resources" / "translations" / "planner_zh_CN.ts").read_text(encoding="utf-8")
    assert ts.count('type="unfinished"') == 0


def test_the_installers_ship_qt_s_chinese_and_the_core_s_catalogue():
    """build.spec keeps Qt's qtbase_zh_CN (file, colour and print dialogs, standard buttons) and
    packs the compiled .mo, while dropping Qt's other languages and the .po/.ts sources."""
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    drop = re.compile("|".join(re.findall(r'^\s*r"([^"]+)",', spec.split("DROP = [", 1)[1].split("]\n", 1)[0], re.M)))
    assert not drop.search("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert drop.search("PySide6/Qt/translations/qtbase_de.qm")
    assert 'not p.name.endswith((".ts", ".po"))' in spec  # resources/ minus sources: .mo and .qm go in
    assert (ROOT / "resources" / "locale" / "zh_CN" / "LC_MESSAGES" / "planner.mo").is_file()
    assert (ROOT / "resources" / "translations" / "planner_zh_CN.qm").is_file()
