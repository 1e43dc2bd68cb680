"""The capture bar along the bottom of the laptop's window in workshop mode: the cell notes go
into, private or not, the capture line, and the private cards waiting to be revealed.

The capture line: a sticky note a second, by keyboard alone.

    type, Enter          a card in the capture cell, the line cleared and ready for the next
    Tab / Shift+Tab      the next / previous cell (along the lane, then the next lane)
    paste several lines  one card per line (what was typed first joins the first line)
    Esc                  clears what is typed; on an empty line, leaves workshop mode
    Ctrl+Z               on an empty line: the last card (or vote) taken back

No dialog, nothing to click: the line keeps the keyboard from one note to the next.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolBar,
    QWidget,
)

from journeymap_desktop.canvas.workshop import WorkshopSession
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.layout import theme
from journeymap_desktop.model.map import MAX_TEXT
from journeymap_desktop.ui.plain_text import plain_label


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
            self.reset()

    def reset(self) -> None:
        """Empty, with no typing history: Ctrl+Z now undoes the card just added (the window's
        undo), not the clearing of this line."""
        self.setText("")

    def event(self, event: QEvent) -> bool:
        # An empty line has nothing of its own to undo: Ctrl+Z is the window's (the card just
        # captured goes).
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and not self.text() and (event.matches(QKeySequence.StandardKey.Undo)
                                         or event.matches(QKeySequence.StandardKey.Redo))):
            event.ignore()
            return False
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
            self.reset()


class CaptureBar(QToolBar):
    """Where notes go, private or not, the line, and what is waiting to be revealed."""

    message = Signal(str)

    def __init__(self, document: JourneyDocument, session: WorkshopSession,
                 parent: QWidget | None = None) -> None:
        super().__init__("Capture", parent)
        self.setObjectName("captureBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.document = document
        self.session = session
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(8, 6, 8, 6)
        label = QLabel("Capture into")
        row.addWidget(label)
        self.cell = QComboBox()
        self.cell.setObjectName("captureCell")
        self.cell.setMinimumContentsLength(18)
        self.cell.activated.connect(self._cell_chosen)
        row.addWidget(self.cell)
        self.line = CaptureLine(session)
        font = QFont(self.line.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.line.setFont(font)
        self.line.setMinimumWidth(260)
        row.addWidget(self.line, 1)
        self.private = QCheckBox("Private")
        self.private.setObjectName("capturePrivate")
        self.private.setToolTip("Hidden on the projector until you reveal it")
        self.private.toggled.connect(session.set_private)
        row.addWidget(self.private)
        self.hidden = plain_label()
        self.hidden.setObjectName("privateCount")
        self.hidden.setStyleSheet(f"color: {theme.INK_SOFT}")
        row.addWidget(self.hidden)
        self.reveal = QPushButton("Reveal")
        self.reveal.setObjectName("revealPrivate")
        self.reveal.clicked.connect(self._reveal)
        row.addWidget(self.reveal)
        hint = QLabel("Enter adds · Tab: next cell")
        hint.setStyleSheet(f"color: {theme.INK_FAINT}")
        row.addWidget(hint)
        self.addWidget(body)
        document.edited.connect(self.update_bar)
        session.changed.connect(self.update_bar)
        self.update_bar()

    def _cell_chosen(self, index: int) -> None:
        cell = self.cell.itemData(index)
        if cell is not None:
            self.session.set_cell(*cell)
            self.line.setFocus(Qt.FocusReason.OtherFocusReason)

    def _reveal(self) -> None:
        count = self.session.reveal_private()
        if count:
            self.message.emit(f"{count} private card{'s' if count != 1 else ''} revealed.")

    def update_bar(self) -> None:
        journey = self.document.map
        stages = {s.id: s.name for s in journey.stages}
        lanes = {lane.id: lane.name for lane in journey.lanes}
        cells = self.session.cells()
        entries = [f"{stages[s]} · {lanes[lane]}" for s, lane in cells]
        if [self.cell.itemText(i) for i in range(self.cell.count())] != entries:
            self.cell.clear()
            for cell, text in zip(cells, entries, strict=True):
                self.cell.addItem(text, cell)
        current = self.session.cell
        if current is not None:
            self.cell.setCurrentIndex(cells.index(current))
        if self.private.isChecked() != self.session.private:
            self.private.setChecked(self.session.private)
        waiting = len(self.session.private_card_ids())
        self.hidden.setText(f"{waiting} private waiting" if waiting else "")
        self.reveal.setVisible(bool(waiting))
