"""The bundled font in Qt widgets: registration with Qt and a QFont per role.

The canvas itself measures and draws text without QFont (layout.typeface measures from the
TTF files, painter.render draws glyph runs at those advances); these fonts serve the widgets
that edit text in place, so typing looks like the card it edits. Sized in pixels (one layout
unit is one pixel at 100 % zoom, whatever the screen's DPI), unhinted and without kerning.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.resources import font_path

_families: list[str] | None = None


def _register(files: tuple[str, ...], default: str) -> str:
    family = default
    for name in files:
        font_id = QFontDatabase.addApplicationFont(str(font_path(name)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
    return family


def ensure_fonts_loaded() -> list[str]:
    """Register the bundled TTFs once (needs a QGuiApplication). Returns the families to ask
    for, in order: Noto Sans, then the same fallbacks the PDF uses, so Hebrew, a check mark
    or Chinese is measured (and wraps) on screen as it will print."""
    global _families
    if _families is None:
        _families = [
            _register((theme.FONT_REGULAR_FILE, theme.FONT_BOLD_FILE), theme.FONT_FAMILY),
            _register((theme.FALLBACK_REGULAR_FILE, theme.FALLBACK_BOLD_FILE),
                      theme.FALLBACK_FAMILY),
            _register((theme.CJK_FILE,), theme.CJK_FAMILY),
        ]
    return _families


@cache
def role_font(role: FontRole) -> QFont:
    """The font of a role, shared: copy it (QFont(role_font(r))) before changing it."""
    spec = theme.FONTS[role]
    font = QFont()
    font.setFamilies(ensure_fonts_loaded())
    font.setPixelSize(round(spec.size))
    font.setBold(spec.bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    # reportlab draws without kerning; so does the canvas, so line breaks agree.
    font.setKerning(False)
    return font
