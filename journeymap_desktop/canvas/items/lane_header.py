"""A lane's header down the left: title, kind, and for the emotions lane a scale of faces.

As high as its lane; as wide as the header column at the header scale, its words (and the
scale's faces, at their levels) set at that scale."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.canvas.items import USER_TYPE
from journeymap_desktop.canvas.items.header import HeaderItem
from journeymap_desktop.layout import picture, theme
from journeymap_desktop.layout.display import Dots, Face, Item, Text, moved
from journeymap_desktop.layout.geometry import EmotionBand, LaneBox, Rect
from journeymap_desktop.layout.theme import FontRole
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

    def boundingRect(self) -> QRectF:
        header = self.box.header
        return QRectF(0, 0, header.w * self.header_scale, header.h)

    def set_box(self, box: LaneBox, band: EmotionBand | None) -> None:
        self.prepareGeometryChange()
        self.box = box
        self.band = band
        self.picture = picture.lane_header(box, band)
        # The emotion scale's faces keep their levels (the curve's guides) and their shape.
        self._marks: tuple[Face | Dots, ...] = tuple(
            item for item in self.picture.background if isinstance(item, Face | Dots))
        self._plain: tuple[Item, ...] = tuple(
            item for item in self.picture.background if not isinstance(item, Face | Dots))
        self.setPos(box.header.x, box.header.y)
        self.update()

    def set_text_offset(self, wanted: float) -> None:
        """Slide the title down inside a lane taller than the view (0 = at its top);
        `wanted` in layout units, before the header scale."""
        box = self.box
        last = box.kind_label.baseline if box.kind_label else (
            box.title[-1].baseline if box.title else box.header.y)
        bottom = box.header.y + box.header.h / self.header_scale
        self.slide_text(wanted, bottom - (last + theme.HEADER_PAD + 4))

    def _words_that_fit(self) -> tuple[Item, ...]:
        """The lines whole within the lane's height at the header scale (larger from afar, a
        low lane's last lines are left out rather than cut through)."""
        header = self.box.header
        bottom = header.y + header.h / self.header_scale - self.text_offset
        kept = [item for item in self.picture.words
                if not isinstance(item, Text) or item.baseline + item.size * 0.3 <= bottom]
        titles = [item for item in kept if isinstance(item, Text)
                  and item.role is FontRole.LANE]
        left_out = [line.text for line in self.box.title[len(titles):]]
        engine = getattr(self.scene(), "engine", None)
        if titles and left_out and engine is not None:
            # The last line kept ends with an ellipsis: the name goes on.
            last = titles[-1]
            room = header.w - 2 * theme.HEADER_PAD
            text = engine.wrapper.fit(" ".join([last.text, *left_out]) + " …",
                                      FontRole.LANE, room)
            kept[kept.index(last)] = replace(last, text=text, width=engine.wrapper.width(
                text, FontRole.LANE))
        return tuple(kept)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        header = self.box.header
        scale = self.header_scale
        dx, dy = -header.x, -header.y
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        draw = renderer().draw
        painter.save()
        painter.scale(scale, 1.0)
        draw(painter, self._plain, dx, dy)
        painter.restore()
        for mark in self._marks:
            cx, cy = (mark.cx, mark.cy) if isinstance(mark, Face) else mark.centres[0]
            painter.save()
            painter.translate((cx - header.x) * scale, cy - header.y)
            painter.scale(scale, scale)
            draw(painter, (moved(mark, -cx, -cy),))
            painter.restore()
        painter.save()
        painter.setClipRect(self.boundingRect())
        painter.scale(scale, scale)
        draw(painter, self._words_that_fit(), dx, dy + self.text_offset)
        painter.restore()
        if self.isSelected():
            draw(painter, (picture.selection_outline(Rect(0, 0, header.w * scale, header.h)),))
