"""Theme colours (#RRGGBB) as reportlab colours, in RGB or, for print shops, CMYK.

The CMYK conversion is the naive device one (no ICC profile: the app ships none and a print
shop converts with its own anyway); neutral greys go to the black plate only, so grey text and
hairlines do not print as four colours that can misregister.
"""

from __future__ import annotations

from reportlab.lib.colors import CMYKColor, Color

from journeymap_desktop.layout import theme

_NEUTRAL_TOLERANCE = 0.035


def rgb_to_cmyk(r: float, g: float, b: float) -> tuple[float, float, float, float]:
    if max(r, g, b) - min(r, g, b) <= _NEUTRAL_TOLERANCE:
        return (0.0, 0.0, 0.0, round(1 - (r + g + b) / 3, 4))
    k = 1 - max(r, g, b)
    if k >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    c, m, y = (round((1 - v - k) / (1 - k), 4) for v in (r, g, b))
    return (c, m, y, round(k, 4))


class Palette:
    """Converts and caches colours for one export."""

    def __init__(self, cmyk: bool) -> None:
        self.cmyk = cmyk
        self._cache: dict[str, Color] = {}
        self._ops: dict[tuple[str, bool], str] = {}

    def __call__(self, hex_colour: str) -> Color:
        found = self._cache.get(hex_colour)
        if found is None:
            r, g, b = theme.hex_to_rgb(hex_colour)
            found = CMYKColor(*rgb_to_cmyk(r, g, b)) if self.cmyk else Color(r, g, b)
            self._cache[hex_colour] = found
        return found


    def fill_op(self, hex_colour: str) -> str:
        """The PDF operator that sets this fill colour (for literal operator strings)."""
        return self._op(hex_colour, stroke=False)

    def stroke_op(self, hex_colour: str) -> str:
        return self._op(hex_colour, stroke=True)

    def _op(self, hex_colour: str, stroke: bool) -> str:
        key = (hex_colour, stroke)
        found = self._ops.get(key)
        if found is None:
            colour = self(hex_colour)
            if isinstance(colour, CMYKColor):
                cmyk = (colour.cyan, colour.magenta, colour.yellow, colour.black)
                found = " ".join(f"{v:.4f}" for v in cmyk) + (" K" if stroke else " k")
            else:
                rgb = (colour.red, colour.green, colour.blue)
                found = " ".join(f"{v:.4f}" for v in rgb) + (" RG" if stroke else " rg")
            self._ops[key] = found
        return found


def mix(colour: str, other: str, amount: float) -> str:
    """`colour` moved `amount` (0..1) of the way towards `other`."""
    a = theme.hex_to_rgb(colour)
    b = theme.hex_to_rgb(other)
    return theme.rgb_to_hex(tuple(x + (y - x) * amount for x, y in zip(a, b, strict=True)))  # type: ignore[arg-type]
