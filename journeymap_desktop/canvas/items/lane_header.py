"""A lane's header down the left: title, kind, and for the emotions lane a scale of faces."""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.canvas.items import USER_TYPE
from journeymap_desktop.canvas.items.header import HeaderItem
from journeymap_desktop.layout import picture, theme
from journeymap_desktop.layout.geometry import EmotionBand, LaneBox, Rect
from journeymap_desktop.painter.render import renderer

Z_LANE_HEADER = 31.0


class LaneHeaderItem(HeaderItem):
    Type = USER_TYPE + 3

    def __init__(self, box: LaneBox, band: EmotionBand | None) -> None:
        super().__init__(Z_LANE_HEADER)
        self.box = box
        self.band = band
        self.lane_id = box.lane_id
        self.set_box(box, band)

    def header_rect(self) -> Rect:
        return self.box.header

    def type(self) -> int:
        return self.Type

    def set_box(self, box: LaneBox, band: EmotionBand | None) -> None:
        self.prepareGeometryChange()
        self.box = box
        self.band = band
        self.picture = picture.lane_header(box, band)
        self.setPos(box.header.x, box.header.y)
        self.update()

    def set_text_offset(self, wanted: float) -> None:
        """Slide the title down inside a lane taller than the view (0 = at its top)."""
        box = self.box
        last = box.kind_label.baseline if box.kind_label else (
            box.title[-1].baseline if box.title else box.header.y)
        self.slide_text(wanted, box.header.bottom - (last + theme.HEADER_PAD + 4))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        header = self.box.header
        dx, dy = -header.x, -header.y
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        draw = renderer().draw
        draw(painter, self.picture.background, dx, dy)
        draw(painter, self.picture.words, dx, dy + self.text_offset)
        if self.isSelected():
            draw(painter, (picture.selection_outline(header),), dx, dy)
