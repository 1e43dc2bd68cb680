"""What an import wants the user to know: a summary line and its notes (a Mermaid file's
diagnostics with their line numbers, a survey's rows left out), in a plain-text box that
scrolls, can be selected and copied, and never renders any of it as markup."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from journeymap_desktop.safe_text import one_line
from journeymap_desktop.ui.plain_text import plain_label, window_title

MAX_NOTES = 2_000  # lines shown; the rest are counted


def notes_text(notes: list[str] | tuple[str, ...]) -> str:
    """One escaped line per note, at most MAX_NOTES of them."""
    lines = [one_line(note) for note in notes[:MAX_NOTES]]
    if len(notes) > MAX_NOTES:
        lines.append(f"… and {len(notes) - MAX_NOTES:,} more")
    return "\n".join(lines)


class NotesDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, summary: str,
                 notes: list[str] | tuple[str, ...]) -> None:
        super().__init__(parent)
        self.setObjectName("importNotes")
        self.setWindowTitle(window_title(title))
        layout = QVBoxLayout(self)
        self.summary = plain_label(one_line(summary))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("importNotesText")
        self.notes.setReadOnly(True)
        self.notes.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.notes.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.notes.setPlainText(notes_text(notes))
        layout.addWidget(self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(760, 360)


def show_import_notes(parent: QWidget | None, title: str, summary: str,
                      notes: list[str] | tuple[str, ...]) -> None:
    NotesDialog(parent, title, summary, notes).exec()
