"""The top-left corner above the lane headers: the map's title."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.canvas.items import USER_TYPE
from journeymap_desktop.layout import picture
from journeymap_desktop.layout.geometry import MapLayout
from journeymap_desktop.painter.render import renderer

Z_CORNER = 40.0


class CornerItem(QGraphicsItem):
    Type = USER_TYPE + 5

    def __init__(self, layout: MapLayout) -> None:
        super().__init__()
        self.header_scale = 1.0  # as the headers beside it (HeaderItem.header_scale)
        self.setZValue(Z_CORNER)
        self.set_layout(layout)

    def type(self) -> int:
        return self.Type

    def set_layout(self, layout: MapLayout) -> None:
        self.prepareGeometryChange()
        self.layout = layout
        self.picture = picture.corner(layout)
        self.setPos(layout.corner.x, layout.corner.y)
        self.update()

    def set_header_scale(self, scale: float) -> None:
        if scale != self.header_scale:
            self.prepareGeometryChange()
            self.header_scale = scale
            self.update()

    def boundingRect(self) -> QRectF:
        scale = self.header_scale
        return QRectF(0, 0, self.layout.corner.w * scale, self.layout.corner.h * scale)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        corner = self.layout.corner
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        draw = renderer().draw
        painter.scale(self.header_scale, self.header_scale)
        draw(painter, self.picture.background, -corner.x, -corner.y)
        draw(painter, self.picture.words, -corner.x, -corner.y)
