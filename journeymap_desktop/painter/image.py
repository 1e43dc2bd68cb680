"""PNG images of a display list, drawn headless by the canvas's own renderer."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QGuiApplication, QImage, QImageWriter, QPainter

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.display import Item
from journeymap_desktop.painter.render import renderer

_app: QGuiApplication | None = None


def _ensure_application() -> None:
    """Qt draws fonts only inside an application; the command line has none, so make one
    that needs no display."""
    global _app
    if QGuiApplication.instance() is None:
        _app = QGuiApplication([sys.argv[0] if sys.argv else "journeymap",
                                "-platform", "offscreen"])


def render_png(items: Sequence[Item], pixels_w: int, pixels_h: int, scale: float,
               dpi: float) -> bytes:
    """The items drawn on an image of `pixels_w` × `pixels_h`, `scale` pixels per layout
    unit, as PNG bytes that record `dpi` (so a viewer or a layout program knows its printed
    size)."""
    _ensure_application()
    image = QImage(pixels_w, pixels_h, QImage.Format.Format_RGB32)
    if image.isNull():
        raise MemoryError(f"no memory for an image of {pixels_w} × {pixels_h} pixels")
    image.fill(QColor(theme.colour(theme.Role.CANVAS)))
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        renderer().draw(painter, items)
    finally:
        painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):
        raise OSError(f"Qt could not encode the PNG: {writer.errorString()}")
    return bytes(buffer.data().data())
