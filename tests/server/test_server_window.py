"""The window on a plan on a real server: the other user's edit shows within a second, the
portfolio lists the plans, a lost server makes the window read-only and back."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from planner import model as m
from planner.server.project import ServerProject
from planner.services.tasks import update_task

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def window(qtbot, tmp_path_factory, monkeypatch, published):
    home = tmp_path_factory.mktemp("app-home")
    monkeypatch.setenv("PLANNER_DATA_DIR", str(home / "appdata"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "settings"))
    from ui.controller import DocumentController
    from ui.main_window import MainWindow

    controller = DocumentController(ServerProject.open(published()))
    win = MainWindow(controller)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    controller.undo_stack.setClean()


def task_name(win, task_id):
    return next(t.name for t in win.controller.plan().tasks if t.id == task_id)


def test_another_users_edit_shows_in_the_window_within_a_second(qtbot, window, published):
    assert "flagos" in window.windowTitle() and "untitled" not in window.windowTitle()
    assert any(a.text().startswith("Open from") for a in window.server_actions)
    assert any(a.text().startswith("RACI") for a in window.server_actions)
    window.controller.plan()  # the window has read the plan
    with ServerProject.open(published(), listen=False) as other:
        t0 = time.perf_counter()
        other.run(update_task, 7, name="renamed by the other PM")
    qtbot.waitUntil(lambda: task_name(window, 7) == "renamed by the other PM", timeout=1000)
    assert time.perf_counter() - t0 < 1.0


def test_the_window_goes_read_only_while_the_server_is_away(qtbot, window, pg):
    pg.stop()
    try:
        window.controller.try_push  # an edit now fails cleanly and says so
        from planner.server.errors import ServerUnavailable

        with pytest.raises(ServerUnavailable):
            window.controller.project.run(update_task, 8, name="lost")
        qtbot.waitUntil(lambda: "read-only" in window.windowTitle(), timeout=2000)
    finally:
        pg.start()
    qtbot.waitUntil(lambda: "read-only" not in window.windowTitle(), timeout=8000)
    assert task_name(window, 8) != "lost"


def test_portfolio_lists_the_plans_with_status_and_a_milestone_chart(qtbot, pg, published, tmp_path_factory,
                                                                      monkeypatch):
    home = tmp_path_factory.mktemp("app-home")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / "settings"))
    from ui.server.portfolio import PortfolioDialog

    dialog = PortfolioDialog(address=pg.url("plans"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.refresh()
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert published.name in names
    row = names.index(published.name)
    assert dialog.table.item(row, 1).text() == "owner" and int(dialog.table.item(row, 2).text()) > 0
    assert dialog.chart.rows
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "server-portfolio.png"))
    dialog.findChild(type(dialog.table).__mro__[0])
    tabs = dialog.findChildren(__import__("PySide6.QtWidgets", fromlist=["QTabWidget"]).QTabWidget)[0]
    tabs.setCurrentIndex(1)
    dialog.grab().save(str(SHOTS / "server-milestones.png"))
    dialog.table.selectRow(row)
    dialog.accept_selected()
    assert dialog.chosen_url.endswith(f"plan={published.name}")


def test_a_team_member_acknowledges_in_the_window_and_a_refusal_is_shown(qtbot, pg, published):
    from planner.server.project import grant
    from ui.server.raci_ack import RaciAckDialog

    grant(pg.url("plans"), published.name, "carol", "team", team="核心技术部")
    with ServerProject.open(published("carol"), listen=False) as carol:
        heard = []
        dialog = RaciAckDialog(carol, on_change=heard.append)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.mine.isChecked() and dialog.items and all(a.team_id == 1 for a in dialog.items)
        assert "waiting" in dialog.message.text()
        dialog.table.selectRow(0)
        dialog.note.setText("王工 leads it")
        assert dialog.acknowledge_selected() and heard
        assert dialog.table.item(0, 3).text() == "acknowledged" and dialog.table.item(0, 4).text() == "carol"
        assert dialog.table.item(0, 6).text() == "王工 leads it"
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "server-raci-acknowledgements.png"))
        dialog.mine.setChecked(False)  # every team's letters: another team's is refused by the server
        other = next(r for r, a in enumerate(dialog.items) if a.team_id != 1)
        dialog.table.clearSelection()
        dialog.table.selectRow(other)
        assert not dialog.acknowledge_selected()
        assert "own team" in dialog.message.text() and "Traceback" not in dialog.message.text()
        assert dialog.table.item(other, 3).text() == "not acknowledged yet"
        dialog.grab().save(str(SHOTS / "server-raci-acknowledgement-refused.png"))


def test_the_acknowledgements_window_and_its_refusal_read_in_chinese(qtbot, qapp, pg, published):
    import re

    from planner.server.project import grant
    from ui import i18n
    from ui.server.raci_ack import RaciAckDialog

    grant(pg.url("plans"), published.name, "carol", "team", team="核心技术部")
    i18n.install(qapp, "zh_CN")
    try:
        with ServerProject.open(published("carol"), listen=False) as carol:
            dialog = RaciAckDialog(carol)
            qtbot.addWidget(dialog)
            dialog.show()
            headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
            assert headers[0] == "模块或任务" and dialog.ack_button.text() == "确认所选"
            dialog.mine.setChecked(False)
            dialog.table.selectRow(next(r for r, a in enumerate(dialog.items) if a.team_id != 1))
            assert not dialog.acknowledge_selected()
            text = dialog.message.text()
            assert "未保存" in text and "行级安全" in text and published.name in text
            # no English sentence: ASCII words only in names (the login, the plan, table names)
            leftover = set(re.findall(r"[A-Za-z]{3,}", text)) - {"carol", "flagos", "RACI"}
            assert not leftover, leftover
            assert dialog.table.item(0, 0).text().startswith(("模块", "任务"))
            dialog.grab().save(str(SHOTS / "server-raci-acknowledgements-zh.png"))
    finally:
        i18n.install(qapp, "en")
