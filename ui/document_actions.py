"""New, Open, Save, Save As, Close, recent files, autosave and crash recovery for the window."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from planner.document import Project
from planner.plan import load_plan
from planner.errors import ChangedOnDisk, FileDamaged, FileLocked, PlannerError
from ui import file_dialogs, settings
from ui.messages import user_message

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("Document", text)


def owner_text(owner) -> str:
    """Who holds a lock, from the FileLocked owner (a dict or an object with describe())."""
    if hasattr(owner, "describe"):
        return owner.describe()
    if isinstance(owner, dict) and owner:
        parts = [str(owner.get(k)) for k in ("user", "host") if owner.get(k)]
        text = "@".join(parts)
        if owner.get("pid"):
            text += f" (pid {owner['pid']})"
        since = owner.get("since") or owner.get("time")
        if since:
            text += ", " + tr("since %1").replace("%1", _local_time(since))
        return text
    return tr("another instance")


def _local_time(stamp) -> str:
    """A lock's ISO time stamp ("2025-03-14T01:30:11+00:00") as local "2025-03-14 09:30"."""
    try:
        moment = dt.datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def _same_host(host: str) -> bool:
    import socket

    return host == socket.gethostname()


class DocumentManager(QObject):
    """Owns the document lifecycle; the window asks it before closing."""

    title_changed = Signal()
    recent_changed = Signal()

    def __init__(self, window: QWidget, controller):
        super().__init__(window)
        self.window, self.controller = window, controller
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(settings.autosave_seconds() * 1000)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        # A bound slot, not a lambda: Qt drops the connection when this object is deleted.
        controller.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)
        controller.document_replaced.connect(self.title_changed.emit)

    def _on_undo_stack_clean_changed(self, _clean: bool) -> None:
        self.title_changed.emit()

    # --- state -----------------------------------------------------------------------
    @property
    def project(self) -> Project | None:
        return self.controller.project

    def is_modified(self) -> bool:
        return self.project is not None and not self.controller.undo_stack.isClean()

    def display_name(self) -> str:
        if self.project is None:
            return ""
        if getattr(self.project, "is_server", False):  # a plan on a server: its name and where
            return f"{self.project.title} — {self.project.url.text.split('?')[0]}"
        if self.project.path is None:
            title = getattr(self.project, "title", "")
            return tr("%1 (untitled)").replace("%1", title) if title else tr("Untitled")
        return self.project.path.name

    # --- commands --------------------------------------------------------------------
    def new_plan(self) -> bool:
        if not self.maybe_save():
            return False
        return self._start_untitled()

    def new_plan_with_properties(self) -> bool:
        """File > New: an empty plan, then its properties (name, start, status date...) asked at once."""
        if not self.new_plan():
            return False
        from ui.plan_properties import edit_properties
        edit_properties(self.window, self.controller, new_plan=True)  # cancelled: the defaults stay
        return True

    def _start_untitled(self) -> bool:
        """A new untitled plan; a full or unwritable app-data folder is told, not raised."""
        try:
            self.controller.set_project(Project.new(tr("New plan"), dt.date.today()))
        except PlannerError as exc:
            self.show_error(user_message(exc))
            return False
        return True

    def open_dialog(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(self.window, tr("Open plan"), self._folder(), tr("Roadmap plans (*.plan)"))
        file_dialogs.remember(path)
        return bool(path) and self.open_path(path)

    def open_path(self, path: str | Path, *, ask_save: bool = True) -> bool:
        """Open a plan; a plan locked by another instance can be opened read-only."""
        path = Path(path)
        if ask_save and not self.maybe_save():
            return False
        if self._offer_recovery_of(path):
            return True
        try:
            project = Project.open(path)
        except FileLocked as exc:
            project = self._open_locked(path, exc)
        except FileNotFoundError:
            settings.remove_recent(str(path))
            self.recent_changed.emit()
            self.show_error(tr("The file %1 no longer exists.").replace("%1", str(path)))
            return False
        except FileDamaged as exc:
            return self._offer_backup(path, exc)
        except PlannerError as exc:
            self.show_error(user_message(exc))
            return False
        if project is None:
            return False
        self.controller.set_project(project)
        settings.add_recent(path)
        self.recent_changed.emit()
        self._show_banner(project)
        return True

    def _offer_backup(self, path: Path, exc: FileDamaged) -> bool:
        """A damaged plan is never touched; its newest saved copy can be opened as a new plan."""
        backups = list(getattr(exc, "backups", None) or Project.backups(path))
        if not backups:
            self.show_error(user_message(exc))
            return False
        newest = backups[0]
        stamp = dt.datetime.fromtimestamp(newest.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(
            self.window, tr("Plan damaged"),
            tr("%1\n\nA copy saved on %2 is available. Open it as a new plan? "
               "The damaged file is left as it is.").replace("%1", user_message(exc)).replace("%2", stamp),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Open)
        return answer == QMessageBox.StandardButton.Open and self.open_untitled_copy(newest)

    def _show_banner(self, project: Project) -> None:
        """Say why a plan is read-only, or that it lives in a synced or network folder."""
        if getattr(project, "read_only_reason", "") == "folder":
            text = tr("Read-only: the folder of this plan cannot be written. Use Save As to keep changes.")
        else:
            text = getattr(project, "location_warning", "") or ""
        status = getattr(self.window, "statusBar", None)
        if text and status is not None:
            status().showMessage(text)

    def _open_locked(self, path: Path, exc: FileLocked) -> Project | None:
        """Another instance holds the plan: open read-only, or take over a lock left by
        another computer (never automatically: that computer may still be editing)."""
        owner = exc.owner or {}
        if owner.get("damaged"):  # an empty or garbage lock: nobody can be named, so offer to take it over
            text = (tr("%1 has a lock file that cannot be read (empty or damaged). If no one else has the plan "
                       "open, take it over; or open a read-only copy.").replace("%1", path.name))
        else:
            text = (tr("%1 is open in another window or on another computer: %2.\n\n"
                       "Open a read-only copy? (Use Save As to keep changes under another name.)")
                    .replace("%1", path.name).replace("%2", owner_text(owner)))
        can_take_over = bool(owner.get("damaged")) or (bool(owner.get("host")) and not _same_host(owner["host"]))
        choice = self.ask_locked_choice(text, can_take_over=can_take_over)
        try:
            if choice == "take_over":
                return Project.open(path, take_over=True)
            if choice == "read_only":
                return Project.open(path, read_only=True)
        except PlannerError as again:
            self.show_error(user_message(again))
        return None

    def ask_locked_choice(self, text: str, *, can_take_over: bool) -> str | None:
        """'read_only', 'take_over' or None (cancel)."""
        if not can_take_over:
            answer = QMessageBox.question(self.window, tr("Plan in use"), text,
                                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
                                          QMessageBox.StandardButton.Cancel)
            return "read_only" if answer == QMessageBox.StandardButton.Open else None
        box = QMessageBox(QMessageBox.Icon.Question, tr("Plan in use"),
                          text + "\n\n" + tr("Take over only if that computer no longer has it open."),
                          parent=self.window)
        read_only = box.addButton(tr("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
        take_over = box.addButton(tr("Take over"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(read_only)
        box.exec()
        return {read_only: "read_only", take_over: "take_over"}.get(box.clickedButton())

    def open_untitled_copy(self, source: Path) -> bool:
        """Open a bundled sample as an untitled plan, so the sample itself is never overwritten."""
        try:
            project = Project.open(source, read_only=True)
        except PlannerError as exc:
            self.show_error(user_message(exc))
            return False
        # Detach the copy from the source file: Save asks for a new name, recovery names no file.
        project.detach(project.read(load_plan).programme.name)
        self.controller.set_project(project)
        return True

    def open_sample(self, name: str) -> bool:
        """File > Open Sample: a bundled sample as an untitled copy; the installed file is never written."""
        from planner.samples import sample_path

        if not self.maybe_save():
            return False
        try:
            source = sample_path(name)
        except KeyError:
            source = None
        if source is None or not source.is_file():
            self.show_error(tr("The sample plan %1 is missing from this installation. Reinstall Roadmap Planner "
                               "to restore it.").replace("%1", name))
            return False
        return self.open_untitled_copy(source)

    def save(self) -> bool:
        if self.project is None:
            return False
        focused = QApplication.focusWidget()
        if focused is not None:  # an open cell editor or the roadmap's side panel puts its text in first
            focused.clearFocus()
        if self.project.path is None or self.project.read_only:
            return self.save_as()
        try:
            return self._do_save(lambda: self.project.save())
        except ChangedOnDisk as exc:
            return self._resolve_changed_on_disk(exc)

    def _resolve_changed_on_disk(self, exc: ChangedOnDisk) -> bool:
        name = self.project.path.name if self.project.path else ""
        text = tr("%1 was changed on disk since it was opened.\n\nSave As… keeps your changes in a new file; "
                  "Overwrite replaces the file on disk with this plan; Cancel leaves both as they are.").replace("%1", name)
        box = QMessageBox(QMessageBox.Icon.Warning, tr("File changed on disk"), text,
                          QMessageBox.StandardButton.Cancel, self.window)
        box.setDetailedText(user_message(exc))
        save_as = box.addButton(tr("Save As…"), QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton(tr("Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
        box.exec()
        if box.clickedButton() is save_as:
            return self.save_as()
        if box.clickedButton() is overwrite:
            return self._do_save(lambda: self.project.save(overwrite=True))
        return False

    def save_as(self) -> bool:
        if self.project is None:
            return False
        suggested = str(Path(self._folder()) / (self.project.path.name if self.project.path else tr("plan") + ".plan"))
        path, _ = QFileDialog.getSaveFileName(self.window, tr("Save plan as"), suggested, tr("Roadmap plans (*.plan)"))
        file_dialogs.remember(path)
        if not path:
            return False
        ok = self._do_save(lambda: self.project.save_as(Path(path)))
        if ok:
            settings.add_recent(self.project.path)
            self.recent_changed.emit()
        return ok

    def _do_save(self, action) -> bool:
        try:
            action()
        except ChangedOnDisk:
            raise
        except PlannerError as exc:
            self.show_error(user_message(exc))
            return False
        self.controller.undo_stack.setClean()
        self.title_changed.emit()
        return True

    def maybe_save(self) -> bool:
        """Ask to save unsaved changes; False when the user cancels."""
        if not self.is_modified():
            return True
        answer = QMessageBox.warning(
            self.window, tr("Unsaved changes"),
            tr("Save the changes to %1 before closing? Discard closes it without them.").replace("%1", self.display_name()),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def close_document(self) -> bool:
        """Close the plan (after asking) and start an empty untitled one."""
        if not self.maybe_save():
            return False
        if not self._start_untitled():
            return False
        self.controller.undo_stack.setClean()
        return True

    def shutdown(self) -> None:
        """At exit: the work copy is dropped, so no recovery is offered next time."""
        self.autosave_timer.stop()
        self.controller.release()

    # --- autosave and recovery ---------------------------------------------------------
    def autosave(self) -> None:
        """Keep the recovery copy current while there are unsaved edits."""
        if not self.is_modified():
            return
        try:
            self.project.autosave()
        except (PlannerError, OSError) as exc:  # a failed autosave must never interrupt editing
            log.warning("autosave failed: %s", exc)

    def _offer_recovery_of(self, path: Path) -> bool:
        """Opening a plan whose last session crashed with unsaved edits offers those edits first."""
        recovered = self.offer_recovery(path)
        if recovered:
            settings.add_recent(path)
            self.recent_changed.emit()
        return recovered

    def offer_recovery(self, document: Path | None = None) -> bool:
        """After a crash, offer to reopen the unsaved work left behind; True if recovered."""
        try:
            entries = Project.recoverable(document)
        except (PlannerError, OSError) as exc:
            log.warning("recovery scan failed: %s", exc)
            return False
        for entry in entries:
            if not entry.unsaved:  # the saved file already holds everything
                Project.discard(entry)
                continue
            name = str(entry.document) if entry.document else (entry.title or tr("an untitled plan"))
            answer = self.ask_recovery(
                tr("Roadmap Planner closed unexpectedly while %1 had unsaved changes (last edit %2).\n\n"
                   "Recover them? Discard deletes them for good; Later asks again next time.")
                .replace("%1", name).replace("%2", entry.last_edit.strftime("%Y-%m-%d %H:%M")))
            try:
                if answer == "recover":
                    self.controller.set_project(Project.recover(entry))
                    self.controller.undo_stack.resetClean()  # recovered edits are not saved yet
                    return True
                if answer == "discard":
                    Project.discard(entry)
            except PlannerError as exc:
                self.show_error(user_message(exc))
        return False

    def ask_recovery(self, text: str) -> str:
        """'recover', 'discard' or 'later'; the buttons carry the verbs the text uses."""
        box = QMessageBox(QMessageBox.Icon.Question, tr("Recover unsaved work"), text, parent=self.window)
        recover = box.addButton(tr("Recover"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton(tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(recover)
        box.setEscapeButton(later)
        box.exec()
        return {recover: "recover", discard: "discard"}.get(box.clickedButton(), "later")

    # --- helpers -----------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        QMessageBox.warning(self.window, tr("Roadmap Planner"), message)

    def _folder(self) -> str:
        return file_dialogs.start_folder(self.controller)
