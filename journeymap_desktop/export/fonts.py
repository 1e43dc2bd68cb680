"""The bundled TrueType fonts, registered with reportlab once, under the names text runs use.

What is measured and which face draws which character is decided in `layout.typeface` and
`layout.textruns` (the same for screen and paper); reportlab only embeds the faces. It embeds a
subset of every TTFont it draws with, so no font is ever referenced without being embedded.
"""

from __future__ import annotations

import threading
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from journeymap_desktop.layout import typeface
from journeymap_desktop.layout.typeface import (
    CJK,
    FALLBACK_BOLD,
    FALLBACK_REGULAR,
    PRIMARY_BOLD,
    PRIMARY_REGULAR,
    FontError,
    FontFace,
    FontPair,
    face,
    pair,
    primary_name,
)

__all__ = [
    "CJK",
    "FALLBACK_BOLD",
    "FALLBACK_REGULAR",
    "PRIMARY_BOLD",
    "PRIMARY_REGULAR",
    "FontError",
    "FontFace",
    "FontPair",
    "face",
    "pair",
    "primary_name",
    "register_fonts",
]

_lock = threading.Lock()  # the GUI may export from a worker thread
# Read by reportlab only when a text uses them: the CJK face is 4 MB, and most maps need
# neither it nor the fallback faces (Hebrew, Arabic, symbols), which cost ~40 ms each to read.
LAZY = frozenset({typeface.CJK, typeface.FALLBACK_REGULAR, typeface.FALLBACK_BOLD})


def _register(name: str) -> None:
    path = typeface.face(name).path
    try:
        font = TTFont(name, str(path))
    except Exception as error:  # reportlab raises plain Exception/TTFError on bad files
        raise FontError(f"cannot load the bundled font {path.name}: {error}") from error
    pdfmetrics.registerFont(font)


@cache
def _registered() -> bool:
    with _lock:
        for name in typeface.FACES:
            if name not in LAZY:
                _register(name)
    return True


@cache
def _registered_lazily(name: str) -> bool:
    with _lock:
        _register(name)
    return True


def register_fonts() -> None:
    """Register the bundled fonts with reportlab (idempotent, cheap after the first call).
    The large CJK face is registered when a text first needs it (`ensure`)."""
    _registered()


def ensure(name: str) -> None:
    """Make sure the face a text run names is registered."""
    if name in LAZY:
        _registered_lazily(name)
