"""Small dialogs: unsaved changes, errors, overwrite checks, crash recovery.

Every message box comes from `_message_box`, which shows its text as plain text (never
markup) and as bounded lines with control and bidi characters escaped: names in these
messages come from files, drafts and other people's maps.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from journeymap_desktop.safe_text import file_name, one_line
from journeymap_desktop.storage.recovery import DamagedDraftFile, Draft
from journeymap_desktop.ui.plain_text import PLAIN, window_title

MAX_DETAIL_LINES = 60


def bounded_lines(text: str, limit: int = MAX_DETAIL_LINES) -> str:
    """Several lines of a message, each one escaped and bounded, at most `limit` of them."""
    lines = text.split("\n")
    shown = [one_line(line) for line in lines[:limit]]
    if len(lines) > limit:
        shown.append(f"… and {len(lines) - limit} more")
    return "\n".join(shown)


def _message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                 detail: str, name: str) -> QMessageBox:
    """A message box set up the same way everywhere; `name` lets tests find it. Its text is
    plain text, one bounded line; the detail bounded lines."""
    box = QMessageBox(parent)
    box.setTextFormat(PLAIN)  # before any text: covers the text and the informative text
    box.setIcon(icon)
    box.setWindowTitle(window_title(title))
    box.setText(one_line(text))
    if detail:
        box.setInformativeText(bounded_lines(detail))
    box.setObjectName(name)
    return box


def quoted_name(name: object) -> str:
    """A file's name in a message: “name”, escaped, cut in the middle when long."""
    return f"“{file_name(name)}”"


class SaveChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_save_changes(parent: QWidget, name: str) -> SaveChoice:
    box = _message_box(
        parent, QMessageBox.Icon.Warning, "Unsaved changes",
        f"Save the changes to {quoted_name(name)} before closing?",
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
                                         f"{quoted_name(path)} exists already. Replace it?",
                                         "Replace"):
            return None
    return path


def show_error(parent: QWidget | None, title: str, message: str, detail: str = "") -> None:
    box = _message_box(parent, QMessageBox.Icon.Critical, title, message, "", "errorMessage")
    if detail:
        box.setDetailedText(bounded_lines(detail))  # a plain-text box in Qt
    box.exec()


def show_notes(parent: QWidget | None, title: str, message: str, notes: str) -> None:
    """What the user should know about something that worked (an import's warnings)."""
    box = _message_box(parent, QMessageBox.Icon.Information, title, message, notes,
                       "notesMessage")
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
        f"{quoted_name(name)} was changed by another program since you opened it.",
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


class DamagedChoice(Enum):
    DELETE = "delete"
    REVEAL = "reveal"
    KEEP = "keep"


def ask_about_damaged_drafts(parent: QWidget | None,
                             damaged: list[DamagedDraftFile]) -> DamagedChoice:
    """Drafts that cannot be restored: say so, and offer to delete them or show them."""
    count = len(damaged)
    box = _message_box(
        parent, QMessageBox.Icon.Warning, "Damaged recovery drafts",
        ("A recovery draft is damaged and cannot be restored:" if count == 1 else
         f"{count} recovery drafts are damaged and cannot be restored:"),
        "\n".join(f"• {draft.describe()}" for draft in damaged[:8])
        + (f"\n… and {count - 8} more" if count > 8 else ""), "askDamagedDrafts")
    delete = box.addButton("Delete Them", QMessageBox.ButtonRole.DestructiveRole)
    reveal = box.addButton("Show in Folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Keep Them", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reveal)
    box.exec()
    if box.clickedButton() is delete:
        return DamagedChoice.DELETE
    if box.clickedButton() is reveal:
        return DamagedChoice.REVEAL
    return DamagedChoice.KEEP


def reveal_in_file_manager(folder: Path) -> bool:
    """Open `folder` in the desktop's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def confirm_read_only(parent: QWidget, path: Path) -> bool:
    """Ask before saving over a file somebody made read-only."""
    return confirm(parent, "File is read-only",
                   f"{quoted_name(path)} is read-only. Save over it anyway? It stays "
                   "read-only.", "Save Anyway")
