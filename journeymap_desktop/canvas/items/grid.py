"""The map's background: stage column tints and the hairlines between lanes and stages."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.canvas.items import USER_TYPE
from journeymap_desktop.layout import picture
from journeymap_desktop.layout.display import Item
from journeymap_desktop.layout.geometry import MapLayout
from journeymap_desktop.painter.render import renderer

Z_GRID = 0.0


class GridItem(QGraphicsItem):
    Type = USER_TYPE + 4

    def __init__(self, layout: MapLayout) -> None:
        super().__init__()
        self.layout = layout
        self.items: list[Item] = picture.grid_items(layout)
        self.setZValue(Z_GRID)

    def type(self) -> int:
        return self.Type

    def set_layout(self, layout: MapLayout) -> None:
        self.prepareGeometryChange()
        self.layout = layout
        self.items = picture.grid_items(layout)
        self.update()

    def boundingRect(self) -> QRectF:
        grid = self.layout.grid
        return QRectF(grid.x, grid.y, grid.w, grid.h)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        renderer().draw(painter, self.items)
