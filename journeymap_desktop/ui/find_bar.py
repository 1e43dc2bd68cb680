"""Find/filter (Ctrl+F): dims the cards that do not match text, #tag, @owner or a kind."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from journeymap_desktop.model.map import CARD_KINDS, CardKind
from journeymap_desktop.model.queries import KIND_LABELS, CardFilter
from journeymap_desktop.safe_text import counted
from journeymap_desktop.ui.icons import kind_icon


def parse_query(text: str, kind: CardKind | None = None) -> CardFilter:
    """'checkout #mobile @support kind:pain' -> words, a tag, an owner and a kind."""
    words: list[str] = []
    tag = owner = ""
    for token in text.split():
        lowered = token.casefold()
        if token.startswith("#") and len(token) > 1:
            tag = token[1:]
        elif token.startswith("@") and len(token) > 1:
            owner = token[1:]
        elif lowered.startswith("kind:") and len(token) > 5:
            wanted = lowered[5:].replace("-", "_")
            kind = next((k for k in CARD_KINDS if k.startswith(wanted)
                         or KIND_LABELS[k].casefold().startswith(wanted)), kind)
        else:
            words.append(token)
    return CardFilter(text=" ".join(words), tag=tag, owner=owner, kind=kind)


class FindBar(QWidget):
    filter_changed = Signal(object)  # CardFilter
    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find cards: words, #tag, @owner, kind:pain")
        self.field.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.setObjectName("findKind")
        self.kind.addItem("Any kind", None)
        for kind in CARD_KINDS:
            self.kind.addItem(kind_icon(kind), KIND_LABELS[kind], kind)
        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(110)
        previous = QToolButton()
        previous.setText("▲")
        previous.setToolTip("Previous match (Shift+Enter)")
        following = QToolButton()
        following.setText("▼")
        following.setToolTip("Next match (Enter)")
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.setObjectName("findClose")
        for widget in (QLabel("Find:"), self.field, self.kind, self.count, previous, following):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(close)
        self.field.textChanged.connect(self._changed)
        self.kind.currentIndexChanged.connect(self._changed)
        previous.clicked.connect(self.previous_requested)
        following.clicked.connect(self.next_requested)
        close.clicked.connect(self.close_bar)
        self.hide()

    def current_filter(self) -> CardFilter:
        return parse_query(self.field.text(), self.kind.currentData())

    def _changed(self, *_: object) -> None:
        self.filter_changed.emit(self.current_filter())

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self._changed()

    def close_bar(self) -> None:
        self.hide()
        self.filter_changed.emit(CardFilter())
        self.closed.emit()

    def show_count(self, matching: int | None, total: int) -> None:
        self.count.setText("" if matching is None else f"{matching:,} of {counted(total, 'card')}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previous_requested.emit()
            else:
                self.next_requested.emit()
        else:
            super().keyPressEvent(event)
