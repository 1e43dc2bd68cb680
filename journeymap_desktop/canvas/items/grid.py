"""The map's background: stage column tints and the hairlines between lanes and stages."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.canvas import painting
from journeymap_desktop.canvas.items import USER_TYPE
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.geometry import MapLayout

Z_GRID = 0.0


class GridItem(QGraphicsItem):
    Type = USER_TYPE + 4

    def __init__(self, layout: MapLayout) -> None:
        super().__init__()
        self.layout = layout
        self.setZValue(Z_GRID)

    def type(self) -> int:
        return self.Type

    def set_layout(self, layout: MapLayout) -> None:
        self.prepareGeometryChange()
        self.layout = layout
        self.update()

    def boundingRect(self) -> QRectF:
        grid = self.layout.grid
        return QRectF(grid.x, grid.y, grid.w, grid.h)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        exposed = option.exposedRect
        layout = self.layout
        for stage in layout.stages:
            column = stage.column
            if column.right < exposed.left() or column.x > exposed.right():
                continue
            painter.fillRect(QRectF(column.x, column.y, column.w, column.h),
                             painting.colour(theme.stage_column_fill(stage.colour)))
        painter.setPen(painting.hairline(theme.GRID_LINE))
        lines = [QLineF(s.column.x, s.column.y, s.column.x, s.column.bottom)
                 for s in layout.stages]
        if layout.stages:
            last = layout.stages[-1].column
            lines.append(QLineF(last.right, last.y, last.right, last.bottom))
        lines += [QLineF(lane.row.x, lane.row.bottom, lane.row.right, lane.row.bottom)
                  for lane in layout.lanes]
        painter.drawLines(lines)
