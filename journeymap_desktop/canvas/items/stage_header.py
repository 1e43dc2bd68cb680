"""A stage's header across the top: colour band, name and description; drag it to reorder."""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.canvas.items import USER_TYPE
from journeymap_desktop.canvas.items.header import HeaderItem
from journeymap_desktop.layout import picture, theme
from journeymap_desktop.layout.geometry import Rect, StageBox
from journeymap_desktop.painter.render import renderer

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
        self.picture = picture.stage_header(box)
        self.setPos(box.header.x, box.header.y)
        self.update()

    def set_text_offset(self, wanted: float) -> None:
        """Slide the name right inside a stage wider than the view (0 = at its left)."""
        box = self.box
        widest = max((line.width for line in (*box.name, *box.description)), default=0.0)
        self.slide_text(wanted, box.header.w - widest - 2 * theme.HEADER_PAD)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        header = self.box.header
        dx, dy = -header.x, -header.y
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        draw = renderer().draw
        draw(painter, self.picture.background, dx, dy)
        draw(painter, self.picture.words, dx + self.text_offset, dy)
        if self.isSelected():
            draw(painter, (picture.selection_outline(header),), dx, dy)
