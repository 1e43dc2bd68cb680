"""Icons drawn as the map draws its faces, kind markers and stars, so menus match the map."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

from journeymap_desktop.layout.display import Face, Marker, Star
from journeymap_desktop.painter.render import draw

_SIZE = 32


def _canvas() -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(_SIZE, _SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    return pixmap, painter


@cache
def face_icon(tone: float) -> QIcon:
    """A face for a tone (0 most negative .. 1 most positive, theme.face_tone)."""
    pixmap, painter = _canvas()
    draw(painter, (Face(_SIZE / 2, _SIZE / 2, _SIZE / 2 - 2, tone),))
    painter.end()
    return QIcon(pixmap)


@cache
def kind_icon(kind: str) -> QIcon:
    pixmap, painter = _canvas()
    draw(painter, (Marker(kind, _SIZE / 2, _SIZE / 2 + 1, _SIZE / 2 - 5),))
    painter.end()
    return QIcon(pixmap)


@cache
def star_icon() -> QIcon:
    pixmap, painter = _canvas()
    draw(painter, (Star(_SIZE / 2, _SIZE / 2 + 1, _SIZE / 2 - 3),))
    painter.end()
    return QIcon(pixmap)
