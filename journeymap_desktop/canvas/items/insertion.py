"""The live insertion indicator shown while dragging: where the drop will land."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.layout.theme import Role
from journeymap_desktop.painter.render import renderer

Z_INSERTION = 29.0  # over cards, under the frozen headers (30, 31) and a dragged card (50)
_THICKNESS = 3.0
_END_RADIUS = 4.0


class InsertionItem(QGraphicsItem):
    """A line with round ends, horizontal between cards or vertical between stages."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(Z_INSERTION)
        self._start = QPointF()
        self._end = QPointF()
        self.hide()

    def show_line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        start, end = QPointF(x1, y1), QPointF(x2, y2)
        if (start, end) != (self._start, self._end):
            self.prepareGeometryChange()
            self._start, self._end = start, end
        self.show()

    def line(self) -> tuple[float, float, float, float]:
        return (self._start.x(), self._start.y(), self._end.x(), self._end.y())

    def boundingRect(self) -> QRectF:
        pad = _END_RADIUS + 1
        return QRectF(self._start, self._end).normalized().adjusted(-pad, -pad, pad, pad)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(renderer().pen(Role.INSERTION, _THICKNESS, round_ends=True))
        painter.drawLine(self._start, self._end)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(renderer().brush(Role.INSERTION))
        painter.drawEllipse(self._start, _END_RADIUS, _END_RADIUS)
        painter.drawEllipse(self._end, _END_RADIUS, _END_RADIUS)
