"""A stage's header across the top: colour band, name and description; drag it to reorder."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.canvas import painting
from journeymap_desktop.canvas.items import USER_TYPE
from journeymap_desktop.canvas.items.header import HeaderItem
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.geometry import Rect, StageBox

Z_HEADER = 30.0


class StageHeaderItem(HeaderItem):
    Type = USER_TYPE + 2

    def __init__(self, box: StageBox) -> None:
        super().__init__(Z_HEADER)
        self.box = box
        self.stage_id = box.stage_id
        self.set_box(box)

    def header_rect(self) -> Rect:
        return self.box.header

    def type(self) -> int:
        return self.Type

    def set_box(self, box: StageBox) -> None:
        self.prepareGeometryChange()
        self.box = box
        self.setPos(box.header.x, box.header.y)
        self.update()

    def set_text_offset(self, wanted: float) -> None:
        """Slide the name right inside a stage wider than the view (0 = at its left)."""
        box = self.box
        widest = max((line.width for line in (*box.name, *box.description)), default=0.0)
        self.slide_text(wanted, box.header.w - widest - 2 * theme.HEADER_PAD)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        box = self.box
        w, h = box.header.w, box.header.h
        dx, dy = -box.header.x, -box.header.y
        painter.fillRect(QRectF(0, 0, w, h), painting.colour(theme.stage_header_fill(box.colour)))
        painter.fillRect(QRectF(0, 0, w, theme.STAGE_BAND), painting.colour(box.colour))
        painter.setPen(painting.hairline(theme.GRID_LINE))
        painter.drawLines([QLineF(0, 0, 0, h), QLineF(0, h, w, h)])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painting.draw_lines(painter, box.name, theme.INK, dx + self.text_offset, dy)
        painting.draw_lines(painter, box.description, theme.INK_SOFT, dx + self.text_offset, dy)
        if self.isSelected():
            painting.draw_selection_outline(painter, w, h)
