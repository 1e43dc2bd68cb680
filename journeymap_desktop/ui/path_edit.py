"""A line edit for a file path that, when it does not fit and the user is not typing in it,
shows the path elided in the middle (the folder's start and the file's name stay in sight),
with the whole path in its tooltip."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame, QWidget

from journeymap_desktop.ui.plain_text import tooltip

_TEXT_MARGIN = 2  # px: QLineEdit's own inner margin around its text


class PathEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Room for a folder's start and a file's name: about 44 characters.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 44)
        self.textChanged.connect(lambda text: self.setToolTip(tooltip(text) if text else ""))

    def _text_rect_width(self) -> int:
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        rect = self.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, self)
        margins = self.textMargins()
        return rect.width() - margins.left() - margins.right() - 2 * _TEXT_MARGIN

    def shown_text(self) -> str:
        """What the field shows: the path, or while it does not fit and the field is not
        being edited, the path elided in the middle."""
        text = self.text()
        width = self._text_rect_width()
        metrics = self.fontMetrics()
        if self.hasFocus() or metrics.horizontalAdvance(text) <= width:
            return text
        # The file's name whole where it can be, the folders elided in their middle.
        folder, sep, name = text.rpartition(os.sep)
        room = width - metrics.horizontalAdvance(sep + name)
        if folder and room > metrics.horizontalAdvance("/…/"):
            return metrics.elidedText(folder, Qt.TextElideMode.ElideMiddle, room) + sep + name
        return metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, width)

    def paintEvent(self, event: QPaintEvent) -> None:
        shown = self.shown_text()
        if shown == self.text():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelLineEdit, option, painter,
                                   self)
        rect = self.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, self)
        rect = rect.marginsRemoved(self.textMargins()).adjusted(_TEXT_MARGIN, 0, -_TEXT_MARGIN,
                                                                0)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                         shown)
        painter.end()
