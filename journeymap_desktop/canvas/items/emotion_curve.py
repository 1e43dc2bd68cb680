"""The emotion curve across the journey: level guides, a smooth line, a face at each point."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.canvas import painting
from journeymap_desktop.canvas.items import USER_TYPE
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.geometry import EmotionBand

Z_CURVE = 5.0
# How far a point's face and label reach from its centre (a label spans at most two slots).
_POINT_REACH = 2.0 * theme.COLUMN_WIDTH


class EmotionCurveItem(QGraphicsItem):
    Type = USER_TYPE + 6

    def __init__(self, band: EmotionBand) -> None:
        super().__init__()
        self.setZValue(Z_CURVE)
        self.band = band
        self.path = QPainterPath()
        self.set_band(band)

    def type(self) -> int:
        return self.Type

    def set_band(self, band: EmotionBand) -> None:
        self.prepareGeometryChange()
        self.band = band
        path = QPainterPath()
        if band.segments:
            path.moveTo(*band.segments[0].start)
            for segment in band.segments:
                path.cubicTo(QPointF(*segment.control1), QPointF(*segment.control2),
                             QPointF(*segment.end))
        self.path = path
        self.update()

    def point_centres(self) -> dict[str, tuple[float, float]]:
        return {point.card_id: point.centre for point in self.band.points}

    def boundingRect(self) -> QRectF:
        rect = self.band.rect
        return QRectF(rect.x, rect.y, rect.w, rect.h)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        band = self.band
        rect = band.rect
        guide = painting.pen(theme.GRID_LINE, 1.0, Qt.PenStyle.DashLine)
        painter.setPen(guide)
        for level, y in band.level_y.items():
            if level == 0:
                painter.setPen(painting.pen(theme.BASELINE_COLOUR, 1.2, Qt.PenStyle.DashLine))
                painter.drawLine(QLineF(rect.x, y, rect.right, y))
                painter.setPen(guide)
            else:
                painter.drawLine(QLineF(rect.x, y, rect.right, y))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if not self.path.isEmpty():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(painting.pen(theme.CURVE_COLOUR, theme.CURVE_WIDTH,
                                        cap=Qt.PenCapStyle.RoundCap))
            painter.drawPath(self.path)
        # Only the points in the part being repainted (a drag repaints a few cards' worth):
        # a long journey has thousands of them.
        exposed = option.exposedRect.adjusted(-_POINT_REACH, -_POINT_REACH, _POINT_REACH,
                                              _POINT_REACH)
        points = [p for p in band.points if exposed.contains(QPointF(*p.centre))]
        painter.setPen(Qt.PenStyle.NoPen)
        for point in points:
            if point.label_box is not None:
                box = point.label_box
                painter.setBrush(painting.brush(point.label_fill))
                painter.drawRoundedRect(QRectF(box.x, box.y, box.w, box.h), 3, 3)
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if theme.FACE_RADIUS_CURVE * lod < 4:
            # Faces a few pixels wide show no expression: coloured dots draw far faster.
            radius = theme.FACE_RADIUS_CURVE * 0.8
            for point in points:
                painter.setBrush(painting.brush(theme.EMOTION_COLOURS[point.level]))
                painter.drawEllipse(QPointF(*point.centre), radius, radius)
            return
        for point in points:
            painting.draw_face(painter, point.centre, theme.FACE_RADIUS_CURVE, point.level)
            painting.draw_line(painter, point.label, theme.INK_SOFT)
