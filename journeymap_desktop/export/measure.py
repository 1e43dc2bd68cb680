"""Text measurement for the PDF: the layout's TextMeasurer on reportlab's font metrics.

The PDF is laid out by the same LayoutEngine as the canvas, measured on the same TTF files, so
cards break their lines at the same words on paper as on screen. Widths come from exactly what
is drawn (fallback fonts, joined Arabic, replacement boxes: see textruns), so a line the layout
fitted into a card is never wider when printed.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat

from reportlab.pdfbase import pdfmetrics

from journeymap_desktop.export import fonts
from journeymap_desktop.export.textruns import visual_text
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.theme import FontRole

_WidthFunction = Callable[[str, float], float]


def _width_function(font_name: str) -> _WidthFunction:
    """reportlab's TTFont.stringWidth (the same sum of advance widths, without kerning), but
    iterating in C: the layout measures hundreds of thousands of words on large maps."""
    face = pdfmetrics.getFont(font_name).face
    get = face.charWidths.get
    default = face.defaultWidth

    def width(text: str, size: float) -> float:
        return 0.001 * size * sum(map(get, map(ord, text), repeat(default)))

    return width


class ReportlabMeasurer:
    """layout.text.TextMeasurer in layout units (points at scale 1) at each role's size."""

    def __init__(self) -> None:
        fonts.register_fonts()
        self._width_of: dict[str, _WidthFunction] = {}
        names = (fonts.PRIMARY_REGULAR, fonts.PRIMARY_BOLD, fonts.FALLBACK_REGULAR,
                 fonts.FALLBACK_BOLD)
        for name in names:
            self._width_of[name] = _width_function(name)

    def text_width(self, text: str, size: float, bold: bool) -> float:
        """Width of `text` drawn at `size` points, any size (the title block uses its own)."""
        drawn = visual_text(text, bold)
        return sum(self._width_of[run.font](run.text, size) for run in drawn.runs)

    def width(self, text: str, role: FontRole) -> float:
        spec = theme.FONTS[role]
        return self.text_width(text, spec.size, spec.bold)

    def ascent(self, role: FontRole) -> float:
        spec = theme.FONTS[role]
        return fonts.pair(spec.bold).primary.ascent * spec.size / 1000

    def descent(self, role: FontRole) -> float:
        spec = theme.FONTS[role]
        return -fonts.pair(spec.bold).primary.descent * spec.size / 1000


    def baseline(self, top: float, role: FontRole, factor: float = 1.0) -> float:
        """Baseline of a line whose box starts at `top`, as the layout engine places it."""
        ascent = self.ascent(role) * factor
        descent = self.descent(role) * factor
        return top + (theme.line_height(role) * factor - (ascent + descent)) / 2 + ascent


class ScaledMeasurer:
    """A measurer for text set `factor` times larger than its role (the poster's title block),
    so the shared Wrapper can wrap it too."""

    def __init__(self, base: ReportlabMeasurer, factor: float) -> None:
        self.base = base
        self.factor = factor

    def width(self, text: str, role: FontRole) -> float:
        return self.base.width(text, role) * self.factor

    def ascent(self, role: FontRole) -> float:
        return self.base.ascent(role) * self.factor

    def descent(self, role: FontRole) -> float:
        return self.base.descent(role) * self.factor
