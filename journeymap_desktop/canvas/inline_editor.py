"""Editing a title in place, over the canvas: Enter or clicking away keeps it, Esc drops it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QGraphicsView, QLineEdit

from journeymap_desktop.canvas.fonts import role_font
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.theme import FontRole


class InlineEditor(QLineEdit):
    def __init__(self, view: QGraphicsView, scene_rect: QRectF, text: str, role: FontRole,
                 on_commit: Callable[[str], None], on_close: Callable[[], None],
                 max_length: int = 200, text_scale: float = 1.0) -> None:
        super().__init__(view.viewport())
        self._view = view
        self._on_commit = on_commit
        self._on_close = on_close
        self._done = False
        self.setObjectName("inlineEditor")
        self.setMaxLength(max_length)
        # The text's size on screen: the zoom, times the scale a frozen header or a far
        # card's title is drawn at.
        zoom = max(0.2, view.transform().m11() * text_scale)
        font = QFont(role_font(role))  # a copy: the cached font is shared by every item
        font.setPixelSize(max(8, round(theme.FONTS[role].size * zoom)))
        self.setFont(font)
        self.setText(text)
        self.selectAll()
        area = view.mapFromScene(scene_rect).boundingRect()
        height = max(area.height(), round(theme.line_height(role) * zoom) + 8)
        self.setGeometry(area.x(), area.y(), max(area.width(), 80), height)
        self.setStyleSheet(
            f"QLineEdit#inlineEditor {{ border: 2px solid {theme.CARD_SELECTED_BORDER};"
            f" border-radius: 4px; padding: 0 4px; background: white; color: {theme.INK}; }}"
        )
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def commit(self, refocus: bool = True) -> None:
        """Keep the text. `refocus` gives the keyboard back to the canvas: yes after Enter,
        no when the user clicked elsewhere (that widget must keep the keyboard, or what they
        type would reach the canvas's one-key shortcuts)."""
        if self._done:
            return
        self._done = True
        text = self.text().strip()
        self.deleteLater()
        self._on_close()
        if refocus:
            self._view.setFocus()
        self._on_commit(text)

    def cancel(self) -> None:
        if self._done:
            return
        self._done = True
        self.deleteLater()
        self._on_close()
        self._view.setFocus()

    def event(self, event: QEvent) -> bool:
        # The canvas's own shortcuts (Ctrl+D, Delete, 1-5, N...) are scoped to the view, and
        # this editor sits inside it: claim those keys, so they edit text, not the map.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if any(pressed.matches(shortcut) == QKeySequence.SequenceMatch.ExactMatch
                   for action in self._view.actions() for shortcut in action.shortcuts()):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit()
        elif event.key() == Qt.Key.Key_Escape:
            self.cancel()
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.commit(refocus=False)
