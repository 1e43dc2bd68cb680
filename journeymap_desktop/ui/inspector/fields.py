"""Editing widgets shared by the inspector pages."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QIcon, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from journeymap_desktop.model.queries import EMOTION_DEFAULT_WORDS, EMOTION_LABELS
from journeymap_desktop.model.templates import COLOUR_NAMES, STAGE_PALETTE
from journeymap_desktop.ui.icons import face_icon

NO_EMOTION = 99
# QButtonGroup treats id -1 as "pick one for me", so levels are stored shifted.
_ID_SHIFT = 10


class CommitTextEdit(QPlainTextEdit):
    """A multi-line text box that reports its text once, when the user leaves it."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None, lines: int = 4) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * lines + 14)
        self._loaded = ""

    def load(self, text: str) -> None:
        self._loaded = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.toPlainText() != self._loaded:
            self._loaded = self.toPlainText()
            self.committed.emit(self._loaded)


class EmotionPicker(QWidget):
    """Five faces from very negative to very positive, plus 'none'."""

    chosen = Signal(object)  # int | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[int, QToolButton] = {}
        for level in (NO_EMOTION, -2, -1, 0, 1, 2):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setIconSize(QSize(22, 22))
            if level == NO_EMOTION:
                button.setText("–")
                button.setToolTip("No emotion")
                button.setObjectName("emotion_none")
            else:
                button.setIcon(face_icon(level))
                key = level + 3
                button.setToolTip(f"{EMOTION_LABELS[level]} ({EMOTION_DEFAULT_WORDS[level]}) "
                                  f"— key {key}")
                button.setObjectName(f"emotion_{level}")
            self.group.addButton(button, level + _ID_SHIFT)
            self.buttons[level] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.group.idClicked.connect(self._clicked)

    def set_value(self, level: int | None, mixed: bool = False) -> None:
        """Check the face for `level`; with `mixed` (several cards that differ) check none."""
        if mixed:
            self.group.setExclusive(False)
            for button in self.buttons.values():
                button.setChecked(False)
            self.group.setExclusive(True)
            return
        self.buttons[NO_EMOTION if level is None else level].setChecked(True)

    def _clicked(self, button_id: int) -> None:
        level = button_id - _ID_SHIFT
        self.chosen.emit(None if level == NO_EMOTION else level)


def colour_swatch(colour: str | None) -> QIcon:
    pixmap = QPixmap(16, 16)
    if colour is None:
        pixmap.fill(Qt.GlobalColor.transparent)
    else:
        pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class ColourCombo(QComboBox):
    """The colour-blind-safe palette (plus 'none', plus a colour from the file if it is not
    one of the palette's)."""

    def __init__(self, none_label: str = "Default", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(colour_swatch(None), none_label, None)
        for colour in STAGE_PALETTE:
            self.addItem(colour_swatch(colour), COLOUR_NAMES[colour], colour)

    def set_value(self, colour: str | None) -> None:
        index = self.findData(colour)
        if index < 0 and colour is not None:
            self.addItem(colour_swatch(colour), f"Custom {colour}", colour)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))

    def value(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None


def set_line(edit: QLineEdit, text: str) -> None:
    """Show `text` from its start (a plain setText leaves long text scrolled to its end)."""
    if edit.text() != text:
        edit.setText(text)
        edit.setCursorPosition(0)


def section_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionLabel")
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
