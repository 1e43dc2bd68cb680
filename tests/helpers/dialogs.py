"""Answering the modal dialogs a test runs into."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def answer_next_message_box(button: QMessageBox.StandardButton | str,
                            seen: list[str] | None = None,
                            details: list[str] | None = None) -> None:
    """Click `button` (a standard button or a button's text) in the next modal message box,
    as soon as it appears; records the box's text in `seen`, its informative text in
    `details`."""

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, poll)
            return
        if seen is not None:
            seen.append(box.text())
        if details is not None:
            details.append(box.informativeText())
        if isinstance(button, str):
            target = next(b for b in box.buttons() if b.text().replace("&", "") == button)
        else:
            target = box.button(button)
        target.click()

    QTimer.singleShot(0, poll)


def close_next_notes_dialog(seen: list[tuple[str, str]]) -> None:
    """Close the next import-notes dialog (ui/notes_dialog.py) as soon as it appears;
    records its (summary, notes text) in `seen`."""
    from journeymap_desktop.ui.notes_dialog import NotesDialog

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, NotesDialog):
            QTimer.singleShot(20, poll)
            return
        seen.append((box.summary.text(), box.notes.toPlainText()))
        box.reject()

    QTimer.singleShot(0, poll)
