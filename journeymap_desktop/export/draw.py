"""The reportlab renderer of the display list (layout.display), on a canvas whose coordinates
are layout units, y down.

Callers flip the canvas (`flip_to_layout`) so every position from the shared layout is used as
is. Text is collected into one PDF text object per layer and written in one go: thousands of
cards then cost one BT/ET block instead of one per line, and each line carries its own text
matrix that turns the glyphs upright again. Shapes are written as literal operators (see pdfops
for why), faces as forms drawn once per tone and radius, and colours come from the theme's
colour roles through the Palette (RGB or CMYK).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from journeymap_desktop.export import fonts, pdfops
from journeymap_desktop.export.colours import Palette
from journeymap_desktop.layout import shapes, theme
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
from journeymap_desktop.layout.shapes import Point
from journeymap_desktop.layout.text import ELLIPSIS
from journeymap_desktop.layout.textruns import visual_text
from journeymap_desktop.layout.theme import Role
from journeymap_desktop.layout.typeface import FontMeasurer

ProgressCallback = Callable[[float], object]

# Text matrices (a, b, c, d): upright glyphs in a y-down space; in a y-up space level, and
# turned a quarter left or right (labels along a sheet's side margins).
_Y_DOWN = "1 0 0 -1"
_Y_UP = {0: "1 0 0 1", 90: "0 1 -1 0", -90: "0 -1 1 0"}
MIN_LINE_PT = 0.25  # the thinnest line a press holds reliably


def flip_to_layout(canvas: Canvas, x: float, top: float, scale: float) -> None:
    """Make layout point (0, 0) land at page point (x, top) with y growing downwards."""
    canvas.translate(x, top)
    canvas.scale(scale, -scale)


def min_line(scale: float) -> float:
    """The thinnest stroke, in layout units, that prints at least MIN_LINE_PT at `scale`."""
    return MIN_LINE_PT / max(scale, 1e-6)


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


class _TextPlate:
    """The operators of one text object and the state they leave (font, colour)."""

    def __init__(self) -> None:
        self.ops: list[str] = []
        self.font: tuple[str, float] | None = None
        self.colour: str | None = None


class TextLayer:
    """Text lines gathered into text objects, drawn by `flush()`. In a y-down space (the
    layout's) unless `y_down` is False (plain page coordinates). `scale` turns layout units
    into printed points: through a press profile, text small as printed goes into a text
    object of its own that prints solid black on the black plate only, overprinting."""

    def __init__(self, canvas: Canvas, palette: Palette, y_down: bool = True,
                 scale: float = 1.0) -> None:
        self.canvas = canvas
        self.palette = palette
        self.y_down = y_down
        self.scale = scale
        self._knockout = _TextPlate()
        self._overprint = _TextPlate()
        self._chunks: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._doc = canvas._doc  # reportlab's dynamic-font API needs the document

    def _subset_chunks(self, font_name: str, text: str) -> list[tuple[str, str]]:
        """(internal subset font name, hex glyph codes) for a run, via reportlab's documented
        dynamic-font API; hex strings need no escaping."""
        key = (font_name, text)
        found = self._chunks.get(key)
        if found is None:
            fonts.ensure(font_name)
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
        fill, overprint = self.palette.text_op(colour, size * self.scale)
        plate = self._overprint if overprint else self._knockout
        ops = plate.ops
        if fill != plate.colour:
            ops.append(fill)
            plate.colour = fill
        # In a y-down space d = -1 undoes the page flip for the glyphs only.
        matrix = _Y_DOWN if self.y_down else _Y_UP[rotate]
        ops.append(f"{matrix} {x:.2f} {baseline:.2f} Tm")
        if drawn.actual is not None:
            # Marked content is legal inside BT/ET and makes viewers copy and search the
            # words as written, not the reordered or substituted glyphs.
            ops.append(f"/Span <</ActualText {pdfops.utf16_hex(drawn.actual)}>> BDC")
        for run in drawn.runs:
            for font_name, glyphs in self._subset_chunks(run.font, run.text):
                if plate.font != (font_name, size):
                    ops.append(f"{font_name} {size:.2f} Tf")
                    plate.font = (font_name, size)
                ops.append(f"<{glyphs}> Tj")
        if drawn.actual is not None:
            ops.append("EMC")

    def width(self, text: str, size: float, bold: bool) -> float:
        return text_width(text, size, bold)

    def fit(self, text: str, size: float, bold: bool, width: float) -> str:
        return fit_text(text, size, bold, width)

    def item(self, line: Text, dx: float = 0.0, dy: float = 0.0) -> None:
        """A display-list line, in the theme colour its role names."""
        self.draw(line.text, line.x + dx, line.baseline + dy, line.size, line.bold,
                  theme.colour(line.colour))

    def flush(self) -> None:
        if self._knockout.ops:
            self.canvas.addLiteral("BT " + " ".join(self._knockout.ops) + " ET")
        if self._overprint.ops:
            c = self.canvas
            c.saveState()
            c.setFillOverprint(True)
            c.setOverprintMask(True)
            c.addLiteral("BT " + " ".join(self._overprint.ops) + " ET")
            c.restoreState()
        self._knockout = _TextPlate()
        self._overprint = _TextPlate()


class Shapes:
    """Faces as PDF forms, one per tone, radius and thinnest line, drawn once and placed
    many times: a poster of thousands of cards stays small and fast."""

    def __init__(self, canvas: Canvas, palette: Palette) -> None:
        self.canvas = canvas
        self.palette = palette
        self.min_line = 0.0  # layout units: no stroke of a face thinner than this
        self._forms: set[tuple[float, float, float]] = set()

    def prepare_faces(self, radii: Iterable[float], min_line: float | None = None) -> None:
        """Define face forms ahead of use: reportlab cannot define a form inside another.
        `min_line` (layout units) becomes the thinnest stroke of the faces drawn next."""
        if min_line is not None:
            self.min_line = min_line
        for radius in radii:
            for tone in theme.FACE_TONES:
                self._define_face(tone, radius)

    def _form_name(self, tone: float, radius: float) -> str:
        line = f"m{self.min_line:.3g}" if self.min_line else ""
        return f"jmface{round(tone * theme.FACE_TONE_STEPS)}r{radius:g}{line}".replace(".", "_")

    def _define_face(self, tone: float, radius: float) -> str:
        name = self._form_name(tone, radius)
        if (tone, radius, self.min_line) in self._forms:
            return name
        c = self.canvas
        pad = radius + 2 + self.min_line
        c.beginForm(name, -pad, -pad, pad, pad)
        # Drawn in y-down units around the origin, so doForm in a y-down space is upright.
        self._draw_face(tone, radius)
        c.endForm()
        self._forms.add((tone, radius, self.min_line))
        return name

    def _draw_face(self, tone: float, radius: float) -> None:
        c = self.canvas
        ink = self.palette(theme.colour(Role.INK), line=True)  # fine features: K alone
        c.setFillColor(self.palette(theme.colour(Role.emotion(tone))))
        c.setStrokeColor(ink)
        c.setLineWidth(max(shapes.face_outline_width(radius), self.min_line))
        c.circle(0, 0, radius, stroke=1, fill=1)
        geometry = shapes.face(tone)
        c.setFillColor(ink)
        for (ex, ey), er in geometry.eyes:
            c.circle(ex * radius, ey * radius, er * radius, stroke=0, fill=1)
        c.setLineWidth(max(geometry.stroke * radius, self.min_line))
        c.setLineCap(1)
        path = c.beginPath()
        m = shapes.scaled_cubic(geometry.mouth, (0, 0), radius)
        path.moveTo(*m.start)
        path.curveTo(*m.control1, *m.control2, *m.end)
        for start, end in geometry.brows:
            path.moveTo(start[0] * radius, start[1] * radius)
            path.lineTo(end[0] * radius, end[1] * radius)
        c.drawPath(path, stroke=1, fill=0)

    def face(self, centre: Point, radius: float, tone: float) -> None:
        name = self._define_face(tone, radius)
        c = self.canvas
        c.addLiteral(f"q {pdfops.translate(*centre)}")
        c.doForm(name)  # public call: it also lists the form in the page's resources
        c.addLiteral("Q")


class PdfRenderer:
    """Draws display lists on a reportlab canvas: shapes as they come, text into one text
    object per list, on top (nothing in a map's picture overlaps its text)."""

    def __init__(self, canvas: Canvas, palette: Palette, shapes: Shapes,
                 hairline: float = 0.75, scale: float = 1.0) -> None:
        self.canvas = canvas
        self.palette = palette
        self.shapes = shapes
        # Printed points per layout unit: text knows its printed size, and no stroke prints
        # thinner than MIN_LINE_PT.
        self.scale = scale
        self.min_line = min_line(scale)
        # Screen hairlines are one device pixel; paper gets the given width in layout units.
        self.hairline = max(hairline, self.min_line)
        self._dispatch: dict[type, Callable[[Any, float, float], None]] = {
            Box: self._box, Bar: self._bar, Face: self._face, Marker: self._marker,
            Star: self._star, Dots: self._dots, Lines: self._lines, Curve: self._curve,
            Area: self._area,
            Group: self._group, Text: self._text,
        }
        self._text_layer: TextLayer | None = None
        self._origin = (0.0, 0.0)  # where the current group's (0, 0) is, for its text
        self._progress: ProgressCallback | None = None
        self._done = 0
        self._total = 1
        self._depth = 0

    def _fill(self, role: str) -> str:
        return self.palette.fill_op(theme.colour(role))

    def _stroke(self, role: str) -> str:
        return self.palette.stroke_op(theme.colour(role))

    def draw(self, items: Iterable[Item], text: TextLayer | None = None,
             progress: ProgressCallback | None = None) -> None:
        """Draw `items`; their text goes into `text` (flushed by the caller) or into a text
        layer of its own, written after the shapes. `progress` hears 0..1 as the list and
        the groups in it (a map's cards) are drawn."""
        own = text is None
        self.shapes.min_line = self.min_line  # faces drawn now print no thinner either
        layer = TextLayer(self.canvas, self.palette, scale=self.scale) if text is None else text
        self._text_layer = layer
        listed = list(items)
        self._progress = progress
        self._done = 0
        self._total = max(1, len(listed) + sum(len(item.items) for item in listed
                                               if isinstance(item, Group)))
        self._depth = 0
        dispatch = self._dispatch
        for item in listed:
            dispatch[type(item)](item, 0.0, 0.0)
            self._tick()
        if own:
            layer.flush()
        self._text_layer = None
        self._progress = None

    def _tick(self) -> None:
        self._done += 1
        if self._progress is not None and self._done % 250 == 0:
            self._progress(self._done / self._total)

    def _group(self, group: Group, dx: float, dy: float) -> None:
        # Shapes inside are drawn in the group's own coordinates (one `cm`); its text goes
        # to the text layer, drawn later, so it is placed from the accumulated origin.
        outer = self._origin
        self._origin = (outer[0] + dx + group.dx, outer[1] + dy + group.dy)
        self._depth += 1
        self.canvas.addLiteral(f"q {pdfops.translate(dx + group.dx, dy + group.dy)}")
        dispatch = self._dispatch
        top = self._depth == 1
        for item in group.items:
            dispatch[type(item)](item, 0.0, 0.0)
            if top:
                self._tick()
        self.canvas.addLiteral("Q")
        self._depth -= 1
        self._origin = outer

    def _text(self, line: Text, dx: float, dy: float) -> None:
        assert self._text_layer is not None
        self._text_layer.item(line, self._origin[0] + dx, self._origin[1] + dy)

    def _box(self, box: Box, dx: float, dy: float) -> None:
        x, y = box.x + dx, box.y + dy
        path = (pdfops.round_rect(x, y, box.w, box.h, box.radius) if box.radius
                else pdfops.rect(x, y, box.w, box.h))
        if box.stroke is None:
            if box.fill is not None:
                self.canvas.addLiteral(f"{self._fill(box.fill)} {path} f")
            return
        width = max(box.stroke_width, self.min_line) if box.stroke_width else self.hairline
        paint = "S" if box.fill is None else "b"
        fill = "" if box.fill is None else f"{self._fill(box.fill)} "
        self.canvas.addLiteral(f"q {fill}{self._stroke(box.stroke)} {width:.3f} w "
                               f"{path} {paint} Q")

    def _bar(self, bar: Bar, dx: float, dy: float) -> None:
        x, y = bar.x + dx, bar.y + dy
        outline = pdfops.round_rect(x, y, bar.w, bar.h, bar.radius)
        self.canvas.addLiteral(f"q {outline} W n {self._fill(bar.fill)} "
                               f"{pdfops.rect(x, y, bar.bar_width, bar.h)} f Q")

    def _face(self, face: Face, dx: float, dy: float) -> None:
        self.shapes.face((face.cx + dx, face.cy + dy), face.radius, face.tone)

    def _polygon(self, points: list[Point], fill: str, stroke: str | None = None,
                 width: float = 0.0) -> None:
        path = pdfops.polygon(points)
        if stroke is None:
            self.canvas.addLiteral(f"{self._fill(fill)} {path} f")
        else:
            self.canvas.addLiteral(f"q {self._fill(fill)} {self._stroke(stroke)} "
                                   f"{width:.2f} w 1 j {path} b Q")

    def _marker(self, marker: Marker, dx: float, dy: float) -> None:
        centre = (marker.cx + dx, marker.cy + dy)
        outline = shapes.kind_marker(marker.kind, centre, marker.radius)
        role = Role.kind(marker.kind)
        if outline is None:
            self.canvas.addLiteral(f"{self._fill(role)} "
                                   f"{pdfops.circle(*centre, marker.radius)} f")
        else:
            self._polygon(outline, role)

    def _star(self, star: Star, dx: float, dy: float) -> None:
        self._polygon(shapes.star((star.cx + dx, star.cy + dy), star.radius),
                      Role.MOMENT_OF_TRUTH, Role.STAR_OUTLINE,
                      max(shapes.STAR_OUTLINE_WIDTH, self.min_line))

    def _dots(self, dots: Dots, dx: float, dy: float) -> None:
        paths = " ".join(pdfops.circle(x + dx, y + dy, dots.radius) for x, y in dots.centres)
        if paths:
            self.canvas.addLiteral(f"{self._fill(dots.colour)} {paths} f")

    def _lines(self, lines: Lines, dx: float, dy: float) -> None:
        if not lines.segments:
            return
        width = max(lines.width, self.min_line) if lines.width else self.hairline
        dash = (f"[{lines.dash[0] * width:.2f} {lines.dash[1] * width:.2f}] 0 d "
                if lines.dash else "")
        segments = [(x1 + dx, y1 + dy, x2 + dx, y2 + dy) for x1, y1, x2, y2 in lines.segments]
        self.canvas.addLiteral(f"q {self._stroke(lines.colour)} {width:.3f} w 0 J {dash}"
                               f"{pdfops.lines(segments)} S Q")

    def _curve(self, curve: Curve, dx: float, dy: float) -> None:
        if not curve.segments:
            return
        first = curve.segments[0].start
        parts = [f"{first[0] + dx:.2f} {first[1] + dy:.2f} m"]
        for s in curve.segments:
            parts.append(f"{s.control1[0] + dx:.2f} {s.control1[1] + dy:.2f} "
                         f"{s.control2[0] + dx:.2f} {s.control2[1] + dy:.2f} "
                         f"{s.end[0] + dx:.2f} {s.end[1] + dy:.2f} c")
        width = max(curve.width, self.min_line)
        dash = (f"[{' '.join(f'{d * width:.2f}' for d in curve.dash)}] 0 d "
                if curve.dash else "")
        self.canvas.addLiteral(f"q {self._stroke(curve.colour)} {width:.2f} w 1 J 1 j {dash}"
                               f"{' '.join(parts)} S Q")

    def _area(self, area: Area, dx: float, dy: float) -> None:
        """A translucent fill (PDF/X-4 allows transparency): reportlab's own state calls,
        so its record of the graphics state's alpha is put back with the `Q`."""
        if not area.outline:
            return
        first = area.outline[0].start
        parts = [f"{first[0] + dx:.2f} {first[1] + dy:.2f} m"]
        for s in area.outline:
            parts.append(f"{s.control1[0] + dx:.2f} {s.control1[1] + dy:.2f} "
                         f"{s.control2[0] + dx:.2f} {s.control2[1] + dy:.2f} "
                         f"{s.end[0] + dx:.2f} {s.end[1] + dy:.2f} c")
        self.canvas.saveState()
        if area.opacity < 1.0:
            self.canvas.setFillAlpha(area.opacity)
        self.canvas.addLiteral(f"{self._fill(area.colour)} {' '.join(parts)} h f")
        self.canvas.restoreState()


def new_canvas(target: object, page_size: tuple[float, float], cmyk: bool,
               pdf_version: tuple[int, int] | None = None) -> Canvas:
    """A canvas that only ever uses the bundled fonts, compresses pages (Flate only: the
    ASCII85 layer reportlab adds by default makes streams a quarter larger for nothing in a
    binary file) and, for CMYK, refuses any RGB colour set through its API (literal operators
    get theirs from the same Palette)."""
    fonts.register_fonts()
    rl_config.useA85 = 0
    return Canvas(
        target,
        pagesize=page_size,
        pageCompression=1,
        initialFontName=fonts.PRIMARY_REGULAR,
        enforceColorSpace="cmyk" if cmyk else None,
        pdfVersion=pdf_version,
    )
