"""The bundled TrueType fonts, registered with reportlab once.

Noto Sans draws everything it can (Latin, Greek, Cyrillic), so the PDF matches the canvas. DejaVu
Sans is a fallback for what Noto Sans lacks (Hebrew, Arabic, arrows, check marks, the replacement
box). reportlab embeds a subset of every TTFont it draws with, so no font is ever referenced
without being embedded.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.resources import font_path

FALLBACK_REGULAR_FILE = theme.FALLBACK_REGULAR_FILE
FALLBACK_BOLD_FILE = theme.FALLBACK_BOLD_FILE

# Names inside reportlab's global font registry; prefixed so they never clash with a font some
# other code in the same process registers.
PRIMARY_REGULAR = "JourneyMap-NotoSans"
PRIMARY_BOLD = "JourneyMap-NotoSans-Bold"
FALLBACK_REGULAR = "JourneyMap-DejaVuSans"
FALLBACK_BOLD = "JourneyMap-DejaVuSans-Bold"

_FILES = {
    PRIMARY_REGULAR: theme.FONT_REGULAR_FILE,
    PRIMARY_BOLD: theme.FONT_BOLD_FILE,
    FALLBACK_REGULAR: FALLBACK_REGULAR_FILE,
    FALLBACK_BOLD: FALLBACK_BOLD_FILE,
}

_lock = threading.Lock()  # the GUI may export from a worker thread


class FontError(RuntimeError):
    """A bundled font file is missing or unreadable (a broken installation)."""


@dataclass(frozen=True)
class FontFace:
    """One registered font: its registry name, the characters it has and its vertical metrics
    (per 1000 units of the font size, descent negative as in the TTF)."""

    name: str
    coverage: frozenset[int]
    ascent: float
    descent: float


@dataclass(frozen=True)
class FontPair:
    """The font to try first and the one for characters it lacks, in one weight."""

    primary: FontFace
    fallback: FontFace


def _register(name: str) -> FontFace:
    path = font_path(_FILES[name])
    try:
        font = TTFont(name, str(path))
    except Exception as error:  # reportlab raises plain Exception/TTFError on bad files
        raise FontError(f"cannot load the bundled font {path.name}: {error}") from error
    pdfmetrics.registerFont(font)
    face = font.face
    return FontFace(name, frozenset(face.charToGlyph), float(face.ascent), float(face.descent))


@cache
def _faces() -> dict[str, FontFace]:
    with _lock:
        return {name: _register(name) for name in _FILES}


def register_fonts() -> None:
    """Register every bundled font with reportlab (idempotent, cheap after the first call)."""
    _faces()


def face(name: str) -> FontFace:
    return _faces()[name]


def pair(bold: bool) -> FontPair:
    faces = _faces()
    if bold:
        return FontPair(faces[PRIMARY_BOLD], faces[FALLBACK_BOLD])
    return FontPair(faces[PRIMARY_REGULAR], faces[FALLBACK_REGULAR])


def is_bold(role: FontRole) -> bool:
    return theme.FONTS[role].bold


def primary_name(role: FontRole) -> str:
    """The registry name of the font a role is set in (bold roles use the Bold TTF)."""
    return PRIMARY_BOLD if is_bold(role) else PRIMARY_REGULAR


def size(role: FontRole) -> float:
    return float(theme.FONTS[role].size)
