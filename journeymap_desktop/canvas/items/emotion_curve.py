"""The emotion curves across the journey: level guides, every shown curve with its evidence
band (layout/picture.overlay_items), the active curve's line with a face at each point."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.canvas.items import USER_TYPE
from journeymap_desktop.layout import picture, theme
from journeymap_desktop.layout.display import Area, Curve, Dots, Item
from journeymap_desktop.layout.geometry import EmotionBand
from journeymap_desktop.painter.render import renderer

Z_CURVE = 5.0
# How far a point's face and label reach from its centre (a label spans at most two slots).
_POINT_REACH = 2.0 * theme.COLUMN_WIDTH
# Faces this few pixels wide show no expression: coloured dots draw far faster.
FACES_FROM_PIXELS = 4.0
# The curves, their dots and bands are cut into pieces this many points long, so a repaint
# strokes only the pieces near what it shows (fixed pieces: dashes do not crawl while
# scrolling).
OVERLAY_PIECE = 24


def _x_range(points: list[tuple[float, float]]) -> tuple[float, float]:
    xs = [x for x, _y in points]
    return (min(xs), max(xs))


def overlay_pieces(items: tuple[Item, ...]) -> list[tuple[float, float, Item]]:
    """The overlays as (left, right, item) pieces, in drawing order."""
    pieces: list[tuple[float, float, Item]] = []
    for item in items:
        if isinstance(item, Curve):
            for start in range(0, len(item.segments), OVERLAY_PIECE):
                part = item.segments[start:start + OVERLAY_PIECE]
                left, right = _x_range([p for s in part for p in (s.start, s.end)])
                pieces.append((left, right, Curve(part, item.colour, item.width, item.dash)))
        elif isinstance(item, Dots):
            for start in range(0, len(item.centres), OVERLAY_PIECE):
                centres = item.centres[start:start + OVERLAY_PIECE]
                left, right = _x_range(list(centres))
                pieces.append((left, right, Dots(centres, item.radius, item.colour)))
        elif isinstance(item, Area) and item.outline:
            left, right = _x_range([p for s in item.outline for p in (s.start, s.end)])
            pieces.append((left, right, item))
        else:
            pieces.append((float("-inf"), float("inf"), item))
    return pieces


class EmotionCurveItem(QGraphicsItem):
    Type = USER_TYPE + 6

    def __init__(self, band: EmotionBand) -> None:
        super().__init__()
        self.setZValue(Z_CURVE)
        self.band = band
        self.picture = picture.band_picture(band)
        self.overlays: list[tuple[float, float, Item]] = []
        self.line: list[tuple[float, float, Item]] = []  # the active curve's, in pieces
        self.set_band(band)

    def type(self) -> int:
        return self.Type

    def set_band(self, band: EmotionBand) -> None:
        self.prepareGeometryChange()
        previous = (self.band, self.picture)
        self.band = band
        self.picture = picture.band_picture(band, previous)
        if self.picture.overlays is not previous[1].overlays or not self.overlays:
            self.overlays = overlay_pieces(self.picture.overlays)
        self.line = overlay_pieces((self.picture.curve,) if self.picture.curve else ())
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
        points = drawn.points
        if exposed is None:
            items += drawn.overlays
            if drawn.curve is not None:
                items.append(drawn.curve)
        else:
            near = exposed.adjusted(-_POINT_REACH, -_POINT_REACH, _POINT_REACH, _POINT_REACH)
            left, right = near.left(), near.right()
            items += [item for low, high, item in [*self.overlays, *self.line]
                      if high >= left and low <= right]
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
