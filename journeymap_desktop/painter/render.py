"""QPainter renderer of the display list (layout.display), for the canvas and PNG files.

Text is drawn as glyph runs: each line's visual runs (layout.textruns) in the bundled TTF files
(QRawFont, unhinted), every glyph placed at the advance the one measurer (layout.typeface)
used. Qt neither re-measures nor kerns nor substitutes fonts, so a line lands exactly where the
layout put it, within its measured width, at any zoom, as on paper.

One renderer is shared by every item (`renderer()`): colours, pens, glyph runs and paths are
made once and reused, which keeps `paint()` cheap during drags.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGlyphRun,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QRawFont,
)

from journeymap_desktop.layout import shapes, theme, typeface
from journeymap_desktop.layout.display import (
    Area,
    Bar,
    Box,
    Curve,
    Dots,
    Face,
    Group,
    Item,
    Lines,
    Marker,
    Star,
    Text,
)
from journeymap_desktop.layout.textruns import visual_text
from journeymap_desktop.layout.theme import Role

_CACHE_LIMIT = 50_000
_NO_PEN = QPen(Qt.PenStyle.NoPen)
_LARGEST_CACHED_GLYPH = 60.0  # pixels; Qt's glyph cache ends at 64


def _device_ratio(painter: QPainter) -> float:
    device = painter.device()
    return float(device.devicePixelRatioF()) if device is not None else 1.0


class QtRenderer:
    def __init__(self) -> None:
        self._colours: dict[str, QColor] = {}
        self._brushes: dict[str, QBrush] = {}
        self._pens: dict[tuple[str, float, tuple[float, ...] | None, bool], QPen] = {}
        self._raw: dict[tuple[str, float], QRawFont] = {}
        self._base_raw: dict[str, QRawFont] = {}
        self._runs: dict[tuple[str, bool, float], list[QGlyphRun]] = {}
        self._paths: dict[tuple[str, bool, float], QPainterPath] = {}
        self._bars: dict[tuple[float, float, float, float], QPainterPath] = {}
        self._stars: dict[float, QPolygonF] = {}
        self._curves: dict[int, tuple[Curve | Area, QPainterPath]] = {}
        self._dispatch: dict[type, Callable[[QPainter, Any, float, float], None]] = {
            Box: self._box, Bar: self._bar, Text: self._text, Face: self._face,
            Marker: self._marker, Star: self._star, Dots: self._dots, Lines: self._lines,
            Curve: self._curve, Area: self._area, Group: self._group,
        }

    # ----- the list ----------------------------------------------------------------------------
    def draw(self, painter: QPainter, items: Iterable[Item], dx: float = 0.0,
             dy: float = 0.0) -> None:
        """Draw `items` moved by (dx, dy)."""
        dispatch = self._dispatch
        for item in items:
            dispatch[type(item)](painter, item, dx, dy)

    def _group(self, painter: QPainter, group: Group, dx: float, dy: float) -> None:
        self.draw(painter, group.items, dx + group.dx, dy + group.dy)

    # ----- colours -----------------------------------------------------------------------------
    def colour(self, role: str) -> QColor:
        found = self._colours.get(role)
        if found is None:
            found = self._colours[role] = QColor(theme.colour(role))
        return found

    def brush(self, role: str) -> QBrush:
        found = self._brushes.get(role)
        if found is None:
            found = self._brushes[role] = QBrush(self.colour(role))
        return found

    def pen(self, role: str, width: float = 0.0, dash: tuple[float, ...] | None = None,
            round_ends: bool = False) -> QPen:
        """A pen of `width` layout units; width 0 is one device pixel at any zoom."""
        key = (role, width, dash, round_ends)
        found = self._pens.get(key)
        if found is None:
            cap = Qt.PenCapStyle.RoundCap if round_ends else Qt.PenCapStyle.FlatCap
            if width == 0 and not round_ends:
                cap = Qt.PenCapStyle.SquareCap  # hairlines meet at corners without a gap
            found = QPen(self.colour(role), width, Qt.PenStyle.SolidLine, cap,
                         Qt.PenJoinStyle.RoundJoin)
            found.setCosmetic(width == 0)
            if dash is not None:
                found.setDashPattern(list(dash))
            self._pens[key] = found
        return found

    # ----- shapes ------------------------------------------------------------------------------
    def _box(self, painter: QPainter, box: Box, dx: float, dy: float) -> None:
        rect = QRectF(box.x + dx, box.y + dy, box.w, box.h)
        if box.stroke is None and not box.radius:
            if box.fill is not None:
                painter.fillRect(rect, self.colour(box.fill))
            return
        painter.setPen(_NO_PEN if box.stroke is None else self.pen(box.stroke, box.stroke_width))
        if box.fill is None:
            painter.setBrush(Qt.BrushStyle.NoBrush)
        else:
            painter.setBrush(self.brush(box.fill))
        if box.radius:
            painter.drawRoundedRect(rect, box.radius, box.radius)
        else:
            painter.drawRect(rect)

    def _bar(self, painter: QPainter, bar: Bar, dx: float, dy: float) -> None:
        key = (bar.w, bar.h, bar.radius, bar.bar_width)
        path = self._bars.get(key)
        if path is None:
            outline = QPainterPath()
            outline.addRoundedRect(QRectF(0, 0, bar.w, bar.h), bar.radius, bar.radius)
            strip = QPainterPath()
            strip.addRect(QRectF(0, 0, bar.bar_width, bar.h))
            path = outline.intersected(strip)
            if len(self._bars) > 2_000:
                self._bars.clear()
            self._bars[key] = path
        painter.setPen(_NO_PEN)
        painter.setBrush(self.brush(bar.fill))
        painter.translate(bar.x + dx, bar.y + dy)
        painter.drawPath(path)
        painter.translate(-(bar.x + dx), -(bar.y + dy))

    def _face(self, painter: QPainter, face: Face, dx: float, dy: float) -> None:
        cx, cy, radius = face.cx + dx, face.cy + dy, face.radius
        painter.setBrush(self.brush(Role.emotion(face.tone)))
        painter.setPen(self.pen(Role.INK, shapes.face_outline_width(radius)))
        painter.drawEllipse(QPointF(cx, cy), radius, radius)
        strokes, eyes, stroke = _face_paths(face.tone)
        painter.setPen(_NO_PEN)
        painter.setBrush(self.brush(Role.INK))
        for (ex, ey), er in eyes:
            painter.drawEllipse(QPointF(cx + ex * radius, cy + ey * radius), er * radius,
                                er * radius)
        painter.save()
        painter.translate(cx, cy)
        painter.scale(radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self.pen(Role.INK, stroke, round_ends=True))
        painter.drawPath(strokes)
        painter.restore()

    def _marker(self, painter: QPainter, marker: Marker, dx: float, dy: float) -> None:
        painter.setPen(_NO_PEN)
        painter.setBrush(self.brush(Role.kind(marker.kind)))
        centre = (marker.cx + dx, marker.cy + dy)
        outline = shapes.kind_marker(marker.kind, centre, marker.radius)
        if outline is None:
            painter.drawEllipse(QPointF(*centre), marker.radius, marker.radius)
        else:
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in outline]))

    def _star(self, painter: QPainter, star: Star, dx: float, dy: float) -> None:
        polygon = self._stars.get(star.radius)
        if polygon is None:
            polygon = QPolygonF([QPointF(x, y) for x, y in shapes.star((0, 0), star.radius)])
            self._stars[star.radius] = polygon
        painter.setPen(self.pen(Role.STAR_OUTLINE, shapes.STAR_OUTLINE_WIDTH))
        painter.setBrush(self.brush(Role.MOMENT_OF_TRUTH))
        painter.drawPolygon(polygon.translated(star.cx + dx, star.cy + dy))

    def _dots(self, painter: QPainter, dots: Dots, dx: float, dy: float) -> None:
        painter.setPen(_NO_PEN)
        painter.setBrush(self.brush(dots.colour))
        r = dots.radius
        for x, y in dots.centres:
            painter.drawEllipse(QPointF(x + dx, y + dy), r, r)

    def _lines(self, painter: QPainter, lines: Lines, dx: float, dy: float) -> None:
        painter.setPen(self.pen(lines.colour, lines.width, lines.dash))
        painter.drawLines([QLineF(x1 + dx, y1 + dy, x2 + dx, y2 + dy)
                           for x1, y1, x2, y2 in lines.segments])

    def _path(self, item: Curve | Area) -> QPainterPath:
        segments = item.segments if isinstance(item, Curve) else item.outline
        cached = self._curves.get(id(item))
        if cached is None or cached[0] is not item:
            path = QPainterPath()
            if segments:
                path.moveTo(*segments[0].start)
                for segment in segments:
                    path.cubicTo(QPointF(*segment.control1), QPointF(*segment.control2),
                                 QPointF(*segment.end))
                if isinstance(item, Area):
                    path.closeSubpath()
            if len(self._curves) > 256:
                self._curves.clear()
            cached = self._curves[id(item)] = (item, path)
        return cached[1]

    def _curve(self, painter: QPainter, curve: Curve, dx: float, dy: float) -> None:
        path = self._path(curve)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self.pen(curve.colour, curve.width, curve.dash, round_ends=True))
        if dx or dy:
            painter.translate(dx, dy)
            painter.drawPath(path)
            painter.translate(-dx, -dy)
        else:
            painter.drawPath(path)

    def _area(self, painter: QPainter, area: Area, dx: float, dy: float) -> None:
        path = self._path(area)
        colour = QColor(self.colour(area.colour))
        colour.setAlphaF(area.opacity)
        if dx or dy:
            path = path.translated(dx, dy)
        painter.fillPath(path, colour)

    # ----- text --------------------------------------------------------------------------------
    def _text(self, painter: QPainter, line: Text, dx: float, dy: float) -> None:
        runs = self.glyph_runs(line.text, line.bold, line.size)
        if not runs:
            return
        transform = painter.worldTransform()
        pixels = line.size * math.sqrt(abs(transform.determinant())) * _device_ratio(painter)
        if pixels > _LARGEST_CACHED_GLYPH:
            # Qt's raster engine draws glyph runs only from its glyph cache, which stops at
            # 64 px: larger text (a zoomed-in canvas, a poster title in a PNG) is filled as
            # the glyphs' outlines, at the very same positions.
            painter.setPen(_NO_PEN)
            painter.setBrush(self.brush(line.colour))
            painter.drawPath(self.text_path(line.text, line.bold, line.size)
                             .translated(line.x + dx, line.baseline + dy))
            return
        painter.setPen(self.pen(line.colour))
        origin = QPointF(line.x + dx, line.baseline + dy)
        for run in runs:
            painter.drawGlyphRun(origin, run)

    def text_path(self, text: str, bold: bool, size: float) -> QPainterPath:
        """The outlines of a line's glyphs, at the origin (baseline y = 0)."""
        key = (text, bold, size)
        found = self._paths.get(key)
        if found is None:
            found = QPainterPath()
            for run in self.glyph_runs(text, bold, size):
                raw = run.rawFont()
                for index, position in zip(run.glyphIndexes(), run.positions(), strict=True):
                    found.addPath(raw.pathForGlyph(index).translated(position))
            if len(self._paths) > 2_000:
                self._paths.clear()
            self._paths[key] = found
        return found

    def raw_font(self, name: str, size: float) -> QRawFont:
        key = (name, size)
        found = self._raw.get(key)
        if found is None:
            base = self._base_raw.get(name)
            if base is None:
                base = QRawFont(str(typeface.face(name).path), 12.0,
                                QFont.HintingPreference.PreferNoHinting)
                self._base_raw[name] = base
            found = QRawFont(base)
            found.setPixelSize(size)
            self._raw[key] = found
        return found

    def glyph_runs(self, text: str, bold: bool, size: float) -> list[QGlyphRun]:
        """The glyph runs of one line, at the origin (baseline y = 0), one per font."""
        key = (text, bold, size)
        found = self._runs.get(key)
        if found is not None:
            return found
        found = []
        x = 0.0
        scale = size / 1000
        for run in visual_text(text, bold).runs:
            face = typeface.face(run.font)
            glyphs = face.glyphs
            widths = face.widths
            default = face.default_width
            indexes = []
            positions = []
            for ch in run.text:
                code = ord(ch)
                indexes.append(glyphs.get(code, 0))
                positions.append(QPointF(x, 0.0))
                x += widths.get(code, default) * scale
            glyph_run = QGlyphRun()
            glyph_run.setRawFont(self.raw_font(run.font, size))
            glyph_run.setGlyphIndexes(indexes)
            glyph_run.setPositions(positions)
            found.append(glyph_run)
        if len(self._runs) > _CACHE_LIMIT:
            self._runs.clear()
        self._runs[key] = found
        return found


@cache
def _face_paths(tone: float) -> tuple[QPainterPath, tuple[tuple[shapes.Point, float], ...],
                                     float]:
    """Mouth and brows of a unit face as one stroked path (made once per tone)."""
    face = shapes.face(tone)
    path = QPainterPath()
    mouth = face.mouth
    path.moveTo(*mouth.start)
    path.cubicTo(QPointF(*mouth.control1), QPointF(*mouth.control2), QPointF(*mouth.end))
    for start, end in face.brows:
        path.moveTo(*start)
        path.lineTo(*end)
    return path, face.eyes, face.stroke


@cache
def renderer() -> QtRenderer:
    """The renderer every canvas item shares (needs a QGuiApplication for its fonts)."""
    return QtRenderer()


def draw(painter: QPainter, items: Sequence[Item] | tuple[Item, ...], dx: float = 0.0,
         dy: float = 0.0) -> None:
    renderer().draw(painter, items, dx, dy)
