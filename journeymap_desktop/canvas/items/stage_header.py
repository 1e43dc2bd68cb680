"""A stage's header across the top: colour band, name and description; drag it to reorder.

As wide as its stage's column; as high as the header row at the header scale, its words set at
that scale (from afar, larger than laid out: then its name alone, wrapped again to fit)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.canvas.items import USER_TYPE
from journeymap_desktop.canvas.items.header import HeaderItem
from journeymap_desktop.layout import far, picture, theme
from journeymap_desktop.layout.display import Item
from journeymap_desktop.layout.geometry import Rect, StageBox
from journeymap_desktop.painter.render import renderer

Z_HEADER = 30.0


class StageHeaderItem(HeaderItem):
    Type = USER_TYPE + 2

    def __init__(self, box: StageBox) -> None:
        super().__init__(Z_HEADER)
        self.box = box
        self.stage_id = box.stage_id
        self._far_words: tuple[float, str, StageBox, tuple[Item, ...]] | None = None
        self.set_box(box)

    def header_rect(self) -> Rect:
        return self.box.header

    def type(self) -> int:
        return self.Type

    def boundingRect(self) -> QRectF:
        header = self.box.header
        return QRectF(0, 0, header.w, header.h * self.header_scale)

    def set_box(self, box: StageBox) -> None:
        self.prepareGeometryChange()
        self.box = box
        self.picture = picture.stage_header(box)
        self.setPos(box.header.x, box.header.y)
        self.update()

    def words(self) -> tuple[Item, ...]:
        """The words drawn, in layout units (before the header scale)."""
        scale = self.header_scale
        if scale <= 1.0 + 1e-9:
            return self.picture.words
        scene = self.scene()
        engine = getattr(scene, "engine", None)
        document = getattr(scene, "document", None)
        if engine is None or document is None:
            return self.picture.words
        try:
            name = document.stage(self.stage_id).name
        except (StopIteration, KeyError, ValueError):
            return self.picture.words  # the stage went away; the scene rebuilds its headers
        cached = self._far_words
        if cached is None or cached[:3] != (scale, name, self.box):
            cached = (scale, name, self.box,
                      far.stage_name_far(engine.wrapper, name, self.box, scale))
            self._far_words = cached
        return cached[3]

    def set_text_offset(self, wanted: float) -> None:
        """Slide the name right inside a stage wider than the view (0 = at its left);
        `wanted` in layout units, before the header scale."""
        box = self.box
        widest = max((item.width for item in self.words() if hasattr(item, "width")),
                      default=0.0)
        self.slide_text(wanted, box.header.w / self.header_scale - widest
                        - 2 * theme.HEADER_PAD)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        header = self.box.header
        scale = self.header_scale
        dx, dy = -header.x, -header.y
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        draw = renderer().draw
        painter.save()
        painter.scale(1.0, scale)
        draw(painter, self.picture.background, dx, dy)
        painter.restore()
        painter.save()
        painter.setClipRect(self.boundingRect())
        painter.scale(scale, scale)
        draw(painter, self.words(), dx + self.text_offset, dy)
        painter.restore()
        if self.isSelected():
            draw(painter, (picture.selection_outline(Rect(0, 0, header.w, header.h * scale)),))
