"""Editing widgets shared by the inspector pages."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QIcon, QPixmap, QResizeEvent
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

from journeymap_desktop.layout import theme
from journeymap_desktop.model.emotion import EmotionScale
from journeymap_desktop.model.scales import (
    default_word,
    key_value,
    level_name,
    levels,
    nearest_level,
    position,
)
from journeymap_desktop.model.templates import COLOUR_NAMES, STAGE_PALETTE
from journeymap_desktop.ui.icons import face_icon
from journeymap_desktop.ui.plain_text import tooltip

_NO_EMOTION_ID = 0  # QButtonGroup treats id -1 as "pick one for me": levels count from 1


class CommitTextEdit(QPlainTextEdit):
    """A multi-line text box that reports its text once, when the user leaves it."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None, lines: int = 4,
                 grow_to: int | None = None) -> None:
        """`lines`: how many lines it shows at most; with `grow_to`, at least `lines` and
        as many more as its text takes (wrapped lines too), up to `grow_to`, so a short list
        is never cut off at its third line."""
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._lines = (lines, grow_to)
        self._loaded = ""
        if grow_to is None:
            self.setMaximumHeight(self.fontMetrics().lineSpacing() * lines + 14)
        else:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.document().documentLayout().documentSizeChanged.connect(self._fit_lines)
            # Text wraps anew once the box has its width: the scroll range tells.
            self.verticalScrollBar().rangeChanged.connect(self._fit_lines)
            self._fit_lines()

    def height_for(self, lines: int) -> int:
        """The height that shows `lines` whole lines of text."""
        margins = self.contentsMargins()
        return (self.fontMetrics().lineSpacing() * lines
                + round(2 * self.document().documentMargin())
                + margins.top() + margins.bottom() + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._lines[1] is not None and event.size().width() != event.oldSize().width():
            self._fit_lines()  # a new width wraps the text into more or fewer lines

    def _fit_lines(self, *_: object) -> None:
        least, most = self._lines
        most = most or least
        # A plain text document's layout measures its height in lines (wrapped ones count).
        lines = round(self.document().documentLayout().documentSize().height())
        # No scroll bar while every line shows: one that comes and goes would narrow the
        # text, wrap it into another line and never settle. (One line of slack before it
        # goes again, for the same reason.)
        scrolling = self.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        if lines > most and not scrolling:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        elif lines < most and scrolling:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedHeight(self.height_for(max(least, min(most, lines))))

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
    """A face for every level of the map's scale, most negative first, plus 'none'.
    `buttons` maps each level (None: no emotion) to its button."""

    chosen = Signal(object)  # int | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(2)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[int | None, QToolButton] = {}
        self._levels: dict[int, int | None] = {}
        self._scale: EmotionScale | None = None
        self.group.idClicked.connect(self._clicked)
        self.set_scale(EmotionScale())

    def set_scale(self, scale: EmotionScale) -> None:
        """Show the faces of this scale (rebuilt only when the scale changed)."""
        if scale == self._scale:
            return
        self._scale = scale
        for button in self.buttons.values():
            self.group.removeButton(button)
            self.row.removeWidget(button)
            button.deleteLater()
        while self.row.count():
            self.row.takeAt(0)
        self.buttons = {}
        self._levels = {}
        keys = {key_value(scale, key): key for key in range(1, 6)}
        many = len(levels(scale)) > 7
        for button_id, level in enumerate([None, *levels(scale)]):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setAutoRaise(True)
            size = 16 if many else 22
            button.setIconSize(QSize(size, size))
            if level is None:
                button.setText("–")
                button.setToolTip("No emotion — key 0")
                button.setObjectName("emotion_none")
            else:
                button.setIcon(face_icon(theme.face_tone(position(scale, level))))
                key = keys.get(level)
                hint = f" — key {key}" if key is not None else ""
                # Level names are the user's text: a tooltip shows them literally.
                name, word = level_name(scale, level), default_word(scale, level)
                said = name if word == name.lower() else f"{name} ({word})"
                button.setToolTip(tooltip(f"{said}{hint}"))
                button.setObjectName(f"emotion_{level}")
            self.group.addButton(button, button_id + (_NO_EMOTION_ID if level is None else 0))
            self._levels[button_id] = level
            self.buttons[level] = button
            self.row.addWidget(button)
        self.row.addStretch(1)

    def set_value(self, level: float | None, mixed: bool = False) -> None:
        """Check the face for `level` (a decimal value: the nearest level); with `mixed`
        (several cards that differ) check none."""
        if mixed:
            self.group.setExclusive(False)
            for button in self.buttons.values():
                button.setChecked(False)
            self.group.setExclusive(True)
            return
        if level is None:
            self.buttons[None].setChecked(True)
            return
        assert self._scale is not None
        self.buttons[nearest_level(self._scale, level)].setChecked(True)

    def _clicked(self, button_id: int) -> None:
        self.chosen.emit(self._levels.get(button_id))


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
