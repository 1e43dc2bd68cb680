"""PDF path and text operators as strings, written with `Canvas.addLiteral`.

Why: reportlab formats every coordinate with a pure-Python `fp_str` unless its optional C
accelerator is installed (it is not a dependency here), and that formatting is most of the time
of a poster with thousands of cards. Building the few operators a card needs with f-strings is
several times faster, and the output is the same PDF. Colours are still set through the
canvas's own colour objects (see Palette.fill_op), so CMYK output stays CMYK.
"""

from __future__ import annotations

from collections.abc import Sequence

from journeymap_desktop.layout.shapes import Point

KAPPA = 0.5522847498  # control point distance of a quarter circle drawn as one Bézier


def rect(x: float, y: float, w: float, h: float) -> str:
    return f"{x:.2f} {y:.2f} {w:.2f} {h:.2f} re"


def round_rect(x: float, y: float, w: float, h: float, r: float) -> str:
    r = max(0.0, min(r, w / 2, h / 2))
    k = r * (1 - KAPPA)
    x1, y1 = x + w, y + h
    return (
        f"{x + r:.2f} {y:.2f} m {x1 - r:.2f} {y:.2f} l "
        f"{x1 - k:.2f} {y:.2f} {x1:.2f} {y + k:.2f} {x1:.2f} {y + r:.2f} c "
        f"{x1:.2f} {y1 - r:.2f} l "
        f"{x1:.2f} {y1 - k:.2f} {x1 - k:.2f} {y1:.2f} {x1 - r:.2f} {y1:.2f} c "
        f"{x + r:.2f} {y1:.2f} l "
        f"{x + k:.2f} {y1:.2f} {x:.2f} {y1 - k:.2f} {x:.2f} {y1 - r:.2f} c "
        f"{x:.2f} {y + r:.2f} l "
        f"{x:.2f} {y + k:.2f} {x + k:.2f} {y:.2f} {x + r:.2f} {y:.2f} c h"
    )


def circle(cx: float, cy: float, r: float) -> str:
    k = r * KAPPA
    return (
        f"{cx + r:.2f} {cy:.2f} m "
        f"{cx + r:.2f} {cy + k:.2f} {cx + k:.2f} {cy + r:.2f} {cx:.2f} {cy + r:.2f} c "
        f"{cx - k:.2f} {cy + r:.2f} {cx - r:.2f} {cy + k:.2f} {cx - r:.2f} {cy:.2f} c "
        f"{cx - r:.2f} {cy - k:.2f} {cx - k:.2f} {cy - r:.2f} {cx:.2f} {cy - r:.2f} c "
        f"{cx + k:.2f} {cy - r:.2f} {cx + r:.2f} {cy - k:.2f} {cx + r:.2f} {cy:.2f} c h"
    )


def polygon(points: Sequence[Point]) -> str:
    first, *rest = points
    parts = [f"{first[0]:.2f} {first[1]:.2f} m"]
    parts += [f"{x:.2f} {y:.2f} l" for x, y in rest]
    parts.append("h")
    return " ".join(parts)


def lines(segments: Sequence[tuple[float, float, float, float]]) -> str:
    return " ".join(f"{x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l" for x1, y1, x2, y2 in segments)


def translate(x: float, y: float) -> str:
    return f"1 0 0 1 {x:.2f} {y:.2f} cm"


def utf16_hex(text: str) -> str:
    """A PDF text string in UTF-16 with its byte-order mark, as hex (no escaping needed)."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"
