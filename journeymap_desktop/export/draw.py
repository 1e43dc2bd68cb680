"""Low-level drawing on a reportlab canvas whose coordinates are layout units, y down.

Callers flip the canvas (`flip_to_layout`) so every position from the shared layout is used as
is. Text is collected into one PDF text object per layer and written in one go: thousands of
cards then cost one BT/ET block instead of one per line, and each line carries its own text
matrix that turns the glyphs upright again. Bulk shapes and text are written as literal
operators (see pdfops for why).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from journeymap_desktop.export import fonts, pdfops
from journeymap_desktop.export.colours import Palette
from journeymap_desktop.layout import shapes, theme
from journeymap_desktop.layout.geometry import TextLine
from journeymap_desktop.layout.shapes import Point
from journeymap_desktop.layout.text import ELLIPSIS
from journeymap_desktop.layout.textruns import visual_text
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.layout.typeface import FontMeasurer

STAR_OUTLINE = "#9A6A00"

# Text matrices (a, b, c, d): upright glyphs in a y-down space; in a y-up space level, and
# turned a quarter left or right (labels along a sheet's side margins).
_Y_DOWN = "1 0 0 -1"
_Y_UP = {0: "1 0 0 1", 90: "0 1 -1 0", -90: "0 -1 1 0"}


def flip_to_layout(canvas: Canvas, x: float, top: float, scale: float) -> None:
    """Make layout point (0, 0) land at page point (x, top) with y growing downwards."""
    canvas.translate(x, top)
    canvas.scale(scale, -scale)


@cache
def _measurer() -> FontMeasurer:
    return FontMeasurer()


def text_width(text: str, size: float, bold: bool) -> float:
    """Width of `text` as TextLayer draws it (the one measurer's width)."""
    return _measurer().text_width(text, size, bold)


def fit_text(text: str, size: float, bold: bool, width: float) -> str:
    """`text`, or its longest start that fits `width` followed by an ellipsis."""
    if text_width(text, size, bold) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + ELLIPSIS, size, bold) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS if low else ""


class TextLayer:
    """Text lines gathered into one text object, drawn by `flush()`. In a y-down space (the
    layout's) unless `y_down` is False (plain page coordinates)."""

    def __init__(self, canvas: Canvas, palette: Palette, y_down: bool = True) -> None:
        self.canvas = canvas
        self.palette = palette
        self.y_down = y_down
        self._ops: list[str] = []
        self._font: tuple[str, float] | None = None
        self._colour: str | None = None
        self._chunks: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._doc = canvas._doc  # reportlab's dynamic-font API needs the document

    def _subset_chunks(self, font_name: str, text: str) -> list[tuple[str, str]]:
        """(internal subset font name, hex glyph codes) for a run, via reportlab's documented
        dynamic-font API; hex strings need no escaping."""
        key = (font_name, text)
        found = self._chunks.get(key)
        if found is None:
            font = pdfmetrics.getFont(font_name)
            found = [(font.getSubsetInternalName(subset, self._doc), chunk.hex())
                     for subset, chunk in font.splitString(text, self._doc)]
            if len(self._chunks) > 50_000:
                self._chunks.clear()
            self._chunks[key] = found
        return found

    def draw(self, text: str, x: float, baseline: float, size: float, bold: bool,
             colour: str, rotate: int = 0) -> None:
        if not text:
            return
        drawn = visual_text(text, bold)
        if not drawn.runs:
            return
        ops = self._ops
        if colour != self._colour:
            ops.append(self.palette.fill_op(colour))
            self._colour = colour
        # In a y-down space d = -1 undoes the page flip for the glyphs only.
        matrix = _Y_DOWN if self.y_down else _Y_UP[rotate]
        ops.append(f"{matrix} {x:.2f} {baseline:.2f} Tm")
        if drawn.actual is not None:
            # Marked content is legal inside BT/ET and makes viewers copy and search the
            # words as written, not the reordered or substituted glyphs.
            ops.append(f"/Span <</ActualText {pdfops.utf16_hex(drawn.actual)}>> BDC")
        for run in drawn.runs:
            for font_name, glyphs in self._subset_chunks(run.font, run.text):
                if self._font != (font_name, size):
                    ops.append(f"{font_name} {size:.2f} Tf")
                    self._font = (font_name, size)
                ops.append(f"<{glyphs}> Tj")
        if drawn.actual is not None:
            ops.append("EMC")

    def width(self, text: str, size: float, bold: bool) -> float:
        return text_width(text, size, bold)

    def fit(self, text: str, size: float, bold: bool, width: float) -> str:
        return fit_text(text, size, bold, width)

    def line(self, line: TextLine | None, colour: str, dx: float = 0.0,
             dy: float = 0.0) -> None:
        if line is None:
            return
        spec = theme.FONTS[line.role]
        self.draw(line.text, line.x + dx, line.baseline + dy, spec.size, spec.bold, colour)

    def line_at(self, text: str, x: float, baseline: float, role: FontRole,
                colour: str) -> None:
        spec = theme.FONTS[role]
        self.draw(text, x, baseline, spec.size, spec.bold, colour)

    def lines(self, lines: Iterable[TextLine], colour: str, dx: float = 0.0,
              dy: float = 0.0) -> None:
        for line in lines:
            self.line(line, colour, dx, dy)

    def flush(self) -> None:
        if self._ops:
            self.canvas.addLiteral("BT " + " ".join(self._ops) + " ET")
        self._ops = []
        self._font = None
        self._colour = None


