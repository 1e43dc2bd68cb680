"""The emotion curves across the journey: level guides, every shown curve with its evidence
band (layout/picture.overlay_items), the active curve's line with a face at each point."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.canvas.items import USER_TYPE
from journeymap_desktop.layout import picture, theme
from journeymap_desktop.layout.display import Item
from journeymap_desktop.layout.geometry import EmotionBand
from journeymap_desktop.painter.render import renderer

Z_CURVE = 5.0
# How far a point's face and label reach from its centre (a label spans at most two slots).
_POINT_REACH = 2.0 * theme.COLUMN_WIDTH
# Faces this few pixels wide show no expression: coloured dots draw far faster.
FACES_FROM_PIXELS = 4.0


class EmotionCurveItem(QGraphicsItem):
    Type = USER_TYPE + 6

    def __init__(self, band: EmotionBand) -> None:
        super().__init__()
        self.setZValue(Z_CURVE)
        self.band = band
        self.picture = picture.band_picture(band)
        self.set_band(band)

    def type(self) -> int:
        return self.Type

    def set_band(self, band: EmotionBand) -> None:
        self.prepareGeometryChange()
        self.band = band
        self.picture = picture.band_picture(band)
        self.update()

    def point_centres(self) -> dict[str, tuple[float, float]]:
        return {point.card_id: point.centre for point in self.band.points}

    def boundingRect(self) -> QRectF:
        rect = self.band.rect
        return QRectF(rect.x, rect.y, rect.w, rect.h)

    def display_items(self, level_of_detail: float,
                      exposed: QRectF | None = None) -> list[Item]:
        """What the band draws at a zoom, in the part being repainted (a drag repaints a few
        cards' worth; a long journey has thousands of points)."""
        drawn = self.picture
        items: list[Item] = list(drawn.guides)
        items += drawn.overlays
        if drawn.curve is not None:
            items.append(drawn.curve)
        points = drawn.points
        if exposed is not None:
            near = exposed.adjusted(-_POINT_REACH, -_POINT_REACH, _POINT_REACH, _POINT_REACH)
            points = tuple(p for p in points if near.contains(QPointF(*p.centre)))
        items += [p.patch for p in points if p.patch is not None]
        if theme.FACE_RADIUS_CURVE * level_of_detail < FACES_FROM_PIXELS:
            items += [p.dot for p in points]
            return items
        items += [p.face for p in points]
        items += [p.label for p in points if p.label is not None]
        return items

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        renderer().draw(painter, self.display_items(lod, option.exposedRect))
