"""Printer's marks, in page coordinates (points, y up): crop marks and a slug line outside a
poster's trim, and the cut and overlap marks in the margins of tile sheets."""

from __future__ import annotations

from reportlab.lib.colors import CMYKColor, Color
from reportlab.pdfgen.canvas import Canvas

from journeymap_desktop.export.colours import Palette
from journeymap_desktop.export.options import MM
from journeymap_desktop.export.plan import Box

MARK_WIDTH = 0.25  # pt, the usual hairline for crop marks


def registration(palette: Palette) -> Color:
    """Marks print on every plate in CMYK (registration colour), plain black in RGB."""
    return CMYKColor(1, 1, 1, 1) if palette.cmyk else Color(0, 0, 0)


def crop_marks(canvas: Canvas, trim: Box, offset: float, length: float,
               palette: Palette) -> None:
    """Two short lines at each corner, on the trim lines extended, starting `offset` outside
    the trim so none of them reaches into the bleed."""
    lines = []
    for x, sx in ((trim.x0, -1), (trim.x1, 1)):
        for y, sy in ((trim.y0, -1), (trim.y1, 1)):
            lines.append((x + sx * offset, y, x + sx * (offset + length), y))
            lines.append((x, y + sy * offset, x, y + sy * (offset + length)))
    canvas.saveState()
    canvas.setStrokeColor(registration(palette))
    canvas.setLineWidth(MARK_WIDTH)
    canvas.setDash([])
    canvas.lines(lines)
    canvas.restoreState()


def corner_ticks(canvas: Canvas, box: Box, gap: float, length: float, colour: Color,
                 width: float = 0.4) -> None:
    """Crop-mark style ticks at a box's corners, outside it (a tile sheet's image edges)."""
    crop_marks_lines = []
    for x, sx in ((box.x0, -1), (box.x1, 1)):
        for y, sy in ((box.y0, -1), (box.y1, 1)):
            crop_marks_lines.append((x + sx * gap, y, x + sx * (gap + length), y))
            crop_marks_lines.append((x, y + sy * gap, x, y + sy * (gap + length)))
    canvas.saveState()
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(width)
    canvas.lines(crop_marks_lines)
    canvas.restoreState()


def overlap_ticks(canvas: Canvas, image: Box, overlap: float, neighbours: dict[str, bool],
                  colour: Color) -> None:
    """Dashed ticks in the margins where a neighbouring sheet's image begins or ends, so the
    overlaps can be lined up: `neighbours` says which sides ("left", "right", "top",
    "bottom") have a sheet."""
    gap, length = 1.5 * MM, 5 * MM
    lines = []
    if neighbours.get("left"):
        x = image.x0 + overlap
        lines += [(x, image.y1 + gap, x, image.y1 + gap + length),
                  (x, image.y0 - gap, x, image.y0 - gap - length)]
    if neighbours.get("right"):
        x = image.x1 - overlap
        lines += [(x, image.y1 + gap, x, image.y1 + gap + length),
                  (x, image.y0 - gap, x, image.y0 - gap - length)]
    if neighbours.get("top"):
        y = image.y1 - overlap
        lines += [(image.x0 - gap, y, image.x0 - gap - length, y),
                  (image.x1 + gap, y, image.x1 + gap + length, y)]
    if neighbours.get("bottom"):
        y = image.y0 + overlap
        lines += [(image.x0 - gap, y, image.x0 - gap - length, y),
                  (image.x1 + gap, y, image.x1 + gap + length, y)]
    if not lines:
        return
    canvas.saveState()
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(0.5)
    canvas.setDash([2, 1.5])
    canvas.lines(lines)
    canvas.restoreState()
