"""The capture line: a sticky note a second, by keyboard alone.

    type, Enter          a card in the capture cell, the line cleared and ready for the next
    Tab / Shift+Tab      the next / previous cell (along the lane, then the next lane)
    paste several lines  one card per line (what was typed first joins the first line)
    Esc                  clears what is typed; on an empty line, leaves workshop mode

No dialog, nothing to click: the line keeps the keyboard from one note to the next.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from journeymap_desktop.canvas.workshop import WorkshopSession
from journeymap_desktop.model.map import MAX_TEXT


class CaptureLine(QLineEdit):
    leave_requested = Signal()

    def __init__(self, session: WorkshopSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("captureLine")
        self.setPlaceholderText("Type a sticky note, press Enter")
        self.setMaxLength(MAX_TEXT)
        self.setClearButtonEnabled(True)
        self.returnPressed.connect(self.add)

    def add(self) -> None:
        if self.session.capture(self.text()):
            self.clear()

    def event(self, event: QEvent) -> bool:
        # Tab would move the keyboard to the next widget: here it moves to the next cell.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Tab and not event.modifiers() & \
                    Qt.KeyboardModifier.ControlModifier:
                self.session.next_cell(1)
                return True
            if event.key() == Qt.Key.Key_Backtab:
                self.session.next_cell(-1)
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            text = QApplication.clipboard().text()
            if "\n" in text.strip("\r\n") or "\r" in text.strip("\r\n"):
                self.paste_lines(text)
                return
        if event.key() == Qt.Key.Key_Escape:
            if self.text():
                self.clear()
            else:
                self.leave_requested.emit()
            return
        super().keyPressEvent(event)

    def paste_lines(self, text: str) -> None:
        """One card per pasted line; the text already typed starts the first."""
        typed = self.text()
        if typed:
            text = typed + text
        if self.session.capture(text):
            self.clear()