class Shapes:
    """Faces, kind markers, stars and dots. Faces are PDF forms, one per level and radius,
    drawn once and placed many times: a poster of thousands of cards stays small and fast."""

    def __init__(self, canvas: Canvas, palette: Palette) -> None:
        self.canvas = canvas
        self.palette = palette
        self._forms: set[tuple[int, float]] = set()

    def prepare_faces(self, radii: Iterable[float]) -> None:
        """Define face forms ahead of use: reportlab cannot define a form inside another."""
        for radius in radii:
            for level in range(-2, 3):
                self._define_face(level, radius)

    def _form_name(self, level: int, radius: float) -> str:
        return f"jmface{level + 2}r{radius:g}".replace(".", "_")

    def _define_face(self, level: int, radius: float) -> str:
        name = self._form_name(level, radius)
        if (level, radius) in self._forms:
            return name
        c = self.canvas
        pad = radius + 2
        c.beginForm(name, -pad, -pad, pad, pad)
        # Drawn in y-down units around the origin, so doForm in a y-down space is upright.
        self._draw_face(level, radius)
        c.endForm()
        self._forms.add((level, radius))
        return name

    def _draw_face(self, level: int, radius: float) -> None:
        c = self.canvas
        ink = self.palette(theme.INK)
        c.setFillColor(self.palette(theme.EMOTION_COLOURS[level]))
        c.setStrokeColor(ink)
        c.setLineWidth(max(0.8, radius * 0.09))
        c.circle(0, 0, radius, stroke=1, fill=1)
        geometry = shapes.face(level)
        c.setFillColor(ink)
        for (ex, ey), er in geometry.eyes:
            c.circle(ex * radius, ey * radius, er * radius, stroke=0, fill=1)
        c.setLineWidth(geometry.stroke * radius)
        c.setLineCap(1)
        path = c.beginPath()
        m = shapes.scaled_cubic(geometry.mouth, (0, 0), radius)
        path.moveTo(*m.start)
        path.curveTo(*m.control1, *m.control2, *m.end)
        for start, end in geometry.brows:
            path.moveTo(start[0] * radius, start[1] * radius)
            path.lineTo(end[0] * radius, end[1] * radius)
        c.drawPath(path, stroke=1, fill=0)

    def face(self, centre: Point, radius: float, level: int) -> None:
        name = self._define_face(level, radius)
        c = self.canvas
        c.addLiteral(f"q {pdfops.translate(*centre)}")
        c.doForm(name)  # public call: it also lists the form in the page's resources
        c.addLiteral("Q")

    def polygon(self, points: Sequence[Point], fill: str, stroke: str | None = None,
                width: float = 0.0) -> None:
        path = pdfops.polygon(points)
        if stroke is None:
            self.canvas.addLiteral(f"{self.palette.fill_op(fill)} {path} f")
        else:
            self.canvas.addLiteral(f"q {self.palette.fill_op(fill)} "
                                   f"{self.palette.stroke_op(stroke)} {width:.2f} w 1 j "
                                   f"{path} b Q")

    def kind_marker(self, kind: str, centre: Point, radius: float) -> None:
        outline = shapes.kind_marker(kind, centre, radius)
        colour = theme.KIND_COLOURS[kind]
        if outline is None:
            self.canvas.addLiteral(f"{self.palette.fill_op(colour)} "
                                   f"{pdfops.circle(*centre, radius)} f")
        else:
            self.polygon(outline, colour)

    def star(self, centre: Point, radius: float) -> None:
        self.polygon(shapes.star(centre, radius), theme.MOMENT_OF_TRUTH_COLOUR, STAR_OUTLINE,
                     0.8)

    def dots(self, centres: Iterable[Point], radius: float, colour: str) -> None:
        paths = " ".join(pdfops.circle(x, y, radius) for x, y in centres)
        if paths:
            self.canvas.addLiteral(f"{self.palette.fill_op(colour)} {paths} f")


def new_canvas(target: object, page_size: tuple[float, float], cmyk: bool) -> Canvas:
    """A canvas that only ever uses the bundled fonts, compresses pages and, for CMYK, refuses
    any RGB colour set through its API (literal operators get theirs from the same Palette)."""
    fonts.register_fonts()
    return Canvas(
        target,
        pagesize=page_size,
        pageCompression=1,
        initialFontName=fonts.PRIMARY_REGULAR,
        enforceColorSpace="cmyk" if cmyk else None,
    )
