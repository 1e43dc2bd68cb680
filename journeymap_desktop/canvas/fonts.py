"""The bundled font on screen: registration with Qt, QFonts per role, and a text measurer.

Fonts are sized in pixels (one layout unit is one pixel at 100 % zoom, whatever the screen's
DPI), and unhinted (PreferNoHinting) so Qt's advances are the font's design widths: the same
widths reportlab reads from the TTF, so the shared layout wraps identically on screen and paper.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.resources import font_path

_family: str | None = None


def ensure_fonts_loaded() -> str:
    """Register the bundled TTFs once (needs a QGuiApplication); returns the family name."""
    global _family
    if _family is None:
        family = theme.FONT_FAMILY
        for name in (theme.FONT_REGULAR_FILE, theme.FONT_BOLD_FILE):
            font_id = QFontDatabase.addApplicationFont(str(font_path(name)))
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if families:
                family = families[0]
        _family = family
    return _family


@cache
def role_font(role: FontRole) -> QFont:
    spec = theme.FONTS[role]
    font = QFont(ensure_fonts_loaded())
    font.setPixelSize(round(spec.size))
    font.setBold(spec.bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    # reportlab draws without kerning; so does the canvas, so line breaks agree.
    font.setKerning(False)
    return font


def ui_font(size: float, bold: bool = False) -> QFont:
    font = QFont(ensure_fonts_loaded())
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


class QtMeasurer:
    """layout.text.TextMeasurer on Qt's font metrics of the bundled font."""

    def __init__(self) -> None:
        self._metrics = {role: QFontMetricsF(role_font(role)) for role in FontRole}

    def width(self, text: str, role: FontRole) -> float:
        return self._metrics[role].horizontalAdvance(text)

    def ascent(self, role: FontRole) -> float:
        return self._metrics[role].ascent()

    def descent(self, role: FontRole) -> float:
        return self._metrics[role].descent()
