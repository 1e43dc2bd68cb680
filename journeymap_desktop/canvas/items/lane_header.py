"""A lane's header down the left: title, kind, and for the emotions lane a scale of faces."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.canvas import painting
from journeymap_desktop.canvas.items import USER_TYPE
from journeymap_desktop.canvas.items.header import HeaderItem
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.geometry import EmotionBand, LaneBox, Rect

Z_LANE_HEADER = 31.0
SCALE_FACE_RADIUS = 7


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
        box = self.box
        w, h = box.header.w, box.header.h
        dx, dy = -box.header.x, -box.header.y
        painter.fillRect(QRectF(0, 0, w, h), painting.colour(theme.LANE_HEADER_FILL))
        painter.setPen(painting.hairline(theme.GRID_LINE))
        painter.drawLines([QLineF(0, 0, w, 0), QLineF(0, h, w, h), QLineF(w, 0, w, h)])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painting.draw_lines(painter, box.title, theme.INK, dx, dy + self.text_offset)
        painting.draw_line(painter, box.kind_label, theme.INK_FAINT, dx, dy + self.text_offset)
        if self.band is not None:
            x = w - 16
            for level, y in self.band.level_y.items():
                painting.draw_face(painter, (x, y + dy), SCALE_FACE_RADIUS, level)
        if self.isSelected():
            painting.draw_selection_outline(painter, w, h)
