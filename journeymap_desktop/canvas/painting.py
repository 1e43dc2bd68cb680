"""Drawing the shared shapes and text lines with a QPainter (the PDF draws the same ones)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF

from journeymap_desktop.canvas.fonts import role_font
from journeymap_desktop.layout import shapes, theme
from journeymap_desktop.layout.geometry import TextLine
from journeymap_desktop.layout.shapes import Point


@cache
def colour(hex_colour: str) -> QColor:
    return QColor(hex_colour)


@cache
def brush(hex_colour: str) -> QBrush:
    return QBrush(colour(hex_colour))


@cache
def pen(hex_colour: str, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine,
        cap: Qt.PenCapStyle = Qt.PenCapStyle.SquareCap) -> QPen:
    result = QPen(colour(hex_colour), width, style, cap, Qt.PenJoinStyle.RoundJoin)
    result.setCosmetic(False)
    return result


@cache
def hairline(hex_colour: str) -> QPen:
    """One device pixel wide at any zoom: grid lines stay crisp and light."""
    result = QPen(colour(hex_colour), 0)
    result.setCosmetic(True)
    return result


def draw_lines(painter: QPainter, lines: tuple[TextLine, ...] | list[TextLine],
               hex_colour: str, dx: float = 0.0, dy: float = 0.0) -> None:
    if not lines:
        return
    painter.setPen(colour(hex_colour))
    current_role = None
    for line in lines:
        if line.role is not current_role:
            painter.setFont(role_font(line.role))
            current_role = line.role
        painter.drawText(QPointF(line.x + dx, line.baseline + dy), line.text)


def draw_line(painter: QPainter, line: TextLine | None, hex_colour: str,
              dx: float = 0.0, dy: float = 0.0) -> None:
    if line is not None:
        draw_lines(painter, (line,), hex_colour, dx, dy)


@cache
def _face_paths(level: int) -> tuple[QPainterPath, tuple[tuple[Point, float], ...], float]:
    """Mouth and brows of a unit face as one stroked path (cached per level)."""
    face = shapes.face(level)
    path = QPainterPath()
    mouth = face.mouth
    path.moveTo(*mouth.start)
    path.cubicTo(QPointF(*mouth.control1), QPointF(*mouth.control2), QPointF(*mouth.end))
    for start, end in face.brows:
        path.moveTo(*start)
        path.lineTo(*end)
    return path, face.eyes, face.stroke


def draw_face(painter: QPainter, centre: Point, radius: float, level: int) -> None:
    cx, cy = centre
    painter.setBrush(brush(theme.EMOTION_COLOURS[level]))
    painter.setPen(pen(theme.INK, max(0.8, radius * 0.09)))
    painter.drawEllipse(QPointF(cx, cy), radius, radius)
    strokes, eyes, stroke = _face_paths(level)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(brush(theme.INK))
    for (ex, ey), er in eyes:
        painter.drawEllipse(QPointF(cx + ex * radius, cy + ey * radius), er * radius,
                            er * radius)
    painter.save()
    painter.translate(cx, cy)
    painter.scale(radius, radius)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(pen(theme.INK, stroke, cap=Qt.PenCapStyle.RoundCap))
    painter.drawPath(strokes)
    painter.restore()


def draw_kind_marker(painter: QPainter, kind: str, centre: Point, radius: float) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(brush(theme.KIND_COLOURS[kind]))
    outline = shapes.kind_marker(kind, centre, radius)
    if outline is None:
        painter.drawEllipse(QPointF(*centre), radius, radius)
    else:
        painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in outline]))


def draw_star(painter: QPainter, centre: Point, radius: float) -> None:
    painter.setPen(pen("#9A6A00", 0.8))
    painter.setBrush(brush(theme.MOMENT_OF_TRUTH_COLOUR))
    painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in shapes.star(centre, radius)]))


def rect_f(x: float, y: float, w: float, h: float) -> QRectF:
    return QRectF(x, y, w, h)


def draw_selection_outline(painter: QPainter, width: float, height: float) -> None:
    """The blue frame of a selected header, inside its box."""
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(pen(theme.CARD_SELECTED_BORDER, 2.0))
    painter.drawRect(QRectF(1, 1, width - 2, height - 2))
