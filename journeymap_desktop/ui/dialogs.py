"""Small dialogs: unsaved changes, errors, overwrite checks, crash recovery."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from journeymap_desktop.storage.recovery import Draft


def _message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                 detail: str, name: str) -> QMessageBox:
    """A message box set up the same way everywhere; `name` lets tests find it."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if detail:
        box.setInformativeText(detail)
    box.setObjectName(name)
    return box


class SaveChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_save_changes(parent: QWidget, name: str) -> SaveChoice:
    box = _message_box(
        parent, QMessageBox.Icon.Warning, "Unsaved changes",
        f"Save the changes to “{name}” before closing?",
        "If you don't save, your changes since the last save will be lost.", "askSaveChanges")
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return SaveChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return SaveChoice.DISCARD
    return SaveChoice.CANCEL


def ask_save_path(parent: QWidget, title: str, suggested: Path, name_filter: str,
                  suffix: str) -> Path | None:
    """A save dialog that adds `suffix` itself, so the overwrite question it asks is about the
    file that will really be written."""
    dialog = QFileDialog(parent, title, str(suggested.parent), name_filter)
    dialog.setObjectName("saveDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix(suffix)
    dialog.selectFile(suggested.name)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    if path.suffix.lower() != f".{suffix}":
        # A name like "plan.v2" gets no default suffix from Qt; add it, asking if that exists.
        path = path.with_name(f"{path.name}.{suffix}")
        if path.exists() and not confirm(parent, "Replace file?",
                                         f"“{path.name}” exists already. Replace it?",
                                         "Replace"):
            return None
    return path


def show_error(parent: QWidget | None, title: str, message: str, detail: str = "") -> None:
    box = _message_box(parent, QMessageBox.Icon.Critical, title, message, "", "errorMessage")
    if detail:
        box.setDetailedText(detail)
    box.exec()


def confirm(parent: QWidget, title: str, message: str, action: str) -> bool:
    box = _message_box(parent, QMessageBox.Icon.Question, title, message, "", "confirm")
    ok = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is ok


class OverwriteChoice(Enum):
    OVERWRITE = "overwrite"
    SAVE_AS = "save_as"
    CANCEL = "cancel"


def ask_overwrite_changed_file(parent: QWidget, name: str) -> OverwriteChoice:
    box = _message_box(
        parent, QMessageBox.Icon.Warning, "File changed on disk",
        f"“{name}” was changed by another program since you opened it.",
        "Overwrite it with your version, or save yours under a new name?", "askOverwrite")
    overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
    save_as = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.exec()
    if box.clickedButton() is overwrite:
        return OverwriteChoice.OVERWRITE
    if box.clickedButton() is save_as:
        return OverwriteChoice.SAVE_AS
    return OverwriteChoice.CANCEL


class RecoveryChoice(Enum):
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


def ask_restore_drafts(parent: QWidget | None, drafts: list[Draft]) -> RecoveryChoice:
    count = len(drafts)
    box = _message_box(
        parent, QMessageBox.Icon.Warning, "Restore unsaved work?",
        "JourneyMap did not close properly last time. "
        + ("Unsaved work was kept for this map:" if count == 1 else
           f"Unsaved work was kept for these {count} maps:"),
        "\n".join(f"• {draft.describe()}" for draft in drafts[:8]), "askRestore")
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Decide Later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is restore:
        return RecoveryChoice.RESTORE
    if box.clickedButton() is discard:
        return RecoveryChoice.DISCARD
    return RecoveryChoice.LATER


@contextmanager
def busy(parent: QWidget | None, message: str) -> Iterator[None]:
    """A 'please wait' note and a busy cursor around work that blocks for a while (opening a
    map of many thousands of cards), so a slow start never looks like a failed one."""
    note = QProgressDialog(message, "", 0, 0, parent)
    note.setObjectName("busyNote")
    note.setWindowTitle("JourneyMap")
    note.setCancelButton(None)
    note.setMinimumDuration(0)
    note.setWindowModality(Qt.WindowModality.ApplicationModal)
    note.show()
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    for _ in range(3):  # let the note paint before the work blocks the event loop
        QApplication.processEvents()
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
        note.close()
        note.deleteLater()
